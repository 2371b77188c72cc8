#pragma once
// A small supply world for the tests: regions, hospitals, enterprises, one account per side (rows in
// users, so events and uploads refer to real ids), the product list, the Api with the supply routes.
//
//   340000 安徽省: 340100 合肥市 (H1, H2), 340200 芜湖市 (H3), 340099 安徽省省本级 (H4)
//   320000 江苏省: 320100 南京市 (H5)
//   enterprises: EA 甲药业股份有限公司 (生产企业), EB 乙制药有限公司 (生产企业), EC 丙医药有限公司 (代理企业)
//   products: P001 甲/甲 国采第七批, P002 乙/丙 国采第八批, P003 甲/甲 国采第七批备供 (备供),
//             P004 乙/乙 国采第九批, P005 甲/甲 长三角(第二期国采接续)备供 (备供), P006 乙/乙 国采第十批
// The clock: Wednesday 2026-05-27 10:00 CST.
#include <catch_amalgamated.hpp>

#include <map>
#include <string>

#include "core/api/dispatcher.hpp"
#include "core/files/files.hpp"
#include "core/supply/deadline.hpp"
#include "core/supply/feedback_actions.hpp"
#include "core/supply/feedback_store.hpp"
#include "core/supply/products.hpp"
#include "core/supply/supply_routes.hpp"
#include "tests/unit/fakes.hpp"

namespace ivd::supply_test {

inline constexpr int64_t kDay = 86400;
// 2026-05-27 10:00 CST (a Wednesday).
inline constexpr int64_t kWednesday = 1779847200;

inline void exec_ok(Db& db, const std::string& sql) {
  auto s = db.exec(sql);
  if (!s.ok()) FAIL(sql << ": " << s.error().message_en);
}

inline const char* kProductsCsv =
    "流水号,通用名,剂型,规格,生产企业,申报企业,批次\n"
    "P001,阿托伐他汀钙片,片剂,20mg,甲药业股份有限公司,甲药业股份有限公司,国采第七批\n"
    "P002,苯磺酸氨氯地平片,片剂,5mg,乙制药有限公司,丙医药有限公司,国采第八批\n"
    "P003,瑞舒伐他汀钙片,片剂,10mg,甲药业股份有限公司,甲药业股份有限公司,国采第七批备供\n"
    "P004,蒙脱石散,散剂,3g,乙制药有限公司,乙制药有限公司,国采第九批\n"
    "P005,恩替卡韦分散片,片剂,0.5mg,甲药业股份有限公司,甲药业股份有限公司,长三角(第二期国采接续)备供\n"
    "P006,盐酸二甲双胍片,片剂,0.5g,乙制药有限公司,乙制药有限公司,国采第十批\n";

inline std::string pdf_bytes(const std::string& tag = "") { return "%PDF-1.4\n% supply test " + tag + "\n%%EOF\n"; }

struct SupplyWorld {
  TestEnv env;
  Db& db = env.db;
  Services& svc = env.services;
  Api api{db, svc};
  std::map<std::string, Actor> sessions;
  int64_t h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, ea = 0, eb = 0, ec = 0;
  Actor super_admin, prov_ah, prov_js, city_hf, city_wh, city_nj, sbj_ah;
  Actor hosp1, hosp2, hosp3, hosp4, hosp5, ent_a, ent_b, ent_c;

  int64_t institution(const std::string& code, const std::string& name, const std::string& kind,
                      const std::string& region) {
    exec_ok(db, "INSERT INTO institutions (code, name, kind, region_code) VALUES ('" + code + "', '" + name + "', '" +
                    kind + "', " + (region.empty() ? "NULL" : "'" + region + "'") + ")");
    return db.last_insert_id();
  }

  Actor make_actor(const std::string& username, Role role, const std::string& region, std::optional<int64_t> inst,
                   std::set<std::string> menus) {
    const char* type = role == Role::hospital ? "hospital" : role == Role::enterprise ? "enterprise" : "admin";
    auto st = db.prepare(
        "INSERT INTO users (username, name, user_type, region_code, institution_id, password_hash, "
        "must_change_password, created_at, updated_at) VALUES (?,?,?,?,?, 'x', 0, 0, 0)");
    REQUIRE(st.ok());
    st->bind(1, username).bind(2, username + "姓名").bind(3, type);
    if (region.empty()) st->bind_null(4); else st->bind(4, region);
    st->bind(5, inst);
    REQUIRE(st->run().ok());
    Actor a;
    a.user_id = db.last_insert_id();
    a.username = username;
    a.name = username + "姓名";
    a.user_type = type;
    a.region_code = region;
    a.institution_id = inst;
    a.role = role;
    a.menus = std::move(menus);
    sessions[username] = a;
    return a;
  }

