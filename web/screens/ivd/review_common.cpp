#include "web/screens/ivd/review_common.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

#include "core/base/civil_time.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

namespace review_ui {

bool begin_table(const char* id, int columns, float height) {
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, px(10, 8));
  ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, IM_COL32(243, 246, 250, 255));
  ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, IM_COL32(249, 250, 252, 255));
  ImGui::PushStyleColor(ImGuiCol_TableBorderLight, IM_COL32(232, 236, 242, 255));
  ImGui::PushStyleColor(ImGuiCol_TableBorderStrong, theme::kBorder);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable(id, columns, flags, ImVec2(0, height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    return true;
  }
  ImGui::PopStyleColor(4);
  ImGui::PopStyleVar();
  return false;
}

void end_table() {
  ImGui::EndTable();
  ImGui::PopStyleColor(4);
  ImGui::PopStyleVar();
}

void cell(std::string_view s) {
  ImGui::TableNextColumn();
  if (s.empty()) s = "-";
  const float room = ImGui::GetContentRegionAvail().x;
  const ImVec2 size = ImGui::CalcTextSize(s.data(), s.data() + s.size());
  if (size.x <= room) {
    widgets::text(s);
    return;
  }
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(room, size.y));
  ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), p, ImVec2(p.x + room, p.y + size.y), p.x + room, s.data(),
                            s.data() + s.size(), &size);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.*s", static_cast<int>(s.size()), s.data());
}

void fact(std::string_view label, std::string_view value, const char* test_id) {
  widgets::text(label, theme::kFontSmall + 0.5f, theme::kTextMuted);
  ImGui::SameLine(0, px(4));
  widgets::text(value.empty() ? "-" : value, 0, theme::kText);
  if (test_id) widgets::expose(test_id, value);
}

std::string number(int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<size_t>(i), ",");
  return v < 0 ? "-" + digits : digits;
}

}  // namespace review_ui

// [SECTION] 历史记录

void EventsDialog::open(App& app, std::string path, std::string status_prefix, std::string title) {
  open_request_ = true;
  loading_ = true;
  title_ = std::move(title);
  status_prefix_ = std::move(status_prefix);
  events_.clear();
  error_.clear();
  const int req = ++request_;
  app.request("GET", path, nullptr, [this, req, &app](const ApiReply& r) {
    if (req != request_) return;
    loading_ = false;
    if (!r.ok()) {
      error_ = app.message_of(r);
      return;
    }
    try {
      for (const auto& e : json_field::array(r.body, "events")) events_.push_back(e.get<EventRow>());
    } catch (const std::exception&) {
      error_ = Message::of("web.review.bad_reply");
    }
  });
}

void EventsDialog::draw(App& app) {
  if (!widgets::begin_modal("##review.events.dlg", 860, &open_request_)) return;
  widgets::text(title_, theme::kFontTitle);
  ImGui::Dummy(px(0, 4));
  if (loading_) widgets::text(app.t("web.review.loading"), 0, theme::kTextMuted);
  if (!error_.empty()) widgets::error_box(error_.text(app.lang));
  if (!loading_ && error_.empty() && events_.empty()) widgets::text(app.t("web.review.no_events"), 0, theme::kTextMuted);
  if (!events_.empty() && review_ui::begin_table("##review.events.table", 5, px(320))) {
    ImGui::TableSetupColumn(app.t("web.review.ev.at").data(), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn(app.t("web.review.ev.actor").data(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(app.t("web.review.ev.action").data(), ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn(app.t("web.review.ev.change").data(), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn(app.t("web.review.ev.reason").data(), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableHeadersRow();
    for (const EventRow& e : events_) {
      ImGui::TableNextRow();
      review_ui::cell(format_cst(e.at));
      review_ui::cell(e.actor_name);
      review_ui::cell(app.t("ivd.event." + e.action));
      std::string change;
      if (!e.from_state.empty()) change = std::string(app.t(status_prefix_ + e.from_state)) + " " + std::string(app.t("web.review.arrow")) + " ";
      if (!e.to_state.empty()) change += std::string(app.t(status_prefix_ + e.to_state));
      review_ui::cell(change);
      review_ui::cell(e.reason);
    }
    review_ui::end_table();
  }
  ImGui::Dummy(px(0, 6));
  const float bw = px(96);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - bw);
  if (widgets::secondary_button(app.label("web.review.close", "review.events.close").c_str(), bw,
                                review_ui::kControlHeight) ||
      (ImGui::IsKeyPressed(ImGuiKey_Escape) && ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows))) {
    ++request_;
    ImGui::CloseCurrentPopup();
  }
  widgets::end_modal();
}

}  // namespace ivd::web
