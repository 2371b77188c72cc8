// The IVD routes over HTTP (SPEC §2, docs/api-ivd.md): the real server on loopback, the real login with
// the forced password change, the product's own demo data. What the unit tests check in the dispatcher,
// checked here as a browser would see it: status codes, error codes, what the database keeps.
//
// The world (seed_demo + seed_ivd_demo with a smaller catalog) is built once per run into a database
// file; every test case starts its own server on a copy of it.
#include <map>
#include <vector>

#include "core/base/base64.hpp"
#include "core/demo/org_demo.hpp"
#include "core/accounts/initial_users.hpp"
#include "core/demo/ivd_demo.hpp"
#include "core/ivd/files.hpp"
#include "tests/http/test_server.hpp"

using namespace ivd;
using namespace ivd::test;
using nlohmann::json;

namespace {

constexpr const char* kNewPassword = "Report2026";

struct SilentPainter : CaptchaPainter {
  std::string png(std::string_view) override { return {}; }
};

// The demo world, built once: a database file in a temp folder removed at exit, and the bytes of the
// demo's own uploads (the caller of seed_ivd_demo stores them, like `server init --demo`).
struct DemoWorld {
  TempDir dir;
  std::string db_path;
  int64_t project_id = 0;
  std::vector<IvdDemoFile> files;
};

const DemoWorld& demo_world() {
  static const std::unique_ptr<DemoWorld> world = [] {
    auto w = std::make_unique<DemoWorld>();
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
    auto seeded = seed_demo(db, svc);
    if (!seeded) FAIL(seeded.error().message_en);
    IvdDemoOptions small;  // every stage of the demo, with a smaller catalog
    small.serials = 300;
    small.certificates = 120;
    small.min_lines = 3;
    small.max_lines = 8;
    IvdDemoReport report;
    if (auto s = seed_ivd_demo(db, svc, small, &report); !s) FAIL(s.error().message_en);
    REQUIRE(report.created);
    w->project_id = report.project_id;
    w->files = report.files;
    w->db_path = (w->dir.path / "world.db").string();
    if (auto s = db.exec("VACUUM INTO '" + w->db_path + "'"); !s) FAIL(s.error().message_en);
    return w;
  }();
  return *world;
}

TestServerOptions world_options() {
  TestServerOptions o;
  o.db_template = demo_world().db_path;
  return o;
}

struct Reply {
  int status = 0;
  json body;
};

std::string pdf_bytes(const std::string& tag) { return "%PDF-1.4\n% " + tag + "\n%%EOF\n"; }

// A server on a copy of the demo world, with sessions and SQL helpers.
struct IvdServer : TestServer {
  int64_t pid = 0;
  std::map<std::string, std::string> tokens;

  IvdServer() : TestServer(world_options()) {
    for (const auto& f : demo_world().files) REQUIRE(files.put(f.sha256, f.bytes).ok());
    pid = demo_world().project_id;
  }

  std::string p() const { return "/ivd/projects/" + std::to_string(pid); }

  // A session of a seeded user: first login with the initial password, the forced change, login again.
  std::string session(const std::string& username) {
    if (auto it = tokens.find(username); it != tokens.end()) return it->second;
    const std::string first = login(username, svc.settings.initial_password);
    json change = {{"old_password", svc.settings.initial_password},
                   {"new_password", kNewPassword},
                   {"confirm_password", kNewPassword}};
    auto changed = client().Post("/api/v1/auth/change-password", auth(first), change.dump(), "application/json");
    REQUIRE(changed);
    INFO(changed->body);
    REQUIRE(changed->status == 200);
    return tokens[username] = login(username, kNewPassword);
  }

  Reply raw(const std::string& method, const std::string& path, const std::string& user, const std::string& body,
            const std::string& content_type = "application/json") {
    auto cli = client();
    httplib::Headers h;
    if (!user.empty()) h = auth(session(user));
    httplib::Result r = method == "GET"    ? cli.Get("/api/v1" + path, h)
                        : method == "PUT"  ? cli.Put("/api/v1" + path, h, body, content_type)
                                           : cli.Post("/api/v1" + path, h, body, content_type);
    REQUIRE(r);
    REQUIRE(r->get_header_value("Content-Type").rfind("application/json", 0) == 0);
    return {r->status, json_of(r)};
  }
  Reply get(const std::string& path, const std::string& user) { return raw("GET", path, user, ""); }
  Reply post(const std::string& path, const std::string& user, const json& body) {
    return raw("POST", path, user, body.dump());
  }

