// [SECTION] loading: GET /ivd/home each time the home is opened
// [SECTION] drawing: the account card, then one card per running project with its tasks
#include "web/screens/home_screen.hpp"

#include <imgui.h>

#include "core/base/civil_time.hpp"
#include "web/app.hpp"
#include "web/replies.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

// [SECTION] loading

void HomeScreen::load(App& app) {
  loading_ = true;
  error_.clear();
  const int req = ++request_;
  app.request("GET", "/ivd/home", nullptr, [this, req, &app](const ApiReply& r) {
    if (!accept_reply(app, r, req == request_, &loading_, &loaded_, &error_)) return;
    summary_ = r.body.get<HomeSummary>();
  });
}

// [SECTION] drawing

void HomeScreen::draw(App& app) {
  const int frame = ImGui::GetFrameCount();
  if (frame - last_frame_ > 1 && !loading_) load(app);  // opened (again): what is due may have changed
  last_frame_ = frame;

  const float w = ImGui::GetContentRegionAvail().x;
  draw_account(app, w);
  ImGui::Dummy(px(0, 6));

  widgets::text(app.t("web.home.projects"), theme::kFontTitle - 2);
  ImGui::Dummy(px(0, 2));
  if (!error_.empty()) {
    widgets::error_box(error_.text(app.lang));
    widgets::expose("home.error", error_.text(app.lang));
    return;
  }
  if (!loaded_) {
    widgets::text(app.t("web.home.loading"), 0, theme::kTextMuted);
    return;
  }
  if (summary_.projects.empty()) {
    widgets::info_box(app.t("web.home.no_projects"));
    widgets::expose("home.none", app.t("web.home.no_projects"));
    return;
  }
  for (const HomeProject& p : summary_.projects) {
    draw_project(app, p);
    ImGui::Dummy(px(0, 6));
  }
}

void HomeScreen::draw_account(App& app, float width) {
  const Actor& u = app.actor();
  widgets::begin_card("##home.account", ImGui::GetCursorScreenPos(), width, 22.0f);
  widgets::text(app.tf("web.main.welcome", {u.name.empty() ? u.username : u.name}), theme::kFontTitle);
  std::string line = std::string(app.role_title(u.role));
  if (!u.institution_name.empty()) line += "  ·  " + u.institution_name;
  line += "  ·  " + u.username;
  widgets::text(line, theme::kFontSmall, theme::kTextMuted);
  widgets::end_card();
}

void HomeScreen::draw_project(App& app, const HomeProject& p) {
  const std::string id = "##home.project." + std::to_string(p.id);
  widgets::begin_card(id.c_str(), ImGui::GetCursorScreenPos(), ImGui::GetContentRegionAvail().x, 22.0f);
  widgets::text(p.name, theme::kFontTitle - 2);
  {
    const std::string phase(app.t("ivd.project_phase." + p.phase.phase));
    const std::string line =
        p.phase.phase_end > 0
            ? app.tf("web.home.phase_line", {phase, std::to_string(p.phase.days_left), format_cst(p.phase.phase_end).substr(0, 16)})
            : app.tf("web.home.phase_ended", {phase});
    widgets::text(line, theme::kFontSmall + 0.5f, theme::kPrimary);
    widgets::expose(("home.phase." + std::to_string(p.id)).c_str(), line);
  }
  ImGui::Dummy(px(0, 4));
  for (const HomeTask& t : p.tasks) {
    const std::string key = std::to_string(p.id) + "." + t.kind;
    ImGui::Separator();
    ImGui::Dummy(px(0, 2));
    // The task, its status and the link to the screen that acts on it, on one line; the reason below.
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float dot = px(4);
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(start.x + dot, start.y + ImGui::GetTextLineHeight() * 0.5f), dot,
                                                t.due ? theme::kError : theme::kTextMuted);
    ImGui::SetCursorScreenPos(ImVec2(start.x + px(16), start.y));
    const std::string text = app.tf("ivd.home.task." + t.kind, {std::to_string(t.count)});
    widgets::text(text, 0, t.due ? theme::kText : theme::kTextMuted);
    widgets::expose(("home.task_text." + key).c_str(), text);
    if (!t.status_label.empty()) {
      ImGui::SameLine(0, px(12));
      widgets::text(app.t(t.status_label), theme::kFontSmall + 0.5f, t.due ? theme::kError : theme::kSuccess);
    }
    ImGui::SameLine(0, px(16));
    const std::string link = app.label(t.due ? "web.home.open" : "web.home.view", "home.open." + key);
    if (widgets::text_button(link.c_str(), theme::kPrimary)) app.navigate(Route{t.menu, t.params});
    if (!t.reason.empty()) {
      ImGui::SetCursorPosX(ImGui::GetCursorPosX() + px(16));
      const std::string reason = app.tf("web.home.reason", {t.reason});
      widgets::text_wrapped(reason, theme::kFontSmall + 0.5f, theme::kError);
      widgets::expose(("home.reason." + key).c_str(), reason);
    }
    ImGui::Dummy(px(0, 2));
  }
  widgets::end_card();
}

}  // namespace ivd::web
