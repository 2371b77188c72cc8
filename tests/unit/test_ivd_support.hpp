#pragma once
// A small IVD world for the tests: two provinces with cities and 省本级, hospitals, one user per role
// (rows in users, so events and file uploads refer to real ids), a running project and its catalog.
//
//   340000 安徽省: 340100 合肥市 (H1, H2), 340200 芜湖市 (H3), 340099 安徽省省本级 (H4)
//   320000 江苏省: 320100 南京市 (H5)
//   catalog: S001..S008; C1 = S001,S002,S003  C2 = S004,S005  C3 = S006  C4 = S007,S008
#include <catch_amalgamated.hpp>

#include <string>

#include "core/api/dispatcher.hpp"
#include "core/ivd/catalog.hpp"
#include "core/ivd/files.hpp"
#include "core/ivd/project.hpp"
#include "core/ivd/review.hpp"
#include "core/ivd/sheet_store.hpp"
#include "tests/unit/fakes.hpp"

namespace ivd::test {

inline constexpr int64_t kDay = 86400;

inline void exec_ok(Db& db, const std::string& sql) {
  auto s = db.exec(sql);
  if (!s.ok()) FAIL(sql << ": " << s.error().message_en);
}

inline int64_t insert_hospital(Db& db, const std::string& code, const std::string& region) {
  exec_ok(db, "INSERT INTO institutions (code, name, kind, region_code, level) VALUES ('" + code + "', '" + code +
                  "医院', 'hospital', '" + region + "', '三级甲等')");
  return db.last_insert_id();
}

inline Actor make_actor(Db& db, const std::string& username, Role role, const std::string& region,
                        std::optional<int64_t> institution, std::set<std::string> menus) {
  const char* type = role == Role::hospital ? "hospital" : role == Role::enterprise ? "enterprise" : "admin";
  auto st = db.prepare(
      "INSERT INTO users (username, name, user_type, region_code, institution_id, password_hash, must_change_password, "
      "created_at, updated_at) VALUES (?,?,?,?,?, 'x', 0, 0, 0)");
  REQUIRE(st.ok());
  st->bind(1, username).bind(2, username + "姓名").bind(3, type).bind(4, region).bind(5, institution);
  REQUIRE(st->run().ok());
  Actor a;
  a.user_id = db.last_insert_id();
  a.username = username;
  a.name = username + "姓名";
  a.user_type = type;
  a.region_code = region;
  a.institution_id = institution;
  a.role = role;
  a.menus = std::move(menus);
  return a;
}

inline const char* kCatalogCsv =
    "流水号,大项,小项,产品名称,规格/包装,注册证,生产企业\n"
    "S001,生化,肝功能,丙氨酸氨基转移酶测定试剂盒,2×50ml,C1,甲生物\n"
    "S002,生化,肝功能,天门冬氨酸氨基转移酶测定试剂盒,2×50ml,C1,甲生物\n"
    "S003,生化,肝功能,总胆红素测定试剂盒,4×20ml,C1,甲生物\n"
    "S004,免疫,肿瘤标志物,甲胎蛋白测定试剂盒,100人份,C2,乙诊断\n"
    "S005,免疫,肿瘤标志物,癌胚抗原测定试剂盒,100人份,C2,乙诊断\n"
    "S006,分子,病原体,新型冠状病毒核酸检测试剂盒,48人份,C3,丙基因\n"
    "S007,血液,凝血,凝血酶原时间测定试剂盒,10×4ml,C4,丁医疗\n"
    "S008,血液,凝血,活化部分凝血活酶时间测定试剂盒,10×4ml,C4,丁医疗\n";

inline std::string pdf_bytes(const std::string& tag = "") { return "%PDF-1.4\n% test " + tag + "\n%%EOF\n"; }
inline std::string png_bytes() { return std::string("\x89PNG\r\n\x1a\n", 8) + "IHDR...."; }

struct World {
  TestEnv env;
  Db& db = env.db;
  Services& svc = env.services;
  int64_t h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0;
  Actor super_admin, prov_ah, prov_js, city_hf, city_wh, city_nj, sbj_ah;
  Actor hosp1, hosp2, hosp3, hosp4, hosp5;
  int64_t project_id = 0;

  explicit World(bool with_project = true) {
    exec_ok(db,
            "INSERT INTO regions (code, name, level, parent_code) VALUES "
            "('000000','全国','national',NULL),"
            "('340000','安徽省','province','000000'),('340100','合肥市','city','340000'),"
            "('340200','芜湖市','city','340000'),('340099','安徽省省本级','province_level','340000'),"
            "('320000','江苏省','province','000000'),('320100','南京市','city','320000')");
    h1 = insert_hospital(db, "H1", "340100");
    h2 = insert_hospital(db, "H2", "340100");
    h3 = insert_hospital(db, "H3", "340200");
    h4 = insert_hospital(db, "H4", "340099");
    h5 = insert_hospital(db, "H5", "320100");
    super_admin = make_actor(db, "admin", Role::super_admin, "000000", std::nullopt,
                             {menu::ivd_config, menu::ivd_national, menu::ivd_review});
    prov_ah = make_actor(db, "ah", Role::province_admin, "340000", std::nullopt, {menu::ivd_review});
    prov_js = make_actor(db, "js", Role::province_admin, "320000", std::nullopt, {menu::ivd_review});
    city_hf = make_actor(db, "hf", Role::city_admin, "340100", std::nullopt, {menu::ivd_review});
    city_wh = make_actor(db, "wh", Role::city_admin, "340200", std::nullopt, {menu::ivd_review});
    city_nj = make_actor(db, "nj", Role::city_admin, "320100", std::nullopt, {menu::ivd_review});
    sbj_ah = make_actor(db, "ahsbj", Role::city_admin, "340099", std::nullopt, {menu::ivd_review});
    hosp1 = make_actor(db, "H1", Role::hospital, "340100", h1, {menu::ivd_fill});
    hosp2 = make_actor(db, "H2", Role::hospital, "340100", h2, {menu::ivd_fill});
    hosp3 = make_actor(db, "H3", Role::hospital, "340200", h3, {menu::ivd_fill});
    hosp4 = make_actor(db, "H4", Role::hospital, "340099", h4, {menu::ivd_fill});
    hosp5 = make_actor(db, "H5", Role::hospital, "320100", h5, {menu::ivd_fill});
    if (with_project) project_id = make_project();
  }

