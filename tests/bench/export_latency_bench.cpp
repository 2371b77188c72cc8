// The 导出列表's runner against ordinary requests (issue 11 "Measure": the p99 latency of an ordinary API
// request while the largest export runs, against idle [target within 2×]). The real HTTP server with
// the export runner as `server serve` wires them, on a national database built once and kept in the
// temp folder (H hospitals × L lines):
//   idle:  p50 / p99 of two ordinary GETs (the national per-province summary and the 导出列表) from one
//          keep-alive client, nothing else running;
//   load:  the same while the runner is busy the whole time with the largest export there is: every
//          sheet line of the project (H × L rows) written to a CSV file, one job after another; the
//          national 汇总数据导出 CSV is timed on its own too.
// Usage: export_latency_bench [hospitals=10000] [lines=300] [requests=400]
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "core/accounts/initial_users.hpp"
#include "core/accounts/sessions.hpp"
#include "core/api/dispatcher.hpp"
#include "core/base/base64.hpp"
#include "core/base/csv.hpp"
#include "core/demo/ivd_demo.hpp"
#include "core/exports/export_kinds.hpp"
#include "core/org/institutions.hpp"
#include "core/org/regions.hpp"
#include "core/store/schema.hpp"
#include "server/exports/export_download.hpp"
#include "server/exports/export_runner.hpp"
#include "server/http_server.hpp"
#include "server/sodium_hasher.hpp"
#include "tests/unit/fakes.hpp"

using namespace ivd;
using nlohmann::json;
using Steady = std::chrono::steady_clock;

namespace {

double ms_since(Steady::time_point t0) { return std::chrono::duration<double, std::milli>(Steady::now() - t0).count(); }

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "export_latency_bench: %s\n", what.c_str());
  std::exit(1);
}
template <class T>
T need(Result<T> r, const char* what) {
  if (!r) die(std::string(what) + ": " + r.error().message_en);
  return std::move(r.value());
}

struct Percentiles {
  double p50 = 0, p99 = 0;
};
Percentiles percentiles(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))]; };
  return {at(0.50), at(0.99)};
}

std::string hospitals_csv(Db& db, int count) {
  std::vector<std::string> regions;
  auto st = need(db.prepare("SELECT code FROM regions WHERE level IN ('city', 'province_level') ORDER BY code"), "regions");
  while (need(st.step(), "regions")) regions.push_back(st.col_text(0));
  std::string csv = csv_record({"机构编码", "机构名称", "机构类型", "所属区划", "医院等级"});
  for (int i = 0; i < count; ++i) {
    const std::string& region = regions[static_cast<size_t>(i) % regions.size()];
    csv += csv_record({"H" + region + std::to_string(100000 + i), "基准测试第" + std::to_string(i) + "医院", "医疗机构",
                       region, "二级甲等"});
  }
  return csv;
}

void build_database(Db& db, Services& svc, int hospitals, int lines) {
  const auto t0 = Steady::now();
  if (!migrate(db) || !seed_regions(db)) die("schema or regions failed");
  need(import_institutions(db, hospitals_csv(db, hospitals), svc.clock.now()), "import");
  need(ensure_super_admin(db, svc), "super admin");
  IvdDemoOptions o;
  o.serials = std::max(5000, lines);
  o.certificates = 2000;
  o.min_lines = lines;
  o.max_lines = lines;
  if (auto s = seed_ivd_demo(db, svc, o); !s) die("demo: " + s.error().message_en);
  std::printf("built the database in %.1f s\n", ms_since(t0) / 1000);
}

std::string admin_session(Api& api, Db& db, Services& svc) {
  if (!db.exec("UPDATE users SET must_change_password = 0, password_hash = '" + svc.hasher.hash("Bench#2026pw") +
               "' WHERE username = 'admin'"))
    die("password");
  auto captcha = api.handle({"GET", "/auth/captcha", "", {}, ""});
  const std::string id = captcha.body["captcha_id"];
  const std::string answer = base64_decode(captcha.body["image_png_base64"].get<std::string>()).value_or("PNG:").substr(4);
  auto login = api.handle({"POST", "/auth/login",
                           json{{"username", "admin"}, {"password", "Bench#2026pw"}, {"captcha_id", id}, {"captcha", answer}}.dump(),
                           {}, ""});
  if (login.status != 200) die("login: " + login.body.dump());
  return login.body["token"];
}

