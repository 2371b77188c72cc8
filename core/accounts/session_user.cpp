#include "core/accounts/session_user.hpp"

#include <algorithm>

#include "core/accounts/permissions.hpp"
#include "core/base/json_read.hpp"

namespace ivd {


bool SessionUser::shows(std::string_view menu) const {
  return std::find(menus.begin(), menus.end(), menu) != menus.end();
}

SessionUser session_user_of(const Actor& actor) {
  SessionUser u;
  u.actor = actor;
  u.menus = in_menu_order(visible_menus(actor));
  u.manages_user_types = actor.holds(menu::users) ? manageable_user_types(actor) : std::vector<std::string>{};
  return u;
}

void to_json(nlohmann::json& j, const SessionUser& u) {
  const Actor& a = u.actor;
  j = {{"id", a.user_id},
       {"username", a.username},
       {"name", a.name},
       {"user_type", a.user_type},
       {"role", role_name(a.role)},
       {"region_code", a.region_code},
       {"institution_id", a.institution_id ? nlohmann::json(*a.institution_id) : nlohmann::json()},
       {"institution_name", a.institution_name},
       // the left menu: held menus this role can use; held_menus also lists those held only to grant
       {"menus", u.menus},
       {"held_menus", in_menu_order(a.menus)},
       {"manages_user_types", u.manages_user_types},
       {"must_change_password", a.must_change_password}};
}

void from_json(const nlohmann::json& j, SessionUser& u) {
  u = SessionUser{};
  if (!j.is_object()) return;
  Actor& a = u.actor;
  if (auto it = j.find("id"); it != j.end() && it->is_number_integer()) a.user_id = it->get<int64_t>();
  a.username = text_of(j, "username");
  a.name = text_of(j, "name");
  a.user_type = text_of(j, "user_type");
  a.role = role_from_name(text_of(j, "role")).value_or(Role::hospital);
  a.region_code = text_of(j, "region_code");
  if (auto it = j.find("institution_id"); it != j.end() && it->is_number_integer()) a.institution_id = it->get<int64_t>();
  a.institution_name = text_of(j, "institution_name");
  for (auto& m : texts_of(j, "held_menus")) a.menus.insert(std::move(m));
  if (auto it = j.find("must_change_password"); it != j.end() && it->is_boolean()) a.must_change_password = it->get<bool>();
  u.menus = texts_of(j, "menus");
  u.manages_user_types = texts_of(j, "manages_user_types");
}

}  // namespace ivd
