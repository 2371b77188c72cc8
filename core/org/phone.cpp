#include "core/org/phone.hpp"

#include <string>

#include "core/base/text.hpp"

namespace ivd {

namespace {

// ASCII form of the phone text: full-width forms and spaces folded (core/base/text.hpp), '转' as 'x',
// tabs as spaces, trimmed at both ends. Any other non-ASCII character becomes '?', which no pattern accepts.
std::string fold(std::string_view text) {
  const std::string t = fold_width(text);
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size();) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c < 0x80) {
      out += static_cast<char>(c == '\t' ? ' ' : c);
      i += 1;
      continue;
    }
    if (t.compare(i, 3, "\xE8\xBD\xAC") == 0) {  // 转 (extension)
      out += 'x';
      i += 3;
      continue;
    }
    out += '?';
    i += (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : (c >= 0xC0) ? 2 : 1;
  }
  return std::string(trim_space(out));
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Counts the digits at s[i...].
size_t digits_at(const std::string& s, size_t i) {
  size_t n = 0;
  while (i + n < s.size() && is_digit(s[i + n])) ++n;
  return n;
}

bool is_mobile(const std::string& s, size_t i) {
  return s.size() - i == 11 && digits_at(s, i) == 11 && s[i] == '1' && s[i + 1] >= '3' && s[i + 1] <= '9';
}

// Length of the area code starting at s[i] (which must be '0'), 0 when there is none.
size_t area_code_len(const std::string& s, size_t i) {
  const size_t n = digits_at(s, i);
  if (n < 3 || s[i] != '0') return 0;
  if (s[i + 1] == '1') return s[i + 2] == '0' ? 3 : 0;  // 010 Beijing; 01X otherwise unused
  if (s[i + 1] == '2') return 3;                        // 020-029
  if (s[i + 1] >= '3' && s[i + 1] <= '9') return n >= 4 ? 4 : 0;
  return 0;
}

bool is_landline(const std::string& s) {
  size_t i = 0;
  size_t area = 0;
  if (!s.empty() && s[0] == '(') {
    area = area_code_len(s, 1);
    if (area == 0 || digits_at(s, 1) != area || 1 + area >= s.size() || s[1 + area] != ')') return false;
    i = area + 2;
    if (i < s.size() && (s[i] == ' ' || s[i] == '-')) ++i;
  } else {
    area = area_code_len(s, 0);
    if (area == 0) return false;
    i = area;
    if (i < s.size() && (s[i] == ' ' || s[i] == '-')) ++i;
  }
  const size_t local = digits_at(s, i);
  // Without a separator the digits run on: split after the area code.
  if (local < 7 || local > 8 || s[i] == '0') return false;
  i += local;
  if (i == s.size()) return true;
  if (s[i] != '-' && s[i] != 'x') return false;
  ++i;
  const size_t ext = digits_at(s, i);
  return ext >= 1 && ext <= 6 && i + ext == s.size();
}

}  // namespace

PhoneKind classify_phone(std::string_view text) {
  const std::string s = fold(text);
  if (s.empty()) return PhoneKind::invalid;
  if (is_mobile(s, 0)) return PhoneKind::mobile;
  size_t p = 0;
  if (s[0] == '+') p = 1;
  if (s.compare(p, 2, "86") == 0) {
    size_t q = p + 2;
    if (q < s.size() && (s[q] == ' ' || s[q] == '-')) ++q;
    if (q < s.size() && is_mobile(s, q)) return PhoneKind::mobile;
  }
  return is_landline(s) ? PhoneKind::landline : PhoneKind::invalid;
}

}  // namespace ivd
