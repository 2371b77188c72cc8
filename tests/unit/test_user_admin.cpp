// 用户管理 through the API dispatcher: every operation as every role against targets inside and
// outside its scope (SPEC §1 "Who manages whom"), and bad input that must change nothing.
#include <catch_amalgamated.hpp>

#include <map>

#include "core/accounts/sessions.hpp"
#include "core/api/dispatcher.hpp"
#include "core/accounts/user_admin.hpp"
#include "core/accounts/user_form_rules.hpp"
#include "tests/unit/fakes.hpp"

using namespace ivd;
using nlohmann::json;

namespace {

const std::vector<std::string> kAdminMenus = {"sys.users", "ivd.review", "ivd.fill", "supply.feedback", "exports"};

// Two provinces (安徽 34, 江苏 32) with cities and 省本级, institutions, and one user per role.
struct Org : TestEnv {
  Api api{db, services};
  std::map<std::string, int64_t> id;  // user label -> user id

  Org() {
    register_all_routes(api);
    // Tokens are "t<user id>" here; the real session resolver has its own tests.
    api.set_session_resolver([](Db& d, Services&, const std::string& token) -> Result<Actor> {
      if (token.size() < 2 || token[0] != 't') return make_error(ErrorKind::unauthorized, "auth.not_logged_in");
      auto a = load_actor(d, std::stoll(token.substr(1)));
      if (a) a->must_change_password = false;
      return a;
    });
    REQUIRE(ensure_super_admin(db, services).ok());
    REQUIRE(db.exec("INSERT INTO regions (code, name, level, parent_code) VALUES "
                    "('340000','安徽省','province','000000'), ('340100','合肥市','city','340000'),"
                    "('340200','芜湖市','city','340000'), ('340099','安徽省省本级','province_level','340000'),"
                    "('320000','江苏省','province','000000'), ('320100','南京市','city','320000');"
                    "INSERT INTO institutions (id, code, name, kind, region_code) VALUES "
                    "(1,'H1','合肥第一人民医院','hospital','340100'), (2,'H2','芜湖第一人民医院','hospital','340200'),"
                    "(3,'H3','南京第一人民医院','hospital','320100'), (4,'E1','安徽某生物','manufacturer','340100'),"
                    "(5,'E2','无区划企业','agent',NULL)")
                .ok());
    id["sa"] = 1;
    add("pa", "admin", "340000", {}, kAdminMenus);
    add("pb", "admin", "320000", {}, kAdminMenus);
    add("ca", "admin", "340100", {}, kAdminMenus);
    add("cw", "admin", "340200", {}, kAdminMenus);
    add("cb", "admin", "320100", {}, kAdminMenus);
    add("sl", "admin", "340099", {}, kAdminMenus);
    add("h1", "hospital", "", 1, {"ivd.fill"});
    add("h2", "hospital", "", 2, {"ivd.fill"});
    add("h3", "hospital", "", 3, {"ivd.fill"});
    add("e1", "enterprise", "", 4, {"supply.feedback"});
  }

  void add(const std::string& label, const std::string& type, const std::string& region, std::optional<int64_t> inst,
           std::vector<std::string> menus) {
    NewUser nu{label, "用户" + label, "13800000000", type, region, inst, std::move(menus)};
    auto r = create_user(db, services, nu, 0);
    INFO(label << (r.ok() ? "" : " " + r.error().code));
    REQUIRE(r.ok());
    id[label] = *r;
  }

  ApiResponse call(const std::string& as, const std::string& method, const std::string& path, const json& body = nullptr,
                   std::map<std::string, std::string> query = {}) {
    return api.handle({method, path, body.is_null() ? "" : body.dump(), std::move(query), "t" + std::to_string(id.at(as))});
  }

  int64_t revision(const std::string& label) { return load_user(db, id.at(label)).value().revision; }
  int64_t users() {
    auto st = db.prepare("SELECT count(*) FROM users");
    REQUIRE(*st->step());
    return st->col_int(0);
  }
  std::string digest(const std::string& label) { return to_json(load_user(db, id.at(label)).value()).dump(); }
};

// Expected scopes, written out (not derived from the code under test).
const std::map<std::string, std::set<std::string>> kManages = {
    {"sa", {"pa", "pb", "ca", "cw", "cb", "sl", "h1", "h2", "h3", "e1"}},
    {"pa", {"ca", "cw", "sl", "h1", "h2", "e1"}},
    {"pb", {"cb", "h3"}},
    {"ca", {"h1"}},
    {"cw", {"h2"}},
    {"cb", {"h3"}},
    {"sl", {}},
    {"h1", {}},
    {"e1", {}},
};
const std::vector<std::string> kTargets = {"pa", "pb", "ca", "cw", "cb", "sl", "h1", "h2", "h3", "e1"};

}  // namespace

