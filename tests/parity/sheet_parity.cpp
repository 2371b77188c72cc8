// Prints a digest of the sheet rules' results on N generated sheets: full validation in both modes,
// the JSON form of the reports, and incremental validation under random edits. The same program is
// built natively and to wasm; run_parity.sh compares the two outputs, which must be identical.
//
//   sheet_parity [sheets=3000] [seed=20250601]
//
// Exits 1 if incremental validation ever disagrees with full validation, or a sheet does not survive a
// JSON round trip (those are bugs regardless of the platform).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/ivd/sheet/quantity.hpp"
#include "core/ivd/sheet/sheet_model.hpp"
#include "core/org/phone.hpp"
#include "core/ivd/sheet/sheet_rules.hpp"
#include "core/ivd/sheet/sheet_validator.hpp"
#include "tests/parity/sheet_gen.hpp"

using namespace ivd;
using namespace ivd::sheet_gen;

int main(int argc, char** argv) {
  const uint64_t sheets = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 3000;
  const uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20250601;

  Fnv1a digest;
  uint64_t lines = 0, filled_cells = 0, edits = 0, edit_items = 0;
  uint64_t errors[2] = {0, 0}, warnings[2] = {0, 0};
  uint64_t per_rule[std::size(kAllSheetRules)] = {};
  uint64_t mismatches = 0, roundtrip_failures = 0;

  for (uint64_t k = 0; k < sheets; ++k) {
    Prng r(seed * 0x100000001b3ull + k);
    // Mostly small sheets; every 100th a large one (a whole catalog) so groups span "pages".
    const size_t n = k % 100 == 0 ? 2000 + r.below(2000) : 1 + r.below(200);
    SheetShape shape{n, static_cast<unsigned>(20 + r.below(60)), static_cast<unsigned>(r.below(30))};
    const Sheet sheet = generate_sheet(r, shape);
    lines += sheet.lines.size();
    for (const auto& l : sheet.lines) {
      filled_cells += !is_blank(l.last_year_text) + !is_blank(l.demand_text);
      // The number each cell reads as, straight from the parser.
      const Quantity a = parse_quantity(l.last_year_text), b = parse_quantity(l.demand_text);
      digest.add(static_cast<int64_t>(a.status) * 1'000'000'000'000 + a.value);
      digest.add(static_cast<int64_t>(b.status) * 1'000'000'000'000 + b.value);
      if (auto p = change_percent_hundredths(a.value, b.value)) digest.add(*p);
    }
    digest.add(static_cast<int64_t>(classify_phone(sheet.submission.contact_phone)));

    for (int m = 0; m < 2; ++m) {
      const SheetMode mode = m == 0 ? SheetMode::draft : SheetMode::submit;
      const SheetReport rep = validate_sheet(sheet, mode);
      errors[m] += rep.errors;
      warnings[m] += rep.warnings;
      for (const auto& it : rep.items) {
        digest.add_item(it);
        ++per_rule[static_cast<size_t>(it.rule)];
      }
      if (k % 10 == 0) digest.add(to_json(rep).dump());
    }

    auto back = sheet_from_json_text(sheet_to_json(sheet).dump());
    if (!back.ok() || !(*back == sheet)) ++roundtrip_failures;

    SheetValidator v(sheet, SheetMode::draft);
    for (int e = 0; e < 20; ++e) {
      const Edit edit = random_edit(r, v.sheet());
      SheetDiff d;
      if (!apply_edit(v, edit, &d)) {
        digest.add(std::string_view("refused"));
        continue;
      }
      ++edits;
      for (const auto& it : d.removed) digest.add_item(it), ++edit_items;
      for (const auto& it : d.added) digest.add_item(it), ++edit_items;
      if (v.items() != validate_sheet(v.sheet(), v.mode()).items) ++mismatches;
    }
  }

  std::printf("sheet_parity sheets=%llu seed=%llu\n", static_cast<unsigned long long>(sheets),
              static_cast<unsigned long long>(seed));
  std::printf("lines=%llu filled_cells=%llu\n", static_cast<unsigned long long>(lines),
              static_cast<unsigned long long>(filled_cells));
  std::printf("draft: errors=%llu warnings=%llu\n", static_cast<unsigned long long>(errors[0]),
              static_cast<unsigned long long>(warnings[0]));
  std::printf("submit: errors=%llu warnings=%llu\n", static_cast<unsigned long long>(errors[1]),
              static_cast<unsigned long long>(warnings[1]));
  for (SheetRule rule : kAllSheetRules)
    std::printf("%.*s=%llu\n", static_cast<int>(rule_id(rule).size()), rule_id(rule).data(),
                static_cast<unsigned long long>(per_rule[static_cast<size_t>(rule)]));
  std::printf("edits=%llu edit_items=%llu incremental_mismatches=%llu roundtrip_failures=%llu\n",
              static_cast<unsigned long long>(edits), static_cast<unsigned long long>(edit_items),
              static_cast<unsigned long long>(mismatches), static_cast<unsigned long long>(roundtrip_failures));
  std::printf("digest=fnv1a64:%s\n", digest.hex().c_str());
  return mismatches == 0 && roundtrip_failures == 0 ? 0 : 1;
}
