#include "core/ivd/scope.hpp"

#include "core/ivd/common.hpp"

namespace ivd {
namespace {
Error role_forbidden() { return ivd_error(ErrorKind::forbidden, "ivd.role.forbidden"); }
Error scope_forbidden() { return ivd_error(ErrorKind::forbidden, "ivd.scope.forbidden"); }
}  // namespace

bool holds_any_ivd_menu(const Actor& a) {
  return a.holds(menu::ivd_config) || a.holds(menu::ivd_review) || a.holds(menu::ivd_national) ||
         a.holds(menu::ivd_fill);
}

ReviewLevel review_level(const Actor& a) {
  if (!a.holds(menu::ivd_review)) return ReviewLevel::none;
  if (a.role == Role::city_admin) return ReviewLevel::city;
  if (a.role == Role::province_admin) return ReviewLevel::province;
  return ReviewLevel::none;
}

Status check_sheet_read(const Actor& a, const SheetOwner& s) {
  switch (a.role) {
    case Role::hospital:
      if (!a.holds(menu::ivd_fill)) return role_forbidden();
      if (!a.institution_id || *a.institution_id != s.hospital_id) return scope_forbidden();
      return ok_status();
    case Role::city_admin:
      if (!a.holds(menu::ivd_review)) return role_forbidden();
      if (a.region_code != s.city_code) return scope_forbidden();
      return ok_status();
    case Role::province_admin:
      if (!a.holds(menu::ivd_review)) return role_forbidden();
      if (a.region_code != s.province_code) return scope_forbidden();
      return ok_status();
    case Role::super_admin:
      if (!a.holds(menu::ivd_national)) return role_forbidden();
      return ok_status();
    case Role::enterprise:
      break;
  }
  return role_forbidden();
}

Status check_sheet_write(const Actor& a, const SheetOwner& s) {
  if (a.role != Role::hospital || !a.holds(menu::ivd_fill)) return role_forbidden();
  if (!a.institution_id || *a.institution_id != s.hospital_id) return scope_forbidden();
  return ok_status();
}

Status check_city_reviewer(const Actor& a, std::string_view city_code) {
  if (a.role != Role::city_admin || !a.holds(menu::ivd_review)) return role_forbidden();
  if (a.region_code != city_code) return scope_forbidden();
  return ok_status();
}

Status check_city_read(const Actor& a, std::string_view city_code, std::string_view province_code) {
  switch (a.role) {
    case Role::city_admin: return check_city_reviewer(a, city_code);
    case Role::province_admin:
      if (!a.holds(menu::ivd_review)) return role_forbidden();
      if (a.region_code != province_code) return scope_forbidden();
      return ok_status();
    case Role::super_admin: return check_national(a);
    default: return role_forbidden();
  }
}

Status check_province_reviewer(const Actor& a, std::string_view province_code) {
  if (a.role != Role::province_admin || !a.holds(menu::ivd_review)) return role_forbidden();
  if (a.region_code != province_code) return scope_forbidden();
  return ok_status();
}

Status check_province_read(const Actor& a, std::string_view province_code) {
  if (a.role == Role::super_admin) return check_national(a);
  return check_province_reviewer(a, province_code);
}

Status check_national(const Actor& a) {
  if (a.role != Role::super_admin || !a.holds(menu::ivd_national)) return role_forbidden();
  return ok_status();
}

Status check_project_config(const Actor& a) {
  if (a.role != Role::super_admin || !a.holds(menu::ivd_config)) return role_forbidden();
  return ok_status();
}

}  // namespace ivd
