// Accounts and sessions (SPEC §1 Login, Change password, User management, Initialisation).
//
// [SECTION] captcha
// [SECTION] login
// [SECTION] sessions
// [SECTION] password change
// [SECTION] user management state changes
// [SECTION] the JSON contract of the routes
// [SECTION] faults of review (issue 8)
#include <catch_amalgamated.hpp>

#include "core/accounts/sessions.hpp"
#include "core/accounts/accounts_routes.hpp"
#include "core/accounts/session_user.hpp"
#include "core/store/app_settings.hpp"
#include "core/base/base64.hpp"
#include "core/base/sha256.hpp"
#include "tests/unit/fakes.hpp"
#include "core/store/transaction.hpp"

using namespace ivd;

namespace {

// A database with the super admin, a province, a city, a 省本级 pseudo-city and a hospital.
struct Accounts : TestEnv {
  int64_t admin_id = 0;
  int64_t hospital_inst = 0;

  Accounts() {
    admin_id = ensure_super_admin(db, services).value();
    REQUIRE(db.exec("INSERT INTO regions (code, name, level, parent_code) VALUES "
                    "('110000','北京市','province','000000'), ('110100','市辖区','city','110000'), "
                    "('110099','北京市省本级','province_level','110000');"
                    "INSERT INTO institutions (code, name, kind, region_code) VALUES "
                    "('H110001','北京协和医院','hospital','110100'), ('E001','某某生物','manufacturer',NULL)")
                .ok());
    hospital_inst = 1;
  }

  // Issues a captcha and reads its answer back from the fake painter ("PNG:" + code).
  std::pair<std::string, std::string> captcha() {
    auto c = issue_captcha(db, services);
    REQUIRE(c.ok());
    REQUIRE(c->png.rfind("PNG:", 0) == 0);
    return {c->id, c->png.substr(4)};
  }

  Result<LoginResult> try_login(const std::string& user, const std::string& pw) {
    auto [id, answer] = captcha();
    return login(db, services, {user, pw, id, answer});
  }

  std::string login_ok(const std::string& user, const std::string& pw) {
    auto r = try_login(user, pw);
    INFO((r.ok() ? std::string() : r.error().code));
    REQUIRE(r.ok());
    return r->token;
  }

  int64_t count(const std::string& sql) {
    auto st = db.prepare(sql);
    REQUIRE(st.ok());
    REQUIRE(*st->step());
    return st->col_int(0);
  }

  // The admin after its forced first change.
  std::string admin_token() {
    auto t = login_ok("admin", "123456");
    REQUIRE(change_password(db, services, admin_id, "123456", "Admin2026", "Admin2026").ok());
    (void)t;
    return login_ok("admin", "Admin2026");
  }
};

std::string code_of(const Status& s) { return s.ok() ? "ok" : s.error().code; }
template <class T>
std::string code_of(const Result<T>& r) { return r.ok() ? "ok" : r.error().code; }

}  // namespace

// [SECTION] captcha

TEST_CASE("a captcha has 4 characters from the unambiguous alphabet", "[accounts][captcha]") {
  Accounts env;
  for (int i = 0; i < 50; ++i) {
    auto [id, code] = env.captcha();
    REQUIRE(id.size() == 32);
    REQUIRE(code.size() == 4);
    for (char c : code) REQUIRE(kCaptchaAlphabet.find(c) != std::string_view::npos);
  }
}

TEST_CASE("a captcha is case-insensitive and works only once", "[accounts][captcha]") {
  Accounts env;
  auto [id, code] = env.captcha();
  std::string lower = code;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  REQUIRE(verify_captcha(env.db, env.services, id, lower).ok());
  auto again = verify_captcha(env.db, env.services, id, code);
  REQUIRE(code_of(again) == "auth.captcha_invalid");
  REQUIRE(again.error().field == "captcha");
}

