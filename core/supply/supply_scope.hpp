#pragma once
// Who sees and does what in the supply-problem feedback (docs/api-supply.md "Scopes"; manual 医疗机构 /
// 管理机构 / 生产/代理企业 and 注意事项). Pure functions of the actor and the feedback, used by the server's
// routes and by the screens (which buttons, which columns), so both decide alike.
//
//   hospital user (supply.feedback)      its own hospital's feedback, every status
//   city admin (supply.feedback)         the feedback of its city's hospitals, from 待管理机构确认 on
//   province admin (supply.feedback)     its 省本级 hospitals' feedback (manual 管理机构 注意事项 2), idem
//   province admin (supply.view)         every feedback of its province from 待管理机构确认 on, read-only
//   enterprise user (supply.feedback)    feedback whose product names it as 生产企业 or 申报企业, from
//                                        待企业确认 on; without the enterprise columns
//   super admin (supply.feedback)        the product list and its import; every feedback from
//                                        待管理机构确认 on, read-only
//   the 省本级 account                    nothing: 省本级 hospitals report to the province admin
// Refusals: 403 supply.role.forbidden (wrong kind of account, menu not held) and supply.scope.forbidden
// (someone else's feedback, or none with that id: the same answer, so ids cannot be probed).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/actor.hpp"
#include "core/base/result.hpp"
#include "core/store/transition.hpp"

namespace ivd {

// The side an account takes in a supply menu.
enum class SupplySide { none, hospital, reviewer, enterprise, viewer, super_admin };
// menu: menu::supply_feedback or menu::supply_view (anything else: none).
SupplySide supply_side(const Actor& a, std::string_view menu);

// What the screen of a menu offers this actor (the web asks this; it keeps no role rule of its own).
struct SupplyCaps {
  SupplySide side = SupplySide::none;
  bool can_add = false;                   // 新增反馈 (hospital)
  bool can_import_products = false;       // 国家中选项目 import (super admin)
  bool can_export = false;                // 导出 (supply.view)
  bool shows_enterprise_columns = false;  // 生产企业 / 申报企业 columns and query fields (not for enterprises)
  bool shows_hospital_columns = false;    // 医疗机构 column (everyone but the hospital itself)
  bool read_only = true;                  // no action on any row (viewer, super admin)
};
SupplyCaps supply_caps(const Actor& a, std::string_view menu);

// Where a feedback lies and whom it concerns (copied onto the feedback at 新增).
struct FeedbackScope {
  int64_t hospital_id = 0;
  std::string_view city_code;        // the hospital's region: a city or its province's 省本级
  std::string_view province_code;
  std::string_view reviewer_region;  // who confirms: the city, or the province for 省本级 hospitals
  int64_t manufacturer_id = 0;
  int64_t applicant_id = 0;
  std::string_view status;
};

// May the actor see this feedback under menu? 403 supply.role.forbidden / supply.scope.forbidden.
Status check_feedback_visible(const Actor& a, std::string_view menu, const FeedbackScope& f);
// The side the actor acts from on a visible feedback (hospital, reviewer or enterprise), none when it
// may only read it.
SupplySide acting_side(const Actor& a, std::string_view menu, const FeedbackScope& f);

// The list's scope as SQL over the columns of supply_feedback (alias f): a condition and its values,
// bound in order. 403 supply.role.forbidden for an account without a side in menu.
struct ScopeSql {
  std::string where;  // e.g. "f.hospital_id = ?"
  std::vector<SqlValue> args;
};
Result<ScopeSql> feedback_scope_sql(const Actor& a, std::string_view menu);

Error supply_role_forbidden();
Error supply_scope_forbidden();

}  // namespace ivd
