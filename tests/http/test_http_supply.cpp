// The supply-feedback routes over HTTP (SPEC §3, docs/api-supply.md): the real server on loopback, the
// real login with the forced password change, the demo data set (seed_demo + seed_supply_demo). What the
// unit tests check in the dispatcher, checked as a browser sees it: status codes, error codes, the
// database left alone by refusals, files, the export, and the timeout on read before the sweep.
#include <map>
#include <set>
#include <vector>

#include "core/base/base64.hpp"
#include "core/demo/org_demo.hpp"
#include "core/demo/supply_demo.hpp"
#include "core/supply/feedback_actions.hpp"
#include "tests/http/test_server.hpp"

using namespace ivd;
using namespace ivd::test;
using nlohmann::json;

namespace {

constexpr const char* kNewPassword = "Supply2026";
constexpr const char* kDuplicate = "辖区已有医疗机构反映该中选药品供应问题，无需重复提交，请直接与上级医保部门联系！";

struct SilentPainter : CaptchaPainter {
  std::string png(std::string_view) override { return {}; }
};

struct SupplyDemoWorld {
  TempDir dir;
  std::string db_path;
  std::vector<SupplyDemoFile> files;
};

const SupplyDemoWorld& supply_world() {
  static const std::unique_ptr<SupplyDemoWorld> world = [] {
    auto w = std::make_unique<SupplyDemoWorld>();
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
    SupplyDemoReport report;
    if (auto s = seed_supply_demo(db, svc, &report); !s) FAIL(s.error().code << " " << s.error().message_en);
    REQUIRE(report.created);
    w->files = report.files;
    w->db_path = (w->dir.path / "supply.db").string();
    if (auto s = db.exec("VACUUM INTO '" + w->db_path + "'"); !s) FAIL(s.error().message_en);
    return w;
  }();
  return *world;
}

struct Reply {
  int status = 0;
  json body;
};

struct SupplyServer : TestServer {
  std::map<std::string, std::string> tokens;

  SupplyServer() : TestServer([] {
    TestServerOptions o;
    o.db_template = supply_world().db_path;
    return o;
  }()) {
    for (const auto& f : supply_world().files) REQUIRE(files.put(f.sha256, f.bytes).ok());
  }

  std::string session(const std::string& username) {
    if (auto it = tokens.find(username); it != tokens.end()) return it->second;
    const std::string first = login(username, svc.settings.initial_password);
    json change = {{"old_password", svc.settings.initial_password},
                   {"new_password", kNewPassword},
                   {"confirm_password", kNewPassword}};
    auto changed = client().Post("/api/v1/auth/change-password", auth(first), change.dump(), "application/json");
    REQUIRE(changed);
    REQUIRE(changed->status == 200);
    return tokens[username] = login(username, kNewPassword);
  }

  Reply raw(const std::string& method, const std::string& path, const std::string& user, const std::string& body,
            const std::string& content_type = "application/json") {
    auto cli = client();
    httplib::Headers h;
    if (!user.empty()) h = auth(session(user));
    httplib::Result r = method == "GET"   ? cli.Get("/api/v1" + path, h)
                        : method == "PUT" ? cli.Put("/api/v1" + path, h, body, content_type)
                                          : cli.Post("/api/v1" + path, h, body, content_type);
    REQUIRE(r);
    REQUIRE(r->get_header_value("Content-Type").rfind("application/json", 0) == 0);
    return {r->status, json_of(r)};
  }
  Reply get(const std::string& path, const std::string& user) { return raw("GET", path, user, ""); }
  Reply post(const std::string& path, const std::string& user, const json& body) { return raw("POST", path, user, body.dump()); }

  int64_t upload(const std::string& user, const std::string& name) {
    auto r = post("/supply/files", user,
                  {{"name", name}, {"content_base64", base64_encode("%PDF-1.4\n% " + name + "\n%%EOF\n")}});
    if (r.status != 200) FAIL("upload: " << r.status << " " << r.body.dump());
    return r.body["id"].get<int64_t>();
  }

  std::string text(const std::string& sql) {
    auto st = db->prepare(sql);
    REQUIRE(st.ok());
    auto r = st->step();
    REQUIRE(r.ok());
    REQUIRE(*r);
    return st->col_text(0);
  }
  std::string state() {
    return text("SELECT (SELECT count(*) FROM events) || '|' || (SELECT count(*) FROM supply_feedback) || '|' || "
                "(SELECT sum(revision) FROM supply_feedback) || '|' || (SELECT count(*) FROM supply_products)");
  }

