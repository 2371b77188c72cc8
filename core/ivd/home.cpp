#include "core/ivd/home.hpp"

#include "core/base/civil_time.hpp"
#include "core/ivd/aggregates.hpp"
#include "core/ivd/common.hpp"
#include "core/ivd/review.hpp"
#include "core/ivd/scope.hpp"
#include "core/ivd/sheet_store.hpp"

namespace ivd {

using nlohmann::json;

namespace {

constexpr int64_t kDaySeconds = 86400;

// A count of rows of one query with (project, code) bound.
Result<int64_t> count_of(Db& db, const char* sql, int64_t project_id, std::string_view code) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(sql));
  st.bind(1, project_id);
  if (!code.empty()) st.bind(2, std::string(code));
  IVD_ASSIGN_OR_RETURN(const bool found, st.step());
  return found ? st.col_int(0) : 0;
}

std::map<std::string, std::string> project_params(int64_t project_id, const char* view = nullptr) {
  std::map<std::string, std::string> p = {{"project", std::to_string(project_id)}};
  if (view) p["view"] = view;
  return p;
}

Result<std::vector<HomeTask>> hospital_tasks(Db& db, const Actor& a, const Project& p, const PhaseAt& phase) {
  std::vector<HomeTask> out;
  if (!a.holds(menu::ivd_fill) || !a.institution_id) return out;
  auto h = load_sheet_header(db, p.id, *a.institution_id);
  if (!h) return out;  // this hospital does not take part
  HomeTask t;
  t.count = 1;
  t.menu = menu::ivd_fill;
  t.status_label = std::string("ivd.sheet_status.") + h->status;
  if (h->status == sheet_status::rejected) {
    t.kind = home_task::fix_sheet;
    t.due = true;
    t.reason = h->review_reason;
    t.params = project_params(p.id, "sheet");
  } else if ((h->status == sheet_status::not_filled || h->status == sheet_status::draft) &&
             phase.phase == project_phase::filling) {
    t.kind = home_task::fill_sheet;
    t.due = true;
    t.params = project_params(p.id, "sheet");
  } else {
    t.kind = home_task::sheet_status;
    t.params = project_params(p.id, "status");
  }
  out.push_back(std::move(t));
  return out;
}

// A reviewer's first task: the submissions waiting for its review (count_sql, bound to the project and
// the reviewer's region), due when there is any.
Result<HomeTask> waiting_task(Db& db, const Actor& a, const Project& p, const char* kind, const char* count_sql) {
  IVD_ASSIGN_OR_RETURN(const int64_t n, count_of(db, count_sql, p.id, a.region_code));
  return HomeTask{kind, n, n > 0, "", "", menu::ivd_review, project_params(p.id)};
}

// The reviewer's own report sent back by the level above (status label, the reason written there).
HomeTask sent_back_task(const Project& p, const char* kind, const char* status_label, std::string reason) {
  return HomeTask{kind, 1, true, status_label, std::move(reason), menu::ivd_review, project_params(p.id)};
}

Result<std::vector<HomeTask>> city_tasks(Db& db, const Actor& a, const Project& p) {
  std::vector<HomeTask> out;
  if (!a.holds(menu::ivd_review)) return out;
  IVD_ASSIGN_OR_RETURN(HomeTask waiting, waiting_task(db, a, p, home_task::review_sheets,
                                                      "SELECT count(*) FROM ivd_sheets WHERE project_id = ? AND "
                                                      "city_code = ? AND status = 'submitted'"));
  out.push_back(std::move(waiting));
  if (auto c = load_city_report(db, p.id, a.region_code); c && c->status == city_status::rejected)
    out.push_back(sent_back_task(p, home_task::city_rejected, "ivd.city_status.rejected.own", c->review_reason));
  return out;
}

Result<std::vector<HomeTask>> province_tasks(Db& db, const Actor& a, const Project& p) {
  std::vector<HomeTask> out;
  if (!a.holds(menu::ivd_review)) return out;
  IVD_ASSIGN_OR_RETURN(HomeTask waiting, waiting_task(db, a, p, home_task::review_cities,
                                                      "SELECT count(*) FROM ivd_city_reviews WHERE project_id = ? AND "
                                                      "province_code = ? AND status = 'submitted'"));
  out.push_back(std::move(waiting));
  if (auto r = load_province_report(db, p.id, a.region_code); r && r->status == province_status::withdrawn)
    out.push_back(sent_back_task(p, home_task::province_withdrawn, "ivd.province_status.withdrawn", r->withdraw_reason));
  return out;
}

