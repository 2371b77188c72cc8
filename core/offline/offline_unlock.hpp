#pragma once
// Unlocking the app on a hospital's terminal while the server cannot be reached (issue 12 §2: "a
// hospital user who logged in on that browser before can unlock the app locally ... with a salted
// password verifier, never the password itself"). After an online login of a user the server gives an
// offline copy, the browser keeps one record: the username, the user id, a random salt and
// PBKDF2-HMAC-SHA256 of the password (the verifier). Offline, the login form checks a typed password
// against it; a wrong one counts, and too many make the terminal wait, as the server's lockout does.
//
// What the record protects against: someone at the terminal guessing passwords through the form. It
// does not make the password secret from someone who copies the browser's storage (they can test
// guesses against the verifier at their own pace); the iteration count makes each guess cost as much
// as the browser can afford at login (tests/bench/offline_unlock_bench.cpp).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/api/actor.hpp"
#include "core/base/result.hpp"

namespace ivd {

// PBKDF2 (RFC 8018 §5.2) with HMAC-SHA256 as the pseudorandom function: dk_len bytes.
std::string pbkdf2_hmac_sha256(std::string_view password, std::string_view salt, uint32_t iterations, size_t dk_len);

constexpr size_t kOfflineUnlockSaltBytes = 16;
constexpr size_t kOfflineUnlockVerifierBytes = 32;
// ~0.15 s in wasm on the development machine (tests/bench/offline_unlock_bench.cpp prints the figure);
// a slower terminal stays well under a second. Kept in each record, so a later build may raise it.
constexpr uint32_t kOfflineUnlockIterations = 100'000;

// What the browser keeps (IndexedDB, web/offline/kiosk.js) as JSON: {username, user_id, salt (base64),
// iterations, verifier (base64), failures, locked_until}.
struct OfflineUnlock {
  std::string username;
  int64_t user_id = 0;
  std::string salt;  // random bytes
  uint32_t iterations = 0;
  std::string verifier;      // PBKDF2-HMAC-SHA256(password, salt, iterations), kOfflineUnlockVerifierBytes
  int failures = 0;          // wrong offline passwords since the last success or lock
  int64_t locked_until = 0;  // unix seconds; until then every offline attempt is refused

  bool usable() const;  // a record this build can check against (not damaged, not empty)
};
void to_json(nlohmann::json& j, const OfflineUnlock& u);
void from_json(const nlohmann::json& j, OfflineUnlock& u);  // tolerant: a damaged record reads as unusable

// Whether an online login of `actor` leaves an unlock record on the browser: a user the server gives
// an offline copy (may_work_offline), once its password need not be changed first.
bool keeps_offline_unlock(const Actor& actor);

// The record of a successful online login. salt: kOfflineUnlockSaltBytes random bytes.
OfflineUnlock make_offline_unlock(const Actor& actor, std::string_view password, std::string salt,
                                  uint32_t iterations = kOfflineUnlockIterations);

// Wrong offline passwords allowed before the terminal waits, and how long: the server's login lockout
// (Settings: 5 wrong passwords, then 15 minutes).
int offline_unlock_max_failures();
int64_t offline_unlock_wait_seconds();

// The login form offline: username as typed, checked against the record kept on this browser (none:
// nullopt). On success the record's failure count is cleared. Errors:
//   offline.unlock.no_record  no usable record, or it is another user's (username compared as the
//                             server compares it: surrounding spaces trimmed, case kept)
//   auth.bad_credentials      wrong password (the online refusal's text); counts toward the wait
//   offline.unlock.locked     too many wrong passwords: {0} minutes left (details.retry_after_seconds)
// `record` changes (failure count, wait) on every answer but no_record: the caller stores it again.
Status check_offline_unlock(std::optional<OfflineUnlock>& record, std::string_view username, std::string_view password,
                            int64_t now);

// The login form asks for the captcha (a picture the server makes) only while the server answers; offline
// it shows offline.unlock.notice instead.
inline bool login_needs_captcha(bool server_reachable) { return server_reachable; }

}  // namespace ivd
