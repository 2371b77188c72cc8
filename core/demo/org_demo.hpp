#pragma once
// A realistic demo data set for trying the product (README, browser tests, kiosk mode):
//   * every region (seed_regions);
//   * ~100 hospitals per province (3,100 in all) spread over its cities and its 省本级, named from
//     the region names and common hospital name patterns ("合肥市第一人民医院", "安徽省儿童医院"...),
//     codes in the national 医保 style H + 6-digit region + 5-digit serial (H34010000001);
//   * 30 enterprises (20 生产企业, 10 代理企业) with invented names;
//   * province admins, city admins of the first 3 cities of every province, one 省本级 account per
//     province, one user per hospital and per enterprise (core/initial_users.hpp for the usernames).
// Deterministic (same data every run) and idempotent (a second run creates nothing). Everything goes
// through the regular import and initialisation code. The super admin "admin" is NOT created here:
// the server's `init` creates it (accounts: ensure_super_admin) before calling seed_demo.
#include <string>
#include <vector>

#include "core/store/db.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"

namespace ivd {

struct DemoSeedCounts {
  int hospitals = 0;    // institutions of kind hospital after the seed
  int enterprises = 0;
  int users_created = 0;
};

Result<DemoSeedCounts> seed_demo(Db& db, Services& svc);

// Accounts to show in the README and to use in browser tests; all have the initial password
// (settings.initial_password, "123456" by default) and must change it at first login.
struct DemoLogin {
  std::string username;
  std::string role_zh;
  std::string role_en;
};
std::vector<DemoLogin> demo_logins();

}  // namespace ivd