TEST_CASE("a wrong captcha answer uses the captcha up", "[accounts][captcha]") {
  Accounts env;
  auto [id, code] = env.captcha();
  REQUIRE(code_of(verify_captcha(env.db, env.services, id, "????")) == "auth.captcha_invalid");
  REQUIRE(code_of(verify_captcha(env.db, env.services, id, code)) == "auth.captcha_invalid");
  REQUIRE(code_of(verify_captcha(env.db, env.services, "no-such-id", code)) == "auth.captcha_invalid");
}

TEST_CASE("a captcha expires after 2 minutes", "[accounts][captcha]") {
  Accounts env;
  auto [id1, code1] = env.captcha();
  env.clock.advance(119);
  REQUIRE(verify_captcha(env.db, env.services, id1, code1).ok());
  auto [id2, code2] = env.captcha();
  env.clock.advance(120);
  REQUIRE(code_of(verify_captcha(env.db, env.services, id2, code2)) == "auth.captcha_expired");
  REQUIRE(env.count("SELECT count(*) FROM captchas") == 0);
}

TEST_CASE("a wrong captcha refuses the login even with the right password", "[accounts][login]") {
  Accounts env;
  auto [id, code] = env.captcha();
  auto r = login(env.db, env.services, {"admin", "123456", id, "XXXX" == code ? "YYYY" : "XXXX"});
  REQUIRE(code_of(r) == "auth.captcha_invalid");
}

// [SECTION] login

TEST_CASE("unknown user, wrong password and disabled user get the same generic error", "[accounts][login]") {
  Accounts env;
  auto unknown = env.try_login("nobody", "123456");
  auto wrong = env.try_login("admin", "654321");
  REQUIRE(set_user_disabled(env.db, env.services, env.admin_id, true).ok());
  auto disabled = env.try_login("admin", "123456");
  for (const auto* r : {&unknown, &wrong, &disabled}) {
    REQUIRE(code_of(*r) == "auth.bad_credentials");
    REQUIRE(r->error().kind == ErrorKind::unauthorized);
    REQUIRE(r->error().message_zh == "用户名或密码错误");
    REQUIRE(r->error().field.empty());
    REQUIRE(error_to_json(r->error()) == error_to_json(unknown.error()));
  }
}

TEST_CASE("a successful login returns a random token whose hash only is stored", "[accounts][login]") {
  Accounts env;
  auto r = env.try_login(" admin ", "123456");  // surrounding spaces of the username are ignored
  REQUIRE(r.ok());
  REQUIRE(r->token.size() == 64);
  REQUIRE(r->actor.username == "admin");
  REQUIRE(r->actor.role == Role::super_admin);
  REQUIRE(r->actor.must_change_password);
  REQUIRE(env.count("SELECT count(*) FROM sessions WHERE token_hash = '" + r->token + "'") == 0);
  REQUIRE(env.count("SELECT count(*) FROM sessions WHERE token_hash = '" + sha256_hex(r->token) + "'") == 1);
  auto other = env.login_ok("admin", "123456");
  REQUIRE(other != r->token);
}

TEST_CASE("5 failures within 15 minutes lock the account for 15 minutes", "[accounts][login][lockout]") {
  Accounts env;
  for (int i = 0; i < 4; ++i) REQUIRE(code_of(env.try_login("admin", "wrong")) == "auth.bad_credentials");
  auto fifth = env.try_login("admin", "wrong");
  REQUIRE(code_of(fifth) == "auth.locked");
  REQUIRE(fifth.error().kind == ErrorKind::locked);
  REQUIRE(fifth.error().message_zh == "登录失败次数过多，账号已锁定，请 15 分钟后再试");
  REQUIRE(env.count("SELECT locked_until FROM users WHERE username = 'admin'") == env.clock.t + 15 * 60);
  REQUIRE(env.count("SELECT count(*) FROM events WHERE action = 'lock'") == 1);

  // While locked even the right password is refused.
  env.clock.advance(14 * 60 + 59);
  auto still = env.try_login("admin", "123456");
  REQUIRE(code_of(still) == "auth.locked");
  REQUIRE(still.error().message_en == "Too many failed logins: the account is locked, try again in 1 min");

  env.clock.advance(1);
  env.login_ok("admin", "123456");
  REQUIRE(env.count("SELECT locked_until FROM users WHERE username = 'admin'") == 0);
}

