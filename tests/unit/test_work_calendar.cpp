// The working-day calendar (issue 10 §3, docs/api-supply.md "Deadline" / "Working days"): the embedded
// chinese-days data with 调休, the deadline = 5th working day after the admin's confirmation,
// remaining_days, the weekends-only fallback of years not covered, and imported years overriding.
// (Every day of every covered year is compared with chinese-days' own functions by
// tests/calendar/check_chinese_days.mjs.)
#include <catch_amalgamated.hpp>

#include <string>

#include "core/base/civil_time.hpp"
#include "core/base/work_calendar.hpp"
#include "core/store/calendar_store.hpp"
#include "core/store/event_log.hpp"
#include "core/store/schema.hpp"

using namespace ivd;

namespace {

int64_t D(const char* text) {
  auto d = parse_date(text);
  REQUIRE(d.has_value());
  return *d;
}

std::string deadline_after(const WorkCalendar& cal, const char* confirmed) {
  return format_date(cal.add_workdays(D(confirmed), 5));
}

Db migrated_memory_db() {
  auto d = Db::open(":memory:");
  REQUIRE(d.ok());
  REQUIRE(migrate(*d).ok());
  return std::move(d).value();
}

int64_t count(Db& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE(st.ok());
  auto r = st->step();
  REQUIRE(r.ok());
  REQUIRE(*r);
  return st->col_int(0);
}

// The first year after the embedded data: not covered (whatever version of chinese-days is pinned).
int first_uncovered_year() { return embedded_work_calendar().covered_years().back() + 1; }

}  // namespace

TEST_CASE("civil dates: day numbers, weekdays, YYYY-MM-DD", "[calendar]") {
  CHECK(D("1970-01-01") == 0);
  CHECK(weekday(D("1970-01-01")) == 4);  // Thursday
  CHECK(weekday(D("2025-10-01")) == 3);  // Wednesday
  CHECK(weekday(D("2026-02-14")) == 6);  // Saturday
  CHECK(weekday(D("1969-12-28")) == 0);  // Sunday, before the epoch
  CHECK(format_date(D("2024-02-29")) == "2024-02-29");
  CHECK(D("2025-01-01") - D("2024-12-31") == 1);
  CHECK(day_number(2026, 13, 1) == D("2027-01-01"));
  CHECK(day_number(2026, 0, 31) == D("2025-12-31"));
  CHECK(civil_date(D("2026-10-08")).year == 2026);
  CHECK(civil_date(D("2026-10-08")).month == 10);
  CHECK(civil_date(D("2026-10-08")).day == 8);
  for (const char* bad : {"2025-02-29", "2025-13-01", "2025-00-10", "2025-1-01", "2025/01/01", "2025-01-01 ", "",
                          "20250101", "0999-01-01"})
    CHECK_FALSE(parse_date(bad).has_value());
  // The CST date of a moment: 2025-09-30 16:00 UTC is already 2025-10-01 in Beijing.
  CHECK(format_date(cst_day(*parse_cst("2025-10-01 00:00:00"))) == "2025-10-01");
  CHECK(format_date(cst_day(*parse_cst("2025-09-30 23:59:59"))) == "2025-09-30");
}