// The largest export there is: every sheet line of the project, written to the job's file as it is read.
Result<Document> all_lines_csv(Db& db, Services&, const Actor&, const json& params, ExportProgress& progress) {
  const int64_t pid = params.at("project_id").get<int64_t>();
  std::ofstream out(progress.temp_file, std::ios::binary);
  out << "\xEF\xBB\xBF" << csv_record({"医疗机构", "流水号", "上年度采购总数量", "下年度采购需求量", "是否有在用仪器"});
  IVD_ASSIGN_OR_RETURN(auto total_st, db.prepare("SELECT count(*) FROM ivd_sheet_lines l JOIN ivd_sheets s ON s.id = l.sheet_id "
                                                 "WHERE s.project_id = ?"));
  total_st.bind_all(pid);
  IVD_TRY(total_st.step());
  const int64_t total = std::max<int64_t>(1, total_st.col_int(0));
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT s.hospital_id, l.serial, l.last_year_text, l.demand_text, l.instrument "
                                           "FROM ivd_sheet_lines l JOIN ivd_sheets s ON s.id = l.sheet_id "
                                           "WHERE s.project_id = ? ORDER BY l.sheet_id, l.serial"));
  st.bind_all(pid);
  int64_t n = 0;
  IVD_TRY(st.each([&](const Stmt& row) {
    out << csv_record({std::to_string(row.col_int(0)), row.col_text(1), row.col_text(2), row.col_text(3), row.col_text(4)});
    if (++n % 100000 == 0) progress.set(static_cast<int>(n * 99 / total));
  }));
  out.close();
  if (!out) return make_error(ErrorKind::internal, "exports.write_failed");
  return Document{"all_lines.csv", "text/csv; charset=utf-8", {}, true};
}

// p50/p99 of GETs of the paths in turn from one keep-alive client, one every 2 ms (ordinary traffic),
// at least `count` of them and on until keep_going() says no more.
Percentiles measure(int port, const std::vector<std::string>& paths, const std::string& token, int count,
                    const std::function<bool()>& keep_going = [] { return false; }) {
  httplib::Client cli("127.0.0.1", port);
  cli.set_keep_alive(true);
  std::vector<double> ms;
  for (int i = 0; i < count || keep_going(); ++i) {
    const std::string& p = paths[static_cast<size_t>(i) % paths.size()];
    const auto t0 = Steady::now();
    auto r = cli.Get("/api/v1" + p, {{"X-Session-Token", token}});
    ms.push_back(ms_since(t0));
    if (!r || r->status != 200) die("GET " + p + " failed");
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return percentiles(ms);
}

}  // namespace

