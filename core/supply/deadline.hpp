#pragma once
// The enterprise's deadline (docs/api-supply.md "Deadline"; SPEC §3; manual 生产/代理企业 注意事项 2):
// the admin's 确认 sets it to the 5th working day after the day of the confirmation (CST); the
// enterprise may act up to the end of that day; from the next day on the feedback is 未解决 (超时).
// 剩余处理天数 = the working days after today up to and including the deadline: 5 on the day of the
// confirmation, 0 on the deadline day.
//
// Days are day numbers (core/base/civil_time.hpp: cst_day, format_date, parse_date); the working days
// are the official calendar of core/base/work_calendar.hpp (chinese-days, plus imported years). The
// database keeps the deadline as a day number, so the timeout on read and the sweep compare it with
// today.
#include <cstdint>

#include "core/base/civil_time.hpp"
#include "core/base/work_calendar.hpp"

namespace ivd {

inline constexpr int kAnswerWorkdays = 5;

// The deadline set by an admin's 确认 on confirm_day.
inline int64_t deadline_after(const WorkCalendar& cal, int64_t confirm_day) {
  return cal.add_workdays(confirm_day, kAnswerWorkdays);
}
// The deadline has passed: today is after it.
inline bool deadline_passed(int64_t deadline_day, int64_t today) { return today > deadline_day; }
// 剩余处理天数 on `today` (0 on the deadline day; 0 too once passed).
inline int remaining_workdays(const WorkCalendar& cal, int64_t today, int64_t deadline_day) {
  return cal.workdays_between(today, deadline_day);
}

}  // namespace ivd
