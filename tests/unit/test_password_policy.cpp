// Password policy (SPEC §1): at least 8 characters with letters and digits, not the initial password
// nor the username; the confirmation must match.
#include <catch_amalgamated.hpp>

#include "core/accounts/password_policy.hpp"

using namespace ivd;

namespace {
std::string code_of(const Status& s) { return s.ok() ? "ok" : s.error().code; }
std::string field_of(const Status& s) { return s.ok() ? "" : s.error().field; }
Status check(std::string_view pw, std::string_view confirm = {}, std::string_view user = "h001",
             std::string_view initial = "123456") {
  return check_new_password(user, pw, confirm.empty() ? pw : confirm, initial);
}
}  // namespace

TEST_CASE("a password with 8 characters, letters and digits is accepted", "[password]") {
  REQUIRE(code_of(check("abcd1234")) == "ok");
  REQUIRE(code_of(check("Zhang#2026!")) == "ok");
  REQUIRE(code_of(check("密码abc12345")) == "ok");  // non-ASCII characters are allowed
}

TEST_CASE("a password shorter than 8 characters is refused at the new password field", "[password]") {
  auto s = check("abc1234");
  REQUIRE(code_of(s) == "auth.password_too_short");
  REQUIRE(field_of(s) == "new_password");
  REQUIRE(s.error().message_zh == "新密码至少 8 位");
  REQUIRE(code_of(check("")) == "auth.password_too_short");
  // characters, not bytes: six Chinese characters are 18 bytes but still too short
  REQUIRE(code_of(check("密码密码a1")) == "auth.password_too_short");
}

TEST_CASE("a password without both letters and digits is too weak", "[password]") {
  REQUIRE(code_of(check("abcdefgh")) == "auth.password_too_weak");
  REQUIRE(code_of(check("12345678")) == "auth.password_too_weak");
  REQUIRE(code_of(check("!!!!####")) == "auth.password_too_weak");
}

TEST_CASE("spaces and control characters are refused, overly long passwords too", "[password]") {
  REQUIRE(code_of(check("abcd 1234")) == "auth.password_bad_character");
  REQUIRE(code_of(check(std::string("abcd\x01" "1234"))) == "auth.password_bad_character");
  REQUIRE(code_of(check(std::string(64, 'a') + "1")) == "auth.password_too_long");
  REQUIRE(code_of(check(std::string(63, 'a') + "1")) == "ok");
}

TEST_CASE("the username is refused as password in any letter case", "[password]") {
  REQUIRE(code_of(check("zhang2026", {}, "zhang2026")) == "auth.password_equals_username");
  REQUIRE(code_of(check("ZHANG2026", {}, "zhang2026")) == "auth.password_equals_username");
}

TEST_CASE("the configured initial password is refused", "[password]") {
  REQUIRE(code_of(check("init2026x", {}, "h001", "init2026x")) == "auth.password_equals_initial");
}

TEST_CASE("the confirmation must repeat the new password", "[password]") {
  auto s = check("abcd1234", "abcd12345");
  REQUIRE(code_of(s) == "auth.password_mismatch");
  REQUIRE(field_of(s) == "confirm_password");
  REQUIRE(s.error().message_en == "The two new passwords do not match");
}