  int64_t upload(const std::string& user, const std::string& bytes, const std::string& name) {
    auto r = post("/ivd/files", user, {{"name", name}, {"content_base64", base64_encode(bytes)}});
    if (r.status != 200) FAIL("upload: " << r.status << " " << r.body.dump());
    return r.body["id"].get<int64_t>();
  }

  // ---- SQL on the server's database (requests are synchronous, so the server is idle) ----
  std::vector<std::vector<std::string>> rows(const std::string& sql, int columns) {
    auto st = db->prepare(sql);
    if (!st) FAIL(sql << ": " << st.error().message_en);
    std::vector<std::vector<std::string>> out;
    for (;;) {
      auto r = st->step();
      REQUIRE(r.ok());
      if (!*r) break;
      std::vector<std::string> row;
      for (int i = 0; i < columns; ++i) row.push_back(st->col_text(i));
      out.push_back(std::move(row));
    }
    return out;
  }
  std::vector<std::string> row(const std::string& sql, int columns) {
    auto r = rows(sql, columns);
    if (r.empty()) FAIL("no row: " << sql);
    return r.front();
  }
  std::string text(const std::string& sql) { return row(sql, 1).at(0); }
  int64_t scalar(const std::string& sql) { return std::stoll(text(sql)); }

  // Everything a refused request must leave alone: events (every state change writes one), files,
  // revisions and statuses of every record of the project, and every line of every sheet.
  std::string state() {
    const std::string id = std::to_string(pid);
    return text(
        "SELECT (SELECT count(*) FROM events) || '|' || (SELECT count(*) FROM files) || '|' || "
        "(SELECT count(*) || ':' || sum(revision) || ':' || group_concat(status) FROM ivd_sheets WHERE project_id = " + id + ") || '|' || "
        "(SELECT sum(revision) || ':' || group_concat(status) FROM ivd_city_reviews WHERE project_id = " + id + ") || '|' || "
        "(SELECT sum(revision) || ':' || group_concat(status) FROM ivd_province_reviews WHERE project_id = " + id + ") || '|' || "
        "(SELECT revision FROM ivd_projects WHERE id = " + id + ") || '|' || "
        "(SELECT count(*) || ':' || total(length(last_year_text) + length(demand_text) + length(change_note)) "
        "   || ':' || total(coalesce(last_year, 0) + coalesce(demand, 0)) FROM ivd_sheet_lines)");
  }

  // A hospital of a province still filling, in a city still 待提交 that has a city admin account,
  // whose sheet has the given status: {hospital code, hospital id, city code, province code}.
  std::vector<std::string> hospital_with(const std::string& status, const std::string& skip_city = "") {
    return row(
        "SELECT i.code, s.hospital_id, s.city_code, s.province_code FROM ivd_sheets s "
        "JOIN institutions i ON i.id = s.hospital_id "
        "JOIN ivd_city_reviews c ON c.project_id = s.project_id AND c.city_code = s.city_code "
        "JOIN ivd_province_reviews pr ON pr.project_id = s.project_id AND pr.province_code = s.province_code "
        "JOIN users u ON u.username = 'city_' || s.city_code "
        "JOIN users h ON h.username = i.code "
        "WHERE s.project_id = " + std::to_string(pid) + " AND s.status = '" + status + "' AND c.status = 'pending' "
        "AND pr.status = 'pending' AND s.city_code <> '" + skip_city + "' ORDER BY i.code LIMIT 1", 4);
  }

  // Two catalog 流水号 of different 注册证.
  std::vector<std::string> two_serials() {
    const std::string id = std::to_string(pid);
    return row("SELECT a.serial, b.serial FROM ivd_catalog a JOIN ivd_catalog b ON b.project_id = a.project_id "
               "AND b.cert <> a.cert WHERE a.project_id = " + id + " ORDER BY a.serial, b.serial LIMIT 1", 2);
  }

  int64_t sheet_revision(const std::string& hospital_id) {
    return scalar("SELECT revision FROM ivd_sheets WHERE project_id = " + std::to_string(pid) +
                  " AND hospital_id = " + hospital_id);
  }

