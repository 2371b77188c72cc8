// The cache of serialised answers (core/api/response_cache.hpp) and the sheet-lines read that uses it:
// bounded; a cached answer is never stale (暂存, review, catalog import) and never skips the checks of
// who is asking (scope, disabled account, reset password), with the real session check.
#include <catch_amalgamated.hpp>

#include "core/accounts/sessions.hpp"
#include "core/api/response_cache.hpp"
#include "core/base/base64.hpp"
#include "core/store/db.hpp"
#include "tests/unit/test_ivd_support.hpp"

using namespace ivd;
using namespace ivd::test;
using nlohmann::json;

namespace {

ResponseCache::Bytes bytes_of(const std::string& s) { return std::make_shared<const std::string>(s); }

struct CacheWorld : World {
  Api api{db, svc};
  std::map<std::string, std::string> tokens;  // username -> session token

  CacheWorld() {
    register_all_routes(api);  // with the real session check of accounts
    const std::pair<const Actor*, std::vector<const char*>> users[] = {
        {&super_admin, {menu::ivd_config, menu::ivd_national, menu::ivd_review}},
        {&city_hf, {menu::ivd_review}},
        {&city_wh, {menu::ivd_review}},
        {&hosp1, {menu::ivd_fill}},
        {&hosp2, {menu::ivd_fill}}};
    for (const auto& [a, menus] : users) {
      exec_ok(db, "UPDATE users SET password_hash = '" + svc.hasher.hash("Cache#2026pw") + "' WHERE id = " +
                      std::to_string(a->user_id));
      for (const char* m : menus)
        exec_ok(db, "INSERT INTO user_menus (user_id, menu) VALUES (" + std::to_string(a->user_id) + ", '" + m + "')");
      tokens[a->username] = login_as(a->username);
    }
  }

  std::string login_as(const std::string& username) {
    auto captcha = api.handle({"GET", "/auth/captcha", "", {}, ""});
    REQUIRE(captcha.status == 200);
    // TextCaptchaPainter paints "PNG:" + the code.
    const std::string code = base64_decode(captcha.body["image_png_base64"].get<std::string>()).value_or("PNG:").substr(4);
    auto r = api.handle({"POST", "/auth/login",
                         json{{"username", username}, {"password", "Cache#2026pw"}, {"captcha_id", captcha.body["captcha_id"]},
                              {"captcha", code}}.dump(),
                         {}, ""});
    if (r.status != 200) FAIL("login " << username << ": " << r.body.dump());
    return r.body["token"];
  }

  std::string pid() const { return std::to_string(project_id); }
  std::string own_lines() const { return "/ivd/projects/" + pid() + "/sheet/lines"; }
  std::string lines_of(int64_t hospital) const {
    return "/ivd/projects/" + pid() + "/hospitals/" + std::to_string(hospital) + "/sheet/lines";
  }
  // As the HTTP server asks: a cached answer comes back as the cache's bytes.
  ApiResponse read(const std::string& path, const std::string& username) {
    return api.handle_serialised({"GET", path, "", {{"page_size", "50"}}, tokens[username]});
  }
  static json body_of(const ApiResponse& r) { return r.bytes ? json::parse(*r.bytes) : r.body; }
  static json line(const json& answer, const std::string& serial) {
    for (const auto& it : answer["items"])
      if (it["serial"] == serial) return it;
    FAIL("no line " << serial);
    return nullptr;
  }
  ApiResponse post(const std::string& path, const std::string& username, const json& body) {
    return api.handle({"POST", path, body.dump(), {}, tokens[username]});
  }
};

}  // namespace

