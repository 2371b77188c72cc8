#include "core/base/text.hpp"

namespace ivd {

namespace {

bool ascii_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// U+3000 = E3 80 80, U+00A0 = C2 A0.
bool ideographic_at(std::string_view t, size_t i) {
  return i + 3 <= t.size() && static_cast<unsigned char>(t[i]) == 0xE3 && static_cast<unsigned char>(t[i + 1]) == 0x80 &&
         static_cast<unsigned char>(t[i + 2]) == 0x80;
}
bool nbsp_at(std::string_view t, size_t i) {
  return i + 2 <= t.size() && static_cast<unsigned char>(t[i]) == 0xC2 && static_cast<unsigned char>(t[i + 1]) == 0xA0;
}

}  // namespace

size_t space_length_at(std::string_view t, size_t i) {
  if (i >= t.size()) return 0;
  if (ascii_space(static_cast<unsigned char>(t[i]))) return 1;
  if (ideographic_at(t, i)) return 3;
  if (nbsp_at(t, i)) return 2;
  return 0;
}

size_t space_length_before(std::string_view t, size_t end) {
  if (end == 0 || end > t.size()) return 0;
  if (ascii_space(static_cast<unsigned char>(t[end - 1]))) return 1;
  if (end >= 3 && ideographic_at(t, end - 3)) return 3;
  if (end >= 2 && nbsp_at(t, end - 2)) return 2;
  return 0;
}

std::string_view trim_space(std::string_view t) {
  size_t b = 0, e = t.size();
  while (b < e) {
    const size_t n = space_length_at(t, b);
    if (n == 0) break;
    b += n;
  }
  while (e > b) {
    const size_t n = space_length_before(t, e);
    if (n == 0) break;
    e -= n;
  }
  return t.substr(b, e - b);
}

std::string fold_width(std::string_view t) {
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size();) {
    const auto c = static_cast<unsigned char>(t[i]);
    // U+FF01..U+FF5E = EF BC 81..EF BC BF, EF BD 80..EF BD 9E; code point - 0xFEE0 is its ASCII form.
    if (c == 0xEF && i + 3 <= t.size()) {
      const auto c1 = static_cast<unsigned char>(t[i + 1]), c2 = static_cast<unsigned char>(t[i + 2]);
      const unsigned cp = 0xF000u | ((c1 & 0x3Fu) << 6) | (c2 & 0x3Fu);
      if ((c1 == 0xBC || c1 == 0xBD) && (c2 & 0xC0) == 0x80 && cp >= 0xFF01 && cp <= 0xFF5E) {
        out += static_cast<char>(cp - 0xFEE0);
        i += 3;
        continue;
      }
    }
    if (ideographic_at(t, i)) {
      out += ' ';
      i += 3;
      continue;
    }
    if (nbsp_at(t, i)) {
      out += ' ';
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
    ++i;
  }
  return out;
}

std::string fold_trim(std::string_view text) { return std::string(trim_space(fold_width(text))); }

}  // namespace ivd
