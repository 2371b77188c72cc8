#pragma once
// 新增反馈 / 编辑 (manual 医疗机构 2 and 3): 基础信息 (流水号 picked with 【选择】 from the product list, the
// product's fields copied), 问题反馈 (问题类型, 发生日期, 问题描述, 联系人, 联系电话, 附件), then 保存 or
// 保存并提交. The route says which: {view=new} or {view=edit, id}. Every problem core's form rules find
// shows at its field at once after the first 保存, and goes when corrected; the server's refusals (the
// duplicate rule's message among them) show where the clerk acted. The form as typed is kept in browser
// storage (local_store) until it is saved, so a reload or a closed tab does not lose it.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/files/files.hpp"
#include "core/supply/supply_types.hpp"
#include "web/message.hpp"
#include "web/screens/route.hpp"
#include "web/screens/supply/product_picker.hpp"
#include "web/screens/supply/supply_files.hpp"

namespace ivd::web {

class App;

// What the form did: saved (and maybe submitted) the feedback with this id.
struct FormOutcome {
  bool done = false;
  int64_t id = 0;
  Message notice;
};

class FeedbackForm {
 public:
  // today: the server's CST day number (core/supply/deadline.hpp), 0 while not known.
  FormOutcome draw(App& app, const Route& route, int64_t today);
  void reset() { *this = FeedbackForm{}; }

 private:
  void start(App& app, int64_t id);  // a new form (0) or the feedback to edit
  void load(App& app);
  void read_draft(App& app);
  void store_draft(App& app);
  void discard_draft(App& app);
  std::string draft_key(App& app) const;
  nlohmann::json draft_json() const;
  void apply_draft(const nlohmann::json& d);

  FeedbackInput input() const;  // the form as typed
  void check();                 // problems_ from core's rules, once 保存 was pressed
  bool required(std::string_view field) const;
  std::string field_value(std::string_view field) const;
  const Message* error_at(std::string_view field) const;
  void save(App& app, bool submit);

  void draw_product(App& app, float width);
  void draw_problem(App& app, float width);
  void draw_attachments(App& app);
  void draw_buttons(App& app);
  void show_error(App& app, const Message* e, const char* field);  // under its field

  int64_t id_ = 0;
  int64_t today_ = 0;
  bool started_ = false;
  int64_t revision_ = 0;
  bool loading_ = false, loaded_ = false, editable_ = true;
  bool draft_checked_ = false;  // the stored draft was read (only then is the form stored again)
  bool draft_restored_ = false;
  std::string stored_;  // the draft as last stored
  int generation_ = 0;  // changes at each start: older replies and uploads are dropped
  int request_ = 0;

  std::optional<Product> product_;
  std::string problem_type_, description_, occurred_on_, contact_name_, contact_phone_;
  std::vector<FileRef> attachments_;
  ProductPicker picker_;
  SupplyUpload upload_;

  bool tried_ = false;
  bool scroll_to_error_ = false;  // 保存 was refused: the first field in error is scrolled to
  std::vector<std::pair<std::string, Message>> problems_;
  Message error_;            // the server's refusal
  std::string error_field_;  // ... at this field
  std::string error_value_;  // ... for this value of it (hidden once the clerk changes it)
  bool submitting_ = false;
  FormOutcome outcome_;
};

}  // namespace ivd::web