TEST_CASE("every role against every user-management operation and target", "[users][authz]") {
  for (const auto& [actor, manages] : kManages) {
    for (const auto& target : kTargets) {
      if (target == actor) continue;
      Org o;
      const bool allowed = manages.count(target) > 0;
      const std::string base = "/users/" + std::to_string(o.id.at(target));
      INFO(actor << " -> " << target << (allowed ? " (allowed)" : " (refused)"));
      const std::string before = o.digest(target);

      struct Op {
        std::string method, path;
        std::function<json()> body;
      };
      const std::vector<Op> ops = {
          {"GET", base, [] { return json(nullptr); }},
          {"GET", base + "/grantable-menus", [] { return json(nullptr); }},
          {"PUT", base, [&] { return json{{"revision", o.revision(target)}, {"name", "新名字"}, {"phone", "13900000000"}}; }},
          {"PUT", base + "/menus", [&] { return json{{"revision", o.revision(target)}, {"menus", json::array()}}; }},
          {"POST", base + "/disable", [] { return json(nullptr); }},
          {"POST", base + "/enable", [] { return json(nullptr); }},
          {"POST", base + "/reset-password", [] { return json(nullptr); }},
      };
      for (const auto& op : ops) {
        auto r = o.call(actor, op.method, op.path, op.body());
        INFO(op.method << " " << op.path << " -> " << r.status << " " << r.body.dump());
        if (allowed) {
          CHECK(r.status == 200);
        } else {
          CHECK(r.status == 403);
          CHECK((r.body["code"] == "user.forbidden" || r.body["code"] == "auth.menu_not_granted"));
        }
      }
      if (!allowed) CHECK(o.digest(target) == before);  // refused: nothing changed
    }
  }
}

TEST_CASE("the user list shows exactly the users the actor manages", "[users][authz]") {
  Org o;
  for (const auto& [actor, manages] : kManages) {
    auto r = o.call(actor, "GET", "/users", nullptr, {{"page_size", "100"}});
    INFO(actor << " " << r.body.dump());
    if (actor == "h1" || actor == "e1") {
      CHECK(r.status == 403);
      continue;
    }
    REQUIRE(r.status == 200);
    std::set<std::string> seen;
    for (const auto& u : r.body["items"]) seen.insert(u["username"].get<std::string>());
    seen.erase("admin");
    CHECK(seen == manages);
    CHECK(r.body["total"].get<size_t>() == manages.size() + (actor == "sa" ? 0 : 0));
  }
}

TEST_CASE("the user query filters by username, name, type, region and status with paging", "[users]") {
  Org o;
  auto q = [&](std::map<std::string, std::string> query) { return o.call("sa", "GET", "/users", nullptr, query).body; };
  CHECK(q({{"user_type", "hospital"}})["total"] == 3);
  CHECK(q({{"region_code", "340000"}})["total"] == 7);  // pa ca cw sl h1 h2 e1
  CHECK(q({{"region_code", "340100"}})["total"] == 3);  // ca h1 e1
  CHECK(q({{"username", "h"}})["total"] == 3);
  CHECK(q({{"name", "用户c"}})["total"] == 3);
  auto page = q({{"page_size", "4"}, {"page", "3"}});
  CHECK(page["total"] == 10);
  CHECK(page["items"].size() == 2);
  REQUIRE(o.call("sa", "POST", "/users/" + std::to_string(o.id["h2"]) + "/disable").status == 200);
  CHECK(q({{"status", "disabled"}})["total"] == 1);
  CHECK(q({{"status", "enabled"}})["total"] == 9);
}

