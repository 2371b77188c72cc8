#pragma once
// The wire type of the logged-in user, as /auth/login and /auth/me answer it and the browser reads it:
// who it is (the Actor core decides with), its left menu and what it may manage, all decided here so
// the browser keeps no role name, menu list or rule of its own (DESIGN "Decide once").
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/api/actor.hpp"

namespace ivd {

struct SessionUser {
  Actor actor;                                   // menus = the held grants (what permissions use)
  std::vector<std::string> menus;                // the left menu: held menus its role can use, in menu order
  std::vector<std::string> manages_user_types;   // user types it adds and manages (用户管理), may be empty

  bool shows(std::string_view menu) const;       // is menu in its left menu?
};

SessionUser session_user_of(const Actor& actor);

// JSON: {id, username, name, user_type, role, region_code, institution_id, institution_name, menus,
// held_menus, manages_user_types, must_change_password}. from_json is tolerant: a missing or mistyped
// field reads as its default, an unknown role as hospital (the least privileged), never an exception.
void to_json(nlohmann::json& j, const SessionUser& u);
void from_json(const nlohmann::json& j, SessionUser& u);

}  // namespace ivd
