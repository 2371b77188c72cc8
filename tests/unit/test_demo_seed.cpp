// core/demo_seed: the demo data set (regions, ~100 hospitals per province, enterprises, accounts).
#include <catch_amalgamated.hpp>

#include "core/demo/org_demo.hpp"
#include "core/org/institutions.hpp"
#include "tests/unit/fakes.hpp"

using namespace ivd;

namespace {
int count(Db& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE(st.ok());
  REQUIRE(*st->step());
  return static_cast<int>(st->col_int(0));
}

// Counts the password hashes the seed computes.
struct CountingHasher : PlainHasher {
  int hashes = 0;
  std::string hash(std::string_view pw) override {
    ++hashes;
    return PlainHasher::hash(pw);
  }
};
}  // namespace

TEST_CASE("the demo seed creates hospitals in every province, enterprises and accounts", "[demo]") {
  TestEnv env;
  auto r = seed_demo(env.db, env.services);
  REQUIRE(r.ok());
  CHECK(r->hospitals == 3100);
  CHECK(r->enterprises == 30);
  CHECK(count(env.db, "SELECT count(*) FROM institutions WHERE kind = 'manufacturer'") == 20);
  CHECK(count(env.db, "SELECT count(*) FROM institutions WHERE kind = 'agent'") == 10);
  // 100 per province, some in every city and 10 in its 省本级.
  CHECK(count(env.db,
              "SELECT count(*) FROM (SELECT p.code, count(*) n FROM institutions i JOIN regions c ON c.code = i.region_code "
              "JOIN regions p ON p.code = c.parent_code WHERE i.kind = 'hospital' GROUP BY p.code HAVING n = 100)") == 31);
  CHECK(count(env.db, "SELECT count(*) FROM regions r WHERE r.level IN ('city', 'province_level') AND NOT EXISTS "
                      "(SELECT 1 FROM institutions i WHERE i.region_code = r.code)") == 0);
  CHECK(count(env.db, "SELECT count(*) FROM institutions WHERE region_code = '340099'") == 10);
  // Users: 31 province admins; city admins of the first 3 cities (北京, 天津, 上海 have 1 city, 重庆 2:
  // 27 * 3 + 5 = 86) and 31 省本级 accounts; one per hospital and per enterprise.
  CHECK(r->users_created == 31 + 86 + 31 + 3100 + 30);
  CHECK(count(env.db, "SELECT count(*) FROM users WHERE username LIKE 'city\\_%' ESCAPE '\\'") == 86 + 31);
  CHECK(count(env.db, "SELECT count(*) FROM users WHERE must_change_password = 0") == 0);
  // Names look real and are unique inside a province.
  auto h = find_institution(env.db, "H34010000001");
  REQUIRE(h->has_value());
  CHECK((*h)->name == "合肥市第一人民医院");
  CHECK((*h)->level == "三级甲等");
  CHECK((*find_institution(env.db, "H34009900001"))->name == "安徽省人民医院");
  CHECK((*find_institution(env.db, "E440300001"))->name == "深圳康源生物科技有限公司");
  CHECK(count(env.db,
              "SELECT count(*) FROM (SELECT i.name FROM institutions i JOIN regions c ON c.code = i.region_code "
              "GROUP BY c.parent_code, i.name HAVING count(*) > 1)") == 0);
}

TEST_CASE("every demo login exists with the initial password and a forced change", "[demo]") {
  TestEnv env;
  REQUIRE(seed_demo(env.db, env.services).ok());
  for (const auto& login : demo_logins()) {
    if (login.username == "admin") continue;  // created by the server's init (accounts)
    auto st = env.db.prepare("SELECT password_hash, must_change_password FROM users WHERE username = ?");
    st->bind(1, login.username);
    auto row = st->step();
    REQUIRE(row.ok());
    INFO(login.username);
    REQUIRE(*row);
    CHECK(env.hasher.verify(st->col_text(0), env.services.settings.initial_password));
    CHECK(st->col_int(1) == 1);
  }
}

TEST_CASE("running the demo seed twice creates nothing more", "[demo]") {
  TestEnv env;
  REQUIRE(seed_demo(env.db, env.services).ok());
  const int institutions = count(env.db, "SELECT count(*) FROM institutions");
  const int users = count(env.db, "SELECT count(*) FROM users");
  const int menus = count(env.db, "SELECT count(*) FROM user_menus");
  auto again = seed_demo(env.db, env.services);
  REQUIRE(again.ok());
  CHECK(again->users_created == 0);
  CHECK(again->hospitals == 3100);
  CHECK(count(env.db, "SELECT count(*) FROM institutions") == institutions);
  CHECK(count(env.db, "SELECT count(*) FROM users") == users);
  CHECK(count(env.db, "SELECT count(*) FROM user_menus") == menus);
}

TEST_CASE("the demo seed hashes the initial password once per batch of accounts, not once per account", "[demo]") {
  // The server hashes with argon2id (tens of milliseconds a hash): one hash per account would make
  // `server init --demo` take minutes for its 3,278 accounts. Every account of a batch shares the hash
  // of the initial password (province admins, city admins, hospitals, enterprises: at most 4).
  TestEnv env;
  CountingHasher hasher;
  Services svc{env.clock, env.random, hasher, env.painter, {}, &env.files};
  auto r = seed_demo(env.db, svc);
  REQUIRE(r.ok());
  CHECK(r->users_created == 3278);
  CHECK(hasher.hashes >= 1);
  CHECK(hasher.hashes <= 4);
  CHECK(count(env.db, "SELECT count(DISTINCT password_hash) FROM users") <= 4);
  // A second run creates no account, so it hashes nothing.
  hasher.hashes = 0;
  REQUIRE(seed_demo(env.db, svc).ok());
  CHECK(hasher.hashes == 0);
}
