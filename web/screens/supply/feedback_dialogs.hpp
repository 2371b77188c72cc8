#pragma once
// The dialogs of an action on one feedback (docs/api-supply.md; manual 中选药品供应问题反馈), opened from
// the list or the detail page with the action core offers (FeedbackRow::actions):
//   submit / withdraw / deliver   a confirmation (提交, 撤回, the enterprise's 提交)
//   review                        the admin's 确认 (a 约谈记录 upload is required) or 退回 (a reason)
//   answer                        the enterprise's 处理情况, then 确认 or 确认并提交
//   outcome                       the hospital's 确认: 已解决 or 未解决, with a note
// Refusals stay in the dialog, at the field they name (the duplicate rule's message too). What the
// clerk typed is kept in browser storage until the action went through (a reload does not lose it).
#include <cstdint>
#include <string>

#include "core/files/files.hpp"
#include "core/supply/supply_types.hpp"
#include "web/message.hpp"
#include "web/screens/supply/supply_files.hpp"

namespace ivd::web {

class App;

// What a dialog did, for the list or the page that opened it.
struct SupplyOutcome {
  bool reload = false;  // the feedback changed (or was stale): load it again
  Message notice;       // what was done
};

class FeedbackActionDialog {
 public:
  // action: a supply_action id the row offers (edit is a page, not a dialog).
  void open(App& app, const std::string& action, const FeedbackRow& row);
  // After the opener reloaded: the feedback's new revision (a stale refusal is retried with it).
  void update(const FeedbackRow& row);
  SupplyOutcome draw(App& app);

 private:
  void send(App& app, bool submit_too);
  void draw_review(App& app);
  void draw_answer(App& app);
  void draw_outcome(App& app);
  std::string draft_key(App& app) const;
  void save_draft(App& app);
  const Message* error_at(const char* field) const;

  bool open_request_ = false;
  std::string action_;
  FeedbackRow row_;
  // review
  std::string decision_ = "confirm";  // confirm | return (wire values of POST .../review)
  std::optional<FileRef> interview_;
  SupplyUpload upload_;
  // review (退回), answer (处理情况), outcome (说明)
  std::string text_;
  std::string result_;  // outcome: resolved | unresolved
  std::string stored_;  // the draft as last stored
  bool submitting_ = false;
  int request_ = 0;
  int generation_ = 0;  // changes at each opening: uploads and stored drafts of an earlier one are dropped
  Message error_;
  std::string error_field_;
  SupplyOutcome outcome_;
  bool finished_ = false;
};

}  // namespace ivd::web
