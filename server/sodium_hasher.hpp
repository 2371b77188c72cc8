#pragma once
// The real services of the server: argon2id password hashing and randomness from libsodium, and the
// system clock (core/services.hpp declares the interfaces).
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/services.hpp"

namespace ivd {

// Passwords are stored only as a slow salted hash (SPEC §1): crypto_pwhash_str, argon2id.
class SodiumHasher : public PasswordHasher {
 public:
  // Defaults are libsodium's INTERACTIVE limits; tests pass cheaper ones (e.g. opslimit 1, 8 KiB).
  SodiumHasher();
  SodiumHasher(unsigned long long opslimit, size_t memlimit);
  std::string hash(std::string_view password) override;
  bool verify(std::string_view stored_hash, std::string_view password) override;

 private:
  unsigned long long opslimit_;
  size_t memlimit_;
};

class SodiumRandom : public RandomSource {
 public:
  SodiumRandom();
  std::string bytes(size_t n) override;
};

class SystemClock : public Clock {
 public:
  int64_t now() override;
};

}  // namespace ivd
