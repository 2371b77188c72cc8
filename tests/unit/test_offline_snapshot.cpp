// The scope a hospital's browser keeps for offline work (core/offline/snapshot.hpp): only its own rows,
// and core's routes answer the hospital the same over that copy as over the whole database (the parity
// of the local transport with the server, at the level of the dispatcher).
#include <catch_amalgamated.hpp>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/accounts/sessions.hpp"
#include "core/api/dispatcher.hpp"
#include "core/demo/ivd_demo.hpp"
#include "core/demo/org_demo.hpp"
#include "core/demo/supply_demo.hpp"
#include "core/offline/local_session.hpp"
#include "core/offline/snapshot.hpp"
#include "core/store/schema.hpp"
#include "tests/unit/fakes.hpp"

using namespace ivd;

namespace {

int64_t count(Db& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE(st.ok());
  REQUIRE(*st->step());
  return st->col_int(0);
}

// The demo data set in a database file (a snapshot is read from a file, as on the server).
struct FileEnv {
  FakeClock clock;
  CountingRandom random;
  PlainHasher hasher;
  TextCaptchaPainter painter;
  MemoryFileStore files;
  Services services{clock, random, hasher, painter, {}, &files};
  std::filesystem::path path;
  Db db;

  FileEnv() : path(std::filesystem::temp_directory_path() / ("ivd-offline-" + std::to_string(::getpid()) + ".db")),
              db(open_fresh(path)) {
    REQUIRE(seed_demo(db, services).ok());
    IvdDemoOptions small;
    small.serials = 300;
    small.certificates = 90;
    small.min_lines = 5;
    small.max_lines = 30;
    REQUIRE(seed_ivd_demo(db, services, small).ok());
    REQUIRE(seed_supply_demo(db, services).ok());
    // Every demo user has changed its first password (the routes refuse a session that must still).
    REQUIRE(db.exec("UPDATE users SET must_change_password = 0").ok());
  }
  ~FileEnv() {
    { Db closed = std::move(db); }
    for (const char* tail : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + tail);
  }
  static Db open_fresh(const std::filesystem::path& p) {
    for (const char* tail : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + tail);
    auto d = Db::open(p.string());
    if (!d.ok() || !migrate(*d).ok()) std::abort();
    return std::move(d).value();
  }
  int64_t user_id(const std::string& username) {
    auto st = db.prepare("SELECT id FROM users WHERE username = ?1");
    REQUIRE(st.ok());
    st->bind(1, std::string_view(username));
    REQUIRE(*st->step());
    return st->col_int(0);
  }
};

// An Api over db whose every session is `who` (the session itself is not what is compared).
std::unique_ptr<Api> api_as(Db& db, Services& svc, int64_t who) {
  auto api = std::make_unique<Api>(db, svc);
  register_all_routes(*api);
  api->set_session_resolver([who](Db& d, Services&, const std::string&) { return load_actor(d, who); });
  return api;
}

}  // namespace

TEST_CASE("offline snapshot: a hospital's copy holds its own rows and nobody else's", "[offline]") {
  FileEnv env;
  const int64_t uid = env.user_id("H34010000001");
  auto actor = load_actor(env.db, uid);
  REQUIRE(actor.ok());
  const int64_t hid = *actor->institution_id;
  auto bytes = extract_hospital_scope(env.db, *actor);
  REQUIRE(bytes.ok());
  auto copy = Db::deserialize(*bytes);
  REQUIRE(copy.ok());
  Db& c = *copy;
  CHECK(*schema_version(c) == latest_schema_version());
  const std::string h = std::to_string(hid);
  // Its own sheets, lines and feedback, all of them.
  CHECK(count(c, "SELECT count(*) FROM ivd_sheets") == count(env.db, "SELECT count(*) FROM ivd_sheets WHERE hospital_id = " + h));
  CHECK(count(c, "SELECT count(*) FROM ivd_sheet_lines") ==
        count(env.db, "SELECT count(*) FROM ivd_sheet_lines WHERE sheet_id IN (SELECT id FROM ivd_sheets WHERE hospital_id = " + h + ")"));
  CHECK(count(c, "SELECT count(*) FROM supply_feedback") > 0);
  CHECK(count(c, "SELECT count(*) FROM supply_feedback") ==
        count(env.db, "SELECT count(*) FROM supply_feedback WHERE hospital_id = " + h));
  CHECK(count(c, "SELECT count(*) FROM ivd_catalog") > 0);
  CHECK(count(c, "SELECT count(*) FROM supply_products") == count(env.db, "SELECT count(*) FROM supply_products"));
  // Nobody else's: no other hospital, sheet or feedback, no session or captcha, no other password.
  CHECK(count(c, "SELECT count(*) FROM institutions WHERE kind = 'hospital' AND id <> " + h) == 0);
  CHECK(count(c, "SELECT count(*) FROM ivd_sheets WHERE hospital_id <> " + h) == 0);
  CHECK(count(c, "SELECT count(*) FROM supply_feedback WHERE hospital_id <> " + h) == 0);
  CHECK(count(c, "SELECT count(*) FROM sessions") == 0);
  CHECK(count(c, "SELECT count(*) FROM captchas") == 0);
  CHECK(count(c, "SELECT count(*) FROM ivd_city_reviews") == 0);
  CHECK(count(c, "SELECT count(*) FROM users WHERE password_hash <> ''") == 0);
  CHECK(count(c, "SELECT count(*) FROM users WHERE phone <> '' AND id <> " + std::to_string(uid)) == 0);
  CHECK(count(c, "SELECT count(*) FROM users WHERE id = " + std::to_string(uid)) == 1);
  CHECK(count(c, "PRAGMA foreign_keys") == 1);
  // Bounded: far smaller than the whole database.
  auto whole = env.db.serialize();
  REQUIRE(whole.ok());
  CHECK(bytes->size() * 3 < whole->size());
  // A database file in WAL mode reads back from its bytes too (its header says WAL).
  REQUIRE(whole->size() > 100);
  CHECK(static_cast<int>((*whole)[18]) == 2);
  auto again = Db::deserialize(*whole);
  REQUIRE(again.ok());
  CHECK(count(*again, "SELECT count(*) FROM ivd_sheet_lines") == count(env.db, "SELECT count(*) FROM ivd_sheet_lines"));
}

