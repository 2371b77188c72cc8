#pragma once
// What core needs from the outside world, injected so core stays free of the OS and testable:
// the clock, randomness, password hashing and captcha pictures. The server passes real ones
// (libsodium, system clock); tests pass fakes.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace ivd {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t now() = 0;  // unix seconds, UTC
};

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual std::string bytes(size_t n) = 0;  // n uniformly random bytes
};

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  virtual std::string hash(std::string_view password) = 0;
  virtual bool verify(std::string_view stored_hash, std::string_view password) = 0;
};

class CaptchaPainter {
 public:
  virtual ~CaptchaPainter() = default;
  virtual std::string png(std::string_view text) = 0;  // PNG bytes showing text
};

struct Settings {
  // SPEC §1 "Initial password 123456 (configurable)". Only its hash is stored (app_settings and the
  // password_hash of new users); initial_password is the text as configured (command line, default),
  // and is empty once a stored hash has been loaded. set_initial_password changes both.
  std::string initial_password = "123456";
  std::string initial_password_hash;  // the PasswordHasher's hash of it; "" = not computed yet
  int64_t session_idle_seconds = 30 * 60;
  int64_t session_max_seconds = 12 * 60 * 60;  // absolute lifetime of a session, however busy
  int64_t captcha_ttl_seconds = 120;
  int login_max_failures = 5;
  int64_t login_failure_window_seconds = 15 * 60;
  int64_t lockout_seconds = 15 * 60;

  void set_initial_password(std::string text) {
    initial_password = std::move(text);
    initial_password_hash.clear();
  }
};

class FileStore;  // core/file_store.hpp

struct Services {
  Clock& clock;
  RandomSource& random;
  PasswordHasher& hasher;
  CaptchaPainter& captcha_painter;
  Settings settings{};
  FileStore* files = nullptr;  // bytes of uploads; nullptr: uploads are refused (503)
};

// Lower-case hex of bytes (tokens, ids).
std::string to_hex(std::string_view bytes);

}  // namespace ivd
