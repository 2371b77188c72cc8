// The IVD routes through the Api dispatcher: permissions (403 with a code), status codes, a full flow.
#include "core/base/base64.hpp"
#include "core/ivd/ivd_routes.hpp"
#include "tests/unit/test_ivd_support.hpp"

using namespace ivd;
using namespace ivd::test;
using nlohmann::json;

namespace {
struct ApiWorld : World {
  Api api{db, svc};
  std::map<std::string, Actor> sessions;

  explicit ApiWorld(bool with_project = true) : World(with_project) {
    register_ivd_routes(api);
    for (const Actor* a : {&super_admin, &prov_ah, &prov_js, &city_hf, &city_wh, &city_nj, &sbj_ah, &hosp1, &hosp2,
                           &hosp3, &hosp4, &hosp5})
      sessions[a->username] = *a;
    api.set_session_resolver([this](Db&, Services&, const std::string& token) -> Result<Actor> {
      auto it = sessions.find(token);
      if (it == sessions.end()) return make_error(ErrorKind::unauthorized, "auth.not_logged_in");
      return it->second;
    });
  }

  ApiResponse call(const std::string& method, const std::string& path, const std::string& token,
                   const json& body = nullptr, std::map<std::string, std::string> query = {}) {
    return api.handle({method, path, body.is_null() ? "" : body.dump(), std::move(query), token});
  }
  std::string pid() const { return std::to_string(project_id); }
};

void require_status(const ApiResponse& r, int status) {
  if (r.status != status) FAIL("expected " << status << ", got " << r.status << ": " << r.body.dump());
}
}  // namespace

TEST_CASE("a hospital reading another hospital's sheet is refused with 403", "[ivd][api]") {
  ApiWorld w;
  auto own = w.call("GET", "/ivd/projects/" + w.pid() + "/sheet", "H1");
  require_status(own, 200);
  CHECK(own.body["hospital_code"] == "H1");
  CHECK(own.body["status"] == "not_filled");
  CHECK(own.body["editable"] == true);
  auto other = w.call("GET", "/ivd/projects/" + w.pid() + "/hospitals/" + std::to_string(w.h2) + "/sheet", "H1");
  require_status(other, 403);
  CHECK(other.body["code"] == "ivd.scope.forbidden");
  auto lines = w.call("GET", "/ivd/projects/" + w.pid() + "/hospitals/" + std::to_string(w.h2) + "/sheet/lines", "H1");
  require_status(lines, 403);
  auto events = w.call("GET", "/ivd/projects/" + w.pid() + "/hospitals/" + std::to_string(w.h2) + "/sheet/events", "H1");
  require_status(events, 403);
  // Its own sheet by id is fine.
  require_status(w.call("GET", "/ivd/projects/" + w.pid() + "/hospitals/" + std::to_string(w.h1) + "/sheet", "H1"), 200);
}

TEST_CASE("a city admin reviewing another city's hospital is refused with 403", "[ivd][api]") {
  ApiWorld w;
  w.fill_and_submit(w.hosp3);  // 芜湖
  const std::string base = "/ivd/projects/" + w.pid() + "/hospitals/" + std::to_string(w.h3);
  auto r = w.call("POST", base + "/review", "hf", {{"revision", w.sheet(w.h3).revision}, {"decision", "approve"}});
  require_status(r, 403);
  CHECK(r.body["code"] == "ivd.scope.forbidden");
  CHECK(r.body["message_zh"] == "无权访问其他区域或机构的数据");
  require_status(w.call("POST", base + "/exclude", "hf", {{"revision", w.sheet(w.h3).revision}}), 403);
  require_status(w.call("GET", base + "/sheet", "hf"), 403);
  require_status(w.call("GET", "/ivd/projects/" + w.pid() + "/cities/340200/hospitals", "hf"), 403);
  // The right city may.
  auto ok = w.call("POST", base + "/review", "wh", {{"revision", w.sheet(w.h3).revision}, {"decision", "approve"}});
  require_status(ok, 200);
  CHECK(ok.body["status"] == "approved");
}

