#pragma once
// The working-day calendar (SPEC §3 "剩余处理天数", issue 10 §3): which days are working days in China,
// with the official holidays and the working weekends of 调休. The enterprise answers within 5 working
// days of the admin's confirmation (docs/api-supply.md "Deadline").
//
// Where the days come from, later sources winning:
// 1. The official calendar of the npm package `chinese-days`, converted at build time into an embedded
//    CSV (scripts/make_work_calendar.mjs, cmake/core_generated.cmake): the browser and the server count
//    alike and nothing is hand-typed.
// 2. Years imported by operators (`server import calendar FILE.csv`, stored in the database by
//    core/store/calendar_store), when the State Council announces a year the package does not have yet.
// 3. For any other year: weekends only (Monday-Friday work), and the year is reported as not covered so
//    administrators can be warned (uncovered_years).
//
// Days are day numbers (core/base/civil_time.hpp: days since 1970-01-01); dates on the wire are
// "YYYY-MM-DD" (parse_date / format_date).
//
// The calendar file format (embedded data and imports alike; docs/api-supply.md "Working days"):
//   date,kind             header (also 日期,类型); an optional third column note/备注 is ignored
//   2027-01-01,holiday    a day off (a holiday on a weekday; listing one on a weekend is harmless)
//   2027-02-07,workday    a working day (调休: a working weekend)
// A file covers the years in which it has at least one holiday row (every announced year has 元旦); for
// those years it replaces the calendar entirely: days it does not list follow the weekend rule. A row
// in a year the file does not cover (a working Saturday in late December for the next 元旦) changes
// only that day.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/civil_time.hpp"
#include "core/base/result.hpp"

namespace ivd {

enum class DayKind : uint8_t { workday, holiday };

// One row of a calendar source.
struct CalendarDay {
  int64_t day = 0;  // day number
  DayKind kind = DayKind::holiday;
  friend bool operator==(const CalendarDay&, const CalendarDay&) = default;
};

// A calendar source as read: its rows (sorted by day, each day once) and the years it covers (sorted).
struct CalendarSource {
  std::vector<CalendarDay> days;
  std::vector<int> years;
};

// Years a calendar may name (imports outside are refused): bounds the calendar's memory.
inline constexpr int kCalendarFirstYear = 1990;
inline constexpr int kCalendarLastYear = 2199;

// The years covered by rows: those with at least one holiday row (sorted, unique).
std::vector<int> covered_years_of(std::span<const CalendarDay> days);

// Reads a calendar file (bytes as uploaded: UTF-8 with or without BOM, or GBK). Lines starting with '#'
// are comments. All or nothing: file.* errors for unreadable files, calendar.no_years when no row is a
// holiday, and import.invalid_rows (ErrorKind::bad_request) whose details list every problem
// {line, column, code, message_zh, message_en}: a missing or unknown column, a bad date, a year outside
// kCalendarFirstYear..kCalendarLastYear, an unknown kind, a date listed twice.
Result<CalendarSource> parse_calendar_csv(std::string_view bytes);

class WorkCalendar {
 public:
  WorkCalendar() = default;  // no year covered: weekends only

  // Adds a source on top of what is there: each year of `years` is first reset to the weekend rule and
  // marked covered (imported: reported as imported), then every row sets its day. Rows outside
  // kCalendarFirstYear..kCalendarLastYear are ignored.
  void apply(std::span<const CalendarDay> days, std::span<const int> years, bool imported = false);
  void apply(const CalendarSource& source, bool imported = false) { apply(source.days, source.years, imported); }

  bool is_workday(int64_t day) const {
    if (day >= first_day_ && day < end_day_) {
      const uint64_t i = static_cast<uint64_t>(day - first_day_);
      return (bits_[i >> 6] >> (i & 63)) & 1;
    }
    const int w = weekday(day);
    return w != 0 && w != 6;
  }

  // The n-th working day after `day` (n >= 1; the day itself does not count, whatever it is). n <= 0
  // gives `day`. The supply deadline is add_workdays(confirmation day, 5).
  int64_t add_workdays(int64_t day, int n) const;
  // The working days d with from < d <= to; 0 when to <= from. remaining_days of a feedback =
  // workdays_between(today, deadline): 5 on the confirmation day, 0 on the deadline day.
  int workdays_between(int64_t from, int64_t to) const;

  bool covers(int year) const;
  bool imported(int year) const;            // covered by an import (overriding the embedded data)
  const std::vector<int>& covered_years() const { return covered_; }
  const std::vector<int>& imported_years() const { return imported_; }
  // The years of the days from..to (inclusive) that are not covered: counting there falls back to
  // weekends only, and administrators are to be warned.
  std::vector<int> uncovered_years(int64_t from, int64_t to) const;

 private:
  void ensure_years(int first, int last);  // materialise the bits of these years (weekend rule)
  void reset_year(int year);
  void set_day(int64_t day, bool work);

  int first_year_ = 0, end_year_ = 0;  // [first_year_, end_year_) materialised in bits_
  int64_t first_day_ = 0, end_day_ = 0;
  std::vector<uint64_t> bits_;         // bit (day - first_day_): a working day
  std::vector<int> covered_;           // sorted
  std::vector<int> imported_;          // sorted, a subset of covered_
};

// What GET /supply/calendar answers (docs/api-supply.md): the covered years and, when a year within
// the next kCalendarWarningDays days is not covered, a warning for administrators. Wire form:
//   {years: [2004, ...], imported: [2027], today: "YYYY-MM-DD", uncovered: [2028],
//    warning?: {code: "calendar.uncovered", message_zh, message_en}}   (warning only when uncovered)
inline constexpr int kCalendarWarningDays = 31;
struct CalendarInfo {
  std::vector<int> years;      // covered (embedded or imported)
  std::vector<int> imported;   // of them, the imported ones
  std::string today;           // CST date
  std::vector<int> uncovered;  // years of today .. today + kCalendarWarningDays not covered
  friend bool operator==(const CalendarInfo&, const CalendarInfo&) = default;
};
CalendarInfo calendar_info(const WorkCalendar& calendar, int64_t today);
void to_json(nlohmann::json& j, const CalendarInfo& c);
void from_json(const nlohmann::json& j, CalendarInfo& c);

// The calendar generated from `chinese-days` at build time (parsed once, on first use).
const WorkCalendar& embedded_work_calendar();
std::string_view embedded_work_calendar_csv();  // the generated file itself (build/generated)

// The calendar core counts with in this process: the embedded one, plus the imported years the server
// loads at start and after an import (core/store/calendar_store.hpp: reload_work_calendar). Take one
// snapshot per request or sweep; installing a new calendar never changes a snapshot in use.
// Thread-safe. install_work_calendar(nullptr) goes back to the embedded calendar.
std::shared_ptr<const WorkCalendar> work_calendar();
void install_work_calendar(std::shared_ptr<const WorkCalendar> calendar);

}  // namespace ivd
