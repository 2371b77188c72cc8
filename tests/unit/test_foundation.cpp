// Foundation of core: the SQLite wrapper, migrations, translations and the API dispatcher.
#include <catch_amalgamated.hpp>

#include "core/api/dispatcher.hpp"
#include "core/base/i18n.hpp"
#include "core/store/schema.hpp"
#include "tests/unit/fakes.hpp"
#include "core/store/transaction.hpp"

using namespace ivd;

TEST_CASE("a fresh in-memory database migrates to the latest schema", "[db]") {
  auto db = Db::open(":memory:");
  REQUIRE(db.ok());
  REQUIRE(migrate(*db).ok());
  REQUIRE(*schema_version(*db) == latest_schema_version());
  REQUIRE(migrate(*db).ok());  // second run changes nothing
  REQUIRE(*schema_version(*db) == latest_schema_version());
}

TEST_CASE("a failing statement inside a transaction rolls everything back", "[db]") {
  auto db = Db::open(":memory:");
  REQUIRE(db->exec("CREATE TABLE t (x INTEGER NOT NULL)").ok());
  auto r = transaction(*db, [&]() -> Status {
    IVD_TRY(db->exec("INSERT INTO t VALUES (1)"));
    return db->exec("INSERT INTO t VALUES (NULL)");
  });
  REQUIRE_FALSE(r.ok());
  // The client sees a generic error with a reference; the SQL text and SQLite's message stay inside.
  REQUIRE(r.error().code == "internal");
  REQUIRE(r.error().kind == ErrorKind::internal);
  REQUIRE(r.error().message_zh.find("NOT NULL") == std::string::npos);
  REQUIRE(r.error().message_en.find("INSERT") == std::string::npos);
  REQUIRE(r.error().message_en.find(r.error().details["reference"].get<std::string>()) != std::string::npos);
  auto st = db->prepare("SELECT count(*) FROM t");
  REQUIRE(*st->step());
  REQUIRE(st->col_int(0) == 0);
}

TEST_CASE("foreign keys are enforced", "[db]") {
  auto db = Db::open(":memory:");
  REQUIRE(migrate(*db).ok());
  auto st = db->prepare("INSERT INTO institutions (code, name, kind, region_code) VALUES ('H1','x','hospital','999999')");
  REQUIRE_FALSE(st->run().ok());
}

TEST_CASE("both translation tables hold the same ids", "[i18n]") {
  REQUIRE(text_ids(Lang::zh) == text_ids(Lang::en));
  REQUIRE(tr(Lang::zh, "route.not_found") == "接口不存在");
  REQUIRE(trf(Lang::en, "request.missing_field", {"username"}) == "Missing required field \"username\"");
  REQUIRE(tr(Lang::en, "no.such.id") == "no.such.id");
}

TEST_CASE("the dispatcher answers unknown routes, bad methods and malformed JSON with error values", "[api]") {
  TestEnv env;
  Api api(env.db, env.services);
  api.add("POST", "/echo/{id}", Access::open, [](ApiContext& c) -> Result<nlohmann::json> {
    return nlohmann::json{{"id", c.params.at("id")}, {"body", c.body}};
  });
  auto ok = api.handle({"POST", "/echo/42", R"({"a":1})", {}, {}});
  REQUIRE(ok.status == 200);
  REQUIRE(ok.body["id"] == "42");
  REQUIRE(ok.body["body"]["a"] == 1);

  auto unknown = api.handle({"GET", "/nope", "", {}, {}});
  REQUIRE(unknown.status == 404);
  REQUIRE(unknown.body["code"] == "route.not_found");
  REQUIRE(unknown.body["message_zh"] == "接口不存在");

  auto method = api.handle({"GET", "/echo/1", "", {}, {}});
  REQUIRE(method.status == 400);
  REQUIRE(method.body["code"] == "route.method_not_allowed");

  for (const char* bad : {"{", "[1,2]", "\"s\"", "nul", "{\"a\":}"}) {
    auto r = api.handle({"POST", "/echo/1", bad, {}, {}});
    REQUIRE(r.status == 400);
    REQUIRE(r.body["code"] == "request.malformed_json");
  }
}

TEST_CASE("a handler that throws becomes a 500 error value", "[api]") {
  TestEnv env;
  Api api(env.db, env.services);
  api.add("GET", "/boom", Access::open, [](ApiContext&) -> Result<nlohmann::json> { throw std::runtime_error("x"); });
  auto r = api.handle({"GET", "/boom", "", {}, {}});
  REQUIRE(r.status == 500);
  REQUIRE(r.body["code"] == "internal");
}

TEST_CASE("routes that need a session refuse calls without one", "[api]") {
  TestEnv env;
  Api api(env.db, env.services);
  api.add("GET", "/private", Access::user, [](ApiContext&) -> Result<nlohmann::json> { return nlohmann::json::object(); });
  auto r = api.handle({"GET", "/private", "", {}, {}});
  REQUIRE(r.status == 401);
}
