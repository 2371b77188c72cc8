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
    {"captcha_ttl_seconds", &Settings::captcha_ttl_seconds},
    {"login_failure_window_seconds", &Settings::login_failure_window_seconds},
    {"lockout_seconds", &Settings::lockout_seconds},
};

Status put(Db& db, const char* key, const std::string& value) {
  auto st = db.prepare("INSERT INTO app_settings (key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!st) return st.error();
  return st->bind_all(key, value).run();
}

bool parse_int(const std::string& s, int64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

Status save_settings(Db& db, const Settings& s) {
  IVD_TRY(put(db, "initial_password", s.initial_password));
  IVD_TRY(put(db, "login_max_failures", std::to_string(s.login_max_failures)));
  for (const auto& f : kIntFields) IVD_TRY(put(db, f.key, std::to_string(s.*f.field)));
  return ok_status();
}

Status load_settings(Db& db, Settings& s) {
  auto st = db.prepare("SELECT key, value FROM app_settings");
  if (!st) return st.error();
  IVD_TRY(st->each([&](const Stmt& row) {
    const std::string key = row.col_text(0), value = row.col_text(1);
    int64_t n = 0;
    if (key == "initial_password") s.initial_password = value;
    if (key == "login_max_failures" && parse_int(value, n)) s.login_max_failures = static_cast<int>(n);
    for (const auto& f : kIntFields)
      if (key == f.key && parse_int(value, n)) s.*f.field = n;
  }));
  return ok_status();
}

}  // namespace ivd
