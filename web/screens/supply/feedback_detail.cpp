// [SECTION] loading
// [SECTION] header: status, the caller's actions, 返回
// [SECTION] facts: 基础信息, 问题反馈, 附件, the admin's, the enterprise's and the hospital's parts
// [SECTION] history
#include "web/screens/supply/feedback_detail.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/base/civil_time.hpp"
#include "web/app.hpp"
#include "web/screens/supply/supply_files.hpp"
#include "web/screens/supply/supply_ui.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using supply_ui::kControlHeight;
using theme::px;

// [SECTION] loading

void FeedbackDetailPage::load(App& app) {
  loading_ = true;
  const int req = ++request_;
  // The province view reads the same feedback under its own menu (read-only: no actions).
  app.request("GET", with_query("/supply/feedback/" + std::to_string(id_), {{"menu", menu_}}), nullptr,
              [this, req, &app](const ApiReply& r) {
                if (req != request_) return;
                loading_ = false;
                if (!r.ok()) {
                  error_ = app.message_of(r);
                  detail_.reset();
                  return;
                }
                FeedbackDetail d;
                from_json(r.body, d);
                error_.clear();
                detail_ = std::move(d);
              });
}

void FeedbackDetailPage::draw(App& app, const Route& route, const SupplyCaps& caps,
                              const std::function<void(const std::string&, const FeedbackRow&)>& open_action) {
  const int64_t id = route.int_param("id");
  if (id != id_ || route.menu != menu_) {
    const int last = request_;
    *this = FeedbackDetailPage{};
    request_ = last;
    id_ = id;
    menu_ = route.menu;
    load(app);
  } else if (!loading_ && last_frame_ != ImGui::GetFrameCount() - 1) {
    load(app);  // back on the page (Back, a link): as it is now
  }
  last_frame_ = ImGui::GetFrameCount();
  const float w = ImGui::GetContentRegionAvail().x;
  draw_header(app, route, w, open_action);
  if (!detail_) {
    if (!error_.empty()) {
      widgets::error_box(error_.text(app.lang));
      widgets::expose("supply.detail.error", error_.text(app.lang));
    } else {
      widgets::text(app.t("web.supply.loading"), 0, theme::kTextMuted);
    }
    return;
  }
  ImGui::Dummy(px(0, 4));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, px(8, 6));  // room for the cards' shadows
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() - px(8));
  ImGui::BeginChild("##supply.detail.body", ImVec2(w + px(16), std::max(px(160), ImGui::GetContentRegionAvail().y)),
                    ImGuiChildFlags_AlwaysUseWindowPadding, ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar();
  const float cw = ImGui::GetContentRegionAvail().x - px(10);  // room for the scrollbar
  draw_facts(app, cw, caps);
  ImGui::Dummy(px(0, 4));
  draw_events(app, cw);
  ImGui::Dummy(px(0, 8));
  ImGui::EndChild();
}

// [SECTION] header

void FeedbackDetailPage::draw_header(App& app, const Route& route, float width,
                                     const std::function<void(const std::string&, const FeedbackRow&)>& open_action) {
  widgets::begin_card("##supply.detail.header", ImGui::GetCursorScreenPos(), width, 18.0f);
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  widgets::text(app.t("web.supply.detail.title"), theme::kFontTitle);
  if (detail_) {
    const FeedbackRow& r = detail_->row;
    ImGui::SameLine(0, px(24));
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(3));
    widgets::status_text(app.t(row_status_label_id(r)), static_cast<int>(row_status_tone(r)), "supply.detail.status");
  }
  // The caller's actions (core's list) and 返回, at the right end of the title line.
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  std::vector<std::string> labels;
  if (detail_)
    for (const std::string& a : detail_->row.actions)
      labels.push_back(app.label(supply_action_label_id(a), "supply.detail." + a));
  const std::string back = app.label("web.supply.back", "supply.detail.back");
  float buttons_w = 0;
  auto bw_of = [](const std::string& l) {
    return std::max(theme::px(88), ImGui::CalcTextSize(l.c_str(), nullptr, true).x + theme::px(28));
  };
  for (const auto& l : labels) buttons_w += bw_of(l) + gap;
  buttons_w += bw_of(back);
  ImGui::SameLine(std::max(ImGui::GetCursorPosX() + px(16), right - buttons_w));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - px(3));
  for (size_t i = 0; i < labels.size(); ++i) {
    const std::string& a = detail_->row.actions[i];
    if (widgets::primary_button(labels[i].c_str(), bw_of(labels[i]), kControlHeight)) {
      notice_.clear();
      if (a == supply_action::edit)
        app.navigate(Route{route.menu, {{"view", "edit"}, {"id", std::to_string(id_)}}});
      else
        open_action(a, detail_->row);
    }
    ImGui::SameLine(0, gap);
  }
  if (widgets::secondary_button(back.c_str(), bw_of(back), kControlHeight)) app.navigate(Route{route.menu, {}});
  if (!notice_.empty()) {
    widgets::success_box(notice_.text(app.lang));
    widgets::expose("supply.detail.notice", notice_.text(app.lang));
  }
  if (detail_ && !error_.empty()) {
    widgets::error_box(error_.text(app.lang));
    widgets::expose("supply.detail.error", error_.text(app.lang));
  }
  widgets::end_card();
}

