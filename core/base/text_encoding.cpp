#include "core/base/text_encoding.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/base/text.hpp"

namespace ivd {
namespace detail {
// Generated at build time by scripts/make_gbk_table.mjs (see cmake/core_generated.cmake).
extern const uint16_t kGbkToUnicode[126 * 191];
}  // namespace detail

namespace {

constexpr int kTrails = 191;  // trail bytes 0x40..0xFE

uint16_t gbk_pair(unsigned char lead, unsigned char trail) {
  if (lead < 0x81 || lead > 0xFE || trail < 0x40 || trail > 0xFE) return 0;
  return detail::kGbkToUnicode[(lead - 0x81) * kTrails + (trail - 0x40)];
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes one code point of valid UTF-8 at s[i], advancing i. Caller guarantees validity.
uint32_t next_code_point(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  uint32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra && i < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Unicode -> GBK pairs sorted by code point, built once from the generated table.
const std::vector<std::pair<uint16_t, uint16_t>>& unicode_to_gbk() {
  static const std::vector<std::pair<uint16_t, uint16_t>> table = [] {
    std::vector<std::pair<uint16_t, uint16_t>> t;
    t.reserve(22000);
    for (int i = 0; i < 126 * kTrails; ++i) {
      if (uint16_t u = detail::kGbkToUnicode[i]) {
        auto bytes = static_cast<uint16_t>(((0x81 + i / kTrails) << 8) | (0x40 + i % kTrails));
        t.emplace_back(u, bytes);
      }
    }
    std::stable_sort(t.begin(), t.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return t;
  }();
  return table;
}

}  // namespace

std::string_view encoding_name(TextEncoding e) {
  switch (e) {
    case TextEncoding::utf8: return "UTF-8";
    case TextEncoding::utf8_bom: return "UTF-8 (BOM)";
    case TextEncoding::gbk: return "GBK";
  }
  return "UTF-8";
}

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;  // continuation byte first, overlong C0/C1, or F5..FF
    }
    if (i + extra >= s.size()) return false;  // truncated sequence
    for (int k = 1; k <= extra; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))) return false;  // overlong
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;                                                    // surrogate
    i += extra + 1;
  }
  return true;
}

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (char ch : s)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

std::optional<std::string> gbk_to_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 2);
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c == 0x80) {
      append_utf8(out, 0x20AC);  // CP936 single-byte euro sign
    } else {
      if (i + 1 >= s.size()) return std::nullopt;
      uint16_t u = gbk_pair(c, static_cast<unsigned char>(s[i + 1]));
      if (u == 0) return std::nullopt;
      append_utf8(out, u);
      ++i;
    }
  }
  return out;
}

std::optional<std::string> utf8_to_gbk(std::string_view s) {
  if (!is_valid_utf8(s)) return std::nullopt;
  const auto& table = unicode_to_gbk();
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    uint32_t cp = next_code_point(s, i);
    if (cp < 0x80) {
      out += static_cast<char>(cp);
      continue;
    }
    if (cp == 0x20AC) {
      out += static_cast<char>(0x80);
      continue;
    }
    if (cp > 0xFFFF) return std::nullopt;
    auto it = std::lower_bound(table.begin(), table.end(), static_cast<uint16_t>(cp),
                               [](const auto& e, uint16_t v) { return e.first < v; });
    if (it == table.end() || it->first != cp) return std::nullopt;
    out += static_cast<char>(it->second >> 8);
    out += static_cast<char>(it->second & 0xFF);
  }
  return out;
}

Result<DecodedText> decode_text_file(std::string_view bytes) {
  // Files that are clearly not text: say what they look like, the most common mistake being an
  // Excel workbook uploaded instead of its CSV export.
  if (starts_with(bytes, "PK\x03\x04") || starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
    return make_error(ErrorKind::bad_request, "file.excel_workbook");
  if (starts_with(bytes, "\x89PNG") || starts_with(bytes, "\xFF\xD8\xFF") || starts_with(bytes, "%PDF-") ||
      starts_with(bytes, "GIF8"))
    return make_error(ErrorKind::bad_request, "file.binary");
  if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF"))
    return make_error(ErrorKind::bad_request, "file.encoding");  // UTF-16 ("Unicode 文本")

  DecodedText out;
  std::string_view body = bytes;
  if (starts_with(body, "\xEF\xBB\xBF")) {
    body.remove_prefix(3);
    out.encoding = TextEncoding::utf8_bom;
  }
  // Control bytes never occur in a CSV (GBK trail bytes are >= 0x40, so this holds for both encodings).
  for (char ch : body) {
    auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
      return make_error(ErrorKind::bad_request, "file.binary");
  }
  if (is_valid_utf8(body)) {
    out.utf8.assign(body);
  } else if (out.encoding == TextEncoding::utf8_bom) {
    return make_error(ErrorKind::bad_request, "file.encoding");  // a BOM promises UTF-8
  } else if (auto g = gbk_to_utf8(body)) {
    out.utf8 = std::move(*g);
    out.encoding = TextEncoding::gbk;
  } else {
    return make_error(ErrorKind::bad_request, "file.encoding");
  }
  if (is_blank(out.utf8)) return make_error(ErrorKind::bad_request, "file.empty");
  return out;
}

}  // namespace ivd
