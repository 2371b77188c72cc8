// 用户管理: query, add, edit, grant, disable/enable, reset password.
//
// [SECTION] reading users
// [SECTION] the users an actor may manage, as bound SQL
// [SECTION] checks shared by add and edit
// [SECTION] wire type
// [SECTION] public: query and changes
#include "core/accounts/user_admin.hpp"

#include "core/base/json_read.hpp"

#include <algorithm>

#include "core/accounts/sessions.hpp"
#include "core/base/field_label.hpp"
#include "core/accounts/user_form_rules.hpp"
#include "core/org/phone.hpp"
#include "core/store/event_log.hpp"
#include "core/store/transaction.hpp"

namespace ivd {
namespace {

// [SECTION] reading users

constexpr const char* kUserColumns =
    "u.id, u.username, u.name, u.phone, u.user_type, COALESCE(u.region_code, ''), COALESCE(r.name, ''), "
    "COALESCE(r.level, ''), u.institution_id, COALESCE(i.code, ''), COALESCE(i.name, ''), u.disabled, "
    "u.must_change_password, u.revision, "
    "(SELECT group_concat(menu) FROM user_menus m WHERE m.user_id = u.id) ";
constexpr const char* kUserFrom =
    "FROM users u LEFT JOIN regions r ON r.code = u.region_code LEFT JOIN institutions i ON i.id = u.institution_id ";

UserRecord read_user(const Stmt& st) {
  UserRecord u;
  u.id = st.col_int(0);
  u.username = st.col_text(1);
  u.name = st.col_text(2);
  u.phone = st.col_text(3);
  u.user_type = st.col_text(4);
  u.region_code = st.col_text(5);
  u.region_name = st.col_text(6);
  u.role = role_for(u.user_type, st.col_text(7));
  u.institution_id = st.col_opt_int(8);
  u.institution_code = st.col_text(9);
  u.institution_name = st.col_text(10);
  u.disabled = st.col_int(11) != 0;
  u.must_change_password = st.col_int(12) != 0;
  u.revision = st.col_int(13);
  std::string menus = st.col_text(14);
  for (size_t start = 0; start < menus.size();) {
    size_t end = menus.find(',', start);
    if (end == std::string::npos) end = menus.size();
    u.menus.insert(menus.substr(start, end - start));
    start = end + 1;
  }
  return u;
}

// [SECTION] the users an actor may manage, as bound SQL

// A WHERE clause assembled from fixed fragments of this file only; each '?' of a fragment is numbered
// in order and its value bound, so no value (and no column name) is ever part of the statement text.
class Where {
 public:
  void add(const char* fragment, std::vector<std::string> values = {}) {
    sql_ += "AND ";
    size_t v = 0;
    for (const char* c = fragment; *c; ++c) {
      if (*c != '?') {
        sql_ += *c;
        continue;
      }
      values_.push_back(std::move(values.at(v++)));
      sql_ += '?';
      sql_ += std::to_string(values_.size() + 1);  // ?1 is the actor's id
    }
    sql_ += ' ';
  }
  const std::string& sql() const { return sql_; }
  int next_parameter() const { return static_cast<int>(values_.size()) + 2; }
  void bind(Stmt& st, int64_t actor_id) const {
    st.bind(1, actor_id);
    for (size_t i = 0; i < values_.size(); ++i) st.bind(static_cast<int>(i + 2), values_[i]);
  }

 private:
  std::string sql_ = "WHERE u.id <> ?1 ";  // nobody manages itself here
  std::vector<std::string> values_;
};

// The users an actor may manage (permissions.hpp can_manage, as SQL), one fixed fragment per role.
void add_scope(Where& w, const Actor& a) {
  switch (a.role) {
    case Role::super_admin:
      w.add("1");
      return;
    case Role::province_admin:
      // Below province level, inside the province (region codes PPxxxx).
      w.add("u.region_code BETWEEN ? AND ? AND NOT (u.user_type = 'admin' AND r.level IN ('province', 'national'))",
            {a.region_code.substr(0, 2) + "0000", a.region_code.substr(0, 2) + "9999"});
      return;
    case Role::city_admin:
      w.add("u.user_type = 'hospital' AND u.region_code = ?", {a.region_code});
      return;
    default:
      w.add("0");
      return;
  }
}

bool is_digits(const std::string& s) { return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }); }

