#include "core/supply/supply_calendar.hpp"

namespace ivd {

namespace {
int weekday(int64_t day) {  // 0 = Sunday; 1970-01-01 was a Thursday
  return static_cast<int>(((day % 7) + 7 + 4) % 7);
}
}  // namespace

bool SupplyCalendar::is_workday(int64_t day) const {
  const int w = weekday(day);
  return w != 0 && w != 6;
}

int64_t SupplyCalendar::add_workdays(int64_t day, int n) const {
  while (n > 0) {
    ++day;
    if (is_workday(day)) --n;
  }
  return day;
}

int SupplyCalendar::workdays_between(int64_t from, int64_t to) const {
  int n = 0;
  for (int64_t d = from + 1; d <= to; ++d) n += is_workday(d) ? 1 : 0;
  return n;
}

bool SupplyCalendar::covers(int) const { return false; }
std::vector<int> SupplyCalendar::covered_years() const { return {}; }

std::shared_ptr<const SupplyCalendar> supply_calendar() {
  static const auto cal = std::make_shared<const SupplyCalendar>();
  return cal;
}

}  // namespace ivd
