#include "core/supply/deadline.hpp"

#include <charconv>
#include <cstdio>

namespace ivd {

namespace {
constexpr int64_t kCstOffset = 8 * 3600;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
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

bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
}  // namespace

int64_t cst_day_of(int64_t unix_seconds) {
  const int64_t t = unix_seconds + kCstOffset;
  return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}

std::string day_text(int64_t day) {
  int64_t y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(day, y, m, d);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

std::optional<int64_t> parse_day_text(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto num = [&](size_t at, size_t n, int& out) {
    auto [p, ec] = std::from_chars(t.data() + at, t.data() + at + n, out);
    return ec == std::errc() && p == t.data() + at + n;
  };
  int y = 0, m = 0, d = 0;
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || m < 1 || m > 12 || d < 1) return std::nullopt;
  if (d > kDays[m - 1] + (m == 2 && leap(y) ? 1 : 0)) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

int64_t deadline_after(const SupplyCalendar& cal, int64_t confirm_day) {
  return cal.add_workdays(confirm_day, kAnswerWorkdays);
}

int remaining_workdays(const SupplyCalendar& cal, int64_t today, int64_t deadline_day) {
  return cal.workdays_between(today, deadline_day);
}

}  // namespace ivd
