#include "core/schema.hpp"

#include <span>
#include <string>

namespace ivd {
namespace {

// Append new migrations at the end with the next number; never edit one that has shipped.
constexpr Migration kMigrations[] = {
    {1, "organisation and accounts", R"sql(
CREATE TABLE regions (
  code TEXT PRIMARY KEY,                 -- 6-digit national code
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('national','province','city','province_level')),
  parent_code TEXT REFERENCES regions(code)
);
CREATE INDEX regions_parent ON regions(parent_code);

CREATE TABLE institutions (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('hospital','manufacturer','agent')),
  region_code TEXT REFERENCES regions(code),
  level TEXT NOT NULL DEFAULT ''
);
CREATE INDEX institutions_region ON institutions(region_code);
CREATE INDEX institutions_name ON institutions(name);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  user_type TEXT NOT NULL CHECK (user_type IN ('admin','hospital','enterprise')),
  region_code TEXT REFERENCES regions(code),          -- admin: its region; others: their institution's
  institution_id INTEGER REFERENCES institutions(id),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  disabled INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  revision INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX users_region ON users(region_code);
CREATE INDEX users_name ON users(name);

CREATE TABLE user_menus (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  menu TEXT NOT NULL,
  PRIMARY KEY (user_id, menu)
) WITHOUT ROWID;

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,           -- hex SHA-like digest of the bearer token; the token itself is never stored
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE captchas (
  id TEXT PRIMARY KEY,
  answer TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE login_failures (
  username TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX login_failures_user ON login_failures(username, at);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,                  -- 'user', 'sheet', 'city', ...
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,
  actor_id INTEGER,
  at INTEGER NOT NULL,
  from_state TEXT NOT NULL DEFAULT '',
  to_state TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_entity ON events(entity, entity_id);
)sql"},
};

}  // namespace

int latest_schema_version() { return std::span(kMigrations).back().number; }

Result<int> schema_version(Db& db) {
  auto st = db.prepare("PRAGMA user_version");
  if (!st) return st.error();
  auto r = st->step();
  if (!r) return r.error();
  return static_cast<int>(st->col_int(0));
}

Status migrate(Db& db) {
  auto current = schema_version(db);
  if (!current) return current.error();
  for (const auto& m : kMigrations) {
    if (m.number <= *current) continue;
    auto applied = db.transaction([&]() -> Status {
      IVD_TRY(db.exec(m.sql));
      return db.exec("PRAGMA user_version = " + std::to_string(m.number));
    });
    if (!applied) return applied.error();
  }
  return ok_status();
}

}  // namespace ivd
