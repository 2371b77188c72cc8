#pragma once
// Who is calling: the logged-in user resolved from its session, with what decides permissions.
#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace ivd {

// Menus are the unit of permission (SPEC §1, 授权 checkboxes).
namespace menu {
inline constexpr const char* users = "sys.users";
inline constexpr const char* ivd_config = "ivd.config";
inline constexpr const char* ivd_review = "ivd.review";
inline constexpr const char* ivd_national = "ivd.national";
inline constexpr const char* ivd_fill = "ivd.fill";
inline constexpr const char* supply_feedback = "supply.feedback";
inline constexpr const char* supply_view = "supply.view";
inline constexpr const char* exports = "exports";
}  // namespace menu

enum class Role { super_admin, province_admin, city_admin, hospital, enterprise };

struct Actor {
  int64_t user_id = 0;
  std::string username;
  std::string name;
  std::string user_type;        // admin | hospital | enterprise
  std::string region_code;      // admin: its region; hospital: its hospital's region
  std::optional<int64_t> institution_id;
  std::string institution_name; // shown in the account menu (admin: region name)
  Role role = Role::hospital;
  std::set<std::string> menus;
  bool must_change_password = false;

  bool holds(const std::string& m) const { return menus.count(m) > 0; }
};

}  // namespace ivd
