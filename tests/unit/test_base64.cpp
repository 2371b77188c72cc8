// base64 (RFC 4648 §10 test vectors): the captcha PNG travels inside JSON as base64.
#include <catch_amalgamated.hpp>

#include "core/base/base64.hpp"

using namespace ivd;

TEST_CASE("base64 encodes and decodes the RFC 4648 vectors", "[base64]") {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"}};
  for (auto [plain, coded] : vectors) {
    REQUIRE(base64_encode(plain) == coded);
    REQUIRE(base64_decode(coded) == std::string(plain));
  }
  const std::string binary("\x00\xff\x10\x80\x7f", 5);
  REQUIRE(base64_decode(base64_encode(binary)) == binary);
}

TEST_CASE("base64 decoding refuses malformed text", "[base64]") {
  for (const char* bad : {"Zg=", "Zg", "Z===", "Zm9v!A==", "Zg==Zg==", "=Zg="}) REQUIRE_FALSE(base64_decode(bad));
}
