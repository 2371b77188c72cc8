// The store's mechanisms: the transaction step (busy, nesting), the status-transition step and the
// event log.
#include <catch_amalgamated.hpp>

#include <atomic>
#include <filesystem>
#include <string>

#include "core/store/event_log.hpp"
#include "core/store/schema.hpp"
#include "core/store/transaction.hpp"
#include "core/store/transition.hpp"

using namespace ivd;

namespace {

Db migrated_memory_db() {
  auto d = Db::open(":memory:");
  REQUIRE(d.ok());
  REQUIRE(migrate(*d).ok());
  return std::move(d).value();
}

int64_t count(Db& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE(st.ok());
  auto r = st->step();
  REQUIRE(r.ok());
  REQUIRE(*r);
  return st->col_int(0);
}

// A temporary database file, removed (with its WAL and shared-memory files) at the end.
struct TempDbFile {
  std::string path;
  TempDbFile() {
    static std::atomic<int> n{0};
    path = (std::filesystem::temp_directory_path() / ("ivd_store_test_" + std::to_string(n++) + ".db")).string();
    remove_all();
  }
  ~TempDbFile() { remove_all(); }
  void remove_all() const {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ec);
  }
};

// A small workflow on a table of its own, the way supply feedback will declare one.
constexpr StatusTable kItemTable{
    .table = "t_items",
    .key_columns = {"id"},
    .extra_columns = {"note"},
    .entity = "t_item",
};
constexpr std::string_view kItemStatuses[] = {"open", "sent", "done"};
constexpr TransitionRule kItemRules[] = {
    {"clerk", "open", "send", "sent", ""},
    {"boss", "sent", "close", "done", "a note"},
    {"boss", "sent", "return", "open", "a reason"},
};
constexpr std::pair<std::string_view, std::string_view> kItemRefusals[] = {
    {"send", "test.item_not_open"},
    {"close", "test.item_not_sent"},
    {"return", "test.item_not_sent"},
};
constexpr Workflow kItemWorkflow{"t_item", kItemTable, kItemStatuses, kItemRules, kItemRefusals};

struct ItemDb {
  Db db = migrated_memory_db();
  ItemDb() {
    REQUIRE(db.exec("CREATE TABLE t_items (id INTEGER PRIMARY KEY, status TEXT NOT NULL, revision INTEGER NOT NULL, "
                    "updated_at INTEGER NOT NULL DEFAULT 0, note TEXT NOT NULL DEFAULT '', secret TEXT DEFAULT '')")
                .ok());
    REQUIRE(db.exec("INSERT INTO t_items (id, status, revision) VALUES (1, 'open', 3), (2, 'sent', 7)").ok());
  }
  TransitionRequest send_item1() const {
    TransitionRequest t;
    t.key = {int64_t{1}};
    t.entity_id = "1";
    t.expected_revision = 3;
    t.from = "open";
    t.action = "send";
    t.to = "sent";
    t.actor_id = 0;
    t.at = 1'780'000'123;
    t.reason = "ready";
    return t;
  }
  std::string status(int id) {
    auto st = db.prepare("SELECT status || ':' || revision FROM t_items WHERE id = ?");
    REQUIRE(st.ok());
    st->bind(1, id);
    REQUIRE(*st->step());
    return st->col_text(0);
  }
  int64_t events() { return count(db, "SELECT count(*) FROM events"); }
};

}  // namespace

// ---- transaction step ------------------------------------------------------------------------------

TEST_CASE("a transaction that cannot take the write lock is refused as busy, never run deferred", "[store][tx]") {
  TempDbFile file;
  auto db1 = Db::open(file.path);
  REQUIRE(db1.ok());
  REQUIRE(db1->exec("CREATE TABLE t (x INTEGER)").ok());
  auto db2 = Db::open(file.path);
  REQUIRE(db2.ok());
  db2->set_busy_timeout(20);
  REQUIRE(db1->exec("BEGIN IMMEDIATE").ok());  // connection 1 holds the write lock
  bool ran = false;
  auto r = transaction(*db2, [&]() -> Status {
    ran = true;
    return db2->exec("INSERT INTO t VALUES (1)");
  });
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::unavailable);
  CHECK(r.error().code == "db.busy");
  CHECK_FALSE(ran);
  CHECK_FALSE(db2->in_transaction());
  REQUIRE(db1->exec("COMMIT").ok());
  // Once the lock is free the same step goes through.
  REQUIRE(transaction(*db2, [&]() -> Status { return db2->exec("INSERT INTO t VALUES (2)"); }).ok());
  CHECK(count(*db1, "SELECT count(*) FROM t") == 1);
}

TEST_CASE("a nested transaction is a savepoint that rolls back only its own part", "[store][tx]") {
  Db db = migrated_memory_db();
  REQUIRE(db.exec("CREATE TABLE t (x INTEGER NOT NULL)").ok());
  auto outer = transaction(db, [&]() -> Status {
    IVD_TRY(db.exec("INSERT INTO t VALUES (1)"));
    auto inner = transaction(db, [&]() -> Status {
      IVD_TRY(db.exec("INSERT INTO t VALUES (2)"));
      return db.exec("INSERT INTO t VALUES (NULL)");  // fails: the inner part goes
    });
    REQUIRE_FALSE(inner.ok());
    REQUIRE(db.in_transaction());  // the outer transaction is still open
    auto kept = transaction(db, [&]() -> Status { return db.exec("INSERT INTO t VALUES (3)"); });
    REQUIRE(kept.ok());
    return db.exec("INSERT INTO t VALUES (4)");
  });
  REQUIRE(outer.ok());
  CHECK_FALSE(db.in_transaction());
  CHECK(count(db, "SELECT count(*) FROM t") == 3);
  CHECK(count(db, "SELECT count(*) FROM t WHERE x = 2") == 0);
  CHECK(count(db, "SELECT sum(x) FROM t") == 8);
}

