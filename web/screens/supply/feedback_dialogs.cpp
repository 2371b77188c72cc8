// [SECTION] opening, drafts
// [SECTION] sending
// [SECTION] drawing: the frame of every dialog, then review, answer, outcome
#include "web/screens/supply/feedback_dialogs.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <utility>

#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/platform/local_store.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using nlohmann::json;
using theme::px;

namespace {
constexpr const char* kPopup = "##supply.action.dlg";
}  // namespace

// [SECTION] opening, drafts

void FeedbackActionDialog::open(App& app, const std::string& action, const FeedbackRow& row) {
  const int last = request_, gen = generation_ + 1;
  *this = FeedbackActionDialog{};
  request_ = last;
  generation_ = gen;
  action_ = action;
  row_ = row;
  open_request_ = true;
  if (action_ == supply_action::review || action_ == supply_action::answer || action_ == supply_action::outcome) {
    // What the clerk typed before a reload or a closed tab.
    local_store::get(draft_key(app), [this, gen](std::optional<std::string> stored) {
      if (gen != generation_ || !stored) return;
      const json d = json::parse(*stored, nullptr, false);
      if (!d.is_object()) return;
      if (text_.empty()) text_ = json_field::str(d, "text");
      if (const std::string v = json_field::str(d, "decision"); !v.empty()) decision_ = v;
      if (const std::string v = json_field::str(d, "result"); !v.empty() && result_.empty()) result_ = v;
      if (d.contains("interview") && d["interview"].is_object() && !interview_) {
        FileRef f;
        from_json(d["interview"], f);
        if (f.id > 0) interview_ = f;
      }
      stored_ = *stored;
    });
  }
}

void FeedbackActionDialog::update(const FeedbackRow& row) {
  if (row.id == row_.id) row_.revision = row.revision;
}

std::string FeedbackActionDialog::draft_key(App& app) const {
  return "supply.action/" + app.actor().username + "/" + std::to_string(row_.id) + "/" + action_;
}

void FeedbackActionDialog::save_draft(App& app) {
  json d = {{"text", text_}, {"decision", decision_}, {"result", result_}};
  if (interview_) d["interview"] = file_ref_to_json(*interview_);
  const std::string now = d.dump();
  if (now == stored_) return;
  stored_ = now;
  local_store::put(draft_key(app), now);
}

const Message* FeedbackActionDialog::error_at(const char* field) const {
  return !error_.empty() && error_field_ == field ? &error_ : nullptr;
}

// [SECTION] sending

void FeedbackActionDialog::send(App& app, bool submit_too) {
  if (submitting_) return;
  error_.clear();
  error_field_.clear();
  json body = {{"revision", row_.revision}};
  if (action_ == supply_action::review) {
    body["decision"] = decision_;
    if (decision_ == "confirm" && interview_) body["interview_file_id"] = interview_->id;
    if (decision_ == "return") body["reason"] = text_;
  } else if (action_ == supply_action::answer) {
    body["handling"] = text_;
    body["submit"] = submit_too;
  } else if (action_ == supply_action::outcome) {
    body["result"] = result_;
    if (!text_.empty()) body["note"] = text_;
  }
  submitting_ = true;
  const int req = ++request_;
  const std::string key = draft_key(app);
  std::string done_id = "web.supply.done." + action_;
  if (action_ == supply_action::answer && submit_too) done_id += "_submit";
  if (action_ == supply_action::review) done_id += "_" + decision_;
  app.request("POST", "/supply/feedback/" + std::to_string(row_.id) + "/" + action_, body,
              [this, req, key, done_id, &app](const ApiReply& r) {
                if (req != request_) return;
                submitting_ = false;
                if (r.ok()) {
                  local_store::remove(key);
                  outcome_ = {true, Message::of(done_id, {row_.product_name})};
                  finished_ = true;
                  return;
                }
                error_ = app.message_of(r);
                error_field_ = r.field();
                if (r.code() == "revision.stale") {
                  // Someone acted on it meanwhile: the opener reloads it (this dialog takes the new revision).
                  error_ = Message::of("web.supply.stale_reloaded");
                  outcome_.reload = true;
                }
              });
}

// [SECTION] drawing

