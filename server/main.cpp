// The server command line (DESIGN: server/main.cpp):
//   server serve [--db FILE] [--port N] [--host H] [--web DIR]
//   server init  [--db FILE] [--demo] [--initial-password P] [--export-retention-days N]
//   server import institutions FILE.csv [--db FILE]
//   server import products FILE.csv [--db FILE]
//   server import calendar FILE.csv [--db FILE]
#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/accounts/sessions.hpp"
#include "core/api/dispatcher.hpp"
#include "core/store/app_settings.hpp"
#include "core/base/civil_time.hpp"
#include "core/base/csv.hpp"
#include "core/base/work_calendar.hpp"
#include "core/store/db.hpp"
#include "core/base/i18n.hpp"
#include "core/accounts/initial_users.hpp"
#include "core/org/institutions.hpp"
#include "core/org/regions.hpp"
#include "core/store/calendar_store.hpp"
#include "core/store/schema.hpp"
#include "core/supply/feedback_actions.hpp"
#include "core/supply/products.hpp"
#include "server/captcha_png.hpp"
#include "server/http_server.hpp"
#include "server/sodium_hasher.hpp"

#include "core/demo/org_demo.hpp"
#include "core/demo/ivd_demo.hpp"
#include "core/demo/supply_demo.hpp"
#include "server/disk_file_store.hpp"
#include "server/documents/document_routes.hpp"
#include "core/api/request.hpp"
#include "core/exports/export_jobs.hpp"
#include "server/exports/export_download.hpp"
#include "server/exports/export_producers.hpp"
#include "server/exports/export_runner.hpp"

#ifndef IVD_DEFAULT_WEB_DIR
#define IVD_DEFAULT_WEB_DIR "build/wasm/webroot"
#endif

namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  server serve [--db FILE] [--port N] [--host H] [--web DIR]\n"
    "      serve the web app and the API; defaults: --db data/ivd.db --host 127.0.0.1 --port 8080\n"
    "      --web " IVD_DEFAULT_WEB_DIR "\n"
    "  server init [--db FILE] [--demo] [--initial-password P] [--export-retention-days N]\n"
    "      create or upgrade the database and the super admin \"admin\" (initial password 123456 unless\n"
    "      --initial-password is given; it must be changed at first login), every region and one admin per\n"
    "      province; --demo adds demo institutions, users and a national IVD reporting data set,\n"
    "      with uploaded files in FILE.files/; --export-retention-days: how long files of the 导出列表 are\n"
    "      kept (default 7; kept in the database's settings)\n"
    "  server import institutions FILE.csv [--db FILE]\n"
    "      import hospitals and enterprises (columns 机构编码,机构名称,机构类型,所属区划,医院等级; UTF-8 or\n"
    "      GBK); all or nothing, idempotent by code; creates a user for every new hospital\n"
    "  server import products FILE.csv [--db FILE]\n"
    "      import the national selected products of the supply-problem feedback (columns 流水号,通用名,剂型,\n"
    "      规格,生产企业,申报企业,批次; UTF-8 or GBK); all or nothing, idempotent by 流水号; import the\n"
    "      enterprises first\n"
    "  server import calendar FILE.csv [--db FILE]\n"
    "      import the official working-day calendar of a year (columns date,kind; kind holiday or workday)\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "server: %s\n\n%s", message.c_str(), kUsage);
  return 2;
}

int fail(const std::string& message) {
  std::fprintf(stderr, "server: %s\n", message.c_str());
  return 1;
}

using Options = std::map<std::string, std::string>;

// Parses "--name value" options and "--flag" flags; anything else is an error.
bool parse_options(const std::vector<std::string>& args, const std::vector<std::string>& with_value,
                   const std::vector<std::string>& flags, Options& out, std::string& error) {
  auto known = [](const std::vector<std::string>& v, const std::string& a) {
    return std::find(v.begin(), v.end(), a) != v.end();
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (known(flags, a)) {
      out[a] = "1";
    } else if (known(with_value, a)) {
      if (i + 1 >= args.size() || args[i + 1].empty()) {
        error = "option " + a + " needs a value";
        return false;
      }
      out[a] = args[++i];
    } else {
      error = "unknown option \"" + a + "\"";
      return false;
    }
  }
  return true;
}

std::string get(const Options& opts, const std::string& key, const std::string& def) {
  auto it = opts.find(key);
  return it == opts.end() ? def : it->second;
}