  // 暂存 valid lines, upload both attachments, 提交: what a hospital does in the browser.
  json fill_and_submit(const std::string& hospital_code, const std::string& hospital_id) {
    const auto serials = two_serials();
    const json lines = {{{"serial", serials[0]}, {"last_year", "100"}, {"demand", "100"}, {"instrument", "是"}},
                        {{"serial", serials[1]}, {"last_year", 50}, {"demand", 50}, {"instrument", "是"}}};
    auto draft = post(p() + "/sheet/draft", hospital_code, {{"revision", sheet_revision(hospital_id)}, {"lines", lines}});
    REQUIRE(draft.status == 200);
    const int64_t letter = upload(hospital_code, pdf_bytes("承诺书 " + hospital_code), "承诺书.pdf");
    const int64_t attachment = upload(hospital_code, pdf_bytes("需求量 " + hospital_code), "采购需求量.pdf");
    auto submitted = post(p() + "/sheet/submit", hospital_code,
                          {{"revision", draft.body["sheet"]["revision"]},
                           {"contact_name", "李四"},
                           {"contact_phone", "13912345678"},
                           {"commitment_letter", letter},
                           {"demand_attachment", attachment}});
    if (submitted.status != 200) FAIL("submit: " << submitted.status << " " << submitted.body.dump());
    REQUIRE(submitted.body["sheet"]["status"] == "submitted");
    return submitted.body["sheet"];
  }
};

void require_error(const Reply& r, int status, const std::string& code) {
  INFO(r.body.dump());
  REQUIRE(r.status == status);
  REQUIRE(r.body["code"] == code);
  REQUIRE(r.body["message_zh"].is_string());
  REQUIRE(r.body["message_en"].is_string());
}

bool has_rule(const json& report, const std::string& rule, const std::string& field) {
  for (const auto& it : report["items"])
    if (it["rule_id"] == rule && it["field"] == field) return true;
  return false;
}

}  // namespace

TEST_CASE("IVD over HTTP: a hospital reads its own sheet, not another hospital's", "[http][ivd]") {
  IvdServer s;
  const auto mine = s.hospital_with("not_filled");
  const std::string& code = mine[0];
  // Another hospital of the same city, so only the hospital scope can refuse.
  const auto other = s.row("SELECT hospital_id FROM ivd_sheets WHERE project_id = " + std::to_string(s.pid) +
                           " AND city_code = '" + mine[2] + "' AND hospital_id <> " + mine[1] + " AND line_count > 0 LIMIT 1", 1);
  const std::string& other_id = other[0];

  auto own = s.get(s.p() + "/sheet", code);
  REQUIRE(own.status == 200);
  CHECK(own.body["hospital_code"] == code);
  CHECK(own.body["status"] == "not_filled");
  CHECK(own.body["editable"] == true);
  CHECK(own.body["report"]["errors"] == 0);
  auto own_lines = s.get(s.p() + "/sheet/lines?page_size=5", code);
  REQUIRE(own_lines.status == 200);
  CHECK(own_lines.body["items"].size() == 5);  // the whole catalog, nothing filled yet
  CHECK(own_lines.body["total"] == s.scalar("SELECT count(*) FROM ivd_catalog WHERE project_id = " + std::to_string(s.pid)));
  REQUIRE(s.get(s.p() + "/hospitals/" + mine[1] + "/sheet", code).status == 200);  // its own, by id

  const std::string theirs = s.p() + "/hospitals/" + other_id + "/sheet";
  require_error(s.get(theirs, code), 403, "ivd.scope.forbidden");
  require_error(s.get(theirs + "/lines", code), 403, "ivd.scope.forbidden");
  require_error(s.get(theirs + "/events", code), 403, "ivd.scope.forbidden");
  require_error(s.get(theirs + "/certificates", code), 403, "ivd.scope.forbidden");
  // Its city admin may read it.
  REQUIRE(s.get(theirs, "city_" + mine[2]).status == 200);
  // Not logged in: 401.
  require_error(s.get(s.p() + "/sheet", ""), 401, "auth.not_logged_in");
}