  // A selectable product no demo feedback names, with its 生产企业's code (= its user's username).
  std::pair<std::string, std::string> free_product() {
    const std::string serial = text(
        "SELECT p.serial FROM supply_products p WHERE p.backup = 0 AND p.serial NOT IN "
        "(SELECT serial FROM supply_feedback) ORDER BY p.serial DESC LIMIT 1");
    const std::string maker = text("SELECT i.code FROM supply_products p JOIN institutions i ON i.id = p.manufacturer_id "
                                   "WHERE p.serial = '" + serial + "'");
    return {serial, maker};
  }
};

json feedback_body(const std::string& serial, std::vector<int64_t> files = {}, bool submit = true) {
  return {{"serial", serial},         {"problem_type", "shortage"},   {"description", "中选药品缺货两周。"},
          {"occurred_on", "2026-01-05"}, {"contact_name", "赵六"},     {"contact_phone", "13912345678"},
          {"attachment_ids", files},  {"submit", submit}};
}

std::set<std::string> statuses_of(const json& list) {
  std::set<std::string> out;
  for (const auto& it : list["items"]) out.insert(it["status"].get<std::string>() + (it["timed_out"] == true ? "*" : ""));
  return out;
}

}  // namespace

TEST_CASE("supply over HTTP: the demo shows something in every status for every side", "[http][supply]") {
  SupplyServer s;
  auto hospital = s.get("/supply/feedback?page_size=100", "H34010000001");
  REQUIRE(hospital.status == 200);
  CHECK(statuses_of(hospital.body) == std::set<std::string>{"draft", "pending_admin", "pending_enterprise",
                                                            "enterprise_confirmed", "pending_hospital", "resolved",
                                                            "unresolved", "unresolved*"});
  bool due_today = false;
  for (const auto& it : hospital.body["items"]) due_today = due_today || it.value("remaining_days", -1) == 0;
  CHECK(due_today);
  auto city = s.get("/supply/feedback?page_size=100", "city_340100");
  REQUIRE(city.status == 200);
  CHECK(statuses_of(city.body).count("draft") == 0);
  CHECK(statuses_of(city.body).count("pending_admin") == 1);
  auto enterprise = s.get("/supply/feedback?page_size=100", "E440300001");
  REQUIRE(enterprise.status == 200);
  CHECK(statuses_of(enterprise.body).count("pending_enterprise") == 1);
  CHECK(statuses_of(enterprise.body).count("enterprise_confirmed") == 1);
  for (const auto& it : enterprise.body["items"]) CHECK_FALSE(it.contains("manufacturer"));
  auto province = s.get("/supply/feedback?page_size=100", "admin_34");  // its 省本级 hospitals
  REQUIRE(province.status == 200);
  CHECK(province.body["total"].get<int>() >= 3);
  for (const auto& it : province.body["items"]) CHECK(it["city_code"] == "340099");
  auto view = s.get("/supply/feedback?page_size=100&menu=supply.view", "admin_34");
  REQUIRE(view.status == 200);
  CHECK(view.body["total"].get<int>() > province.body["total"].get<int>());
  for (const auto& it : view.body["items"]) CHECK(it["actions"].empty());
  auto national = s.get("/supply/feedback?page_size=100", "admin");
  REQUIRE(national.status == 200);
  CHECK(statuses_of(national.body).size() == 7);  // every status but 待提交, a timed-out one included
  auto sbj = s.get("/supply/feedback", "city_340099");
  CHECK(sbj.status == 403);
  auto products = s.get("/supply/products?selectable=1&page_size=500", "H34010000001");
  REQUIRE(products.status == 200);
  for (const auto& p : products.body["items"]) CHECK(p["backup"] == false);
  auto all = s.get("/supply/products?page_size=500", "admin");
  CHECK(all.body["total"].get<int>() > products.body["total"].get<int>());
}

TEST_CASE("supply over HTTP: hospital → city 确认 with 约谈记录 → enterprise 确认并提交 → 已解决; duplicates refused",
          "[http][supply]") {
  SupplyServer s;
  const auto [serial, maker] = s.free_product();
  const int64_t scan = s.upload("H34010000002", "缺货照片.pdf");
  auto created = s.post("/supply/feedback", "H34010000002", feedback_body(serial, {scan}));
  INFO(created.body.dump());
  REQUIRE(created.status == 200);
  const int64_t id = created.body["id"];
  const std::string base = "/supply/feedback/" + std::to_string(id);
  CHECK(created.body["status"] == "pending_admin");

  // A second hospital of 合肥 gets the exact message, with nothing written.
  s.session("H34010000003");  // logged in first: the password change is an event of its own
  const std::string before = s.state();
  auto dup = s.post("/supply/feedback", "H34010000003", feedback_body(serial));
  CHECK(dup.status == 409);
  CHECK(dup.body["code"] == "supply.duplicate");
  CHECK(dup.body["message_zh"] == kDuplicate);
  CHECK(s.state() == before);
  // 芜湖 is another city.
  auto wuhu = s.post("/supply/feedback", "H34020000002", feedback_body(serial, {}, false));
  CHECK(wuhu.status == 200);

  const int64_t interview = s.upload("city_340100", "约谈记录.pdf");
  auto confirmed = s.post(base + "/review", "city_340100",
                          {{"revision", created.body["revision"]}, {"decision", "confirm"}, {"interview_file_id", interview}});
  REQUIRE(confirmed.status == 200);
  CHECK(confirmed.body["status"] == "pending_enterprise");
  CHECK(confirmed.body["remaining_days"] == 5);
  // The enterprise reads the attachment and the 约谈记录; another enterprise reads neither.
  CHECK(s.get("/supply/files/" + std::to_string(scan) + "/content", maker).status == 200);
  CHECK(s.get("/supply/files/" + std::to_string(interview) + "/content", maker).status == 200);
  const std::string other = maker == "E440300001" ? "E310100001" : "E440300001";
  auto foreign = s.get("/supply/files/" + std::to_string(scan) + "/content", other);
  CHECK(foreign.status == 403);
  CHECK(foreign.body == s.get("/supply/files/99999999/content", other).body);
  CHECK(s.get(base, other).body == s.get("/supply/feedback/99999999", other).body);

  auto answered = s.post(base + "/answer", maker, {{"revision", confirmed.body["revision"]}, {"handling", "已补货"}, {"submit", true}});
  REQUIRE(answered.status == 200);
  CHECK(answered.body["status"] == "pending_hospital");
  auto done = s.post(base + "/outcome", "H34010000002", {{"revision", answered.body["revision"]}, {"result", "resolved"}});
  REQUIRE(done.status == 200);
  CHECK(done.body["status"] == "resolved");
  std::vector<std::string> actions;
  for (const auto& e : done.body["events"]) actions.push_back(e["action"]);
  CHECK(actions == std::vector<std::string>{"create", "submit", "confirm", "answer_submit", "outcome"});
  // Ended: the rule is released.
  CHECK(s.post("/supply/feedback", "H34010000003", feedback_body(serial)).status == 200);
}

