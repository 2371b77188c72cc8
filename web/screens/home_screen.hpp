#pragma once
// 首页: what is due for this user — the running projects with their phase and the days left, and counts
// of what the user must act on, each linking to its screen. Everything shown comes from one core route,
// GET /ivd/home (core/ivd/home.hpp): the phases, the tasks per role and the screen each one opens.
#include <cstdint>

#include "core/ivd/home.hpp"
#include "web/message.hpp"

namespace ivd::web {

class App;

class HomeScreen {
 public:
  void draw(App& app);
  void reset() { *this = HomeScreen{}; }

 private:
  void load(App& app);
  void draw_account(App& app, float width);
  void draw_project(App& app, const HomeProject& p);

  HomeSummary summary_;
  bool loading_ = false;
  bool loaded_ = false;
  int request_ = 0;
  int last_frame_ = -10;  // the frame the home was last drawn: coming back to it reloads
  Message error_;
};

}  // namespace ivd::web