TEST_CASE("adding users is limited to the actor's scope and level", "[users][authz]") {
  Org o;
  auto add = [&](const std::string& as, json body) {
    body.merge_patch({{"name", "新用户"}, {"phone", "13712345678"}});
    return o.call(as, "POST", "/users", body);
  };
  CHECK(add("pa", {{"username", "hf2"}, {"user_type", "admin"}, {"region_code", "340100"}}).status == 200);
  CHECK(add("pa", {{"username", "sl2"}, {"user_type", "admin"}, {"region_code", "340099"}}).status == 200);
  CHECK(add("pa", {{"username", "nj2"}, {"user_type", "admin"}, {"region_code", "320100"}}).status == 403);
  CHECK(add("pa", {{"username", "ah2"}, {"user_type", "admin"}, {"region_code", "340000"}}).status == 403);
  CHECK(add("pa", {{"username", "hx"}, {"user_type", "hospital"}, {"institution_id", 2}}).status == 200);
  CHECK(add("pa", {{"username", "hy"}, {"user_type", "hospital"}, {"institution_id", 3}}).status == 403);
  CHECK(add("ca", {{"username", "hz"}, {"user_type", "hospital"}, {"institution_id", 1}}).status == 200);
  CHECK(add("ca", {{"username", "hw"}, {"user_type", "hospital"}, {"institution_id", 2}}).status == 403);
  CHECK(add("ca", {{"username", "cz"}, {"user_type", "admin"}, {"region_code", "340100"}}).status == 403);
  CHECK(add("h1", {{"username", "hq"}, {"user_type", "hospital"}, {"institution_id", 1}}).status == 403);
  // An enterprise without a region belongs to the province of the admin who registers it.
  REQUIRE(add("pa", {{"username", "e2"}, {"user_type", "enterprise"}, {"institution_id", 5}}).status == 200);
  auto e2 = o.call("pa", "GET", "/users", nullptr, {{"username", "e2"}}).body["items"][0];
  CHECK(e2["region_code"] == "340000");
  // New users must change the initial password at first login.
  CHECK(e2["must_change_password"] == true);
}

TEST_CASE("nobody grants a menu it does not hold, at add or at 授权", "[users][authz]") {
  Org o;
  auto r = o.call("pa", "POST", "/users",
                  {{"username", "x1"}, {"name", "甲"}, {"phone", "13712345678"}, {"user_type", "admin"},
                   {"region_code", "340100"}, {"menus", {"sys.users", "ivd.config"}}});
  CHECK(r.status == 403);
  CHECK(r.body["code"] == "user.menu_not_grantable");
  CHECK(r.body["field"] == "menus");

  const auto ca = std::to_string(o.id["ca"]);
  auto grant = o.call("pa", "PUT", "/users/" + ca + "/menus", {{"revision", o.revision("ca")}, {"menus", {"supply.view"}}});
  CHECK(grant.status == 403);  // supply.view is for province admins only
  grant = o.call("pa", "PUT", "/users/" + ca + "/menus", {{"revision", o.revision("ca")}, {"menus", {"ivd.review"}}});
  CHECK(grant.status == 200);
  CHECK(load_user(o.db, o.id["ca"])->menus == std::set<std::string>{"ivd.review"});

  auto g = o.call("pa", "GET", "/users/" + ca + "/grantable-menus");
  CHECK(g.body["grantable"] == json({"exports", "ivd.fill", "ivd.review", "supply.feedback", "sys.users"}));
  auto form = o.call("pa", "POST", "/users/grantable-menus", {{"user_type", "hospital"}, {"institution_id", 1}});
  CHECK(form.body["grantable"] == json({"ivd.fill", "supply.feedback"}));
}

TEST_CASE("a stale revision is refused and changes nothing", "[users]") {
  Org o;
  const auto h1 = std::to_string(o.id["h1"]);
  const int64_t rev = o.revision("h1");
  REQUIRE(o.call("ca", "PUT", "/users/" + h1, {{"revision", rev}, {"name", "一"}, {"phone", "13900000000"}}).status == 200);
  auto stale = o.call("ca", "PUT", "/users/" + h1, {{"revision", rev}, {"name", "二"}, {"phone", "13900000000"}});
  CHECK(stale.status == 409);
  CHECK(stale.body["code"] == "revision.stale");
  CHECK(load_user(o.db, o.id["h1"])->name == "一");
}

TEST_CASE("the username cannot be edited", "[users]") {
  Org o;
  const auto h1 = std::to_string(o.id["h1"]);
  auto r = o.call("ca", "PUT", "/users/" + h1,
                  {{"revision", o.revision("h1")}, {"username", "other"}, {"name", "一"}, {"phone", "13900000000"}});
  CHECK(r.status == 400);
  CHECK(r.body["code"] == "user.username_immutable");
  CHECK(load_user(o.db, o.id["h1"])->username == "h1");
}

