#pragma once
// SQLite behind small RAII wrappers: every return code becomes a Result; no raw sqlite3* outside
// db.cpp. One Db per connection; Stmt is a prepared statement bound to it.
#include <cstdint>
#include <functional>
#include <memory>
#include <type_traits>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace ivd {

class Db;
struct StmtCache;  // db.cpp: a connection's prepared statements kept for reuse

class Stmt {
 public:
  Stmt() = default;
  Stmt(Stmt&& o) noexcept;
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  // Binding is 1-based like SQLite. Returns *this so calls chain; errors surface at step().
  Stmt& bind(int i, int64_t v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
  Stmt& bind(int i, double v);
  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind_null(int i);
  Stmt& bind_blob(int i, const void* data, size_t size);
  Stmt& bind(int i, const std::optional<int64_t>& v) { return v ? bind(i, *v) : bind_null(i); }
  Stmt& bind(int i, const std::optional<std::string>& v) { return v ? bind(i, *v) : bind_null(i); }
  // Binds every argument in order, starting at 1.
  template <class... A>
  Stmt& bind_all(const A&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  // true: a row is available; false: done.
  Result<bool> step();
  // Runs to completion (for INSERT/UPDATE/DELETE).
  Status run();
  // The row iterator: calls fn for each row (fn returns void or Status; an error stops the walk and
  // is returned), then resets the statement so it can be bound and run again.
  //   IVD_TRY(st->each([&](const Stmt& row) { out.push_back(row.col_text(0)); }));
  template <class F>
  Status each(F&& fn) {
    return each_row([&](const Stmt& row) -> Status {
      if constexpr (std::is_void_v<decltype(fn(row))>) {
        fn(row);
        return ok_status();
      } else {
        return fn(row);
      }
    });
  }
  void reset();

  int64_t col_int(int i) const;
  double col_double(int i) const;
  std::string col_text(int i) const;
  bool col_null(int i) const;
  std::optional<int64_t> col_opt_int(int i) const;
  std::optional<std::string> col_opt_text(int i) const;

 private:
  friend class Db;
  Status each_row(const std::function<Status(const Stmt&)>& fn);
  Stmt(Db* db, sqlite3_stmt* s, std::shared_ptr<StmtCache> cache) : db_(db), s_(s), cache_(std::move(cache)) {}
  void release();  // back to the connection's cache (reset, bindings cleared), or finalized
  Db* db_ = nullptr;
  sqlite3_stmt* s_ = nullptr;
  std::shared_ptr<StmtCache> cache_;
  int bind_rc_ = 0;
};

class Db {
 public:
  // path ":memory:" for tests. Turns on foreign keys; WAL for file databases.
  static Result<Db> open(const std::string& path);
  // An in-memory database holding a copy of `bytes` (a whole SQLite database file, as serialize gives
  // it): the browser's local store starts from one stored value (issue 12). Foreign keys on.
  static Result<Db> deserialize(std::string_view bytes);
  // The whole database (schema "main") as the bytes of a database file.
  Result<std::string> serialize();
  Db(Db&& o) noexcept;
  Db& operator=(Db&& o) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  // Statements are kept per connection once done with (reset, bindings cleared) and handed out again
  // for the same SQL text: a request makes the same few queries, and preparing them again each time
  // was most of the cost of a cached read (issue 8). Bounded; dynamic SQL beyond the bound is finalized.
  Result<Stmt> prepare(std::string_view sql);
  Status exec(std::string_view sql);  // one or more statements without parameters
  int64_t last_insert_id() const;
  int changes() const;
  std::string journal_mode();
  bool in_transaction() const;  // a BEGIN is open on this connection
  // How long a statement waits for another connection's lock before it fails with busy (default 5 s).
  void set_busy_timeout(int milliseconds);
  // The connection's last error as a value: busy/locked -> 503 "db.busy"; anything else an internal
  // error whose detail (with the SQL text) goes only to the internal-error log.
  Error error(std::string_view what, std::string_view sql = {}) const;

 private:
  explicit Db(sqlite3* h);
  void close();
  sqlite3* h_ = nullptr;
  std::shared_ptr<StmtCache> cache_;  // shared with the Stmts, which outlive it safely
};

}  // namespace ivd
