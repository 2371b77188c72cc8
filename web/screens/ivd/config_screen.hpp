#pragma once
// 报量项目配置 (super admin, menu ivd.config): project list and query, 新增, 统一配置, catalog import with its per-row error report, 目录下载.
#include "web/screens/route.hpp"

namespace ivd::web {

class App;

class ConfigScreen {
 public:
  void draw(App& app, const Route& route);
  void reset() { *this = ConfigScreen{}; }
};

}  // namespace ivd::web