TEST_CASE("a success clears the failures and old failures fall out of the window", "[accounts][login][lockout]") {
  Accounts env;
  for (int i = 0; i < 4; ++i) REQUIRE(code_of(env.try_login("admin", "wrong")) == "auth.bad_credentials");
  env.login_ok("admin", "123456");
  for (int i = 0; i < 4; ++i) REQUIRE(code_of(env.try_login("admin", "wrong")) == "auth.bad_credentials");
  env.clock.advance(15 * 60);
  REQUIRE(code_of(env.try_login("admin", "wrong")) == "auth.bad_credentials");
  env.login_ok("admin", "123456");
}

TEST_CASE("an unknown username locks exactly like a real one", "[accounts][login][lockout]") {
  Accounts env;
  std::vector<std::string> real, unknown;
  for (int i = 0; i < 6; ++i) {
    real.push_back(code_of(env.try_login("admin", "wrong")));
    unknown.push_back(code_of(env.try_login("ghost", "wrong")));
  }
  REQUIRE(real == unknown);
  REQUIRE(unknown.back() == "auth.locked");
}

// [SECTION] sessions

TEST_CASE("a session resolves to the actor and ends after the idle time", "[accounts][session]") {
  Accounts env;
  auto token = env.login_ok("admin", "123456");
  REQUIRE(resolve_session(env.db, env.services, token).ok());
  // activity keeps it alive
  env.clock.advance(env.services.settings.session_idle_seconds);
  REQUIRE(resolve_session(env.db, env.services, token).ok());
  env.clock.advance(env.services.settings.session_idle_seconds);
  REQUIRE(resolve_session(env.db, env.services, token).ok());
  env.clock.advance(env.services.settings.session_idle_seconds + 1);
  auto expired = resolve_session(env.db, env.services, token);
  REQUIRE(code_of(expired) == "auth.session_expired");
  REQUIRE(expired.error().kind == ErrorKind::unauthorized);
  REQUIRE(code_of(resolve_session(env.db, env.services, token)) == "auth.not_logged_in");
  REQUIRE(code_of(resolve_session(env.db, env.services, "")) == "auth.not_logged_in");
  REQUIRE(code_of(resolve_session(env.db, env.services, "deadbeef")) == "auth.not_logged_in");
}

TEST_CASE("logout ends only that session", "[accounts][session]") {
  Accounts env;
  auto a = env.login_ok("admin", "123456");
  auto b = env.login_ok("admin", "123456");
  REQUIRE(logout(env.db, a).ok());
  REQUIRE(code_of(resolve_session(env.db, env.services, a)) == "auth.not_logged_in");
  REQUIRE(resolve_session(env.db, env.services, b).ok());
}

TEST_CASE("roles, region and institution name come from user type and region level", "[accounts][session]") {
  Accounts env;
  auto make = [&](const char* username, const char* type, const char* region, std::optional<int64_t> inst) {
    NewUser u;
    u.username = username;
    u.user_type = type;
    u.region_code = region;
    u.institution_id = inst;
    u.menus = {menu::ivd_review};
    auto id = create_user(env.db, env.services, u, env.admin_id);
    INFO(code_of(id));
    REQUIRE(id.ok());
    return load_actor(env.db, *id).value();
  };
  auto province = make("p11", "admin", "110000", std::nullopt);
  REQUIRE(province.role == Role::province_admin);
  REQUIRE(province.institution_name == "北京市");
  auto city = make("c1101", "admin", "110100", std::nullopt);
  REQUIRE(city.role == Role::city_admin);
  auto province_level = make("c1199", "admin", "110099", std::nullopt);
  REQUIRE(province_level.role == Role::city_admin);
  REQUIRE(province_level.institution_name == "北京市省本级");
  auto hospital = make("H110001", "hospital", "", env.hospital_inst);
  REQUIRE(hospital.role == Role::hospital);
  REQUIRE(hospital.region_code == "110100");  // taken from the hospital
  REQUIRE(hospital.institution_name == "北京协和医院");
  REQUIRE(hospital.menus == std::set<std::string>{menu::ivd_review});
  auto enterprise = make("E001", "enterprise", "", 2);
  REQUIRE(enterprise.role == Role::enterprise);
  REQUIRE(enterprise.institution_name == "某某生物");

  auto admin = load_actor(env.db, env.admin_id).value();
  REQUIRE(admin.role == Role::super_admin);
  REQUIRE(admin.institution_name == "全国");
  REQUIRE(admin.menus.size() == menu_order().size());
}

