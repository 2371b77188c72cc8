#include "core/accounts/initial_users.hpp"

#include <optional>
#include <unordered_set>

#include "core/api/actor.hpp"
#include "core/accounts/permissions.hpp"
#include "core/store/transaction.hpp"

namespace ivd {
namespace {

struct PlannedUser {
  std::string username;
  std::string name;
  std::string user_type;
  std::optional<std::string> region_code;
  std::optional<int64_t> institution_id;
  std::vector<std::string> menus;
};

std::vector<std::string> role_menus(Role r) {
  const auto& m = menus_for_role(r);
  return {m.begin(), m.end()};
}

// Creates the planned users whose username is free, in one atomic write; see the header on hashing.
Result<UserSeedCounts> create_missing(Db& db, Services& svc, const std::vector<PlannedUser>& planned) {
  BulkWriteCache cache(db);
  return transaction(db, [&]() -> Result<UserSeedCounts> {
    UserSeedCounts counts;
    std::unordered_set<std::string> taken;
    {
      auto st = db.prepare("SELECT username FROM users");
      if (!st) return st.error();
      for (;;) {
        auto r = st->step();
        if (!r) return r.error();
        if (!*r) break;
        taken.insert(st->col_text(0));
      }
    }
    std::optional<std::string> hash;  // computed once, only when someone is created
    const int64_t now = svc.clock.now();
    auto insert = db.prepare(
        "INSERT INTO users (username, name, user_type, region_code, institution_id, password_hash, "
        "must_change_password, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)");
    auto grant = db.prepare("INSERT OR IGNORE INTO user_menus (user_id, menu) VALUES (?, ?)");
    // Same record as accounts' create_user (SPEC §4: every state change is recorded).
    auto event = db.prepare(
        "INSERT INTO events (entity, entity_id, action, actor_id, at, from_state, to_state, reason) "
        "VALUES ('user', ?, 'create', NULL, ?, '', 'enabled', '')");
    for (auto* st : {&insert, &grant, &event})
      if (!*st) return st->error();
    for (const auto& u : planned) {
      if (!taken.insert(u.username).second) {
        ++counts.existing;
        continue;
      }
      if (!hash) hash = svc.hasher.hash(svc.settings.initial_password);
      insert->bind_all(u.username, u.name, u.user_type, u.region_code, u.institution_id, *hash, now, now);
      IVD_TRY(insert->run());
      const int64_t id = db.last_insert_id();
      for (const auto& m : u.menus) IVD_TRY(grant->bind_all(id, m).run());
      IVD_TRY(event->bind_all(std::to_string(id), now).run());
      ++counts.created;
    }
    return counts;
  });
}

// Institutions of a kind with their id, code, name and region.
Result<std::vector<PlannedUser>> plan_institution_users(Db& db, std::string_view kinds_sql, const char* user_type,
                                                        std::vector<std::string> menus) {
  auto st = db.prepare("SELECT id, code, name, region_code FROM institutions WHERE kind IN (" + std::string(kinds_sql) +
                       ") ORDER BY code");
  if (!st) return st.error();
  std::vector<PlannedUser> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) break;
    out.push_back(PlannedUser{st->col_text(1), st->col_text(2), user_type, st->col_opt_text(3), st->col_int(0), menus});
  }
  return out;
}

}  // namespace

std::string province_admin_username(std::string_view province_code) {
  return "admin_" + std::string(province_code.substr(0, 2));
}

std::string city_admin_username(std::string_view region_code) { return "city_" + std::string(region_code); }

Result<UserSeedCounts> ensure_hospital_users(Db& db, Services& svc) {
  auto planned = plan_institution_users(db, "'hospital'", "hospital", role_menus(Role::hospital));
  if (!planned) return planned.error();
  return create_missing(db, svc, *planned);
}

Result<UserSeedCounts> ensure_enterprise_users(Db& db, Services& svc) {
  auto planned = plan_institution_users(db, "'manufacturer', 'agent'", "enterprise", role_menus(Role::enterprise));
  if (!planned) return planned.error();
  return create_missing(db, svc, *planned);
}

Result<UserSeedCounts> ensure_province_admins(Db& db, Services& svc) {
  auto st = db.prepare("SELECT code, name FROM regions WHERE level = 'province' ORDER BY code");
  if (!st) return st.error();
  std::vector<PlannedUser> planned;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) break;
    std::string code = st->col_text(0);
    planned.push_back(PlannedUser{province_admin_username(code), st->col_text(1) + "医疗保障局", "admin", code,
                                  std::nullopt, role_menus(Role::province_admin)});
  }
  return create_missing(db, svc, planned);
}

Result<UserSeedCounts> ensure_city_admins(Db& db, Services& svc, const std::vector<std::string>& region_codes) {
  auto st = db.prepare(
      "SELECT r.name, r.level, p.name FROM regions r JOIN regions p ON p.code = r.parent_code WHERE r.code = ?");
  if (!st) return st.error();
  std::vector<PlannedUser> planned;
  for (const auto& code : region_codes) {
    st->bind(1, code);
    auto r = st->step();
    if (!r) return r.error();
    const bool found = *r;
    std::string name = found ? st->col_text(0) : "", level = found ? st->col_text(1) : "",
                province = found ? st->col_text(2) : "";
    st->reset();
    if (level != "city" && level != "province_level")
      return make_error(ErrorKind::bad_request, "region.unknown", "region_code", {code});
    std::string display = level == "city" ? name + "医疗保障局" : province + "医疗保障局（省本级）";
    planned.push_back(PlannedUser{city_admin_username(code), display, "admin", code, std::nullopt,
                                  role_menus(Role::city_admin)});
  }
  return create_missing(db, svc, planned);
}

}  // namespace ivd
