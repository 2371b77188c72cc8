#include "core/base/civil_time.hpp"

#include <cstdio>

namespace ivd {

// ---- time: civil dates from days since 1970-01-01 (H. Hinnant's algorithms) ------------------------
namespace {
constexpr int64_t kCstOffset = 8 * 3600;

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool read_digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}
}  // namespace

std::string format_cst(int64_t t) {
  const int64_t local = t + kCstOffset;
  const int64_t days = floor_div(local, 86400);
  const int64_t secs = local - days * 86400;
  int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02lld:%02lld:%02lld", static_cast<long long>(y), m, d,
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  return buf;
}

std::optional<int64_t> parse_cst(std::string_view s) {
  int y, mo, d, h = 0, mi = 0, se = 0;
  if (!read_digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !read_digits(s, 5, 2, mo) || s[7] != '-' ||
      !read_digits(s, 8, 2, d))
    return std::nullopt;
  if (s.size() > 10) {
    if ((s[10] != ' ' && s[10] != 'T') || !read_digits(s, 11, 2, h) || s.size() < 16 || s[13] != ':' ||
        !read_digits(s, 14, 2, mi))
      return std::nullopt;
    if (s.size() > 16) {
      if (s.size() != 19 || s[16] != ':' || !read_digits(s, 17, 2, se)) return std::nullopt;
    }
  }
  if (!valid_civil_date(y, mo, d) || h > 23 || mi > 59 || se > 59) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + se -
         kCstOffset;
}

int64_t day_number(int year, int month, int day) {
  // Months outside 1..12 and days past the month's end roll over, as the header says.
  int64_t y = year + floor_div(month - 1, 12);
  const unsigned m = static_cast<unsigned>(month - 1 - floor_div(month - 1, 12) * 12 + 1);
  return days_from_civil(y, m, 1) + (day - 1);
}

CivilDate civil_date(int64_t n) {
  int64_t y;
  unsigned m, d;
  civil_from_days(n, y, m, d);
  return CivilDate{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

int weekday(int64_t n) {
  // 1970-01-01 was a Thursday (4).
  const int64_t w = (n + 4) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

bool valid_civil_date(int y, int mo, int d) {
  if (mo < 1 || mo > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[mo - 1] && !(mo == 2 && d == 29 && !leap);
}

std::optional<int64_t> parse_date(std::string_view s) {
  int y, mo, d;
  if (s.size() != 10 || !read_digits(s, 0, 4, y) || s[4] != '-' || !read_digits(s, 5, 2, mo) || s[7] != '-' ||
      !read_digits(s, 8, 2, d) || y < 1000 || !valid_civil_date(y, mo, d))
    return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
}

std::string format_date(int64_t n) {
  int64_t y;
  unsigned m, d;
  civil_from_days(n, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

int64_t cst_day(int64_t unix_seconds) { return floor_div(unix_seconds + kCstOffset, 86400); }

}  // namespace ivd