// [SECTION] password change

TEST_CASE("the forced change at first login ends every session, then the new password works", "[accounts][password]") {
  Accounts env;
  auto first = env.try_login("admin", "123456");
  REQUIRE(first.ok());
  REQUIRE(first->actor.must_change_password);
  auto other_device = env.login_ok("admin", "123456");

  REQUIRE(change_password(env.db, env.services, env.admin_id, "123456", "Admin2026", "Admin2026").ok());
  REQUIRE(code_of(resolve_session(env.db, env.services, first->token)) == "auth.not_logged_in");
  REQUIRE(code_of(resolve_session(env.db, env.services, other_device)) == "auth.not_logged_in");
  REQUIRE(env.count("SELECT revision FROM users WHERE id = 1") == 2);

  REQUIRE(code_of(env.try_login("admin", "123456")) == "auth.bad_credentials");
  auto again = env.try_login("admin", "Admin2026");
  REQUIRE(again.ok());
  REQUIRE_FALSE(again->actor.must_change_password);
  REQUIRE(env.count("SELECT count(*) FROM events WHERE action = 'password_changed' AND actor_id = 1") == 1);
}

TEST_CASE("a password change needs the right old password and a policy-conforming new one", "[accounts][password]") {
  Accounts env;
  auto token = env.login_ok("admin", "123456");
  REQUIRE(code_of(change_password(env.db, env.services, env.admin_id, "bad", "Admin2026", "Admin2026")) ==
          "auth.old_password_wrong");
  REQUIRE(code_of(change_password(env.db, env.services, env.admin_id, "123456", "admin", "admin")) ==
          "auth.password_too_short");
  REQUIRE(code_of(change_password(env.db, env.services, env.admin_id, "123456", "Admin2026", "Admin2027")) ==
          "auth.password_mismatch");
  REQUIRE(code_of(change_password(env.db, env.services, env.admin_id, "123456", "ADMIN", "ADMIN")) ==
          "auth.password_too_short");
  // nothing changed: the session lives, the old password still works
  REQUIRE(resolve_session(env.db, env.services, token).ok());
  REQUIRE(change_password(env.db, env.services, env.admin_id, "123456", "Admin2026", "Admin2026").ok());
  env.login_ok("admin", "Admin2026");
  REQUIRE(code_of(change_password(env.db, env.services, env.admin_id, "Admin2026", "Admin2026", "Admin2026")) ==
          "auth.password_unchanged");
}

// [SECTION] user management state changes

