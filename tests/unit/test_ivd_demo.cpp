// The IVD demo generator: one running project, a realistic catalog, sheets in every status.
#include "core/demo/org_demo.hpp"
#include "core/ivd/aggregates.hpp"
#include "core/demo/ivd_demo.hpp"
#include "tests/unit/test_ivd_support.hpp"

using namespace ivd;
using namespace ivd::test;

namespace {
std::set<std::string> column_values(Db& db, const std::string& sql) {
  std::set<std::string> out;
  auto st = db.prepare(sql);
  REQUIRE(st.ok());
  for (;;) {
    auto r = st->step();
    REQUIRE(r.ok());
    if (!*r) break;
    out.insert(st->col_text(0));
  }
  return out;
}

std::string fingerprint(Db& db, int64_t project) {
  std::string out;
  auto st = db.prepare(
      "SELECT (SELECT group_concat(serial || cert || product_name, ';') FROM ivd_catalog WHERE project_id = ?1), "
      "(SELECT group_concat(status || last_year_total || '/' || demand_total, ';') FROM ivd_sheets WHERE project_id = ?1)");
  REQUIRE(st.ok());
  st->bind(1, project);
  REQUIRE(*st->step());
  return st->col_text(0) + "|" + st->col_text(1);
}
}  // namespace

TEST_CASE("the IVD demo fills a running project with a catalog and sheets at every stage", "[ivd][demo]") {
  TestEnv env;
  REQUIRE(seed_demo(env.db, env.services).ok());
  IvdDemoReport report;
  auto s = seed_ivd_demo(env.db, env.services, {}, &report);
  if (!s) FAIL(s.error().code << " " << s.error().message_en);
  REQUIRE(report.created);
  auto project = load_project(env.db, report.project_id);
  REQUIRE(project.ok());
  CHECK(std::string(project_status_at(project->times, env.clock.now())) == project_status::running);
  CHECK(project->provinces.size() == 31);

  CHECK(report.catalog_rows == 2000);
  CHECK(*catalog_size(env.db, report.project_id) == 2000);
  CHECK(column_values(env.db, "SELECT cert FROM ivd_catalog").size() == 800);
  CHECK(column_values(env.db, "SELECT category FROM ivd_catalog").size() >= 5);
  CHECK(report.sheets >= 3000);
  CHECK(report.lines > 50000);
  CHECK(report.files.size() == 4);

  CHECK(column_values(env.db, "SELECT status FROM ivd_sheets") ==
        std::set<std::string>{"not_filled", "draft", "submitted", "approved", "rejected", "not_required"});
  CHECK(column_values(env.db, "SELECT status FROM ivd_city_reviews") ==
        std::set<std::string>{"pending", "submitted", "approved", "rejected"});
  CHECK(column_values(env.db, "SELECT status FROM ivd_province_reviews") ==
        std::set<std::string>{"pending", "submitted", "withdrawn"});

  // The totals kept match a recount, and what is submitted passes every rule.
  auto kept = maintained_totals(env.db, report.project_id);
  auto recount = recounted_totals(env.db, report.project_id);
  REQUIRE(kept.ok());
  CHECK(kept->cities == recount->cities);
  CHECK(kept->provinces == recount->provinces);
  CHECK(kept->certs == recount->certs);
  auto st = env.db.prepare(
      "SELECT hospital_id FROM ivd_sheets WHERE project_id = ? AND status IN ('submitted', 'approved') LIMIT 60");
  st->bind(1, report.project_id);
  int checked = 0;
  for (;;) {
    auto r = st->step();
    REQUIRE(r.ok());
    if (!*r) break;
    auto h = load_sheet_header(env.db, report.project_id, st->col_int(0));
    REQUIRE(h.ok());
    auto rep = validate_stored_sheet(env.db, *project, *h, SheetMode::submit);
    REQUIRE(rep.ok());
    CHECK(rep->errors == 0);
    ++checked;
  }
  CHECK(checked == 60);
  // Every review stage has its history.
  CHECK(env.db.prepare("SELECT 1 FROM events WHERE entity = 'ivd_province' AND action = 'withdraw'")->step().value());

  // A second run changes nothing.
  IvdDemoReport again;
  REQUIRE(seed_ivd_demo(env.db, env.services, {}, &again).ok());
  CHECK_FALSE(again.created);
  CHECK(again.project_id == report.project_id);
}

TEST_CASE("the IVD demo is deterministic", "[ivd][demo]") {
  IvdDemoOptions small;
  small.serials = 200;
  small.certificates = 80;
  small.min_lines = 3;
  small.max_lines = 8;
  std::string first, second;
  for (std::string* out : {&first, &second}) {
    TestEnv env;
    REQUIRE(seed_demo(env.db, env.services).ok());
    IvdDemoReport report;
    REQUIRE(seed_ivd_demo(env.db, env.services, small, &report).ok());
    *out = fingerprint(env.db, report.project_id);
  }
  CHECK(first == second);
  CHECK(first.size() > 1000);
  CHECK(first.find("approved") != std::string::npos);
}

TEST_CASE("the IVD demo needs hospitals", "[ivd][demo]") {
  TestEnv env;
  auto s = seed_ivd_demo(env.db, env.services);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == "ivd.demo.no_hospitals");
}
