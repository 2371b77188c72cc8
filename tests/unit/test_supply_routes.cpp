// The supply routes through the Api dispatcher: a scope matrix over every route (hospital, city admin,
// 省本级 account, province admin, enterprise A against enterprise B, super admin), refusals that never
// tell "not there" from "not yours", bad input refused with nothing written, the export.
#include <set>

#include "core/base/base64.hpp"
#include "tests/unit/test_supply_support.hpp"

using namespace ivd;
using namespace ivd::supply_test;
using nlohmann::json;

namespace {

struct RouteWorld : SupplyWorld {
  int64_t f_hf = 0, f_sbj = 0, f_nj = 0, f_draft = 0, attachment = 0;
  RouteWorld() {
    FeedbackInput in = input("P001");
    attachment = upload(hosp1, "scan");
    in.attachment_ids = {attachment};
    auto hf = create_feedback(db, svc, hosp1, in, true);
    REQUIRE(hf.ok());
    f_hf = hf->row.id;
    confirm(city_hf, f_hf);                           // 待企业确认 (EA)
    f_sbj = create(hosp4, "P002").row.id;             // 省本级, 待管理机构确认 (EB / EC)
    f_nj = create(hosp5, "P004").row.id;              // 南京 (EB)
    confirm(city_nj, f_nj);
    answer(ent_b, f_nj, true);
    outcome(hosp5, f_nj, true);                       // 已解决
    f_draft = create(hosp1, "P006", false).row.id;    // H1's draft
  }

  std::set<int64_t> listed(const std::string& user, const std::string& menu = "") {
    std::map<std::string, std::string> q = {{"page_size", "500"}};
    if (!menu.empty()) q["menu"] = menu;
    auto r = call("GET", "/supply/feedback", user, nullptr, q);
    if (r.status != 200) return {-r.status};
    std::set<int64_t> ids;
    for (const auto& item : r.body["items"]) ids.insert(item["id"].get<int64_t>());
    CHECK(r.body["total"] == static_cast<int64_t>(ids.size()));
    return ids;
  }
};

const std::vector<std::string> kEveryone = {"admin", "ah", "js", "hf", "wh", "nj", "ahsbj", "H1", "H2",
                                            "H3", "H4", "H5", "EA", "EB", "EC"};

}  // namespace

TEST_CASE("each side lists exactly its own scope", "[supply][api][scope]") {
  RouteWorld w;
  using S = std::set<int64_t>;
  CHECK(w.listed("H1") == S{w.f_hf, w.f_draft});
  CHECK(w.listed("H2") == S{});
  CHECK(w.listed("H4") == S{w.f_sbj});
  CHECK(w.listed("hf") == S{w.f_hf});  // never H1's draft
  CHECK(w.listed("wh") == S{});
  CHECK(w.listed("nj") == S{w.f_nj});
  CHECK(w.listed("ahsbj") == S{-403});  // the 省本级 account has no part in supply
  CHECK(w.listed("ah") == S{w.f_sbj});  // the province admin acts on its 省本级 hospitals
  CHECK(w.listed("js") == S{});
  CHECK(w.listed("EA") == S{w.f_hf});
  CHECK(w.listed("EB") == S{w.f_nj});   // not the 省本级 item still with the admin
  CHECK(w.listed("EC") == S{});
  CHECK(w.listed("admin") == S{w.f_hf, w.f_sbj, w.f_nj});
  // The province view: every feedback of the province, for province admins only.
  CHECK(w.listed("ah", "supply.view") == S{w.f_hf, w.f_sbj});
  CHECK(w.listed("js", "supply.view") == S{w.f_nj});
  for (const char* u : {"admin", "hf", "H1", "EA"}) CHECK(w.listed(u, "supply.view") == S{-403});
  CHECK(w.listed("H1", "ivd.fill") == S{-400});
  // Enterprises get no enterprise columns.
  auto ent = w.call("GET", "/supply/feedback", "EA");
  REQUIRE(ent.status == 200);
  CHECK_FALSE(ent.body["items"][0].contains("manufacturer"));
  CHECK_FALSE(ent.body["items"][0].contains("applicant"));
  CHECK(ent.body["items"][0]["actions"] == json::array({"answer"}));
  auto admin = w.call("GET", "/supply/feedback", "hf");
  CHECK(admin.body["items"][0]["manufacturer"] == "甲药业股份有限公司");
}