TEST_CASE("bad input to add user gets a clear error at the field and writes nothing", "[users]") {
  Org o;
  const int64_t before = o.users();
  const json good = {{"username", "new1"}, {"name", "新"}, {"phone", "13712345678"}, {"user_type", "admin"}, {"region_code", "340100"}};
  struct Case {
    json patch;
    int status;
    std::string code, field;
  };
  const std::vector<Case> cases = {
      {{{"username", "pa"}}, 409, "user.username_taken", "username"},
      {{{"phone", "12345"}}, 400, "user.phone_invalid", "phone"},
      {{{"phone", "0551-12345678"}}, 400, "user.phone_invalid", "phone"},
      {{{"region_code", "999999"}}, 400, "user.region_unknown", "region_code"},
      {{{"region_code", "34010"}}, 400, "user.region_unknown", "region_code"},
      {{{"region_code", "3401000"}}, 400, "request.too_long", "region_code"},
      {{{"user_type", "hospital"}, {"institution_id", 999}}, 400, "user.institution_unknown", "institution_id"},
      {{{"user_type", "hospital"}, {"institution_id", 4}}, 400, "user.institution_wrong_kind", "institution_id"},
      {{{"user_type", "hospital"}}, 400, "user.institution_missing", "institution_id"},
      {{{"user_type", "robot"}}, 400, "user.bad_type", "user_type"},
      {{{"name", std::string(60 * 3, 'x')}}, 400, "request.too_long", "name"},
      {{{"name", ""}}, 400, "request.missing_field", "name"},
      {{{"username", 12}}, 400, "request.bad_field", "username"},
      {{{"username", std::string(65, 'u')}}, 400, "request.too_long", "username"},
      {{{"username", "with space"}}, 400, "user.username_invalid", "username"},
      {{{"menus", "sys.users"}}, 400, "request.bad_field", "menus"},
      {{{"menus", {1, 2}}}, 400, "request.bad_field", "menus"},
      {{{"institution_id", "1"}}, 400, "request.bad_field", "institution_id"},
  };
  for (const auto& c : cases) {
    json body = good;
    body.merge_patch(c.patch);
    auto r = o.call("pa", "POST", "/users", body);
    INFO(c.patch.dump() << " -> " << r.body.dump());
    CHECK(r.status == c.status);
    CHECK(r.body["code"] == c.code);
    CHECK(r.body["field"] == c.field);
    CHECK(!r.body["message_zh"].get<std::string>().empty());
  }
  CHECK(o.users() == before);
  auto r = o.call("pa", "POST", "/users", good);
  CHECK(r.status == 200);
  CHECK(o.users() == before + 1);
}

TEST_CASE("the institution picker offers the institutions of the actor's region; 企业 covers both kinds",
          "[users][authz]") {
  Org o;
  auto codes = [&](const std::string& as, const std::string& kind, const std::string& q = "") {
    auto r = o.call(as, "GET", "/institutions", nullptr, {{"kind", kind}, {"q", q}});
    REQUIRE(r.status == 200);
    std::set<std::string> out;
    for (const auto& i : r.body["items"]) out.insert(i["code"].get<std::string>());
    return out;
  };
  CHECK(codes("sa", "hospital") == std::set<std::string>{"H1", "H2", "H3"});
  CHECK(codes("pa", "hospital") == std::set<std::string>{"H1", "H2"});
  CHECK(codes("ca", "hospital") == std::set<std::string>{"H1"});
  CHECK(codes("pb", "hospital") == std::set<std::string>{"H3"});
  // 企业 = 生产企业 and 代理企业; an enterprise of no region is offered to every province.
  CHECK(codes("pa", "enterprise") == std::set<std::string>{"E1", "E2"});
  CHECK(codes("pb", "enterprise") == std::set<std::string>{"E2"});
  CHECK(codes("pa", "hospital", "芜湖") == std::set<std::string>{"H2"});
  CHECK(o.call("h1", "GET", "/institutions", nullptr, {{"kind", "hospital"}}).status == 403);
}