TEST_CASE("disabling a user ends its sessions at once; enabling lets it log in again", "[accounts][users]") {
  Accounts env;
  auto token = env.admin_token();
  REQUIRE(set_user_disabled(env.db, env.services, env.admin_id, true, env.admin_id).ok());
  REQUIRE(env.count("SELECT count(*) FROM sessions") == 0);
  REQUIRE(code_of(resolve_session(env.db, env.services, token)) == "auth.not_logged_in");
  REQUIRE(code_of(env.try_login("admin", "Admin2026")) == "auth.bad_credentials");
  REQUIRE(set_user_disabled(env.db, env.services, env.admin_id, false, env.admin_id).ok());
  env.login_ok("admin", "Admin2026");
  REQUIRE(env.count("SELECT count(*) FROM events WHERE action IN ('disable','enable')") == 2);
  REQUIRE(env.count("SELECT count(*) FROM events WHERE action = 'disable' AND from_state = 'enabled' "
                    "AND to_state = 'disabled' AND actor_id = 1") == 1);
  REQUIRE(code_of(set_user_disabled(env.db, env.services, 999, true)) == "user.not_found");
}

TEST_CASE("a password reset restores the initial password and forces a change again", "[accounts][users]") {
  Accounts env;
  auto token = env.admin_token();
  for (int i = 0; i < 5; ++i) (void)env.try_login("admin", "wrong");  // locked
  REQUIRE(reset_password(env.db, env.services, env.admin_id, env.admin_id).ok());
  REQUIRE(code_of(resolve_session(env.db, env.services, token)) == "auth.not_logged_in");
  auto r = env.try_login("admin", "123456");  // the reset also releases the lock
  REQUIRE(r.ok());
  REQUIRE(r->actor.must_change_password);
  REQUIRE(env.count("SELECT count(*) FROM events WHERE action = 'password_reset'") == 1);
}

TEST_CASE("routes needing a changed password refuse a session that must still change it", "[accounts][api]") {
  Accounts env;
  Api api(env.db, env.services);
  register_account_routes(api);
  api.add("GET", "/work", Access::user, [](ApiContext&) -> Result<nlohmann::json> { return nlohmann::json::object(); });
  auto token = env.login_ok("admin", "123456");
  auto refused = api.handle({"GET", "/work", "", {}, token});
  REQUIRE(refused.status == 403);
  REQUIRE(refused.body["code"] == "auth.must_change_password");
  REQUIRE(api.handle({"GET", "/auth/me", "", {}, token}).status == 200);
}

TEST_CASE("create_user validates and records the creation", "[accounts][users]") {
  Accounts env;
  NewUser u;
  u.username = "admin";
  u.user_type = "admin";
  u.region_code = "110000";
  REQUIRE(code_of(create_user(env.db, env.services, u)) == "user.username_taken");
  u.username = "has space";
  REQUIRE(code_of(create_user(env.db, env.services, u)) == "user.username_invalid");
  u.username = "p11";
  u.menus = {"no.such.menu"};
  REQUIRE(code_of(create_user(env.db, env.services, u)) == "user.unknown_menu");
  u.menus = {};
  u.region_code = "999999";
  REQUIRE(code_of(create_user(env.db, env.services, u)) == "user.region_unknown");
  u.user_type = "hospital";
  u.institution_id = 2;  // an enterprise
  REQUIRE(code_of(create_user(env.db, env.services, u)) == "user.institution_wrong_kind");
  u.user_type = "root";
  REQUIRE(code_of(create_user(env.db, env.services, u)) == "user.bad_type");
  u.user_type = "admin";
  u.region_code = "110000";
  u.menus = {menu::users, menu::ivd_review, menu::users};
  auto id = create_user(env.db, env.services, u, env.admin_id);
  REQUIRE(id.ok());
  REQUIRE(load_actor(env.db, *id)->menus.size() == 2);
  REQUIRE(env.count("SELECT count(*) FROM events WHERE action = 'create' AND entity_id = '" + std::to_string(*id) +
                    "' AND actor_id = 1") == 1);

  REQUIRE(set_user_menus(env.db, env.services, *id, {menu::exports}, env.admin_id).ok());
  REQUIRE(load_actor(env.db, *id)->menus == std::set<std::string>{menu::exports});
  REQUIRE(env.count("SELECT count(*) FROM events WHERE action = 'menus' AND from_state = 'ivd.review,sys.users' "
                    "AND to_state = 'exports'") == 1);
}

