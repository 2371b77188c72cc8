#include "core/accounts/accounts_routes.hpp"

#include "core/accounts/sessions.hpp"
#include "core/base/base64.hpp"
#include "core/accounts/permissions.hpp"

namespace ivd {

nlohmann::json user_json(const Actor& a) {
  return {{"id", a.user_id},
          {"username", a.username},
          {"name", a.name},
          {"user_type", a.user_type},
          {"role", role_name(a.role)},
          {"region_code", a.region_code},
          {"institution_name", a.institution_name},
          // the left menu: held menus this role can use; held_menus also lists those held only to grant
          {"menus", nlohmann::json(visible_menus(a))},
          {"held_menus", nlohmann::json(std::vector<std::string>(a.menus.begin(), a.menus.end()))},
          {"must_change_password", a.must_change_password}};
}

namespace {

Result<nlohmann::json> get_captcha(ApiContext& c) {
  auto captcha = issue_captcha(c.db, c.svc);
  if (!captcha) return captcha.error();
  return nlohmann::json{{"captcha_id", captcha->id}, {"image_png_base64", base64_encode(captcha->png)}};
}

Result<nlohmann::json> post_login(ApiContext& c) {
  LoginRequest req;
  auto username = body_string(c.body, "username", true, 64);
  if (!username) return username.error();
  auto password = body_string(c.body, "password", true, 256);
  if (!password) return password.error();
  auto captcha_id = body_string(c.body, "captcha_id", true, 64);
  if (!captcha_id) return captcha_id.error();
  auto captcha = body_string(c.body, "captcha", true, 16);
  if (!captcha) return captcha.error();
  auto r = login(c.db, c.svc, {*username, *password, *captcha_id, *captcha}, c.outside_lock);
  if (!r) return r.error();
  return nlohmann::json{
      {"token", r->token}, {"must_change_password", r->actor.must_change_password}, {"user", user_json(r->actor)}};
}

Result<nlohmann::json> get_me(ApiContext& c) { return nlohmann::json{{"user", user_json(c.me())}}; }

Result<nlohmann::json> post_change_password(ApiContext& c) {
  auto old_pw = body_string(c.body, "old_password", true, 256);
  if (!old_pw) return old_pw.error();
  auto new_pw = body_string(c.body, "new_password", true, 256);
  if (!new_pw) return new_pw.error();
  auto confirm = body_string(c.body, "confirm_password", true, 256);
  if (!confirm) return confirm.error();
  IVD_TRY(change_password(c.db, c.svc, c.me().user_id, *old_pw, *new_pw, *confirm, c.outside_lock));
  return nlohmann::json{{"logged_out", true}};
}

Result<nlohmann::json> post_logout(ApiContext& c) {
  IVD_TRY(logout(c.db, c.session_token));
  return nlohmann::json::object();
}

}  // namespace

void register_account_routes(Api& api) {
  api.set_session_check(check_session);
  api.add("GET", "/auth/captcha", Access::open, get_captcha).writes();  // stores the code
  api.add("POST", "/auth/login", Access::open, post_login);
  api.add("GET", "/auth/me", Access::session, get_me);
  // Access::session: also the forced change at first login (SPEC §1).
  api.add("POST", "/auth/change-password", Access::session, post_change_password);
  api.add("POST", "/auth/logout", Access::session, post_logout);
}

}  // namespace ivd