TEST_CASE("supply over HTTP: the timeout reads on every request before the sweep writes it", "[http][supply]") {
  SupplyServer s;
  auto before = s.get("/supply/feedback?page_size=100&status=pending_enterprise", "E440300001");
  REQUIRE(before.status == 200);
  REQUIRE(before.body["total"].get<int>() > 0);
  const int64_t id = before.body["items"][0]["id"];
  s.clock.advance(30 * 86400);
  s.tokens["E440300001"] = s.login("E440300001", kNewPassword);  // the old session has expired
  auto after = s.get("/supply/feedback/" + std::to_string(id), "E440300001");
  REQUIRE(after.status == 200);
  CHECK(after.body["status"] == "unresolved");
  CHECK(after.body["timed_out"] == true);
  auto refused = s.post("/supply/feedback/" + std::to_string(id) + "/answer", "E440300001",
                        {{"revision", after.body["revision"]}, {"handling", "补货"}, {"submit", true}});
  CHECK(refused.status == 409);
  CHECK(refused.body["code"] == "supply.feedback.timed_out");
  CHECK(s.get("/supply/feedback?status=pending_enterprise", "E440300001").body["total"] == 0);
  // The server's sweep writes them all.
  auto swept = sweep_timeouts(*s.db, s.clock.now());
  REQUIRE(swept.ok());
  CHECK(*swept >= before.body["total"].get<int>());
  CHECK(s.text("SELECT count(*) FROM supply_feedback WHERE status IN ('pending_enterprise', 'enterprise_confirmed')") == "0");
}

TEST_CASE("supply over HTTP: import, export, and bad input as JSON errors", "[http][supply]") {
  SupplyServer s;
  const std::string csv = "流水号,通用名,剂型,规格,生产企业,申报企业,批次\r\nHT001,阿莫西林胶囊,胶囊剂,0.5g,E440300001,E440300001,国采第十批备供\r\n";
  auto imported = s.post("/supply/products/import", "admin", {{"csv_base64", base64_encode(csv)}});
  REQUIRE(imported.status == 200);
  CHECK(imported.body["inserted"] == 1);
  auto refused = s.post("/supply/products/import", "admin_34", {{"csv", csv}});
  CHECK(refused.status == 403);
  auto backup = s.post("/supply/feedback", "H34010000001", feedback_body("HT001"));
  CHECK(backup.status == 422);
  CHECK(backup.body["code"] == "supply.product.backup");

  auto exported = s.get("/supply/feedback/export?status=resolved", "admin_34");
  REQUIRE(exported.status == 200);
  const std::string bytes = *base64_decode(exported.body["csv_base64"].get<std::string>());
  CHECK(bytes.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(bytes.find("已解决") != std::string::npos);
  CHECK(bytes.find("待企业确认") == std::string::npos);
  CHECK(s.get("/supply/feedback/export", "city_340100").status == 403);

  s.session("H34010000001");
  const std::string before = s.state();
  auto malformed = s.raw("POST", "/supply/feedback", "H34010000001", "{\"serial\": ");
  CHECK(malformed.status == 400);
  CHECK(malformed.body["code"] == "request.malformed_json");
  auto wrong = s.raw("POST", "/supply/feedback", "H34010000001", R"({"serial": 17, "submit": true})");
  CHECK(wrong.status == 400);
  CHECK(wrong.body["field"] == "serial");
  auto text = s.raw("POST", "/supply/feedback", "H34010000001", "serial=1", "application/x-www-form-urlencoded");
  CHECK(text.status == 415);
  CHECK(s.state() == before);
}