TEST_CASE("a feedback out of scope answers exactly like one that does not exist, on every route", "[supply][api][scope]") {
  RouteWorld w;
  const std::map<std::string, std::set<int64_t>> visible = {
      {"admin", {w.f_hf, w.f_sbj, w.f_nj}}, {"ah", {w.f_sbj}}, {"hf", {w.f_hf}}, {"nj", {w.f_nj}},
      {"H1", {w.f_hf, w.f_draft}},          {"H4", {w.f_sbj}}, {"H5", {w.f_nj}}, {"EA", {w.f_hf}},
      {"EB", {w.f_nj}}};
  auto post_bodies = [&](int64_t id) {
    const int64_t rev = w.record(id).revision;
    return std::vector<std::pair<std::string, json>>{
        {"/submit", {{"revision", rev}}},
        {"/withdraw", {{"revision", rev}}},
        {"/review", {{"revision", rev}, {"decision", "return"}, {"reason", "x"}}},
        {"/answer", {{"revision", rev}, {"handling", "x"}, {"submit", true}}},
        {"/deliver", {{"revision", rev}}},
        {"/outcome", {{"revision", rev}, {"result", "resolved"}}},
    };
  };
  int refused = 0;
  for (const auto& user : kEveryone) {
    const std::string missing = "/supply/feedback/999999";
    const auto missing_get = w.call("GET", missing, user);
    for (int64_t id : {w.f_hf, w.f_sbj, w.f_nj, w.f_draft}) {
      INFO(user << " reads feedback " << id);
      const auto it = visible.find(user);
      const bool sees = it != visible.end() && it->second.count(id) > 0;
      const std::string path = "/supply/feedback/" + std::to_string(id);
      auto got = w.call("GET", path, user);
      if (sees) {
        require_status(got, 200);
        CHECK(got.body["id"] == id);
        continue;
      }
      ++refused;
      require_status(got, 403);
      CHECK(got.body == missing_get.body);
      const std::string before = w.snapshot();
      for (const auto& [suffix, body] : post_bodies(id)) {
        auto r = w.call("POST", path + suffix, user, body);
        auto m = w.call("POST", missing + suffix, user, body);
        CHECK(r.status == 403);
        CHECK(r.body == m.body);
      }
      json edit = {{"revision", w.record(id).revision}, {"serial", "P001"}, {"problem_type", "other"},
                   {"description", "x"}, {"occurred_on", "2026-05-01"}, {"contact_name", "x"},
                   {"contact_phone", "13812345678"}};
      auto put = w.call("PUT", path, user, edit);
      CHECK(put.status == 403);
      CHECK(put.body == w.call("PUT", missing, user, edit).body);
      CHECK(w.snapshot() == before);
    }
    // Ids that are not numbers read the same as missing ones.
    CHECK(w.call("GET", "/supply/feedback/abc", user).body == missing_get.body);
    CHECK(w.call("GET", "/supply/feedback/-3", user).body == missing_get.body);
  }
  CHECK(refused == 15 * 4 - 12);
  // The messages say nothing of what exists.
  auto r = w.call("GET", "/supply/feedback/" + std::to_string(w.f_hf), "H2");
  CHECK(r.body["code"] == "supply.scope.forbidden");
  CHECK(r.body["message_zh"] == "反馈不存在或不在本账号的范围内");
}

TEST_CASE("products: every supply side reads the list, only the super admin imports", "[supply][api][products]") {
  RouteWorld w;
  for (const auto& user : kEveryone) {
    INFO(user);
    auto r = w.call("GET", "/supply/products", user, nullptr, {{"selectable", "1"}});
    if (user == "ahsbj") {
      require_status(r, 403);
      continue;
    }
    require_status(r, 200);
    CHECK(r.body["total"] == 4);
    auto imp = w.call("POST", "/supply/products/import", user, {{"csv", kProductsCsv}});
    require_status(imp, user == "admin" ? 200 : 403);
  }
  auto b64 = w.call("POST", "/supply/products/import", "admin", {{"csv_base64", base64_encode(kProductsCsv)}});
  require_status(b64, 200);
  CHECK(b64.body == json{{"inserted", 0}, {"updated", 0}, {"unchanged", 6}});
  auto bad = w.call("POST", "/supply/products/import", "admin",
                    {{"csv", "流水号,通用名,剂型,规格,生产企业,申报企业,批次\nZ1,x,,,无此企业,EA,国采第一批\n"}});
  require_status(bad, 422);
  CHECK(bad.body["code"] == "supply.import.invalid");
  CHECK(bad.body["details"]["issues"][0]["line"] == 2);
  CHECK(bad.body["details"]["issues"][0]["column"] == "生产企业");
}

