// 新增 / 编辑 user (IVD manual 用户管理 3 and 4): username, 姓名, 手机, 用户类型, then by type the region
// (医保机构) or the institution (医疗机构 / 企业); at creation also the menus to grant. The username
// cannot change once created. The server decides; its refusals show at the field they name.
//
// [SECTION] opening
// [SECTION] menus grantable at creation
// [SECTION] submit
// [SECTION] drawing
#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/accounts/user_form_rules.hpp"
#include "web/app.hpp"
#include "web/dialog_widgets.hpp"
#include "web/json_fields.hpp"
#include "web/screens/accounts/user_dialogs.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

namespace {
constexpr const char* kPopup = "##users.form.dlg";
}  // namespace

// [SECTION] opening

void UserFormDialog::clear() {
  const int last = request_;
  *this = UserFormDialog{};
  request_ = last;  // answers to requests of an earlier opening stay stale
}

void UserFormDialog::open_add(App& app) {
  clear();
  // The one type the actor may create, preselected (a city admin creates hospital users only).
  const auto& types = app.user->manages_user_types;  // decided by core (permissions.hpp)
  if (types.size() == 1) user_type_ = types[0];
  open_request_ = true;
  focus_first_ = true;
}

void UserFormDialog::open_edit(App&, const UserRecord& u) {
  clear();
  editing_ = true;
  user_id_ = u.id;
  revision_ = u.revision;
  username_ = u.username;
  name_ = u.name;
  phone_ = u.phone;
  stored_phone_ = u.phone;
  user_type_ = u.user_type;
  if (u.user_type == "admin")
    region_.set(u.region_code);
  else if (u.institution_id)
    institution_.set(*u.institution_id, u.institution_name, u.institution_code);
  open_request_ = true;
  focus_first_ = true;
}

UserForm UserFormDialog::form() const {
  UserForm f;
  f.username = username_;
  f.name = name_;
  f.phone = phone_;
  f.user_type = user_type_;
  if (user_type_ == "admin")
    f.region_code = region_.value(RegionPickMode::admin);
  else
    f.institution_id = institution_.id;
  return f;
}

std::string UserFormDialog::field_value(std::string_view key) const {
  const UserForm f = form();
  if (key == "username") return f.username;
  if (key == "name") return f.name;
  if (key == "phone") return f.phone;
  if (key == "user_type") return f.user_type;
  if (key == "region_code") return f.region_code;
  if (key == "institution_id") return f.institution_id ? std::to_string(*f.institution_id) : std::string();
  return {};
}

const Message* UserFormDialog::error_at(std::string_view key) const {
  for (const auto& [field, message] : problems_)
    if (field == key) return &message;
  // The server's refusal at a field, until the clerk changes that field.
  if (!error_.empty() && error_field_ == key && field_value(key) == error_value_) return &error_;
  return nullptr;
}

bool UserFormDialog::field(App& app, const char* label_id, const char* key) {
  widgets::field_label(app.t(label_id), user_field_required(key, form(), editing_, stored_phone_));
  return error_at(key) != nullptr;
}

void UserFormDialog::check_form() {
  problems_.clear();
  if (!tried_) return;
  for (const Error& e : user_form_problems(form(), editing_, stored_phone_))
    problems_.emplace_back(e.field, Message::server(e.message_zh, e.message_en));
}

// [SECTION] menus grantable at creation