TEST_CASE("embedded calendar: the years of chinese-days with holidays and 调休 working weekends", "[calendar]") {
  const WorkCalendar& cal = embedded_work_calendar();
  REQUIRE_FALSE(cal.covered_years().empty());
  CHECK(cal.covered_years().front() == 2004);
  for (int y = 2004; y <= 2026; ++y) CHECK(cal.covers(y));
  CHECK_FALSE(cal.covers(2003));
  CHECK_FALSE(cal.imported(2025));
  CHECK(embedded_work_calendar_csv().find("date,kind") != std::string_view::npos);

  // 2025 国庆/中秋: 10-01 (Wed) .. 10-08 off, Sunday 09-28 and Saturday 10-11 working.
  CHECK_FALSE(cal.is_workday(D("2025-10-01")));
  CHECK_FALSE(cal.is_workday(D("2025-10-08")));
  CHECK(cal.is_workday(D("2025-09-28")));
  CHECK(cal.is_workday(D("2025-10-11")));
  CHECK_FALSE(cal.is_workday(D("2025-10-12")));  // an ordinary Sunday
  CHECK(cal.is_workday(D("2025-10-09")));
  // 2026 春节: 02-15 (Sun) .. 02-23 (Mon) off, Saturdays 02-14 and 02-28 working.
  CHECK(cal.is_workday(D("2026-02-14")));
  CHECK_FALSE(cal.is_workday(D("2026-02-16")));
  CHECK_FALSE(cal.is_workday(D("2026-02-23")));
  CHECK(cal.is_workday(D("2026-02-28")));
  // 2012 元旦: Saturday 2011-12-31 was a working day (listed with the next year in the data).
  CHECK(cal.is_workday(D("2011-12-31")));
}

TEST_CASE("deadline: the 5th working day after the confirmation, across 国庆 and 春节 with 调休", "[calendar]") {
  const WorkCalendar& cal = embedded_work_calendar();
  // 国庆 2025: the Saturday 10-11 counts, the eight days off do not.
  CHECK(deadline_after(cal, "2025-09-30") == "2025-10-14");  // 10-09, 10-10, 10-11 (Sat), 10-13, 10-14
  CHECK(deadline_after(cal, "2025-09-26") == "2025-10-10");  // 09-28 (Sun), 09-29, 09-30, 10-09, 10-10
  CHECK(deadline_after(cal, "2025-10-03") == "2025-10-14");  // confirmed on a day off
  // 春节 2026: Saturdays 02-14 and 02-28 count.
  CHECK(deadline_after(cal, "2026-02-12") == "2026-02-26");  // 02-13, 02-14 (Sat), 02-24, 02-25, 02-26
  CHECK(deadline_after(cal, "2026-02-24") == "2026-03-02");  // 02-25, 02-26, 02-27, 02-28 (Sat), 03-02
  // 春节 2025: Sunday 01-26 counts.
  CHECK(deadline_after(cal, "2025-01-24") == "2025-02-07");  // 01-26 (Sun), 01-27, 02-05, 02-06, 02-07
  // Weekends only would have said 2025-10-07 for the first one.
  CHECK(deadline_after(WorkCalendar{}, "2025-09-30") == "2025-10-07");
  CHECK(cal.add_workdays(D("2025-09-30"), 0) == D("2025-09-30"));
  CHECK(cal.add_workdays(D("2025-09-30"), 1) == D("2025-10-09"));
}

TEST_CASE("remaining_days: 5 on the confirmation day, 0 on the deadline day", "[calendar]") {
  const WorkCalendar& cal = embedded_work_calendar();
  const int64_t confirmed = D("2025-09-30");
  const int64_t deadline = cal.add_workdays(confirmed, 5);
  CHECK(cal.workdays_between(confirmed, deadline) == 5);
  CHECK(cal.workdays_between(D("2025-10-01"), deadline) == 5);  // the holidays do not count down
  CHECK(cal.workdays_between(D("2025-10-08"), deadline) == 5);
  CHECK(cal.workdays_between(D("2025-10-09"), deadline) == 4);
  CHECK(cal.workdays_between(D("2025-10-11"), deadline) == 2);  // the 调休 Saturday did count
  CHECK(cal.workdays_between(D("2025-10-12"), deadline) == 2);
  CHECK(cal.workdays_between(D("2025-10-13"), deadline) == 1);
  CHECK(cal.workdays_between(deadline, deadline) == 0);
  CHECK(cal.workdays_between(deadline + 1, deadline) == 0);  // after the deadline: never negative
  // For every start day of 2025 and 2026: counting back from the deadline gives 5 again.
  for (int64_t d = D("2025-01-01"); d <= D("2026-12-20"); ++d) {
    const int64_t dl = cal.add_workdays(d, 5);
    REQUIRE(cal.is_workday(dl));
    REQUIRE(cal.workdays_between(d, dl) == 5);
    REQUIRE(cal.workdays_between(d, dl - 1) == 4);
  }
}

