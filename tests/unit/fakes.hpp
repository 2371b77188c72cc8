#pragma once
// Deterministic stand-ins for the services core needs, and a ready in-memory database.
#include <string>

#include "core/store/db.hpp"
#include "core/store/schema.hpp"
#include "core/store/file_store.hpp"
#include "core/base/services.hpp"

namespace ivd {

struct FakeClock : Clock {
  int64_t t = 1'780'000'000;  // 2026-05-28
  int64_t now() override { return t; }
  void advance(int64_t seconds) { t += seconds; }
};

struct CountingRandom : RandomSource {
  uint64_t state = 0x9E3779B97F4A7C15ull;
  std::string bytes(size_t n) override {
    std::string out(n, '\0');
    for (auto& c : out) {
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      c = static_cast<char>(state & 0xff);
    }
    return out;
  }
};

// Not a real hash: fast and transparent for tests. The server uses argon2id.
struct PlainHasher : PasswordHasher {
  std::string hash(std::string_view pw) override { return "plain:" + std::string(pw); }
  bool verify(std::string_view stored, std::string_view pw) override { return stored == "plain:" + std::string(pw); }
};

struct TextCaptchaPainter : CaptchaPainter {
  std::string png(std::string_view text) override { return "PNG:" + std::string(text); }
};

struct TestEnv {
  FakeClock clock;
  CountingRandom random;
  PlainHasher hasher;
  TextCaptchaPainter painter;
  MemoryFileStore files;
  Services services{clock, random, hasher, painter, {}, &files};
  Db db = [] {
    auto d = Db::open(":memory:");
    if (!d.ok() || !migrate(*d).ok()) std::abort();
    return std::move(d).value();
  }();
};

}  // namespace ivd