void UserFormDialog::load_menus(App& app) {
  if (editing_ || user_type_.empty()) return;
  const bool admin = user_type_ == "admin";
  const std::string place = admin ? region_.value(RegionPickMode::admin)
                                  : (institution_.id ? std::to_string(*institution_.id) : std::string());
  const std::string key = place.empty() ? std::string() : user_type_ + "|" + place;
  if (key == menus_for_) return;
  menus_for_ = key;
  grantable_.clear();
  ticked_.clear();
  if (key.empty()) return;
  nlohmann::json body = {{"user_type", user_type_}};
  if (admin)
    body["region_code"] = place;
  else
    body["institution_id"] = *institution_.id;
  const int req = ++request_;
  menus_loading_ = true;
  app.request("POST", "/users/grantable-menus", body, [this, req, &app](const ApiReply& r) {
    if (req != request_) return;
    menus_loading_ = false;
    if (!r.ok()) {
      error_ = app.message_of(r);
      error_field_ = r.field();
      return;
    }
    grantable_ = json_field::strings(r.body, "grantable");
    ticked_.insert(grantable_.begin(), grantable_.end());  // the API's default: every grantable menu
  });
}

// [SECTION] submit

void UserFormDialog::submit(App& app) {
  if (submitting_) return;
  error_.clear();
  error_field_.clear();
  const bool admin = user_type_ == "admin";
  // Every problem core finds without the server, all at once (core/accounts/user_form_rules.hpp);
  // the rest (scope, region, institution, duplicates) is the server's answer.
  tried_ = true;
  check_form();
  if (!problems_.empty()) return;

  nlohmann::json body = {{"username", username_}, {"name", name_}, {"phone", phone_}};
  if (admin)
    body["region_code"] = region_.value(RegionPickMode::admin);
  else
    body["institution_id"] = *institution_.id;
  std::string method = "POST", path = "/users";
  if (editing_) {
    method = "PUT";
    path += "/" + std::to_string(user_id_);
    body["revision"] = revision_;
  } else {
    body["user_type"] = user_type_;
    if (!menus_for_.empty() && !menus_loading_)
      body["menus"] = std::vector<std::string>(ticked_.begin(), ticked_.end());
  }
  submitting_ = true;
  const int req = ++request_;
  app.request(method, path, body, [this, req, &app](const ApiReply& r) {
    if (req != request_) return;
    submitting_ = false;
    if (!r.ok()) {
      error_ = app.message_of(r);
      error_field_ = r.field();
      error_value_ = field_value(error_field_);
      return;
    }
    outcome_ = {true, Message::of(editing_ ? "web.users.done_edit" : "web.users.done_add", {username_})};
  });
}

// [SECTION] drawing

