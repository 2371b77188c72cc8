// Imported working-day calendar years: the all-or-nothing import and loading them into the calendar.
#include "core/store/calendar_store.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "core/base/civil_time.hpp"
#include "core/store/event_log.hpp"
#include "core/store/transaction.hpp"

namespace ivd {
namespace {

const char* kind_id(DayKind k) { return k == DayKind::workday ? "workday" : "holiday"; }

// The covered year a row belongs to: its own when covered, else the nearest covered one (later on a tie:
// a December working Saturday belongs to the next 元旦).
int owner_year(int row_year, const std::vector<int>& years) {
  int best = years.front();
  for (int y : years)
    if (std::abs(y - row_year) <= std::abs(best - row_year)) best = y;
  return best;
}

Result<std::vector<CalendarDay>> stored_days(Db& db, int year) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT day, kind FROM calendar_days WHERE year = ? ORDER BY day"));
  st.bind(1, year);
  std::vector<CalendarDay> out;
  IVD_TRY(st.each([&](const Stmt& row) -> Status {
    auto day = parse_date(row.col_text(0));
    if (!day) return internal_error("calendar_days holds a bad date: " + row.col_text(0));
    out.push_back(CalendarDay{*day, row.col_text(1) == "workday" ? DayKind::workday : DayKind::holiday});
    return ok_status();
  }));
  return out;
}

Result<bool> year_stored(Db& db, int year) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT 1 FROM calendar_years WHERE year = ?"));
  st.bind(1, year);
  return st.step();
}

nlohmann::json years_json(const std::vector<int>& years) { return nlohmann::json(years); }

}  // namespace

nlohmann::json to_json(const CalendarImportCounts& c) {
  return {{"years", years_json(c.years)},
          {"changed", years_json(c.changed)},
          {"unchanged", years_json(c.unchanged)},
          {"rows", c.rows}};
}

Result<CalendarImportCounts> import_calendar_csv(Db& db, std::string_view bytes, int64_t now, int64_t actor_id) {
  IVD_ASSIGN_OR_RETURN(const CalendarSource source, parse_calendar_csv(bytes));
  std::map<int, std::vector<CalendarDay>> by_year;
  for (int y : source.years) by_year[y];
  for (const auto& d : source.days) by_year[owner_year(civil_date(d.day).year, source.years)].push_back(d);

  CalendarImportCounts counts;
  counts.years = source.years;
  counts.rows = static_cast<int>(source.days.size());
  IVD_TRY(transaction(db, [&]() -> Status {
    for (const auto& [year, days] : by_year) {
      IVD_ASSIGN_OR_RETURN(const bool known, year_stored(db, year));
      if (known) {
        IVD_ASSIGN_OR_RETURN(const auto before, stored_days(db, year));
        if (before == days) {
          counts.unchanged.push_back(year);
          continue;
        }
      }
      IVD_ASSIGN_OR_RETURN(auto del_days, db.prepare("DELETE FROM calendar_days WHERE year = ?"));
      IVD_TRY(del_days.bind(1, year).run());
      IVD_ASSIGN_OR_RETURN(auto put_year,
                           db.prepare("INSERT INTO calendar_years (year, imported_at) VALUES (?, ?) "
                                      "ON CONFLICT (year) DO UPDATE SET imported_at = excluded.imported_at"));
      IVD_TRY(put_year.bind_all(year, now).run());
      IVD_ASSIGN_OR_RETURN(auto put_day, db.prepare("INSERT INTO calendar_days (year, day, kind) VALUES (?, ?, ?)"));
      for (const auto& d : days) IVD_TRY(put_day.bind_all(year, format_date(d.day), kind_id(d.kind)).run());
      IVD_TRY(record_event(db, "calendar", std::to_string(year), "import", actor_id, now, known ? "imported" : "",
                           "imported", std::to_string(days.size()) + " days"));
      counts.changed.push_back(year);
    }
    return ok_status();
  }));
  return counts;
}

Result<std::vector<ImportedCalendarYear>> load_imported_calendar_years(Db& db) {
  std::vector<ImportedCalendarYear> out;
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT year, imported_at FROM calendar_years ORDER BY year"));
  IVD_TRY(st.each([&](const Stmt& row) {
    out.push_back(ImportedCalendarYear{static_cast<int>(row.col_int(0)), row.col_int(1), {}});
  }));
  for (auto& y : out) {
    IVD_ASSIGN_OR_RETURN(y.days, stored_days(db, y.year));
  }
  return out;
}

Result<WorkCalendar> load_work_calendar(Db& db) {
  IVD_ASSIGN_OR_RETURN(const auto imported, load_imported_calendar_years(db));
  WorkCalendar calendar = embedded_work_calendar();
  // Years first (each reset to the weekend rule), then the days year by year: a later year's row for a
  // day (a December working Saturday) wins over an earlier year's.
  std::vector<int> years;
  for (const auto& y : imported) years.push_back(y.year);
  calendar.apply({}, years, /*imported=*/true);
  for (const auto& y : imported) calendar.apply(y.days, {}, true);
  return calendar;
}

Status reload_work_calendar(Db& db) {
  IVD_ASSIGN_OR_RETURN(auto calendar, load_work_calendar(db));
  install_work_calendar(std::make_shared<const WorkCalendar>(std::move(calendar)));
  return ok_status();
}

}  // namespace ivd
