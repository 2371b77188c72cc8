// 报量项目配置 (SPEC §2.1; IVD manual 报量项目配置): create, 统一配置, query, derived status, time rules.
#include <algorithm>

#include "tests/unit/test_ivd_support.hpp"

using namespace ivd;
using namespace ivd::test;

TEST_CASE("the super admin creates a project and every hospital of its provinces gets a 未填报 sheet", "[ivd][project]") {
  World w;
  auto p = w.project();
  CHECK(p.name == "2026年度体外诊断试剂报量");
  CHECK(p.provinces == std::vector<std::string>{"320000", "340000"});
  CHECK(p.revision == 1);
  CHECK(std::string(project_status_at(p.times, w.now())) == project_status::running);
  CHECK(w.count("SELECT count(*) FROM ivd_sheets WHERE status = 'not_filled'") == 5);
  CHECK(w.count("SELECT count(*) FROM ivd_city_reviews") == 4);      // 合肥, 芜湖, 安徽省本级, 南京
  CHECK(w.count("SELECT count(*) FROM ivd_province_reviews") == 2);
  CHECK(w.city("340100").hospital_count == 2);
  CHECK(w.province("340000").hospital_count == 4);
  CHECK(w.count("SELECT count(*) FROM events WHERE entity = 'ivd_project' AND action = 'create'") == 1);
}

TEST_CASE("only the super admin with 报量项目配置 creates or configures projects", "[ivd][project]") {
  World w;
  auto r = create_project(w.db, w.svc, w.prov_ah, w.project_input());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "ivd.role.forbidden");
  CHECK(r.error().kind == ErrorKind::forbidden);
  Actor no_menu = w.super_admin;
  no_menu.menus.erase(menu::ivd_config);
  CHECK(create_project(w.db, w.svc, no_menu, w.project_input()).error().code == "ivd.role.forbidden");
  ProjectInput in;
  in.name = "x";
  CHECK(update_project(w.db, w.svc, w.city_hf, w.project_id, 1, in).error().code == "ivd.role.forbidden");
}

TEST_CASE("times out of order are refused with a message naming the bad pair", "[ivd][project]") {
  World w(false);
  struct Case {
    int field;
    const char* expected_field;
    const char* zh_pair;
  } cases[] = {{1, "fill_end", "“填报开始时间”必须早于“填报结束时间”"},
               {2, "city_review_end", "“填报结束时间”必须早于“市级审核截止时间”"},
               {3, "province_review_end", "“市级审核截止时间”必须早于“省级审核截止时间”"}};
  for (const auto& c : cases) {
    ProjectInput in = w.project_input();
    std::optional<int64_t>* slots[] = {&in.fill_start, &in.fill_end, &in.city_review_end, &in.province_review_end};
    *slots[c.field] = **slots[c.field - 1];  // equal is not increasing
    auto r = create_project(w.db, w.svc, w.super_admin, in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "ivd.project.time_order");
    CHECK(r.error().field == c.expected_field);
    CHECK(r.error().message_zh == c.zh_pair);
    const std::string& en = r.error().message_en;  // no Chinese label in the English message
    CHECK(std::none_of(en.begin(), en.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; }));
    CHECK(r.error().message_en.find("must be earlier than") != std::string::npos);
  }
  CHECK(w.count("SELECT count(*) FROM ivd_projects") == 0);
}

TEST_CASE("project fields are checked: year, threshold, provinces", "[ivd][project]") {
  World w(false);
  ProjectInput in = w.project_input();
  in.year = 1999;
  CHECK(create_project(w.db, w.svc, w.super_admin, in).error().code == "ivd.project.bad_year");
  in = w.project_input();
  in.threshold_percent = -1;
  CHECK(create_project(w.db, w.svc, w.super_admin, in).error().code == "ivd.project.bad_threshold");
  in = w.project_input();
  in.provinces = std::vector<std::string>{};
  CHECK(create_project(w.db, w.svc, w.super_admin, in).error().code == "ivd.project.no_province");
  in.provinces = std::vector<std::string>{"340100"};  // a city, not a province
  auto r = create_project(w.db, w.svc, w.super_admin, in);
  CHECK(r.error().code == "ivd.project.unknown_province");
  in = w.project_input();
  in.name.reset();
  CHECK(create_project(w.db, w.svc, w.super_admin, in).error().code == "request.missing_field");
}

