#include "web/screens/ivd/fill_status.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/base/civil_time.hpp"
#include "core/ivd/common.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/list_widgets.hpp"
#include "web/replies.hpp"
#include "web/screens/ivd/fill_files.hpp"
#include "web/screens/ivd/fill_screen.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

void FillStatus::draw(App& app, int64_t project_id) {
  if (project_id != project_id_) {
    *this = FillStatus{};
    project_id_ = project_id;
  }
  if (!loaded_ && !loading_) load(app);
  const float w = ImGui::GetContentRegionAvail().x;
  list_ui::show_error(error_, app.lang, "fill.status.error");
  if (!sheet_) {
    if (error_.empty()) widgets::text(app.t("web.fill.loading"), 0, theme::kTextMuted);
    return;
  }
  const SheetHeader& h = sheet_->header;
  widgets::begin_card("##fill.status.card", ImGui::GetCursorScreenPos(), w, 20.0f);
  widgets::text(app.t("web.fill.status.current"), theme::kFontSmall + 0.5f, theme::kTextMuted);
  const std::string status(app.t("ivd.sheet_status." + h.status));
  widgets::text(status, theme::kFontTitle + 4, h.status == sheet_status::rejected ? theme::kError : theme::kPrimary);
  widgets::expose("fill.status.current", status);
  ImGui::Dummy(px(0, 2));
  widgets::text(app.tf("web.fill.status.summary",
                       {h.hospital_name, std::to_string(h.line_count), std::to_string(h.sums.last_year),
                        std::to_string(h.sums.demand)}),
                0, theme::kText);
  if (h.submitted_at)
    widgets::text(app.tf("web.fill.status.submitted_at", {format_cst(*h.submitted_at)}), theme::kFontSmall + 0.5f,
                  theme::kTextMuted);
  if (h.status == sheet_status::rejected) {
    ImGui::Dummy(px(0, 4));
    const std::string reason = app.tf("web.fill.status.reject_reason", {h.review_reason});
    widgets::error_box(reason);
    widgets::expose("fill.status.reject_reason", h.review_reason);
  }
  if (sheet_->editable) {
    ImGui::Dummy(px(0, 4));
    if (widgets::primary_button(app.label("web.fill.action.fill", "fill.status.to_sheet").c_str(), px(104), 32.0f))
      app.navigate(fill_route(project_id_, "sheet"));
    ImGui::SameLine(0, ImGui::GetStyle().ItemSpacing.x);
    if (widgets::secondary_button(app.label("web.fill.action.submit", "fill.status.to_submit").c_str(), px(104), 32.0f))
      app.navigate(fill_route(project_id_, "submit"));
  }
  widgets::end_card();
  ImGui::Dummy(px(0, 4));
  const float h_left = std::max(px(220), ImGui::GetContentRegionAvail().y - px(4));
  widgets::begin_card("##fill.status.events", ImGui::GetCursorScreenPos(), w, 20.0f, h_left);
  widgets::text(app.t("web.fill.status.history"), theme::kFontSize + 1);
  draw_events(app, std::max(px(120), ImGui::GetContentRegionAvail().y));
  widgets::end_card();
}

void FillStatus::draw_events(App& app, float height) {
  if (list_ui::begin_table("##fill.events", 6, height, {{12, 8}, true, false, false})) {
    list_ui::setup_columns(app, {{"web.fill.ev.time", 1.2f},
                                 {"web.fill.ev.actor", 1.3f},
                                 {"web.fill.ev.action", 0.8f},
                                 {"web.fill.ev.from", 0.8f},
                                 {"web.fill.ev.to", 0.8f},
                                 {"web.fill.ev.reason", 2.0f}});
    auto cell = [](std::string_view s, ImU32 color = 0) {
      ImGui::TableNextColumn();
      const float room = ImGui::GetContentRegionAvail().x;
      const std::string shown(s.empty() ? std::string_view("-") : s);
      widgets::text_wrapped(shown, 0, color);
      if (ImGui::IsItemHovered() && widgets::text_size(shown, theme::kFontSize).x > room)
        ImGui::SetTooltip("%s", shown.c_str());
    };
    // Newest first: the latest decision is what the clerk looks for.
    for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
      const EventRow& e = *it;
      ImGui::TableNextRow();
      cell(format_cst(e.at).substr(0, 16));
      cell(e.actor_name);
      const std::string action(app.t("ivd.event." + e.action));
      cell(action);
      widgets::expose(("fill.event." + std::to_string(e.id)).c_str(), action);
      cell(e.from_state.empty() ? std::string_view() : app.t("ivd.sheet_status." + e.from_state));
      cell(e.to_state.empty() ? std::string_view() : app.t("ivd.sheet_status." + e.to_state));
      cell(e.reason, e.action == "reject" ? theme::kError : 0);
    }
    list_ui::end_table();
  }
  if (events_.empty() && loaded_) {
    widgets::text(app.t("web.fill.status.no_events"), theme::kFontSmall, theme::kTextMuted);
    widgets::expose("fill.events.none", app.t("web.fill.status.no_events"));
  }
}

void FillStatus::load(App& app) {
  loading_ = true;
  const int req = request_ = next_fill_request();
  app.request("GET", "/ivd/projects/" + std::to_string(project_id_) + "/sheet/events", nullptr,
              [this, req, &app](const ApiReply& r) {
                if (!accept_reply(app, r, req == request_, &loading_, &loaded_, &error_)) return;
                try {
                  sheet_ = r.body.at("sheet").get<SheetHeaderOnWire>();
                  events_.clear();
                  for (const auto& e : json_field::array(r.body, "events")) events_.push_back(e.get<EventRow>());
                } catch (const std::exception&) {
                  error_ = Message::of("web.fill.bad_reply");
                }
              });
}

}  // namespace ivd::web
