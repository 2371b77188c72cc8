#pragma once
// Who may manage whom (SPEC §1 "Who manages whom", IVD manual 系统管理 > 用户管理 注1).
// Pure functions over the actor and a description of the target, so every rule has a unit test
// and the browser can grey out what the server would refuse.
#include <set>
#include <string>
#include <string_view>

#include "core/api/actor.hpp"

namespace ivd {

// 6-digit national region codes: PP0000 province, PPCC00 city, PP0099 省本级 (SPEC §1), 000000 nation.
std::string province_of(std::string_view region_code);
bool is_national_code(std::string_view region_code);
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

}  // namespace ivd
