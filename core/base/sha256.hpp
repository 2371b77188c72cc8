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

}  // namespace ivd
