#pragma once
// 报量项目管理 (hospital, menu ivd.fill): the hospital's projects, the sheet (SheetScreen), the 提交 page and 审核状态查看.
#include "web/screens/route.hpp"

namespace ivd::web {

class App;

class FillScreen {
 public:
  void draw(App& app, const Route& route);
  void reset() { *this = FillScreen{}; }
};

}  // namespace ivd::web