TEST_CASE("the status is derived from the clock: 未开始, 执行中, 已结束", "[ivd][project]") {
  ProjectTimes t{1000, 2000, 3000, 4000};
  CHECK(std::string(project_status_at(t, 999)) == "not_started");
  CHECK(std::string(project_status_at(t, 1000)) == "running");
  CHECK(std::string(project_status_at(t, 3999)) == "running");
  CHECK(std::string(project_status_at(t, 4000)) == "ended");
}

TEST_CASE("the threshold can change while 未开始 but not once 执行中 or 已结束", "[ivd][project]") {
  World w(false);
  ProjectInput in = w.project_input();
  in.fill_start = w.now() + kDay;  // not started yet
  auto p = create_project(w.db, w.svc, w.super_admin, in);
  REQUIRE(p.ok());
  ProjectInput change;
  change.threshold_percent = 50;
  auto r = update_project(w.db, w.svc, w.super_admin, p->id, 1, change);
  REQUIRE(r.ok());
  CHECK(r->threshold_percent == 50);
  CHECK(r->revision == 2);

  w.env.clock.advance(2 * kDay);  // 执行中
  change.threshold_percent = 40;
  auto locked = update_project(w.db, w.svc, w.super_admin, p->id, 2, change);
  REQUIRE_FALSE(locked.ok());
  CHECK(locked.error().code == "ivd.project.threshold_locked");
  CHECK(locked.error().kind == ErrorKind::unprocessable);
  change.threshold_percent = 50;  // unchanged value is fine
  CHECK(update_project(w.db, w.svc, w.super_admin, p->id, 2, change).ok());

  w.env.clock.advance(60 * kDay);  // 已结束
  change.threshold_percent = 10;
  CHECK(update_project(w.db, w.svc, w.super_admin, p->id, 3, change).error().code == "ivd.project.threshold_locked");
}

TEST_CASE("times may move forward while running but never into the past", "[ivd][project]") {
  World w;
  Project p = w.project();
  ProjectInput in;
  in.fill_end = p.times.fill_end + kDay;  // extend filling
  auto r = update_project(w.db, w.svc, w.super_admin, w.project_id, p.revision, in);
  REQUIRE(r.ok());
  CHECK(r->times.fill_end == p.times.fill_end + kDay);

  in = {};
  in.fill_end = w.now() - 60;  // move the end of filling into the past
  auto past = update_project(w.db, w.svc, w.super_admin, w.project_id, r->revision, in);
  REQUIRE_FALSE(past.ok());
  CHECK(past.error().code == "ivd.project.time_in_past");
  CHECK(past.error().field == "fill_end");
  // Each message names the field in its own language.
  CHECK(past.error().message_zh == "“填报结束时间”不能修改为已经过去的时间");
  CHECK(past.error().message_en == "\"Filling ends\" cannot be changed to a time in the past");

  in = {};
  in.fill_start = w.now() - 2 * kDay;  // filling already began
  CHECK(update_project(w.db, w.svc, w.super_admin, w.project_id, r->revision, in).error().code ==
        "ivd.project.start_locked");

  // A phase that already ended (filling) may be reopened by moving its end into the future.
  w.env.clock.advance(12 * kDay);
  in = {};
  in.fill_end = w.now() + kDay;
  auto reopened = update_project(w.db, w.svc, w.super_admin, w.project_id, r->revision, in);
  REQUIRE(reopened.ok());
  // ...but not to another moment of the past.
  in.fill_end = w.now() - kDay;
  CHECK(update_project(w.db, w.svc, w.super_admin, w.project_id, reopened->revision, in).error().code ==
        "ivd.project.time_in_past");
}

TEST_CASE("a stale 统一配置 is refused with revision.stale and changes nothing", "[ivd][project]") {
  World w;
  ProjectInput in;
  in.name = "改名";
  REQUIRE(update_project(w.db, w.svc, w.super_admin, w.project_id, 1, in).ok());
  in.name = "再改名";
  auto r = update_project(w.db, w.svc, w.super_admin, w.project_id, 1, in);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "revision.stale");
  CHECK(r.error().kind == ErrorKind::conflict);
  CHECK(w.project().name == "改名");
}

