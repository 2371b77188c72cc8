// Accounts and sessions: captcha, login with lockout, sessions, password change, account state changes.
//
// [SECTION] small helpers
// [SECTION] captcha
// [SECTION] login lockout
// [SECTION] sessions
// [SECTION] public: helpers
// [SECTION] public: captcha
// [SECTION] public: login, sessions, password
// [SECTION] public: state changes for user management
#include "core/accounts/sessions.hpp"

#include <algorithm>
#include <mutex>
#include <set>

#include "core/accounts/password_policy.hpp"
#include "core/base/sha256.hpp"
#include "core/base/text.hpp"
#include "core/store/event_log.hpp"
#include "core/store/transaction.hpp"

namespace ivd {
namespace {

// [SECTION] small helpers

// Prepares, binds and runs one statement that returns no rows.
template <class... A>
Status run_sql(Db& db, std::string_view sql, const A&... args) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(sql));
  if constexpr (sizeof...(A) > 0) st.bind_all(args...);
  return st.run();
}

char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

std::string join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

// SPEC §4: every state change is recorded (who, when, from, to, reason), through the one writer.
Status user_event(Db& db, Services& svc, int64_t user_id, std::string_view action, int64_t actor_id,
                  std::string_view from, std::string_view to, std::string_view reason = {}) {
  return record_event(db, "user", std::to_string(user_id), action, actor_id, svc.clock.now(), from, to, reason);
}

struct UserRow {
  int64_t id = 0;
  std::string username;
  std::string password_hash;
  bool disabled = false;
  bool must_change_password = false;
};

// Fixed statements, one per key: nothing but bound values goes into SQL.
constexpr const char* kUserById =
    "SELECT id, username, password_hash, disabled, must_change_password FROM users WHERE id = ?";
constexpr const char* kUserByUsername =
    "SELECT id, username, password_hash, disabled, must_change_password FROM users WHERE username = ?";

template <class Key>
Result<std::optional<UserRow>> find_user(Db& db, const char* sql, const Key& key) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(sql));
  st.bind(1, key);
  IVD_ASSIGN_OR_RETURN(const bool found, st.step());
  if (!found) return std::optional<UserRow>();
  return std::optional<UserRow>(
      UserRow{st.col_int(0), st.col_text(1), st.col_text(2), st.col_int(3) != 0, st.col_int(4) != 0});
}

Result<std::optional<UserRow>> user_by_username(Db& db, std::string_view username) {
  return find_user(db, kUserByUsername, username);
}

Result<UserRow> user_by_id(Db& db, int64_t user_id) {
  IVD_ASSIGN_OR_RETURN(auto u, find_user(db, kUserById, user_id));
  if (!u) return make_error(ErrorKind::not_found, "user.not_found");
  return std::move(*u);
}

Status delete_sessions_of(Db& db, int64_t user_id) {
  return run_sql(db, "DELETE FROM sessions WHERE user_id = ?", user_id);
}

Status clear_lock(Db& db, std::string_view username) {
  IVD_TRY(run_sql(db, "DELETE FROM login_failures WHERE username = ?", username));
  IVD_TRY(run_sql(db, "DELETE FROM login_locks WHERE username = ?", username));
  return run_sql(db, "UPDATE users SET locked_until = 0 WHERE username = ? AND locked_until <> 0", username);
}

Status check_menus(const std::vector<std::string>& menus) {
  const auto& known = menu_order();
  for (const auto& m : menus)
    if (std::find(known.begin(), known.end(), m) == known.end())
      return make_error(ErrorKind::bad_request, "user.unknown_menu", "menus", {m});
  return ok_status();
}

Result<std::set<std::string>> menus_of(Db& db, int64_t user_id) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT menu FROM user_menus WHERE user_id = ? ORDER BY menu"));
  st.bind(1, user_id);
  std::set<std::string> out;
  IVD_TRY(st.each([&](const Stmt& row) { out.insert(row.col_text(0)); }));
  return out;
}