// [SECTION] facts

void FeedbackDetailPage::draw_facts(App& app, float width, const SupplyCaps& caps) {
  const FeedbackDetail& d = *detail_;
  const FeedbackRow& r = d.row;
  widgets::begin_card("##supply.detail.facts", ImGui::GetCursorScreenPos(), width, 18.0f);
  const float avail = ImGui::GetContentRegionAvail().x;
  const int cols = avail > px(900) ? 3 : 2;
  auto section = [&](const char* title_id) {
    ImGui::Dummy(px(0, 2));
    widgets::text(app.t(title_id), theme::kFontTitle - 3, theme::kPrimary);
    ImGui::Separator();
    ImGui::Dummy(px(0, 2));
  };
  auto grid_facts = [&](const std::vector<std::tuple<const char*, std::string, const char*, ImU32>>& facts) {
    widgets::FormGrid grid(cols, avail, px(20), px(6));
    for (const auto& [label, value, test_id, color] : facts) {
      grid.cell();
      supply_ui::fact(app.t(label), value, test_id, color);
    }
    grid.end();
  };

  section("web.supply.form.basic");
  std::vector<std::tuple<const char*, std::string, const char*, ImU32>> basic = {
      {"web.supply.f.serial", r.serial, "supply.detail.serial", 0},
      {"web.supply.f.product_name", r.product_name, "supply.detail.product_name", 0}};
  if (caps.shows_enterprise_columns) {
    basic.push_back({"web.supply.f.manufacturer", r.manufacturer.value_or(""), "supply.detail.manufacturer", 0});
    basic.push_back({"web.supply.f.applicant", r.applicant.value_or(""), "supply.detail.applicant", 0});
  }
  basic.push_back({"web.supply.f.batch", r.batch, "supply.detail.batch", 0});
  basic.push_back({"web.supply.f.hospital", r.hospital_name, "supply.detail.hospital", 0});
  basic.push_back({"web.supply.f.feedback_date", r.feedback_date, "supply.detail.feedback_date", 0});
  basic.push_back({"web.supply.f.deadline", r.deadline_date.value_or(""), "supply.detail.deadline", 0});
  basic.push_back({"web.supply.f.remaining_days", r.remaining_days ? std::to_string(*r.remaining_days) : "",
                   "supply.detail.remaining_days", r.remaining_days && *r.remaining_days == 0 ? theme::kError : 0});
  grid_facts(basic);

  section("web.supply.form.problem");
  grid_facts({{"web.supply.f.problem_type", std::string(app.t(problem_type_label_id(r.problem_type))),
               "supply.detail.problem_type", 0},
              {"web.supply.f.occurred_on", d.occurred_on, "supply.detail.occurred_on", 0},
              {"web.supply.f.contact_name", d.contact_name, "supply.detail.contact_name", 0},
              {"web.supply.f.contact_phone", d.contact_phone, "supply.detail.contact_phone", 0}});
  widgets::text(app.t("web.supply.f.description"), theme::kFontSmall + 0.5f, theme::kTextMuted);
  widgets::text_wrapped(d.description.empty() ? "-" : d.description);
  widgets::expose("supply.detail.description", d.description);
  ImGui::Dummy(px(0, 2));
  widgets::text(app.t("web.supply.f.attachments"), theme::kFontSmall + 0.5f, theme::kTextMuted);
  if (d.attachments.empty()) widgets::text("-", 0, theme::kTextMuted);
  for (size_t i = 0; i < d.attachments.size(); ++i) {
    const FileRef& f = d.attachments[i];
    supply_file_link(app, f, "supply.detail.attachment." + std::to_string(i),
                     [this](Message m) { error_ = std::move(m); });
    ImGui::SameLine(0, px(10));
    widgets::text(file_size_text(f.size), theme::kFontSmall, theme::kTextMuted);
  }

  // What the others added, as far as the flow got.
  if (d.interview_file || !d.return_reason.empty()) {
    section("web.supply.detail.admin");
    if (d.interview_file) {
      widgets::text(app.t("web.supply.review.interview"), theme::kFontSmall + 0.5f, theme::kTextMuted);
      ImGui::SameLine(0, px(6));
      supply_file_link(app, *d.interview_file, "supply.detail.interview", [this](Message m) { error_ = std::move(m); });
    }
    if (!d.return_reason.empty())
      supply_ui::fact(app.t("web.supply.review.reason"), d.return_reason, "supply.detail.return_reason", theme::kError);
  }
  if (!d.handling.empty()) {
    section("web.supply.detail.enterprise");
    widgets::text(app.t("web.supply.answer.handling"), theme::kFontSmall + 0.5f, theme::kTextMuted);
    widgets::text_wrapped(d.handling);
    widgets::expose("supply.detail.handling", d.handling);
  }
  if (r.outcome) {
    section("web.supply.detail.hospital");
    supply_ui::fact(app.t("web.supply.outcome.result"), app.t(supply_status_label_id(*r.outcome)),
                    "supply.detail.outcome", theme::kStatusTone[static_cast<int>(supply_status_tone(*r.outcome))]);
    if (!d.outcome_note.empty())
      supply_ui::fact(app.t("web.supply.outcome.note"), d.outcome_note, "supply.detail.outcome_note");
  }
  widgets::end_card();
}