// ---- status-transition step ------------------------------------------------------------------------

TEST_CASE("a transition updates status, revision, time and extra columns and writes the event", "[store][transition]") {
  ItemDb w;
  auto t = w.send_item1();
  t.also_set = {{"note", std::string("note text")}};
  REQUIRE(apply_transition(w.db, kItemWorkflow, t).ok());
  CHECK(w.status(1) == "sent:4");
  CHECK(count(w.db, "SELECT updated_at FROM t_items WHERE id = 1") == 1'780'000'123);
  CHECK(count(w.db, "SELECT count(*) FROM t_items WHERE id = 1 AND note = 'note text'") == 1);
  auto events = load_events(w.db, "t_item", "1");
  REQUIRE(events.ok());
  REQUIRE(events->size() == 1);
  const EventRow& e = events->front();
  CHECK(e.action == "send");
  CHECK(e.actor_id == 0);
  CHECK(e.at == 1'780'000'123);
  CHECK(e.from_state == "open");
  CHECK(e.to_state == "sent");
  CHECK(e.reason == "ready");
  CHECK(w.status(2) == "sent:7");  // only the keyed row moved
}

TEST_CASE("a transition with a stale revision is refused with nothing written", "[store][transition]") {
  ItemDb w;
  auto t = w.send_item1();
  t.expected_revision = 2;
  auto r = apply_transition(w.db, kItemWorkflow, t);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::conflict);
  CHECK(r.error().code == "revision.stale");
  CHECK(r.error().field == "revision");
  CHECK(r.error().details["expected"] == 2);
  CHECK(r.error().details["current"] == 3);
  CHECK(w.status(1) == "open:3");
  CHECK(w.events() == 0);
}

TEST_CASE("a transition from the wrong status is refused with the workflow's code", "[store][transition]") {
  ItemDb w;
  SECTION("the action does not start from that status") {
    auto t = w.send_item1();
    t.key = {int64_t{2}};
    t.expected_revision = 7;
    t.from = "sent";
    auto r = apply_transition(w.db, kItemWorkflow, t);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ErrorKind::conflict);
    CHECK(r.error().code == "test.item_not_open");
    CHECK(r.error().details["status"] == "sent");
  }
  SECTION("the record is no longer in the status the caller loaded") {
    auto t = w.send_item1();
    t.key = {int64_t{2}};
    t.expected_revision = 7;  // revision matches, status does not
    auto r = apply_transition(w.db, kItemWorkflow, t);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "test.item_not_open");
    CHECK(r.error().details["status"] == "sent");
  }
  SECTION("a target the workflow does not list is an internal error") {
    auto t = w.send_item1();
    t.to = "done";
    auto r = apply_transition(w.db, kItemWorkflow, t);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "internal");
  }
  SECTION("a column outside the descriptor is never written") {
    auto t = w.send_item1();
    t.also_set = {{"secret", std::string("x")}};
    auto r = apply_transition(w.db, kItemWorkflow, t);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "internal");
  }
  SECTION("no record with the key") {
    auto t = w.send_item1();
    t.key = {int64_t{99}};
    auto r = apply_transition(w.db, kItemWorkflow, t);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ErrorKind::not_found);
  }
  CHECK(w.status(1) == "open:3");
  CHECK(w.status(2) == "sent:7");
  CHECK(w.events() == 0);
}

TEST_CASE("a transition whose event cannot be written is rolled back", "[store][transition]") {
  ItemDb w;
  REQUIRE(w.db.exec("CREATE TRIGGER no_events BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'refused'); END").ok());
  SECTION("on its own") {
    auto r = apply_transition(w.db, kItemWorkflow, w.send_item1());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "internal");
    CHECK(r.error().message_en.find("refused") == std::string::npos);
  }
  SECTION("inside the caller's transaction, which keeps its own work") {
    REQUIRE(w.db.exec("CREATE TABLE other (x INTEGER)").ok());
    auto outer = transaction(w.db, [&]() -> Status {
      IVD_TRY(w.db.exec("INSERT INTO other VALUES (1)"));
      auto r = apply_transition(w.db, kItemWorkflow, w.send_item1());
      CHECK_FALSE(r.ok());
      return ok_status();
    });
    REQUIRE(outer.ok());
    CHECK(count(w.db, "SELECT count(*) FROM other") == 1);
  }
  CHECK(w.status(1) == "open:3");
  CHECK(w.events() == 0);
}

TEST_CASE("workflow tables answer which actions start from a status", "[store][transition]") {
  CHECK(kItemWorkflow.allows("send", "open"));
  CHECK_FALSE(kItemWorkflow.allows("send", "sent"));
  CHECK(kItemWorkflow.find("return", "sent", "open") != nullptr);
  CHECK(kItemWorkflow.find("return", "sent", "done") == nullptr);
  CHECK(kItemWorkflow.refusal("close", "open").code == "test.item_not_sent");
}
