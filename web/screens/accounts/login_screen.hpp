#pragma once
// Login: username, password, captcha picture (click for a new one), 登录. Enter submits.
#include <string>

#include "web/message.hpp"

namespace ivd::web {

class App;

struct LoginScreen {
  std::string username;
  std::string password;
  std::string captcha_answer;
  Message error;   // refusal from the server, shown above the button
  Message notice;  // e.g. "password changed, log in again"
  bool submitting = false;
  bool focus_username = true;  // put the cursor in the first empty field on the next frame
  bool focus_captcha = false;

  void draw(App& app);
};

}  // namespace ivd::web