SupplyOutcome FeedbackActionDialog::draw(App& app) {
  if (!widgets::begin_modal(kPopup, 560, &open_request_)) {
    if (outcome_.reload && !finished_) return std::exchange(outcome_, {});
    return {};
  }
  if (finished_) {
    finished_ = false;
    ImGui::CloseCurrentPopup();
    widgets::end_modal();
    return std::exchange(outcome_, {});
  }
  const std::string title_id =
      action_ == supply_action::submit || action_ == supply_action::withdraw || action_ == supply_action::deliver
          ? "web.supply.confirm." + action_ + ".title"
          : supply_action_label_id(action_);
  widgets::text(app.t(title_id), theme::kFontTitle);
  widgets::text(row_.serial + "  " + row_.product_name, theme::kFontSmall, theme::kTextMuted);
  ImGui::Dummy(px(0, 4));

  bool two_buttons = false;
  if (action_ == supply_action::review) {
    draw_review(app);
  } else if (action_ == supply_action::answer) {
    draw_answer(app);
    two_buttons = true;
  } else if (action_ == supply_action::outcome) {
    draw_outcome(app);
  } else {
    widgets::text_wrapped(app.tf("web.supply.confirm." + action_ + ".text", {row_.product_name, row_.hospital_name}));
  }
  save_draft(app);

  // A refusal that names none of the dialog's fields (duplicate, stale, state, network).
  const bool at_field = error_field_ == "interview_file_id" || error_field_ == "reason" || error_field_ == "handling" ||
                        error_field_ == "result" || error_field_ == "note";
  if (!error_.empty() && !at_field) {
    ImGui::Dummy(px(0, 2));
    widgets::error_box(error_.text(app.lang));
    widgets::expose("supply.action.error", error_.text(app.lang));
  }
  SupplyOutcome out;
  if (outcome_.reload && !finished_) out = std::exchange(outcome_, {});  // stale: reload now

  ImGui::Dummy(px(0, 8));
  const std::string cancel = app.label("web.common.cancel", "supply.action.cancel");
  int b = 0;
  if (two_buttons) {
    // 取消 · 确认 · 确认并提交 (manual 生产/代理企业 3)
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float bw = px(104), bw2 = px(128);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - 2 * bw - bw2 - 2 * gap);
    if (widgets::secondary_button(cancel.c_str(), bw, 38.0f)) b = -1;
    ImGui::SameLine(0, gap);
    if (widgets::primary_button(app.label("web.supply.answer.confirm", "supply.action.ok").c_str(), bw, 38.0f,
                                !submitting_))
      send(app, false);
    ImGui::SameLine(0, gap);
    if (widgets::primary_button(app.label("web.supply.answer.confirm_submit", "supply.action.ok_submit").c_str(), bw2,
                                38.0f, !submitting_))
      send(app, true);
    if (widgets::modal_escape_pressed()) b = -1;
  } else {
    const std::string ok = app.label(submitting_ ? "web.supply.sending" : "web.common.ok", "supply.action.ok");
    b = widgets::modal_buttons(cancel.c_str(), ok.c_str(), !submitting_ && !upload_.uploading);
    if (b > 0) send(app, false);
  }
  if (b < 0) {
    ++request_;
    ++generation_;
    submitting_ = false;
    ImGui::CloseCurrentPopup();
  }
  widgets::end_modal();
  return out;
}

