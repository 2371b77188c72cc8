// Server-side IVD benchmarks (issue targets in brackets), on a national database built once and kept
// in the temp folder for later runs:
//   1. the national per-province summary (GET /ivd/projects/{pid}/provinces) with H hospitals × L lines
//      in the database, in the dispatcher and through HTTP                             [< 50 ms]
//   2. saving a 5,000-line draft through HTTP (POST /ivd/projects/{pid}/sheet/draft)   [< 100 ms]
//      and opening it in the editor: the whole sheet (GET .../sheet/full), bytes and ms   [open < 500 ms]
//   3. reading a 300-line sheet with 8 concurrent keep-alive clients, as a ratio to the same server
//      serving the same JSON bytes as a static file in the same run        [at least 0.5]
//      (and to a bare cpp-httplib hello-world server)
//   4. p50/p99 of a logged-in GET (the 300-line sheet) while an anonymous client keeps sending 30 MB
//      bodies, against the same GET on an idle server
// The Api has R read-only connections beside the writer, as `server serve` has (R = 0: every request
// on the one writer connection).
// Usage: ivd_http_bench [hospitals=50000] [lines=300] [seconds=3] [readers=4]
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/accounts/sessions.hpp"
#include "core/api/dispatcher.hpp"
#include "core/base/base64.hpp"
#include "core/base/csv.hpp"
#include "core/accounts/initial_users.hpp"
#include "core/org/institutions.hpp"
#include "core/demo/ivd_demo.hpp"
#include "core/ivd/sheet_full.hpp"
#include "core/org/regions.hpp"
#include "core/store/schema.hpp"
#include "server/http_server.hpp"
#include "tests/unit/fakes.hpp"

using namespace ivd;
using nlohmann::json;
using Steady = std::chrono::steady_clock;

namespace {

double ms_since(Steady::time_point t0) { return std::chrono::duration<double, std::milli>(Steady::now() - t0).count(); }

struct Percentiles {
  double p50 = 0, p99 = 0, max = 0;
};
Percentiles percentiles(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))]; };
  return {at(0.50), at(0.99), v.back()};
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "ivd_http_bench: %s\n", what.c_str());
  std::exit(1);
}

void check(const Status& s, const char* what) {
  if (!s) die(std::string(what) + ": " + s.error().message_en);
}

template <class T>
T need(Result<T> r, const char* what) {
  if (!r) die(std::string(what) + ": " + r.error().message_en);
  return std::move(r.value());
}

int64_t scalar(Db& db, const std::string& sql) {
  auto st = need(db.prepare(sql), sql.c_str());
  if (!need(st.step(), sql.c_str())) die("no row: " + sql);
  return st.col_int(0);
}

std::string text(Db& db, const std::string& sql) {
  auto st = need(db.prepare(sql), sql.c_str());
  if (!need(st.step(), sql.c_str())) die("no row: " + sql);
  return st.col_text(0);
}

// Hospitals spread evenly over every city and 省本级.
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
  need(ensure_hospital_users(db, svc), "hospital users");
  IvdDemoOptions o;
  o.serials = std::max(5000, lines);
  o.certificates = 2000;
  o.min_lines = lines;
  o.max_lines = lines;
  if (auto s = seed_ivd_demo(db, svc, o); !s) die("demo: " + s.error().message_en);
  std::printf("built the database in %.1f s\n", ms_since(t0) / 1000);
}

// Logs username in through the API with a known password (set here) and its captcha.
std::string session_for(Api& api, Db& db, Services& svc, const std::string& username) {
  check(db.exec("UPDATE users SET must_change_password = 0, password_hash = '" + svc.hasher.hash("Bench#2026pw") +
                "' WHERE username = '" + username + "'"),
        "password");
  auto captcha = api.handle({"GET", "/auth/captcha", "", {}, ""});
  const std::string id = captcha.body["captcha_id"];
  // The bench's painter writes the code as text: "PNG:" + code.
  const std::string answer = base64_decode(captcha.body["image_png_base64"].get<std::string>()).value_or("PNG:").substr(4);
  auto login = api.handle({"POST", "/auth/login",
                           json{{"username", username}, {"password", "Bench#2026pw"}, {"captcha_id", id},
                                {"captcha", answer}}.dump(),
                           {}, ""});
  if (login.status != 200) die("login " + username + ": " + login.body.dump());
  return login.body["token"];
}

