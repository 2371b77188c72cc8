#pragma once
// Accounts and sessions (SPEC §1 Login, Change password, User management, Initialisation):
// captcha, login with lockout, bearer sessions, password change, logout, and the account state
// changes user management builds on (create, menus, disable, reset password).
//
// Every function that writes more than one row runs inside a SAVEPOINT, so it is atomic on its own
// and may also be called inside a caller's transaction (e.g. the demo seed or a CSV import).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/permissions.hpp"
#include "core/api/actor.hpp"
#include "core/api/dispatcher.hpp"
#include "core/store/db.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"

namespace ivd {

// ---- captcha -------------------------------------------------------------------------------------
inline constexpr size_t kCaptchaLength = 4;
// No 0/O, 1/I/L: letters users confuse on a noisy picture.
inline constexpr std::string_view kCaptchaAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

struct Captcha {
  std::string id;
  std::string png;  // PNG bytes from svc.captcha_painter
  int64_t ttl_seconds = 0;  // valid for this long from now
};

// Stores a new random code valid for settings.captcha_ttl_seconds and paints it. The reply carries
// the lifetime, so the browser renews the picture before it expires without a copy of the setting.
Result<Captcha> issue_captcha(Db& db, Services& svc);
// Case-insensitive; single use: the captcha is deleted whether the answer is right or wrong.
// Errors: auth.captcha_invalid (unknown, used, wrong), auth.captcha_expired; field "captcha".
Status verify_captcha(Db& db, Services& svc, std::string_view captcha_id, std::string_view answer);

// ---- login, sessions -----------------------------------------------------------------------------
struct LoginRequest {
  std::string username;
  std::string password;
  std::string captcha_id;
  std::string captcha;
};

struct LoginResult {
  std::string token;  // bearer token for X-Session-Token; only its SHA-256 is stored
  Actor actor;
};

// Errors: auth.captcha_invalid / auth.captcha_expired; auth.bad_credentials for an unknown user, a wrong
// password or a disabled user alike (SPEC: errors never tell whether the username exists); auth.locked
// after settings.login_max_failures failures within the window, for settings.lockout_seconds.
// The password check runs through `outside` (the dispatcher's OutsideLock: not holding the writer).
Result<LoginResult> login(Db& db, Services& svc, const LoginRequest& req, const OutsideLock& outside = {});

// The session resolver installed into the Api. Errors: auth.not_logged_in, auth.session_expired (idle
// longer than settings.session_idle_seconds, or older than settings.session_max_seconds however busy;
// the session is deleted). Touches last_seen_at.
Result<Actor> resolve_session(Db& db, Services& svc, const std::string& token);
// The same check without writing: the touch or the removal of an ended session is left in `later`
// (Api::set_session_check; the dispatcher runs it on the writer).
Result<Actor> check_session(Db& db, Services& svc, const std::string& token, DeferredWrite& later);

// Builds the actor of a user from users, regions, institutions and user_menus.
Result<Actor> load_actor(Db& db, int64_t user_id);

// Ends one session (logout). Unknown tokens are not an error.
Status logout(Db& db, const std::string& token);

// The user changes its own password (also the forced change at first login). The policy of
// password_policy.hpp applies; on success every session of the user ends (SPEC: "after which the user
// is logged out and logs in again"). A wrong old password counts toward the login lockout (auth.locked
// on the failure that locks, and while locked). Errors: auth.old_password_wrong, auth.locked,
// auth.password_unchanged, policy codes. Hashing and verifying run through `outside`, as in login.
Status change_password(Db& db, Services& svc, int64_t user_id, std::string_view old_password,
                       std::string_view new_password, std::string_view confirm_password,
                       const OutsideLock& outside = {});

// ---- state changes for user management and initialisation ---------------------------------------
// actor_id = the user doing it, 0 for the system (init, import). Each change is recorded in events.

struct NewUser {
  std::string username;
  std::string name;
  std::string phone;
  std::string user_type;                  // admin | hospital | enterprise
  std::string region_code;                // admin: required; others: taken from the institution when empty
  std::optional<int64_t> institution_id;  // required for hospital and enterprise
  std::vector<std::string> menus;
};

// Creates a user with the initial password (its hash, initial_password_hash) that must be changed at first
// login. Errors: user.username_invalid, user.username_taken, user.bad_type, user.region_unknown,
// user.institution_unknown, user.unknown_menu.
Result<int64_t> create_user(Db& db, Services& svc, const NewUser& user, int64_t actor_id = 0);

// Replaces the menu grants of a user. Errors: user.not_found, user.unknown_menu.
Status set_user_menus(Db& db, Services& svc, int64_t user_id, const std::vector<std::string>& menus,
                      int64_t actor_id = 0);

// Disables (all its sessions end at once, SPEC §1) or enables a user. Errors: user.not_found.
Status set_user_disabled(Db& db, Services& svc, int64_t user_id, bool disabled, int64_t actor_id = 0);

// Back to the initial password, forced change at next login, sessions ended, lock released.
Status reset_password(Db& db, Services& svc, int64_t user_id, int64_t actor_id = 0);

// Initialisation (SPEC §1): the national region 000000 全国 and the super admin "admin" with every menu,
// initial password to be changed at first login. Idempotent: returns the existing admin's id.
inline constexpr std::string_view kSuperAdminUsername = "admin";
inline constexpr std::string_view kNationalRegionCode = "000000";
Result<int64_t> ensure_super_admin(Db& db, Services& svc);

// ---- helpers ------------------------------------------------------------------------------------
// The hash of the initial password given to new and reset users: settings.initial_password_hash, computed
// from settings.initial_password (and kept) when empty. The plain text is never stored.
const std::string& initial_password_hash(Services& svc);

}  // namespace ivd