Status write_menus(Db& db, int64_t user_id, const std::set<std::string>& menus) {
  IVD_TRY(run_sql(db, "DELETE FROM user_menus WHERE user_id = ?", user_id));
  for (const auto& m : menus) IVD_TRY(run_sql(db, "INSERT INTO user_menus (user_id, menu) VALUES (?, ?)", user_id, m));
  return ok_status();
}

// [SECTION] captcha

std::string random_code(RandomSource& random) {
  const size_t n = kCaptchaAlphabet.size();
  const unsigned limit = 256 - 256 % n;  // rejection sampling: every character equally likely
  std::string code;
  while (code.size() < kCaptchaLength)
    for (unsigned char b : random.bytes(8))
      if (b < limit && code.size() < kCaptchaLength) code += kCaptchaAlphabet[b % n];
  return code;
}

// [SECTION] login lockout
// SPEC §1: "Wrong password 5 times in 15 minutes locks the account for 15 minutes." Counted per typed
// username, whether or not the account exists, so the answers do not tell them apart.

Result<int64_t> locked_until(Db& db, std::string_view username) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT locked_until FROM login_locks WHERE username = ?"));
  st.bind(1, username);
  IVD_ASSIGN_OR_RETURN(const bool found, st.step());
  return found ? st.col_int(0) : int64_t{0};
}

Error locked_error(int64_t seconds_left) {
  auto e = make_error(ErrorKind::locked, "auth.locked", {}, {std::to_string((seconds_left + 59) / 60)});
  e.details = {{"retry_after_seconds", seconds_left}};
  return e;
}

// Records one failed attempt; returns true when it locks the username.
Result<bool> record_failure(Db& db, Services& svc, std::string_view username, const std::optional<UserRow>& user,
                            std::string_view reason) {
  const auto& s = svc.settings;
  const int64_t now = svc.clock.now();
  return transaction(db, [&]() -> Result<bool> {
    IVD_TRY(run_sql(db, "DELETE FROM login_failures WHERE at <= ?", now - s.login_failure_window_seconds));
    IVD_TRY(run_sql(db, "DELETE FROM login_locks WHERE locked_until <= ?", now));
    IVD_TRY(run_sql(db, "INSERT INTO login_failures (username, at) VALUES (?, ?)", username, now));
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT count(*) FROM login_failures WHERE username = ?"));
    st.bind(1, username);
    IVD_TRY(st.step());
    if (st.col_int(0) < s.login_max_failures) return false;

    const int64_t until = now + s.lockout_seconds;
    IVD_TRY(run_sql(db, "DELETE FROM login_failures WHERE username = ?", username));
    IVD_TRY(run_sql(db, "INSERT INTO login_locks (username, locked_until) VALUES (?, ?)", username, until));
    if (user) {
      IVD_TRY(run_sql(db, "UPDATE users SET locked_until = ? WHERE id = ?", until, user->id));
      IVD_TRY(user_event(db, svc, user->id, "lock", 0, "", "locked", reason));
    }
    return true;
  });
}

// A wrong password (at login or as the old password of 修改密码) counts toward the lockout; the
// error to return: auth.locked when this failure locks the username, else `otherwise`.
Error failed_attempt(Db& db, Services& svc, std::string_view username, const std::optional<UserRow>& user,
                     std::string_view reason, Error otherwise) {
  IVD_ASSIGN_OR_RETURN(auto locked, record_failure(db, svc, username, user, reason));
  if (locked) return locked_error(svc.settings.lockout_seconds);
  return otherwise;
}

// [SECTION] sessions

std::string token_hash(std::string_view token) { return sha256_hex(token); }

Result<std::string> create_session(Db& db, Services& svc, int64_t user_id) {
  const int64_t now = svc.clock.now();
  std::string token = to_hex(svc.random.bytes(32));
  // Housekeeping: sessions idle or alive for longer than allowed can never be used again.
  IVD_TRY(run_sql(db, "DELETE FROM sessions WHERE last_seen_at < ? OR created_at <= ?",
                  now - svc.settings.session_idle_seconds, now - svc.settings.session_max_seconds));
  IVD_TRY(run_sql(db, "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
                  token_hash(token), user_id, now, now));
  return token;
}

}  // namespace