// Opens the database (creating its folder) and applies the migrations (DESIGN: applied at start).
std::unique_ptr<ivd::Db> open_database(const std::string& path) {
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  auto db = ivd::Db::open(path);
  if (!db) {
    fail("cannot open database " + path + ": " + db.error().message_en);
    return nullptr;
  }
  if (auto m = ivd::migrate(*db); !m) {
    fail("migrating " + path + " failed: " + m.error().message_en);
    return nullptr;
  }
  return std::make_unique<ivd::Db>(std::move(db.value()));
}

// A read-only connection for the API's read routes (Api::add_reader); query_only makes a stray write
// fail (the dispatcher then runs the request on the writer) instead of writing beside the writer.
std::unique_ptr<ivd::Db> open_reader(const std::string& path) {
  auto db = ivd::Db::open(path);
  if (!db) {
    fail("cannot open database " + path + " for reading: " + db.error().message_en);
    return nullptr;
  }
  if (auto s = db->exec("PRAGMA query_only = 1"); !s) {
    fail("cannot open database " + path + " for reading: " + s.error().message_en);
    return nullptr;
  }
  return std::make_unique<ivd::Db>(std::move(db.value()));
}
// Enough for the httplib worker threads of a small deployment; a reader is held for one request.
constexpr int kReaderConnections = 4;

// Upload bytes live next to the database: data/ivd.db -> data/ivd.db.files/
std::filesystem::path file_store_root(const std::string& db_path) { return db_path + ".files"; }
// Files of the 导出列表 too: data/ivd.db -> data/ivd.db.exports/
std::filesystem::path exports_root(const std::string& db_path) { return db_path + ".exports"; }

// `init` and `import` paint no captcha.
struct NoCaptcha : ivd::CaptchaPainter {
  std::string png(std::string_view) override { return {}; }
};

// The services of the commands that work on the database without serving.
struct OfflineServices {
  ivd::SystemClock clock;
  ivd::SodiumRandom random;
  ivd::SodiumHasher hasher;
  NoCaptcha painter;
  ivd::Services svc{clock, random, hasher, painter};
};

int cmd_init(const std::vector<std::string>& args) {
  Options opts;
  std::string error;
  if (!parse_options(args, {"--db", "--initial-password", "--export-retention-days"}, {"--demo"}, opts, error))
    return usage_error(error);
  const std::string db_path = get(opts, "--db", "data/ivd.db");
  auto db = open_database(db_path);
  if (!db) return 1;

  OfflineServices offline;
  ivd::Services& svc = offline.svc;
  if (auto s = ivd::load_settings(*db, svc.settings, svc.hasher); !s) return fail(s.error().message_en);
  if (opts.count("--initial-password")) svc.settings.set_initial_password(opts["--initial-password"]);
  if (auto s = ivd::save_settings(*db, svc.settings, svc.hasher); !s) return fail(s.error().message_en);
  if (opts.count("--export-retention-days")) {
    const auto days = ivd::parse_int(opts["--export-retention-days"]);
    auto s = days ? ivd::set_export_retention_days(*db, *days)
                  : ivd::Status(ivd::make_error(ivd::ErrorKind::bad_request, "exports.retention.range", "days",
                                                {"1", std::to_string(ivd::kMaxExportRetentionDays)}));
    if (!s) return usage_error("--export-retention-days: " + s.error().message_en);
  }

  auto admin = ivd::ensure_super_admin(*db, svc);
  if (!admin) return fail("creating the super admin failed: " + admin.error().message_en);
  std::printf("init: database %s at schema version %d; super admin \"%s\" (id %lld)\n", db_path.c_str(),
              ivd::latest_schema_version(), std::string(ivd::kSuperAdminUsername).c_str(),
              static_cast<long long>(*admin));

  // SPEC §1 Initialisation: every region, one admin per province, one user per imported hospital.
  if (auto s = ivd::seed_regions(*db); !s) return fail("loading regions failed: " + s.error().message_en);
  auto admins = ivd::ensure_province_admins(*db, svc);
  if (!admins) return fail("creating province admins failed: " + admins.error().message_en);
  std::printf("init: %d province admins created (admin_PP, e.g. admin_34 for 安徽省)\n", admins->created);

  if (opts.count("--demo")) {
    auto seeded = ivd::seed_demo(*db, svc);
    if (!seeded) return fail("demo data failed: " + seeded.error().message_en);
    std::printf("init: demo data: %d hospitals, %d enterprises, %d users created\n", seeded->hospitals,
                seeded->enterprises, seeded->users_created);
    ivd::IvdDemoReport report;
    if (auto s = ivd::seed_ivd_demo(*db, svc, {}, &report); !s) return fail("IVD demo data failed: " + s.error().message_en);
    ivd::DiskFileStore files(file_store_root(db_path));
    for (const auto& f : report.files)
      if (auto s = files.put(f.sha256, f.bytes); !s) return fail("storing demo files failed: " + s.error().message_en);
    if (report.created)
      std::printf("init: IVD demo project %lld: %d catalog rows, %d sheets, %d lines\n",
                  static_cast<long long>(report.project_id), report.catalog_rows, report.sheets, report.lines);
    ivd::SupplyDemoReport supply;
    if (auto s = ivd::seed_supply_demo(*db, svc, &supply); !s) return fail("supply demo data failed: " + s.error().message_en);
    for (const auto& f : supply.files)
      if (auto s = files.put(f.sha256, f.bytes); !s) return fail("storing demo files failed: " + s.error().message_en);
    if (supply.created)
      std::printf("init: supply demo: %d products (%d of 备供 batches), %d feedback\n", supply.products,
                  supply.backup_products, supply.feedback);
  }
  auto hospital_users = ivd::ensure_hospital_users(*db, svc);
  if (!hospital_users) return fail("creating hospital users failed: " + hospital_users.error().message_en);
  std::printf("init: users must change the initial password at first login\n");
  return 0;
}