size_t utf8_length(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// [SECTION] checks shared by add and edit

// phone_required: user_form_rules.hpp (an edit keeps a user without a phone as it is).
Status check_profile(const UserForm& f, bool phone_required = true) {
  if (f.name.empty()) return make_field_error(ErrorKind::bad_request, "request.missing_field", "name");
  if (utf8_length(f.name) > kUserNameMax)
    return make_field_error(ErrorKind::bad_request, "request.too_long", "name", {std::to_string(kUserNameMax)});
  if (f.phone.empty() && !phone_required) return ok_status();
  if (classify_phone(f.phone) != PhoneKind::mobile) return make_error(ErrorKind::bad_request, "user.phone_invalid", "phone");
  return ok_status();
}

// Where the user would live and which role it would have, from the form (SPEC §1 user types).
Result<UserTarget> target_of_form(Db& db, const Actor& actor, const UserForm& f) {
  UserTarget t;
  t.user_type = f.user_type;
  if (f.user_type == "admin") {
    if (f.region_code.size() != 6 || !is_digits(f.region_code))
      return make_error(ErrorKind::bad_request, "user.region_unknown", "region_code", {f.region_code});
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT level FROM regions WHERE code = ?"));
    st.bind(1, f.region_code);
    IVD_ASSIGN_OR_RETURN(const bool found, st.step());
    if (!found) return make_error(ErrorKind::bad_request, "user.region_unknown", "region_code", {f.region_code});
    t.region_code = f.region_code;
    t.role = role_for("admin", st.col_text(0));
    return t;
  }
  if (f.user_type != "hospital" && f.user_type != "enterprise")
    return make_error(ErrorKind::bad_request, "user.bad_type", "user_type");
  if (!f.institution_id) return make_error(ErrorKind::bad_request, "user.institution_missing", "institution_id");
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT kind, COALESCE(region_code, '') FROM institutions WHERE id = ?"));
  st.bind(1, *f.institution_id);
  IVD_ASSIGN_OR_RETURN(const bool found, st.step());
  // IVD manual FAQ 1: a missing institution has to be imported by the operators first.
  if (!found) return make_error(ErrorKind::bad_request, "user.institution_unknown", "institution_id");
  const bool hospital = st.col_text(0) == "hospital";
  if (hospital != (f.user_type == "hospital"))
    return make_error(ErrorKind::bad_request, "user.institution_wrong_kind", "institution_id");
  t.region_code = st.col_text(1);
  // An enterprise of no region belongs to the region of whoever registers it, so that its
  // province admin can manage it later.
  if (t.region_code.empty() && !hospital) t.region_code = actor.region_code;
  t.role = hospital ? Role::hospital : Role::enterprise;
  return t;
}

Status check_manage(const Actor& actor, const UserTarget& t) {
  if (!can_manage(actor, t)) return make_error(ErrorKind::forbidden, "user.forbidden");
  return ok_status();
}

Status check_revision(const UserRecord& u, int64_t revision) {
  if (u.revision != revision) return make_error(ErrorKind::conflict, "revision.stale");
  return ok_status();
}

// Loads the target and checks the actor may manage it; not-found and out-of-scope look alike
// so that ids of other regions reveal nothing.
Result<UserRecord> managed_user(Db& db, const Actor& actor, int64_t id) {
  auto u = load_user(db, id);
  if (!u) return u.error().kind == ErrorKind::not_found ? make_error(ErrorKind::forbidden, "user.forbidden") : u.error();
  if (u->id == actor.user_id) return make_error(ErrorKind::forbidden, "user.self");
  IVD_TRY(check_manage(actor, u->target()));
  return u;
}

}  // namespace

// [SECTION] wire type

