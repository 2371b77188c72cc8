#include "web/screens/ivd/review_common.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/base/civil_time.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

namespace review_ui {

std::vector<widgets::ComboOption> status_options(App& app, const std::string& prefix,
                                                 const std::vector<std::string>& statuses) {
  std::vector<widgets::ComboOption> options = {{"", std::string(app.t("web.review.all"))}};
  for (const std::string& s : statuses) options.push_back({s, std::string(app.t(prefix + s))});
  return options;
}

std::string minutes(const std::optional<int64_t>& t) { return t ? format_cst(*t).substr(0, 16) : std::string(); }

float minutes_width() { return list_ui::text_width("2026-12-31 23:59"); }

void fact(std::string_view label, std::string_view value, const char* test_id) {
  widgets::text(label, theme::kFontSmall + 0.5f, theme::kTextMuted);
  ImGui::SameLine(0, px(4));
  widgets::text(value.empty() ? "-" : value, 0, theme::kText);
  if (test_id) widgets::expose(test_id, value);
}

void report_totals(App& app, int64_t hospital_count, const Sums& sums, const std::optional<int64_t>& submitted_at,
                   const char* last_year_id, const char* demand_id) {
  const float gap = px(28);
  fact(app.t("web.review.hospital_count"), list_ui::grouped(hospital_count));
  ImGui::SameLine(0, gap);
  fact(app.t("web.review.last_year_total"), list_ui::grouped(sums.last_year), last_year_id);
  ImGui::SameLine(0, gap);
  fact(app.t("web.review.demand_total"), list_ui::grouped(sums.demand), demand_id);
  ImGui::SameLine(0, gap);
  fact(app.t("web.review.submitted_at"), submitted_at ? format_cst(*submitted_at) : std::string());
}

float widest_label(App& app, const std::string& prefix, const std::vector<std::string>& statuses) {
  float w = 0;
  for (const std::string& st : statuses) w = std::max(w, list_ui::text_width(app.t(prefix + st)));
  return w;
}

float longest_actions(App& app, const std::vector<std::string>& statuses,
                      std::vector<ReviewAction> (*actions_of)(std::string_view, bool), float link_gap) {
  float longest = 0;
  for (const std::string& s : statuses) {
    float w = 0;
    for (ReviewAction a : actions_of(s, true))
      w += ImGui::CalcTextSize(app.t("ivd.event." + std::string(review_action_id(a))).data()).x + link_gap;
    longest = std::max(longest, w);
  }
  return longest;
}

std::optional<ReviewAction> action_links(App& app, const std::vector<ReviewAction>& actions,
                                         const std::string& test_prefix, const std::string& code, float link_gap) {
  std::optional<ReviewAction> clicked;
  for (ReviewAction a : actions) {
    const std::string id(review_action_id(a));
    ImGui::SameLine(0, link_gap);
    const ImU32 color = a == ReviewAction::reject || a == ReviewAction::exclude ? theme::kError : theme::kPrimary;
    if (widgets::text_button(app.label("ivd.event." + id, test_prefix + id + "." + code).c_str(), color)) clicked = a;
  }
  return clicked;
}

void empty_message(App& app, bool loading) {
  list_ui::empty_table_message(app.t(loading ? "web.review.loading" : "web.review.empty"), nullptr, 80);
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
  if (!events_.empty() && list_ui::begin_table("##review.events.table", 5, px(320))) {
    list_ui::setup_columns(app, {{"web.review.ev.at", 1.3f},
                                 {"web.review.ev.actor", 1.0f},
                                 {"web.review.ev.action", 0.9f},
                                 {"web.review.ev.change", 1.5f},
                                 {"web.review.ev.reason", 2.0f}});
    for (const EventRow& e : events_) {
      ImGui::TableNextRow();
      list_ui::cell(format_cst(e.at));
      list_ui::cell(e.actor_name);
      list_ui::cell(app.t("ivd.event." + e.action));
      std::string change;
      if (!e.from_state.empty()) change = std::string(app.t(status_prefix_ + e.from_state)) + " " + std::string(app.t("web.review.arrow")) + " ";
      if (!e.to_state.empty()) change += std::string(app.t(status_prefix_ + e.to_state));
      list_ui::cell(change);
      list_ui::cell(e.reason);
    }
    list_ui::end_table();
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
