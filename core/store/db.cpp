#include "core/store/db.hpp"

#include <cstring>

#include <sqlite3.h>

#include <map>
#include <vector>

namespace ivd {

// The statements of one connection that are not in use, by SQL text. Shared between the Db and its
// Stmts so that a Stmt destroyed after its Db (or after the Db was moved) finalizes rather than
// touching freed memory.
struct StmtCache {
  static constexpr size_t kMaxIdle = 96;
  bool closed = false;
  size_t idle_count = 0;
  std::map<std::string, std::vector<sqlite3_stmt*>, std::less<>> idle;

  sqlite3_stmt* take(std::string_view sql) {
    auto it = idle.find(sql);
    if (it == idle.end() || it->second.empty()) return nullptr;
    sqlite3_stmt* s = it->second.back();
    it->second.pop_back();
    --idle_count;
    return s;
  }
  void give_back(sqlite3_stmt* s) {
    // reset also ends the statement's read of the database; a kept statement holds no lock.
    sqlite3_reset(s);
    const char* text = sqlite3_sql(s);
    if (closed || !text) {
      sqlite3_finalize(s);
      return;
    }
    // Full (dynamic SQL, say): start again rather than keep only what came first.
    if (idle_count >= kMaxIdle) {
      finalize_all();
      closed = false;
    }
    sqlite3_clear_bindings(s);
    idle[text].push_back(s);
    ++idle_count;
  }
  void finalize_all() {
    for (auto& [sql, list] : idle)
      for (sqlite3_stmt* s : list) sqlite3_finalize(s);
    idle.clear();
    idle_count = 0;
    closed = true;
  }
};

namespace {
std::string sql_text(sqlite3_stmt* s) {
  const char* t = s ? sqlite3_sql(s) : nullptr;
  return t ? t : "";
}
}  // namespace

Stmt::Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_), cache_(std::move(o.cache_)), bind_rc_(o.bind_rc_) {
  o.s_ = nullptr;
}
Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    release();
    db_ = o.db_;
    s_ = o.s_;
    cache_ = std::move(o.cache_);
    bind_rc_ = o.bind_rc_;
    o.s_ = nullptr;
  }
  return *this;
}
Stmt::~Stmt() { release(); }

void Stmt::release() {
  if (!s_) return;
  if (cache_) cache_->give_back(s_);
  else sqlite3_finalize(s_);
  s_ = nullptr;
}

static void keep_first_error(int& slot, int rc) {
  if (slot == SQLITE_OK && rc != SQLITE_OK) slot = rc;
}

Stmt& Stmt::bind(int i, int64_t v) {
  keep_first_error(bind_rc_, sqlite3_bind_int64(s_, i, v));
  return *this;
}
Stmt& Stmt::bind(int i, double v) {
  keep_first_error(bind_rc_, sqlite3_bind_double(s_, i, v));
  return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
  keep_first_error(bind_rc_, sqlite3_bind_text(s_, i, v.data() ? v.data() : "", static_cast<int>(v.size()), SQLITE_TRANSIENT));
  return *this;
}
Stmt& Stmt::bind_null(int i) {
  keep_first_error(bind_rc_, sqlite3_bind_null(s_, i));
  return *this;
}
Stmt& Stmt::bind_blob(int i, const void* data, size_t size) {
  keep_first_error(bind_rc_, sqlite3_bind_blob(s_, i, data, static_cast<int>(size), SQLITE_TRANSIENT));
  return *this;
}

Result<bool> Stmt::step() {
  if (bind_rc_ != SQLITE_OK) return internal_error(std::string("bind: ") + sqlite3_errstr(bind_rc_) + " in " + sql_text(s_));
  int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->error("step", sql_text(s_));
}

Status Stmt::run() {
  for (;;) {
    IVD_ASSIGN_OR_RETURN(auto r, step());
    if (!r) break;
  }
  reset();
  return ok_status();
}

Status Stmt::each_row(const std::function<Status(const Stmt&)>& fn) {
  for (;;) {
    IVD_ASSIGN_OR_RETURN(const bool has_row, step());
    if (!has_row) break;
    if (auto s = fn(*this); !s) {
      reset();
      return s.error();
    }
  }
  reset();
  return ok_status();
}

void Stmt::reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
  bind_rc_ = SQLITE_OK;
}

int64_t Stmt::col_int(int i) const { return sqlite3_column_int64(s_, i); }
double Stmt::col_double(int i) const { return sqlite3_column_double(s_, i); }
std::string Stmt::col_text(int i) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_, i))) : std::string();
}
bool Stmt::col_null(int i) const { return sqlite3_column_type(s_, i) == SQLITE_NULL; }
std::optional<int64_t> Stmt::col_opt_int(int i) const {
  if (col_null(i)) return std::nullopt;
  return col_int(i);
}
std::optional<std::string> Stmt::col_opt_text(int i) const {
  if (col_null(i)) return std::nullopt;
  return col_text(i);
}

