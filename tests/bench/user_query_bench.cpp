// 用户管理 query latency with 100,000 users (server side, through the core API dispatcher).
// Prints p50/p99 per query shape. Usage: user_query_bench [users=100000] [runs=200]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/accounts/sessions.hpp"
#include "core/api/dispatcher.hpp"
#include "core/org/regions.hpp"
#include "core/store/schema.hpp"
#include "tests/unit/fakes.hpp"
#include "core/store/transaction.hpp"

using namespace ivd;

int main(int argc, char** argv) {
  const int n_users = argc > 1 ? std::atoi(argv[1]) : 100000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 200;
  const auto path = std::filesystem::temp_directory_path() / "ivd_user_query_bench.db";
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  auto db = Db::open(path.string());
  if (!db || !migrate(*db) || !seed_regions(*db)) return std::puts("setup failed"), 1;
  FakeClock clock;
  CountingRandom random;
  PlainHasher hasher;
  TextCaptchaPainter painter;
  Services svc{clock, random, hasher, painter};
  if (!ensure_super_admin(*db, svc)) return 1;

  // Cities of the country, to spread users over them.
  std::vector<std::string> cities;
  {
    auto st = db->prepare("SELECT code FROM regions WHERE level IN ('city','province_level') ORDER BY code");
    while (*st->step()) cities.push_back(st->col_text(0));
  }
  auto fill = transaction(*db, [&]() -> Status {
    auto inst = db->prepare("INSERT INTO institutions (code, name, kind, region_code) VALUES (?, ?, 'hospital', ?)");
    auto user = db->prepare(
        "INSERT INTO users (username, name, phone, user_type, region_code, institution_id, password_hash, created_at, "
        "updated_at) VALUES (?, ?, '13800000000', 'hospital', ?, ?, 'x', 0, 0)");
    auto menu = db->prepare("INSERT INTO user_menus (user_id, menu) VALUES (?, 'ivd.fill')");
    for (int i = 0; i < n_users; ++i) {
      const std::string& city = cities[static_cast<size_t>(i) % cities.size()];
      const std::string code = "H" + std::to_string(100000 + i);
      IVD_TRY(inst->bind_all(code, "医院" + std::to_string(i), city).run());
      const int64_t inst_id = db->last_insert_id();
      IVD_TRY(user->bind_all(code, "姓名" + std::to_string(i % 5000), city, inst_id).run());
      IVD_TRY(menu->bind_all(db->last_insert_id()).run());
    }
    return ok_status();
  });
  if (!fill) return std::printf("fill failed: %s\n", fill.error().message_en.c_str()), 1;

  Api api(*db, svc);
  register_all_routes(api);
  // Actors: the super admin, the 安徽 province admin, the 合肥 city admin.
  std::vector<std::pair<std::string, Actor>> actors;
  {
    Actor sa = load_actor(*db, 1).value();
    sa.must_change_password = false;
    Actor pa = sa, ca = sa;
    pa.role = Role::province_admin;
    pa.region_code = "340000";
    ca.role = Role::city_admin;
    ca.region_code = "340100";
    actors = {{"super admin", sa}, {"province admin", pa}, {"city admin", ca}};
  }
  struct Shape {
    const char* name;
    std::map<std::string, std::string> query;
  };
  const std::vector<Shape> shapes = {
      {"first page", {}},
      {"page 50", {{"page", "50"}}},
      {"name contains", {{"name", "姓名12"}}},
      {"username contains", {{"username", "H1234"}}},
      {"type+region+status", {{"user_type", "hospital"}, {"region_code", "340000"}, {"status", "enabled"}}},
  };
  std::printf("users: %d, runs per shape: %d\n", n_users, runs);
  for (const auto& [who, actor] : actors) {
    api.set_session_resolver([actor](Db&, Services&, const std::string&) -> Result<Actor> { return actor; });
    for (const auto& shape : shapes) {
      std::vector<double> ms;
      int64_t total = 0;
      for (int r = 0; r < runs; ++r) {
        auto t0 = std::chrono::steady_clock::now();
        auto resp = api.handle({"GET", "/users", "", shape.query, "x"});
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        if (resp.status != 200) return std::printf("query failed: %s\n", resp.body.dump().c_str()), 1;
        total = resp.body["total"];
      }
      std::sort(ms.begin(), ms.end());
      std::printf("%-15s %-20s total %7lld  p50 %7.2f ms  p99 %7.2f ms\n", who.c_str(), shape.name,
                  static_cast<long long>(total), ms[ms.size() / 2], ms[ms.size() * 99 / 100]);
    }
  }
  return 0;  // the database stays in the temp folder for a look at the query plans
}