Result<std::vector<HomeTask>> national_tasks(Db& db, const Actor& a, const Project& p) {
  std::vector<HomeTask> out;
  if (!a.holds(menu::ivd_national)) return out;
  IVD_ASSIGN_OR_RETURN(const int64_t n,
                       count_of(db, "SELECT count(*) FROM ivd_province_reviews WHERE project_id = ? AND status = 'submitted'",
                                p.id, {}));
  out.push_back({home_task::provinces_submitted, n, n > 0, "", "", menu::ivd_national,
                 project_params(p.id)});
  return out;
}

}  // namespace

PhaseAt project_phase_at(const ProjectTimes& t, int64_t now) {
  PhaseAt p;
  if (now < t.fill_start) {
    p.phase = project_phase::not_started;
    p.phase_end = t.fill_start;
  } else if (now < t.fill_end) {
    p.phase = project_phase::filling;
    p.phase_end = t.fill_end;
  } else if (now < t.city_review_end) {
    p.phase = project_phase::city_review;
    p.phase_end = t.city_review_end;
  } else if (now < t.province_review_end) {
    p.phase = project_phase::province_review;
    p.phase_end = t.province_review_end;
  } else {
    p.phase = project_phase::ended;
    return p;
  }
  p.days_left = (p.phase_end - now + kDaySeconds - 1) / kDaySeconds;
  return p;
}

Result<HomeSummary> home_summary(Db& db, Services& svc, const Actor& actor) {
  HomeSummary out;
  if (!holds_any_ivd_menu(actor)) return out;
  const int64_t now = svc.clock.now();
  ProjectFilter f;
  f.status = project_status::running;
  IVD_ASSIGN_OR_RETURN(auto list, list_projects(db, actor, now, f, Page{1, 20}));
  for (const Project& p : list.items) {
    IVD_TRY(transaction(db, [&] { return ensure_project_rows(db, p.id, now); }));
    HomeProject hp{p.id, p.name, p.year, project_phase_at(p.times, now), {}};
    Result<std::vector<HomeTask>> tasks = std::vector<HomeTask>{};
    switch (actor.role) {
      case Role::hospital: tasks = hospital_tasks(db, actor, p, hp.phase); break;
      case Role::city_admin: tasks = city_tasks(db, actor, p); break;
      case Role::province_admin: tasks = province_tasks(db, actor, p); break;
      case Role::super_admin: tasks = national_tasks(db, actor, p); break;
      case Role::enterprise: break;
    }
    if (!tasks) return tasks.error();
    hp.tasks = std::move(*tasks);
    out.projects.push_back(std::move(hp));
  }
  return out;
}

// ---- the wire type ---------------------------------------------------------------------------------
void to_json(json& j, const HomeTask& t) {
  j = {{"kind", t.kind},     {"count", t.count}, {"due", t.due},       {"status_label", t.status_label},
       {"reason", t.reason}, {"menu", t.menu},   {"params", t.params}};
}

void from_json(const json& j, HomeTask& t) {
  t.kind = j.value("kind", "");
  t.count = j.value("count", int64_t{0});
  t.due = j.value("due", false);
  t.status_label = j.value("status_label", "");
  t.reason = j.value("reason", "");
  t.menu = j.value("menu", "");
  t.params = j.value("params", std::map<std::string, std::string>{});
}

void to_json(json& j, const HomeProject& p) {
  j = {{"id", p.id},
       {"name", p.name},
       {"year", p.year},
       {"phase", p.phase.phase},
       {"phase_end", p.phase.phase_end},
       {"phase_end_text", p.phase.phase_end ? format_cst(p.phase.phase_end) : std::string()},
       {"days_left", p.phase.days_left},
       {"tasks", p.tasks}};
}

void from_json(const json& j, HomeProject& p) {
  p.id = j.value("id", int64_t{0});
  p.name = j.value("name", "");
  p.year = j.value("year", int64_t{0});
  p.phase.phase = j.value("phase", "");
  p.phase.phase_end = j.value("phase_end", int64_t{0});
  p.phase.days_left = j.value("days_left", int64_t{0});
  p.tasks = j.value("tasks", std::vector<HomeTask>{});
}

void to_json(json& j, const HomeSummary& s) { j = {{"projects", s.projects}}; }
void from_json(const json& j, HomeSummary& s) { s.projects = j.value("projects", std::vector<HomeProject>{}); }

}  // namespace ivd