TEST_CASE("IVD over HTTP: 暂存, a stale revision, uploads, 提交, history and downloads", "[http][ivd]") {
  IvdServer s;
  const auto h = s.hospital_with("not_filled");
  const std::string code = h[0], hid = h[1];
  const auto serials = s.two_serials();
  const std::string sheet_sql = "SELECT status, revision, line_count FROM ivd_sheets WHERE project_id = " +
                                std::to_string(s.pid) + " AND hospital_id = " + hid;

  // 暂存 with a bad quantity: kept as typed, 200, the finding in the report.
  const int64_t rev0 = s.sheet_revision(hid);
  const json bad_lines = {{{"serial", serials[0]}, {"last_year", "12x"}, {"demand", 100}, {"instrument", "是"}},
                          {{"serial", serials[1]}, {"last_year", "50"}, {"demand", "-5"}, {"instrument", "是"}}};
  auto draft = s.post(s.p() + "/sheet/draft", code, {{"revision", rev0}, {"lines", bad_lines}});
  INFO(draft.body.dump());
  REQUIRE(draft.status == 200);
  CHECK(draft.body["sheet"]["status"] == "draft");
  CHECK(draft.body["sheet"]["revision"] == rev0 + 1);
  CHECK(draft.body["report"]["mode"] == "draft");
  CHECK(draft.body["report"]["errors"] == 2);
  CHECK(has_rule(draft.body["report"], "R-QTY-FORMAT", "last_year"));
  CHECK(has_rule(draft.body["report"], "R-QTY-FORMAT", "demand"));
  CHECK(has_rule(draft.body["report"], "R-SUBMIT-FIELDS", "contact_name"));  // a warning while drafting
  CHECK(s.text("SELECT last_year_text FROM ivd_sheet_lines l JOIN ivd_sheets t ON t.id = l.sheet_id WHERE t.hospital_id = " +
               hid + " AND l.serial = '" + serials[0] + "'") == "12x");

  // The same request again carries a stale revision: 409 and nothing changes.
  const std::string before = s.state();
  const auto sheet_before = s.row(sheet_sql, 3);
  const json fixed_lines = {{{"serial", serials[0]}, {"last_year", "100"}, {"demand", "100"}, {"instrument", "是"}},
                            {{"serial", serials[1]}, {"last_year", "50"}, {"demand", "50"}, {"instrument", "是"}}};
  auto stale = s.post(s.p() + "/sheet/draft", code, {{"revision", rev0}, {"lines", fixed_lines}});
  require_error(stale, 409, "revision.stale");
  CHECK(stale.body["details"]["current"] == rev0 + 1);
  auto stale_submit = s.post(s.p() + "/sheet/submit", code, {{"revision", rev0}, {"lines", fixed_lines}});
  require_error(stale_submit, 409, "revision.stale");
  CHECK(s.state() == before);
  CHECK(s.row(sheet_sql, 3) == sheet_before);

  // Uploads: the type comes from the content; text is refused whatever its name.
  const int64_t files_before = s.scalar("SELECT count(*) FROM files");
  auto text = s.post("/ivd/files", code, {{"name", "承诺书.pdf"}, {"content_base64", base64_encode("just some text")}});
  require_error(text, 400, "ivd.file.type_not_allowed");
  CHECK(s.scalar("SELECT count(*) FROM files") == files_before);
  const std::string letter_bytes = pdf_bytes("承诺书 " + code);
  const std::string attachment_bytes = pdf_bytes("采购需求量附件 " + code);
  auto letter = s.post("/ivd/files", code, {{"name", "承诺书.pdf"}, {"content_base64", base64_encode(letter_bytes)}});
  REQUIRE(letter.status == 200);
  CHECK(letter.body["content_type"] == "application/pdf");
  CHECK(letter.body["size"] == static_cast<int64_t>(letter_bytes.size()));
  CHECK(letter.body["name"] == "承诺书.pdf");
  const int64_t letter_id = letter.body["id"];
  const int64_t attachment_id = s.upload(code, attachment_bytes, "采购需求量.pdf");
  CHECK(s.scalar("SELECT count(*) FROM files") == files_before + 2);

  // 提交 with a bad phone: 422, nothing kept of the request.
  const int64_t rev1 = rev0 + 1;
  json submit = {{"revision", rev1},
                 {"lines", fixed_lines},
                 {"contact_name", "王五"},
                 {"contact_phone", "12345"},
                 {"commitment_letter", letter_id},
                 {"demand_attachment", attachment_id}};
  const std::string before_refused = s.state();
  auto refused = s.post(s.p() + "/sheet/submit", code, submit);
  require_error(refused, 422, "ivd.sheet.submit_refused");
  CHECK(refused.body["rule_id"] == "R-SUBMIT-FIELDS");
  CHECK(has_rule(refused.body["details"]["report"], "R-SUBMIT-FIELDS", "contact_phone"));
  CHECK(s.state() == before_refused);
  CHECK(s.text("SELECT contact_phone FROM ivd_sheets WHERE project_id = " + std::to_string(s.pid) +
               " AND hospital_id = " + hid) == "");

  // 提交 with contact, a valid phone, 承诺书 and 采购需求量附件.
  submit["contact_phone"] = "0551-62345678";
  auto submitted = s.post(s.p() + "/sheet/submit", code, submit);
  INFO(submitted.body.dump());
  REQUIRE(submitted.status == 200);
  CHECK(submitted.body["sheet"]["status"] == "submitted");
  CHECK(submitted.body["sheet"]["editable"] == false);
  CHECK(submitted.body["sheet"]["last_year_total"] == 150);
  CHECK(submitted.body["sheet"]["demand_total"] == 150);
  CHECK(submitted.body["report"]["errors"] == 0);
  const int64_t rev2 = submitted.body["sheet"]["revision"];
  CHECK(rev2 > rev1);
  CHECK(s.row(sheet_sql, 3) == std::vector<std::string>{"submitted", std::to_string(rev2), "2"});
  // Locked now: another 暂存 is 409.
  require_error(s.post(s.p() + "/sheet/draft", code, {{"revision", rev2}}), 409, "ivd.sheet.locked");

  // The history: 暂存 then 提交.
  auto events = s.get(s.p() + "/sheet/events", code);
  REQUIRE(events.status == 200);
  CHECK(events.body["sheet"]["status"] == "submitted");
  REQUIRE(events.body["events"].size() == 2);
  CHECK(events.body["events"][0]["action"] == "save_draft");
  CHECK(events.body["events"][0]["from_state"] == "not_filled");
  CHECK(events.body["events"][1]["action"] == "submit");
  CHECK(events.body["events"][1]["from_state"] == "draft");
  CHECK(events.body["events"][1]["to_state"] == "submitted");
  CHECK(events.body["events"][1]["actor_id"] == s.scalar("SELECT id FROM users WHERE username = '" + code + "'"));

  auto detail = s.get(s.p() + "/sheet", code);
  REQUIRE(detail.status == 200);
  CHECK(detail.body["commitment_letter_file"]["id"] == letter_id);
  CHECK(detail.body["demand_attachment_file"]["id"] == attachment_id);
  CHECK(detail.body["contact_phone"] == "0551-62345678");

  // Downloads: the same bytes for the owner and its city admin; 403 for another hospital.
  auto down = s.get("/ivd/files/" + std::to_string(letter_id) + "/content", code);
  REQUIRE(down.status == 200);
  CHECK(base64_decode(down.body["content_base64"].get<std::string>()).value() == letter_bytes);
  CHECK(down.body["sha256"] == letter.body["sha256"]);
  auto by_city = s.get("/ivd/files/" + std::to_string(attachment_id) + "/content", "city_" + h[2]);
  REQUIRE(by_city.status == 200);
  CHECK(base64_decode(by_city.body["content_base64"].get<std::string>()).value() == attachment_bytes);
  const std::string stranger = s.hospital_with("not_filled", h[2])[0];
  require_error(s.get("/ivd/files/" + std::to_string(letter_id) + "/content", stranger), 403, "ivd.scope.forbidden");
  require_error(s.get("/ivd/files/" + std::to_string(letter_id), stranger), 403, "ivd.scope.forbidden");
  // Unknown ids answer exactly as forbidden ones, on every route taking a file id (ids cannot be probed).
  auto forbidden = s.get("/ivd/files/" + std::to_string(letter_id) + "/content", stranger);
  for (const std::string path : {"/ivd/files/99999999/content", "/ivd/files/99999999", "/ivd/files/0/content"}) {
    auto unknown = s.get(path, stranger);
    CHECK(unknown.status == forbidden.status);
    CHECK(unknown.body == forbidden.body);
  }
  require_error(s.get("/ivd/files/99999999/content", code), 403, "ivd.scope.forbidden");
}