void from_json(const nlohmann::json& j, UserRecord& u) {
  u = UserRecord{};
  if (!j.is_object()) return;
  u.id = int_of(j, "id").value_or(0);
  u.username = text_of(j, "username");
  u.name = text_of(j, "name");
  u.phone = text_of(j, "phone");
  u.user_type = text_of(j, "user_type");
  u.role = role_from_name(text_of(j, "role")).value_or(Role::hospital);
  u.region_code = text_of(j, "region_code");
  u.region_name = text_of(j, "region_name");
  u.institution_id = int_of(j, "institution_id");
  u.institution_code = text_of(j, "institution_code");
  u.institution_name = text_of(j, "institution_name");
  u.disabled = bool_of(j, "disabled");
  u.must_change_password = bool_of(j, "must_change_password");
  u.revision = int_of(j, "revision").value_or(0);
  if (auto it = j.find("menus"); it != j.end() && it->is_array())
    for (const auto& m : *it)
      if (m.is_string()) u.menus.insert(m.get<std::string>());
}

nlohmann::json to_json(const UserRecord& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"name", u.name},
          {"phone", u.phone},
          {"user_type", u.user_type},
          {"role", role_name(u.role)},
          {"region_code", u.region_code},
          {"region_name", u.region_name},
          {"institution_id", u.institution_id ? nlohmann::json(*u.institution_id) : nlohmann::json()},
          {"institution_code", u.institution_code},
          {"institution_name", u.institution_name},
          {"disabled", u.disabled},
          {"must_change_password", u.must_change_password},
          {"revision", u.revision},
          {"menus", nlohmann::json(std::vector<std::string>(u.menus.begin(), u.menus.end()))}};
}

// [SECTION] public: query and changes

Result<UserRecord> load_user(Db& db, int64_t id) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(std::string("SELECT ") + kUserColumns + kUserFrom + "WHERE u.id = ?"));
  st.bind(1, id);
  IVD_ASSIGN_OR_RETURN(const bool found, st.step());
  if (!found) return make_error(ErrorKind::not_found, "user.not_found");
  return read_user(st);
}

Result<UserPage> query_users(Db& db, const Actor& actor, UserQuery q) {
  if (!actor.holds(menu::users)) return make_error(ErrorKind::forbidden, "user.forbidden");
  q.page = std::max(1, q.page);
  q.page_size = std::clamp(q.page_size, 1, kUserPageSizeMax);
  // Only the given filters go into the statement (so SQLite can use the region index); each is a
  // fixed fragment with its value bound.
  Where where;
  add_scope(where, actor);
  if (!q.username.empty()) where.add("instr(u.username, ?) > 0", {q.username});
  if (!q.name.empty()) where.add("instr(u.name, ?) > 0", {q.name});
  if (!q.user_type.empty()) where.add("u.user_type = ?", {q.user_type});
  if (!q.region_code.empty() && q.region_code != "000000") {
    if (q.region_code.size() == 6 && q.region_code.substr(2) == "0000")  // a province: everything inside it
      where.add("u.region_code >= ? AND u.region_code <= ?", {q.region_code.substr(0, 2) + "0000", q.region_code.substr(0, 2) + "9999"});
    else
      where.add("u.region_code = ?", {q.region_code});
  }
  if (q.status == "enabled") where.add("u.disabled = 0");
  if (q.status == "disabled") where.add("u.disabled = 1");

  UserPage page;
  page.page = q.page;
  page.page_size = q.page_size;
  {
    IVD_ASSIGN_OR_RETURN(auto count, db.prepare(std::string("SELECT count(*) ") + kUserFrom + where.sql()));
    where.bind(count, actor.user_id);
    IVD_TRY(count.step());
    page.total = count.col_int(0);
  }

  // The page's ids first, then their columns: the menus subquery runs for the page only, not for
  // every matching row before the sort.
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(std::string("SELECT ") + kUserColumns + kUserFrom +
                                           "WHERE u.id IN (SELECT u.id " + kUserFrom + where.sql() +
                                           "ORDER BY u.id LIMIT ? OFFSET ?) ORDER BY u.id"));
  where.bind(st, actor.user_id);
  const int limit_at = where.next_parameter();
  st.bind(limit_at, q.page_size).bind(limit_at + 1, static_cast<int64_t>(q.page - 1) * q.page_size);
  IVD_TRY(st.each([&](const Stmt& row) { page.items.push_back(read_user(row)); }));
  return page;
}