TEST_CASE("create_user works inside a caller's transaction", "[accounts][users]") {
  Accounts env;
  auto r = transaction(env.db, [&]() -> Result<int64_t> {
    NewUser u{"p11", "北京市医保局", "", "admin", "110000", std::nullopt, {}};
    return create_user(env.db, env.services, u);
  });
  REQUIRE(r.ok());
  REQUIRE(env.count("SELECT count(*) FROM users") == 2);
}

TEST_CASE("initialisation is idempotent and the initial password comes from the settings", "[accounts][init]") {
  Accounts env;
  REQUIRE(ensure_super_admin(env.db, env.services).value() == env.admin_id);
  REQUIRE(env.count("SELECT count(*) FROM users") == 1);

  env.services.settings.set_initial_password("Start2026");
  REQUIRE(save_settings(env.db, env.services.settings, env.hasher).ok());
  Settings loaded;
  REQUIRE(load_settings(env.db, loaded, env.hasher).ok());
  REQUIRE(env.hasher.verify(loaded.initial_password_hash, "Start2026"));
  REQUIRE(loaded.session_idle_seconds == env.services.settings.session_idle_seconds);
  REQUIRE(reset_password(env.db, env.services, env.admin_id).ok());
  env.login_ok("admin", "Start2026");
}

// [SECTION] the JSON contract of the routes

TEST_CASE("the account routes follow the JSON contract of the web app", "[accounts][api]") {
  Accounts env;
  Api api(env.db, env.services);
  register_account_routes(api);

  auto cap = api.handle({"GET", "/auth/captcha", "", {}, {}});
  REQUIRE(cap.status == 200);
  const std::string id = cap.body.at("captcha_id");
  auto png = base64_decode(cap.body.at("image_png_base64").get<std::string>());
  REQUIRE(png);
  REQUIRE(png->rfind("PNG:", 0) == 0);
  auto st = env.db.prepare("SELECT answer FROM captchas WHERE id = ?");
  st->bind(1, id);
  REQUIRE(*st->step());
  const std::string answer = st->col_text(0);

  nlohmann::json body = {{"username", "admin"}, {"password", "123456"}, {"captcha_id", id}, {"captcha", answer}};
  auto li = api.handle({"POST", "/auth/login", body.dump(), {}, {}});
  REQUIRE(li.status == 200);
  const std::string token = li.body.at("token");
  REQUIRE(li.body.at("must_change_password") == true);
  const auto& user = li.body.at("user");
  for (const char* key : {"id", "username", "name", "user_type", "role", "region_code", "institution_name", "menus",
                          "must_change_password"})
    REQUIRE(user.contains(key));
  REQUIRE(user["role"] == "super_admin");
  REQUIRE(user["region_code"] == "000000");
  REQUIRE(user["institution_name"] == "全国");
  REQUIRE(user["menus"].is_array());

  auto me = api.handle({"GET", "/auth/me", "", {}, token});
  REQUIRE(me.status == 200);
  REQUIRE(me.body.at("user") == user);

  auto missing = api.handle({"POST", "/auth/login", R"({"username":"admin"})", {}, {}});
  REQUIRE(missing.status == 400);
  REQUIRE(missing.body["code"] == "request.missing_field");

  nlohmann::json change = {{"old_password", "123456"}, {"new_password", "abc"}, {"confirm_password", "abc"}};
  auto weak = api.handle({"POST", "/auth/change-password", change.dump(), {}, token});
  REQUIRE(weak.status == 400);
  REQUIRE(weak.body["code"] == "auth.password_too_short");
  REQUIRE(weak.body["field"] == "new_password");
  change["new_password"] = change["confirm_password"] = "Admin2026";
  auto changed = api.handle({"POST", "/auth/change-password", change.dump(), {}, token});
  REQUIRE(changed.status == 200);
  REQUIRE(changed.body == nlohmann::json{{"logged_out", true}});
  REQUIRE(api.handle({"GET", "/auth/me", "", {}, token}).status == 401);

  auto token2 = env.login_ok("admin", "Admin2026");
  auto out = api.handle({"POST", "/auth/logout", "", {}, token2});
  REQUIRE(out.status == 200);
  REQUIRE(out.body == nlohmann::json::object());
  auto after = api.handle({"GET", "/auth/me", "", {}, token2});
  REQUIRE(after.status == 401);
  REQUIRE(after.body["code"] == "auth.not_logged_in");
}