TEST_CASE("other users' ids and malformed ids are refused alike", "[users][authz]") {
  Org o;
  CHECK(o.call("ca", "GET", "/users/99999").status == 403);
  CHECK(o.call("ca", "GET", "/users/abc").status == 400);
  CHECK(o.call("ca", "POST", "/users/" + std::to_string(o.id["ca"]) + "/disable").status == 403);  // not oneself
}

TEST_CASE("disabling a user ends its sessions at once; enabling lets it log in again", "[users]") {
  Org o;
  o.api.set_session_resolver(resolve_session);
  // h1 logs in for real (the fake painter shows the captcha answer).
  auto c = issue_captcha(o.db, o.services);
  auto login_h1 = login(o.db, o.services, {"h1", "123456", c->id, c->png.substr(4)});
  REQUIRE(login_h1.ok());
  auto c2 = issue_captcha(o.db, o.services);
  auto login_ca = login(o.db, o.services, {"ca", "123456", c2->id, c2->png.substr(4)});
  REQUIRE(login_ca.ok());
  REQUIRE(o.db.exec("UPDATE users SET must_change_password = 0").ok());
  auto as = [&](const std::string& token, const std::string& method, const std::string& path) {
    return o.api.handle({method, path, "", {}, token});
  };
  REQUIRE(as(login_h1->token, "GET", "/auth/me").status == 200);
  REQUIRE(as(login_ca->token, "POST", "/users/" + std::to_string(o.id["h1"]) + "/disable").status == 200);
  CHECK(as(login_h1->token, "GET", "/auth/me").status == 401);
  REQUIRE(as(login_ca->token, "POST", "/users/" + std::to_string(o.id["h1"]) + "/enable").status == 200);
  auto c3 = issue_captcha(o.db, o.services);
  CHECK(login(o.db, o.services, {"h1", "123456", c3->id, c3->png.substr(4)}).ok());
}

TEST_CASE("a missing or bad field names it in each language's words, the field id stays raw", "[users][i18n]") {
  Org o;
  const json body = {{"username", "new2"}, {"phone", "13712345678"}, {"user_type", "admin"}, {"region_code", "340100"}};
  auto r = o.call("pa", "POST", "/users", body);
  REQUIRE(r.status == 400);
  CHECK(r.body["field"] == "name");
  CHECK(r.body["message_zh"] == "缺少必填字段“名称”");
  CHECK(r.body["message_en"] == "Missing required field \"Name\"");
  json long_name = body;
  long_name["name"] = std::string(60, 'x');
  r = o.call("pa", "POST", "/users", long_name);
  CHECK(r.body["field"] == "name");
  CHECK(r.body["message_en"].get<std::string>().find("\"Name\"") != std::string::npos);
  r = o.call("pa", "GET", "/users", nullptr, {{"page", "x"}});
  r = o.call("pa", "PUT", "/users/" + std::to_string(o.id.at("ca")), json{{"name", "x"}, {"phone", "13712345678"}});
  CHECK(r.body["field"] == "revision");
  CHECK(r.body["message_zh"] == "缺少必填字段“版本号”");
}

TEST_CASE("values never become SQL text: a region code with a quote is only a value", "[users][sql]") {
  Org o;
  // An actor whose region code carries SQL (as a corrupted or hostile value would): the scope
  // condition binds it, so the query runs and finds nobody instead of failing or widening.
  Actor a = load_actor(o.db, o.id.at("ca")).value();
  a.region_code = "340100' OR '1'='1";
  auto page = query_users(o.db, a, UserQuery{});
  REQUIRE(page.ok());
  CHECK(page->total == 0);
  Actor p = load_actor(o.db, o.id.at("pa")).value();
  p.region_code = "3'";
  auto none = query_users(o.db, p, UserQuery{});
  REQUIRE(none.ok());
  CHECK(none->total == 0);
  // filters are values too
  auto filtered = query_users(o.db, load_actor(o.db, 1).value(), UserQuery{"' OR 1=1 --", "", "", "", "", 1, 20});
  REQUIRE(filtered.ok());
  CHECK(filtered->total == 0);
}