TEST_CASE("a province admin touching another province is refused with 403", "[ivd][api]") {
  ApiWorld w;
  const std::string p = "/ivd/projects/" + w.pid();
  auto list = w.call("GET", p + "/provinces/320000/cities", "ah");
  require_status(list, 403);
  CHECK(list.body["code"] == "ivd.scope.forbidden");
  auto submit = w.call("POST", p + "/provinces/320000/submit", "ah", {{"revision", 1}, {"summary_file_id", 1}});
  require_status(submit, 403);
  CHECK(submit.body["code"] == "ivd.scope.forbidden");
  w.fill_and_submit(w.hosp5);
  w.approve(w.city_nj, w.h5);
  REQUIRE(submit_city(w.db, w.svc, w.city_nj, w.project_id, "320100", w.city("320100").revision).ok());
  auto review = w.call("POST", p + "/cities/320100/review", "ah", {{"revision", w.city("320100").revision}, {"decision", "approve"}});
  require_status(review, 403);
  CHECK(review.body["code"] == "ivd.scope.forbidden");
  require_status(w.call("GET", p + "/provinces/320000/certificates", "ah"), 403);
  require_status(w.call("GET", p + "/hospitals/" + std::to_string(w.h5) + "/sheet", "ah"), 403);
  require_status(w.call("GET", p + "/provinces/320000/cities", "js"), 200);
}

TEST_CASE("routes check the menu and the kind of account", "[ivd][api]") {
  ApiWorld w;
  const std::string p = "/ivd/projects/" + w.pid();
  w.sessions["H1"].menus.clear();
  auto no_menu = w.call("POST", p + "/sheet/draft", "H1", {{"revision", 1}});
  require_status(no_menu, 403);
  CHECK(no_menu.body["code"] == "auth.menu_not_granted");
  require_status(w.call("GET", "/ivd/projects", "H1"), 403);
  auto city_creates = w.call("POST", "/ivd/projects", "hf", {{"name", "x"}});
  require_status(city_creates, 403);
  auto national = w.call("GET", p + "/provinces", "ah");
  require_status(national, 403);
  CHECK(national.body["code"] == "auth.menu_not_granted");
  require_status(w.call("GET", p + "/sheet", ""), 401);
  auto hospital_review = w.call("POST", p + "/hospitals/" + std::to_string(w.h1) + "/review", "H2",
                                {{"revision", 1}, {"decision", "approve"}});
  require_status(hospital_review, 403);
  require_status(w.call("GET", "/ivd/projects/99999", "admin"), 404);
  require_status(w.call("GET", "/ivd/projects/abc", "admin"), 404);
}

TEST_CASE("a stale write through the API answers 409 revision.stale", "[ivd][api]") {
  ApiWorld w;
  const std::string p = "/ivd/projects/" + w.pid();
  json body = {{"revision", 1}, {"lines", {{{"serial", "S001"}, {"last_year", "100"}, {"demand", 110}, {"instrument", "是"}}}}};
  require_status(w.call("POST", p + "/sheet/draft", "H1", body), 200);
  auto stale = w.call("POST", p + "/sheet/draft", "H1", body);
  require_status(stale, 409);
  CHECK(stale.body["code"] == "revision.stale");
  CHECK(stale.body["details"]["current"] == 2);
}

TEST_CASE("提交 through the API refuses with the rule ids in the error details", "[ivd][api]") {
  ApiWorld w;
  const std::string p = "/ivd/projects/" + w.pid();
  json body = {{"revision", 1}, {"lines", {{{"serial", "S001"}, {"last_year", "100"}, {"demand", "300"}, {"instrument", "是"}}}}};
  auto r = w.call("POST", p + "/sheet/submit", "H1", body);
  require_status(r, 422);
  CHECK(r.body["code"] == "ivd.sheet.submit_refused");
  const auto ids = r.body["details"]["rule_ids"];
  CHECK(std::find(ids.begin(), ids.end(), "R-THRESHOLD") != ids.end());
  CHECK(std::find(ids.begin(), ids.end(), "R-SUBMIT-FIELDS") != ids.end());
  CHECK(r.body.contains("rule_id"));
}

