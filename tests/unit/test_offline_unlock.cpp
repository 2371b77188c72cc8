// Unlocking a hospital's terminal offline (core/offline/offline_unlock.hpp): PBKDF2-HMAC-SHA256 against
// the published test vectors, the record kept in the browser, and the check of the login form offline
// (right and wrong password, another user, the wait after too many wrong passwords).
#include <catch_amalgamated.hpp>

#include <string>

#include "core/base/services.hpp"
#include "core/base/sha256.hpp"
#include "core/offline/offline_unlock.hpp"

using namespace ivd;

namespace {

std::string hex(const std::string& bytes) { return to_hex(bytes); }

Actor hospital_user() {
  Actor a;
  a.user_id = 42;
  a.username = "H34010000001";
  a.role = Role::hospital;
  a.user_type = "hospital";
  a.institution_id = 7;
  return a;
}

// A few iterations keep the tests fast; the check is the same for any count.
OfflineUnlock record_for(std::string_view password) {
  return make_offline_unlock(hospital_user(), password, std::string(kOfflineUnlockSaltBytes, '\x5a'), 3);
}

}  // namespace

TEST_CASE("pbkdf2_hmac_sha256 matches the published test vectors", "[offline]") {
  // The PBKDF2-HMAC-SHA256 counterparts of RFC 6070's vectors, and RFC 7914 §11.
  CHECK(hex(pbkdf2_hmac_sha256("password", "salt", 1, 32)) ==
        "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
  CHECK(hex(pbkdf2_hmac_sha256("password", "salt", 2, 32)) ==
        "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43");
  CHECK(hex(pbkdf2_hmac_sha256("password", "salt", 4096, 32)) ==
        "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
  CHECK(hex(pbkdf2_hmac_sha256("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 40)) ==
        "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9");
  CHECK(hex(pbkdf2_hmac_sha256(std::string("pass\0word", 9), std::string("sa\0lt", 5), 4096, 16)) ==
        "89b69d0516f829893c696226650a8687");
  CHECK(hex(pbkdf2_hmac_sha256("passwd", "salt", 1, 64)) ==
        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
  CHECK(hex(pbkdf2_hmac_sha256("Password", "NaCl", 80000, 64)) ==
        "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
        "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
  // A key longer than SHA-256's block is hashed first (RFC 2104); reference from Python's hashlib.
  CHECK(hex(pbkdf2_hmac_sha256(std::string(100, 'x'), "salt", 3, 32)) ==
        "59bfa49750dd5462ce38370a1e7abe0736ff334cf1c2f0d84f23a03435d660d1");
}

TEST_CASE("sha256 fed in pieces equals sha256 of the whole", "[offline]") {
  const std::string text(200, 'q');
  for (size_t cut : {0, 1, 55, 63, 64, 65, 128, 199}) {
    Sha256 h;
    h.update(std::string_view(text).substr(0, cut)).update(std::string_view(text).substr(cut));
    CHECK(h.finish() == sha256(text));
  }
}

TEST_CASE("the unlock record keeps a salted verifier, never the password", "[offline]") {
  const OfflineUnlock r = record_for("Kiosk2024pass");
  CHECK(r.username == "H34010000001");
  CHECK(r.user_id == 42);
  CHECK(r.verifier.size() == kOfflineUnlockVerifierBytes);
  const std::string text = nlohmann::json(r).dump();
  CHECK(text.find("Kiosk2024pass") == std::string::npos);
  // Another salt, another verifier for the same password.
  const OfflineUnlock other =
      make_offline_unlock(hospital_user(), "Kiosk2024pass", std::string(kOfflineUnlockSaltBytes, '\x01'), 3);
  CHECK(other.verifier != r.verifier);

  const OfflineUnlock back = nlohmann::json::parse(text).get<OfflineUnlock>();
  CHECK(back.usable());
  CHECK(back.username == r.username);
  CHECK(back.user_id == r.user_id);
  CHECK(back.salt == r.salt);
  CHECK(back.iterations == r.iterations);
  CHECK(back.verifier == r.verifier);
  // A damaged record is not usable (and never throws).
  CHECK_FALSE(nlohmann::json::parse(R"({"username":"H34010000001","user_id":42,"salt":"%%","iterations":3})")
                  .get<OfflineUnlock>()
                  .usable());
  CHECK_FALSE(nlohmann::json("text").get<OfflineUnlock>().usable());
}

TEST_CASE("only a hospital user whose password is settled leaves an unlock record", "[offline]") {
  Actor a = hospital_user();
  CHECK(keeps_offline_unlock(a));
  a.must_change_password = true;
  CHECK_FALSE(keeps_offline_unlock(a));
  Actor admin = hospital_user();
  admin.role = Role::province_admin;
  admin.user_type = "admin";
  admin.institution_id.reset();
  CHECK_FALSE(keeps_offline_unlock(admin));
}

TEST_CASE("offline unlock: the right password opens, a wrong one is refused as online", "[offline]") {
  std::optional<OfflineUnlock> r = record_for("Kiosk2024pass");
  CHECK(check_offline_unlock(r, "H34010000001", "Kiosk2024pass", 1000).ok());
  CHECK(check_offline_unlock(r, "  H34010000001 ", "Kiosk2024pass", 1000).ok());  // trimmed, as the server reads it

  auto wrong = check_offline_unlock(r, "H34010000001", "kiosk2024pass", 1000);
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().code == "auth.bad_credentials");
  CHECK(wrong.error().message_zh == "用户名或密码错误");
  CHECK(r->failures == 1);
  CHECK(check_offline_unlock(r, "H34010000001", "Kiosk2024pass", 1001).ok());
  CHECK(r->failures == 0);  // a success clears the count
}

TEST_CASE("offline unlock: another user, or no record, is told to log in online once", "[offline]") {
  std::optional<OfflineUnlock> r = record_for("Kiosk2024pass");
  auto other = check_offline_unlock(r, "h34010000001", "Kiosk2024pass", 1000);  // case kept, as on the server
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().code == "offline.unlock.no_record");
  CHECK(other.error().message_zh == "此浏览器没有该用户的离线数据，请联网后登录一次");
  CHECK(r->failures == 0);

  std::optional<OfflineUnlock> none;
  auto missing = check_offline_unlock(none, "H34010000001", "Kiosk2024pass", 1000);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "offline.unlock.no_record");
}

TEST_CASE("offline unlock: too many wrong passwords make the terminal wait", "[offline]") {
  std::optional<OfflineUnlock> r = record_for("Kiosk2024pass");
  const int max = offline_unlock_max_failures();
  REQUIRE(max == 5);
  REQUIRE(offline_unlock_wait_seconds() == 15 * 60);
  int64_t now = 1000;
  for (int i = 1; i < max; ++i)
    CHECK(check_offline_unlock(r, "H34010000001", "wrong", now++).error().code == "auth.bad_credentials");
  auto last = check_offline_unlock(r, "H34010000001", "wrong", now);
  CHECK(last.error().code == "offline.unlock.locked");
  CHECK(last.error().message_zh == "离线登录密码错误次数过多，请 15 分钟后再试，或联网后登录");
  // Even the right password waits, and the record (stored again by the browser) carries the wait.
  auto waiting = check_offline_unlock(r, "H34010000001", "Kiosk2024pass", now + 60);
  CHECK(waiting.error().code == "offline.unlock.locked");
  CHECK(waiting.error().message_zh == "离线登录密码错误次数过多，请 14 分钟后再试，或联网后登录");
  std::optional<OfflineUnlock> reread = nlohmann::json::parse(nlohmann::json(*r).dump()).get<OfflineUnlock>();
  CHECK(check_offline_unlock(reread, "H34010000001", "Kiosk2024pass", now + 60).error().code ==
        "offline.unlock.locked");
  // After the wait the right password opens again.
  CHECK(check_offline_unlock(r, "H34010000001", "Kiosk2024pass", now + offline_unlock_wait_seconds()).ok());
}

TEST_CASE("offline login asks for the captcha only while the server answers", "[offline]") {
  CHECK(login_needs_captcha(true));
  CHECK_FALSE(login_needs_captcha(false));
}