TEST_CASE("IVD over HTTP: city review by the hospital's own city only; city submit waits for every hospital",
          "[http][ivd]") {
  IvdServer s;
  const auto h = s.hospital_with("not_filled");
  const std::string code = h[0], hid = h[1], city = h[2], province = h[3];
  const std::string admin = "city_" + city;
  const std::string other_admin = s.text(
      "SELECT username FROM users WHERE username LIKE 'city_%' AND region_code <> '" + city +
      "' AND region_code IN (SELECT code FROM regions WHERE parent_code = '" + province + "') ORDER BY username LIMIT 1");
  const std::string review = s.p() + "/hospitals/" + hid + "/review";
  s.fill_and_submit(code, hid);
  s.session(admin);
  s.session(other_admin);

  // Another city's admin: 403 for review, 取消上报 and reading, whatever the revision.
  const std::string before = s.state();
  require_error(s.post(review, other_admin, {{"revision", s.sheet_revision(hid)}, {"decision", "approve"}}), 403,
                "ivd.scope.forbidden");
  require_error(s.post(s.p() + "/hospitals/" + hid + "/exclude", other_admin, {{"revision", s.sheet_revision(hid)}}),
                403, "ivd.scope.forbidden");
  require_error(s.get(s.p() + "/hospitals/" + hid + "/sheet", other_admin), 403, "ivd.scope.forbidden");
  require_error(s.get(s.p() + "/cities/" + city + "/hospitals", other_admin), 403, "ivd.scope.forbidden");
  // A hospital cannot review at all.
  REQUIRE(s.post(review, code, {{"revision", s.sheet_revision(hid)}, {"decision", "approve"}}).status == 403);
  // 审核不通过 needs a reason.
  require_error(s.post(review, admin, {{"revision", s.sheet_revision(hid)}, {"decision", "reject"}}), 400,
                "ivd.review.reason_required");
  require_error(s.post(review, admin, {{"revision", s.sheet_revision(hid)}, {"decision", "maybe"}}), 400,
                "request.bad_field");
  CHECK(s.state() == before);

  // The city list on 查询, then 提交 to the province: refused while the hospital is 已提交.
  auto list = s.get(s.p() + "/cities/" + city + "/hospitals?status=submitted&code=" + code, admin);
  REQUIRE(list.status == 200);
  REQUIRE(list.body["total"] == 1);
  CHECK(list.body["items"][0]["hospital_code"] == code);
  CHECK(list.body["can_submit"] == false);
  const int64_t city_rev = list.body["city"]["revision"];
  auto early = s.post(s.p() + "/cities/" + city + "/submit", admin, {{"revision", city_rev}});
  require_error(early, 422, "ivd.review.city_not_all_approved");
  bool blocked_by_it = false;
  for (const auto& b : early.body["details"]["blocking"])
    if (b["hospital_code"] == code && b["status"] == "submitted") blocked_by_it = true;
  CHECK(blocked_by_it);
  CHECK(s.state() == before);

  // 审核通过, 审核撤回, 审核不通过 with a reason: each a new revision and an event.
  auto approved = s.post(review, admin, {{"revision", s.sheet_revision(hid)}, {"decision", "approve"}});
  INFO(approved.body.dump());
  REQUIRE(approved.status == 200);
  CHECK(approved.body["status"] == "approved");
  auto withdrawn = s.post(review + "/withdraw", admin, {{"revision", approved.body["revision"]}});
  REQUIRE(withdrawn.status == 200);
  CHECK(withdrawn.body["status"] == "submitted");
  require_error(s.post(review, admin, {{"revision", approved.body["revision"]}, {"decision", "reject"}, {"reason", "x"}}),
                409, "revision.stale");
  auto rejected = s.post(review, admin,
                         {{"revision", withdrawn.body["revision"]}, {"decision", "reject"}, {"reason", "需求量增幅需核实"}});
  REQUIRE(rejected.status == 200);
  CHECK(rejected.body["status"] == "rejected");
  CHECK(rejected.body["review_reason"] == "需求量增幅需核实");
  CHECK(s.text("SELECT status || '/' || review_reason FROM ivd_sheets WHERE project_id = " + std::to_string(s.pid) +
               " AND hospital_id = " + hid) == "rejected/需求量增幅需核实");
  auto events = s.get(s.p() + "/sheet/events", code);
  REQUIRE(events.status == 200);
  REQUIRE(events.body["events"].size() == 5);
  CHECK(events.body["events"][2]["action"] == "approve");
  CHECK(events.body["events"][3]["action"] == "withdraw_review");
  CHECK(events.body["events"][4]["action"] == "reject");
  CHECK(events.body["events"][4]["reason"] == "需求量增幅需核实");
  // A rejected sheet is editable again for the hospital.
  CHECK(s.get(s.p() + "/sheet", code).body["editable"] == true);
  // Still not every hospital approved: the city cannot submit.
  require_error(s.post(s.p() + "/cities/" + city + "/submit", admin, {{"revision", city_rev}}), 422,
                "ivd.review.city_not_all_approved");
}