  explicit SupplyWorld(bool with_products = true) {
    env.clock.t = kWednesday;
    exec_ok(db,
            "INSERT INTO regions (code, name, level, parent_code) VALUES "
            "('000000','全国','national',NULL),"
            "('340000','安徽省','province','000000'),('340100','合肥市','city','340000'),"
            "('340200','芜湖市','city','340000'),('340099','省本级','province_level','340000'),"
            "('320000','江苏省','province','000000'),('320100','南京市','city','320000')");
    h1 = institution("H1", "合肥第一医院", "hospital", "340100");
    h2 = institution("H2", "合肥第二医院", "hospital", "340100");
    h3 = institution("H3", "芜湖第一医院", "hospital", "340200");
    h4 = institution("H4", "安徽省立医院", "hospital", "340099");
    h5 = institution("H5", "南京第一医院", "hospital", "320100");
    ea = institution("EA", "甲药业股份有限公司", "manufacturer", "340100");
    eb = institution("EB", "乙制药有限公司", "manufacturer", "");
    ec = institution("EC", "丙医药有限公司", "agent", "320100");
    const std::set<std::string> fb = {menu::supply_feedback};
    super_admin = make_actor("admin", Role::super_admin, "000000", std::nullopt,
                             {menu::users, menu::ivd_config, menu::ivd_national, menu::supply_feedback, menu::supply_view});
    prov_ah = make_actor("ah", Role::province_admin, "340000", std::nullopt, {menu::supply_feedback, menu::supply_view});
    prov_js = make_actor("js", Role::province_admin, "320000", std::nullopt, {menu::supply_feedback, menu::supply_view});
    city_hf = make_actor("hf", Role::city_admin, "340100", std::nullopt, fb);
    city_wh = make_actor("wh", Role::city_admin, "340200", std::nullopt, fb);
    city_nj = make_actor("nj", Role::city_admin, "320100", std::nullopt, fb);
    sbj_ah = make_actor("ahsbj", Role::city_admin, "340099", std::nullopt, fb);
    hosp1 = make_actor("H1", Role::hospital, "340100", h1, {menu::ivd_fill, menu::supply_feedback});
    hosp2 = make_actor("H2", Role::hospital, "340100", h2, fb);
    hosp3 = make_actor("H3", Role::hospital, "340200", h3, fb);
    hosp4 = make_actor("H4", Role::hospital, "340099", h4, fb);
    hosp5 = make_actor("H5", Role::hospital, "320100", h5, fb);
    ent_a = make_actor("EA", Role::enterprise, "340100", ea, fb);
    ent_b = make_actor("EB", Role::enterprise, "", eb, fb);
    ent_c = make_actor("EC", Role::enterprise, "320100", ec, fb);
    register_supply_routes(api);
    api.set_session_resolver([this](Db&, Services&, const std::string& token) -> Result<Actor> {
      auto it = sessions.find(token);
      if (it == sessions.end()) return make_error(ErrorKind::unauthorized, "auth.not_logged_in");
      return it->second;
    });
    if (with_products) {
      auto r = import_products_csv(db, kProductsCsv, env.clock.t, super_admin.user_id);
      if (!r) FAIL(r.error().code << " " << r.error().details.dump());
      REQUIRE(r->inserted == 6);
    }
  }

  int64_t now() const { return env.clock.t; }
  int64_t today() const { return cst_day(env.clock.t); }

  ApiResponse call(const std::string& method, const std::string& path, const std::string& token,
                   const nlohmann::json& body = nullptr, std::map<std::string, std::string> query = {}) {
    return api.handle({method, path, body.is_null() ? "" : body.dump(), std::move(query), token});
  }

  int64_t upload(const Actor& a, const std::string& tag = "f") {
    auto f = register_upload(db, a, pdf_bytes(tag), tag + ".pdf", now());
    REQUIRE(f.ok());
    REQUIRE(env.files.put(f->sha256, pdf_bytes(tag)).ok());
    return f->id;
  }

  FeedbackInput input(const std::string& serial) const {
    FeedbackInput in;
    in.serial = serial;
    in.problem_type = "shortage";
    in.description = "中选药品缺货，院内库存仅剩三天用量。";
    in.occurred_on = "2026-05-20";
    in.contact_name = "张三";
    in.contact_phone = "13812345678";
    return in;
  }

  FeedbackDetail create(const Actor& hospital, const std::string& serial, bool submit = true) {
    auto d = create_feedback(db, svc, hospital, input(serial), submit);
    if (!d) FAIL(d.error().code << " " << d.error().message_en);
    return *d;
  }

  FeedbackRecord record(int64_t id) {
    auto r = load_feedback(db, id);
    REQUIRE(r.ok());
    return *r;
  }

  FeedbackDetail confirm(const Actor& admin, int64_t id) {
    ReviewInput in{ReviewDecision::confirm, upload(admin, "interview"), ""};
    auto d = review_feedback(db, svc, admin, id, record(id).revision, in);
    if (!d) FAIL(d.error().code << " " << d.error().message_en);
    return *d;
  }

  FeedbackDetail answer(const Actor& ent, int64_t id, bool submit) {
    auto d = answer_feedback(db, svc, ent, id, record(id).revision, "已安排补货", submit);
    if (!d) FAIL(d.error().code << " " << d.error().message_en);
    return *d;
  }

  FeedbackDetail deliver(const Actor& ent, int64_t id) {
    auto d = deliver_feedback(db, svc, ent, id, record(id).revision);
    if (!d) FAIL(d.error().code << " " << d.error().message_en);
    return *d;
  }

  FeedbackDetail outcome(const Actor& hospital, int64_t id, bool resolved) {
    auto d = record_outcome(db, svc, hospital, id, record(id).revision, resolved, "");
    if (!d) FAIL(d.error().code << " " << d.error().message_en);
    return *d;
  }

  int64_t count(const std::string& sql) {
    auto st = db.prepare(sql);
    REQUIRE(st.ok());
    REQUIRE(st->step().ok());
    return st->col_int(0);
  }
  // Every row of the tables a refused request must leave untouched.
  std::string snapshot() {
    std::string out;
    for (const char* sql : {"SELECT count(*) FROM supply_feedback", "SELECT count(*) FROM events",
                            "SELECT count(*) FROM supply_feedback_files", "SELECT coalesce(sum(revision), 0) FROM supply_feedback",
                            "SELECT count(*) FROM supply_products"})
      out += std::to_string(count(sql)) + "/";
    return out;
  }
};

inline void require_status(const ApiResponse& r, int status) {
  if (r.status != status) FAIL("expected " << status << ", got " << r.status << ": " << r.body.dump());
}

}  // namespace ivd::supply_test