TEST_CASE("新增 over the API: the detail, 备供 and unknown refused, bad JSON and types change nothing",
          "[supply][api]") {
  RouteWorld w;
  json body = {{"serial", "P004"}, {"problem_type", "late_delivery"}, {"description", "配送延迟"},
               {"occurred_on", "2026-05-20"}, {"contact_name", "李四"}, {"contact_phone", "0551-62283456"},
               {"attachment_ids", json::array()}, {"submit", true}};
  auto ok = w.call("POST", "/supply/feedback", "H2", body);
  require_status(ok, 200);
  CHECK(ok.body["status"] == "pending_admin");
  CHECK(ok.body["actions"] == json::array({"withdraw"}));
  CHECK(ok.body["events"].size() == 2);
  const std::string before = w.snapshot();
  auto dup = w.call("POST", "/supply/feedback", "H1", body);
  require_status(dup, 409);
  CHECK(dup.body["message_zh"] == "辖区已有医疗机构反映该中选药品供应问题，无需重复提交，请直接与上级医保部门联系！");
  json backup = body;
  backup["serial"] = "P003";
  auto b = w.call("POST", "/supply/feedback", "H3", backup);
  require_status(b, 422);
  CHECK(b.body["code"] == "supply.product.backup");
  json unknown = body;
  unknown["serial"] = "NOPE";
  require_status(w.call("POST", "/supply/feedback", "H3", unknown), 400);
  // Wrong types, each refused as a bad field.
  for (const auto& [field, value] : std::vector<std::pair<std::string, json>>{
           {"serial", 5}, {"attachment_ids", "1,2"}, {"attachment_ids", json::array({"1"})}, {"submit", "yes"},
           {"description", json::object()}, {"occurred_on", 20260520}}) {
    json wrong = body;
    wrong[field] = value;
    auto r = w.call("POST", "/supply/feedback", "H3", wrong);
    INFO(field << " = " << value.dump());
    require_status(r, 400);
    CHECK(r.body["code"] == "request.bad_field");
    CHECK(r.body["field"] == field);
  }
  json too_long = body;
  too_long["description"] = std::string(2001, 'x');
  auto tl = w.call("POST", "/supply/feedback", "H3", too_long);
  require_status(tl, 400);
  CHECK(tl.body["code"] == "supply.feedback.too_long");
  auto malformed = w.api.handle({"POST", "/supply/feedback", "{\"serial\": \"P004\",", {}, "H3"});
  require_status(malformed, 400);
  CHECK(malformed.body["code"] == "request.malformed_json");
  auto not_object = w.api.handle({"POST", "/supply/feedback", "[1,2]", {}, "H3"});
  CHECK(not_object.status == 400);
  // Admins and enterprises do not add feedback.
  for (const char* u : {"hf", "ah", "EA", "admin"}) require_status(w.call("POST", "/supply/feedback", u, body), 403);
  CHECK(w.snapshot() == before);
  // Bad query values.
  CHECK(w.call("GET", "/supply/feedback", "H1", nullptr, {{"from", "2026-13-01"}}).status == 400);
  CHECK(w.call("GET", "/supply/feedback", "H1", nullptr, {{"status", "nonsense"}}).status == 400);
}

TEST_CASE("the actions over the API, with their refusals", "[supply][api]") {
  RouteWorld w;
  const std::string base = "/supply/feedback/" + std::to_string(w.f_sbj);
  // 省本级: the province admin confirms; the 省本级 account cannot.
  auto no_file = w.call("POST", base + "/review", "ah", {{"revision", w.record(w.f_sbj).revision}, {"decision", "confirm"}});
  require_status(no_file, 422);
  CHECK(no_file.body["code"] == "supply.feedback.interview_required");
  auto bad_decision = w.call("POST", base + "/review", "ah", {{"revision", w.record(w.f_sbj).revision}, {"decision", "ok"}});
  require_status(bad_decision, 400);
  auto str_rev = w.call("POST", base + "/review", "ah", {{"revision", "1"}, {"decision", "return"}, {"reason", "x"}});
  require_status(str_rev, 400);
  CHECK(str_rev.body["code"] == "request.bad_field");
  const int64_t file = w.upload(w.prov_ah, "interview");
  require_status(w.call("POST", base + "/review", "ahsbj",
                        {{"revision", w.record(w.f_sbj).revision}, {"decision", "confirm"}, {"interview_file_id", file}}),
                 403);
  auto ok = w.call("POST", base + "/review", "ah",
                   {{"revision", w.record(w.f_sbj).revision}, {"decision", "confirm"}, {"interview_file_id", file}});
  require_status(ok, 200);
  CHECK(ok.body["status"] == "pending_enterprise");
  CHECK(ok.body["interview_file"]["id"] == file);
  CHECK(ok.body["remaining_days"] == 5);
  // Enterprise B (生产企业) and C (申报企业) both see it now; A does not.
  require_status(w.call("GET", base, "EB"), 200);
  require_status(w.call("GET", base, "EC"), 200);
  require_status(w.call("GET", base, "EA"), 403);
  auto answered = w.call("POST", base + "/answer", "EC",
                         {{"revision", w.record(w.f_sbj).revision}, {"handling", "已补货"}, {"submit", false}});
  require_status(answered, 200);
  CHECK(answered.body["status"] == "enterprise_confirmed");
  auto stale = w.call("POST", base + "/deliver", "EB", {{"revision", 1}});
  require_status(stale, 409);
  CHECK(stale.body["code"] == "revision.stale");
  require_status(w.call("POST", base + "/deliver", "EB", {{"revision", w.record(w.f_sbj).revision}}), 200);
  auto bad_result = w.call("POST", base + "/outcome", "H4", {{"revision", w.record(w.f_sbj).revision}, {"result", "ok"}});
  require_status(bad_result, 400);
  auto done = w.call("POST", base + "/outcome", "H4",
                     {{"revision", w.record(w.f_sbj).revision}, {"result", "resolved"}, {"note", "已到货"}});
  require_status(done, 200);
  CHECK(done.body["status"] == "resolved");
  CHECK(done.body["outcome_note"] == "已到货");
  CHECK(done.body["events"].back()["action"] == "outcome");
}