TEST_CASE("the response cache answers only the version it was built from", "[api][cache]") {
  ResponseCache cache;
  CHECK(cache.find("k", "1") == nullptr);
  cache.put("k", "1", bytes_of("one"));
  REQUIRE(cache.find("k", "1") != nullptr);
  CHECK(*cache.find("k", "1") == "one");
  CHECK(cache.find("k", "2") == nullptr);  // a newer revision: rebuild
  cache.put("k", "2", bytes_of("two"));
  CHECK(cache.find("k", "1") == nullptr);  // replaced, not kept beside it
  CHECK(*cache.find("k", "2") == "two");
  CHECK(cache.entries() == 1);
}

TEST_CASE("the response cache is bounded in entries and in bytes, least recently used first", "[api][cache]") {
  ResponseCache by_count(ResponseCacheLimits{3, 1u << 20});
  for (const char* k : {"a", "b", "c"}) by_count.put(k, "v", bytes_of(k));
  REQUIRE(by_count.find("a", "v") != nullptr);  // a is now the most recently used
  by_count.put("d", "v", bytes_of("d"));
  CHECK(by_count.entries() == 3);
  CHECK(by_count.find("b", "v") == nullptr);  // the least recently used went
  CHECK(by_count.find("a", "v") != nullptr);
  CHECK(by_count.find("d", "v") != nullptr);

  ResponseCache by_size(ResponseCacheLimits{100, 4000});
  for (int i = 0; i < 10; ++i) by_size.put("k" + std::to_string(i), "v", bytes_of(std::string(900, 'x')));
  CHECK(by_size.bytes() <= 4000);
  CHECK(by_size.entries() == 4);
  by_size.put("huge", "v", bytes_of(std::string(1001, 'x')));  // over a quarter of the budget: not kept
  CHECK(by_size.find("huge", "v") == nullptr);
  CHECK(by_size.entries() == 4);
}

TEST_CASE("a cached sheet read changes at once after 暂存, a review and a catalog import", "[api][cache][ivd]") {
  CacheWorld w;
  auto first = w.read(w.own_lines(), "H1");
  REQUIRE(first.status == 200);
  REQUIRE(first.bytes);  // served as bytes
  auto again = w.read(w.own_lines(), "H1");
  REQUIRE(again.bytes);
  CHECK(again.bytes == first.bytes);  // the same bytes: from the cache, not rebuilt
  CHECK(CacheWorld::line(CacheWorld::body_of(again), "S001")["demand"] == "");
  // The city reading the same sheet by id gets the same answer.
  CHECK(w.read(w.lines_of(w.h1), "hf").bytes == first.bytes);

  // 暂存
  auto draft = w.post("/ivd/projects/" + w.pid() + "/sheet/draft", "H1",
                      {{"revision", w.sheet(w.h1).revision},
                       {"lines", {{{"serial", "S001"}, {"last_year", "100"}, {"demand", "110"}, {"instrument", "否"}}}}});
  REQUIRE(draft.status == 200);
  auto saved = w.read(w.own_lines(), "H1");
  REQUIRE(saved.status == 200);
  CHECK(saved.bytes != first.bytes);
  CHECK(CacheWorld::line(CacheWorld::body_of(saved), "S001")["demand"] == "110");
  CHECK(CacheWorld::line(CacheWorld::body_of(saved), "S001")["last_year"] == "100");

  // 提交 and the city's 审核: each status change is a new revision, so the answer is rebuilt from the
  // database (and equals what the data gives).
  w.fill_and_submit(w.hosp1);
  auto submitted = w.read(w.own_lines(), "H1");
  REQUIRE(submitted.bytes);
  CHECK(submitted.bytes != saved.bytes);
  auto reviewed = w.post("/ivd/projects/" + w.pid() + "/hospitals/" + std::to_string(w.h1) + "/review", "hf",
                         {{"revision", w.sheet(w.h1).revision}, {"decision", "reject"}, {"reason", "数量有误"}});
  REQUIRE(reviewed.status == 200);
  auto after_review = w.read(w.own_lines(), "H1");
  REQUIRE(after_review.bytes);
  CHECK(after_review.bytes != submitted.bytes);
  {
    const Project p = w.project();
    auto fresh = query_sheet_lines(w.db, p, w.sheet(w.h1), line_query_from_query({{"page_size", "50"}}, Page{1, 50}));
    REQUIRE(fresh.ok());
    CHECK(CacheWorld::body_of(after_review) == *fresh);
  }

  // A catalog import that renames a product: the lines show the new name at once.
  std::string csv = kCatalogCsv;
  const std::string old_name = "丙氨酸氨基转移酶测定试剂盒", new_name = "丙氨酸氨基转移酶测定试剂盒（新）";
  csv.replace(csv.find(old_name), old_name.size(), new_name);
  auto imported = w.post("/ivd/projects/" + w.pid() + "/catalog/import", "admin", {{"csv", csv}});
  REQUIRE(imported.status == 200);
  REQUIRE(imported.body["updated"] == 1);
  auto renamed = w.read(w.own_lines(), "H1");
  REQUIRE(renamed.status == 200);
  CHECK(CacheWorld::line(CacheWorld::body_of(renamed), "S001")["product_name"] == new_name);
}

