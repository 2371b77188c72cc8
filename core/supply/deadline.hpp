#pragma once
// The enterprise's deadline (docs/api-supply.md "Deadline"; SPEC §3; manual 生产/代理企业 注意事项 2):
// the admin's 确认 sets it to the 5th working day after the day of the confirmation (CST); the
// enterprise may act up to the end of that day; from the next day on the feedback is 未解决 (超时).
// 剩余处理天数 = the working days after today up to and including the deadline: 5 on the day of the
// confirmation, 0 on the deadline day.
//
// Days are day numbers (days since 1970-01-01) in CST; the database keeps the deadline as one, so the
// timeout on read and the sweep are a comparison with today.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/supply/supply_calendar.hpp"

namespace ivd {

inline constexpr int kAnswerWorkdays = 5;

// The CST day of a unix time.
int64_t cst_day_of(int64_t unix_seconds);
// "YYYY-MM-DD" of a day number, and back (nullopt for anything but a valid date).
std::string day_text(int64_t day);
std::optional<int64_t> parse_day_text(std::string_view text);

// The deadline set by an admin's 确认 on confirm_day.
int64_t deadline_after(const SupplyCalendar& cal, int64_t confirm_day);
// The deadline has passed: today is after it.
inline bool deadline_passed(int64_t deadline_day, int64_t today) { return today > deadline_day; }
// 剩余处理天数 on `today` (0 on the deadline day; 0 too once passed).
int remaining_workdays(const SupplyCalendar& cal, int64_t today, int64_t deadline_day);

}  // namespace ivd
