#include "core/accounts/user_admin_routes.hpp"

#include "core/org/institutions.hpp"
#include "core/org/regions.hpp"
#include "core/accounts/user_admin.hpp"
#include "core/base/field_label.hpp"

namespace ivd {
namespace {

using nlohmann::json;

Result<int64_t> id_param(const ApiContext& c) {
  const std::string& s = c.params.at("id");
  if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string::npos)
    return make_field_error(ErrorKind::bad_request, "request.bad_field", "id");
  return std::stoll(s);
}

std::string query_param(const ApiContext& c, const char* key) {
  auto it = c.req.query.find(key);
  return it == c.req.query.end() ? std::string() : it->second.substr(0, 200);
}

int query_int(const ApiContext& c, const char* key, int fallback) {
  const std::string s = query_param(c, key);
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos) return fallback;
  return std::stoi(s);
}

// The add/edit form from the body; every field type-checked, names the field when wrong.
Result<UserForm> read_form(const json& b, bool adding) {
  UserForm f;
  auto text = [&](const char* key, std::string& out, bool required, size_t max) -> Status {
    IVD_ASSIGN_OR_RETURN(out, body_string(b, key, required, max));
    return ok_status();
  };
  if (adding) {
    IVD_TRY(text("username", f.username, true, 64));
    IVD_TRY(text("user_type", f.user_type, true, 20));
  } else {
    IVD_TRY(text("username", f.username, false, 64));
  }
  IVD_TRY(text("name", f.name, true, 200));
  IVD_TRY(text("phone", f.phone, adding, 40));  // an edit may leave it empty (user_form_rules.hpp)
  IVD_TRY(text("region_code", f.region_code, false, 6));
  if (auto it = b.find("institution_id"); it != b.end() && !it->is_null()) {
    if (!it->is_number_integer()) return make_field_error(ErrorKind::bad_request, "request.bad_field", "institution_id");
    f.institution_id = it->get<int64_t>();
  }
  if (auto it = b.find("menus"); it != b.end() && !it->is_null()) {
    if (!it->is_array()) return make_field_error(ErrorKind::bad_request, "request.bad_field", "menus");
    std::vector<std::string> menus;
    for (const auto& m : *it) {
      if (!m.is_string()) return make_field_error(ErrorKind::bad_request, "request.bad_field", "menus");
      menus.push_back(m.get<std::string>());
    }
    f.menus = std::move(menus);
  }
  return f;
}

json items_json(const auto& items) {
  json out = json::array();
  for (const auto& i : items) out.push_back(to_json(i));
  return out;
}

Result<json> list_users(ApiContext& c) {
  UserQuery q{query_param(c, "username"), query_param(c, "name"),   query_param(c, "user_type"),
              query_param(c, "region_code"), query_param(c, "status"), query_int(c, "page", 1),
              query_int(c, "page_size", 20)};
  IVD_ASSIGN_OR_RETURN(const UserPage page, query_users(c.db, c.me(), q));
  return json{{"total", page.total}, {"page", page.page}, {"page_size", page.page_size}, {"items", items_json(page.items)}};
}

Result<json> get_user(ApiContext& c) {
  IVD_ASSIGN_OR_RETURN(const int64_t id, id_param(c));
  auto u = load_user(c.db, id);
  if (!u || !can_manage(c.me(), u->target())) return make_error(ErrorKind::forbidden, "user.forbidden");
  return to_json(*u);
}

Result<json> post_user(ApiContext& c) {
  IVD_ASSIGN_OR_RETURN(const UserForm form, read_form(c.body, true));
  IVD_ASSIGN_OR_RETURN(const int64_t id, add_user(c.db, c.svc, c.me(), form));
  return json{{"id", id}};
}

Result<json> put_user(ApiContext& c) {
  IVD_ASSIGN_OR_RETURN(const int64_t id, id_param(c));
  IVD_ASSIGN_OR_RETURN(const int64_t revision, body_int(c.body, "revision"));
  IVD_ASSIGN_OR_RETURN(const UserForm form, read_form(c.body, false));
  IVD_ASSIGN_OR_RETURN(const int64_t r, edit_user(c.db, c.svc, c.me(), id, revision, form));
  return json{{"revision", r}};
}