TEST_CASE("a cached sheet read still checks who asks: scope, disabled account, reset password", "[api][cache][ivd]") {
  CacheWorld w;
  auto own = w.read(w.own_lines(), "H1");
  REQUIRE(own.status == 200);
  REQUIRE(w.api.response_cache().entries() >= 1);

  // Out of scope, while the data is cached: the same 403 as ever, and no bytes.
  auto other_hospital = w.read(w.lines_of(w.h1), "H2");
  CHECK(other_hospital.status == 403);
  CHECK(!other_hospital.bytes);
  CHECK(other_hospital.body["code"] == "ivd.scope.forbidden");
  auto other_city = w.read(w.lines_of(w.h1), "wh");
  CHECK(other_city.status == 403);
  CHECK(other_city.body["code"] == "ivd.scope.forbidden");
  CHECK(w.read(w.lines_of(w.h1), "hf").status == 200);

  // A disabled account loses access with its next request.
  REQUIRE(set_user_disabled(w.db, w.svc, w.hosp1.user_id, true).ok());
  auto disabled = w.read(w.own_lines(), "H1");
  CHECK(disabled.status == 401);
  CHECK(!disabled.bytes);
  // So does one whose password was reset.
  REQUIRE(reset_password(w.db, w.svc, w.city_hf.user_id).ok());
  auto reset = w.read(w.lines_of(w.h1), "hf");
  CHECK(reset.status == 401);
  CHECK(!reset.bytes);
}

TEST_CASE("a connection hands a finished statement out again, reset and unbound", "[store][cache]") {
  auto db = Db::open(":memory:");
  REQUIRE(db.ok());
  REQUIRE(db->exec("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2), (3)").ok());
  const char* sql = "SELECT count(*) FROM t WHERE a >= ?";
  for (int i = 1; i <= 3; ++i) {
    auto st = db->prepare(sql);
    REQUIRE(st.ok());
    st->bind(1, i);
    auto row = st->step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    CHECK(st->col_int(0) == 4 - i);
    // Left mid-walk: the next use must start from the beginning.
  }
  {
    auto st = db->prepare(sql);  // bindings cleared: NULL matches nothing
    REQUIRE(st.ok());
    auto row = st->step();
    REQUIRE(row.ok());
    CHECK(st->col_int(0) == 0);
  }
  // A kept statement holds no lock: another statement can change the table.
  REQUIRE(db->exec("DROP TABLE t").ok());
  auto gone = db->prepare(sql);
  CHECK((!gone.ok() || !gone->step().ok()));
  // A statement that outlives its connection is finalized safely.
  std::optional<Stmt> late;
  {
    auto other = Db::open(":memory:");
    REQUIRE(other.ok());
    auto st = other->prepare("SELECT 1");
    REQUIRE(st.ok());
    late = std::move(st.value());
  }
  late.reset();
}