// `server import products FILE.csv` (SPEC §3): the national selected products of the supply-problem
// feedback, as the super admin's import does.
int import_products_file(ivd::Db& db, ivd::Services& svc, const std::string& file, const std::string& bytes) {
  auto counts = ivd::import_products_csv(db, bytes, svc.clock.now());
  if (!counts) {
    ivd::Error e = counts.error();
    if (e.details.is_object() && e.details.contains("issues")) e.details = e.details["issues"];  // the lines
    std::fprintf(stderr, "server: import of %s refused, nothing changed:\n%s", file.c_str(), ivd::import_error_text(e).c_str());
    return 1;
  }
  std::printf("import: products: %d inserted, %d updated, %d unchanged\n", counts->inserted, counts->updated,
              counts->unchanged);
  return 0;
}

// `server import institutions FILE.csv` (SPEC §1, IVD manual FAQ 1): operators import institutions with
// a command, not a UI screen. Every bad row is listed; nothing changes unless every row is good.
// `server import calendar FILE.csv` (issue 10 §3): the working-day calendar of a year announced after
// the build (core/base/work_calendar.hpp describes the file). Every bad row is listed; nothing changes
// unless every row is good.
int cmd_import_calendar(const std::vector<std::string>& args) {
  if (args.size() < 2 || args[1].rfind("--", 0) == 0) return usage_error("import calendar: missing FILE.csv");
  const std::string file = args[1];
  Options opts;
  std::string error;
  if (!parse_options({args.begin() + 2, args.end()}, {"--db"}, {}, opts, error)) return usage_error(error);
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail("cannot read " + file);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto db = open_database(get(opts, "--db", "data/ivd.db"));
  if (!db) return 1;
  ivd::SystemClock clock;
  auto counts = ivd::import_calendar_csv(*db, bytes, clock.now());
  if (!counts) {
    std::fprintf(stderr, "server: import of %s refused, nothing changed:\n%s", file.c_str(),
                 ivd::import_error_text(counts.error()).c_str());
    return 1;
  }
  auto years_text = [](const std::vector<int>& years) {
    std::string out;
    for (int y : years) out += (out.empty() ? "" : " ") + std::to_string(y);
    return out.empty() ? std::string("-") : out;
  };
  std::printf("import: %s\n", ivd::trf(ivd::Lang::zh, "calendar.import.done",
                                       {std::to_string(counts->rows), years_text(counts->years),
                                        years_text(counts->changed), years_text(counts->unchanged)}).c_str());
  auto calendar = ivd::load_work_calendar(*db);
  if (!calendar) return fail("reading the calendar back failed: " + calendar.error().message_en);
  std::printf("import: calendar years covered: %s\n", years_text(calendar->covered_years()).c_str());
  return 0;
}

