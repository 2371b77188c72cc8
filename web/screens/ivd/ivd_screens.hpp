#pragma once
// The IVD menus' screens, held by the main frame. The sheet is shared: the hospital edits it from
// 报量项目管理, reviewers open it read-only from 报量项目审核 and 全国报量数据.
#include "web/screens/ivd/config_screen.hpp"
#include "web/screens/ivd/fill_screen.hpp"
#include "web/screens/ivd/national_screen.hpp"
#include "web/screens/ivd/review_screen.hpp"
#include "web/screens/ivd/sheet_screen.hpp"

namespace ivd::web {

struct IvdScreens {
  ConfigScreen config;      // ivd.config
  FillScreen fill;          // ivd.fill
  ReviewScreen review;      // ivd.review
  NationalScreen national;  // ivd.national
  SheetScreen sheet;        // opened from the three above
};

}  // namespace ivd::web