// [SECTION] faults of review (issue 8)

TEST_CASE("wrong old passwords in 修改密码 count toward the lockout like wrong logins", "[accounts][password][lockout]") {
  Accounts env;
  auto token = env.login_ok("admin", "123456");
  for (int i = 0; i < 4; ++i)
    REQUIRE(code_of(change_password(env.db, env.services, env.admin_id, "guess", "Admin2026", "Admin2026")) ==
            "auth.old_password_wrong");
  auto fifth = change_password(env.db, env.services, env.admin_id, "guess", "Admin2026", "Admin2026");
  REQUIRE(code_of(fifth) == "auth.locked");
  REQUIRE(fifth.error().kind == ErrorKind::locked);
  REQUIRE(env.count("SELECT count(*) FROM events WHERE action = 'lock' AND reason = 'password change failures'") == 1);
  // Locked: neither the login nor the change accepts even the right password.
  REQUIRE(code_of(env.try_login("admin", "123456")) == "auth.locked");
  REQUIRE(code_of(change_password(env.db, env.services, env.admin_id, "123456", "Admin2026", "Admin2026")) ==
          "auth.locked");
  REQUIRE(env.count("SELECT must_change_password FROM users WHERE id = 1") == 1);  // nothing changed
  env.clock.advance(env.services.settings.lockout_seconds);
  REQUIRE(change_password(env.db, env.services, env.admin_id, "123456", "Admin2026", "Admin2026").ok());
  (void)token;
}

TEST_CASE("wrong logins and wrong old passwords add up to one lockout", "[accounts][password][lockout]") {
  Accounts env;
  env.login_ok("admin", "123456");
  for (int i = 0; i < 3; ++i) REQUIRE(code_of(env.try_login("admin", "wrong")) == "auth.bad_credentials");
  REQUIRE(code_of(change_password(env.db, env.services, env.admin_id, "guess", "Admin2026", "Admin2026")) ==
          "auth.old_password_wrong");
  REQUIRE(code_of(change_password(env.db, env.services, env.admin_id, "guess", "Admin2026", "Admin2026")) ==
          "auth.locked");
  REQUIRE(code_of(env.try_login("admin", "123456")) == "auth.locked");
}

TEST_CASE("a session ends after its absolute lifetime however busy it is", "[accounts][session]") {
  Accounts env;
  REQUIRE(env.services.settings.session_max_seconds == 12 * 60 * 60);
  auto token = env.login_ok("admin", "123456");
  const int64_t step = env.services.settings.session_idle_seconds - 60;  // never idle for too long
  int64_t alive = 0;
  while (alive + step < env.services.settings.session_max_seconds) {
    env.clock.advance(step);
    alive += step;
    REQUIRE(resolve_session(env.db, env.services, token).ok());
  }
  env.clock.advance(env.services.settings.session_max_seconds - alive);
  auto expired = resolve_session(env.db, env.services, token);
  REQUIRE(code_of(expired) == "auth.session_expired");
  REQUIRE(env.count("SELECT count(*) FROM sessions") == 0);
  // a fresh login starts a fresh lifetime
  auto again = env.login_ok("admin", "123456");
  REQUIRE(resolve_session(env.db, env.services, again).ok());
}