// [SECTION] history

void FeedbackDetailPage::draw_events(App& app, float width) {
  const FeedbackDetail& d = *detail_;
  widgets::begin_card("##supply.detail.events", ImGui::GetCursorScreenPos(), width, 18.0f);
  widgets::text(app.t("web.supply.detail.events"), theme::kFontTitle - 3, theme::kPrimary);
  ImGui::Dummy(px(0, 2));
  auto width_of = [](std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; };
  const float row_h = ImGui::GetTextLineHeight() + px(16);
  const float h = row_h * static_cast<float>(std::max<size_t>(1, d.events.size()) + 1) + px(4);
  if (supply_ui::begin_table("##supply.detail.events.table", 5, h)) {
    const ImGuiTableColumnFlags fix = ImGuiTableColumnFlags_WidthFixed, grow = ImGuiTableColumnFlags_WidthStretch;
    ImGui::TableSetupColumn(app.t("web.supply.ev.at").data(), fix, width_of("2026-12-31 23:59:59"));
    ImGui::TableSetupColumn(app.t("web.supply.ev.actor").data(), grow, 1.0f);
    ImGui::TableSetupColumn(app.t("web.supply.ev.action").data(), grow, 0.8f);
    ImGui::TableSetupColumn(app.t("web.supply.ev.change").data(), grow, 1.8f);
    ImGui::TableSetupColumn(app.t("web.supply.ev.reason").data(), grow, 1.8f);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < d.events.size(); ++i) {
      const EventRow& e = d.events[i];
      ImGui::TableNextRow();
      supply_ui::cell(format_cst(e.at));
      supply_ui::cell(e.actor_id <= 0 && e.actor_name.empty() ? std::string(app.t("supply.system_actor"))
                                                              : e.actor_name);
      const std::string action(app.t(supply_event_label_id(e.action)));
      supply_ui::cell(action);
      widgets::expose(("supply.detail.event." + std::to_string(i)).c_str(), action);
      std::string change;
      if (!e.from_state.empty()) change = std::string(app.t(supply_status_label_id(e.from_state))) + " → ";
      if (!e.to_state.empty()) change += std::string(app.t(supply_status_label_id(e.to_state, e.action == "timeout")));
      supply_ui::cell(change);
      supply_ui::cell(e.reason);
    }
    supply_ui::end_table();
    if (d.events.empty()) supply_ui::table_message(app.t("web.supply.detail.no_events"), nullptr);
  }
  widgets::end_card();
}

}  // namespace ivd::web
