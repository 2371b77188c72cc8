#pragma once
// The accounts initialisation creates besides the super admin (SPEC §1 Initialisation): one admin per
// province and one user per imported hospital, and the city / 省本级 admin accounts the demo needs.
// Each call creates only what is missing (idempotent by username) and never changes an existing user.
//
// Every created user gets the initial password (settings.initial_password) and must change it at first
// login. The password is hashed ONCE per call and the hash string reused for every user of the call:
// the server's argon2id takes ~50 ms per hash, so 3,000 hospital users would otherwise take minutes.
// The argon2id string embeds its salt, so these users share one salt; acceptable because the initial
// password is public (SPEC: "123456") and must be replaced at first login, when a fresh salt is drawn.
//
// Usernames (documented for operators):
//   province admin   admin_PP        PP = the 2-digit province prefix, e.g. admin_34 for 安徽省 340000
//   city admin       city_<code>     e.g. city_340100 for 合肥市
//   省本级 account    city_<code>     e.g. city_340099 (it reviews 省本级 hospitals like a city, SPEC §1)
//   hospital user    <institution code>, e.g. H34010000001
//   enterprise user  <institution code>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/db.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"

namespace ivd {

struct UserSeedCounts {
  int created = 0;
  int existing = 0;  // username already taken (left as it is)
};

std::string province_admin_username(std::string_view province_code);  // "340000" -> "admin_34"
std::string city_admin_username(std::string_view region_code);        // "340100" -> "city_340100"

// One user per hospital (user_type hospital, username = institution code, region = the hospital's,
// menus ivd.fill and supply.feedback).
Result<UserSeedCounts> ensure_hospital_users(Db& db, Services& svc);
// One admin per province region (user_type admin, region = the province, menus of a province admin:
// sys.users, ivd.review, supply.feedback, supply.view, exports).
Result<UserSeedCounts> ensure_province_admins(Db& db, Services& svc);
// City admins or 省本级 accounts for the given city / province_level region codes (menus of a city
// admin: sys.users, ivd.review, supply.feedback, exports). Error region.unknown for a code that is not
// a city or 省本级 region.
Result<UserSeedCounts> ensure_city_admins(Db& db, Services& svc, const std::vector<std::string>& region_codes);
// One user per enterprise (user_type enterprise, username = institution code, menu supply.feedback).
// Not part of SPEC's initialisation (enterprise users are added by admins); used by the demo seed.
Result<UserSeedCounts> ensure_enterprise_users(Db& db, Services& svc);

}  // namespace ivd