TEST_CASE("IVD over HTTP: province submit needs the stamped summary; provinces and the nation keep to their scope",
          "[http][ivd]") {
  IvdServer s;
  const std::string id = std::to_string(s.pid);
  // The demo's province whose cities are all 审核通过 while it is still 待提交.
  const std::string prov = s.text(
      "SELECT province_code FROM ivd_province_reviews p WHERE project_id = " + id + " AND status = 'pending' AND "
      "NOT EXISTS (SELECT 1 FROM ivd_city_reviews c WHERE c.project_id = p.project_id AND c.province_code = "
      "p.province_code AND c.status <> 'approved') ORDER BY province_code LIMIT 1");
  const std::string admin = province_admin_username(prov);
  const std::string other_prov = s.text("SELECT province_code FROM ivd_province_reviews WHERE project_id = " + id +
                                        " AND province_code <> '" + prov + "' ORDER BY province_code LIMIT 1");
  const std::string other_city = s.text("SELECT city_code FROM ivd_city_reviews WHERE project_id = " + id +
                                        " AND province_code = '" + other_prov + "' ORDER BY city_code LIMIT 1");

  auto cities = s.get(s.p() + "/provinces/" + prov + "/cities", admin);
  INFO(cities.body.dump());
  REQUIRE(cities.status == 200);
  CHECK(cities.body["province"]["status"] == "pending");
  CHECK(cities.body["can_submit"] == true);
  const int64_t rev = cities.body["province"]["revision"];

  // Without the stamped summary: 422, nothing changes.
  const std::string before = s.state();
  auto no_file = s.post(s.p() + "/provinces/" + prov + "/submit", admin, {{"revision", rev}});
  require_error(no_file, 422, "ivd.review.summary_required");
  CHECK(no_file.body["field"] == "summary_file_id");
  require_error(s.post(s.p() + "/provinces/" + prov + "/submit", admin, {{"revision", rev}, {"summary_file_id", nullptr}}),
                422, "ivd.review.summary_required");
  CHECK(s.state() == before);

  // Another province: listing, submitting, reviewing its city, its totals: 403.
  require_error(s.get(s.p() + "/provinces/" + other_prov + "/cities", admin), 403, "ivd.scope.forbidden");
  require_error(s.post(s.p() + "/provinces/" + other_prov + "/submit", admin, {{"revision", 1}, {"summary_file_id", 1}}),
                403, "ivd.scope.forbidden");
  require_error(s.post(s.p() + "/cities/" + other_city + "/review", admin, {{"revision", 1}, {"decision", "approve"}}), 403,
                "ivd.scope.forbidden");
  require_error(s.get(s.p() + "/provinces/" + other_prov + "/certificates", admin), 403, "ivd.scope.forbidden");
  CHECK(s.state() == before);

  // With the stamped summary uploaded first: 已提交.
  const std::string stamped = pdf_bytes("盖章汇总数据 " + prov);
  const int64_t file = s.upload(admin, stamped, "盖章汇总数据.pdf");
  auto submitted = s.post(s.p() + "/provinces/" + prov + "/submit", admin, {{"revision", rev}, {"summary_file_id", file}});
  INFO(submitted.body.dump());
  REQUIRE(submitted.status == 200);
  CHECK(submitted.body["status"] == "submitted");
  CHECK(submitted.body["summary_file_id"] == file);
  CHECK(s.text("SELECT status FROM ivd_province_reviews WHERE project_id = " + id + " AND province_code = '" + prov + "'") ==
        "submitted");

  // The nation: the super admin lists every province; a hospital or a province admin may not.
  auto nation = s.get(s.p() + "/provinces", "admin");
  REQUIRE(nation.status == 200);
  CHECK(nation.body["total"] == s.scalar("SELECT count(*) FROM ivd_province_reviews WHERE project_id = " + id));
  bool found = false;
  for (const auto& item : nation.body["items"])
    if (item["province_code"] == prov) {
      found = true;
      CHECK(item["status"] == "submitted");
    }
  CHECK(found);
  CHECK(nation.body["national"]["demand_total"] ==
        s.scalar("SELECT sum(demand_total) FROM ivd_province_reviews WHERE project_id = " + id));
  REQUIRE(s.get("/ivd/files/" + std::to_string(file) + "/content", "admin").status == 200);
  const std::string hospital = s.hospital_with("draft")[0];
  require_error(s.get(s.p() + "/provinces", hospital), 403, "auth.menu_not_granted");
  require_error(s.get(s.p() + "/provinces", admin), 403, "auth.menu_not_granted");
  require_error(s.get(s.p() + "/certificates", hospital), 403, "auth.menu_not_granted");
}