TEST_CASE("offline snapshot: only hospital users get one, and the route answers it as base64", "[offline]") {
  FileEnv env;
  auto admin = load_actor(env.db, env.user_id("admin_34"));
  REQUIRE(admin.ok());
  CHECK_FALSE(may_work_offline(*admin));
  auto refused = extract_hospital_scope(env.db, *admin);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "offline.hospital_only");

  auto api = api_as(env.db, env.services, env.user_id("H34010000001"));
  const ApiResponse r = api->handle({"GET", "/offline/snapshot", "", {}, "t"});
  REQUIRE(r.status == 200);
  const OfflineSnapshot s = r.body.get<OfflineSnapshot>();
  CHECK(s.schema_version == latest_schema_version());
  CHECK(s.taken_at == env.clock.now());
  CHECK(s.bytes > 0);
  CHECK(s.user_id == env.user_id("H34010000001"));
  CHECK(nlohmann::json(s) == r.body);
  auto admin_api = api_as(env.db, env.services, env.user_id("admin_34"));
  CHECK(admin_api->handle({"GET", "/offline/snapshot", "", {}, "t"}).status == 403);
}

TEST_CASE("offline snapshot: the routes answer the hospital the same over its copy as over the whole database",
          "[offline][parity]") {
  FileEnv env;
  const int64_t uid = env.user_id("H34010000001");
  auto actor = load_actor(env.db, uid);
  REQUIRE(actor.ok());
  auto bytes = extract_hospital_scope(env.db, *actor);
  REQUIRE(bytes.ok());
  auto copy = Db::deserialize(*bytes);
  REQUIRE(copy.ok());
  auto server = api_as(env.db, env.services, uid);
  auto local = api_as(*copy, env.services, uid);

  std::vector<ApiRequest> reqs = {
      {"GET", "/ivd/home", "", {}, "t"},
      {"GET", "/ivd/projects", "", {}, "t"},
      {"GET", "/supply/products", "", {}, "t"},
      {"GET", "/supply/products", "", {{"page", "2"}, {"page_size", "5"}}, "t"},
      {"GET", "/supply/feedback", "", {}, "t"},
      {"GET", "/supply/feedback", "", {{"status", "draft"}}, "t"},
      {"GET", "/supply/calendar", "", {}, "t"},
  };
  const ApiResponse projects = server->handle({"GET", "/ivd/projects", "", {}, "t"});
  REQUIRE(projects.status == 200);
  for (const auto& p : projects.body["items"]) {
    const std::string base = "/ivd/projects/" + std::to_string(p["id"].get<int64_t>());
    for (const char* tail : {"", "/catalog", "/sheet", "/sheet/lines", "/sheet/full", "/sheet/events",
                             "/sheet/certificates", "/events"})
      reqs.push_back({"GET", base + tail, "", {}, "t"});
  }
  const ApiResponse feedback = server->handle({"GET", "/supply/feedback", "", {{"page_size", "100"}}, "t"});
  REQUIRE(feedback.status == 200);
  REQUIRE(feedback.body["items"].size() > 0);
  for (const auto& f : feedback.body["items"])
    reqs.push_back({"GET", "/supply/feedback/" + std::to_string(f["id"].get<int64_t>()), "", {}, "t"});

  int compared = 0;
  for (const ApiRequest& req : reqs) {
    const ApiResponse a = server->handle(req), b = local->handle(req);
    INFO(req.method << " " << req.path);
    CHECK(a.status == b.status);
    CHECK(a.body.dump() == b.body.dump());
    ++compared;
  }
  CHECK(compared > 20);
}

