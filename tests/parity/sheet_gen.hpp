#pragma once
// Deterministic random hospital sheets and edits, for the parity check (native vs wasm), the
// incremental-validation property test and the benchmarks. Only integer arithmetic on a PRNG written
// here (SplitMix64), so both builds generate the same bytes from the same seed.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/ivd/sheet/sheet_model.hpp"
#include "core/ivd/sheet/sheet_rules.hpp"
#include "core/ivd/sheet/sheet_validator.hpp"

namespace ivd::sheet_gen {

class Prng {
 public:
  explicit Prng(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n) (n > 0); the modulo bias is irrelevant here.
  uint64_t below(uint64_t n) { return next() % n; }
  int64_t range(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1))); }
  // True with probability percent / 100.
  bool chance(unsigned percent) { return below(100) < percent; }
  template <class T, size_t N>
  const T& pick(const T (&items)[N]) { return items[below(N)]; }

 private:
  uint64_t s_;
};

// prefix followed by a number ("XJ" 12 -> "XJ12"), appended rather than operator+(const char*, string&&),
// which trips GCC 12's -Wrestrict false positive.
inline std::string numbered(std::string_view prefix, uint64_t n) {
  std::string out(prefix);
  out += std::to_string(n);
  return out;
}

inline std::string to_fullwidth(std::string_view ascii_digits) {
  std::string out;
  for (char c : ascii_digits) {
    if (c >= '0' && c <= '9') {
      out += "\xEF\xBC";
      out += static_cast<char>(0x90 + (c - '0'));
    } else if (c == ',') {
      out += "\xEF\xBC\x8C";  // ，
    } else {
      out += c;
    }
  }
  return out;
}

inline std::string with_separators(int64_t v, std::string_view sep) {
  std::string digits = std::to_string(v);
  std::string out;
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return out;
}

// The ways a user writes a valid number.
inline std::string render_quantity(Prng& r, int64_t v) {
  switch (r.below(10)) {
    case 0: return with_separators(v, ",");
    case 1: return to_fullwidth(std::to_string(v));
    case 2: return to_fullwidth(with_separators(v, ","));
    case 3: return numbered(" ", static_cast<uint64_t>(v)) + " ";
    case 4: return numbered("\xE3\x80\x80", static_cast<uint64_t>(v));  // leading ideographic space
    case 5: return with_separators(v, "\xEF\xBC\x8C");
    default: return std::to_string(v);
  }
}

// Texts R-QTY-FORMAT refuses (and a few that look odd but are fine).
inline std::string odd_quantity(Prng& r) {
  static const char* const kOdd[] = {"12.5", "-1", "abc", "1000000000", "1,2345", "12,34", ",123", "123,",
                                     "1 234", "+5", "0x10", "１２.５", "9999999999999999999999", "999,999,999",
                                     "0001", "0", "   ", "1e3", "五十", "12３"};
  return kOdd[r.below(std::size(kOdd))];
}

inline std::string quantity_text(Prng& r, int64_t v) { return r.chance(4) ? odd_quantity(r) : render_quantity(r, v); }

inline Instrument random_instrument(Prng& r) {
  const auto k = r.below(10);
  return k < 6 ? Instrument::yes : k < 8 ? Instrument::no : Instrument::none;
}

inline std::string certificate_name(uint64_t id) {
  static const char* const kPrefix[] = {"国械注准", "国械注进", "苏械注准", "皖械注准"};
  return std::string(kPrefix[id % 4]) + std::to_string(20160000000ull + id * 7919ull);
}

inline std::string random_phone(Prng& r) {
  static const char* const kPhones[] = {"13812345678", "0551-12345678", "010-1234567", "010-12345678",
                                        "(0551)12345678", "0551-12345678-801", "+86 13912345678",
                                        "12345678901", "0551-123456", "138123456789", "phone", "",
                                        "１３８１２３４５６７８", "0551－12345678", "02112345678", "0551-02345678"};
  return kPhones[r.below(std::size(kPhones))];
}

struct SheetShape {
  size_t lines = 100;
  unsigned used_percent = 35;       // lines with any input
  unsigned scattered_percent = 10;  // lines whose 注册证 is reused far away (a group across pages)
};

// A sheet shaped like a catalog: runs of 流水号 under one 注册证, some 注册证 reused far away.
inline Sheet generate_sheet(Prng& r, const SheetShape& shape) {
  static const double kThresholds[] = {0, 10, 20, 30, 50, 12.5, 100, 33.33};
  Sheet s;
  s.threshold_percent = r.pick(kThresholds);
  s.lines.reserve(shape.lines);
  uint64_t cert_id = r.below(1000);
  uint64_t run_left = 0;
  const uint64_t serial_base = r.below(100000);
  for (size_t i = 0; i < shape.lines; ++i) {
    SheetLine l;
    l.serial = numbered("XJ", serial_base * 10000 + i);
    if (run_left == 0) {
      ++cert_id;
      run_left = 1 + r.below(6);
    }
    --run_left;
    if (r.chance(shape.scattered_percent)) l.certificate = certificate_name(cert_id - r.below(cert_id % 50 + 1));
    else if (r.chance(1)) l.certificate = "";
    else l.certificate = certificate_name(cert_id);
    if (r.chance(shape.used_percent)) {
      const int64_t last = r.chance(20) ? 0 : r.range(1, r.chance(10) ? 999'999'999 : 5000);
      int64_t demand = last;
      if (r.chance(50)) demand = last + last * r.range(-60, 80) / 100 + r.range(-3, 3);
      if (demand < 0) demand = 0;
      if (demand > 999'999'999) demand = 999'999'999;
      l.last_year_text = r.chance(8) ? "" : quantity_text(r, last);
      l.demand_text = r.chance(5) ? "" : quantity_text(r, demand);
      l.instrument = r.chance(6) ? Instrument::none : last > 0 && r.chance(90) ? Instrument::yes : random_instrument(r);
      if (r.chance(40)) l.change_note = r.chance(5) ? "  " : "新增检测项目";
    } else if (r.chance(3)) {
      l.instrument = random_instrument(r);  // an instrument chosen on an unused line
    }
    s.lines.push_back(std::move(l));
  }
  for (const auto& l : s.lines)
    if (l.instrument == Instrument::no && !l.certificate.empty() && r.chance(50))
      s.instrument_docs[l.certificate] = r.chance(5) ? " " : numbered("upload:", r.below(1'000'000));
  if (r.chance(70)) s.submission.contact_name = r.chance(5) ? " " : "张三";
  if (r.chance(70)) s.submission.contact_phone = random_phone(r);
  if (r.chance(60)) s.submission.commitment_letter = numbered("upload:c", r.below(1000));
  if (r.chance(60)) s.submission.demand_attachment = numbered("upload:d", r.below(1000));
  return s;
}