TEST_CASE("files: uploads by supply users, downloads by whoever sees the feedback, others refused like missing ones",
          "[supply][api][files]") {
  RouteWorld w;
  auto up = w.call("POST", "/supply/files", "H2", {{"name", "缺货说明.pdf"}, {"content_base64", base64_encode(pdf_bytes("x"))}});
  require_status(up, 200);
  CHECK(up.body["content_type"] == "application/pdf");
  auto exe = w.call("POST", "/supply/files", "H2", {{"name", "a.pdf"}, {"content_base64", base64_encode("MZ\x90\x00")}});
  require_status(exe, 400);
  require_status(w.call("POST", "/supply/files", "ahsbj", {{"name", "a.pdf"}, {"content_base64", base64_encode(pdf_bytes())}}),
                 403);
  const std::string path = "/supply/files/" + std::to_string(w.attachment) + "/content";
  for (const auto& user : kEveryone) {
    INFO(user);
    auto r = w.call("GET", path, user);
    // The uploader, its city admin, the enterprise of the product, the super admin, and the province
    // admin through the province view.
    const bool may = user == "H1" || user == "hf" || user == "EA" || user == "admin" || user == "ah";
    if (may) {
      require_status(r, 200);
      CHECK(r.body["content_base64"] == base64_encode(pdf_bytes("scan")));
      continue;
    }
    require_status(r, 403);
    CHECK(r.body == w.call("GET", "/supply/files/987654/content", user).body);
    CHECK(r.body == w.call("GET", "/supply/files/x/content", user).body);
  }
  CHECK(w.call("GET", path, "js").status == 403);
}

TEST_CASE("the province view exports its filtered rows as CSV with a BOM", "[supply][api][export]") {
  RouteWorld w;
  auto r = w.call("GET", "/supply/feedback/export", "ah", nullptr, {{"status", "pending_enterprise"}});
  require_status(r, 200);
  CHECK(r.body["rows"] == 1);
  CHECK(r.body["filename"].get<std::string>().find(".csv") != std::string::npos);
  const std::string csv = *base64_decode(r.body["csv_base64"].get<std::string>());
  CHECK(csv.rfind("\xEF\xBB\xBF反馈日期,流水号,产品名称", 0) == 0);
  CHECK(csv.find("合肥第一医院") != std::string::npos);
  CHECK(csv.find("待企业确认") != std::string::npos);
  CHECK(csv.find("安徽省立医院") == std::string::npos);  // filtered out
  auto all = w.call("GET", "/supply/feedback/export", "ah");
  CHECK(all.body["rows"] == 2);
  for (const char* u : {"hf", "H1", "EA", "admin", "ahsbj"}) CHECK(w.call("GET", "/supply/feedback/export", u).status == 403);
}

TEST_CASE("the calendar route says today and warns admins only", "[supply][api]") {
  RouteWorld w;
  auto h = w.call("GET", "/supply/calendar", "H1");
  require_status(h, 200);
  CHECK(h.body["today"] == "2026-05-27");
  CHECK(h.body["years"].is_array());
  CHECK_FALSE(h.body.contains("warning"));
  auto a = w.call("GET", "/supply/calendar", "hf");
  require_status(a, 200);
  // 2026 is in the embedded calendar: no warning; a year far ahead is not.
  CHECK_FALSE(a.body.contains("warning"));
  CHECK(std::find(a.body["years"].begin(), a.body["years"].end(), 2026) != a.body["years"].end());
  w.env.clock.t = *parse_cst("2100-06-01 10:00");
  auto later = w.call("GET", "/supply/calendar", "hf");
  require_status(later, 200);
  REQUIRE(later.body.contains("warning"));
  CHECK(later.body["warning"]["code"] == "calendar.uncovered");
  CHECK_FALSE(w.call("GET", "/supply/calendar", "H1").body.contains("warning"));
}
