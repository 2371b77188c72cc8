#pragma once
// Who may manage whom (SPEC §1 "Who manages whom", IVD manual 系统管理 > 用户管理 注1).
// Pure functions over the actor and a description of the target, so every rule has a unit test
// and the browser offers exactly what the server would accept (DESIGN "Decide once": the web calls
// these and has no rule, role name or menu list of its own).
#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/actor.hpp"
#include "core/base/i18n.hpp"

namespace ivd {

// 6-digit national region codes: PP0000 province, PPCC00 city, PP0099 省本级 (SPEC §1), 000000 nation.
std::string province_of(std::string_view region_code);
bool is_national_code(std::string_view region_code);
// PP0099: a province's 省本级 (SPEC §1).
bool is_province_level_code(std::string_view region_code);
// true when region is ancestor itself or lies inside it (nation ⊃ province ⊃ city/省本级).
bool region_within(std::string_view region, std::string_view ancestor);

// The user a management operation acts on (or is about to create).
struct UserTarget {
  std::string user_type;    // admin | hospital | enterprise
  std::string region_code;  // admin: its region; others: their institution's region (may be empty for enterprises)
  Role role = Role::hospital;
};

// Role of an admin from its region level, and of others from their type.
Role role_for(std::string_view user_type, std::string_view region_level);
int role_rank(Role r);  // super admin highest; used for "nobody edits a user above its own level"

// May actor add, edit, authorise, disable/enable or reset the password of target?
bool can_manage(const Actor& actor, const UserTarget& target);
// Menus actor may grant to target: only menus actor holds (SPEC §1), and only those the target's role
// may hold (e.g. 中选药品供应问题反馈查看 only reaches province admins).
std::set<std::string> grantable_menus(const Actor& actor, const UserTarget& target);
// Menus held are grants; an admin may hold menus of the roles below it so that it can grant them
// (SPEC §1: nobody grants a menu it does not hold). The left menu shows only the held menus its
// role can use.
std::set<std::string> visible_menus(const Actor& actor);
// Menus a role can use (its left menu).
const std::set<std::string>& menus_for_role(Role r);
// Menus a role may hold: its own plus those of the levels it manages, to grant them on.
const std::set<std::string>& holdable_menus(Role r);

// ---- names and labels -----------------------------------------------------------------------------
// Every menu key, in the order of the left menu (SPEC §1).
const std::vector<std::string>& menu_order();
// menus in the order of the left menu (keys not in menu_order() last, as given).
std::vector<std::string> in_menu_order(const std::set<std::string>& menus);
const char* role_name(Role role);  // super_admin | province_admin | city_admin | hospital | enterprise
std::optional<Role> role_from_name(std::string_view name);
// What a clerk reads: 超级管理员 / Super administrator, 用户管理 / User management (keys role.*, menu.*).
std::string_view role_label(Lang lang, Role role);
std::string_view menu_label(Lang lang, std::string_view menu);

// ---- what a screen offers ----------------------------------------------------------------------
inline constexpr std::array<const char*, 3> kUserTypes = {"admin", "hospital", "enterprise"};
// The user types the actor adds and manages (SPEC §1: a city admin manages hospital users only).
std::vector<std::string> manageable_user_types(const Actor& actor);
// Whether a region is offered to the actor: `filter` = to narrow the user list (regions it sees into,
// and those containing its own); `admin_region` = as the region of an admin it adds or edits (where
// it may manage an admin of that level). level = regions.level of the region.
enum class RegionUse { filter, admin_region };
bool region_offered(const Actor& actor, std::string_view region_code, std::string_view level, RegionUse use);

}  // namespace ivd
