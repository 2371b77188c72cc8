// The working-day calendar: reading calendar files, counting working days, the embedded and the
// process-wide calendar.
//
// [SECTION] reading a calendar file
// [SECTION] the calendar
// [SECTION] the calendar on the wire
// [SECTION] embedded and in-force calendars
#include "core/base/work_calendar.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/base/csv.hpp"
#include "core/base/i18n.hpp"
#include "core/base/text.hpp"
#include "core/base/text_encoding.hpp"

namespace ivd {

// ---- [SECTION] reading a calendar file --------------------------------------------------------------
namespace {

enum Column { kDate, kKind, kNote, kColumnCount };
// Header names accepted per column; the first is the one named in messages.
const std::array<std::vector<std::string_view>, kColumnCount> kHeaderNames = {{
    {"date", "日期"},
    {"kind", "类型"},
    {"note", "备注", "name", "名称"},
}};

std::string lower_trim(std::string_view s) {
  std::string out = fold_trim(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::optional<DayKind> parse_kind(std::string_view text) {
  const std::string k = lower_trim(text);
  if (k == "workday") return DayKind::workday;
  if (k == "holiday") return DayKind::holiday;
  return std::nullopt;
}

Error invalid_rows(nlohmann::json issues) {
  std::map<int, bool> lines;
  for (const auto& i : issues) lines[i["line"].get<int>()] = true;
  Error e = make_error(ErrorKind::bad_request, "import.invalid_rows", {},
                       {std::to_string(lines.size()), std::to_string(issues.size())});
  e.details = std::move(issues);
  return e;
}

}  // namespace

std::vector<int> covered_years_of(std::span<const CalendarDay> days) {
  std::vector<int> years;
  for (const auto& d : days)
    if (d.kind == DayKind::holiday) years.push_back(civil_date(d.day).year);
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
  return years;
}

Result<CalendarSource> parse_calendar_csv(std::string_view bytes) {
  IVD_ASSIGN_OR_RETURN(const DecodedText decoded, decode_text_file(bytes));
  auto parsed = parse_csv(decoded.utf8, CsvOptions{.skip_comment_lines = true});
  if (!parsed) {
    const int line = parsed.error().details.value("line", 0);
    return invalid_rows(nlohmann::json::array({row_issue(line, "", parsed.error().code, {std::to_string(line)})}));
  }
  const auto& rows = *parsed;
  if (rows.empty()) return make_error(ErrorKind::bad_request, "file.empty");

  // ---- header
  nlohmann::json issues = nlohmann::json::array();
  const CsvRow& header = rows.front();
  std::array<int, kColumnCount> index;
  index.fill(-1);
  std::array<std::string, kColumnCount> label;
  for (int c = 0; c < kColumnCount; ++c) label[c] = std::string(kHeaderNames[c].front());
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string text(trim_space(header.fields[i]));
    const std::string key = lower_trim(text);
    int column = -1;
    for (int c = 0; c < kColumnCount && column < 0; ++c)
      for (auto name : kHeaderNames[c])
        if (key == name) column = c;
    if (column < 0) {
      issues.push_back(row_issue(header.line, text, "import.unknown_column", {text}));
    } else if (index[column] >= 0) {
      issues.push_back(row_issue(header.line, text, "import.duplicate_column", {text}));
    } else {
      index[column] = static_cast<int>(i);
      label[column] = text;
    }
  }
  for (int c : {kDate, kKind})
    if (index[c] < 0) issues.push_back(row_issue(header.line, label[c], "import.missing_column", {label[c]}));
  if (!issues.empty()) return invalid_rows(std::move(issues));
  if (rows.size() == 1) return make_error(ErrorKind::bad_request, "import.no_rows");

  // ---- rows
  CalendarSource out;
  std::map<int64_t, int> line_of;  // day -> line where it was first listed
  for (size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    if (row.fields.size() > header.fields.size()) {
      issues.push_back(row_issue(row.line, "", "import.column_count",
                                 {std::to_string(header.fields.size()), std::to_string(row.fields.size())}));
      continue;
    }
    auto cell = [&](Column c) -> std::string {
      const size_t i = static_cast<size_t>(index[c]);
      return i < row.fields.size() ? std::string(trim_space(row.fields[i])) : std::string();
    };
    const std::string date_text = cell(kDate), kind_text = cell(kKind);
    const size_t before = issues.size();
    const std::optional<int64_t> day = parse_date(fold_trim(date_text));
    if (date_text.empty()) {
      issues.push_back(row_issue(row.line, label[kDate], "import.required", {label[kDate]}));
    } else if (!day) {
      issues.push_back(row_issue(row.line, label[kDate], "calendar.bad_date", {date_text}));
    } else if (const int y = civil_date(*day).year; y < kCalendarFirstYear || y > kCalendarLastYear) {
      issues.push_back(row_issue(row.line, label[kDate], "calendar.year_range",
                                 {date_text, std::to_string(kCalendarFirstYear), std::to_string(kCalendarLastYear)}));
    } else if (auto [it, fresh] = line_of.emplace(*day, row.line); !fresh) {
      issues.push_back(row_issue(row.line, label[kDate], "calendar.duplicate_date", {date_text, std::to_string(it->second)}));
    }
    const std::optional<DayKind> kind = parse_kind(kind_text);
    if (kind_text.empty()) issues.push_back(row_issue(row.line, label[kKind], "import.required", {label[kKind]}));
    else if (!kind) issues.push_back(row_issue(row.line, label[kKind], "calendar.bad_kind", {kind_text}));
    if (issues.size() == before) out.days.push_back(CalendarDay{day.value_or(0), kind.value_or(DayKind::holiday)});
  }
  if (!issues.empty()) return invalid_rows(std::move(issues));
  std::sort(out.days.begin(), out.days.end(), [](const CalendarDay& a, const CalendarDay& b) { return a.day < b.day; });
  out.years = covered_years_of(out.days);
  if (out.years.empty()) return make_error(ErrorKind::bad_request, "calendar.no_years");
  return out;
}

// ---- [SECTION] the calendar ----------------------------------------------------------------------
void WorkCalendar::ensure_years(int first, int last) {
  if (first_year_ == end_year_) {  // nothing yet
    first_year_ = first;
    end_year_ = first;
    first_day_ = end_day_ = day_number(first, 1, 1);
  }
  const int new_first = std::min(first, first_year_), new_end = std::max(last + 1, end_year_);
  if (new_first == first_year_ && new_end == end_year_) return;
  const int64_t new_first_day = day_number(new_first, 1, 1), new_end_day = day_number(new_end, 1, 1);
  std::vector<uint64_t> bits(static_cast<size_t>((new_end_day - new_first_day + 63) / 64), 0);
  auto put = [&](int64_t day, bool work) {
    const uint64_t i = static_cast<uint64_t>(day - new_first_day);
    if (work) bits[i >> 6] |= uint64_t{1} << (i & 63);
  };
  for (int64_t d = new_first_day; d < new_end_day; ++d) {
    if (d >= first_day_ && d < end_day_) put(d, is_workday(d));
    else put(d, weekday(d) != 0 && weekday(d) != 6);
  }
  bits_ = std::move(bits);
  first_year_ = new_first;
  end_year_ = new_end;
  first_day_ = new_first_day;
  end_day_ = new_end_day;
}

void WorkCalendar::set_day(int64_t day, bool work) {
  const uint64_t i = static_cast<uint64_t>(day - first_day_);
  if (work) bits_[i >> 6] |= uint64_t{1} << (i & 63);
  else bits_[i >> 6] &= ~(uint64_t{1} << (i & 63));
}

void WorkCalendar::reset_year(int year) {
  for (int64_t d = day_number(year, 1, 1), end = day_number(year + 1, 1, 1); d < end; ++d)
    set_day(d, weekday(d) != 0 && weekday(d) != 6);
}

void WorkCalendar::apply(std::span<const CalendarDay> days, std::span<const int> years, bool imported) {
  auto in_range = [](int y) { return y >= kCalendarFirstYear && y <= kCalendarLastYear; };
  int lo = kCalendarLastYear + 1, hi = kCalendarFirstYear - 1;
  for (int y : years)
    if (in_range(y)) lo = std::min(lo, y), hi = std::max(hi, y);
  for (const auto& d : days)
    if (const int y = civil_date(d.day).year; in_range(y)) lo = std::min(lo, y), hi = std::max(hi, y);
  if (lo > hi) return;
  ensure_years(lo, hi);
  for (int y : years) {
    if (!in_range(y)) continue;
    reset_year(y);
    auto at = std::lower_bound(covered_.begin(), covered_.end(), y);
    if (at == covered_.end() || *at != y) covered_.insert(at, y);
    auto im = std::lower_bound(imported_.begin(), imported_.end(), y);
    const bool listed = im != imported_.end() && *im == y;
    if (imported && !listed) imported_.insert(im, y);
    if (!imported && listed) imported_.erase(im);
  }
  for (const auto& d : days)
    if (in_range(civil_date(d.day).year)) set_day(d.day, d.kind == DayKind::workday);
}

int64_t WorkCalendar::add_workdays(int64_t day, int n) const {
  while (n > 0) {
    ++day;
    if (is_workday(day)) --n;
  }
  return day;
}

int WorkCalendar::workdays_between(int64_t from, int64_t to) const {
  int n = 0;
  for (int64_t d = from + 1; d <= to; ++d) n += is_workday(d);
  return n;
}

bool WorkCalendar::covers(int year) const { return std::binary_search(covered_.begin(), covered_.end(), year); }
bool WorkCalendar::imported(int year) const { return std::binary_search(imported_.begin(), imported_.end(), year); }

std::vector<int> WorkCalendar::uncovered_years(int64_t from, int64_t to) const {
  std::vector<int> out;
  if (to < from) return out;
  for (int y = civil_date(from).year, last = civil_date(to).year; y <= last; ++y)
    if (!covers(y)) out.push_back(y);
  return out;
}

// ---- [SECTION] the calendar on the wire ----------------------------------------------------------
CalendarInfo calendar_info(const WorkCalendar& calendar, int64_t today) {
  return CalendarInfo{calendar.covered_years(), calendar.imported_years(), format_date(today),
                      calendar.uncovered_years(today, today + kCalendarWarningDays)};
}

void to_json(nlohmann::json& j, const CalendarInfo& c) {
  j = {{"years", c.years}, {"imported", c.imported}, {"today", c.today}, {"uncovered", c.uncovered}};
  if (c.uncovered.empty()) return;
  std::string years;
  for (int y : c.uncovered) years += (years.empty() ? "" : "、") + std::to_string(y);
  std::string years_en;
  for (int y : c.uncovered) years_en += (years_en.empty() ? "" : ", ") + std::to_string(y);
  j["warning"] = {{"code", "calendar.uncovered"},
                  {"message_zh", trf(Lang::zh, "calendar.uncovered", {years})},
                  {"message_en", trf(Lang::en, "calendar.uncovered", {years_en})}};
}

void from_json(const nlohmann::json& j, CalendarInfo& c) {
  c = CalendarInfo{};
  auto ints = [&](const char* key, std::vector<int>& out) {
    if (auto it = j.find(key); it != j.end() && it->is_array())
      for (const auto& v : *it)
        if (v.is_number_integer()) out.push_back(v.get<int>());
  };
  ints("years", c.years);
  ints("imported", c.imported);
  ints("uncovered", c.uncovered);
  if (auto it = j.find("today"); it != j.end() && it->is_string()) c.today = it->get<std::string>();
}

// ---- [SECTION] embedded and in-force calendars -----------------------------------------------------
std::string_view embedded_work_calendar_data();  // generated: build/generated/work_calendar_data.cpp

std::string_view embedded_work_calendar_csv() { return embedded_work_calendar_data(); }

const WorkCalendar& embedded_work_calendar() {
  // The build checked the file (scripts/make_work_calendar.mjs writes only what this parser reads;
  // tests/unit/test_work_calendar.cpp and the chinese-days reference check compare every day). Should
  // it ever not parse, counting falls back to weekends and every year is reported as not covered.
  static const WorkCalendar calendar = [] {
    WorkCalendar c;
    if (auto source = parse_calendar_csv(embedded_work_calendar_data())) c.apply(*source);
    return c;
  }();
  return calendar;
}

namespace {
std::mutex g_calendar_mutex;
std::shared_ptr<const WorkCalendar> g_calendar;  // nullptr until installed: the embedded one
}  // namespace

std::shared_ptr<const WorkCalendar> work_calendar() {
  {
    std::lock_guard lock(g_calendar_mutex);
    if (g_calendar) return g_calendar;
  }
  // The embedded calendar lives for the whole process: a non-owning pointer to it.
  return std::shared_ptr<const WorkCalendar>(std::shared_ptr<const WorkCalendar>(), &embedded_work_calendar());
}

void install_work_calendar(std::shared_ptr<const WorkCalendar> calendar) {
  std::lock_guard lock(g_calendar_mutex);
  g_calendar = std::move(calendar);
}

}  // namespace ivd
