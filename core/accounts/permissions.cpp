#include "core/accounts/permissions.hpp"

namespace ivd {

std::string province_of(std::string_view code) {
  if (code.size() != 6) return {};
  return std::string(code.substr(0, 2)) + "0000";
}

bool is_national_code(std::string_view code) { return code == "000000"; }

bool region_within(std::string_view region, std::string_view ancestor) {
  if (region.size() != 6 || ancestor.size() != 6) return false;
  if (region == ancestor || is_national_code(ancestor)) return true;
  // Only a province contains other regions: its cities and its 省本级.
  return ancestor.substr(2) == "0000" && region.substr(0, 2) == ancestor.substr(0, 2);
}

Role role_for(std::string_view user_type, std::string_view region_level) {
  if (user_type == "hospital") return Role::hospital;
  if (user_type == "enterprise") return Role::enterprise;
  if (region_level == "national") return Role::super_admin;
  if (region_level == "province") return Role::province_admin;
  return Role::city_admin;  // city or 省本级 (reviews 省本级 hospitals like a city)
}

int role_rank(Role r) {
  switch (r) {
    case Role::super_admin: return 3;
    case Role::province_admin: return 2;
    case Role::city_admin: return 1;
    default: return 0;
  }
}

bool can_manage(const Actor& actor, const UserTarget& target) {
  if (!actor.holds(menu::users)) return false;
  switch (actor.role) {
    case Role::super_admin:
      return true;  // manages everyone
    case Role::province_admin:
      // City admins, the 省本级 account, hospital and enterprise users of its own province; never
      // another province admin (same level) or anyone above.
      if (role_rank(target.role) >= role_rank(Role::province_admin)) return false;
      return !target.region_code.empty() && region_within(target.region_code, actor.region_code);
    case Role::city_admin:
      // Hospital users of its own city only (SPEC §1: "if granted sys.users").
      return target.role == Role::hospital && target.region_code == actor.region_code;
    default:
      return false;
  }
}


const std::set<std::string>& menus_for_role(Role r) {
  static const std::set<std::string> super_admin = {menu::users, menu::ivd_config, menu::ivd_national, menu::exports};
  static const std::set<std::string> province = {menu::users, menu::ivd_review, menu::exports, menu::supply_feedback,
                                                 menu::supply_view};
  static const std::set<std::string> city = {menu::users, menu::ivd_review, menu::exports, menu::supply_feedback};
  static const std::set<std::string> hospital = {menu::ivd_fill, menu::supply_feedback};
  static const std::set<std::string> enterprise = {menu::supply_feedback};
  switch (r) {
    case Role::super_admin: return super_admin;
    case Role::province_admin: return province;
    case Role::city_admin: return city;
    case Role::hospital: return hospital;
    case Role::enterprise: return enterprise;
  }
  return hospital;
}

const std::set<std::string>& holdable_menus(Role r) {
  auto with = [](std::initializer_list<Role> roles) {
    std::set<std::string> out;
    for (Role role : roles) out.insert(menus_for_role(role).begin(), menus_for_role(role).end());
    return out;
  };
  // Each level may hold the menus of the levels it manages, so that it can grant them.
  static const std::set<std::string> super_admin = with({Role::super_admin, Role::province_admin, Role::city_admin,
                                                         Role::hospital, Role::enterprise});
  static const std::set<std::string> province = with({Role::province_admin, Role::city_admin, Role::hospital,
                                                      Role::enterprise});
  static const std::set<std::string> city = with({Role::city_admin, Role::hospital});
  switch (r) {
    case Role::super_admin: return super_admin;
    case Role::province_admin: return province;
    case Role::city_admin: return city;
    default: return menus_for_role(r);
  }
}

std::set<std::string> visible_menus(const Actor& actor) {
  std::set<std::string> out;
  for (const auto& m : actor.menus)
    if (menus_for_role(actor.role).count(m)) out.insert(m);
  return out;
}

std::set<std::string> grantable_menus(const Actor& actor, const UserTarget& target) {
  std::set<std::string> out;
  if (!can_manage(actor, target)) return out;
  for (const auto& m : holdable_menus(target.role))
    if (actor.holds(m)) out.insert(m);
  return out;
}

}  // namespace ivd
