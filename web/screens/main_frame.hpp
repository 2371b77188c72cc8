#pragma once
// The logged-in frame: top bar (product title, account menu with the institution name: 修改密码,
// 退出系统 with confirmation), the left menu with the user's menus, the content of the chosen menu
// (the route's menu: 首页, 用户管理, the IVD screens, the supply feedback screens; a menu without a screen
// shows a placeholder).
#include <string>

#include "web/screens/accounts/users_screen.hpp"
#include "web/screens/exports/exports_screen.hpp"
#include "web/screens/home_screen.hpp"
#include "web/screens/ivd/ivd_screens.hpp"
#include "web/screens/supply/supply_screen.hpp"

namespace ivd::web {

class App;

struct MainFrame {
  bool confirm_logout = false;  // open the confirmation modal on the next frame
  HomeScreen home;              // 首页
  UsersScreen users;            // 用户管理 (sys.users)
  IvdScreens ivd;               // 报量项目配置, 报量项目管理, 报量项目审核, 全国报量数据
  SupplyScreen supply;          // 中选药品供应问题反馈 (supply.feedback)
  SupplyScreen supply_view;     // 中选药品供应问题反馈查看 (supply.view)
  ExportsScreen exports;        // 导出列表 (exports)

  void reset() { *this = MainFrame{}; }
  void draw(App& app);

 private:
  void draw_top_bar(App& app, float height);
  void draw_side_menu(App& app, float top, float width);
  void draw_content(App& app, float left, float top);
  void draw_logout_modal(App& app);
};

}  // namespace ivd::web