TEST_CASE("the initial password is stored as its hash only, and an old plain value is replaced", "[accounts][init]") {
  Accounts env;
  env.services.settings.set_initial_password("Start2026");
  REQUIRE(save_settings(env.db, env.services.settings, env.hasher).ok());
  REQUIRE(env.count("SELECT count(*) FROM app_settings WHERE value = 'Start2026'") == 0);
  REQUIRE(env.count("SELECT count(*) FROM app_settings WHERE key = 'initial_password'") == 0);
  REQUIRE(env.count("SELECT count(*) FROM app_settings WHERE key = 'initial_password_hash'") == 1);

  // A database written by an earlier version holds the text: loading replaces it by its hash.
  REQUIRE(env.db.exec("DELETE FROM app_settings WHERE key = 'initial_password_hash';"
                      "INSERT INTO app_settings (key, value) VALUES ('initial_password', 'Legacy2026')")
              .ok());
  Settings loaded;
  REQUIRE(load_settings(env.db, loaded, env.hasher).ok());
  REQUIRE(env.count("SELECT count(*) FROM app_settings WHERE value = 'Legacy2026'") == 0);
  REQUIRE(env.count("SELECT count(*) FROM app_settings WHERE key = 'initial_password'") == 0);
  REQUIRE(env.hasher.verify(loaded.initial_password_hash, "Legacy2026"));

  // New and reset users get that hash; the policy still refuses it as a new password.
  env.services.settings = loaded;
  REQUIRE(reset_password(env.db, env.services, env.admin_id).ok());
  env.login_ok("admin", "Legacy2026");
  REQUIRE(code_of(change_password(env.db, env.services, env.admin_id, "Legacy2026", "Legacy2026", "Legacy2026")) ==
          "auth.password_equals_initial");
}

TEST_CASE("field errors name the field in the words of each language", "[accounts][api][i18n]") {
  Accounts env;
  Api api(env.db, env.services);
  register_account_routes(api);
  auto missing = api.handle({"POST", "/auth/login", R"({"password":"x","captcha_id":"c","captcha":"d"})", {}, {}});
  REQUIRE(missing.status == 400);
  REQUIRE(missing.body["field"] == "username");
  REQUIRE(missing.body["message_zh"] == "缺少必填字段“用户名”");
  REQUIRE(missing.body["message_en"] == "Missing required field \"Username\"");
  auto bad = api.handle({"POST", "/auth/login", R"({"username":7})", {}, {}});
  REQUIRE(bad.body["field"] == "username");
  REQUIRE(bad.body["message_en"] == "Invalid value for field \"Username\"");
}

TEST_CASE("the captcha reply carries its lifetime and the session user its menus and rules", "[accounts][api]") {
  Accounts env;
  env.services.settings.captcha_ttl_seconds = 90;
  Api api(env.db, env.services);
  register_account_routes(api);
  auto cap = api.handle({"GET", "/auth/captcha", "", {}, {}});
  REQUIRE(cap.status == 200);
  REQUIRE(cap.body.at("ttl_seconds") == 90);

  // The wire type of the logged-in user round-trips through core's to_json / from_json.
  const Actor admin = load_actor(env.db, env.admin_id).value();
  const nlohmann::json j = user_json(admin);
  REQUIRE(j.at("menus") == nlohmann::json({"sys.users", "ivd.config", "ivd.national", "supply.feedback", "exports"}));
  REQUIRE(j.at("manages_user_types") == nlohmann::json({"admin", "hospital", "enterprise"}));
  const SessionUser back = j.get<SessionUser>();
  REQUIRE(back.actor.role == Role::super_admin);
  REQUIRE(back.actor.menus == admin.menus);
  REQUIRE(back.actor.region_code == "000000");
  REQUIRE(back.shows(menu::users));
  REQUIRE(nlohmann::json(back) == j);
  // A malformed answer reads as nobody with nothing, never an exception.
  const SessionUser junk = nlohmann::json{{"role", 5}, {"menus", "x"}, {"held_menus", {1, 2}}}.get<SessionUser>();
  REQUIRE(junk.actor.role == Role::hospital);
  REQUIRE(junk.menus.empty());
  REQUIRE(junk.actor.menus.empty());
}
