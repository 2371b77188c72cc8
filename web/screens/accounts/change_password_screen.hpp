#pragma once
// Change password: forced after the first login, or opened from the account menu. Shows the policy;
// after success the session is gone and the screen shows a notice with the way back to login.
#include <string>

#include "web/message.hpp"

namespace ivd::web {

class App;

struct ChangePasswordScreen {
  std::string old_password;
  std::string new_password;
  std::string confirm_password;
  Message error;
  std::string error_field;  // "old_password" | "new_password" | "confirm_password" | ""
  bool forced = false;      // first login: no way around it except logging out
  bool submitting = false;
  bool done = false;  // changed: show the notice
  bool focus_first = true;

  void reset(bool forced_change) {
    *this = ChangePasswordScreen{};
    forced = forced_change;
  }
  void draw(App& app);
};

}  // namespace ivd::web
