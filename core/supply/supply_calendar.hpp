#pragma once
// The working-day calendar as the supply deadline uses it: which days are working days, counted with
// the official calendar of core/base (generated from npm chinese-days). Until that calendar is wired
// in, this counts weekends only; it holds no holiday data of its own.
#include <cstdint>
#include <memory>
#include <vector>

namespace ivd {

class SupplyCalendar {
 public:
  bool is_workday(int64_t day) const;
  // The n-th working day after day (day itself does not count).
  int64_t add_workdays(int64_t day, int n) const;
  // Working days d with from < d <= to (0 when to <= from).
  int workdays_between(int64_t from, int64_t to) const;
  bool covers(int year) const;
  std::vector<int> covered_years() const;
};

// The calendar of this process (one snapshot per request or sweep).
std::shared_ptr<const SupplyCalendar> supply_calendar();

}  // namespace ivd
