#include "core/offline/offline_unlock.hpp"

#include <algorithm>
#include <array>

#include "core/base/base64.hpp"
#include "core/base/services.hpp"
#include "core/base/sha256.hpp"
#include "core/base/text.hpp"
#include "core/offline/snapshot.hpp"

namespace ivd {
namespace {

// [SECTION] PBKDF2-HMAC-SHA256

std::string_view bytes_of(const std::array<uint8_t, 32>& d) {
  return std::string_view(reinterpret_cast<const char*>(d.data()), d.size());
}

// HMAC-SHA256 (RFC 2104) with its key blocks hashed once: each message starts from a copy of the
// inner and outer states, which halves the work of PBKDF2's many short messages.
class HmacSha256 {
 public:
  explicit HmacSha256(std::string_view key) {
    std::array<uint8_t, 64> block{};
    if (key.size() > block.size()) {
      const auto d = sha256(key);
      std::copy(d.begin(), d.end(), block.begin());
    } else {
      std::copy(key.begin(), key.end(), block.begin());
    }
    std::array<char, 64> ipad{}, opad{};
    for (size_t i = 0; i < block.size(); ++i) {
      ipad[i] = static_cast<char>(block[i] ^ 0x36);
      opad[i] = static_cast<char>(block[i] ^ 0x5c);
    }
    inner_.update(std::string_view(ipad.data(), ipad.size()));
    outer_.update(std::string_view(opad.data(), opad.size()));
  }
  std::array<uint8_t, 32> mac(std::string_view message) const {
    Sha256 in = inner_;
    in.update(message);
    Sha256 out = outer_;
    return out.update(bytes_of(in.finish())).finish();
  }
  std::array<uint8_t, 32> mac(std::string_view a, std::string_view b) const {
    Sha256 in = inner_;
    in.update(a).update(b);
    Sha256 out = outer_;
    return out.update(bytes_of(in.finish())).finish();
  }

 private:
  Sha256 inner_, outer_;
};

// Compares without stopping at the first difference, so the time taken tells nothing of where the
// typed password's verifier first differs.
bool same_bytes(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

Error locked(int64_t seconds_left) {
  auto e = make_error(ErrorKind::locked, "offline.unlock.locked", {}, {std::to_string((seconds_left + 59) / 60)});
  e.details = {{"retry_after_seconds", seconds_left}};
  return e;
}

}  // namespace

std::string pbkdf2_hmac_sha256(std::string_view password, std::string_view salt, uint32_t iterations, size_t dk_len) {
  const HmacSha256 prf(password);
  std::string out;
  out.reserve(dk_len + 32);
  for (uint32_t block = 1; out.size() < dk_len; ++block) {
    // T_i = U_1 ^ U_2 ^ ... ^ U_c, U_1 = PRF(P, S || INT(i)), U_j = PRF(P, U_{j-1})
    const char index[4] = {static_cast<char>(block >> 24), static_cast<char>(block >> 16),
                           static_cast<char>(block >> 8), static_cast<char>(block)};
    std::array<uint8_t, 32> u = prf.mac(salt, std::string_view(index, 4));
    std::array<uint8_t, 32> t = u;
    for (uint32_t j = 1; j < iterations; ++j) {
      u = prf.mac(bytes_of(u));
      for (size_t k = 0; k < t.size(); ++k) t[k] ^= u[k];
    }
    out.append(bytes_of(t));
  }
  out.resize(dk_len);
  return out;
}

// [SECTION] the record

bool OfflineUnlock::usable() const {
  return !username.empty() && user_id > 0 && !salt.empty() && iterations > 0 &&
         verifier.size() == kOfflineUnlockVerifierBytes;
}

void to_json(nlohmann::json& j, const OfflineUnlock& u) {
  j = {{"username", u.username},
       {"user_id", u.user_id},
       {"salt", base64_encode(u.salt)},
       {"iterations", u.iterations},
       {"verifier", base64_encode(u.verifier)},
       {"failures", u.failures},
       {"locked_until", u.locked_until}};
}

void from_json(const nlohmann::json& j, OfflineUnlock& u) {
  u = OfflineUnlock{};
  if (!j.is_object()) return;
  auto text = [&j](const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
  };
  auto number = [&j](const char* key) -> int64_t {
    return j.contains(key) && j[key].is_number_integer() ? j[key].get<int64_t>() : 0;
  };
  u.username = text("username");
  u.user_id = number("user_id");
  u.salt = base64_decode(text("salt")).value_or(std::string());
  const int64_t iterations = number("iterations");
  u.iterations = iterations > 0 && iterations <= 100'000'000 ? static_cast<uint32_t>(iterations) : 0;
  u.verifier = base64_decode(text("verifier")).value_or(std::string());
  u.failures = static_cast<int>(std::clamp<int64_t>(number("failures"), 0, 1000));
  u.locked_until = std::max<int64_t>(number("locked_until"), 0);
}

bool keeps_offline_unlock(const Actor& actor) { return may_work_offline(actor) && !actor.must_change_password; }

OfflineUnlock make_offline_unlock(const Actor& actor, std::string_view password, std::string salt,
                                  uint32_t iterations) {
  OfflineUnlock u;
  u.username = actor.username;
  u.user_id = actor.user_id;
  u.iterations = iterations;
  u.verifier = pbkdf2_hmac_sha256(password, salt, iterations, kOfflineUnlockVerifierBytes);
  u.salt = std::move(salt);
  return u;
}

// [SECTION] checking a typed password

int offline_unlock_max_failures() { return Settings{}.login_max_failures; }
int64_t offline_unlock_wait_seconds() { return Settings{}.lockout_seconds; }

Status check_offline_unlock(std::optional<OfflineUnlock>& record, std::string_view username, std::string_view password,
                            int64_t now) {
  // As the server reads a login (sessions.cpp): the username trimmed, compared as stored.
  if (!record || !record->usable() || trim_space(username) != record->username)
    return make_error(ErrorKind::unauthorized, "offline.unlock.no_record", "username");
  OfflineUnlock& r = *record;
  if (r.locked_until > now) return locked(r.locked_until - now);
  r.locked_until = 0;
  const std::string typed = pbkdf2_hmac_sha256(password, r.salt, r.iterations, kOfflineUnlockVerifierBytes);
  if (same_bytes(typed, r.verifier)) {
    r.failures = 0;
    return ok_status();
  }
  if (++r.failures >= offline_unlock_max_failures()) {
    r.failures = 0;
    r.locked_until = now + offline_unlock_wait_seconds();
    return locked(offline_unlock_wait_seconds());
  }
  return make_error(ErrorKind::unauthorized, "auth.bad_credentials");
}

}  // namespace ivd
