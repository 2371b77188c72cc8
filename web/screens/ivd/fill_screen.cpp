#include "web/screens/ivd/fill_screen.hpp"

#include <imgui.h>

#include "core/api/actor.hpp"
#include "core/ivd/sheet/sheet_rules.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

Route fill_route(int64_t project_id, std::string view) {
  return Route{std::string(menu::ivd_fill), {{"view", std::move(view)}, {"project", std::to_string(project_id)}}};
}

void FillScreen::draw(App& app, const Route& route) {
  const std::string view = route.param("view");
  const int64_t pid = route.int_param("project");
  if (view != last_view_ || pid != last_project_) {
    last_view_ = view;
    last_project_ = pid;
    if (view == "submit") submit_.reopen();
    else if (view == "status") status_.reopen();
    else if (view.empty() || view == "list") list_.refresh();
  }
  if (view.empty() || view == "list" || pid <= 0) {
    list_.draw(app, project_names_);
    return;
  }
  if (view == "sheet") {
    draw_header(app, pid, "web.fill.crumb.sheet");
    // What the sheet is asked to focus (a jump from the 提交 page's list), for tests and the curious.
    if (!route.param("serial").empty())
      widgets::expose("fill.sheet.focus", route.param("serial") + ":" + route.param("field"));
    SheetScreen& sheet = app.main_frame.ivd.sheet;
    sheet.draw(app, SheetTarget{pid, 0, false});
    focus_routed_cell(sheet, route);
  } else if (view == "submit") {
    draw_header(app, pid, "web.fill.crumb.submit");
    submit_.draw(app, pid, route);
  } else if (view == "status") {
    draw_header(app, pid, "web.fill.crumb.status");
    status_.draw(app, pid);
  } else {
    app.navigate(Route{std::string(menu::ivd_fill), {}}, true);  // an unknown view: the list
  }
}

// A route naming serial=<流水号>&field=<field> (a jump from the 提交 page) puts the sheet's cursor on
// that cell once the sheet is loaded; the clerk may move on from there without being pulled back.
void FillScreen::focus_routed_cell(SheetScreen& sheet, const Route& route) {
  const std::string key = route.param("serial") + ":" + route.param("field");
  if (route.param("serial").empty()) {
    jumped_to_.clear();
    return;
  }
  if (key == jumped_to_ || !sheet.loaded()) return;
  jumped_to_ = key;
  sheet.jump_to(route.param("serial"), parse_field_name(route.param("field")).value_or(SheetField::demand));
}

void FillScreen::draw_header(App& app, int64_t project_id, std::string_view view_text_id) {
  if (widgets::text_button(app.label("web.fill.back", "fill.back").c_str(), theme::kPrimary))
    app.navigate(Route{std::string(menu::ivd_fill), {}});
  ImGui::SameLine(0, px(10));
  widgets::text("/", 0, theme::kTextMuted);
  ImGui::SameLine(0, px(10));
  const std::string& name = project_name(app, project_id);
  widgets::text(name, 0, theme::kText);
  widgets::expose("fill.header.project", name);
  ImGui::SameLine(0, px(10));
  widgets::text("/", 0, theme::kTextMuted);
  ImGui::SameLine(0, px(10));
  widgets::text(app.t(view_text_id), 0, theme::kText);
  widgets::expose("fill.header.view", app.t(view_text_id));
  ImGui::Dummy(px(0, 4));
}

const std::string& FillScreen::project_name(App& app, int64_t project_id) {
  auto it = project_names_.find(project_id);
  if (it != project_names_.end()) return it->second;
  if (!name_requested_[project_id]) {  // a deep link: ask once
    name_requested_[project_id] = true;
    app.request("GET", "/ivd/projects/" + std::to_string(project_id), nullptr, [this, project_id](const ApiReply& r) {
      if (r.ok()) project_names_[project_id] = json_field::str(r.body, "name");
    });
  }
  static const std::string none = "…";
  return none;
}

}  // namespace ivd::web