Result<std::set<std::string>> menus_grantable_for_form(Db& db, const Actor& actor, const UserForm& form) {
  IVD_ASSIGN_OR_RETURN(const UserTarget target, target_of_form(db, actor, form));
  return grantable_menus(actor, target);
}

Result<int64_t> add_user(Db& db, Services& svc, const Actor& actor, const UserForm& form) {
  if (form.username.empty()) return make_field_error(ErrorKind::bad_request, "request.missing_field", "username");
  if (form.username.size() > kUsernameMax)
    return make_field_error(ErrorKind::bad_request, "request.too_long", "username", {std::to_string(kUsernameMax)});
  IVD_TRY(check_profile(form));
  IVD_ASSIGN_OR_RETURN(const UserTarget target, target_of_form(db, actor, form));
  IVD_TRY(check_manage(actor, target));

  const auto grantable = grantable_menus(actor, target);
  std::vector<std::string> menus(grantable.begin(), grantable.end());
  if (form.menus) {
    for (const auto& m : *form.menus)
      if (!grantable.count(m)) return make_error(ErrorKind::forbidden, "user.menu_not_grantable", "menus", {m});
    menus = *form.menus;
  }
  NewUser nu{form.username, form.name, form.phone, form.user_type, target.region_code, form.institution_id, menus};
  return create_user(db, svc, nu, actor.user_id);
}

Result<int64_t> edit_user(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision, const UserForm& form) {
  IVD_ASSIGN_OR_RETURN(const UserRecord u, managed_user(db, actor, id));
  if (!form.username.empty() && form.username != u.username)
    return make_error(ErrorKind::bad_request, "user.username_immutable", "username");
  IVD_TRY(check_revision(u, revision));
  UserForm f = form;
  f.user_type = u.user_type;  // the type stays; moving between types means a new account
  if (f.user_type == "admin" && f.region_code.empty()) f.region_code = u.region_code;
  if (f.user_type != "admin" && !f.institution_id) f.institution_id = u.institution_id;
  IVD_TRY(check_profile(f, user_phone_required(true, u.phone)));
  IVD_ASSIGN_OR_RETURN(const UserTarget target, target_of_form(db, actor, f));
  IVD_TRY(check_manage(actor, target));  // nor move a user out of one's own scope
  return transaction(db, [&]() -> Result<int64_t> {
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare("UPDATE users SET name = ?, phone = ?, region_code = ?, institution_id = ?, "
                                             "revision = revision + 1, updated_at = ? WHERE id = ? AND revision = ?"));
    st.bind_all(f.name, f.phone, target.region_code, f.institution_id, svc.clock.now(), id, revision);
    IVD_TRY(st.run());
    if (db.changes() != 1) return make_error(ErrorKind::conflict, "revision.stale");
    IVD_TRY(record_event(db, "user", std::to_string(id), "edit", actor.user_id, svc.clock.now(), "", ""));
    return revision + 1;
  });
}

Status grant_menus(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision,
                   const std::vector<std::string>& menus) {
  IVD_ASSIGN_OR_RETURN(const UserRecord u, managed_user(db, actor, id));
  IVD_TRY(check_revision(u, revision));
  const auto grantable = grantable_menus(actor, u.target());
  std::set<std::string> result;
  for (const auto& m : u.menus)
    if (!grantable.count(m)) result.insert(m);  // not the actor's to take away
  for (const auto& m : menus) {
    if (!grantable.count(m)) return make_error(ErrorKind::forbidden, "user.menu_not_grantable", "menus", {m});
    result.insert(m);
  }
  return set_user_menus(db, svc, id, std::vector<std::string>(result.begin(), result.end()), actor.user_id);
}

Status set_disabled(Db& db, Services& svc, const Actor& actor, int64_t id, bool disabled) {
  IVD_TRY(managed_user(db, actor, id));
  return set_user_disabled(db, svc, id, disabled, actor.user_id);
}

Status reset_user_password(Db& db, Services& svc, const Actor& actor, int64_t id) {
  IVD_TRY(managed_user(db, actor, id));
  return reset_password(db, svc, id, actor.user_id);
}

}  // namespace ivd
