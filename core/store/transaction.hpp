#pragma once
// transaction(db, fn): the one step that makes a change atomic (below), and a page-cache helper for
// bulk writes.
#include <string>

#include "core/store/db.hpp"

namespace ivd {

// Raises the connection's page cache for a bulk write (imports of tens of thousands of rows) and puts
// the previous size back when it goes out of scope. With SQLite's default 2 MB cache a 50,000-row
// import spills pages to the WAL mid-transaction and takes about twice the time.
class BulkWriteCache {
 public:
  explicit BulkWriteCache(Db& db, int kib = 64 * 1024) : db_(db) {
    auto st = db_.prepare("PRAGMA cache_size");
    if (!st) return;
    auto r = st->step();
    if (!r || !*r) return;
    const int64_t current = st->col_int(0);  // < 0: KiB; > 0: pages (assume 4 KiB)
    const int64_t current_kib = current < 0 ? -current : current * 4;
    if (current_kib >= kib) return;
    previous_ = std::to_string(current);
    (void)db_.exec("PRAGMA cache_size = -" + std::to_string(kib));
  }
  ~BulkWriteCache() {
    if (!previous_.empty()) (void)db_.exec("PRAGMA cache_size = " + previous_);
  }
  BulkWriteCache(const BulkWriteCache&) = delete;
  BulkWriteCache& operator=(const BulkWriteCache&) = delete;

 private:
  Db& db_;
  std::string previous_;
};

// The one transaction step. Outside a transaction: BEGIN IMMEDIATE ... COMMIT, taking the write lock
// up front so two writers never deadlock (a deferred read-then-write transaction fails with
// SQLITE_BUSY in WAL mode). When BEGIN IMMEDIATE cannot get the lock within the busy timeout the
// caller gets 503 db.busy; it is never downgraded to a deferred transaction. Inside a transaction this
// connection already opened (the demo seed, a route that saves and then submits) it nests as a
// SAVEPOINT. Rolls back when fn returns an error.
template <class F>
auto transaction(Db& db, F&& fn) -> decltype(fn()) {
  const bool nested = db.in_transaction();
  IVD_TRY(db.exec(nested ? "SAVEPOINT step" : "BEGIN IMMEDIATE"));
  auto undo = [&] {
    if (nested) {
      (void)db.exec("ROLLBACK TO step");
      (void)db.exec("RELEASE step");
    } else {
      (void)db.exec("ROLLBACK");
    }
  };
  auto r = fn();
  if (!r.ok()) {
    undo();
    return r;
  }
  if (auto s = db.exec(nested ? "RELEASE step" : "COMMIT"); !s) {
    undo();
    return s.error();
  }
  return r;
}

}  // namespace ivd