// [SECTION] public: helpers

const std::string& initial_password_hash(Services& svc) {
  // Only the hash is kept (app_settings, users.password_hash): computed once from the configured text
  // (load_settings computes it at start; the lock covers services that were never loaded).
  static std::mutex m;
  std::lock_guard lock(m);
  if (svc.settings.initial_password_hash.empty())
    svc.settings.initial_password_hash = svc.hasher.hash(svc.settings.initial_password);
  return svc.settings.initial_password_hash;
}

// [SECTION] public: captcha

Result<Captcha> issue_captcha(Db& db, Services& svc) {
  const int64_t now = svc.clock.now();
  IVD_TRY(run_sql(db, "DELETE FROM captchas WHERE expires_at <= ?", now));
  Captcha c;
  c.id = to_hex(svc.random.bytes(16));
  const std::string code = random_code(svc.random);
  IVD_TRY(run_sql(db, "INSERT INTO captchas (id, answer, expires_at) VALUES (?, ?, ?)", c.id, code,
                  now + svc.settings.captcha_ttl_seconds));
  c.ttl_seconds = svc.settings.captcha_ttl_seconds;
  c.png = svc.captcha_painter.png(code);
  if (c.png.empty()) return internal_error("captcha painter returned no picture");
  return c;
}

Status verify_captcha(Db& db, Services& svc, std::string_view captcha_id, std::string_view answer) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT answer, expires_at FROM captchas WHERE id = ?"));
  st.bind(1, captcha_id);
  IVD_ASSIGN_OR_RETURN(const bool found, st.step());
  if (!found) return make_error(ErrorKind::bad_request, "auth.captcha_invalid", "captcha");
  const std::string expected = st.col_text(0);
  const int64_t expires_at = st.col_int(1);
  st.reset();
  // Single use (SPEC §1): gone after one check, right or wrong, so it cannot be brute-forced.
  IVD_TRY(run_sql(db, "DELETE FROM captchas WHERE id = ?", captcha_id));
  if (svc.clock.now() >= expires_at) return make_error(ErrorKind::bad_request, "auth.captcha_expired", "captcha");
  std::string typed = fold_trim(answer);  // a full-width answer typed with a Chinese IME counts too
  for (auto& ch : typed) ch = ascii_upper(ch);  // case-insensitive (SPEC §1)
  if (typed != expected) return make_error(ErrorKind::bad_request, "auth.captcha_invalid", "captcha");
  return ok_status();
}

// [SECTION] public: login, sessions, password

Result<LoginResult> login(Db& db, Services& svc, const LoginRequest& req, const OutsideLock& outside) {
  IVD_TRY(verify_captcha(db, svc, req.captcha_id, req.captcha));
  const std::string username(trim_space(req.username));
  const int64_t now = svc.clock.now();

  // While locked even the right password is refused.
  IVD_ASSIGN_OR_RETURN(const int64_t until, locked_until(db, username));
  if (until > now) return locked_error(until - now);

  IVD_ASSIGN_OR_RETURN(auto user, user_by_username(db, username));
  bool good = false;
  // argon2id takes tens of milliseconds: never while holding the writer (issue 8).
  run_outside_lock(outside, [&] {
    if (user) {
      good = svc.hasher.verify(user->password_hash, req.password) && !user->disabled;
    } else {
      (void)svc.hasher.hash(req.password);  // spend the same time as a real check
    }
  });
  if (!good)
    return failed_attempt(db, svc, username, user, "login failures",
                          make_error(ErrorKind::unauthorized, "auth.bad_credentials"));

  const int64_t user_id = user->id;
  IVD_ASSIGN_OR_RETURN(std::string token, transaction(db, [&]() -> Result<std::string> {
    IVD_TRY(clear_lock(db, username));
    return create_session(db, svc, user_id);
  }));
  IVD_ASSIGN_OR_RETURN(Actor actor, load_actor(db, user_id));
  return LoginResult{std::move(token), std::move(actor)};
}

Result<Actor> resolve_session(Db& db, Services& svc, const std::string& token) {
  DeferredWrite later;
  auto actor = check_session(db, svc, token, later);
  if (later) IVD_TRY(later(db));
  return actor;
}