DialogOutcome UserFormDialog::draw(App& app, RegionCache& regions) {
  if (!widgets::begin_modal(kPopup, 660, &open_request_)) return {};
  if (auto finished = close_when_done(outcome_)) {
    clear();
    return *finished;
  }
  const bool admin = user_type_ == "admin";
  check_form();  // after a first 确定: each error goes as soon as its field is corrected
  widgets::text(app.t(editing_ ? "web.users.edit_title" : "web.users.add_title"), theme::kFontTitle);
  ImGui::Dummy(px(0, 2));

  auto error_here = [&](const char* key) {
    if (const Message* m = error_at(key))
      widgets::field_error(m->text(app.lang), (std::string("users.form.error.") + key).c_str());
  };
  auto input = [&](const char* widget_id, const char* hint_id, std::string* value, bool error, int flags = 0) {
    if (error) ImGui::PushStyleColor(ImGuiCol_Border, theme::kError);
    ImGui::InputTextWithHint(widget_id, app.t(hint_id).data(), value, flags);
    if (error) ImGui::PopStyleColor();
  };

  {
    widgets::FormGrid grid(2, ImGui::GetContentRegionAvail().x, px(16), px(10));
    grid.cell();
    const bool e_user = field(app, "web.users.f.username", "username");
    if (editing_) {
      ImGui::PushStyleColor(ImGuiCol_FrameBg, theme::kPageBg);
      ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextMuted);
      input("##users.form.username", "web.users.f.username_hint", &username_, e_user, ImGuiInputTextFlags_ReadOnly);
      ImGui::PopStyleColor(2);
      widgets::text(app.t("web.users.f.username_fixed"), theme::kFontSmall, theme::kTextMuted);
      widgets::expose("users.form.username_fixed", app.t("web.users.f.username_fixed"));
    } else {
      if (focus_first_) ImGui::SetKeyboardFocusHere();
      input("##users.form.username", "web.users.f.username_hint", &username_, e_user, ImGuiInputTextFlags_CharsNoBlank);
    }
    error_here("username");
    grid.cell();
    const bool e_name = field(app, "web.users.f.name", "name");
    if (editing_ && focus_first_) ImGui::SetKeyboardFocusHere();
    focus_first_ = false;
    input("##users.form.name", "web.users.f.name_hint", &name_, e_name);
    error_here("name");

    grid.cell();
    const bool e_phone = field(app, "web.users.f.phone", "phone");
    input("##users.form.phone", "web.users.f.phone_hint", &phone_, e_phone, ImGuiInputTextFlags_CharsNoBlank);
    error_here("phone");
    grid.cell();
    const bool e_type = field(app, "web.users.f.type", "user_type");
    std::vector<widgets::ComboOption> types;
    for (const std::string& t : app.user->manages_user_types)  // decided by core (permissions.hpp)
      if (!editing_ || user_type_ == t) types.push_back({t, std::string(app.t("web.users.type." + t))});
    if (e_type) ImGui::PushStyleColor(ImGuiCol_Border, theme::kError);
    if (widgets::combo("##users.form.type", types, &user_type_, app.t("web.users.f.choose"), !editing_)) {
      region_.clear();
      institution_.clear();
    }
    if (e_type) ImGui::PopStyleColor();
    error_here("user_type");
    grid.end();
  }

  // Where the user belongs: a region for 医保机构, an institution for the others.
  ImGui::PushItemWidth(-FLT_MIN);
  if (admin) {
    const bool e = field(app, "web.users.f.region", "region_code");
    region_.draw(app, regions, "users.form.region", RegionPickMode::admin, e, ImGui::GetContentRegionAvail().x);
    error_here("region_code");
  } else if (!user_type_.empty()) {
    const bool e =
        field(app, user_type_ == "hospital" ? "web.users.f.hospital" : "web.users.f.enterprise", "institution_id");
    institution_.draw(app, "##users.form.institution", user_type_, e);
    error_here("institution_id");
  }
  ImGui::PopItemWidth();

  // 授权 at creation (IVD manual 用户管理 注1: province admins create city admins and give them menus).
  if (!editing_) {
    load_menus(app);
    widgets::field_label(app.t("web.users.f.menus"));
    ImGui::Dummy(px(0, 2));
    if (menus_for_.empty()) {
      widgets::text(app.t("web.users.f.menus_choose_first"), theme::kFontSmall, theme::kTextMuted);
    } else if (menus_loading_) {
      widgets::text(app.t("web.users.loading"), theme::kFontSmall, theme::kTextMuted);
    } else if (grantable_.empty()) {
      widgets::text(app.t("web.users.f.menus_none"), theme::kFontSmall, theme::kTextMuted);
    } else {
      menu_checkboxes(app, "users.form.menu.", grantable_, &ticked_, 3);
    }
    error_here("menus");
  }

  // A refusal that names no field shown here (stale revision, no permission, network).
  const bool shown_at_field = error_field_ == "username" || error_field_ == "name" || error_field_ == "phone" ||
                              error_field_ == "user_type" || error_field_ == "region_code" ||
                              error_field_ == "institution_id" || (!editing_ && error_field_ == "menus");
  if (!shown_at_field) dialog_ui::refusal(error_, app.lang, "users.form.error");

  ImGui::Dummy(px(0, 6));
  const int b = dialog_ui::buttons(app, "users.form", submitting_, "web.users.submitting", !submitting_);
  if (b > 0) submit(app);
  if (b < 0) {
    ImGui::CloseCurrentPopup();
    clear();
  }
  widgets::end_modal();
  return {};
}

}  // namespace ivd::web