TEST_CASE("the whole flow runs through the API: configure, fill, review, submit, national data", "[ivd][api]") {
  ApiWorld w(/*with_project=*/false);  // the project is created through the API below
  // 报量项目配置: 新增 and catalog import.
  auto created = w.call("POST", "/ivd/projects", "admin",
                        {{"name", "2027年度报量"},
                         {"year", 2027},
                         {"threshold_percent", 25},
                         {"fill_start", format_cst(w.now() - kDay)},
                         {"fill_end", format_cst(w.now() + 5 * kDay)},
                         {"city_review_end", format_cst(w.now() + 10 * kDay)},
                         {"province_review_end", format_cst(w.now() + 15 * kDay)},
                         {"provinces", {"340000"}}});
  require_status(created, 200);
  CHECK(created.body["status"] == "running");
  CHECK(created.body["threshold_editable"] == false);
  w.project_id = created.body["id"].get<int64_t>();
  const std::string p = "/ivd/projects/" + w.pid();
  auto bad_times = w.call("PUT", p, "admin", {{"revision", 1}, {"city_review_end", format_cst(w.now() + 20 * kDay)}});
  require_status(bad_times, 422);
  CHECK(bad_times.body["code"] == "ivd.project.time_order");
  auto imported = w.call("POST", p + "/catalog/import", "admin", {{"csv_base64", base64_encode(kCatalogCsv)}});
  require_status(imported, 200);
  CHECK(imported.body["inserted"] == 8);
  auto bad_csv = w.call("POST", p + "/catalog/import", "admin", {{"csv", "流水号,大项\nA,B\n"}});
  require_status(bad_csv, 400);
  CHECK(bad_csv.body["code"] == "ivd.catalog.import_invalid");
  CHECK(bad_csv.body["details"].size() == 5);
  auto catalog = w.call("GET", p + "/catalog", "H1", nullptr, {{"certificate", "C1"}, {"page_size", "2"}});
  require_status(catalog, 200);
  CHECK(catalog.body["total"] == 3);
  CHECK(catalog.body["items"].size() == 2);
  auto all = w.call("GET", p + "/catalog/all", "H1");
  CHECK(all.body["items"].size() == 8);

  // Hospitals fill and submit (H5 of 江苏 does not take part).
  require_status(w.call("GET", p + "/sheet", "H5"), 404);
  const json lines = {{{"serial", "S001"}, {"last_year", "1,000"}, {"demand", "1100"}, {"instrument", "是"}},
                      {{"serial", "S006"}, {"last_year", ""}, {"demand", "20"}, {"instrument", "否"}, {"change_note", "新开展"}}};
  auto draft = w.call("POST", p + "/sheet/draft", "H1", {{"revision", 1}, {"lines", lines}});
  require_status(draft, 200);
  CHECK(draft.body["sheet"]["status"] == "draft");
  CHECK(draft.body["report"]["warnings"] > 0);  // the instrument doc is still missing
  const int64_t letter = w.upload(w.hosp1, pdf_bytes("letter"));
  const int64_t scan = w.upload(w.hosp1, png_bytes(), "scan.png");
  const int64_t doc = w.upload(w.hosp1, pdf_bytes("doc"));
  auto submitted = w.call("POST", p + "/sheet/submit", "H1",
                          {{"revision", draft.body["sheet"]["revision"]},
                           {"instrument_docs", {{"C3", doc}}},
                           {"contact_name", "张三"},
                           {"contact_phone", "13812345678"},
                           {"commitment_letter", letter},
                           {"demand_attachment", scan}});
  require_status(submitted, 200);
  CHECK(submitted.body["sheet"]["status"] == "submitted");
  auto status_view = w.call("GET", p + "/sheet/events", "H1");
  require_status(status_view, 200);
  CHECK(status_view.body["events"].size() == 2);
  auto detail = w.call("GET", p + "/sheet", "H1");
  CHECK(detail.body["instrument_docs"][0]["certificate"] == "C3");
  CHECK(detail.body["commitment_letter_file"]["content_type"] == "application/pdf");
  auto file = w.call("GET", "/ivd/files/" + std::to_string(letter), "hf");
  require_status(file, 200);
  require_status(w.call("GET", "/ivd/files/" + std::to_string(letter), "wh"), 403);

  // City: list on 查询, review, 取消上报 for H2, submit.
  auto list = w.call("GET", p + "/cities/340100/hospitals", "hf", nullptr, {{"status", "submitted"}});
  require_status(list, 200);
  REQUIRE(list.body["total"] == 1);
  const std::string h1 = "/hospitals/" + std::to_string(w.h1), h2 = "/hospitals/" + std::to_string(w.h2);
  auto reject = w.call("POST", p + h1 + "/review", "hf",
                       {{"revision", list.body["items"][0]["revision"]}, {"decision", "reject"}});
  require_status(reject, 400);
  CHECK(reject.body["code"] == "ivd.review.reason_required");
  auto approve = w.call("POST", p + h1 + "/review", "hf",
                        {{"revision", list.body["items"][0]["revision"]}, {"decision", "approve"}});
  require_status(approve, 200);
  auto early_submit = w.call("POST", p + "/cities/340100/submit", "hf", {{"revision", 1}});
  require_status(early_submit, 422);
  CHECK(early_submit.body["code"] == "ivd.review.city_not_all_approved");
  require_status(w.call("POST", p + h2 + "/exclude", "hf", {{"revision", w.sheet(w.h2).revision}}), 200);
  auto city_submit = w.call("POST", p + "/cities/340100/submit", "hf", {{"revision", 1}});
  require_status(city_submit, 200);
  CHECK(city_submit.body["status"] == "submitted");
  auto withdraw = w.call("POST", p + h1 + "/review/withdraw", "hf", {{"revision", w.sheet(w.h1).revision}});
  require_status(withdraw, 409);
  CHECK(withdraw.body["code"] == "ivd.review.city_locked");

  // Other cities: 芜湖 and 省本级 have nothing to report.
  require_status(w.call("POST", p + "/hospitals/" + std::to_string(w.h3) + "/exclude", "wh", {{"revision", 1}}), 200);
  require_status(w.call("POST", p + "/cities/340200/submit", "wh", {{"revision", 1}}), 200);
  require_status(w.call("POST", p + "/hospitals/" + std::to_string(w.h4) + "/exclude", "ahsbj", {{"revision", 1}}), 200);
  require_status(w.call("POST", p + "/cities/340099/submit", "ahsbj", {{"revision", 1}}), 200);

  // Province: list, approve every city, submit with the stamped summary.
  auto cities = w.call("GET", p + "/provinces/340000/cities", "ah");
  require_status(cities, 200);
  CHECK(cities.body["province"]["hospital_count"] == 1);
  CHECK(cities.body["province"]["last_year_total"] == 1000);
  CHECK(cities.body["province"]["demand_total"] == 1120);
  for (const auto& c : cities.body["items"]) {
    auto r = w.call("POST", p + "/cities/" + c["city_code"].get<std::string>() + "/review", "ah",
                    {{"revision", c["revision"]}, {"decision", "approve"}});
    require_status(r, 200);
  }
  auto no_file = w.call("POST", p + "/provinces/340000/submit", "ah", {{"revision", 1}});
  require_status(no_file, 422);
  CHECK(no_file.body["code"] == "ivd.review.summary_required");
  const int64_t stamped = w.upload(w.prov_ah, pdf_bytes("stamped"));
  auto prov_submit = w.call("POST", p + "/provinces/340000/submit", "ah", {{"revision", 1}, {"summary_file_id", stamped}});
  require_status(prov_submit, 200);
  auto by_cert = w.call("GET", p + "/provinces/340000/certificates", "ah");
  require_status(by_cert, 200);
  CHECK(by_cert.body["total"] == 2);

  // Nation: list, drill down, export rows, withdraw.
  auto nation = w.call("GET", p + "/provinces", "admin");
  require_status(nation, 200);
  CHECK(nation.body["items"][0]["status"] == "submitted");
  CHECK(nation.body["national"]["demand_total"] == 1120);
  require_status(w.call("GET", p + "/provinces/340000/cities", "admin"), 200);
  require_status(w.call("GET", p + "/cities/340100/hospitals", "admin"), 200);
  require_status(w.call("GET", p + h1 + "/sheet/lines", "admin", nullptr, {{"filled_only", "1"}}), 200);
  require_status(w.call("GET", "/ivd/files/" + std::to_string(stamped), "admin"), 200);
  auto rows = w.call("GET", p + "/certificates", "admin");
  require_status(rows, 200);
  CHECK(rows.body["items"][0]["province_name"] == "安徽省");
  auto national_withdraw = w.call("POST", p + "/provinces/340000/withdraw", "admin", {{"revision", 2}, {"reason", "请复核"}});
  require_status(national_withdraw, 200);
  CHECK(national_withdraw.body["status"] == "withdrawn");
  auto prov_events = w.call("GET", p + "/provinces/340000/events", "ah");
  require_status(prov_events, 200);
  CHECK(prov_events.body["events"].back()["reason"] == "请复核");
  auto city_events = w.call("GET", p + "/cities/340100/events", "hf");
  require_status(city_events, 200);
  CHECK(city_events.body["events"].size() == 2);
}

