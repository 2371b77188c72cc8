// 首页 (core/ivd/home.hpp, GET /ivd/home): the phase of a running project and the days left in it,
// and per role what is due, within the actor's own scope only.
#include <optional>
#include "core/ivd/home.hpp"
#include "core/ivd/ivd_routes.hpp"
#include "tests/unit/test_ivd_support.hpp"

using namespace ivd;
using namespace ivd::test;

namespace {

HomeSummary home_of(World& w, const Actor& a) {
  auto s = home_summary(w.db, w.svc, a);
  if (!s) FAIL(s.error().code);
  return *s;
}

// A copy, so that it may be taken from a summary that is a temporary.
std::optional<HomeTask> task_of(const HomeSummary& s, std::string_view kind) {
  if (s.projects.size() != 1) return std::nullopt;
  for (const auto& t : s.projects[0].tasks)
    if (t.kind == kind) return t;
  return std::nullopt;
}

}  // namespace

TEST_CASE("project phase: from the times, with whole days left rounded up", "[ivd][home]") {
  const ProjectTimes t{1000 * kDay, 1010 * kDay, 1020 * kDay, 1030 * kDay};
  CHECK(project_phase_at(t, 999 * kDay) == PhaseAt{project_phase::not_started, 1000 * kDay, 1});
  CHECK(project_phase_at(t, 1000 * kDay) == PhaseAt{project_phase::filling, 1010 * kDay, 10});
  CHECK(project_phase_at(t, 1009 * kDay + 1) == PhaseAt{project_phase::filling, 1010 * kDay, 1});
  CHECK(project_phase_at(t, 1010 * kDay) == PhaseAt{project_phase::city_review, 1020 * kDay, 10});
  CHECK(project_phase_at(t, 1025 * kDay) == PhaseAt{project_phase::province_review, 1030 * kDay, 5});
  CHECK(project_phase_at(t, 1030 * kDay) == PhaseAt{project_phase::ended, 0, 0});
}

TEST_CASE("home of a hospital: its own sheet only, to fill, then to fix with the reason", "[ivd][home]") {
  World w;
  HomeSummary s = home_of(w, w.hosp1);
  REQUIRE(s.projects.size() == 1);
  CHECK(s.projects[0].id == w.project_id);
  CHECK(s.projects[0].phase.phase == project_phase::filling);
  CHECK(s.projects[0].phase.days_left == 10);
  REQUIRE(s.projects[0].tasks.size() == 1);
  const std::optional<HomeTask> fill = task_of(s, home_task::fill_sheet);
  REQUIRE(fill);
  CHECK(fill->due);
  CHECK(fill->menu == menu::ivd_fill);
  CHECK(fill->params == std::map<std::string, std::string>{{"project", std::to_string(w.project_id)}, {"view", "sheet"}});

  // 合肥 rejects H1: H1 sees the reason and the link to the sheet; H2 (same city) sees only its own.
  w.fill_and_submit(w.hosp1);
  CHECK(task_of(home_of(w, w.hosp1), home_task::sheet_status));
  auto r = review_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h1, w.sheet(w.h1).revision, Decision::reject,
                           "增幅超过阈值未说明");
  REQUIRE(r.ok());
  s = home_of(w, w.hosp1);
  const std::optional<HomeTask> fix = task_of(s, home_task::fix_sheet);
  REQUIRE(fix);
  CHECK(fix->reason == "增幅超过阈值未说明");
  CHECK(fix->status_label == "ivd.sheet_status.rejected");
  CHECK(fix->params.at("view") == "sheet");
  const HomeSummary other = home_of(w, w.hosp2);
  CHECK_FALSE(task_of(other, home_task::fix_sheet));
  CHECK(task_of(other, home_task::fill_sheet));
  for (const auto& t : other.projects[0].tasks) CHECK(t.reason.empty());
}

TEST_CASE("home of a city: sheets of its own city to review", "[ivd][home]") {
  World w;
  w.fill_and_submit(w.hosp1);
  w.fill_and_submit(w.hosp2);
  w.fill_and_submit(w.hosp3);  // 芜湖
  w.fill_and_submit(w.hosp4);  // 省本级
  const std::optional<HomeTask> hf = task_of(home_of(w, w.city_hf), home_task::review_sheets);
  REQUIRE(hf);
  CHECK(hf->count == 2);
  CHECK(hf->due);
  CHECK(hf->menu == menu::ivd_review);
  CHECK(hf->params == std::map<std::string, std::string>{{"project", std::to_string(w.project_id)}});
  CHECK(task_of(home_of(w, w.city_wh), home_task::review_sheets)->count == 1);
  CHECK(task_of(home_of(w, w.sbj_ah), home_task::review_sheets)->count == 1);
  const std::optional<HomeTask> nj = task_of(home_of(w, w.city_nj), home_task::review_sheets);
  REQUIRE(nj);
  CHECK(nj->count == 0);
  CHECK_FALSE(nj->due);
  w.approve(w.city_hf, w.h1);
  CHECK(task_of(home_of(w, w.city_hf), home_task::review_sheets)->count == 1);
}

TEST_CASE("home of a province and of the super admin: cities and provinces submitted", "[ivd][home]") {
  World w;
  CHECK(task_of(home_of(w, w.prov_ah), home_task::review_cities)->count == 0);
  w.hefei_submitted();
  const std::optional<HomeTask> ah = task_of(home_of(w, w.prov_ah), home_task::review_cities);
  REQUIRE(ah);
  CHECK(ah->count == 1);
  CHECK(ah->menu == menu::ivd_review);
  CHECK(task_of(home_of(w, w.prov_js), home_task::review_cities)->count == 0);  // not its province
  const std::optional<HomeTask> nat = task_of(home_of(w, w.super_admin), home_task::provinces_submitted);
  REQUIRE(nat);
  CHECK(nat->count == 0);
  CHECK(nat->menu == menu::ivd_national);
}

TEST_CASE("home: no projects for a province that does not take part, nor without an IVD menu", "[ivd][home]") {
  World w;
  Actor enterprise = w.hosp1;
  enterprise.role = Role::enterprise;
  enterprise.menus = {};
  CHECK(home_of(w, enterprise).projects.empty());
  Actor outsider = w.city_nj;
  outsider.region_code = "440100";
  CHECK(home_of(w, outsider).projects.empty());
}

TEST_CASE("GET /ivd/home answers the summary, and its wire type reads back", "[ivd][home][api]") {
  World w;
  Api api{w.db, w.svc};
  register_ivd_routes(api);
  api.set_session_resolver([&](Db&, Services&, const std::string&) -> Result<Actor> { return w.hosp1; });
  const ApiResponse r = api.handle({"GET", "/ivd/home", "", {}, "t"});
  REQUIRE(r.status == 200);
  const HomeSummary s = r.body.get<HomeSummary>();
  CHECK(s == home_of(w, w.hosp1));
  REQUIRE(s.projects.size() == 1);
  CHECK(r.body["projects"][0]["phase_end_text"].get<std::string>().size() == 19);
}