int main(int argc, char** argv) {
  const int hospitals = argc > 1 ? std::atoi(argv[1]) : 10000;
  const int lines = argc > 2 ? std::atoi(argv[2]) : 300;
  const int requests = argc > 3 ? std::atoi(argv[3]) : 400;
  const auto path = std::filesystem::temp_directory_path() /
                    ("export_bench_" + std::to_string(hospitals) + "x" + std::to_string(lines) + ".db");
  const bool reuse = std::filesystem::exists(path);
  const auto folder = std::filesystem::temp_directory_path() / ("export_bench_files_" + std::to_string(::getpid()));

  SystemClock clock;
  CountingRandom random;
  PlainHasher hasher;
  TextCaptchaPainter painter;
  MemoryFileStore files;
  Services svc{clock, random, hasher, painter, {}, &files};
  auto db = need(Db::open(path.string()), "open");
  if (!reuse) build_database(db, svc, hospitals, lines);
  else if (!migrate(db)) die("migrate");
  (void)db.exec("DELETE FROM sessions; DELETE FROM export_jobs");
  int64_t pid = 0, line_count = 0;
  {
    auto st = need(db.prepare("SELECT max(id) FROM ivd_projects"), "project");
    (void)st.step();
    pid = st.col_int(0);
    auto lc = need(db.prepare("SELECT sum(line_count) FROM ivd_sheets"), "lines");
    (void)lc.step();
    line_count = lc.col_int(0);
  }
  std::printf("database %s%s: %d hospitals, %lld sheet lines\n", path.string().c_str(), reuse ? " (reused)" : "",
              hospitals, static_cast<long long>(line_count));

  std::vector<std::unique_ptr<Db>> readers;
  Api api(db, svc);
  for (int i = 0; i < 4; ++i) {
    readers.push_back(std::make_unique<Db>(need(Db::open(path.string()), "reader")));
    (void)readers.back()->exec("PRAGMA query_only = 1");
    api.add_reader(*readers.back());
  }
  register_all_routes(api);
  ProducerRegistry producers;
  register_builtin_producers(producers);
  producers.add(export_kind::ivd_national_xlsx, all_lines_csv);  // stands in as "the largest export"
  ExportRunnerOptions ro;
  ro.db_path = path.string();
  ro.folder = folder;
  ro.poll = std::chrono::milliseconds(50);
  ExportRunner runner(ro, svc, producers);
  HttpServerOptions http_opts;
  http_opts.api_binary_routes = [&](httplib::Server& s) { add_export_download_route(s, api, folder); };
  HttpServer server(api, http_opts);
  const int port = server.http().bind_to_any_port("127.0.0.1");
  std::thread serving([&] { server.http().listen_after_bind(); });
  server.http().wait_until_ready();

  const std::string token = admin_session(api, db, svc);
  const std::string pbase = "/ivd/projects/" + std::to_string(pid);
  const std::vector<std::string> paths = {pbase + "/provinces", "/exports"};
  auto start = [&](const char* kind) {
    auto r = api.handle({"POST", "/exports", json{{"kind", kind}, {"params", {{"project_id", pid}}}}.dump(), {}, token});
    if (r.status != 200) die("start: " + r.body.dump());
    runner.wake();
    return r.body["id"].get<int64_t>();
  };
  auto wait_done = [&](int64_t id) {
    for (;;) {
      auto r = api.handle({"GET", "/exports/" + std::to_string(id), "", {}, token});
      if (r.body["status"] != "running") return r.body;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  };

  // The national 汇总数据导出 CSV on its own: its data route, then as a job.
  {
    const auto t0 = Steady::now();
    auto r = api.handle({"GET", pbase + "/certificates", "", {}, token});
    std::printf("national 汇总数据导出 data route: %.0f ms, %zu rows\n", ms_since(t0), r.body["items"].size());
  }
  {
    const auto t0 = Steady::now();
    auto job = wait_done(start(export_kind::ivd_national_csv));
    std::printf("national 汇总数据导出 CSV as a job: %.0f ms start to 已完成, %lld bytes, status %s\n", ms_since(t0),
                static_cast<long long>(job["file_size"].get<int64_t>()), job["status"].get<std::string>().c_str());
  }
  // Idle.
  (void)measure(port, paths, token, 50);  // warm up
  const auto idle = measure(port, paths, token, requests);
  // Under the largest export, kept running the whole time.
  std::atomic<bool> stop{false};
  std::atomic<int> jobs_done{0};
  double job_ms = 0;
  int64_t job_bytes = 0;
  std::thread load([&] {
    while (!stop) {
      const auto t0 = Steady::now();
      auto job = wait_done(start(export_kind::ivd_national_xlsx));
      if (job["status"] != "done") die("the large export failed: " + job.dump());
      job_ms = ms_since(t0);
      job_bytes = job["file_size"].get<int64_t>();
      ++jobs_done;
      (void)api.handle({"DELETE", "/exports/" + std::to_string(job["id"].get<int64_t>()), "", {}, token});
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the first job is under way
  // As many requests as idle, and on until two large exports have run start to end beside them.
  const auto busy = measure(port, paths, token, requests, [&] { return jobs_done < 3; });
  stop = true;
  load.join();
  std::printf("largest export (every sheet line, %lld rows): %.0f ms per job, %.1f MB; %d job(s) ran during the load run\n",
              static_cast<long long>(line_count), job_ms, static_cast<double>(job_bytes) / 1e6, jobs_done.load());
  std::printf("ordinary requests (national summary, 导出列表, one per 2 ms), at least %d: idle p50 %.2f ms p99 %.2f ms; "
              "while exporting p50 %.2f ms p99 %.2f ms; p99 ratio %.2f   [target within 2x]\n",
              requests, idle.p50, idle.p99, busy.p50, busy.p99, busy.p99 / std::max(idle.p99, 1e-3));
  server.http().stop();
  serving.join();
  (void)runner.sweep_now();
  std::error_code ec;
  std::filesystem::remove_all(folder, ec);
  return 0;
}