TEST_CASE("the user wire type round-trips through core's to_json / from_json", "[users][wire]") {
  Org o;
  const UserRecord u = load_user(o.db, o.id.at("h1")).value();
  const json j = to_json(u);
  const UserRecord back = j.get<UserRecord>();
  CHECK(to_json(back) == j);
  CHECK(back.institution_id == u.institution_id);
  CHECK(back.role == Role::hospital);
  const UserRecord junk = json{{"id", "7"}, {"menus", {1}}, {"institution_id", "x"}}.get<UserRecord>();
  CHECK(junk.id == 0);
  CHECK(junk.menus.empty());
  CHECK_FALSE(junk.institution_id.has_value());
}

TEST_CASE("the regions answer says which regions the caller may filter by and assign", "[users][authz]") {
  Org o;
  auto r = o.call("pa", "GET", "/regions", nullptr, {{"parent", "340000"}});
  REQUIRE(r.status == 200);
  std::map<std::string, std::pair<bool, bool>> flags;
  for (const auto& it : r.body["items"]) flags[it["code"]] = {it["filterable"], it["assignable"]};
  CHECK(flags.at("340100") == std::pair{true, true});
  CHECK(flags.at("340099") == std::pair{true, true});
  auto c = o.call("ca", "GET", "/regions", nullptr, {{"parent", "340000"}});
  for (const auto& it : c.body["items"]) {
    INFO(it.dump());
    CHECK(it["filterable"] == (it["code"] == "340100"));
    CHECK(it["assignable"] == false);  // a city admin adds hospital users only
  }
  auto top = o.call("pa", "GET", "/regions", nullptr, {{"parent", "000000"}});
  for (const auto& it : top.body["items"]) {
    INFO(it.dump());
    CHECK(it["filterable"] == (it["code"] == "340000"));
    CHECK(it["assignable"] == false);  // nobody adds an admin of its own level
  }
}

TEST_CASE("the user form: required fields, every problem at once, and no phone demanded of a user that never had one",
          "[users][form]") {
  UserForm empty;
  const auto add = user_form_problems(empty, false, "");
  std::vector<std::string> fields;
  for (const auto& e : add) fields.push_back(e.field);
  CHECK(fields == std::vector<std::string>{"username", "name", "phone", "user_type"});
  CHECK(add[1].message_zh == "请输入姓名");

  UserForm f;
  f.username = "u1";
  f.name = std::string(60, 'x');
  f.phone = "12345";
  f.user_type = "hospital";
  fields.clear();
  for (const auto& e : user_form_problems(f, false, "")) fields.push_back(e.field + ":" + e.code);
  CHECK(fields == std::vector<std::string>{"name:user.name_too_long", "phone:user.phone_invalid",
                                           "institution_id:user.need_institution"});
  CHECK(user_field_required("institution_id", f, false, ""));
  CHECK_FALSE(user_field_required("region_code", f, false, ""));

  // Editing: the username and the type are fixed; a phone is required only if the user has one.
  UserForm e;
  e.name = "一";
  e.user_type = "hospital";
  e.institution_id = 7;
  CHECK(user_form_problems(e, true, "").empty());
  CHECK_FALSE(user_field_required("phone", e, true, ""));
  CHECK(user_field_required("phone", e, true, "13900000000"));
  REQUIRE(user_form_problems(e, true, "13900000000").size() == 1);
  CHECK(user_form_problems(e, true, "13900000000")[0].field == "phone");
  CHECK_FALSE(user_field_required("username", e, true, ""));
  CHECK(user_field_required("phone", e, false, ""));
}

TEST_CASE("editing a user created without a phone (initialisation) does not demand one", "[users][form]") {
  Org o;
  const auto h1 = std::to_string(o.id["h1"]);
  REQUIRE(o.db.exec("UPDATE users SET phone = '' WHERE id = " + h1).ok());
  auto r = o.call("ca", "PUT", "/users/" + h1, {{"revision", o.revision("h1")}, {"name", "新名字"}, {"phone", ""}});
  CHECK(r.status == 200);
  INFO(r.body.dump());
  CHECK(load_user(o.db, o.id["h1"])->name == "新名字");
  // A user with a phone keeps one: clearing it is refused.
  REQUIRE(o.call("ca", "PUT", "/users/" + h1,
                 {{"revision", o.revision("h1")}, {"name", "新名字"}, {"phone", "13900000000"}}).status == 200);
  auto cleared = o.call("ca", "PUT", "/users/" + h1, {{"revision", o.revision("h1")}, {"name", "新名字"}, {"phone", ""}});
  CHECK(cleared.status == 400);
  CHECK(cleared.body["field"] == "phone");
}
