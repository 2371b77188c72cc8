#include "core/accounts/accounts_routes.hpp"

#include "core/accounts/sessions.hpp"
#include "core/base/base64.hpp"
#include "core/accounts/permissions.hpp"
#include "core/accounts/session_user.hpp"

namespace ivd {

nlohmann::json user_json(const Actor& a) { return session_user_of(a); }

namespace {

Result<nlohmann::json> get_captcha(ApiContext& c) {
  IVD_ASSIGN_OR_RETURN(const Captcha captcha, issue_captcha(c.db, c.svc));
  // The lifetime travels with the picture: the browser renews it in time without its own copy.
  return nlohmann::json{{"captcha_id", captcha.id},
                        {"image_png_base64", base64_encode(captcha.png)},
                        {"ttl_seconds", captcha.ttl_seconds}};
}

Result<nlohmann::json> post_login(ApiContext& c) {
  IVD_ASSIGN_OR_RETURN(std::string username, body_string(c.body, "username", true, 64));
  IVD_ASSIGN_OR_RETURN(std::string password, body_string(c.body, "password", true, 256));
  IVD_ASSIGN_OR_RETURN(std::string captcha_id, body_string(c.body, "captcha_id", true, 64));
  IVD_ASSIGN_OR_RETURN(std::string captcha, body_string(c.body, "captcha", true, 16));
  IVD_ASSIGN_OR_RETURN(const LoginResult r, login(c.db, c.svc, {username, password, captcha_id, captcha}, c.outside_lock));
  return nlohmann::json{
      {"token", r.token}, {"must_change_password", r.actor.must_change_password}, {"user", user_json(r.actor)}};
}

Result<nlohmann::json> get_me(ApiContext& c) { return nlohmann::json{{"user", user_json(c.me())}}; }

Result<nlohmann::json> post_change_password(ApiContext& c) {
  IVD_ASSIGN_OR_RETURN(const std::string old_pw, body_string(c.body, "old_password", true, 256));
  IVD_ASSIGN_OR_RETURN(const std::string new_pw, body_string(c.body, "new_password", true, 256));
  IVD_ASSIGN_OR_RETURN(const std::string confirm, body_string(c.body, "confirm_password", true, 256));
  IVD_TRY(change_password(c.db, c.svc, c.me().user_id, old_pw, new_pw, confirm, c.outside_lock));
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
