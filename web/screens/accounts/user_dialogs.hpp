#pragma once
// The dialogs of 用户管理 (IVD manual 系统管理 > 用户管理): 新增 / 编辑 (one form), 授权, and the
// confirmation of 停用 / 启用 / 重置密码. Each is a modal holding its own state; it sends its request
// through App::request, keeps the server's refusal on screen (at the field it names), and on success
// closes itself and reports a notice to the screen (take_done).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/accounts/user_admin.hpp"  // UserRecord: the wire type "user", with from_json
#include "web/message.hpp"
#include "web/screens/accounts/user_pickers.hpp"

namespace ivd::web {

class App;

// Checkboxes of menus in columns, labelled by the menu's title with the id id_prefix + menu key
// ("报量项目审核##users.grant.menu.ivd.review"); ticked holds the ticked keys.
void menu_checkboxes(App& app, const char* id_prefix, const std::vector<std::string>& menus,
                     std::set<std::string>* ticked, int columns);

// What a dialog reports when it closed after a success: the notice to show; the list is reloaded.
struct DialogOutcome {
  bool done = false;
  Message notice;
};

// Inside an open modal: once the dialog's request has finished, closes the modal and hands the
// outcome over (resetting the dialog's copy); nullopt while it is still open.
std::optional<DialogOutcome> close_when_done(DialogOutcome& outcome);

class UserFormDialog {
 public:
  void open_add(App& app);
  void open_edit(App& app, const UserRecord& u);
  // Draws the modal when open; returns its outcome once, on the frame it closes after a success.
  DialogOutcome draw(App& app, RegionCache& regions);

 private:
  void submit(App& app);
  void load_menus(App& app);  // 新增: the menus a user of the chosen type and place could be granted
  bool field(App& app, const char* label_id, const char* key);  // label (* when required); error here?
  void clear();
  UserForm form() const;                              // the form as typed
  std::string field_value(std::string_view key) const;
  void check_form();                                  // problems_ from core's rules, once 确定 was pressed
  const Message* error_at(std::string_view key) const;  // the error shown at a field, or null

  bool open_request_ = false;
  bool editing_ = false;
  int64_t user_id_ = 0, revision_ = 0;
  std::string username_, name_, phone_, user_type_;
  RegionPicker region_;
  InstitutionPicker institution_;
  // 授权 at creation: the grantable menus for the chosen type and place, ticked by default.
  std::vector<std::string> grantable_;
  std::set<std::string> ticked_;
  std::string menus_for_;  // type|place the grantable list was asked for
  bool menus_loading_ = false;
  int request_ = 0;  // latest request of this dialog; answers to older ones are dropped
  std::string stored_phone_;  // 编辑: the phone the user has ("" = none: not demanded)
  bool tried_ = false;        // 确定 was pressed once: problems show, and go when corrected
  std::vector<std::pair<std::string, Message>> problems_;  // field, message (core/accounts/user_form_rules)
  Message error_;              // the server's refusal
  std::string error_field_;    // ... at this field
  std::string error_value_;    // ... for this value of it (hidden once the clerk changes it)
  bool submitting_ = false;
  bool focus_first_ = false;
  DialogOutcome outcome_;
};

class GrantDialog {
 public:
  void open(App& app, const UserRecord& u);
  DialogOutcome draw(App& app);

 private:
  void submit(App& app);

  bool open_request_ = false;
  int64_t user_id_ = 0, revision_ = 0;
  std::string username_, name_;
  std::vector<std::string> grantable_;
  std::set<std::string> ticked_;
  bool loading_ = false;
  int request_ = 0;
  Message error_;
  bool submitting_ = false;
  DialogOutcome outcome_;
};

// 停用 / 启用 / 重置密码 after a confirmation.
class ConfirmDialog {
 public:
  enum class Action { disable, enable, reset_password };
  void open(const UserRecord& u, Action action);
  DialogOutcome draw(App& app);

 private:
  void submit(App& app);

  bool open_request_ = false;
  Action action_ = Action::disable;
  int64_t user_id_ = 0;
  std::string username_, name_;
  int request_ = 0;
  Message error_;
  bool submitting_ = false;
  DialogOutcome outcome_;
};

}  // namespace ivd::web
