#pragma once
// 报量项目审核 (menu ivd.review): city and 省本级 accounts review their hospitals; province admins review their cities.
#include "web/screens/route.hpp"

namespace ivd::web {

class App;

class ReviewScreen {
 public:
  void draw(App& app, const Route& route);
  void reset() { *this = ReviewScreen{}; }
};

}  // namespace ivd::web