int cmd_import(const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "calendar") return cmd_import_calendar(args);
  if (args.empty() || (args[0] != "institutions" && args[0] != "products"))
    return usage_error("import: say what to import: institutions, products or calendar");
  if (args.size() < 2 || args[1].rfind("--", 0) == 0) return usage_error("import " + args[0] + ": missing FILE.csv");
  const std::string file = args[1];
  Options opts;
  std::string error;
  if (!parse_options({args.begin() + 2, args.end()}, {"--db"}, {}, opts, error)) return usage_error(error);
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail("cannot read " + file);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string db_path = get(opts, "--db", "data/ivd.db");
  auto db = open_database(db_path);
  if (!db) return 1;

  OfflineServices offline;
  ivd::Services& svc = offline.svc;
  if (auto s = ivd::load_settings(*db, svc.settings, svc.hasher); !s) return fail(s.error().message_en);
  if (auto s = ivd::seed_regions(*db); !s) return fail("loading regions failed: " + s.error().message_en);
  if (args[0] == "products") return import_products_file(*db, svc, file, bytes);

  auto counts = ivd::import_institutions(*db, bytes, svc.clock.now());
  if (!counts) {
    std::fprintf(stderr, "server: import of %s refused, nothing changed:\n%s", file.c_str(),
                 ivd::import_error_text(counts.error()).c_str());
    return 1;
  }
  std::printf("import: %s\n", ivd::trf(ivd::Lang::zh, "import.done",
                                       {std::to_string(counts->rows), std::to_string(counts->inserted),
                                        std::to_string(counts->updated), std::to_string(counts->unchanged),
                                        std::string(ivd::encoding_name(counts->encoding))}).c_str());
  // SPEC §1 Initialisation: one user per imported hospital, initial password, forced change.
  auto users = ivd::ensure_hospital_users(*db, svc);
  if (!users) return fail("creating hospital users failed: " + users.error().message_en);
  std::printf("import: %d hospital users created (username = 机构编码, initial password, must change at first login)\n",
              users->created);
  return 0;
}

// Re-reads the imported calendar years every minute (on its own read-only connection) and installs
// the result for core's counts; stops when destroyed.
class CalendarRefresher {
 public:
  explicit CalendarRefresher(ivd::Db& db) : db_(db), thread_([this] { run(); }) {}
  ~CalendarRefresher() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::seconds(60), [this] { return stop_; })) {
      if (auto s = ivd::reload_work_calendar(db_); !s)
        std::fprintf(stderr, "server: reloading the working-day calendar failed: %s\n", s.error().message_en.c_str());
    }
  }
  ivd::Db& db_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;  // last: starts once the members above exist
};

