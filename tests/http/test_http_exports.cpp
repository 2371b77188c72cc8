// The 导出列表 over HTTP (docs/api-exports.md): the real server with the job runner on its own threads,
// the demo world, the real login. Jobs are produced in the background and downloaded as binary files by
// their owner only; a failing job is 失败 with its reason and leaves no file; retention removes files;
// a running job holds no request.
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>

#include "core/demo/ivd_demo.hpp"
#include "core/demo/org_demo.hpp"
#include "core/demo/supply_demo.hpp"
#include "core/exports/export_kinds.hpp"
#include "core/ivd/aggregates.hpp"
#include "server/exports/export_download.hpp"
#include "server/exports/export_runner.hpp"
#include "tests/http/test_server.hpp"

using namespace ivd;
using namespace ivd::test;
using nlohmann::json;

namespace {

constexpr const char* kNewPassword = "Exports2026";

struct SilentPainter : CaptchaPainter {
  std::string png(std::string_view) override { return {}; }
};

struct ExportWorld {
  TempDir dir;
  std::string db_path;
  int64_t project_id = 0;
};

// The demo organisation, a small IVD project and the supply demo, built once per run.
const ExportWorld& export_world() {
  static const std::unique_ptr<ExportWorld> world = [] {
    auto w = std::make_unique<ExportWorld>();
    auto opened = Db::open(":memory:");
    REQUIRE(opened.ok());
    Db db = std::move(opened.value());
    REQUIRE(migrate(db).ok());
    SystemClock clock;
    SodiumRandom random;
    SodiumHasher hasher{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
    SilentPainter painter;
    Services svc{clock, random, hasher, painter};
    REQUIRE(ensure_super_admin(db, svc).ok());
    if (auto s = seed_demo(db, svc); !s) FAIL(s.error().message_en);
    IvdDemoOptions small;
    small.serials = 200;
    small.certificates = 80;
    IvdDemoReport report;
    if (auto s = seed_ivd_demo(db, svc, small, &report); !s) FAIL(s.error().message_en);
    w->project_id = report.project_id;
    if (auto s = seed_supply_demo(db, svc); !s) FAIL(s.error().message_en);
    w->db_path = (w->dir.path / "exports.db").string();
    if (auto s = db.exec("VACUUM INTO '" + w->db_path + "'"); !s) FAIL(s.error().message_en);
    return w;
  }();
  return *world;
}

struct Reply {
  int status = 0;
  json body;
};

// The test server plus the export runner and the download route, as `server serve` wires them.
struct ExportServer {
  TempDir files;
  ProducerRegistry producers;
  TestServer s;
  std::unique_ptr<ExportRunner> runner;
  std::map<std::string, std::string> tokens;

  explicit ExportServer(std::function<void(ProducerRegistry&)> more = {})
      : s([this] {
          TestServerOptions o;
          o.db_template = export_world().db_path;
          o.api_binary_routes = [this](httplib::Server& srv, Api& api) {
            add_export_download_route(srv, api, files.path / "exports");
          };
          return o;
        }()) {
    register_builtin_producers(producers);
    if (more) more(producers);
    ExportRunnerOptions o;
    o.db_path = (s.dir.path / "test.db").string();
    o.folder = files.path / "exports";
    o.poll = std::chrono::milliseconds(20);
    o.sweep_every = std::chrono::seconds(0);  // the tests sweep when they want
    runner = std::make_unique<ExportRunner>(o, s.svc, producers);
  }
  ~ExportServer() { runner.reset(); }  // before the server and the database go

  std::string session(const std::string& username) {
    if (auto it = tokens.find(username); it != tokens.end()) return it->second;
    const std::string first = s.login(username, s.svc.settings.initial_password);
    json change = {{"old_password", s.svc.settings.initial_password},
                   {"new_password", kNewPassword},
                   {"confirm_password", kNewPassword}};
    auto changed = s.client().Post("/api/v1/auth/change-password", TestServer::auth(first), change.dump(),
                                   "application/json");
    REQUIRE(changed);
    REQUIRE(changed->status == 200);
    return tokens[username] = s.login(username, kNewPassword);
  }
  Reply call(const std::string& method, const std::string& path, const std::string& user, const json& body = nullptr) {
    auto cli = s.client();
    const auto h = TestServer::auth(session(user));
    httplib::Result r = method == "GET"      ? cli.Get("/api/v1" + path, h)
                        : method == "DELETE" ? cli.Delete("/api/v1" + path, h)
                                             : cli.Post("/api/v1" + path, h, body.dump(), "application/json");
    REQUIRE(r);
    return {r->status, json_of(r)};
  }
  httplib::Result download(int64_t id, const std::string& user) {
    return s.client().Get("/api/v1/exports/" + std::to_string(id) + "/download", TestServer::auth(session(user)));
  }
  int64_t start(const std::string& user, const std::string& kind, json params = json::object()) {
    auto r = call("POST", "/exports", user, {{"kind", kind}, {"params", params}, {"title", "测试"}});
    INFO(r.body.dump());
    REQUIRE(r.status == 200);
    runner->wake();
    return r.body.at("id").get<int64_t>();
  }
  // Waits (up to 20 s) until the job is no longer 生成中 and answers it.
  json wait_done(int64_t id, const std::string& user) {
    for (int i = 0; i < 1000; ++i) {
      auto r = call("GET", "/exports/" + std::to_string(id), user);
      REQUIRE(r.status == 200);
      if (r.body.at("status") != "running") return r.body;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL("the job did not finish");
    return {};
  }
  std::set<std::string> folder_files() {
    std::set<std::string> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(files.path / "exports", ec))
      out.insert(e.path().filename().string());
    return out;
  }
};

std::string pid_text() { return std::to_string(export_world().project_id); }

}  // namespace

TEST_CASE("national 汇总数据导出 runs as a job and downloads as the same CSV the data route gives", "[http][exports]") {
  ExportServer x;
  const int64_t id = x.start("admin", export_kind::ivd_national_csv, {{"project_id", export_world().project_id}});
  auto listed = x.call("GET", "/exports", "admin");
  REQUIRE(listed.status == 200);
  CHECK(listed.body.at("items")[0].at("id") == id);

  auto job = x.wait_done(id, "admin");
  INFO(job.dump());
  REQUIRE(job.at("status") == "done");
  CHECK(job.at("progress") == 100);
  CHECK(job.at("file_name") == "2026年度省际联盟体外诊断试剂报量_全国汇总数据.csv");
  CHECK(x.call("GET", "/exports", "admin").body.at("running") == 0);

  auto file = x.download(id, "admin");
  REQUIRE(file);
  REQUIRE(file->status == 200);
  CHECK(file->get_header_value("Content-Type").rfind("text/csv", 0) == 0);
  const std::string disposition = file->get_header_value("Content-Disposition");
  CHECK(disposition.rfind("attachment; filename=\"", 0) == 0);
  // (the client hands the header over percent-decoded; the encoding itself is checked below)
  CHECK(disposition.find("filename*=UTF-8''2026") != std::string::npos);
  CHECK(job.at("file_size") == static_cast<int64_t>(file->body.size()));
  // The header and BOM, and every row: the CSV equals what the data route answers.
  CHECK(file->body.rfind("\xEF\xBB\xBF省份,大项,小项,生产企业,注册证,上年度采购总数量,下年度采购总数量\r\n", 0) == 0);
  auto rows = x.call("GET", "/ivd/projects/" + pid_text() + "/certificates", "admin");
  REQUIRE(rows.status == 200);
  std::vector<CertTotalRow> items;
  for (const auto& it : rows.body.at("items")) items.push_back(it.get<CertTotalRow>());
  REQUIRE(items.size() > 10);
  CHECK(file->body == cert_totals_csv(items));
}

TEST_CASE("only the owner downloads: another admin of the same province gets the answer of a missing id",
          "[http][exports][scope]") {
  ExportServer x;
  const int64_t id = x.start("admin_34", export_kind::supply_feedback_csv);
  REQUIRE(x.wait_done(id, "admin_34").at("status") == "done");
  auto own = x.download(id, "admin_34");
  REQUIRE(own);
  CHECK(own->status == 200);
  CHECK(own->body.rfind("\xEF\xBB\xBF", 0) == 0);

  auto neighbour = x.download(id, "city_340100");  // 合肥市, same province, holds 导出列表
  auto missing = x.download(id + 1000, "city_340100");
  auto national = x.download(id, "admin");
  REQUIRE(neighbour);
  REQUIRE(missing);
  REQUIRE(national);
  CHECK(neighbour->status == 404);
  CHECK(neighbour->body == missing->body);
  CHECK(national->body == missing->body);
  CHECK(json::parse(neighbour->body).at("code") == "exports.job.not_found");
  CHECK(x.call("GET", "/exports/" + std::to_string(id), "city_340100").body == json::parse(missing->body));
  CHECK(x.call("GET", "/exports", "city_340100").body.at("total") == 0);
  CHECK(x.call("DELETE", "/exports/" + std::to_string(id), "city_340100").status == 404);
  // Without a session nothing at all.
  auto anonymous = x.s.client().Get("/api/v1/exports/" + std::to_string(id) + "/download");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  // A user without the 导出列表 menu cannot start one.
  auto hospital = x.call("POST", "/exports", "H34010000001", {{"kind", export_kind::supply_feedback_csv}});
  CHECK(hospital.status == 403);
  // A kind of a menu the caller does not hold.
  auto other_menu = x.call("POST", "/exports", "admin_34",
                           {{"kind", export_kind::ivd_national_csv}, {"params", {{"project_id", 1}}}});
  CHECK(other_menu.status == 403);
}

TEST_CASE("a failing job shows 失败 with its reason and leaves no partial file", "[http][exports]") {
  ExportServer x([](ProducerRegistry& r) {
    // Writes half a file, then gives up: nothing of it may stay.
    r.add(export_kind::supply_feedback_xlsx, [](Db&, Services&, const Actor&, const json&, ExportProgress& p) -> Result<Document> {
      std::ofstream(p.temp_file, std::ios::binary) << "PK half an xlsx";
      p.set(50);
      return make_error(ErrorKind::unprocessable, "supply.export.too_many", {}, {"10000"});
    });
    r.remove(export_kind::ivd_national_xlsx);  // a kind whose producer is not installed
  });
  const int64_t id = x.start("admin_34", export_kind::supply_feedback_xlsx);
  auto job = x.wait_done(id, "admin_34");
  CHECK(job.at("status") == "failed");
  CHECK(job.at("error").at("code") == "supply.export.too_many");
  CHECK(job.at("error").at("message_zh") == "筛选结果超过 10000 条，请缩小查询范围后再导出");
  CHECK(job.at("file_name") == "");
  CHECK(x.folder_files().empty());
  auto file = x.download(id, "admin_34");
  REQUIRE(file);
  CHECK(file->status == 409);
  CHECK(json::parse(file->body).at("code") == "exports.job.not_ready");

  // A kind whose producer is not installed fails with its own reason; a producer's scope refusal too.
  const int64_t unavailable = x.start("admin", export_kind::ivd_national_xlsx, {{"project_id", export_world().project_id}});
  CHECK(x.wait_done(unavailable, "admin").at("error").at("code") == "exports.kind.unavailable");
  const int64_t no_project = x.start("admin", export_kind::ivd_national_csv, {{"project_id", 999999}});
  auto refused = x.wait_done(no_project, "admin");
  CHECK(refused.at("status") == "failed");
  CHECK_FALSE(refused.at("error").at("message_zh").get<std::string>().empty());
  CHECK(x.folder_files().empty());
}

TEST_CASE("retention removes jobs and their files; 删除 removes the file at the next sweep", "[http][exports][retention]") {
  ExportServer x;
  const int64_t old = x.start("admin_34", export_kind::supply_feedback_csv);
  REQUIRE(x.wait_done(old, "admin_34").at("status") == "done");
  const int64_t deleted = x.start("admin_34", export_kind::supply_feedback_csv);
  REQUIRE(x.wait_done(deleted, "admin_34").at("status") == "done");
  REQUIRE(x.folder_files().size() == 2);

  REQUIRE(x.call("DELETE", "/exports/" + std::to_string(deleted), "admin_34").status == 200);
  REQUIRE(*x.runner->sweep_now() == 0);
  CHECK(x.folder_files().size() == 1);  // the deleted one's file is gone, the other stays
  CHECK(x.download(old, "admin_34")->status == 200);

  x.s.clock.advance(7 * 86400 - 60);
  REQUIRE(*x.runner->sweep_now() == 0);
  CHECK(x.folder_files().size() == 1);
  x.s.clock.advance(120);
  REQUIRE(*x.runner->sweep_now() == 1);
  CHECK(x.folder_files().empty());
  x.tokens["admin_34"] = x.s.login("admin_34", kNewPassword);  // the session has expired meanwhile
  CHECK(x.download(old, "admin_34")->status == 404);
}

TEST_CASE("a running export holds no request: other calls are answered while it works", "[http][exports]") {
  std::mutex mu;
  std::condition_variable cv;
  bool entered = false, release = false;
  ExportServer x([&](ProducerRegistry& r) {
    r.add(export_kind::supply_feedback_xlsx, [&](Db&, Services&, const Actor&, const json&, ExportProgress& p) -> Result<Document> {
      p.set(30);
      std::unique_lock lock(mu);
      entered = true;
      cv.notify_all();
      cv.wait(lock, [&] { return release; });  // holds until the test has made its calls
      return Document{"反馈.xlsx", "application/octet-stream", "PK", false};
    });
  });
  const int64_t id = x.start("admin_34", export_kind::supply_feedback_xlsx);
  {
    std::unique_lock lock(mu);
    REQUIRE(cv.wait_for(lock, std::chrono::seconds(20), [&] { return entered; }));
  }
  // While the producer is held: reads, writes and the list (showing its progress) are all answered.
  auto me = x.s.client().Get("/api/v1/auth/me", TestServer::auth(x.session("admin_34")));
  REQUIRE(me);
  CHECK(me->status == 200);
  auto job = x.call("GET", "/exports/" + std::to_string(id), "admin_34");
  CHECK(job.body.at("status") == "running");
  CHECK(job.body.at("progress") == 30);
  const int64_t second = x.start("admin_34", export_kind::supply_feedback_csv);
  CHECK(x.call("GET", "/exports", "admin_34").body.at("running") == 2);
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  CHECK(x.wait_done(id, "admin_34").at("status") == "done");
  CHECK(x.wait_done(second, "admin_34").at("status") == "done");
  auto file = x.download(id, "admin_34");
  CHECK(file->body == "PK");
  CHECK(file->get_header_value("Content-Disposition").find("反馈.xlsx") != std::string::npos);
  CHECK(content_disposition("反馈 1.xlsx") == "attachment; filename=\"___1.xlsx\"; filename*=UTF-8''%E5%8F%8D%E9%A6%88%201.xlsx");
}

TEST_CASE("the document kinds run as jobs: national XLSX, province PDF, supply XLSX", "[http][exports][documents]") {
  ExportServer x;
  const int64_t xlsx = x.start("admin", export_kind::ivd_national_xlsx, {{"project_id", export_world().project_id}});
  const int64_t pdf = x.start("admin_34", export_kind::ivd_province_pdf,
                              {{"project_id", export_world().project_id}, {"province", "340000"}});
  const int64_t feedback = x.start("admin_34", export_kind::supply_feedback_xlsx);
  for (auto [id, owner, magic] : {std::tuple{xlsx, "admin", "PK"}, std::tuple{pdf, "admin_34", "%PDF-"},
                                  std::tuple{feedback, "admin_34", "PK"}}) {
    INFO("job " << id);
    auto job = x.wait_done(id, owner);
    REQUIRE(job.at("status") == "done");
    auto file = x.download(id, owner);
    REQUIRE(file);
    CHECK(file->status == 200);
    CHECK(file->body.rfind(magic, 0) == 0);
    // Owner only: the other user of the test gets the answer of a missing job.
    auto other = x.download(id, std::string(owner) == "admin" ? "admin_34" : "admin");
    REQUIRE(other);
    CHECK(other->status == 404);
  }
}
