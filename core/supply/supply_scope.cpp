#include "core/supply/supply_scope.hpp"

#include "core/accounts/permissions.hpp"
#include "core/supply/supply_types.hpp"

namespace ivd {

Error supply_role_forbidden() { return make_error(ErrorKind::forbidden, "supply.role.forbidden"); }
Error supply_scope_forbidden() { return make_error(ErrorKind::forbidden, "supply.scope.forbidden"); }

SupplySide supply_side(const Actor& a, std::string_view menu) {
  if (menu == menu::supply_view) {
    // 中选药品供应问题反馈查看: province admins only (manual 管理机构 注意事项 1).
    return a.role == Role::province_admin && a.holds(menu::supply_view) ? SupplySide::viewer : SupplySide::none;
  }
  if (menu != menu::supply_feedback || !a.holds(menu::supply_feedback)) return SupplySide::none;
  switch (a.role) {
    case Role::hospital: return a.institution_id ? SupplySide::hospital : SupplySide::none;
    case Role::enterprise: return a.institution_id ? SupplySide::enterprise : SupplySide::none;
    case Role::province_admin: return SupplySide::reviewer;
    // 省本级 hospitals report to the province admin (manual 管理机构 注意事项 2): the 省本级 account
    // has no part in the supply feedback.
    case Role::city_admin: return is_province_level_code(a.region_code) ? SupplySide::none : SupplySide::reviewer;
    case Role::super_admin: return SupplySide::super_admin;
  }
  return SupplySide::none;
}

SupplyCaps supply_caps(const Actor& a, std::string_view menu) {
  SupplyCaps c;
  c.side = supply_side(a, menu);
  c.can_add = c.side == SupplySide::hospital;
  c.can_import_products = c.side == SupplySide::super_admin;
  c.can_export = c.side == SupplySide::viewer;
  c.shows_enterprise_columns = c.side != SupplySide::enterprise && c.side != SupplySide::none;
  c.shows_hospital_columns = c.side != SupplySide::hospital && c.side != SupplySide::none;
  c.read_only = c.side == SupplySide::viewer || c.side == SupplySide::super_admin || c.side == SupplySide::none;
  return c;
}

namespace {
bool past_draft(std::string_view s) { return !s.empty() && s != supply_status::draft; }
bool reached_enterprise(std::string_view s) {
  return past_draft(s) && s != supply_status::pending_admin;
}
bool names_enterprise(const Actor& a, const FeedbackScope& f) {
  return a.institution_id && (*a.institution_id == f.manufacturer_id || *a.institution_id == f.applicant_id);
}
}  // namespace

Status check_feedback_visible(const Actor& a, std::string_view menu, const FeedbackScope& f) {
  bool visible = false;
  switch (supply_side(a, menu)) {
    case SupplySide::none: return supply_role_forbidden();
    case SupplySide::hospital: visible = *a.institution_id == f.hospital_id; break;
    case SupplySide::reviewer: visible = past_draft(f.status) && f.reviewer_region == a.region_code; break;
    case SupplySide::enterprise: visible = reached_enterprise(f.status) && names_enterprise(a, f); break;
    case SupplySide::viewer: visible = past_draft(f.status) && f.province_code == a.region_code; break;
    case SupplySide::super_admin: visible = past_draft(f.status); break;
  }
  return visible ? ok_status() : Status(supply_scope_forbidden());
}

SupplySide acting_side(const Actor& a, std::string_view menu, const FeedbackScope& f) {
  if (!check_feedback_visible(a, menu, f).ok()) return SupplySide::none;
  const SupplySide side = supply_side(a, menu);
  switch (side) {
    case SupplySide::hospital:
    case SupplySide::reviewer:
    case SupplySide::enterprise: return side;
    default: return SupplySide::none;
  }
}

Result<ScopeSql> feedback_scope_sql(const Actor& a, std::string_view menu) {
  ScopeSql s;
  switch (supply_side(a, menu)) {
    case SupplySide::none: return supply_role_forbidden();
    case SupplySide::hospital:
      s.where = "f.hospital_id = ?";
      s.args = {*a.institution_id};
      break;
    case SupplySide::reviewer:
      s.where = "f.reviewer_region = ? AND f.status <> 'draft'";
      s.args = {a.region_code};
      break;
    case SupplySide::enterprise:
      // Two arms so each uses its own index (supply_feedback_manufacturer / _applicant).
      s.where = "f.id IN (SELECT id FROM supply_feedback WHERE manufacturer_id = ? UNION "
                "SELECT id FROM supply_feedback WHERE applicant_id = ?) AND f.status NOT IN ('draft', 'pending_admin')";
      s.args = {*a.institution_id, *a.institution_id};
      break;
    case SupplySide::viewer:
      s.where = "f.province_code = ? AND f.status <> 'draft'";
      s.args = {a.region_code};
      break;
    case SupplySide::super_admin:
      s.where = "f.status <> 'draft'";
      break;
  }
  return s;
}

}  // namespace ivd
