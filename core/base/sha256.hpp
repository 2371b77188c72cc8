#pragma once
// SHA-256 (FIPS 180-4), small and dependency-free so core can hash session tokens in both builds.
// Not for passwords: those go through the slow PasswordHasher service.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ivd {

std::array<uint8_t, 32> sha256(std::string_view data);
std::string sha256_hex(std::string_view data);  // lower-case hex, 64 characters

// The same hash fed in pieces. A copy carries the state so far: HMAC hashes its key block once and
// starts every message from a copy (core/offline/offline_unlock.cpp, PBKDF2).
class Sha256 {
 public:
  Sha256& update(std::string_view data);
  std::array<uint8_t, 32> finish() const;  // the digest of everything fed so far

 private:
  uint32_t h_[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  uint8_t block_[64] = {};
  size_t block_len_ = 0;  // bytes waiting in block_
  uint64_t total_ = 0;    // bytes fed
};

}  // namespace ivd
