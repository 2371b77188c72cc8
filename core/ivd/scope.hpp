#pragma once
// Who may see and act on which IVD record (SPEC §1 Permissions, §2.3-2.5). Menus grant the screen;
// the region decides the records: a city admin (also the 省本级 account, IVD manual FAQ 2) acts on
// hospitals whose region is its own, a province admin on the cities of its province, the super admin
// on everything. Refusals are 403 with ivd.role.forbidden (wrong kind of account or menu missing) or
// ivd.scope.forbidden (right kind, someone else's record).
#include <string_view>

#include "core/api/actor.hpp"
#include "core/base/result.hpp"

namespace ivd {

struct SheetOwner {
  int64_t hospital_id = 0;
  std::string_view city_code;
  std::string_view province_code;
};

// Read a hospital's sheet and its history: the hospital itself (ivd.fill), its city admin and its
// province admin (ivd.review), the super admin (ivd.national).
Status check_sheet_read(const Actor& a, const SheetOwner& s);
// Edit and submit: the hospital itself with ivd.fill.
Status check_sheet_write(const Actor& a, const SheetOwner& s);
// City review actions on the hospitals of city_code (取消上报, 上报, 审核, 审核撤回, 提交).
Status check_city_reviewer(const Actor& a, std::string_view city_code);
// Read the city's hospital list: its city admin, its province admin, the super admin.
Status check_city_read(const Actor& a, std::string_view city_code, std::string_view province_code);
// Province review actions (审核/审核撤回 of its cities, 提交 to the nation).
Status check_province_reviewer(const Actor& a, std::string_view province_code);
// Read the province's city list: its province admin, the super admin.
Status check_province_read(const Actor& a, std::string_view province_code);
// National actions and lists (全国报量数据): the super admin with ivd.national.
Status check_national(const Actor& a);
// Project configuration (报量项目配置): the super admin with ivd.config.
Status check_project_config(const Actor& a);

// Any IVD menu at all (reading projects and the catalog).
bool holds_any_ivd_menu(const Actor& a);

// Which 报量项目审核 view an account gets (IVD manual 市级 / 省级报量项目审核): a city admin or 省本级
// account with ivd.review reviews the hospitals of its region (actor.region_code), a province admin with
// ivd.review the cities of its province (actor.region_code); anybody else has no review view.
enum class ReviewLevel { none, city, province };
ReviewLevel review_level(const Actor& a);

}  // namespace ivd
