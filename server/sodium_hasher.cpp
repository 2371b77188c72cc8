#include "server/sodium_hasher.hpp"

#include <sodium.h>

#include <chrono>
#include <stdexcept>

namespace ivd {
namespace {
void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}
}  // namespace

SodiumHasher::SodiumHasher() : SodiumHasher(crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) {}

SodiumHasher::SodiumHasher(unsigned long long opslimit, size_t memlimit) : opslimit_(opslimit), memlimit_(memlimit) {
  init_sodium();
}

std::string SodiumHasher::hash(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), opslimit_, memlimit_,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("argon2id hashing ran out of memory");
  return out;
}

bool SodiumHasher::verify(std::string_view stored_hash, std::string_view password) {
  const std::string stored(stored_hash);  // libsodium wants a NUL-terminated string
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

SodiumRandom::SodiumRandom() { init_sodium(); }

std::string SodiumRandom::bytes(size_t n) {
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

int64_t SystemClock::now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace ivd
