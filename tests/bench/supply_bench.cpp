// Supply feedback at national scale (issue 10 benchmarks), server side through the core API dispatcher
// (routing, scope, SQL, JSON):
//   * list queries over 200,000 feedbacks in 31 provinces: p50/p99 per scope — hospital, city, province
//     (its 省本级 feedback, and the province view of all its feedback), enterprise — for the first page,
//     a status filter (未解决, read with the timeout), a product-name filter and a later page [p99 < 50 ms];
//   * the deadline sweep over 200,000 open flows: all of them past their deadline (the worst case), and
//     a day on which 1 % are [< 1 s].
// Usage: supply_bench [feedbacks=200000] [runs=200]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/accounts/sessions.hpp"
#include "core/api/dispatcher.hpp"
#include "core/base/csv.hpp"
#include "core/demo/org_demo.hpp"
#include "core/store/schema.hpp"
#include "core/store/transaction.hpp"
#include "core/supply/deadline.hpp"
#include "core/supply/feedback_actions.hpp"
#include "core/supply/products.hpp"
#include "tests/unit/fakes.hpp"

using namespace ivd;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Stats {
  double p50 = 0, p99 = 0, max = 0;
};
Stats stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))]; };
  return {at(0.5), at(0.99), v.back()};
}

struct Hospital {
  int64_t id;
  std::string code, city, province, reviewer;
};

constexpr const char* kStatuses[] = {"draft", "pending_admin", "pending_enterprise", "enterprise_confirmed",
                                     "pending_hospital", "resolved", "unresolved"};
// Shares of the statuses (percent): most flows have ended.
constexpr int kShares[] = {8, 10, 12, 5, 10, 40, 15};

std::unique_ptr<Db> open_fresh(const std::filesystem::path& path) {
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + ext);
  auto db = Db::open(path.string());
  if (!db || !migrate(*db)) return nullptr;
  return std::make_unique<Db>(std::move(db.value()));
}

