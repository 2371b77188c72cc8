#include "core/ivd/sheet/quantity.hpp"

#include <cmath>

namespace ivd {

Quantity parse_quantity(std::string_view text) {
  const std::string_view t = trim_space(text);
  if (t.empty()) return {};
  Quantity bad{QuantityStatus::bad_format, 0};

  int64_t value = 0;
  int significant = 0;      // digits after leading zeros
  int group_digits = 0;     // digits since the last separator (or the start)
  bool seen_separator = false;
  bool any_digit = false;
  for (size_t i = 0; i < t.size();) {
    const auto c = static_cast<unsigned char>(t[i]);
    int digit = -1;
    bool separator = false;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
      i += 1;
    } else if (c == ',') {
      separator = true;
      i += 1;
    } else if (c == 0xEF && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xBC) {
      const auto c2 = static_cast<unsigned char>(t[i + 2]);
      if (c2 >= 0x90 && c2 <= 0x99) digit = c2 - 0x90;  // U+FF10..U+FF19 full-width digits
      else if (c2 == 0x8C) separator = true;             // U+FF0C full-width comma
      else return bad;
      i += 3;
    } else if (c == 0xEF && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xB9 &&
               static_cast<unsigned char>(t[i + 2]) == 0x90) {
      separator = true;  // U+FE50 small comma
      i += 3;
    } else {
      return bad;
    }
    if (separator) {
      // 1-3 digits before the first separator, exactly 3 between later ones.
      if (!any_digit || group_digits > 3 || (seen_separator && group_digits != 3)) return bad;
      seen_separator = true;
      group_digits = 0;
      continue;
    }
    any_digit = true;
    ++group_digits;
    if (significant > 0 || digit != 0) {
      ++significant;
      if (significant <= 9) value = value * 10 + digit;
    }
  }
  if (seen_separator && group_digits != 3) return bad;  // also refuses a trailing separator
  if (significant > 9) return {QuantityStatus::out_of_range, 0};
  return {QuantityStatus::ok, value};
}

std::optional<int64_t> change_percent_hundredths(int64_t last, int64_t demand) {
  if (last <= 0) return std::nullopt;
  const int64_t diff = demand - last;
  const int64_t mag = diff < 0 ? -diff : diff;
  // round(mag * 10000 / last) half away from zero; mag <= 1e9 so mag * 20000 fits easily.
  const int64_t q = (mag * 20000 + last) / (2 * last);
  return diff < 0 ? -q : q;
}

std::optional<double> change_percent(int64_t last, int64_t demand) {
  if (last <= 0) return std::nullopt;
  return static_cast<double>(demand - last) * 100.0 / static_cast<double>(last);
}

int64_t threshold_hundredths(double percent) {
  if (!(percent > 0)) return 0;  // also NaN
  if (percent > kMaxThresholdPercent) percent = kMaxThresholdPercent;
  return std::llround(percent * 100.0);
}

bool change_needs_note(int64_t last, int64_t demand, int64_t threshold) {
  if (last < 0 || demand < 0) return false;
  if (last == 0) return demand > 0;
  const int64_t diff = demand > last ? demand - last : last - demand;
  // |d - l| / l * 100 > T/100  <=>  |d - l| * 10000 > T * l   (T <= 1e8, l <= 1e9: no overflow)
  return diff * 10000 > threshold * last;
}

std::string format_hundredths(int64_t h, bool with_sign) {
  std::string out;
  if (h < 0) out += '-';
  else if (with_sign && h > 0) out += '+';
  const uint64_t mag = h < 0 ? static_cast<uint64_t>(-(h + 1)) + 1 : static_cast<uint64_t>(h);
  out += std::to_string(mag / 100);
  const auto frac = static_cast<unsigned>(mag % 100);
  if (frac != 0) {
    out += '.';
    out += static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
  }
  return out;
}

}  // namespace ivd
