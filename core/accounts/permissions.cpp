#include "core/accounts/permissions.hpp"

#include <algorithm>

namespace ivd {

std::string province_of(std::string_view code) {
  if (code.size() != 6) return {};
  return std::string(code.substr(0, 2)) + "0000";
}

bool is_national_code(std::string_view code) { return code == "000000"; }

bool is_province_level_code(std::string_view code) { return code.size() == 6 && code.substr(2) == "0099"; }

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
  // The super admin's supply.feedback: the product list (国家中选项目) and its import, every feedback read-only.
  static const std::set<std::string> super_admin = {menu::users, menu::ivd_config, menu::ivd_national,
                                                    menu::supply_feedback, menu::exports};
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
  // 省本级 hospitals' supply feedback goes to the province admin (supply manual 管理机构 注意事项 2): the
  // 省本级 account takes no part in it.
  if (actor.role == Role::city_admin && is_province_level_code(actor.region_code)) out.erase(menu::supply_feedback);
  return out;
}

const std::vector<std::string>& menu_order() {
  static const std::vector<std::string> menus = {menu::users,    menu::ivd_config,      menu::ivd_review,
                                                 menu::ivd_national, menu::ivd_fill, menu::supply_feedback,
                                                 menu::supply_view,  menu::exports};
  return menus;
}

std::vector<std::string> in_menu_order(const std::set<std::string>& menus) {
  std::vector<std::string> out;
  for (const auto& m : menu_order())
    if (menus.count(m)) out.push_back(m);
  for (const auto& m : menus)
    if (std::find(menu_order().begin(), menu_order().end(), m) == menu_order().end()) out.push_back(m);
  return out;
}

const char* role_name(Role role) {
  switch (role) {
    case Role::super_admin: return "super_admin";
    case Role::province_admin: return "province_admin";
    case Role::city_admin: return "city_admin";
    case Role::hospital: return "hospital";
    case Role::enterprise: return "enterprise";
  }
  return "hospital";
}

std::optional<Role> role_from_name(std::string_view name) {
  for (Role r : {Role::super_admin, Role::province_admin, Role::city_admin, Role::hospital, Role::enterprise})
    if (name == role_name(r)) return r;
  return std::nullopt;
}

std::string_view role_label(Lang lang, Role role) { return tr(lang, std::string("role.") + role_name(role)); }

std::string_view menu_label(Lang lang, std::string_view menu) {
  const std::string id = "menu." + std::string(menu);
  return has_text(lang, id) ? tr(lang, id) : menu;
}

std::vector<std::string> manageable_user_types(const Actor& actor) {
  std::vector<std::string> out;
  // A user of that type in the actor's own region, at the lowest level of the type (for admins: a
  // city), is the one every actor that manages the type at all may manage.
  for (const char* t : kUserTypes)
    if (can_manage(actor, UserTarget{t, actor.region_code, role_for(t, "city")})) out.push_back(t);
  return out;
}

bool region_offered(const Actor& actor, std::string_view code, std::string_view level, RegionUse use) {
  if (use == RegionUse::filter) return region_within(code, actor.region_code) || region_within(actor.region_code, code);
  return can_manage(actor, UserTarget{"admin", std::string(code), role_for("admin", level)});
}

std::set<std::string> grantable_menus(const Actor& actor, const UserTarget& target) {
  std::set<std::string> out;
  if (!can_manage(actor, target)) return out;
  for (const auto& m : holdable_menus(target.role))
    if (actor.holds(m)) out.insert(m);
  return out;
}

}  // namespace ivd
