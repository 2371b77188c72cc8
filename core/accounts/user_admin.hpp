#pragma once
// 用户管理 (SPEC §1, IVD manual 系统管理 > 用户管理): query, add, edit, 授权, 停用/启用, 重置密码 — each
// checked against who manages whom (permissions.hpp) before accounts.hpp changes anything.
// Refusals: user.forbidden (target outside the actor's scope or above its level, 403),
// user.menu_not_grantable (403), revision.stale (409), field errors (400) naming the field.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/api/actor.hpp"
#include "core/store/db.hpp"
#include "core/accounts/permissions.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"

namespace ivd {

inline constexpr size_t kUserNameMax = 50;      // 姓名, characters
inline constexpr size_t kUsernameMax = 64;      // bytes
inline constexpr int kUserPageSizeMax = 100;

struct UserQuery {
  std::string username;     // contains
  std::string name;         // contains
  std::string user_type;    // admin | hospital | enterprise | ""
  std::string region_code;  // the user's region lies within it | ""
  std::string status;       // enabled | disabled | ""
  int page = 1;
  int page_size = 20;
};

struct UserRecord {
  int64_t id = 0;
  std::string username, name, phone, user_type, region_code, region_name;
  std::optional<int64_t> institution_id;
  std::string institution_code, institution_name;
  Role role = Role::hospital;
  bool disabled = false;
  bool must_change_password = false;
  int64_t revision = 0;
  std::set<std::string> menus;

  UserTarget target() const { return {user_type, region_code, role}; }
};
// The wire type "user" of 用户管理 (GET /users, /users/{id}); the browser reads it with from_json
// (tolerant: missing or mistyped fields read as defaults).
nlohmann::json to_json(const UserRecord& u);
void from_json(const nlohmann::json& j, UserRecord& u);

struct UserPage {
  int64_t total = 0;
  int page = 1;
  int page_size = 20;
  std::vector<UserRecord> items;
};

// Only users the actor may manage are listed (a province admin sees its province, a city admin its city).
Result<UserPage> query_users(Db& db, const Actor& actor, UserQuery q);
Result<UserRecord> load_user(Db& db, int64_t id);

// Fields of the add/edit forms, as sent by the client (already type-checked by the route).
struct UserForm {
  std::string username;  // add only; immutable afterwards
  std::string name;
  std::string phone;     // 手机: mainland mobile number
  std::string user_type;
  std::string region_code;               // 医保机构: its region
  std::optional<int64_t> institution_id; // 医疗机构 / 企业
  std::optional<std::vector<std::string>> menus;  // add: default = every grantable menu of the role
};

// What the add form may tick for a would-be user of that type and region or institution.
Result<std::set<std::string>> menus_grantable_for_form(Db& db, const Actor& actor, const UserForm& form);

Result<int64_t> add_user(Db& db, Services& svc, const Actor& actor, const UserForm& form);
// Edits name, phone, region (医保机构) or institution; the username cannot change (user.username_immutable).
Result<int64_t> edit_user(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision, const UserForm& form);
// Sets the menus the actor can grant; menus it cannot grant keep their current state.
Status grant_menus(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision,
                   const std::vector<std::string>& menus);
Status set_disabled(Db& db, Services& svc, const Actor& actor, int64_t id, bool disabled);
Status reset_user_password(Db& db, Services& svc, const Actor& actor, int64_t id);

}  // namespace ivd
