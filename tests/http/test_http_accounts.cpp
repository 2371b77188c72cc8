// Accounts over HTTP (SPEC §1 Login, Change password): the JSON contract the web app relies on.
#include "core/base/base64.hpp"
#include "tests/http/test_server.hpp"

using namespace ivd;
using namespace ivd::test;

namespace {
nlohmann::json change_body(const std::string& old_pw, const std::string& new_pw) {
  return {{"old_password", old_pw}, {"new_password", new_pw}, {"confirm_password", new_pw}};
}
}  // namespace

TEST_CASE("the captcha is a PNG inside JSON", "[http][accounts]") {
  TestServer s;
  auto r = s.client().Get("/api/v1/auth/captcha");
  REQUIRE(r);
  REQUIRE(r->status == 200);
  REQUIRE(r->get_header_value("Cache-Control") == "no-store");
  auto j = json_of(r);
  REQUIRE(j["captcha_id"].get<std::string>().size() == 32);
  auto png = base64_decode(j["image_png_base64"].get<std::string>());
  REQUIRE(png);
  REQUIRE(png->substr(0, 8) == "\x89PNG\r\n\x1a\n");
  // IHDR: width and height, big-endian, at bytes 16..23
  auto be32 = [&](size_t at) {
    return (uint32_t(uint8_t((*png)[at])) << 24) | (uint32_t(uint8_t((*png)[at + 1])) << 16) |
           (uint32_t(uint8_t((*png)[at + 2])) << 8) | uint32_t(uint8_t((*png)[at + 3]));
  };
  REQUIRE(be32(16) == 120);
  REQUIRE(be32(20) == 40);
  REQUIRE(s.painter.last_code().size() == 4);
}

TEST_CASE("first login, forced password change, old token refused, login again, logout", "[http][accounts]") {
  TestServer s;
  auto cli = s.client();

  auto first = s.post_login("admin", "123456");
  REQUIRE(first);
  REQUIRE(first->status == 200);
  auto j = json_of(first);
  const std::string token = j["token"];
  REQUIRE(token.size() == 64);
  REQUIRE(j["must_change_password"] == true);
  REQUIRE(j["user"]["username"] == "admin");
  REQUIRE(j["user"]["role"] == "super_admin");
  REQUIRE(j["user"]["institution_name"] == "全国");
  REQUIRE(j["user"]["must_change_password"] == true);
  REQUIRE(first->get_header_value("Set-Cookie").empty());  // the session travels in a header only

  auto me = cli.Get("/api/v1/auth/me", TestServer::auth(token));
  REQUIRE(me->status == 200);
  REQUIRE(json_of(me)["user"] == j["user"]);
  // a cookie is not a session
  REQUIRE(cli.Get("/api/v1/auth/me", {{"Cookie", "X-Session-Token=" + token}})->status == 401);

  auto weak = cli.Post("/api/v1/auth/change-password", TestServer::auth(token), change_body("123456", "12345678").dump(),
                       "application/json");
  REQUIRE(weak->status == 400);
  REQUIRE(json_of(weak)["code"] == "auth.password_too_weak");
  REQUIRE(json_of(weak)["field"] == "new_password");

  auto changed = cli.Post("/api/v1/auth/change-password", TestServer::auth(token),
                          change_body("123456", "Admin2026").dump(), "application/json");
  REQUIRE(changed->status == 200);
  REQUIRE(json_of(changed) == nlohmann::json{{"logged_out", true}});

  auto old = cli.Get("/api/v1/auth/me", TestServer::auth(token));
  REQUIRE(old->status == 401);
  REQUIRE(json_of(old)["code"] == "auth.not_logged_in");

  auto with_old_password = s.post_login("admin", "123456");
  REQUIRE(with_old_password->status == 401);

  auto second = s.post_login("admin", "Admin2026");
  REQUIRE(second->status == 200);
  REQUIRE(json_of(second)["must_change_password"] == false);
  const std::string token2 = json_of(second)["token"];
  REQUIRE(cli.Get("/api/v1/auth/me", TestServer::auth(token2))->status == 200);

  auto out = cli.Post("/api/v1/auth/logout", TestServer::auth(token2), "", "application/json");
  REQUIRE(out->status == 200);
  REQUIRE(json_of(out) == nlohmann::json::object());
  REQUIRE(cli.Get("/api/v1/auth/me", TestServer::auth(token2))->status == 401);
}

TEST_CASE("a session that must change its password is refused by other routes", "[http][accounts]") {
  TestServerOptions opts;
  opts.extra_routes = [](Api& api) {
    api.add("GET", "/work", Access::user, [](ApiContext&) -> Result<nlohmann::json> { return nlohmann::json::object(); });
  };
  TestServer s(opts);
  const std::string token = s.login("admin", "123456");
  auto r = s.client().Get("/api/v1/work", TestServer::auth(token));
  REQUIRE(r->status == 403);
  REQUIRE(json_of(r)["code"] == "auth.must_change_password");
  REQUIRE(s.client().Get("/api/v1/work")->status == 401);
}

TEST_CASE("unknown user and wrong password answer identically over HTTP", "[http][accounts]") {
  TestServer s;
  auto unknown = s.post_login("nobody", "123456");
  auto wrong = s.post_login("admin", "wrong-password");
  REQUIRE(unknown->status == 401);
  REQUIRE(wrong->status == 401);
  REQUIRE(unknown->body == wrong->body);
  REQUIRE(json_of(unknown)["code"] == "auth.bad_credentials");
}

TEST_CASE("a wrong captcha is refused and the captcha cannot be reused", "[http][accounts]") {
  TestServer s;
  auto [id, answer] = s.captcha();
  nlohmann::json body = {{"username", "admin"}, {"password", "123456"}, {"captcha_id", id}, {"captcha", "0000"}};
  auto bad = s.client().Post("/api/v1/auth/login", body.dump(), "application/json");
  REQUIRE(bad->status == 400);
  REQUIRE(json_of(bad)["code"] == "auth.captcha_invalid");
  REQUIRE(json_of(bad)["field"] == "captcha");
  body["captcha"] = answer;
  auto reused = s.client().Post("/api/v1/auth/login", body.dump(), "application/json");
  REQUIRE(json_of(reused)["code"] == "auth.captcha_invalid");
}

TEST_CASE("five wrong passwords lock the account over HTTP, with 423", "[http][accounts][lockout]") {
  TestServer s;
  for (int i = 0; i < 4; ++i) REQUIRE(s.post_login("admin", "wrong")->status == 401);
  auto fifth = s.post_login("admin", "wrong");
  REQUIRE(fifth->status == 423);
  REQUIRE(json_of(fifth)["code"] == "auth.locked");
  auto right = s.post_login("admin", "123456");
  REQUIRE(right->status == 423);
  s.clock.advance(15 * 60);
  REQUIRE(s.post_login("admin", "123456")->status == 200);
}

TEST_CASE("an idle session expires over HTTP", "[http][accounts]") {
  TestServer s;
  const std::string token = s.login("admin", "123456");
  s.clock.advance(s.svc.settings.session_idle_seconds + 1);
  auto r = s.client().Get("/api/v1/auth/me", TestServer::auth(token));
  REQUIRE(r->status == 401);
  REQUIRE(json_of(r)["code"] == "auth.session_expired");
}
