#pragma once
// atomic_write(db, fn): runs fn atomically whether or not the caller already opened a transaction.
// Outside a transaction it is BEGIN IMMEDIATE ... COMMIT, taking the write lock up front so a command
// line import never deadlocks against a running server (a deferred read-then-write transaction would
// fail with SQLITE_BUSY in WAL mode); inside one (e.g. the demo seed, or a caller's Db::transaction) it
// nests as a SAVEPOINT. Rolls back when fn returns an error.
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

template <class F>
auto atomic_write(Db& db, F&& fn) -> decltype(fn()) {
  const bool own = db.exec("BEGIN IMMEDIATE").ok();  // fails only when a transaction is already open
  if (!own) IVD_TRY(db.exec("SAVEPOINT atomic_write"));
  auto undo = [&] {
    if (own) {
      (void)db.exec("ROLLBACK");
    } else {
      (void)db.exec("ROLLBACK TO atomic_write");
      (void)db.exec("RELEASE atomic_write");
    }
  };
  auto r = fn();
  if (!r.ok()) {
    undo();
    return r;
  }
  if (auto s = db.exec(own ? "COMMIT" : "RELEASE atomic_write"); !s) {
    undo();
    return s.error();
  }
  return r;
}

}  // namespace ivd