// 2,000 products over the demo's 20 manufacturers, a fifth declared by one of its 10 agents.
Status import_bench_products(Db& db, int64_t now, std::vector<std::string>& serials) {
  std::vector<std::string> makers, agents;
  {
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT code, kind FROM institutions WHERE kind <> 'hospital' ORDER BY id"));
    IVD_TRY(st.each([&](const Stmt& r) { (r.col_text(1) == "agent" ? agents : makers).push_back(r.col_text(0)); }));
  }
  std::string csv = csv_record({"流水号", "通用名", "剂型", "规格", "生产企业", "申报企业", "批次"});
  for (int i = 0; i < 2000; ++i) {
    const std::string serial = "B" + std::to_string(100000 + i);
    const std::string& maker = makers[static_cast<size_t>(i) % makers.size()];
    const std::string& applicant = i % 5 == 0 ? agents[static_cast<size_t>(i) % agents.size()] : maker;
    csv += csv_record({serial, "药品" + std::to_string(i) + "片", "片剂", std::to_string(5 + i % 20) + "mg", maker,
                       applicant, i % 8 == 7 ? "国采第七批备供" : "国采第" + std::to_string(1 + i % 10) + "批"});
    if (i % 8 != 7) serials.push_back(serial);
  }
  IVD_TRY(import_products_csv(db, csv, now));
  return ok_status();
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 200000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 200;
  const auto path = std::filesystem::temp_directory_path() / "ivd_supply_bench.db";
  auto dbp = open_fresh(path);
  if (!dbp) return std::puts("setup failed"), 1;
  Db& db = *dbp;
  FakeClock clock;
  clock.t = 1780000000;  // 2026-05-28
  CountingRandom random;
  PlainHasher hasher;
  TextCaptchaPainter painter;
  Services svc{clock, random, hasher, painter};
  auto t0 = Clock::now();
  if (!ensure_super_admin(db, svc) || !seed_demo(db, svc)) return std::puts("demo seed failed"), 1;
  std::vector<std::string> serials;
  if (auto s = import_bench_products(db, clock.t, serials); !s) return std::printf("products: %s\n", s.error().code.c_str()), 1;

  std::vector<Hospital> hospitals;
  {
    auto st = db.prepare("SELECT i.id, i.code, r.code, r.parent_code, r.level FROM institutions i "
                         "JOIN regions r ON r.code = i.region_code WHERE i.kind = 'hospital' ORDER BY i.id");
    while (*st->step()) {
      const std::string level = st->col_text(4);
      hospitals.push_back({st->col_int(0), st->col_text(1), st->col_text(2), st->col_text(3),
                           level == "province_level" ? st->col_text(3) : st->col_text(2)});
    }
  }
  std::map<std::string, std::pair<int64_t, int64_t>> product_makers;  // serial -> manufacturer, applicant id
  std::map<int64_t, std::string> enterprise_names;
  {
    auto st = db.prepare("SELECT p.serial, p.manufacturer_id, p.applicant_id FROM supply_products p");
    while (*st->step()) product_makers[st->col_text(0)] = {st->col_int(1), st->col_int(2)};
    auto names = db.prepare("SELECT id, name FROM institutions WHERE kind <> 'hospital'");
    while (*names->step()) enterprise_names[names->col_int(0)] = names->col_text(1);
  }

  // 200,000 feedbacks over two years, the statuses in realistic shares; open flows with the enterprise
  // have deadlines around today (some passed, not yet swept).
  const int64_t today = cst_day(clock.t);
  std::mt19937_64 rng(20260528);
  auto fill = transaction(db, [&]() -> Status {
    BulkWriteCache cache(db);
    IVD_ASSIGN_OR_RETURN(auto ins, db.prepare(
        "INSERT INTO supply_feedback (hospital_id, city_code, province_code, reviewer_region, serial, product_name, "
        "batch, manufacturer, manufacturer_id, applicant, applicant_id, problem_type, description, occurred_on, "
        "contact_name, contact_phone, status, feedback_day, deadline_day, outcome, created_at, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    for (int i = 0; i < n; ++i) {
      const Hospital& h = hospitals[rng() % hospitals.size()];
      const std::string& serial = serials[rng() % serials.size()];
      const auto [maker, applicant] = product_makers[serial];
      int pick = static_cast<int>(rng() % 100), s = 0;
      while (pick >= kShares[s]) pick -= kShares[s++];
      const std::string status = kStatuses[s];
      const int64_t day = today - static_cast<int64_t>(rng() % 730);
      const bool with_deadline = s >= 2;
      const int64_t deadline = status == "pending_enterprise" || status == "enterprise_confirmed"
                                   ? today - 3 + static_cast<int64_t>(rng() % 10)
                                   : day + 7;
      ins.bind_all(h.id, h.city, h.province, h.reviewer, serial, "药品 片剂 10mg", "国采第一批", enterprise_names[maker],
                   maker, enterprise_names[applicant], applicant, "shortage", "缺货", format_date(day - 2), "张三",
                   "13812345678", status, day);
      if (with_deadline) ins.bind(19, deadline); else ins.bind_null(19);
      ins.bind(20, status == "resolved" ? "resolved" : status == "unresolved" ? "unresolved" : "");
      ins.bind(21, clock.t).bind(22, clock.t);
      IVD_TRY(ins.run());
    }
    return ok_status();
  });
  if (!fill) return std::printf("fill failed: %s\n", fill.error().message_en.c_str()), 1;
  (void)db.exec("ANALYZE");
  std::printf("setup: %d feedbacks, %zu hospitals, %zu products in %.1f s\n", n, hospitals.size(),
              product_makers.size(), ms_since(t0) / 1000);

  // Actors of each scope, many of each so the figures are not one lucky city.
  Api api(db, svc);
  register_all_routes(api);
  std::map<std::string, Actor> sessions;
  api.set_session_resolver([&](Db&, Services&, const std::string& token) -> Result<Actor> { return sessions.at(token); });
  std::vector<std::string> hospital_users, city_users, province_users, enterprise_users;
  {
    auto st = db.prepare("SELECT u.id, u.username, u.user_type, coalesce(r.level, '') FROM users u "
                         "LEFT JOIN regions r ON r.code = u.region_code WHERE u.username <> 'admin' ORDER BY u.id");
    while (*st->step()) {
      auto a = load_actor(db, st->col_int(0));
      if (!a) continue;
      a->must_change_password = false;
      const std::string name = a->username;
      sessions[name] = *a;
      if (a->role == Role::hospital) hospital_users.push_back(name);
      else if (a->role == Role::enterprise) enterprise_users.push_back(name);
      else if (a->role == Role::province_admin) province_users.push_back(name);
      else if (a->role == Role::city_admin && st->col_text(3) == "city") city_users.push_back(name);
    }
  }
  struct Scope {
    const char* name;
    const std::vector<std::string>* users;
    const char* menu;
  };
  const Scope scopes[] = {{"hospital", &hospital_users, "supply.feedback"},
                          {"city", &city_users, "supply.feedback"},
                          {"province (省本级)", &province_users, "supply.feedback"},
                          {"province view", &province_users, "supply.view"},
                          {"enterprise", &enterprise_users, "supply.feedback"}};
  struct Shape {
    const char* name;
    std::map<std::string, std::string> query;
  };
  const Shape shapes[] = {{"first page", {}},
                          {"status 未解决", {{"status", "unresolved"}}},
                          {"product name", {{"product_name", "片剂"}}},
                          {"date range, page 5", {{"from", format_date(today - 365)}, {"to", format_date(today)}, {"page", "5"}}}};
  std::printf("%-18s %-20s %8s %8s %8s %8s   [p99 < 50 ms]\n", "scope", "query", "rows", "p50 ms", "p99 ms", "max ms");
  double worst = 0;
  for (const auto& scope : scopes) {
    for (const auto& shape : shapes) {
      std::vector<double> times;
      int64_t rows = 0;
      for (int r = 0; r < runs; ++r) {
        const std::string& user = (*scope.users)[static_cast<size_t>(r * 7919) % scope.users->size()];
        auto q = shape.query;
        q["menu"] = scope.menu;
        const auto t = Clock::now();
        auto res = api.handle({"GET", "/supply/feedback", "", q, user});
        times.push_back(ms_since(t));
        if (res.status != 200) return std::printf("%s: %d %s\n", user.c_str(), res.status, res.body.dump().c_str()), 1;
        rows += res.body["total"].get<int64_t>();
      }
      const Stats s = stats(times);
      worst = std::max(worst, s.p99);
      std::printf("%-18s %-20s %8lld %8.2f %8.2f %8.2f\n", scope.name, shape.name,
                  static_cast<long long>(rows / runs), s.p50, s.p99, s.max);
    }
  }
  std::printf("list queries: worst p99 %.2f ms %s\n", worst, worst < 50 ? "(target met)" : "(TARGET MISSED)");

  // The sweep: 200,000 open flows. A day on which 1 % are due, then the worst case, all of them due.
  for (const int due_percent : {1, 100}) {
    auto dbs = open_fresh(path);
    if (!dbs) return 1;
    Db& d = *dbs;
    if (!ensure_super_admin(d, svc) || !seed_demo(d, svc)) return 1;
    std::vector<std::string> s2;
    if (!import_bench_products(d, clock.t, s2)) return 1;
    std::map<std::string, std::pair<int64_t, int64_t>> makers2;
    {
      auto st = d.prepare("SELECT serial, manufacturer_id, applicant_id FROM supply_products");
      while (*st->step()) makers2[st->col_text(0)] = {st->col_int(1), st->col_int(2)};
    }
    auto open = transaction(d, [&]() -> Status {
      BulkWriteCache cache(d);
      IVD_ASSIGN_OR_RETURN(auto ins, d.prepare(
          "INSERT INTO supply_feedback (hospital_id, city_code, province_code, reviewer_region, serial, product_name, "
          "batch, manufacturer, manufacturer_id, applicant, applicant_id, problem_type, description, occurred_on, "
          "contact_name, contact_phone, status, feedback_day, deadline_day, created_at, updated_at) "
          "VALUES (?,?,?,?,?,'药品','国采第一批','m',?,'a',?,'shortage','缺货','2026-05-01','张三','13812345678',?,?,?,?,?)"));
      for (int i = 0; i < n; ++i) {
        const Hospital& h = hospitals[static_cast<size_t>(i) % hospitals.size()];
        const std::string& serial = s2[static_cast<size_t>(i) % s2.size()];
        const bool due = static_cast<int>(i % 100) < due_percent;
        ins.bind_all(h.id, h.city, h.province, h.reviewer, serial, makers2[serial].first, makers2[serial].second,
                     i % 3 == 0 ? "enterprise_confirmed" : "pending_enterprise", today - 10,
                     due ? today - 1 : today + 3, clock.t, clock.t);
        IVD_TRY(ins.run());
      }
      return ok_status();
    });
    if (!open) return std::printf("open flows: %s\n", open.error().message_en.c_str()), 1;
    const auto t = Clock::now();
    auto swept = sweep_timeouts(d, clock.t);
    const double ms = ms_since(t);
    if (!swept) return std::printf("sweep failed: %s\n", swept.error().message_en.c_str()), 1;
    std::printf("sweep over %d open flows, %d%% due: %d timed out in %.1f ms %s\n", n, due_percent, *swept, ms,
                ms < 1000 ? "(target < 1 s met)" : "(TARGET < 1 s MISSED)");
    const auto again = Clock::now();
    auto none = sweep_timeouts(d, clock.t);
    std::printf("  the next minute's sweep (nothing due): %d in %.2f ms\n", none ? *none : -1, ms_since(again));
  }
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + ext);
  return 0;
}
