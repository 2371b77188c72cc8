#pragma once
// The dialogs of 报量项目审核 (IVD manual 市级 / 省级报量项目审核): the confirmation of a row action
// (审核通过, 审核撤回, 取消上报, 上报) or its reason (审核不通过), and the confirmation of 提交 that names
// what blocks it. Refusals stay in the dialog, where the clerk acted.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/ivd/review_actions.hpp"
#include "web/message.hpp"

namespace ivd::web {

class App;

// What a dialog did, for its list: reload (the action went through, or the row was stale), a notice,
// or a blocking row the clerk clicked (its key) or a refusal that belongs to a field of the list.
struct ReviewOutcome {
  bool reload = false;
  Message notice;
  std::string jump;           // key of the blocking row clicked (hospital code / city code)
  Message field_error;        // e.g. 422 ivd.review.summary_required: shown at the upload field
};

// The record an action is taken on.
struct ReviewTarget {
  std::string path;      // "/ivd/projects/3/hospitals/17" or "/ivd/projects/3/cities/340100"
  std::string name;      // shown in the question
  std::string key;       // hospital code / city code (test ids, stale reloads)
  int64_t revision = 0;
};

class ActionDialog {
 public:
  void open(ReviewAction action, ReviewTarget target);
  ReviewOutcome draw(App& app);
  // After the list reloaded: the row's new revision (a stale refusal is retried with it).
  void update_revision(const std::string& key, int64_t revision);

 private:
  void submit(App& app);
  bool open_request_ = false;
  ReviewAction action_ = ReviewAction::approve;
  ReviewTarget target_;
  std::string reason_;
  bool submitting_ = false;
  int request_ = 0;
  Message error_, reason_error_;
  ReviewOutcome outcome_;
  bool finished_ = false;
};

// 提交 (the city to its province, the province to the nation): a confirmation; 422 … not_all_approved
// lists details.blocking, each a link to its row.
class SubmitDialog {
 public:
  struct Blocking {
    std::string key, name, status_label;
  };
  // key_field / name_field: the fields of details.blocking items (hospital_code / hospital_name, or
  // city_code / city_name); status_prefix: the label prefix of their status.
  void open(std::string path, nlohmann::json body, std::string question, std::string key_field,
            std::string name_field, std::string status_prefix);
  ReviewOutcome draw(App& app);

 private:
  void submit(App& app);
  bool open_request_ = false;
  std::string path_, question_, key_field_, name_field_, status_prefix_;
  nlohmann::json body_;
  bool submitting_ = false;
  int request_ = 0;
  Message error_;
  std::vector<Blocking> blocking_;
  ReviewOutcome outcome_;
  bool finished_ = false;
};

}  // namespace ivd::web