// 管理机构 确认 (manual 管理机构 3): 确认 sends the feedback to the enterprise and needs the 约谈记录;
// 退回 gives it back to the hospital (待提交) with a reason.
void FeedbackActionDialog::draw_review(App& app) {
  widgets::text_wrapped(app.tf("web.supply.review.text", {row_.hospital_name}), 0, theme::kText);
  ImGui::Dummy(px(0, 2));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, px(4, 4));  // a circle the size of the text
  if (ImGui::RadioButton(app.label("web.supply.review.confirm", "supply.review.decision.confirm").c_str(),
                         decision_ == "confirm"))
    decision_ = "confirm";
  ImGui::SameLine(0, px(24));
  if (ImGui::RadioButton(app.label("web.supply.review.return", "supply.review.decision.return").c_str(),
                         decision_ == "return"))
    decision_ = "return";
  ImGui::PopStyleVar();
  ImGui::Dummy(px(0, 4));
  if (decision_ == "confirm") {
    widgets::field_label(app.t("web.supply.review.interview"), true);
    ImGui::Dummy(px(0, 2));
    const int gen = generation_;
    upload_.draw(app, "supply.review.interview", interview_ ? "web.supply.reupload" : "web.supply.upload", true,
                 [this, gen](const FileRef& f) {
                   if (gen != generation_) return;
                   interview_ = f;
                   if (error_field_ == "interview_file_id") error_.clear();
                 });
    if (interview_) {
      ImGui::SameLine(0, px(12));
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(6));
      supply_file_link(app, *interview_, "supply.review.interview.file", [this](Message m) { error_ = std::move(m); });
    }
    if (const Message* m = error_at("interview_file_id"))
      widgets::field_error(m->text(app.lang), "supply.review.error.interview_file_id");
    widgets::text(app.t("web.supply.review.interview_hint"), theme::kFontSmall, theme::kTextMuted);
  } else {
    widgets::field_label(app.t("web.supply.review.reason"), true);
    const bool e = error_at("reason") != nullptr;
    if (e) ImGui::PushStyleColor(ImGuiCol_Border, theme::kError);
    if (ImGui::InputTextMultiline("##supply.review.reason", &text_, ImVec2(-1, px(96))) && e) error_.clear();
    if (e) ImGui::PopStyleColor();
    if (const Message* m = error_at("reason")) widgets::field_error(m->text(app.lang), "supply.review.error.reason");
  }
}

// 生产/代理企业 确认 (manual 生产/代理企业 3): 处理情况, then 确认 (企业已确认) or 确认并提交.
void FeedbackActionDialog::draw_answer(App& app) {
  if (row_.deadline_date)
    widgets::text(app.tf("web.supply.answer.deadline",
                         {*row_.deadline_date, row_.remaining_days ? std::to_string(*row_.remaining_days) : "-"}),
                  theme::kFontSmall,
                  row_.remaining_days && *row_.remaining_days == 0 ? theme::kError : theme::kTextMuted);
  widgets::field_label(app.t("web.supply.answer.handling"), true);
  const bool e = error_at("handling") != nullptr;
  if (e) ImGui::PushStyleColor(ImGuiCol_Border, theme::kError);
  if (ImGui::InputTextMultiline("##supply.answer.handling", &text_, ImVec2(-1, px(120))) && e) error_.clear();
  if (e) ImGui::PopStyleColor();
  if (const Message* m = error_at("handling")) widgets::field_error(m->text(app.lang), "supply.answer.error.handling");
}

// 医疗机构 确认 (manual 医疗机构 6): 已解决 (green) or 未解决 (red), with a note.
void FeedbackActionDialog::draw_outcome(App& app) {
  widgets::field_label(app.t("web.supply.outcome.result"), true);
  ImGui::Dummy(px(0, 2));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, px(4, 4));  // a circle the size of the text
  for (const char* r : {supply_status::resolved, supply_status::unresolved}) {
    const ImU32 c = theme::kStatusTone[static_cast<int>(supply_status_tone(r))];
    ImGui::PushStyleColor(ImGuiCol_Text, c);
    const bool picked = ImGui::RadioButton(
        (std::string(app.t(supply_status_label_id(r))) + "##supply.outcome.result." + r).c_str(), result_ == r);
    ImGui::PopStyleColor();
    if (picked) {
      result_ = r;
      if (error_field_ == "result") error_.clear();
    }
    ImGui::SameLine(0, px(24));
  }
  ImGui::PopStyleVar();
  ImGui::NewLine();
  if (const Message* m = error_at("result")) widgets::field_error(m->text(app.lang), "supply.outcome.error.result");
  ImGui::Dummy(px(0, 2));
  widgets::field_label(app.t("web.supply.outcome.note"));
  const bool e = error_at("note") != nullptr;
  if (e) ImGui::PushStyleColor(ImGuiCol_Border, theme::kError);
  if (ImGui::InputTextMultiline("##supply.outcome.note", &text_, ImVec2(-1, px(90))) && e) error_.clear();
  if (e) ImGui::PopStyleColor();
  if (const Message* m = error_at("note")) widgets::field_error(m->text(app.lang), "supply.outcome.error.note");
}

}  // namespace ivd::web