TEST_CASE("a year not covered falls back to weekends only and is reported", "[calendar]") {
  const WorkCalendar& cal = embedded_work_calendar();
  const int y = first_uncovered_year();
  CHECK_FALSE(cal.covers(y));
  const int64_t jan1 = day_number(y, 1, 1);
  for (int64_t d = jan1; d < day_number(y + 1, 1, 1); ++d) {
    const int w = weekday(d);
    REQUIRE(cal.is_workday(d) == (w != 0 && w != 6));  // 元旦 too: nothing known about the year
  }
  // The warning: the years of a span that are not covered.
  CHECK(cal.uncovered_years(day_number(y - 1, 12, 20), day_number(y, 1, 10)) == std::vector<int>{y});
  CHECK(cal.uncovered_years(day_number(y - 1, 1, 1), day_number(y - 1, 12, 31)).empty());
  CHECK(cal.uncovered_years(D("2001-06-01"), D("2004-02-01")) == std::vector<int>{2001, 2002, 2003});
  // A deadline counted into the uncovered year: Monday to Friday.
  const int64_t monday = jan1 + ((8 - weekday(jan1)) % 7);  // the first Monday of the year
  CHECK(cal.add_workdays(monday, 5) == monday + 7);
  CHECK(cal.workdays_between(monday, monday + 7) == 5);
  // The in-force calendar with nothing installed is the embedded one.
  install_work_calendar(nullptr);
  CHECK(work_calendar()->covered_years() == cal.covered_years());
}

TEST_CASE("calendar file: format, errors with line and column, all or nothing", "[calendar]") {
  auto ok = parse_calendar_csv("\xEF\xBB\xBF" "date,kind\r\n2027-01-01,holiday\r\n2027-02-07,Workday\r\n2026-12-26 , workday\r\n");
  REQUIRE(ok.ok());
  CHECK(ok->years == std::vector<int>{2027});  // 2026 has no holiday row: only its one day is adjusted
  REQUIRE(ok->days.size() == 3);
  CHECK(ok->days[0] == CalendarDay{D("2026-12-26"), DayKind::workday});  // sorted by day
  CHECK(ok->days[2] == CalendarDay{D("2027-02-07"), DayKind::workday});

  auto zh = parse_calendar_csv("# comment\n日期,类型,备注\n2027-01-01,holiday,元旦\n");
  REQUIRE(zh.ok());
  CHECK(zh->years == std::vector<int>{2027});

  auto bad = parse_calendar_csv(
      "date,kind\n2027-01-01,holiday\n2027-02-30,holiday\n2027-01-01,workday\n2027-03-01,off\n,holiday\n"
      "2500-01-01,holiday\n2027-05-01,holiday,x\n");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == "import.invalid_rows");
  const auto& issues = bad.error().details;
  REQUIRE(issues.size() == 6);
  auto at = [&](int i) { return std::to_string(issues[i]["line"].get<int>()) + " " + issues[i]["column"].get<std::string>() + " " + issues[i]["code"].get<std::string>(); };
  CHECK(at(0) == "3 date calendar.bad_date");
  CHECK(at(1) == "4 date calendar.duplicate_date");
  CHECK(at(2) == "5 kind calendar.bad_kind");
  CHECK(at(3) == "6 date import.required");
  CHECK(at(4) == "7 date calendar.year_range");
  CHECK(at(5) == "8  import.column_count");
  CHECK(issues[1]["message_zh"].get<std::string>().find("第 2 行") != std::string::npos);

  auto header = parse_calendar_csv("day,kind\n2027-01-01,holiday\n");
  REQUIRE_FALSE(header.ok());
  CHECK(header.error().details[0]["code"] == "import.unknown_column");
  CHECK(header.error().details[1]["code"] == "import.missing_column");
  CHECK(parse_calendar_csv("date,kind\n2027-02-06,workday\n").error().code == "calendar.no_years");
  CHECK(parse_calendar_csv("date,kind\n").error().code == "import.no_rows");
  CHECK(parse_calendar_csv("").error().code == "file.empty");
  // GBK (as Excel saves it on Chinese Windows): the Chinese header reads the same.
  auto gbk = parse_calendar_csv("\xC8\xD5\xC6\xDA,\xC0\xE0\xD0\xCD\r\n2027-01-01,holiday\r\n");  // 日期,类型
  REQUIRE(gbk.ok());
  CHECK(gbk->years == std::vector<int>{2027});
}