Result<Actor> check_session(Db& db, Services& svc, const std::string& token, DeferredWrite& later) {
  if (token.empty() || token.size() > 256) return make_error(ErrorKind::unauthorized, "auth.not_logged_in");
  const std::string hash = token_hash(token);
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT s.user_id, s.last_seen_at, s.created_at, u.disabled FROM sessions s "
                                           "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?"));
  st.bind(1, hash);
  IVD_ASSIGN_OR_RETURN(const bool found, st.step());
  if (!found) return make_error(ErrorKind::unauthorized, "auth.not_logged_in");
  const int64_t user_id = st.col_int(0), last_seen = st.col_int(1), created = st.col_int(2);
  const bool disabled = st.col_int(3) != 0;
  st.reset();

  const int64_t now = svc.clock.now();
  // The writes are deferred so that this check can run on a read-only connection (dispatcher.hpp).
  const auto remove = [hash](Db& w) { return run_sql(w, "DELETE FROM sessions WHERE token_hash = ?", hash); };
  if (disabled) {
    later = remove;
    return make_error(ErrorKind::unauthorized, "auth.not_logged_in");
  }
  // Idle too long, or alive too long however busy (an absolute lifetime bounds a stolen token).
  if (now - last_seen > svc.settings.session_idle_seconds || now - created >= svc.settings.session_max_seconds) {
    later = remove;
    return make_error(ErrorKind::unauthorized, "auth.session_expired");
  }
  if (now != last_seen)
    later = [hash, now](Db& w) {
      return run_sql(w, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?", now, hash, now);
    };
  return load_actor(db, user_id);
}

Result<Actor> load_actor(Db& db, int64_t user_id) {
  IVD_ASSIGN_OR_RETURN(
      auto st,
      db.prepare("SELECT u.id, u.username, u.name, u.user_type, COALESCE(u.region_code, i.region_code, ''), "
                 "       u.institution_id, COALESCE(i.name, ''), COALESCE(r.name, ''), COALESCE(r.level, ''), "
                 "       u.must_change_password "
                 "FROM users u LEFT JOIN institutions i ON i.id = u.institution_id "
                 "LEFT JOIN regions r ON r.code = COALESCE(u.region_code, i.region_code) WHERE u.id = ?"));
  st.bind(1, user_id);
  IVD_ASSIGN_OR_RETURN(const bool found, st.step());
  if (!found) return make_error(ErrorKind::not_found, "user.not_found");

  Actor a;
  a.user_id = st.col_int(0);
  a.username = st.col_text(1);
  a.name = st.col_text(2);
  a.user_type = st.col_text(3);
  a.region_code = st.col_text(4);
  a.institution_id = st.col_opt_int(5);
  const std::string institution_name = st.col_text(6), region_name = st.col_text(7), level = st.col_text(8);
  a.must_change_password = st.col_int(9) != 0;
  st.reset();

  // SPEC §1 derived roles: national 医保机构 = super admin; 省本级 accounts review like a city.
  if (a.user_type == "admin") {
    if (level == "national") a.role = Role::super_admin;
    else if (level == "province") a.role = Role::province_admin;
    else if (level == "city" || level == "province_level") a.role = Role::city_admin;
    else return make_error(ErrorKind::forbidden, "auth.account_misconfigured");
    a.institution_name = region_name;
  } else {
    a.role = a.user_type == "enterprise" ? Role::enterprise : Role::hospital;
    a.institution_name = institution_name;
  }
  IVD_ASSIGN_OR_RETURN(a.menus, menus_of(db, user_id));
  return a;
}

Status logout(Db& db, const std::string& token) {
  if (token.empty()) return ok_status();
  return run_sql(db, "DELETE FROM sessions WHERE token_hash = ?", token_hash(token));
}