TEST_CASE("offline snapshot: the local session is the copy's hospital user, and only with a token", "[offline]") {
  FileEnv env;
  const int64_t uid = env.user_id("H34010000001");
  auto actor = load_actor(env.db, uid);
  REQUIRE(actor.ok());
  auto bytes = extract_hospital_scope(env.db, *actor);
  REQUIRE(bytes.ok());
  auto copy = Db::deserialize(*bytes);
  REQUIRE(copy.ok());
  auto as = resolve_local_session(*copy, uid, "any-token");
  REQUIRE(as.ok());
  CHECK(as->user_id == uid);
  CHECK(as->institution_id == actor->institution_id);
  auto anonymous = resolve_local_session(*copy, uid, "");
  REQUIRE_FALSE(anonymous.ok());
  CHECK(anonymous.error().code == "auth.not_logged_in");
  // Someone not in the copy (another hospital, an administrator) does not work on it.
  auto stranger = resolve_local_session(*copy, env.user_id("admin_34"), "t");
  REQUIRE_FALSE(stranger.ok());
  CHECK(stranger.error().code == "offline.hospital_only");

  Api local(*copy, env.services);
  register_all_routes(local);
  local.set_session_resolver([uid](Db& d, Services&, const std::string& token) { return resolve_local_session(d, uid, token); });
  CHECK(local.handle({"GET", "/ivd/home", "", {}, "t"}).status == 200);
  CHECK(local.handle({"GET", "/ivd/home", "", {}, "", ""}).status == 401);
}

TEST_CASE("offline queue: a change sent again with its change id is answered, not applied twice", "[offline]") {
  FileEnv env;
  // A hospital user with a sheet in 暂存 (which one the demo makes so depends on the build's ordering).
  auto st = env.db.prepare("SELECT u.id, s.project_id, s.revision, l.serial FROM ivd_sheets s "
                           "JOIN ivd_sheet_lines l ON l.sheet_id = s.id "
                           "JOIN users u ON u.institution_id = s.hospital_id AND u.user_type = 'hospital' "
                           "WHERE s.status = 'draft' ORDER BY s.id LIMIT 1");
  REQUIRE(st.ok());
  REQUIRE(*st->step());
  const int64_t uid = st->col_int(0), pid = st->col_int(1), revision = st->col_int(2);
  const std::string serial = st->col_text(3);
  auto actor = load_actor(env.db, uid);
  REQUIRE(actor.ok());
  const std::string h = std::to_string(*actor->institution_id);
  auto api = api_as(env.db, env.services, uid);
  auto save = [&](const std::string& change_id, const std::string& value, int64_t rev) {
    ApiRequest r;
    r.method = "POST";
    r.path = "/ivd/projects/" + std::to_string(pid) + "/sheet/draft";
    r.body = nlohmann::json{{"revision", rev}, {"lines", {{{"serial", serial}, {"last_year", value}}}}}.dump();
    r.session_token = "t";
    r.change_id = change_id;
    return api->handle(r);
  };
  const std::string sheet_rev = "SELECT revision FROM ivd_sheets WHERE hospital_id = " + h + " AND project_id = " + std::to_string(pid);
  const int64_t events_before = count(env.db, "SELECT count(*) FROM events");
  auto first = save("c-1", "321", revision);
  REQUIRE(first.status == 200);
  CHECK(count(env.db, sheet_rev) == revision + 1);
  // The same change again (its answer was lost): the same answer, nothing applied.
  auto again = save("c-1", "321", revision);
  CHECK(again.status == 200);
  CHECK(again.body == first.body);
  CHECK(count(env.db, sheet_rev) == revision + 1);
  CHECK(count(env.db, "SELECT count(*) FROM applied_changes WHERE user_id = " + std::to_string(uid)) == 1);
  const int64_t events_after = count(env.db, "SELECT count(*) FROM events");
  // A new change id at the old revision is a new change: refused as stale, nothing written.
  auto stale = save("c-2", "999", revision);
  CHECK(stale.status == 409);
  CHECK(stale.body["code"] == "revision.stale");
  CHECK(count(env.db, sheet_rev) == revision + 1);
  CHECK(count(env.db, "SELECT count(*) FROM events") == events_after);
  CHECK(events_after >= events_before);
  // Without a change id nothing is remembered; an over-long id is refused before anything runs.
  auto plain = save("", "5", revision + 1);
  CHECK(plain.status == 200);
  CHECK(count(env.db, "SELECT count(*) FROM applied_changes") == 1);
  auto too_long = save(std::string(65, 'x'), "6", revision + 2);
  CHECK(too_long.status == 400);
  CHECK(too_long.body["code"] == "request.bad_change_id");
  CHECK(count(env.db, sheet_rev) == revision + 2);
  // The copy a browser takes holds nobody's applied changes.
  auto bytes = extract_hospital_scope(env.db, *actor);
  REQUIRE(bytes.ok());
  auto copy = Db::deserialize(*bytes);
  REQUIRE(copy.ok());
  CHECK(count(*copy, "SELECT count(*) FROM applied_changes") == 0);
}