Result<json> put_menus(ApiContext& c) {
  IVD_ASSIGN_OR_RETURN(const int64_t id, id_param(c));
  IVD_ASSIGN_OR_RETURN(const int64_t revision, body_int(c.body, "revision"));
  auto it = c.body.find("menus");
  if (it == c.body.end()) return make_field_error(ErrorKind::bad_request, "request.missing_field", "menus");
  IVD_ASSIGN_OR_RETURN(const UserForm form, read_form(json{{"name", "-"}, {"phone", "-"}, {"menus", *it}}, false));
  IVD_TRY(grant_menus(c.db, c.svc, c.me(), id, revision, *form.menus));
  return json::object();
}

Result<json> get_grantable(ApiContext& c) {
  IVD_ASSIGN_OR_RETURN(const int64_t id, id_param(c));
  auto u = load_user(c.db, id);
  if (!u || !can_manage(c.me(), u->target())) return make_error(ErrorKind::forbidden, "user.forbidden");
  const auto g = grantable_menus(c.me(), u->target());
  return json{{"grantable", std::vector<std::string>(g.begin(), g.end())},
              {"held", std::vector<std::string>(u->menus.begin(), u->menus.end())}};
}

Result<json> post_grantable_for_form(ApiContext& c) {
  json probe = c.body;  // only the type and the region or institution matter here
  probe["username"] = "-";
  probe["name"] = "-";
  probe["phone"] = "-";
  IVD_ASSIGN_OR_RETURN(const UserForm form, read_form(probe, true));
  IVD_ASSIGN_OR_RETURN(const auto g, menus_grantable_for_form(c.db, c.me(), form));
  return json{{"grantable", std::vector<std::string>(g.begin(), g.end())}};
}

Handler state_change(Status (*fn)(Db&, Services&, const Actor&, int64_t)) {
  return [fn](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(const int64_t id, id_param(c));
    IVD_TRY(fn(c.db, c.svc, c.me(), id));
    return json::object();
  };
}

Status disable(Db& db, Services& svc, const Actor& a, int64_t id) { return set_disabled(db, svc, a, id, true); }
Status enable(Db& db, Services& svc, const Actor& a, int64_t id) { return set_disabled(db, svc, a, id, false); }

Result<json> get_regions(ApiContext& c) {
  std::string parent = query_param(c, "parent");
  if (parent.empty()) parent = "000000";
  IVD_ASSIGN_OR_RETURN(const auto children, region_children(c.db, parent));
  json items = json::array();
  // Whether the caller may narrow its user list to the region, and give it to an admin it adds
  // (core decides; the browser's pickers offer exactly these).
  for (const auto& r : children)
    items.push_back({{"code", r.code},
                     {"name", r.name},
                     {"level", r.level},
                     {"parent_code", r.parent_code},
                     {"filterable", region_offered(c.me(), r.code, r.level, RegionUse::filter)},
                     {"assignable", region_offered(c.me(), r.code, r.level, RegionUse::admin_region)}});
  return json{{"items", items}};
}

Result<json> get_institutions(ApiContext& c) {
  // Only institutions inside the actor's region: a user can be bound to no other (can_manage).
  IVD_ASSIGN_OR_RETURN(const auto found,
                       search_institutions(c.db, query_param(c, "kind"), query_param(c, "q"), 20, c.me().region_code));
  json items = json::array();
  for (const auto& i : found)
    items.push_back({{"id", i.id}, {"code", i.code}, {"name", i.name}, {"kind", i.kind}, {"region_code", i.region_code}});
  return json{{"items", items}};
}

}  // namespace

void register_user_admin_routes(Api& api) {
  api.add("GET", "/users", Access::user, list_users, menu::users);
  api.add("POST", "/users", Access::user, post_user, menu::users);
  api.add("POST", "/users/grantable-menus", Access::user, post_grantable_for_form, menu::users);
  api.add("GET", "/users/{id}", Access::user, get_user, menu::users);
  api.add("PUT", "/users/{id}", Access::user, put_user, menu::users);
  api.add("PUT", "/users/{id}/menus", Access::user, put_menus, menu::users);
  api.add("GET", "/users/{id}/grantable-menus", Access::user, get_grantable, menu::users);
  api.add("POST", "/users/{id}/disable", Access::user, state_change(disable), menu::users);
  api.add("POST", "/users/{id}/enable", Access::user, state_change(enable), menu::users);
  api.add("POST", "/users/{id}/reset-password", Access::user, state_change(reset_user_password), menu::users);
  api.add("GET", "/regions", Access::user, get_regions);
  api.add("GET", "/institutions", Access::user, get_institutions, menu::users);
}

}  // namespace ivd
