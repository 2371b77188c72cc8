#include "core/store/app_settings.hpp"

#include <charconv>
#include <string>

namespace ivd {
namespace {

struct IntField {
  const char* key;
  int64_t Settings::*field;
};
constexpr IntField kIntFields[] = {
    {"session_idle_seconds", &Settings::session_idle_seconds},
    {"session_max_seconds", &Settings::session_max_seconds},
    {"captcha_ttl_seconds", &Settings::captcha_ttl_seconds},
    {"login_failure_window_seconds", &Settings::login_failure_window_seconds},
    {"lockout_seconds", &Settings::lockout_seconds},
};

Status put(Db& db, const char* key, const std::string& value) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("INSERT INTO app_settings (key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  return st.bind_all(key, value).run();
}

bool parse_int(const std::string& s, int64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

Status save_settings(Db& db, Settings& s, PasswordHasher& hasher) {
  // The initial password is kept as its hash only (never the text).
  if (s.initial_password_hash.empty()) s.initial_password_hash = hasher.hash(s.initial_password);
  IVD_TRY(put(db, "initial_password_hash", s.initial_password_hash));
  IVD_TRY(db.exec("DELETE FROM app_settings WHERE key = 'initial_password'"));
  IVD_TRY(put(db, "login_max_failures", std::to_string(s.login_max_failures)));
  for (const auto& f : kIntFields) IVD_TRY(put(db, f.key, std::to_string(s.*f.field)));
  return ok_status();
}

Status load_settings(Db& db, Settings& s, PasswordHasher& hasher) {
  std::string legacy_plain;  // the text as stored by earlier versions
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT key, value FROM app_settings"));
  IVD_TRY(st.each([&](const Stmt& row) {
    const std::string key = row.col_text(0), value = row.col_text(1);
    int64_t n = 0;
    if (key == "initial_password_hash") {
      s.initial_password_hash = value;
      s.initial_password.clear();  // the text is not known, only its hash
    }
    if (key == "initial_password" && legacy_plain.empty()) legacy_plain = value;
    if (key == "login_max_failures" && parse_int(value, n)) s.login_max_failures = static_cast<int>(n);
    for (const auto& f : kIntFields)
      if (key == f.key && parse_int(value, n)) s.*f.field = n;
  }));
  if (!legacy_plain.empty()) {
    // A database written by an earlier version holds the text: replace it by its hash now (a SQL
    // migration cannot compute an argon2id hash, so this is the migration step).
    if (s.initial_password_hash.empty()) s.set_initial_password(legacy_plain);
    return save_settings(db, s, hasher);
  }
  // Computed here, before any request thread could ask for it.
  if (s.initial_password_hash.empty()) s.initial_password_hash = hasher.hash(s.initial_password);
  return ok_status();
}

}  // namespace ivd
