// 授权 (IVD manual 用户管理 5) and the confirmations of 停用 / 启用 / 重置密码 (用户管理 6 and 7).
#include <imgui.h>

#include <algorithm>

#include "web/app.hpp"
#include "web/dialog_widgets.hpp"
#include "web/json_fields.hpp"
#include "web/screens/accounts/user_dialogs.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

namespace {

constexpr const char* kGrantPopup = "##users.grant.dlg";
constexpr const char* kConfirmPopup = "##users.confirm.dlg";

std::string who(const std::string& username, const std::string& name) {
  return name.empty() || name == username ? username : name + "（" + username + "）";
}

}  // namespace

// [SECTION] menu checkboxes

void menu_checkboxes(App& app, const char* id_prefix, const std::vector<std::string>& menus,
                     std::set<std::string>* ticked, int columns) {
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, px(4, 4));  // a box the size of the text, not of an input
  // In the order of the left menu (core's menu order).
  const std::vector<std::string> ordered = in_menu_order(std::set<std::string>(menus.begin(), menus.end()));
  if (ImGui::BeginTable(id_prefix, columns, ImGuiTableFlags_SizingStretchSame)) {
    for (const auto& m : ordered) {
      ImGui::TableNextColumn();
      bool on = ticked->count(m) > 0;
      const std::string label = std::string(app.menu_title(m)) + "##" + id_prefix + m;
      if (ImGui::Checkbox(label.c_str(), &on)) {
        if (on)
          ticked->insert(m);
        else
          ticked->erase(m);
      }
    }
    ImGui::EndTable();
  }
  ImGui::PopStyleVar();
}

// [SECTION] 授权

void GrantDialog::open(App& app, const UserRecord& u) {
  const int last = request_;
  *this = GrantDialog{};
  request_ = last;
  user_id_ = u.id;
  revision_ = u.revision;
  username_ = u.username;
  name_ = u.name;
  open_request_ = true;
  loading_ = true;
  // Only the menus the actor may grant to this user are offered (SPEC §1: nobody grants a menu it does
  // not hold); the ticks start from what the user holds now.
  const int req = ++request_;
  app.request("GET", "/users/" + std::to_string(u.id) + "/grantable-menus", nullptr,
              [this, req, &app](const ApiReply& r) {
                if (req != request_) return;
                loading_ = false;
                if (!r.ok()) {
                  error_ = app.message_of(r);
                  return;
                }
                grantable_ = json_field::strings(r.body, "grantable");
                for (const auto& m : json_field::strings(r.body, "held")) ticked_.insert(m);
              });
}

void GrantDialog::submit(App& app) {
  if (submitting_ || loading_) return;
  error_.clear();
  std::vector<std::string> menus;
  for (const auto& m : grantable_)
    if (ticked_.count(m)) menus.push_back(m);
  submitting_ = true;
  const int req = ++request_;
  app.request("PUT", "/users/" + std::to_string(user_id_) + "/menus", {{"revision", revision_}, {"menus", menus}},
              [this, req, &app](const ApiReply& r) {
                if (req != request_) return;
                submitting_ = false;
                if (!r.ok()) {
                  error_ = app.message_of(r);
                  return;
                }
                outcome_ = {true, Message::of("web.users.done_grant", {username_})};
              });
}

std::optional<DialogOutcome> close_when_done(DialogOutcome& outcome) {
  if (!outcome.done) return std::nullopt;
  ImGui::CloseCurrentPopup();
  widgets::end_modal();
  DialogOutcome out = outcome;
  outcome = {};
  return out;
}

DialogOutcome GrantDialog::draw(App& app) {
  if (!widgets::begin_modal(kGrantPopup, 520, &open_request_)) return {};
  if (auto finished = close_when_done(outcome_)) return *finished;
  widgets::text(app.t("web.users.grant_title"), theme::kFontTitle);
  widgets::text(app.tf("web.users.grant_for", {who(username_, name_)}), theme::kFontSmall, theme::kTextMuted);
  ImGui::Dummy(px(0, 2));
  widgets::text_wrapped(app.t("web.users.grant_hint"), theme::kFontSmall, theme::kTextMuted);
  ImGui::Dummy(px(0, 2));
  if (loading_) {
    widgets::text(app.t("web.users.loading"), 0, theme::kTextMuted);
  } else if (grantable_.empty() && error_.empty()) {
    widgets::text(app.t("web.users.f.menus_none"), 0, theme::kTextMuted);
  } else {
    menu_checkboxes(app, "users.grant.menu.", grantable_, &ticked_, 2);
  }
  dialog_ui::refusal(error_, app.lang, "users.grant.error");
  ImGui::Dummy(px(0, 6));
  const int b = dialog_ui::buttons(app, "users.grant", submitting_, "web.users.submitting", !submitting_ && !loading_ && !grantable_.empty());
  if (b > 0) submit(app);
  if (b < 0) {
    ++request_;  // an answer still on its way no longer concerns this dialog
    submitting_ = false;
    ImGui::CloseCurrentPopup();
  }
  widgets::end_modal();
  return {};
}

// [SECTION] 停用 / 启用 / 重置密码

void ConfirmDialog::open(const UserRecord& u, Action action) {
  const int last = request_;
  *this = ConfirmDialog{};
  request_ = last;
  action_ = action;
  user_id_ = u.id;
  username_ = u.username;
  name_ = u.name;
  open_request_ = true;
}

void ConfirmDialog::submit(App& app) {
  if (submitting_) return;
  error_.clear();
  const char* verb = action_ == Action::disable ? "disable" : action_ == Action::enable ? "enable" : "reset-password";
  const char* done = action_ == Action::disable  ? "web.users.done_disable"
                     : action_ == Action::enable ? "web.users.done_enable"
                                                 : "web.users.done_reset";
  submitting_ = true;
  const int req = ++request_;
  app.request("POST", "/users/" + std::to_string(user_id_) + "/" + verb, nlohmann::json::object(),
              [this, req, done, &app](const ApiReply& r) {
                if (req != request_) return;
                submitting_ = false;
                if (!r.ok()) {
                  error_ = app.message_of(r);
                  return;
                }
                outcome_ = {true, Message::of(done, {username_})};
              });
}

DialogOutcome ConfirmDialog::draw(App& app) {
  if (!widgets::begin_modal(kConfirmPopup, 440, &open_request_)) return {};
  if (auto finished = close_when_done(outcome_)) return *finished;
  const char* title = action_ == Action::disable  ? "web.users.disable"
                      : action_ == Action::enable ? "web.users.enable"
                                                  : "web.users.reset_password";
  const char* text = action_ == Action::disable  ? "web.users.confirm_disable"
                     : action_ == Action::enable ? "web.users.confirm_enable"
                                                 : "web.users.confirm_reset";
  widgets::text(app.t(title), theme::kFontTitle);
  ImGui::Dummy(px(0, 2));
  widgets::text_wrapped(app.tf(text, {who(username_, name_)}));
  dialog_ui::refusal(error_, app.lang, "users.confirm.error");
  ImGui::Dummy(px(0, 8));
  const int b = dialog_ui::buttons(app, "users.confirm", submitting_, "web.users.submitting", !submitting_);
  if (b > 0) submit(app);
  if (b < 0) {
    ++request_;
    submitting_ = false;
    ImGui::CloseCurrentPopup();
  }
  widgets::end_modal();
  return {};
}

}  // namespace ivd::web
