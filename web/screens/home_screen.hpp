#pragma once
// 首页: what is due for this user — the running projects with their phase and the days left, and counts
// of what the user must act on, each linking to its screen.
namespace ivd::web {

class App;

class HomeScreen {
 public:
  void draw(App& app);
  void reset() { *this = HomeScreen{}; }
};

}  // namespace ivd::web
