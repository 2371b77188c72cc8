// [SECTION] dispatch by route and review level
// [SECTION] the trail (项目 › 城市 › 医疗机构)
// [SECTION] the projects to pick from
#include "web/screens/ivd/review_screen.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/base/civil_time.hpp"
#include "core/ivd/scope.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/list_widgets.hpp"
#include "web/replies.hpp"
#include "web/screens/ivd/review_common.hpp"
#include "web/screens/ivd/sheet_screen.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

// [SECTION] dispatch

void ReviewScreen::draw(App& app, const Route& route) {
  const ReviewLevel level = review_level(app.actor());
  if (level == ReviewLevel::none) {
    widgets::error_box(app.t("ivd.role.forbidden"));
    return;
  }
  const int64_t pid = route.int_param("project");
  if (pid <= 0) {
    draw_projects(app);
    return;
  }
  if (pid != project_id_) load_project(app, pid);
  draw_trail(app, route);
  // The city whose hospitals show: the city account's own region; for a province admin the city of the route.
  const std::string city = level == ReviewLevel::city ? app.actor().region_code : route.param("city");
  const int64_t hospital = route.int_param("hospital");
  if (route.param("view") == "sheet" && hospital > 0) {
    app.main_frame.ivd.sheet.draw(app, SheetTarget{pid, hospital, true});
    return;
  }
  if (level == ReviewLevel::city)
    hospitals_.draw(app, pid, city, /*own_view=*/true);
  else if (!city.empty())
    hospitals_.draw(app, pid, city, /*own_view=*/false);
  else
    cities_.draw(app, pid, app.actor().region_code);
}

void ReviewScreen::load_project(App& app, int64_t id) {
  project_id_ = id;
  project_name_.clear();
  const int req = ++request_;
  app.request("GET", "/ivd/projects/" + std::to_string(id), nullptr, [this, req](const ApiReply& r) {
    if (req != request_ || !r.ok()) return;
    project_name_ = json_field::str(r.body, "name");
  });
}

// [SECTION] the trail

void ReviewScreen::draw_trail(App& app, const Route& route) {
  const float gap = px(8);
  auto link = [&](const std::string& text, const char* id, const Route& to) {
    if (widgets::text_button((text + "##" + id).c_str(), theme::kPrimary)) app.navigate(to);
    ImGui::SameLine(0, gap);
    widgets::text("/", 0, theme::kTextMuted);
    ImGui::SameLine(0, gap);
  };
  const Route top{route.menu, {}};
  link(std::string(app.t("web.review.projects")), "review.trail.projects", top);
  const Route project = top.with("project", route.param("project"));
  const bool deeper = !route.param("city").empty() || route.param("view") == "sheet";
  if (deeper) link(project_name_.empty() ? route.param("project") : project_name_, "review.trail.project", project);
  if (!route.param("city").empty() && route.param("view") == "sheet")
    link(route.param("city"), "review.trail.city", project.with("city", route.param("city")).with("view", "hospitals"));
  // The current level, not a link.
  std::string here = project_name_;
  if (route.param("view") == "sheet")
    here = app.t("web.review.sheet");
  else if (!route.param("city").empty())
    here = app.t("web.review.city_hospitals");
  widgets::text(here, 0, theme::kText);
  ImGui::Dummy(px(0, 2));
}

// [SECTION] the projects

void ReviewScreen::load_projects(App& app) {
  projects_loading_ = true;
  projects_error_.clear();
  const int req = ++request_;
  app.request("GET", "/ivd/projects?page=1&page_size=100", nullptr, [this, req, &app](const ApiReply& r) {
    if (!accept_reply(app, r, req == request_, &projects_loading_, &projects_loaded_, &projects_error_)) return;
    try {
      std::vector<ProjectOnWire> list;
      for (const auto& it : json_field::array(r.body, "items")) list.push_back(it.get<ProjectOnWire>());
      projects_ = std::move(list);
    } catch (const std::exception&) {
      projects_error_ = Message::of("web.review.bad_reply");
    }
  });
}

void ReviewScreen::draw_projects(App& app) {
  if (!projects_loaded_ && !projects_loading_) load_projects(app);
  project_id_ = 0;  // the project of a later route is loaded afresh
  const float w = ImGui::GetContentRegionAvail().x;
  const float h = std::max(px(240), ImGui::GetContentRegionAvail().y - px(4));
  widgets::begin_card("##review.projects", ImGui::GetCursorScreenPos(), w, 18.0f, h);
  widgets::text(app.t("web.review.pick_project"), 0, theme::kTextMuted);
  if (!projects_error_.empty()) widgets::error_box(projects_error_.text(app.lang));
  if (list_ui::begin_table("##review.projects.table", 7, list_ui::table_height(false))) {
    list_ui::setup_columns(app, {{"web.review.col.project", 2.0f},
                                 {"web.review.col.year", 0.5f},
                                 {"web.review.col.project_status", 0.6f},
                                 {"web.review.col.fill_end", 1.1f},
                                 {"web.review.col.city_review_end", 1.1f},
                                 {"web.review.col.province_review_end", 1.1f},
                                 list_ui::fixed_column("web.review.col.actions",
                                                       list_ui::text_width(app.t("web.review.open")) + px(16))});
    for (const ProjectOnWire& p : projects_) {
      ImGui::TableNextRow();
      list_ui::cell(p.project.name);
      list_ui::cell(std::to_string(p.project.year));
      list_ui::cell(app.t("ivd.project_status." + p.status));
      list_ui::cell(format_cst(p.project.times.fill_end));
      list_ui::cell(format_cst(p.project.times.city_review_end));
      list_ui::cell(format_cst(p.project.times.province_review_end));
      ImGui::TableNextColumn();
      const std::string id = std::to_string(p.project.id);
      if (widgets::text_button(app.label("web.review.open", "review.project.open." + id).c_str(), theme::kPrimary)) {
        project_id_ = p.project.id;
        project_name_ = p.project.name;
        app.navigate(Route{app.route.menu, {{"project", id}}});
      }
    }
    list_ui::end_table();
  }
  if (projects_loaded_ && projects_.empty() && projects_error_.empty())
    widgets::text(app.t("web.review.no_projects"), 0, theme::kTextMuted);
  widgets::end_card();
}

}  // namespace ivd::web