TEST_CASE("uploads go to the file store by content hash; downloads only for who may see the record", "[ivd][api][files]") {
  ApiWorld w;
  const std::string pdf = pdf_bytes("承诺书");
  auto up = w.call("POST", "/ivd/files", "H1", {{"name", "承诺书.pdf"}, {"content_base64", base64_encode(pdf)}});
  require_status(up, 200);
  CHECK(up.body["content_type"] == "application/pdf");
  CHECK(up.body["size"] == static_cast<int64_t>(pdf.size()));
  const std::string sha = up.body["sha256"].get<std::string>();
  REQUIRE(w.env.files.get(sha).ok());
  CHECK(w.env.files.get(sha).value() == pdf);
  const std::string fid = std::to_string(up.body["id"].get<int64_t>());

  auto down = w.call("GET", "/ivd/files/" + fid + "/content", "H1");
  require_status(down, 200);
  CHECK(base64_decode(down.body["content_base64"].get<std::string>()).value() == pdf);
  // Another hospital may not read it; nor may a city admin of another city.
  auto other = w.call("GET", "/ivd/files/" + fid + "/content", "H3");
  require_status(other, 403);
  CHECK(other.body["code"] == "ivd.scope.forbidden");
  // An unknown id answers exactly like a forbidden one (ids cannot be probed).
  auto unknown = w.call("GET", "/ivd/files/999999/content", "H3");
  require_status(unknown, 403);
  CHECK(unknown.body == other.body);
  CHECK(w.call("GET", "/ivd/files/999999", "H3").body == other.body);
}