TEST_CASE("IVD over HTTP: bad input is a JSON error and changes nothing", "[http][ivd]") {
  IvdServer s;
  const auto h = s.hospital_with("draft");
  const std::string code = h[0], hid = h[1];
  const int64_t rev = s.sheet_revision(hid);
  const std::string serial = s.two_serials()[0];
  const std::string draft = s.p() + "/sheet/draft";
  for (const std::string& user : {code, "city_" + h[2]}) s.session(user);  // logins first: they write events
  const std::string before = s.state();

  require_error(s.raw("POST", draft, code, "{\"revision\": " + std::to_string(rev) + ", \"lines\": ["), 400,
                "request.malformed_json");
  require_error(s.raw("POST", draft, code, "[1, 2, 3]"), 400, "request.malformed_json");
  require_error(s.raw("POST", draft, code, "{\"revision\": 1}garbage"), 400, "request.malformed_json");

  auto string_rev = s.post(draft, code, {{"revision", std::to_string(rev)}});
  require_error(string_rev, 400, "request.bad_field");
  CHECK(string_rev.body["field"] == "revision");
  auto float_rev = s.post(draft, code, {{"revision", 1.5}});
  require_error(float_rev, 400, "request.bad_field");
  require_error(s.post(draft, code, {{"lines", json::array()}}), 400, "request.missing_field");
  auto lines_object = s.post(draft, code, {{"revision", rev}, {"lines", {{"serial", serial}}}});
  REQUIRE(lines_object.status == 400);
  CHECK(lines_object.body["field"] == "lines");
  auto qty_object = s.post(draft, code, {{"revision", rev}, {"lines", {{{"serial", serial}, {"demand", {{"n", 1}}}}}}});
  REQUIRE(qty_object.status == 400);
  CHECK(qty_object.body["field"] == "lines[0].demand");
  auto bad_instrument = s.post(draft, code, {{"revision", rev}, {"lines", {{{"serial", serial}, {"instrument", "也许"}}}}});
  REQUIRE(bad_instrument.status == 400);
  CHECK(bad_instrument.body["field"] == "lines[0].instrument");
  require_error(s.post(draft, code, {{"revision", rev}, {"lines", {{{"serial", "NO-SUCH-SERIAL"}, {"demand", 1}}}}}), 400,
                "ivd.sheet.unknown_serial");
  require_error(s.post(draft, code, {{"revision", rev}, {"commitment_letter", "12"}}), 400, "request.bad_field");
  auto review_rev = s.post(s.p() + "/hospitals/" + hid + "/review", "city_" + h[2], {{"revision", "1"}, {"decision", "approve"}});
  require_error(review_rev, 400, "request.bad_field");

  // Unknown project: 404 on reads and writes; a path id that is not a number is 404 too.
  require_error(s.get("/ivd/projects/99999999/sheet", code), 404, "ivd.project.not_found");
  require_error(s.post("/ivd/projects/99999999/sheet/draft", code, {{"revision", 1}, {"lines", json::array()}}), 404,
                "ivd.project.not_found");
  require_error(s.post("/ivd/projects/99999999/sheet/submit", code, {{"revision", 1}}), 404, "ivd.project.not_found");
  require_error(s.get("/ivd/projects/abc/sheet", code), 404, "route.not_found");
  require_error(s.get("/ivd/projects/" + std::to_string(s.pid) + "/nothing-here", code), 404, "route.not_found");

  // A body over the server's limit (32 MB): 413 from the HTTP layer, still JSON.
  const std::string huge = "{\"revision\": " + std::to_string(rev) + ", \"contact_name\": \"" +
                           std::string(HttpServerOptions{}.max_body_bytes + 1024, 'x') + "\"}";
  require_error(s.raw("POST", draft, code, huge), 413, "request.too_large");
  // An upload over 20 MB but under the body limit: 413 from the route.
  const std::string big_upload =
      "{\"name\": \"big.pdf\", \"content_base64\": \"" + std::string((kMaxUploadBytes / 3 + 3) * 4, 'A') + "\"}";
  require_error(s.raw("POST", "/ivd/files", code, big_upload), 413, "ivd.file.too_large");
  // A long text field under the body limit: 400 from the patch reader.
  auto long_name = s.post(draft, code, {{"revision", rev}, {"contact_name", std::string(100000, 'x')}});
  require_error(long_name, 400, "request.too_long");
  CHECK(long_name.body["field"] == "contact_name");

  CHECK(s.state() == before);
  CHECK(s.sheet_revision(hid) == rev);
  CHECK(s.files.count() == demo_world().files.size());
  // The server still serves, and the same hospital can save a good draft at the revision it had.
  auto ok = s.post(draft, code, {{"revision", rev}, {"contact_name", "赵六"}});
  INFO(ok.body.dump());
  REQUIRE(ok.status == 200);
  CHECK(ok.body["sheet"]["revision"] == rev + 1);
}
