#pragma once
// 全国报量数据 (super admin, menu ivd.national): query-first province list, drill-down province → city → hospital → sheet, 撤回 with a reason.
#include "web/screens/route.hpp"

namespace ivd::web {

class App;

class NationalScreen {
 public:
  void draw(App& app, const Route& route);
  void reset() { *this = NationalScreen{}; }
};

}  // namespace ivd::web