TEST_CASE("bad uploads are refused and store nothing", "[ivd][api][files]") {
  ApiWorld w;
  auto text = w.call("POST", "/ivd/files", "H1", {{"name", "a.pdf"}, {"content_base64", base64_encode("just text")}});
  require_status(text, 400);
  CHECK(text.body["code"] == "ivd.file.type_not_allowed");
  auto not_b64 = w.call("POST", "/ivd/files", "H1", {{"name", "a.pdf"}, {"content_base64", "%%%"}});
  require_status(not_b64, 400);
  CHECK(not_b64.body["field"] == "content_base64");
  auto no_name = w.call("POST", "/ivd/files", "H1", {{"content_base64", base64_encode(pdf_bytes())}});
  require_status(no_name, 400);
  CHECK(no_name.body["field"] == "name");
  auto wrong_type = w.call("POST", "/ivd/files", "H1", {{"name", "a.pdf"}, {"content_base64", 12}});
  require_status(wrong_type, 400);
  auto huge = w.call("POST", "/ivd/files", "H1",
                     {{"name", "a.pdf"}, {"content_base64", std::string((kMaxUploadBytes / 3 + 3) * 4, 'A')}});
  require_status(huge, 413);
  CHECK(huge.body["code"] == "ivd.file.too_large");
  CHECK(w.env.files.count() == 0);
  auto st = w.db.prepare("SELECT count(*) FROM files");
  REQUIRE(st.ok());
  REQUIRE(st->step().value());
  CHECK(st->col_int(0) == 0);
  require_status(w.call("POST", "/ivd/files", "", {{"name", "a.pdf"}, {"content_base64", base64_encode(pdf_bytes())}}), 401);
}

namespace {
std::string g_sink_reference, g_sink_detail;
void capture_internal_error(const std::string& reference, std::string_view detail) {
  g_sink_reference = reference;
  g_sink_detail = std::string(detail);
}
}  // namespace

TEST_CASE("a database error inside an IVD route reaches the client only as 'internal' with a reference",
          "[ivd][api][internal]") {
  ApiWorld w;
  exec_ok(w.db, "PRAGMA foreign_keys = OFF");
  exec_ok(w.db, "DROP TABLE ivd_catalog");
  g_sink_reference.clear();
  g_sink_detail.clear();
  set_internal_error_sink(&capture_internal_error);
  auto r = w.call("GET", "/ivd/projects/" + w.pid() + "/catalog", "admin");
  set_internal_error_sink(nullptr);
  require_status(r, 500);
  CHECK(r.body["code"] == "internal");
  for (const char* key : {"message_zh", "message_en"}) {
    const std::string m = r.body[key].get<std::string>();
    CHECK(m.find("SQL") == std::string::npos);
    CHECK(m.find("ivd_catalog") == std::string::npos);
    CHECK(m.find("no such table") == std::string::npos);
    CHECK(m.find("SELECT") == std::string::npos);
  }
  CHECK(r.body.dump().find("ivd_catalog") == std::string::npos);
  REQUIRE_FALSE(g_sink_reference.empty());
  CHECK(r.body["details"]["reference"] == g_sink_reference);
  CHECK(r.body["message_en"].get<std::string>().find(g_sink_reference) != std::string::npos);
  // The detail, with the SQL, went to the log only.
  CHECK(g_sink_detail.find("ivd_catalog") != std::string::npos);
}