Result<Db> Db::open(const std::string& path) {
  sqlite3* h = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = h ? sqlite3_errmsg(h) : sqlite3_errstr(rc);
    if (h) sqlite3_close(h);
    return internal_error("open " + path + ": " + msg);
  }
  sqlite3_busy_timeout(h, 5000);
  Db db(h);
  IVD_TRY(db.exec("PRAGMA foreign_keys = ON"));
  if (path != ":memory:" && !path.empty()) {
    IVD_TRY(db.exec("PRAGMA journal_mode = WAL"));
    IVD_TRY(db.exec("PRAGMA synchronous = NORMAL"));
    // Lists read scattered rows (a province's users, a city's sheets): keep 64 MB of pages in memory
    // and read the file through a memory map rather than a read() per page.
    IVD_TRY(db.exec("PRAGMA cache_size = -65536"));
    IVD_TRY(db.exec("PRAGMA mmap_size = 268435456"));
  }
  return db;
}

Result<Db> Db::deserialize(std::string_view bytes) {
  IVD_ASSIGN_OR_RETURN(Db db, open(":memory:"));
  if (bytes.empty()) return db;
  // SQLite owns the copy (FREEONCLOSE) and may grow it (RESIZEABLE) as the database grows.
  auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(bytes.size()));
  if (!copy) return internal_error("deserialize: out of memory");
  std::memcpy(copy, bytes.data(), bytes.size());
  // A file written in WAL mode says so in its header (bytes 18 and 19 = 2), and SQLite would look for
  // the WAL beside it: in memory it is a rollback-journal database (1).
  if (bytes.size() >= 100 && copy[18] == 2 && copy[19] == 2) copy[18] = copy[19] = 1;
  const int rc = sqlite3_deserialize(db.h_, "main", copy, static_cast<sqlite3_int64>(bytes.size()),
                                     static_cast<sqlite3_int64>(bytes.size()),
                                     SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
  if (rc != SQLITE_OK) return internal_error(std::string("deserialize: ") + sqlite3_errstr(rc));
  return db;
}

Result<std::string> Db::serialize() {
  sqlite3_int64 size = 0;
  unsigned char* data = sqlite3_serialize(h_, "main", &size, 0);
  if (!data) return size == 0 ? std::string() : Result<std::string>(internal_error("serialize: out of memory"));
  std::string out(reinterpret_cast<const char*>(data), static_cast<size_t>(size));
  sqlite3_free(data);
  return out;
}

Db::Db(sqlite3* h) : h_(h), cache_(std::make_shared<StmtCache>()) {}
Db::Db(Db&& o) noexcept : h_(o.h_), cache_(std::move(o.cache_)) { o.h_ = nullptr; }
Db& Db::operator=(Db&& o) noexcept {
  if (this != &o) {
    close();
    h_ = o.h_;
    cache_ = std::move(o.cache_);
    o.h_ = nullptr;
  }
  return *this;
}
Db::~Db() { close(); }

void Db::close() {
  if (cache_) cache_->finalize_all();
  cache_.reset();
  if (h_) sqlite3_close_v2(h_);
  h_ = nullptr;
}

Result<Stmt> Db::prepare(std::string_view sql) {
  if (cache_)
    if (sqlite3_stmt* kept = cache_->take(sql)) return Stmt(this, kept, cache_);
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(h_, sql.data(), static_cast<int>(sql.size()), &s, nullptr);
  if (rc != SQLITE_OK) return error("prepare", sql);
  // Kept for reuse only when SQLite's text of it is what is asked for (the key of the next lookup).
  const char* text = s ? sqlite3_sql(s) : nullptr;
  const bool keep = cache_ && text && std::string_view(text) == sql;
  return Stmt(this, s, keep ? cache_ : nullptr);
}

Status Db::exec(std::string_view sql) {
  std::string s(sql);
  char* msg = nullptr;
  int rc = sqlite3_exec(h_, s.c_str(), nullptr, nullptr, &msg);
  if (rc != SQLITE_OK) {
    sqlite3_free(msg);
    return error("exec", sql);
  }
  return ok_status();
}

int64_t Db::last_insert_id() const { return sqlite3_last_insert_rowid(h_); }
int Db::changes() const { return sqlite3_changes(h_); }

std::string Db::journal_mode() {
  auto st = prepare("PRAGMA journal_mode");
  if (!st) return {};
  auto r = st->step();
  return (r && *r) ? st->col_text(0) : std::string();
}

bool Db::in_transaction() const { return sqlite3_get_autocommit(h_) == 0; }

void Db::set_busy_timeout(int milliseconds) { sqlite3_busy_timeout(h_, milliseconds); }

Error Db::error(std::string_view what, std::string_view sql) const {
  // Another connection holds the write lock past the busy timeout: the caller may retry (503).
  const int code = sqlite3_errcode(h_) & 0xFF;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) return make_error(ErrorKind::unavailable, "db.busy");
  // A write on a read-only connection (the API's readers): the dispatcher runs the request again on the
  // writer, so this never reaches a client of the server.
  if (code == SQLITE_READONLY) return make_error(ErrorKind::unavailable, "db.read_only");
  return internal_error(std::string(what) + ": " + sqlite3_errmsg(h_) + " in " + std::string(sql));
}

}  // namespace ivd