Status change_password(Db& db, Services& svc, int64_t user_id, std::string_view old_password,
                       std::string_view new_password, std::string_view confirm_password, const OutsideLock& outside) {
  IVD_ASSIGN_OR_RETURN(const UserRow user, user_by_id(db, user_id));
  // A wrong old password counts toward the lockout like a wrong login password (SPEC §1: 5 wrong
  // passwords lock the account), else a stolen session could guess the password without limit.
  const int64_t now = svc.clock.now();
  IVD_ASSIGN_OR_RETURN(const int64_t until, locked_until(db, user.username));
  if (until > now) return locked_error(until - now);
  // Hashing and verifying (argon2id) run outside the writer, as in login.
  bool old_ok = false;
  run_outside_lock(outside, [&] { old_ok = svc.hasher.verify(user.password_hash, old_password); });
  if (!old_ok)
    return failed_attempt(db, svc, user.username, user, "password change failures",
                          make_error(ErrorKind::bad_request, "auth.old_password_wrong", "old_password"));
  const std::string& initial = initial_password_hash(svc);
  Status policy = ok_status();
  run_outside_lock(outside, [&] {
    policy = check_new_password(user.username, new_password, confirm_password,
                                [&](std::string_view pw) { return svc.hasher.verify(initial, pw); });
  });
  IVD_TRY(policy);
  if (new_password == old_password) return make_error(ErrorKind::bad_request, "auth.password_unchanged", "new_password");

  std::string hash;
  run_outside_lock(outside, [&] { hash = svc.hasher.hash(new_password); });
  return transaction(db, [&]() -> Status {
    IVD_TRY(run_sql(db,
                    "UPDATE users SET password_hash = ?, must_change_password = 0, revision = revision + 1, "
                    "updated_at = ? WHERE id = ?",
                    hash, now, user_id));
    // SPEC §1: after the change the user is logged out and logs in again, on every device.
    IVD_TRY(delete_sessions_of(db, user_id));
    IVD_TRY(clear_lock(db, user.username));
    return user_event(db, svc, user_id, "password_changed", user_id,
                      user.must_change_password ? "must_change_password" : "", "");
  });
}

// [SECTION] public: state changes for user management

