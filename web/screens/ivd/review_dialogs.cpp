#include "web/screens/ivd/review_dialogs.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <utility>

#include "web/app.hpp"
#include "web/dialog_widgets.hpp"
#include "web/json_fields.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

namespace {

// The request of a row action: the path below the record and its body.
std::pair<std::string, nlohmann::json> action_request(ReviewAction a, const ReviewTarget& t, const std::string& reason) {
  nlohmann::json body = {{"revision", t.revision}};
  switch (a) {
    case ReviewAction::approve:
      body["decision"] = "approve";
      return {t.path + "/review", body};
    case ReviewAction::reject:
      body["decision"] = "reject";
      body["reason"] = reason;
      return {t.path + "/review", body};
    case ReviewAction::withdraw_review: return {t.path + "/review/withdraw", body};
    case ReviewAction::exclude: return {t.path + "/exclude", body};
    case ReviewAction::include: return {t.path + "/include", body};
  }
  return {t.path, body};
}

// Closes a dialog whose work is done and hands its outcome to the list.
ReviewOutcome finish(bool& finished, ReviewOutcome& outcome) {
  finished = false;
  ImGui::CloseCurrentPopup();
  widgets::end_modal();
  ReviewOutcome out = std::move(outcome);
  outcome = {};
  return out;
}

}  // namespace

// [SECTION] row actions

void ActionDialog::open(ReviewAction action, ReviewTarget target) {
  const int last = request_;
  *this = ActionDialog{};
  request_ = last;
  action_ = action;
  target_ = std::move(target);
  open_request_ = true;
}

void ActionDialog::update_revision(const std::string& key, int64_t revision) {
  if (key == target_.key) target_.revision = revision;
}

void ActionDialog::submit(App& app) {
  if (submitting_) return;
  error_.clear();
  reason_error_.clear();
  submitting_ = true;
  const int req = ++request_;
  auto [path, body] = action_request(action_, target_, reason_);
  app.request("POST", path, body, [this, req, &app](const ApiReply& r) {
    if (req != request_) return;
    submitting_ = false;
    if (r.ok()) {
      outcome_.reload = true;
      outcome_.notice = Message::of("web.review.done." + std::string(review_action_id(action_)), {target_.name});
      finished_ = true;
      return;
    }
    if (r.field() == "reason") {
      reason_error_ = app.message_of(r);
      return;
    }
    error_ = app.message_of(r);
    if (r.code() == "revision.stale") {
      // Someone changed the row meanwhile: the list reloads it (and this dialog takes its new revision).
      error_ = Message::of("web.review.stale_reloaded");
      outcome_.reload = true;
    }
  });
}

ReviewOutcome ActionDialog::draw(App& app) {
  if (!widgets::begin_modal("##review.action.dlg", 480, &open_request_)) {
    // A reload asked for while the dialog stays open (stale row) is handed over once.
    if (outcome_.reload && !finished_) return std::exchange(outcome_, {});
    return {};
  }
  if (finished_) return finish(finished_, outcome_);
  const std::string id(review_action_id(action_));
  widgets::text(app.t("ivd.event." + id), theme::kFontTitle);
  ImGui::Dummy(px(0, 2));
  widgets::text_wrapped(app.tf("web.review.confirm." + id, {target_.name}));
  if (action_ == ReviewAction::reject) {
    ImGui::Dummy(px(0, 4));
    widgets::field_label(std::string(app.t("web.review.reason")) + " *");
    ImGui::InputTextMultiline("##review.action.reason", &reason_, ImVec2(-1, px(90)));
    if (!reason_error_.empty()) widgets::field_error(reason_error_.text(app.lang), "review.action.reason.error");
  }
  dialog_ui::refusal(error_, app.lang, "review.action.error");
  ImGui::Dummy(px(0, 8));
  const int b = dialog_ui::buttons(app, "review.action", submitting_, "web.review.sending", !submitting_);
  if (b > 0) submit(app);
  ReviewOutcome out;
  if (outcome_.reload && !finished_) out = std::exchange(outcome_, {});  // stale: reload the row now
  if (b < 0) {
    ++request_;
    submitting_ = false;
    ImGui::CloseCurrentPopup();
  }
  widgets::end_modal();
  return out;
}

// [SECTION] 提交

void SubmitDialog::open(std::string path, nlohmann::json body, std::string question, std::string key_field,
                        std::string name_field, std::string status_prefix) {
  const int last = request_;
  *this = SubmitDialog{};
  request_ = last;
  path_ = std::move(path);
  body_ = std::move(body);
  question_ = std::move(question);
  key_field_ = std::move(key_field);
  name_field_ = std::move(name_field);
  status_prefix_ = std::move(status_prefix);
  open_request_ = true;
}

void SubmitDialog::submit(App& app) {
  if (submitting_) return;
  error_.clear();
  blocking_.clear();
  submitting_ = true;
  const int req = ++request_;
  app.request("POST", path_, body_, [this, req, &app](const ApiReply& r) {
    if (req != request_) return;
    submitting_ = false;
    if (r.ok()) {
      outcome_ = {true, Message::of("web.review.done.submit"), {}, {}};
      finished_ = true;
      return;
    }
    if (r.field() == "summary_file_id") {  // belongs to the upload field of the list
      outcome_ = {false, {}, {}, app.message_of(r)};
      finished_ = true;
      return;
    }
    error_ = app.message_of(r);
    if (r.code() == "revision.stale") {
      error_ = Message::of("web.review.stale_reloaded");
      outcome_.reload = true;  // the list reloads the report; 提交 again sends its new revision
    }
    const nlohmann::json details = r.body.is_object() && r.body.contains("details") ? r.body["details"] : nullptr;
    for (const auto& b : json_field::array(details, "blocking"))
      blocking_.push_back({json_field::str(b, key_field_.c_str()), json_field::str(b, name_field_.c_str()),
                           std::string(app.t(status_prefix_ + json_field::str(b, "status")))});
  });
}

ReviewOutcome SubmitDialog::draw(App& app) {
  if (!widgets::begin_modal("##review.submit.dlg", 560, &open_request_)) {
    if (outcome_.reload && !finished_) return std::exchange(outcome_, {});
    return {};
  }
  if (finished_) return finish(finished_, outcome_);
  widgets::text(app.t("web.review.submit"), theme::kFontTitle);
  ImGui::Dummy(px(0, 2));
  widgets::text_wrapped(question_);
  dialog_ui::refusal(error_, app.lang, "review.submit.error");
  ReviewOutcome out;
  if (outcome_.reload && !finished_) out = std::exchange(outcome_, {});
  if (!blocking_.empty()) {
    widgets::text(app.t("web.review.blocking_hint"), theme::kFontSmall, theme::kTextMuted);
    ImGui::BeginChild("##review.submit.blocking", ImVec2(0, std::min(px(220), px(30) * blocking_.size() + px(8))),
                      ImGuiChildFlags_Borders);
    for (const Blocking& b : blocking_) {
      const std::string text = b.name + "（" + b.key + "）  " + b.status_label;
      if (widgets::text_button((text + "##review.blocking." + b.key).c_str(), theme::kPrimary)) out.jump = b.key;
    }
    ImGui::EndChild();
  }
  ImGui::Dummy(px(0, 8));
  const int b = dialog_ui::buttons(app, "review.submit", submitting_, "web.review.sending", !submitting_);
  if (b > 0) submit(app);
  if (b < 0 || !out.jump.empty()) {
    ++request_;
    submitting_ = false;
    ImGui::CloseCurrentPopup();
  }
  widgets::end_modal();
  return out;
}

}  // namespace ivd::web
