#pragma once
// Login: username, password, captcha picture (click for a new one), 登录. Enter submits.
#include <string>

#include "web/message.hpp"
#include "web/platform/browser.hpp"

namespace ivd::web {

class App;

struct LoginScreen {
  std::string username;
  std::string password;
  std::string captcha_answer;
  Message error;   // refusal from the server, shown above the button
  Message notice;  // e.g. "password changed, log in again"
  bool submitting = false;
  bool offline = false;  // the server cannot be reached: no captcha, the record kept on this browser unlocks
  bool focus_username = true;  // put the cursor in the first empty field on the next frame
  bool focus_captcha = false;
  bool focus_username_field = false;  // Shift+Tab from the password field

  // The password is typed into the page's real password field (shell/login_form.js) laid over the
  // field drawn here, and the username mirrored into a real username field, so the browser's password
  // manager can save and fill them.
  bool password_focused = false;        // the page's password field has the focus
  browser::LoginFormState form_state;   // where this frame drew the two fields
  std::string sent_username, sent_password;  // the values the page's fields hold
  bool password_nav_focused = false;    // ImGui's keyboard navigation is on the password field

  void draw(App& app);
  // A value the page's field changed (typed, or filled by the browser): 0 username, 1 password.
  void from_page(int which, std::string value);
};

}  // namespace ivd::web