TEST_CASE("provinces can be added at any time, removed only before the start", "[ivd][project]") {
  World w(false);
  ProjectInput in = w.project_input();
  in.fill_start = w.now() + kDay;
  in.provinces = std::vector<std::string>{"340000"};
  auto p = create_project(w.db, w.svc, w.super_admin, in);
  REQUIRE(p.ok());
  CHECK(w.count("SELECT count(*) FROM ivd_sheets") == 4);
  ProjectInput change;
  change.provinces = std::vector<std::string>{"320000", "340000"};
  auto added = update_project(w.db, w.svc, w.super_admin, p->id, 1, change);
  REQUIRE(added.ok());
  CHECK(w.count("SELECT count(*) FROM ivd_sheets") == 5);
  change.provinces = std::vector<std::string>{"320000"};
  auto removed = update_project(w.db, w.svc, w.super_admin, p->id, 2, change);
  REQUIRE(removed.ok());
  CHECK(w.count("SELECT count(*) FROM ivd_sheets") == 1);
  CHECK(w.count("SELECT count(*) FROM ivd_province_reviews") == 1);

  w.env.clock.advance(2 * kDay);
  change.provinces = std::vector<std::string>{"340000"};
  auto locked = update_project(w.db, w.svc, w.super_admin, p->id, 3, change);
  REQUIRE_FALSE(locked.ok());
  CHECK(locked.error().code == "ivd.project.province_locked");
}

TEST_CASE("projects are listed by name, year and status; others see only their province's", "[ivd][project]") {
  World w;
  ProjectInput in = w.project_input();
  in.name = "2027年度报量";
  in.year = 2027;
  in.fill_start = w.now() + kDay;
  in.provinces = std::vector<std::string>{"320000"};
  REQUIRE(create_project(w.db, w.svc, w.super_admin, in).ok());
  Page page;
  auto all = list_projects(w.db, w.super_admin, w.now(), {}, page);
  REQUIRE(all.ok());
  CHECK(all->total == 2);
  CHECK(all->items.front().year == 2027);  // newest first
  auto running = list_projects(w.db, w.super_admin, w.now(), {"", std::nullopt, "running"}, page);
  CHECK(running->total == 1);
  CHECK(list_projects(w.db, w.super_admin, w.now(), {"2027", std::nullopt, ""}, page)->total == 1);
  CHECK(list_projects(w.db, w.super_admin, w.now(), {"", 2026, ""}, page)->total == 1);
  CHECK(list_projects(w.db, w.hosp1, w.now(), {}, page)->total == 1);  // 安徽 takes part only in 2026
  CHECK(list_projects(w.db, w.hosp5, w.now(), {}, page)->total == 2);
  CHECK(list_projects(w.db, w.super_admin, w.now(), {"", std::nullopt, "bogus"}, page).error().code ==
        "request.bad_field");
  // A hospital of a province that does not take part does not see the project at all.
  auto other = load_visible_project(w.db, w.hosp1, all->items.front().id);
  CHECK(other.error().code == "ivd.project.not_found");
}

TEST_CASE("project times read as unix seconds or China Standard Time text", "[ivd][project]") {
  CHECK(format_cst(0) == "1970-01-01 08:00:00");
  CHECK(parse_cst("1970-01-01 08:00:00") == 0);
  CHECK(parse_cst("2026-06-01") == parse_cst("2026-06-01 00:00"));
  CHECK(format_cst(*parse_cst("2024-02-29 23:59:59")) == "2024-02-29 23:59:59");
  CHECK_FALSE(parse_cst("2025-02-29").has_value());
  CHECK_FALSE(parse_cst("2026-13-01").has_value());
  CHECK_FALSE(parse_cst("2026-06-01 24:00").has_value());
  CHECK_FALSE(parse_cst("tomorrow").has_value());
  auto in = project_input_from_json(
      {{"name", "n"}, {"fill_start", "2026-06-01 08:00"}, {"fill_end", 1800000000}, {"provinces", {"340000"}}});
  REQUIRE(in.ok());
  CHECK(*in->fill_start == *parse_cst("2026-06-01 08:00"));
  CHECK(*in->fill_end == 1800000000);
  auto bad = project_input_from_json({{"fill_end", "June"}});
  CHECK(bad.error().code == "ivd.time.bad_format");
  CHECK(bad.error().field == "fill_end");
}