int cmd_serve(const std::vector<std::string>& args) {
  Options opts;
  std::string error;
  if (!parse_options(args, {"--db", "--port", "--host", "--web"}, {}, opts, error)) return usage_error(error);
  const std::string db_path = get(opts, "--db", "data/ivd.db");
  const std::string host = get(opts, "--host", "127.0.0.1");
  const std::string web_dir = get(opts, "--web", IVD_DEFAULT_WEB_DIR);
  int port = 0;
  try {
    size_t used = 0;
    port = std::stoi(get(opts, "--port", "8080"), &used);
    if (used != get(opts, "--port", "8080").size()) port = -1;
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 1 || port > 65535) return usage_error("--port needs a number from 1 to 65535");

  // Signals are taken by one thread that stops the server: block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto db = open_database(db_path);
  if (!db) return 1;
  std::string font_error;
  auto painter = ivd::CaptchaPng::load(&font_error);
  if (!painter) return fail(font_error);

  ivd::SystemClock clock;
  ivd::SodiumRandom random;
  ivd::SodiumHasher hasher;
  ivd::Services svc{clock, random, hasher, *painter};
  if (auto s = ivd::load_settings(*db, svc.settings, svc.hasher); !s) return fail(s.error().message_en);
  ivd::DiskFileStore files(file_store_root(db_path));
  svc.files = &files;

  // DESIGN: one writer connection and a few read-only ones; WAL lets reads proceed beside the writer.
  ivd::set_internal_error_sink(ivd::log_internal_error);
  std::vector<std::unique_ptr<ivd::Db>> readers;
  for (int i = 0; i < kReaderConnections; ++i) {
    auto reader = open_reader(db_path);
    if (!reader) return 1;
    readers.push_back(std::move(reader));
  }
  // The working-day calendar: the built-in years plus those imported with `server import calendar`,
  // loaded now and re-read every minute on a connection of its own, so an import made while the server
  // runs is counted with from then on.
  if (auto s = ivd::reload_work_calendar(*db); !s) return fail("loading the working-day calendar failed: " + s.error().message_en);
  auto calendar_db = open_reader(db_path);
  if (!calendar_db) return 1;
  CalendarRefresher calendar_refresher(*calendar_db);
  {
    const int64_t today = ivd::cst_day(clock.now());
    const auto uncovered = ivd::work_calendar()->uncovered_years(today, today + 31);
    if (!uncovered.empty())
      std::fprintf(stderr, "server: warning: %s (server import calendar FILE.csv)\n",
                   ivd::trf(ivd::Lang::en, "calendar.uncovered", {std::to_string(uncovered.front())}).c_str());
  }

  ivd::Api api(*db, svc);
  for (auto& r : readers) api.add_reader(*r);
  ivd::register_all_routes(api);
  ivd::documents::register_document_routes(api);  // small documents that download at once
  // The 导出列表's jobs run on threads and connections of their own (server/exports/export_runner.hpp).
  ivd::ProducerRegistry producers;
  ivd::register_builtin_producers(producers);
  ivd::ExportRunnerOptions export_opts;
  export_opts.db_path = db_path;
  export_opts.folder = exports_root(db_path);
  ivd::ExportRunner export_runner(export_opts, svc, producers);
  ivd::HttpServerOptions http_opts;
  http_opts.web_dir = web_dir;
  http_opts.api_binary_routes = [&](httplib::Server& s) { ivd::add_export_download_route(s, api, export_runner.folder()); };
  http_opts.access_log = true;
  ivd::HttpServer server(api, http_opts);

  if (!std::filesystem::is_regular_file(std::filesystem::path(web_dir) / "index.html"))
    std::fprintf(stderr, "server: warning: %s/index.html not found; only the API is served (build the web app "
                         "or pass --web DIR)\n", web_dir.c_str());
  {
    auto st = db->prepare("SELECT count(*) FROM users");
    if (st && *st->step() && st->col_int(0) == 0)
      std::fprintf(stderr, "server: warning: no users yet; run `server init --db %s` first\n", db_path.c_str());
  }

  if (!server.http().bind_to_port(host, port)) return fail("cannot listen on " + host + ":" + std::to_string(port));
  std::printf("serving http://%s:%d (database %s, web %s, captcha font %s)\n", host.c_str(), port, db_path.c_str(),
              web_dir.c_str(), painter->font_path().c_str());
  std::fflush(stdout);

  // The supply deadline sweep (docs/api-supply.md "Deadline"): every minute, on a connection of its
  // own, writes 未解决 (超时) for feedback whose deadline has passed. Reads are right without it.
  std::mutex sweep_mu;
  std::condition_variable sweep_wake;
  bool sweep_stop = false;
  std::thread sweep_thread([&] {
    auto conn = ivd::Db::open(db_path);
    if (!conn) return (void)fail("the deadline sweep cannot open " + db_path + ": " + conn.error().message_en);
    std::unique_lock lock(sweep_mu);
    do {
      lock.unlock();
      auto swept = ivd::sweep_timeouts(*conn, clock.now());
      if (!swept) std::fprintf(stderr, "server: deadline sweep failed: %s\n", swept.error().message_en.c_str());
      else if (*swept > 0) std::printf("sweep: %d supply feedback timed out\n", *swept);
      lock.lock();
    } while (!sweep_wake.wait_for(lock, std::chrono::minutes(1), [&] { return sweep_stop; }));
  });

  std::atomic<bool> done{false};
  std::thread signal_thread([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    if (!done) std::fprintf(stderr, "server: signal %d, stopping\n", sig);
    server.http().stop();
  });
  const bool ok = server.http().listen_after_bind();
  done = true;
  pthread_kill(signal_thread.native_handle(), SIGTERM);  // wakes the signal thread if still waiting
  signal_thread.join();
  {
    std::lock_guard lock(sweep_mu);
    sweep_stop = true;
  }
  sweep_wake.notify_all();
  sweep_thread.join();
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage_error("missing command");
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "-h" || command == "--help" || command == "help") {
    std::printf("%s", kUsage);
    return 0;
  }
  try {
    if (command == "serve") return cmd_serve(args);
    if (command == "init") return cmd_init(args);
    if (command == "import") return cmd_import(args);
  } catch (const std::exception& e) {
    return fail(std::string("unexpected error: ") + e.what());
  }
  return usage_error("unknown command \"" + command + "\"");
}