TEST_CASE("an imported year overrides: stored, idempotent, counted with, reported as imported", "[calendar]") {
  Db db = migrated_memory_db();
  const int y = first_uncovered_year();
  const std::string ys = std::to_string(y), prev = std::to_string(y - 1);
  // A made-up announcement: 元旦 Jan 1-3 off, and a working Saturday in late December of the year before.
  const int64_t sat_before = [&] {
    int64_t d = day_number(y - 1, 12, 31);
    while (weekday(d) != 6) --d;
    return d;
  }();
  const std::string csv = "date,kind\n" + ys + "-01-01,holiday\n" + ys + "-01-02,holiday\n" + ys + "-01-03,holiday\n" +
                          ys + "-10-01,holiday\n" + format_date(sat_before) + ",workday\n";
  auto counts = import_calendar_csv(db, csv, 1000, 7);
  REQUIRE(counts.ok());
  CHECK(counts->years == std::vector<int>{y});
  CHECK(counts->changed == std::vector<int>{y});
  CHECK(counts->rows == 5);
  CHECK(count(db, "SELECT count(*) FROM calendar_days WHERE year = " + ys) == 5);  // the December row goes with y
  auto events = load_events(db, "calendar", ys);
  REQUIRE(events.ok());
  REQUIRE(events->size() == 1);
  CHECK((*events)[0].action == "import");
  CHECK((*events)[0].actor_id == 7);

  auto cal = load_work_calendar(db);
  REQUIRE(cal.ok());
  CHECK(cal->covers(y));
  CHECK(cal->imported(y));
  CHECK_FALSE(cal->imported(y - 1));
  CHECK(cal->covers(2025));  // the embedded years stay
  CHECK_FALSE(cal->is_workday(day_number(y, 1, 1)));
  CHECK(cal->is_workday(sat_before));
  CHECK(cal->uncovered_years(day_number(y, 1, 1), day_number(y, 12, 31)).empty());

  // Idempotent: the same file again changes nothing and records nothing.
  auto again = import_calendar_csv(db, csv, 2000, 7);
  REQUIRE(again.ok());
  CHECK(again->changed.empty());
  CHECK(again->unchanged == std::vector<int>{y});
  CHECK(load_events(db, "calendar", ys)->size() == 1);
  CHECK(count(db, "SELECT imported_at FROM calendar_years WHERE year = " + ys) == 1000);

  // A corrected announcement replaces the year, the December row included.
  auto fixed = import_calendar_csv(db, "date,kind\n" + ys + "-01-01,holiday\n", 3000);
  REQUIRE(fixed.ok());
  CHECK(fixed->changed == std::vector<int>{y});
  CHECK(count(db, "SELECT count(*) FROM calendar_days") == 1);
  cal = load_work_calendar(db);
  CHECK_FALSE(cal->is_workday(day_number(y, 1, 1)));
  CHECK(cal->is_workday(day_number(y, 1, 2)) == (weekday(day_number(y, 1, 2)) % 6 != 0));
  CHECK_FALSE(cal->is_workday(sat_before));

  // A bad file writes nothing.
  auto refused = import_calendar_csv(db, "date,kind\n" + ys + "-05-01,holiday\n" + ys + "-05-32,holiday\n", 4000);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().details[0]["line"] == 3);
  CHECK(count(db, "SELECT count(*) FROM calendar_days") == 1);
  CHECK(count(db, "SELECT imported_at FROM calendar_years") == 3000);
}

