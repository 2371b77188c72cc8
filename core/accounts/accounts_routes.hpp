#pragma once
// HTTP-facing routes of the accounts module (mounted under /api/v1 by the server):
//   GET  /auth/captcha          open     -> {captcha_id, image_png_base64, ttl_seconds}
//   POST /auth/login            open     {username, password, captcha_id, captcha}
//                                        -> {token, must_change_password, user}
//   GET  /auth/me               session  -> {user}
//   POST /auth/change-password  session  {old_password, new_password, confirm_password} -> {logged_out: true}
//   POST /auth/logout           session  -> {}
// user = SessionUser (core/accounts/session_user.hpp, to_json / from_json)
#include <nlohmann/json.hpp>

#include "core/api/actor.hpp"
#include "core/api/dispatcher.hpp"

namespace ivd {

// Adds the routes and installs check_session as the Api's session check.
void register_account_routes(Api& api);

nlohmann::json user_json(const Actor& a);  // the SessionUser of a, as JSON

}  // namespace ivd
