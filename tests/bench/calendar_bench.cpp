// Working-day calendar benchmark (issue 10 benchmarks: "one deadline computation: target < 1 µs").
//   calendar_bench [SAMPLES]        (default 2000 samples of 1,000 computations each)
// A deadline computation = the 5th working day after the confirmation day (add_workdays), over start
// days spread across 2004-2027 (covered years with 春节/国庆 and a year that falls back to weekends).
// Also: remaining_days (workdays_between today and the deadline), is_workday, taking the in-force
// calendar snapshot, parsing the embedded calendar once, and loading it with an imported year.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "core/base/civil_time.hpp"
#include "core/base/work_calendar.hpp"
#include "core/store/calendar_store.hpp"
#include "core/store/schema.hpp"

using Clock = std::chrono::steady_clock;
using namespace ivd;

namespace {

double ns_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::nano>(Clock::now() - t0).count();
}

// Runs `batch` calls per sample; prints median and p99 of the per-call time.
void report(const char* what, int samples, int batch, const std::function<int64_t(int)>& call, const char* target) {
  std::vector<double> per_call;
  int64_t sink = 0;
  int k = 0;
  for (int s = 0; s < samples; ++s) {
    const auto t0 = Clock::now();
    for (int i = 0; i < batch; ++i) sink += call(k++);
    per_call.push_back(ns_since(t0) / batch);
  }
  std::sort(per_call.begin(), per_call.end());
  std::printf("%-46s median %7.1f ns  p99 %7.1f ns  %s  (checksum %lld)\n", what, per_call[per_call.size() / 2],
              per_call[per_call.size() * 99 / 100], target, static_cast<long long>(sink % 1000));
}

}  // namespace

int main(int argc, char** argv) {
  const int samples = argc > 1 ? std::max(10, std::atoi(argv[1])) : 2000;
  constexpr int kBatch = 1000;

  auto t0 = Clock::now();
  const WorkCalendar& cal = embedded_work_calendar();
  std::printf("embedded calendar parsed on first use: %.1f µs (years %d-%d, %zu bytes of CSV)\n", ns_since(t0) / 1000,
              cal.covered_years().front(), cal.covered_years().back(), embedded_work_calendar_csv().size());

  // Start days: every day from 2004-01-01 to 2027-12-31, in a scrambled order so branch history and
  // caches see a realistic mix.
  const int64_t first = day_number(2004, 1, 1), last = day_number(2027, 12, 31);
  std::vector<int64_t> starts;
  for (int64_t d = first; d <= last; ++d) starts.push_back(d);
  for (size_t i = 0; i < starts.size(); ++i) std::swap(starts[i], starts[(i * 7919 + 13) % starts.size()]);
  const size_t n = starts.size();

  report("deadline: add_workdays(confirmed, 5)", samples, kBatch,
         [&](int i) { return cal.add_workdays(starts[i % n], 5); }, "[target < 1 µs]");
  report("deadline + remaining_days (workdays_between)", samples, kBatch,
         [&](int i) {
           const int64_t d = starts[i % n];
           const int64_t deadline = cal.add_workdays(d, 5);
           return deadline + cal.workdays_between(d + 2, deadline);
         },
         "");
  report("is_workday", samples, kBatch, [&](int i) { return int64_t{cal.is_workday(starts[i % n])}; }, "");
  report("in-force snapshot: work_calendar()", samples / 4 + 1, kBatch,
         [&](int) { return static_cast<int64_t>(work_calendar()->covered_years().size()); }, "");

  // Loading the calendar from the database with one imported year (server start, after an import).
  auto db = Db::open(":memory:");
  if (!db || !migrate(*db)) return std::fprintf(stderr, "calendar_bench: no database\n"), 1;
  const std::string csv = "date,kind\n2027-01-01,holiday\n2027-02-06,holiday\n2027-02-07,holiday\n2027-02-08,holiday\n"
                          "2027-02-13,workday\n2027-10-01,holiday\n";
  if (!import_calendar_csv(*db, csv, 1)) return std::fprintf(stderr, "calendar_bench: import failed\n"), 1;
  std::vector<double> loads;
  for (int i = 0; i < 200; ++i) {
    t0 = Clock::now();
    if (!reload_work_calendar(*db)) return 1;
    loads.push_back(ns_since(t0) / 1000);
  }
  std::sort(loads.begin(), loads.end());
  std::printf("%-46s median %7.1f µs  p99 %7.1f µs\n", "reload_work_calendar (1 imported year)", loads[loads.size() / 2],
              loads[loads.size() * 99 / 100]);
  return 0;
}