TEST_CASE("an imported year overrides an embedded one entirely", "[calendar]") {
  Db db = migrated_memory_db();
  // Suppose 2026's 国庆 had been re-announced as 10-01..10-03 only, with no working weekend.
  REQUIRE(import_calendar_csv(db, "date,kind\n2026-10-01,holiday\n2026-10-02,holiday\n2026-10-03,holiday\n", 1).ok());
  auto cal = load_work_calendar(db);
  REQUIRE(cal.ok());
  CHECK(cal->imported(2026));
  CHECK(cal->covers(2026));
  CHECK_FALSE(cal->is_workday(D("2026-10-02")));
  CHECK(cal->is_workday(D("2026-10-05")));         // a holiday in the embedded data
  CHECK_FALSE(cal->is_workday(D("2026-10-10")));   // a 调休 Saturday in the embedded data
  CHECK(cal->is_workday(D("2026-02-16")));         // 春节 is not in this import: weekend rule for the year
  CHECK_FALSE(cal->is_workday(D("2025-10-01")));   // other years keep the embedded data
  CHECK(format_date(cal->add_workdays(D("2026-09-30"), 5)) == "2026-10-09");
  CHECK(format_date(embedded_work_calendar().add_workdays(D("2026-09-30"), 5)) == "2026-10-13");

  // The server's reload puts it in force for every later count, and back.
  REQUIRE(reload_work_calendar(db).ok());
  auto in_force = work_calendar();
  CHECK(in_force->imported(2026));
  CHECK(format_date(in_force->add_workdays(D("2026-09-30"), 5)) == "2026-10-09");
  install_work_calendar(nullptr);
  CHECK_FALSE(work_calendar()->imported(2026));
  CHECK(in_force->imported(2026));  // a snapshot taken before is unchanged
}

TEST_CASE("calendar info on the wire: covered years and the warning for a year not covered", "[calendar]") {
  const WorkCalendar& cal = embedded_work_calendar();
  const int y = first_uncovered_year();
  // Mid-year of a covered year: no warning.
  CalendarInfo quiet = calendar_info(cal, day_number(y - 1, 6, 1));
  CHECK(quiet.uncovered.empty());
  CHECK(quiet.today == std::to_string(y - 1) + "-06-01");
  nlohmann::json j = quiet;
  CHECK_FALSE(j.contains("warning"));
  CHECK(j["years"].size() == cal.covered_years().size());
  // From early December the next year, not yet covered, is announced in the warning.
  CalendarInfo warned = calendar_info(cal, day_number(y - 1, 12, 5));
  CHECK(warned.uncovered == std::vector<int>{y});
  j = warned;
  REQUIRE(j.contains("warning"));
  CHECK(j["warning"]["code"] == "calendar.uncovered");
  CHECK(j["warning"]["message_zh"].get<std::string>().find(std::to_string(y) + " 年") != std::string::npos);
  CHECK(j.get<CalendarInfo>() == warned);
  // Imported years are listed as such.
  WorkCalendar with_import = cal;
  const std::vector<int> years{y};
  with_import.apply({}, years, true);
  CalendarInfo after = calendar_info(with_import, day_number(y - 1, 12, 5));
  CHECK(after.uncovered.empty());
  CHECK(after.imported == std::vector<int>{y});
  CHECK(nlohmann::json(after).get<CalendarInfo>() == after);
}
