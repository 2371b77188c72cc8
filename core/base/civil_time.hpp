#pragma once
// Civil time in China Standard Time. SPEC §4: times are shown in CST (UTC+8, no daylight saving).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ivd {

std::string format_cst(int64_t unix_seconds);  // "2026-05-28 10:00:00"
// Reads "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" (also with 'T') as CST.
std::optional<int64_t> parse_cst(std::string_view text);

// ---- calendar days --------------------------------------------------------------------------------
// A calendar day is counted as its day number: days since 1970-01-01 (day 0), so "the next day" is +1
// and day arithmetic is integer arithmetic. The working-day calendar (core/base/work_calendar) and
// deadlines count in day numbers; the wire carries "YYYY-MM-DD".
struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};
int64_t day_number(int year, int month, int day);  // no range check: 2026-02-30 is 2026-03-02
CivilDate civil_date(int64_t day_number);
int weekday(int64_t day_number);                   // 0 = Sunday, 1 = Monday ... 6 = Saturday
bool valid_civil_date(int year, int month, int day);
// Reads exactly "YYYY-MM-DD" (a real date of the years 1000-9999); nullopt otherwise.
std::optional<int64_t> parse_date(std::string_view text);
std::string format_date(int64_t day_number);       // "2026-10-08"
int64_t cst_day(int64_t unix_seconds);             // the day number of the CST date of a moment

}  // namespace ivd