// Requests per second of 8 keep-alive clients GETting path for `seconds`.
double throughput(int port, const std::string& path, const std::string& token, double seconds, int clients = 8) {
  std::atomic<long> done{0};
  std::atomic<bool> failed{false};
  const auto stop_at = Steady::now() + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i)
    threads.emplace_back([&] {
      httplib::Client cli("127.0.0.1", port);
      cli.set_keep_alive(true);
      httplib::Headers h = {{"X-Session-Token", token}};
      while (Steady::now() < stop_at) {
        auto r = cli.Get(path, h);
        if (!r || r->status != 200) {
          failed = true;
          return;
        }
        ++done;
      }
    });
  for (auto& t : threads) t.join();
  if (failed) die("a request failed during the throughput run on " + path);
  return static_cast<double>(done) / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const int hospitals = argc > 1 ? std::atoi(argv[1]) : 50000;
  const int lines = argc > 2 ? std::atoi(argv[2]) : 300;
  const double seconds = argc > 3 ? std::atof(argv[3]) : 3.0;
  const int reader_count = argc > 4 ? std::atoi(argv[4]) : 4;
  const auto path = std::filesystem::temp_directory_path() /
                    ("ivd_http_bench_" + std::to_string(hospitals) + "x" + std::to_string(lines) + ".db");
  const bool reuse = std::filesystem::exists(path);

  FakeClock clock;
  CountingRandom random;
  PlainHasher hasher;
  TextCaptchaPainter painter;
  MemoryFileStore files;
  Services svc{clock, random, hasher, painter, {}, &files};
  auto db = need(Db::open(path.string()), "open");
  if (!reuse) build_database(db, svc, hospitals, lines);
  else if (!migrate(db)) die("migrate");
  check(db.exec("DELETE FROM sessions"), "sessions");  // the fake random source repeats its tokens per run

  const int64_t pid = scalar(db, "SELECT max(id) FROM ivd_projects");
  std::printf("database %s%s: %lld hospitals, %lld sheets with lines, %lld sheet lines, %lld catalog rows\n",
              path.string().c_str(), reuse ? " (reused)" : "",
              static_cast<long long>(scalar(db, "SELECT count(*) FROM institutions WHERE kind = 'hospital'")),
              static_cast<long long>(scalar(db, "SELECT count(*) FROM ivd_sheets WHERE line_count > 0")),
              static_cast<long long>(scalar(db, "SELECT sum(line_count) FROM ivd_sheets")),
              static_cast<long long>(scalar(db, "SELECT count(*) FROM ivd_catalog")));

  std::vector<std::unique_ptr<Db>> readers;
  Api api(db, svc);
  for (int i = 0; i < reader_count; ++i) {
    readers.push_back(std::make_unique<Db>(need(Db::open(path.string()), "open reader")));
    check(readers.back()->exec("PRAGMA query_only = 1"), "query_only");
    api.add_reader(*readers.back());
  }
  register_all_routes(api);
  // The static folder of part 3: the sheet's JSON bytes as a file, served by the same server.
  const auto web_dir = std::filesystem::temp_directory_path() / ("ivd_http_bench_web_" + std::to_string(::getpid()));
  std::filesystem::create_directories(web_dir);
  HttpServerOptions http_opts;
  http_opts.web_dir = web_dir.string();
  HttpServer server(api, http_opts);
  const int port = server.http().bind_to_any_port("127.0.0.1");
  std::thread serving([&] { server.http().listen_after_bind(); });
  server.http().wait_until_ready();
  const std::string pbase = "/ivd/projects/" + std::to_string(pid);

  // 1. national summary
  {
    const std::string admin = session_for(api, db, svc, "admin");
    std::vector<double> core_ms, http_ms;
    for (int i = 0; i < 200; ++i) {
      const auto t0 = Steady::now();
      auto r = api.handle({"GET", pbase + "/provinces", "", {}, admin});
      core_ms.push_back(ms_since(t0));
      if (r.status != 200) die("national summary: " + r.body.dump());
    }
    httplib::Client cli("127.0.0.1", port);
    cli.set_keep_alive(true);
    size_t rows = 0;
    for (int i = 0; i < 200; ++i) {
      const auto t0 = Steady::now();
      auto r = cli.Get("/api/v1" + pbase + "/provinces", {{"X-Session-Token", admin}});
      http_ms.push_back(ms_since(t0));
      if (!r || r->status != 200) die("national summary over HTTP failed");
      rows = json::parse(r->body)["items"].size();
    }
    const auto c = percentiles(core_ms), h = percentiles(http_ms);
    std::printf("national per-province summary (%zu provinces): dispatcher p50 %.3f ms p99 %.3f ms; "
                "HTTP p50 %.3f ms p99 %.3f ms   [target < 50 ms]\n", rows, c.p50, c.p99, h.p50, h.p99);
  }

  // 2. a 5,000-line draft through HTTP, by a hospital whose sheet is still open for filling
  {
    const std::string code = text(db,
        "SELECT i.code FROM ivd_sheets s JOIN institutions i ON i.id = s.hospital_id WHERE s.project_id = " +
        std::to_string(pid) + " AND s.status IN ('not_filled', 'draft') ORDER BY s.line_count, s.id LIMIT 1");
    const std::string token = session_for(api, db, svc, code);
    std::vector<std::string> serials;
    {
      auto st = need(db.prepare("SELECT serial FROM ivd_catalog WHERE project_id = ? ORDER BY serial LIMIT 5000"), "serials");
      st.bind(1, pid);
      while (need(st.step(), "serials")) serials.push_back(st.col_text(0));
    }
    httplib::Client cli("127.0.0.1", port);
    cli.set_keep_alive(true);
    const httplib::Headers h = {{"X-Session-Token", token}};
    auto sheet = cli.Get("/api/v1" + pbase + "/sheet", h);
    if (!sheet || sheet->status != 200) die("reading the sheet failed");
    int64_t revision = json::parse(sheet->body)["revision"];
    std::vector<double> save_ms;
    size_t body_bytes = 0;
    for (int run = 0; run < 20; ++run) {
      json patch_lines = json::array();
      for (size_t i = 0; i < serials.size(); ++i)
        patch_lines.push_back({{"serial", serials[i]}, {"last_year", 100 + static_cast<int>(i % 50)},
                               {"demand", 100 + static_cast<int>((i + static_cast<size_t>(run)) % 60)},
                               {"instrument", "yes"}});
      const std::string body = json{{"revision", revision}, {"lines", patch_lines}}.dump();
      body_bytes = body.size();
      const auto t0 = Steady::now();
      auto r = cli.Post("/api/v1" + pbase + "/sheet/draft", h, body, "application/json");
      save_ms.push_back(ms_since(t0));
      if (!r || r->status != 200) die("draft save failed: " + (r ? r->body.substr(0, 300) : std::string("no reply")));
      revision = json::parse(r->body)["sheet"]["revision"];
    }
    const auto s = percentiles(save_ms);
    std::printf("5,000-line draft save over HTTP (%.1f KB body, server reruns full validation): p50 %.1f ms "
                "p99 %.1f ms max %.1f ms   [target < 100 ms]\n", body_bytes / 1024.0, s.p50, s.p99, s.max);

    // 2b. the editor opening that sheet: the whole sheet in one answer (GET .../sheet/full), the first
    // read after the save (built) and later ones (the response cache), each parsed into the Sheet the
    // editor validates, as the browser does.
    std::vector<double> first_ms, full_ms, parse_ms;
    size_t full_bytes = 0, full_lines = 0;
    for (int run = 0; run < 20; ++run) {
      if (run % 10 == 0) {  // a save moves the revision: the next read is built afresh
        json one = json::array({{{"serial", serials[0]}, {"change_note", "run " + std::to_string(run)}}});
        auto r = cli.Post("/api/v1" + pbase + "/sheet/draft", h, json{{"revision", revision}, {"lines", one}}.dump(),
                          "application/json");
        if (!r || r->status != 200) die("draft save before the full read failed");
        revision = json::parse(r->body)["sheet"]["revision"];
      }
      const auto t0 = Steady::now();
      auto r = cli.Get("/api/v1" + pbase + "/sheet/full", h);
      const double ms = ms_since(t0);
      if (!r || r->status != 200) die("whole-sheet read failed: " + (r ? r->body.substr(0, 300) : std::string("no reply")));
      (run % 10 == 0 ? first_ms : full_ms).push_back(ms);
      const auto t1 = Steady::now();
      auto parsed = full_sheet_from_json(json::parse(r->body));
      if (!parsed) die("whole-sheet answer malformed at " + parsed.error().field);
      const Sheet sheet = to_sheet(*parsed);
      parse_ms.push_back(ms_since(t1));
      full_bytes = r->body.size();
      full_lines = sheet.lines.size();
    }
    const auto f = percentiles(full_ms), fp = percentiles(parse_ms);
    std::printf("whole-sheet read over HTTP (%zu lines, %.1f KB JSON): first read after a save %.1f ms, cached p50 %.1f ms "
                "p99 %.1f ms; parse + to_sheet (native) p50 %.1f ms   [target: open < 500 ms]\n",
                full_lines, full_bytes / 1024.0, *std::max_element(first_ms.begin(), first_ms.end()), f.p50, f.p99, fp.p50);
  }

  // 3. reading a 300-line sheet, 8 clients, against a hello-world server in the same run
  {
    const std::string code = text(db,
        "SELECT i.code FROM ivd_sheets s JOIN institutions i ON i.id = s.hospital_id WHERE s.project_id = " +
        std::to_string(pid) + " AND s.line_count >= " + std::to_string(std::min(lines, 300)) + " ORDER BY s.id LIMIT 1");
    const std::string token = session_for(api, db, svc, code);
    const std::string lines_path = "/api/v1" + pbase + "/sheet/lines?page_size=300";
    std::vector<double> one_ms;
    size_t reply_bytes = 0;
    for (int i = 0; i < 100; ++i) {
      const auto t0 = Steady::now();
      // What the server calls: a cached answer comes back as bytes.
      auto r = api.handle_serialised({"GET", pbase + "/sheet/lines", "", {{"page_size", "300"}}, token});
      one_ms.push_back(ms_since(t0));
      if (r.status != 200) die("sheet lines: " + r.body.dump().substr(0, 300));
      if (i == 0) reply_bytes = r.bytes ? r.bytes->size() : r.body.dump().size();
    }
    const auto one = percentiles(one_ms);
    std::printf("300-line sheet read in the dispatcher (%.1f KB JSON): p50 %.2f ms p99 %.2f ms\n", reply_bytes / 1024.0,
                one.p50, one.p99);
    {
      httplib::Client cli("127.0.0.1", port);
      auto r = cli.Get(lines_path, {{"X-Session-Token", token}});
      if (!r || r->status != 200) die("sheet lines over HTTP failed");
      std::ofstream(web_dir / "lines.json", std::ios::binary) << r->body;
    }
    httplib::Server hello;
    hello.Get("/hello", [](const httplib::Request&, httplib::Response& res) { res.set_content("Hello World!", "text/plain"); });
    const int hello_port = hello.bind_to_any_port("127.0.0.1");
    std::thread hello_thread([&] { hello.listen_after_bind(); });
    hello.wait_until_ready();
    const double sheet_rps = throughput(port, lines_path, token, seconds);
    const double static_rps = throughput(port, "/lines.json", "", seconds);
    const double hello_rps = throughput(hello_port, "/hello", "", seconds);
    hello.stop();
    hello_thread.join();
    std::printf("300-line sheet read, 8 clients, %d readers: %.0f req/s; the same %.1f KB as a static file from the same "
                "server: %.0f req/s; ratio %.3f   [target >= 0.5]; bare hello-world: %.0f req/s\n",
                reader_count, sheet_rps, static_cast<double>(std::filesystem::file_size(web_dir / "lines.json")) / 1024.0,
                static_rps, sheet_rps / static_rps, hello_rps);

    // 4. a logged-in GET, idle and while an anonymous client sends 30 MB bodies one after another
    const auto timed_gets = [&](int n) {
      httplib::Client cli("127.0.0.1", port);
      cli.set_keep_alive(true);
      std::vector<double> ms;
      for (int i = 0; i < n; ++i) {
        const auto t0 = Steady::now();
        auto r = cli.Get(lines_path, {{"X-Session-Token", token}});
        ms.push_back(ms_since(t0));
        if (!r || r->status != 200) die("logged-in GET failed");
      }
      return percentiles(ms);
    };
    const auto idle = timed_gets(300);
    const std::string big = "{\"name\": \"big.pdf\", \"content_base64\": \"" + std::string(30u << 20, 'A') + "\"}";
    std::atomic<bool> stop{false};
    std::atomic<int> bodies{0};
    std::thread anonymous([&] {
      httplib::Client cli("127.0.0.1", port);
      cli.set_write_timeout(std::chrono::seconds(60));
      while (!stop) {
        auto r = cli.Post("/api/v1/ivd/files", big, "application/json");
        if (r) ++bodies;
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const auto loaded = timed_gets(300);
    stop = true;
    anonymous.join();
    std::printf("logged-in GET of the 300-line sheet: idle p50 %.2f ms p99 %.2f ms; while an anonymous client sent "
                "%d bodies of 30 MB: p50 %.2f ms p99 %.2f ms\n", idle.p50, idle.p99, bodies.load(), loaded.p50, loaded.p99);
  }
  server.http().stop();
  serving.join();
  std::error_code ec;
  std::filesystem::remove_all(web_dir, ec);
  return 0;
}