// One random change a user could make on the editing screen.
struct Edit {
  enum Kind { cell, submission, mode, threshold_change, doc } kind = cell;
  size_t line = 0;
  CellField field = CellField::last_year;
  SheetField submission_field = SheetField::contact_name;
  SheetMode new_mode = SheetMode::draft;
  double threshold = 0;
  std::string certificate;
  std::string value;
};

inline Edit random_edit(Prng& r, const Sheet& s) {
  Edit e;
  const auto k = r.below(100);
  if (k < 3) {
    e.kind = Edit::mode;
    e.new_mode = r.chance(50) ? SheetMode::draft : SheetMode::submit;
    return e;
  }
  if (k < 5) {
    static const double kT[] = {0, 10, 25, 30, 100, 7.5};
    e.kind = Edit::threshold_change;
    e.threshold = r.pick(kT);
    return e;
  }
  if (k < 9) {
    static const SheetField kF[] = {SheetField::contact_name, SheetField::contact_phone, SheetField::commitment_letter,
                                    SheetField::demand_attachment};
    e.kind = Edit::submission;
    e.submission_field = r.pick(kF);
    e.value = e.submission_field == SheetField::contact_phone ? random_phone(r) : r.chance(30) ? "" : "x";
    return e;
  }
  if (k < 12 || s.lines.empty()) {
    e.kind = Edit::doc;
    e.certificate = s.lines.empty() ? "none" : s.lines[r.below(s.lines.size())].certificate;
    e.value = r.chance(40) ? "" : numbered("upload:", r.below(100));
    return e;
  }
  e.kind = Edit::cell;
  e.line = r.below(s.lines.size());
  const auto f = r.below(100);
  if (f < 30) {
    e.field = CellField::last_year;
    e.value = r.chance(15) ? "" : quantity_text(r, r.chance(15) ? 0 : r.range(1, 3000));
  } else if (f < 60) {
    e.field = CellField::demand;
    e.value = r.chance(15) ? "" : quantity_text(r, r.chance(15) ? 0 : r.range(1, 3000));
  } else if (f < 85) {
    static const char* const kI[] = {"是", "否", "", "yes", "no"};
    e.field = CellField::instrument;
    e.value = r.pick(kI);
  } else if (f < 95) {
    e.field = CellField::change_note;
    e.value = r.chance(50) ? "" : "说明";
  } else {
    e.field = CellField::instrument_doc;
    e.value = r.chance(50) ? "" : numbered("upload:", r.below(100));
  }
  return e;
}

// Applies an edit; false when the validator refused it (e.g. instrument_doc on a line without 注册证).
inline bool apply_edit(SheetValidator& v, const Edit& e, SheetDiff* diff_out = nullptr) {
  SheetDiff d;
  switch (e.kind) {
    case Edit::cell: {
      auto r = v.edit_cell(e.line, e.field, e.value);
      if (!r.ok()) return false;
      d = std::move(r.value());
      break;
    }
    case Edit::submission: {
      auto r = v.set_submission_field(e.submission_field, e.value);
      if (!r.ok()) return false;
      d = std::move(r.value());
      break;
    }
    case Edit::mode: d = v.set_mode(e.new_mode); break;
    case Edit::threshold_change: {
      auto r = v.set_threshold_percent(e.threshold);
      if (!r.ok()) return false;
      d = std::move(r.value());
      break;
    }
    case Edit::doc: d = v.set_instrument_doc(e.certificate, e.value); break;
  }
  if (diff_out) *diff_out = std::move(d);
  return true;
}

// FNV-1a 64 over bytes, for digests that must match across builds.
struct Fnv1a {
  uint64_t h = 0xcbf29ce484222325ull;
  void add(std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 0x100000001b3ull;
    }
    add_byte(0xff);  // separator, so ("ab","c") and ("a","bc") differ
  }
  void add_byte(unsigned char c) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  void add(int64_t v) {
    for (int i = 0; i < 8; ++i) add_byte(static_cast<unsigned char>(static_cast<uint64_t>(v) >> (8 * i)));
  }
  void add_item(const SheetItem& it) {
    add(it.rule_id());
    add(static_cast<int64_t>(it.line));
    add(it.serial);
    add(it.certificate);
    add(it.field_name());
    add(severity_name(it.severity));
    add(it.message_zh());
    add(it.message_en());
  }
  std::string hex() const {
    static const char* const kHex = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 0; i < 16; ++i) out[15 - i] = kHex[(h >> (4 * i)) & 0xf];
    return out;
  }
};

}  // namespace ivd::sheet_gen
