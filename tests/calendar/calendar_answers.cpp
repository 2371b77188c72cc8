// Prints core's working-day answers for every day of a span, for the reference check against
// chinese-days' own functions (tests/calendar/check_chinese_days.mjs). Built natively and to wasm, so
// both builds are checked.
//   calendar_answers FROM TO      (YYYY-MM-DD, inclusive)
// Output: "covered Y1 Y2 ..." (the embedded years), then one line per day:
//   YYYY-MM-DD W YYYY-MM-DD       W = 1 for a working day; then the 5th working day after it (the
//                                 supply deadline when the admin confirms that day)
#include <cstdio>
#include <string>

#include "core/base/civil_time.hpp"
#include "core/base/work_calendar.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: calendar_answers FROM TO   (YYYY-MM-DD)\n");
    return 2;
  }
  const auto from = ivd::parse_date(argv[1]), to = ivd::parse_date(argv[2]);
  if (!from || !to || *to < *from) {
    std::fprintf(stderr, "calendar_answers: bad span %s .. %s\n", argv[1], argv[2]);
    return 2;
  }
  const ivd::WorkCalendar& cal = ivd::embedded_work_calendar();
  std::string out = "covered";
  for (int y : cal.covered_years()) out += " " + std::to_string(y);
  out += "\n";
  for (int64_t d = *from; d <= *to; ++d) {
    out += ivd::format_date(d);
    out += cal.is_workday(d) ? " 1 " : " 0 ";
    out += ivd::format_date(cal.add_workdays(d, 5));
    out += "\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
