#pragma once
// Working-day calendar years imported by operators (issue 10 §3: "`server import calendar FILE.csv`
// adds a year when it is announced"), stored in calendar_years / calendar_days (schema migration 5),
// and the calendar core counts with: the embedded chinese-days data with the imported years on top
// (core/base/work_calendar.hpp, which also describes the file format).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "core/base/result.hpp"
#include "core/base/work_calendar.hpp"
#include "core/store/db.hpp"

namespace ivd {

struct CalendarImportCounts {
  std::vector<int> years;      // the years the file covers (those with a holiday row)
  std::vector<int> changed;    // of them, the years that were new or whose days differed
  std::vector<int> unchanged;  // the years stored with exactly these days already
  int rows = 0;                // data rows read
};
nlohmann::json to_json(const CalendarImportCounts& c);

// Imports a calendar file (UTF-8 with or without BOM, or GBK). All or nothing in one transaction: every
// bad row is reported (parse_calendar_csv's errors) and nothing is written. For each year the file
// covers, the stored days of that year are replaced by the file's (rows outside the covered years go
// with the nearest covered year, so re-importing that year replaces them too). Idempotent: the same
// file again changes nothing and records nothing. Each changed year records an event (entity
// 'calendar', entity id the year, action 'import', reason "<n> days").
// Call reload_work_calendar afterwards so this process counts with it.
Result<CalendarImportCounts> import_calendar_csv(Db& db, std::string_view bytes, int64_t now, int64_t actor_id = 0);

struct ImportedCalendarYear {
  int year = 0;
  int64_t imported_at = 0;
  std::vector<CalendarDay> days;  // sorted by day
};
Result<std::vector<ImportedCalendarYear>> load_imported_calendar_years(Db& db);  // by year

// The embedded calendar with every imported year applied on top (imported years count as covered).
Result<WorkCalendar> load_work_calendar(Db& db);
// load_work_calendar, then install_work_calendar: what the server runs at start and after an import.
Status reload_work_calendar(Db& db);

}  // namespace ivd
