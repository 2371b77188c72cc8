#pragma once
// SQLite behind small RAII wrappers: every return code becomes a Result; no raw sqlite3* outside
// db.cpp. One Db per connection; Stmt is a prepared statement bound to it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace ivd {

class Db;

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
  void reset();

  int64_t col_int(int i) const;
  double col_double(int i) const;
  std::string col_text(int i) const;
  bool col_null(int i) const;
  std::optional<int64_t> col_opt_int(int i) const;
  std::optional<std::string> col_opt_text(int i) const;

 private:
  friend class Db;
  Stmt(Db* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  Db* db_ = nullptr;
  sqlite3_stmt* s_ = nullptr;
  int bind_rc_ = 0;
};

class Db {
 public:
  // path ":memory:" for tests. Turns on foreign keys; WAL for file databases.
  static Result<Db> open(const std::string& path);
  Db(Db&& o) noexcept;
  Db& operator=(Db&& o) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  Result<Stmt> prepare(std::string_view sql);
  Status exec(std::string_view sql);  // one or more statements without parameters
  int64_t last_insert_id() const;
  int changes() const;
  std::string journal_mode();
  Error error(std::string_view what) const;  // wraps the connection's last error

  // Runs fn inside BEGIN IMMEDIATE ... COMMIT; rolls back when fn returns an error.
  template <class F>
  auto transaction(F&& fn) -> decltype(fn()) {
    if (auto s = exec("BEGIN IMMEDIATE"); !s) return s.error();
    auto r = fn();
    if (!r.ok()) {
      (void)exec("ROLLBACK");
      return r;
    }
    if (auto s = exec("COMMIT"); !s) {
      (void)exec("ROLLBACK");
      return s.error();
    }
    return r;
  }

 private:
  explicit Db(sqlite3* h) : h_(h) {}
  sqlite3* h_ = nullptr;
};

}  // namespace ivd