  int64_t now() const { return env.clock.t; }

  ProjectInput project_input() const {
    ProjectInput in;
    in.name = "2026年度体外诊断试剂报量";
    in.year = 2026;
    in.description = "测试项目";
    in.threshold_percent = 30;
    in.fill_start = now() - kDay;
    in.fill_end = now() + 10 * kDay;
    in.city_review_end = now() + 20 * kDay;
    in.province_review_end = now() + 30 * kDay;
    in.provinces = std::vector<std::string>{"320000", "340000"};
    return in;
  }

  int64_t make_project() {
    auto p = create_project(db, svc, super_admin, project_input());
    REQUIRE(p.ok());
    auto counts = import_catalog_csv(db, svc, super_admin, p->id, kCatalogCsv);
    if (!counts) FAIL(counts.error().code << " " << counts.error().message_en);
    REQUIRE(counts->inserted == 8);
    return p->id;
  }

  Project project() {
    auto p = load_project(db, project_id);
    REQUIRE(p.ok());
    return *p;
  }

  SheetHeader sheet(int64_t hospital) {
    auto h = load_sheet_header(db, project_id, hospital);
    REQUIRE(h.ok());
    return *h;
  }
  CityReport city(const std::string& code) {
    auto c = load_city_report(db, project_id, code);
    REQUIRE(c.ok());
    return *c;
  }
  ProvinceReport province(const std::string& code) {
    auto r = load_province_report(db, project_id, code);
    REQUIRE(r.ok());
    return *r;
  }

  int64_t upload(const Actor& a, const std::string& bytes, const std::string& name = "f.pdf") {
    auto f = register_upload(db, a, bytes, name, now());
    REQUIRE(f.ok());
    return f->id;
  }

  // A valid draft: S001 (C1) 100 -> 110, S004 (C2) 0 -> 0 with instrument 是.
  SheetPatch valid_lines(int64_t revision) {
    SheetPatch p;
    p.revision = revision;
    p.lines.push_back({"S001", "100", "110", Instrument::yes, ""});
    p.lines.push_back({"S004", "50", "50", Instrument::yes, ""});
    return p;
  }

  // Fills and submits hospital `a`'s sheet with valid data and both uploads.
  SheetHeader fill_and_submit(const Actor& a) {
    const int64_t hid = *a.institution_id;
    SheetPatch p = valid_lines(sheet(hid).revision);
    p.contact_name = "张三";
    p.contact_phone = "13812345678";
    p.commitment_letter = std::optional<int64_t>(upload(a, pdf_bytes("commit")));
    p.demand_attachment = std::optional<int64_t>(upload(a, png_bytes(), "scan.png"));
    auto r = submit_sheet(db, svc, a, project_id, p);
    if (!r) FAIL(r.error().code << " " << r.error().message_en << " " << r.error().details.dump());
    REQUIRE(r->header.status == sheet_status::submitted);
    return r->header;
  }

  SheetHeader approve(const Actor& city_admin, int64_t hospital) {
    auto r = review_hospital(db, svc, city_admin, project_id, hospital, sheet(hospital).revision, Decision::approve, "");
    if (!r) FAIL(r.error().code);
    return *r;
  }

  // Both 合肥 hospitals submitted and approved, then 合肥 submits to the province.
  CityReport hefei_submitted() {
    fill_and_submit(hosp1);
    fill_and_submit(hosp2);
    approve(city_hf, h1);
    approve(city_hf, h2);
    auto c = submit_city(db, svc, city_hf, project_id, "340100", city("340100").revision);
    if (!c) FAIL(c.error().code << " " << c.error().details.dump());
    return *c;
  }

  // Every 安徽 city (合肥, 芜湖, 省本级) submitted and approved by the province.
  void anhui_cities_approved() {
    hefei_submitted();
    fill_and_submit(hosp3);
    approve(city_wh, h3);
    REQUIRE(submit_city(db, svc, city_wh, project_id, "340200", city("340200").revision).ok());
    REQUIRE(exclude_hospital(db, svc, sbj_ah, project_id, h4, sheet(h4).revision).ok());
    REQUIRE(submit_city(db, svc, sbj_ah, project_id, "340099", city("340099").revision).ok());
    for (const char* c : {"340100", "340200", "340099"})
      REQUIRE(review_city(db, svc, prov_ah, project_id, c, city(c).revision, Decision::approve, "").ok());
  }

  int64_t count(const std::string& sql) {
    auto st = db.prepare(sql);
    REQUIRE(st.ok());
    auto r = st->step();
    REQUIRE(r.ok());
    return st->col_int(0);
  }
};

}  // namespace ivd::test
