// 报量项目配置: the project list (IVD manual 报量项目配置 2: 查询; 3: 新增; 4: 统一配置). The list loads
// when the menu opens (the manual's 查询 narrows it); a project's page is the route view=project.
// [SECTION] dispatch
// [SECTION] query form
// [SECTION] table
// [SECTION] requests
#include "web/screens/ivd/config_screen.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/base/civil_time.hpp"
#include "core/ivd/common.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/list_widgets.hpp"
#include "web/replies.hpp"
#include "web/screens/ivd/config_table.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;
using list_ui::kControlHeight;

// [SECTION] dispatch

void ConfigScreen::draw(App& app, const Route& route) {
  if (route.param("view") == "project" && route.int_param("project") > 0)
    draw_project(app, route.int_param("project"), route);
  else
    draw_list(app);
  const DialogOutcome o = form_dialog_.draw(app);
  if (o.done) {
    notice_ = project_notice_ = o.notice;
    if (pid_ > 0) load_project(app, pid_);
    search(app, page_);
  }
  import_report_.draw(app);
}

void ConfigScreen::draw_list(App& app) {
  if (!loaded_ && !loading_) search(app, 1);
  const float w = ImGui::GetContentRegionAvail().x;
  draw_query(app, w);
  ImGui::Dummy(px(0, 4));
  const float h = std::max(px(300), ImGui::GetContentRegionAvail().y - px(4));
  widgets::begin_card("##config.results", ImGui::GetCursorScreenPos(), w, 20.0f, h);
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  if (widgets::primary_button(app.label("web.config.add", "config.add").c_str(), px(96), kControlHeight)) {
    notice_.clear();
    form_dialog_.open_add();
  }
  list_ui::total_text_right(right, app.tf("web.config.total", {std::to_string(total_)}), "config.total");
  list_ui::show_notice(notice_, app.lang, "config.notice");
  list_ui::show_error(error_, app.lang, "config.error");
  draw_table(app, list_ui::table_height(true));
  if (const int p = list_ui::pager(app, "config.list", page_, &page_size_, total_, loading_)) {
    page_ = p;
    search(app, page_);
  }
  widgets::end_card();
}

// [SECTION] query form

void ConfigScreen::draw_query(App& app, float width) {
  widgets::FormGrid grid = list_ui::begin_query("##config.query", width);
  bool entered = list_ui::query_text(grid, app.t("web.config.q.name"), "##config.q.name",
                                     app.t("web.config.q.name_hint"), &form_.name);
  entered |= list_ui::query_text(grid, app.t("web.config.q.year"), "##config.q.year", app.t("web.config.f.year_hint"),
                                 &form_.year, ImGuiInputTextFlags_CharsDecimal);
  std::vector<widgets::ComboOption> statuses = {{"", std::string(app.t("web.config.all"))}};
  for (const char* s : {project_status::not_started, project_status::running, project_status::ended})
    statuses.push_back({s, std::string(app.t(status_label_id("project", s)))});
  list_ui::query_combo(grid, app.t("web.config.q.status"), "##config.q.status", statuses, &form_.status,
                       app.t("web.config.all"));
  const list_ui::QueryAction a = list_ui::end_query(grid, entered, app.label("web.config.search", "config.search"),
                                                    app.label("web.config.reset", "config.reset"));
  if (a.apply(form_)) {
    notice_.clear();
    sent_ = form_;
    search(app, 1);
  }
}

// [SECTION] table

void ConfigScreen::draw_table(App& app, float height) {
  const std::string configure = app.label("web.config.configure", "x");
  const std::string open = app.label("web.config.open", "x");
  const float actions_w = ImGui::CalcTextSize(configure.c_str(), nullptr, true).x +
                          ImGui::CalcTextSize(open.c_str(), nullptr, true).x + px(30);
  if (list_ui::begin_table("##config.table", 7, height)) {
    list_ui::scroll_to_top(&scroll_top_);
    list_ui::setup_columns(app, {{"web.config.col.name", 2.2f},
                                 {"web.config.col.year", 0.5f},
                                 {"web.config.col.status", 0.7f},
                                 {"web.config.col.threshold", 0.7f},
                                 {"web.config.col.fill", 1.9f},
                                 {"web.config.col.provinces", 0.6f},
                                 list_ui::fixed_column("web.config.col.actions", actions_w)});
    for (const ProjectOnWire& w : rows_) {
      const Project& p = w.project;
      const std::string id = std::to_string(p.id);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      widgets::cell_text(p.name);
      ImGui::TableNextColumn();
      widgets::cell_text(std::to_string(p.year));
      ImGui::TableNextColumn();
      admin_ui::status_cell(app, "project", w.status, ("config.status." + id).c_str());
      ImGui::TableNextColumn();
      widgets::cell_text(admin_ui::number_text(p.threshold_percent) + "%");
      ImGui::TableNextColumn();
      widgets::cell_text(format_cst(p.times.fill_start).substr(0, 16) + " ~ " + format_cst(p.times.fill_end).substr(0, 16));
      ImGui::TableNextColumn();
      widgets::cell_text(std::to_string(p.provinces.size()));
      ImGui::TableNextColumn();
      if (widgets::text_button(app.label("web.config.open", "config.open." + id).c_str(), theme::kPrimary)) {
        notice_.clear();
        app.navigate(Route{"ivd.config", {{"view", "project"}, {"project", id}}});
      }
      ImGui::SameLine(0, px(14));
      if (widgets::text_button(app.label("web.config.configure", "config.configure." + id).c_str(), theme::kPrimary)) {
        notice_.clear();
        form_dialog_.open_configure(w);
      }
    }
    list_ui::end_table();
    if (rows_.empty())
      list_ui::empty_table_message(app.t(loading_ ? "web.config.loading" : "web.config.empty"), "config.empty");
  }
}

// [SECTION] requests

void ConfigScreen::search(App& app, int page) {
  loading_ = true;
  error_.clear();
  const int req = ++request_;
  const std::string path = with_query("/ivd/projects", {{"name", sent_.name},
                                                        {"year", sent_.year},
                                                        {"status", sent_.status},
                                                        {"page", std::to_string(std::max(1, page))},
                                                        {"page_size", std::to_string(page_size_)}});
  app.request("GET", path, nullptr, [this, req, &app](const ApiReply& r) {
    if (!accept_reply(app, r, req == request_, &loading_, &loaded_, &error_)) return;
    total_ = json_field::integer(r.body, "total");
    page_ = static_cast<int>(json_field::integer(r.body, "page", 1));
    rows_.clear();
    for (const auto& it : json_field::array(r.body, "items")) rows_.push_back(it.get<ProjectOnWire>());
    scroll_top_ = true;
  });
}

}  // namespace ivd::web
