#include "core/accounts/initial_users.hpp"

#include <optional>
#include <unordered_set>

#include "core/accounts/sessions.hpp"
#include "core/api/actor.hpp"
#include "core/accounts/permissions.hpp"
#include "core/store/event_log.hpp"
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
      IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT username FROM users"));
      IVD_TRY(st.each([&](const Stmt& row) { taken.insert(row.col_text(0)); }));
    }
    const int64_t now = svc.clock.now();
    IVD_ASSIGN_OR_RETURN(auto insert, db.prepare("INSERT INTO users (username, name, user_type, region_code, "
                                                 "institution_id, password_hash, must_change_password, created_at, "
                                                 "updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)"));
    IVD_ASSIGN_OR_RETURN(auto grant, db.prepare("INSERT OR IGNORE INTO user_menus (user_id, menu) VALUES (?, ?)"));
    IVD_ASSIGN_OR_RETURN(EventWriter events, EventWriter::open(db));
    for (const auto& u : planned) {
      if (!taken.insert(u.username).second) {
        ++counts.existing;
        continue;
      }
      insert.bind_all(u.username, u.name, u.user_type, u.region_code, u.institution_id, initial_password_hash(svc),
                      now, now);
      IVD_TRY(insert.run());
      const int64_t id = db.last_insert_id();
      for (const auto& m : u.menus) IVD_TRY(grant.bind_all(id, m).run());
      // Same record as accounts' create_user (SPEC §4: every state change is recorded).
      IVD_TRY(events.write({"user", std::to_string(id), "create", 0, now, "", "enabled", {}}));
      ++counts.created;
    }
    return counts;
  });
}

// Institutions whose users are created, with their id, code, name and region: one fixed statement each.
enum class InstitutionUsers { hospitals, enterprises };

Result<std::vector<PlannedUser>> plan_institution_users(Db& db, InstitutionUsers which) {
  const bool hospitals = which == InstitutionUsers::hospitals;
  IVD_ASSIGN_OR_RETURN(
      auto st, db.prepare(hospitals ? "SELECT id, code, name, region_code FROM institutions WHERE kind = 'hospital' "
                                      "ORDER BY code"
                                    : "SELECT id, code, name, region_code FROM institutions "
                                      "WHERE kind IN ('manufacturer', 'agent') ORDER BY code"));
  const char* user_type = hospitals ? "hospital" : "enterprise";
  const auto menus = role_menus(hospitals ? Role::hospital : Role::enterprise);
  std::vector<PlannedUser> out;
  IVD_TRY(st.each([&](const Stmt& row) {
    out.push_back(PlannedUser{row.col_text(1), row.col_text(2), user_type, row.col_opt_text(3), row.col_int(0), menus});
  }));
  return out;
}

}  // namespace

std::string province_admin_username(std::string_view province_code) {
  return "admin_" + std::string(province_code.substr(0, 2));
}

std::string city_admin_username(std::string_view region_code) { return "city_" + std::string(region_code); }

Result<UserSeedCounts> ensure_hospital_users(Db& db, Services& svc) {
  IVD_ASSIGN_OR_RETURN(const auto planned, plan_institution_users(db, InstitutionUsers::hospitals));
  return create_missing(db, svc, planned);
}

Result<UserSeedCounts> ensure_enterprise_users(Db& db, Services& svc) {
  IVD_ASSIGN_OR_RETURN(const auto planned, plan_institution_users(db, InstitutionUsers::enterprises));
  return create_missing(db, svc, planned);
}

Result<UserSeedCounts> ensure_province_admins(Db& db, Services& svc) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT code, name FROM regions WHERE level = 'province' ORDER BY code"));
  std::vector<PlannedUser> planned;
  IVD_TRY(st.each([&](const Stmt& row) {
    std::string code = row.col_text(0);
    planned.push_back(PlannedUser{province_admin_username(code), row.col_text(1) + "医疗保障局", "admin", code,
                                  std::nullopt, role_menus(Role::province_admin)});
  }));
  return create_missing(db, svc, planned);
}

Result<UserSeedCounts> ensure_city_admins(Db& db, Services& svc, const std::vector<std::string>& region_codes) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT r.name, r.level, p.name FROM regions r "
                                           "JOIN regions p ON p.code = r.parent_code WHERE r.code = ?"));
  std::vector<PlannedUser> planned;
  for (const auto& code : region_codes) {
    st.bind(1, code);
    IVD_ASSIGN_OR_RETURN(const bool found, st.step());
    std::string name = found ? st.col_text(0) : "", level = found ? st.col_text(1) : "",
                province = found ? st.col_text(2) : "";
    st.reset();
    if (level != "city" && level != "province_level")
      return make_error(ErrorKind::bad_request, "region.unknown", "region_code", {code});
    std::string display = level == "city" ? name + "医疗保障局" : province + "医疗保障局（省本级）";
    planned.push_back(PlannedUser{city_admin_username(code), display, "admin", code, std::nullopt,
                                  role_menus(Role::city_admin)});
  }
  return create_missing(db, svc, planned);
}

}  // namespace ivd