Result<int64_t> create_user(Db& db, Services& svc, const NewUser& nu, int64_t actor_id) {
  const std::string username(trim_space(nu.username));
  bool bad_char = false;
  for (unsigned char c : username) bad_char = bad_char || c < 0x21 || c == 0x7F;
  if (username.empty() || username.size() > 64 || bad_char)
    return make_error(ErrorKind::bad_request, "user.username_invalid", "username");
  if (nu.user_type != "admin" && nu.user_type != "hospital" && nu.user_type != "enterprise")
    return make_error(ErrorKind::bad_request, "user.bad_type", "user_type");
  IVD_TRY(check_menus(nu.menus));

  std::optional<std::string> region;
  if (!nu.region_code.empty()) region = nu.region_code;
  std::optional<int64_t> institution;
  if (nu.user_type == "admin") {
    if (!region) return make_error(ErrorKind::bad_request, "user.region_unknown", "region_code", {""});
  } else {
    if (!nu.institution_id) return make_error(ErrorKind::bad_request, "user.institution_unknown", "institution_id");
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT kind, region_code FROM institutions WHERE id = ?"));
    st.bind(1, *nu.institution_id);
    IVD_ASSIGN_OR_RETURN(const bool found, st.step());
    if (!found) return make_error(ErrorKind::bad_request, "user.institution_unknown", "institution_id");
    const bool hospital = st.col_text(0) == "hospital";
    if (hospital != (nu.user_type == "hospital"))
      return make_error(ErrorKind::bad_request, "user.institution_wrong_kind", "institution_id");
    if (!region) region = st.col_opt_text(1);
    institution = nu.institution_id;
  }
  if (region) {
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT 1 FROM regions WHERE code = ?"));
    st.bind(1, *region);
    IVD_ASSIGN_OR_RETURN(const bool found, st.step());
    if (!found) return make_error(ErrorKind::bad_request, "user.region_unknown", "region_code", {*region});
  }
  IVD_ASSIGN_OR_RETURN(const auto existing, user_by_username(db, username));
  if (existing) return make_error(ErrorKind::conflict, "user.username_taken", "username", {username});

  const std::string hash = initial_password_hash(svc);
  const int64_t now = svc.clock.now();
  return transaction(db, [&]() -> Result<int64_t> {
    // SPEC §1: initial password, and the first login forces a change.
    IVD_TRY(run_sql(db,
                    "INSERT INTO users (username, name, phone, user_type, region_code, institution_id, password_hash, "
                    "must_change_password, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                    username, nu.name, nu.phone, nu.user_type, region, institution, hash, now, now));
    const int64_t id = db.last_insert_id();
    IVD_TRY(write_menus(db, id, std::set<std::string>(nu.menus.begin(), nu.menus.end())));
    IVD_TRY(user_event(db, svc, id, "create", actor_id, "", "enabled"));
    return id;
  });
}

Status set_user_menus(Db& db, Services& svc, int64_t user_id, const std::vector<std::string>& menus,
                      int64_t actor_id) {
  IVD_TRY(check_menus(menus));
  IVD_TRY(user_by_id(db, user_id));
  const std::set<std::string> wanted(menus.begin(), menus.end());
  return transaction(db, [&]() -> Status {
    IVD_ASSIGN_OR_RETURN(const auto before, menus_of(db, user_id));
    if (before == wanted) return ok_status();
    IVD_TRY(write_menus(db, user_id, wanted));
    IVD_TRY(run_sql(db, "UPDATE users SET revision = revision + 1, updated_at = ? WHERE id = ?", svc.clock.now(),
                    user_id));
    return user_event(db, svc, user_id, "menus", actor_id, join(before), join(wanted));
  });
}

Status set_user_disabled(Db& db, Services& svc, int64_t user_id, bool disabled, int64_t actor_id) {
  IVD_ASSIGN_OR_RETURN(const UserRow user, user_by_id(db, user_id));
  if (user.disabled == disabled) return ok_status();
  return transaction(db, [&]() -> Status {
    IVD_TRY(run_sql(db, "UPDATE users SET disabled = ?, revision = revision + 1, updated_at = ? WHERE id = ?",
                    disabled ? 1 : 0, svc.clock.now(), user_id));
    // SPEC §1: a disabled user cannot log in and its sessions end at once.
    if (disabled) IVD_TRY(delete_sessions_of(db, user_id));
    return user_event(db, svc, user_id, disabled ? "disable" : "enable", actor_id,
                        disabled ? "enabled" : "disabled", disabled ? "disabled" : "enabled");
  });
}

Status reset_password(Db& db, Services& svc, int64_t user_id, int64_t actor_id) {
  IVD_ASSIGN_OR_RETURN(const UserRow user, user_by_id(db, user_id));
  const std::string hash = initial_password_hash(svc);
  return transaction(db, [&]() -> Status {
    // SPEC §1: back to the initial password, forced change again.
    IVD_TRY(run_sql(db,
                    "UPDATE users SET password_hash = ?, must_change_password = 1, revision = revision + 1, "
                    "updated_at = ? WHERE id = ?",
                    hash, svc.clock.now(), user_id));
    IVD_TRY(delete_sessions_of(db, user_id));
    IVD_TRY(clear_lock(db, user.username));
    return user_event(db, svc, user_id, "password_reset", actor_id, "", "must_change_password");
  });
}

Result<int64_t> ensure_super_admin(Db& db, Services& svc) {
  return transaction(db, [&]() -> Result<int64_t> {
    IVD_TRY(run_sql(db, "INSERT OR IGNORE INTO regions (code, name, level, parent_code) VALUES (?, '全国', 'national', NULL)",
                    kNationalRegionCode));
    IVD_ASSIGN_OR_RETURN(const auto existing, user_by_username(db, kSuperAdminUsername));
    if (existing) return existing->id;
    NewUser admin;
    admin.username = std::string(kSuperAdminUsername);
    admin.name = "超级管理员";
    admin.user_type = "admin";
    admin.region_code = std::string(kNationalRegionCode);
    admin.menus = std::vector<std::string>(menu_order().begin(), menu_order().end());
    return create_user(db, svc, admin, 0);
  });
}

}  // namespace ivd
