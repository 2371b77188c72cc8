#pragma once
// 中选药品供应问题反馈 (menu supply.feedback) and 中选药品供应问题反馈查看 (menu supply.view), SPEC §3 and the
// supply manual. What an account gets in a menu is core's supply_caps(actor, menu); which view shows is
// the route, so Back / Forward / reload / deep links keep the place:
//   {}                        the list (query form, table, paging; 新增反馈 / 导出 as core offers)
//   {view=detail, id}         one feedback with its history
//   {view=new} / {view=edit, id}   the hospital's form
//   {view=products}           国家中选项目 (the super admin's product list and import)
// The action dialogs (确认, 退回, 提交, 撤回, ...) are opened from the list and the detail page alike.
#include <cstdint>
#include <string>

#include "core/supply/supply_types.hpp"
#include "web/message.hpp"
#include "web/screens/route.hpp"
#include "web/screens/supply/feedback_detail.hpp"
#include "web/screens/supply/feedback_dialogs.hpp"
#include "web/screens/supply/feedback_form.hpp"
#include "web/screens/supply/feedback_list.hpp"
#include "web/screens/supply/product_list.hpp"

namespace ivd::web {

class App;

class SupplyScreen {
 public:
  void draw(App& app, const Route& route);
  void reset() { *this = SupplyScreen{}; }

 private:
  void draw_tabs(App& app, const Route& route);
  void load_calendar(App& app);

  FeedbackList list_;
  FeedbackDetailPage detail_;
  FeedbackForm form_;
  ProductList products_;
  FeedbackActionDialog action_;
  // GET /supply/calendar: the warning for a year the official calendar does not cover (admins).
  bool calendar_asked_ = false;
  Message calendar_warning_;
  int64_t today_ = 0;  // the server's CST day number (for the form's 发生日期 rule), 0 until known
};

}  // namespace ivd::web
