// Who manages whom and which menus may be granted (SPEC §1).
#include <catch_amalgamated.hpp>

#include "core/accounts/permissions.hpp"

using namespace ivd;

namespace {
Actor admin(Role role, std::string region, std::set<std::string> menus) {
  Actor a;
  a.role = role;
  a.user_type = "admin";
  a.region_code = std::move(region);
  a.menus = std::move(menus);
  return a;
}
const std::set<std::string> kAll = {"sys.users", "ivd.config", "ivd.review", "ivd.national",
                                    "ivd.fill",  "supply.feedback", "supply.view", "exports"};
UserTarget target(Role role, std::string region) {
  return {role == Role::hospital ? "hospital" : role == Role::enterprise ? "enterprise" : "admin", std::move(region), role};
}
}  // namespace

TEST_CASE("region codes nest nation, province, city and 省本级", "[permissions]") {
  CHECK(province_of("340100") == "340000");
  CHECK(province_of("340099") == "340000");
  CHECK(region_within("340100", "340000"));
  CHECK(region_within("340099", "340000"));
  CHECK(region_within("340000", "340000"));
  CHECK(region_within("110100", "000000"));
  CHECK_FALSE(region_within("320100", "340000"));
  CHECK_FALSE(region_within("340200", "340100"));  // a city does not contain its sibling
  CHECK_FALSE(region_within("340000", "340100"));  // nor its province
  CHECK_FALSE(region_within("", "340000"));
}

TEST_CASE("roles derive from user type and region level", "[permissions]") {
  CHECK(role_for("admin", "national") == Role::super_admin);
  CHECK(role_for("admin", "province") == Role::province_admin);
  CHECK(role_for("admin", "city") == Role::city_admin);
  CHECK(role_for("admin", "province_level") == Role::city_admin);
  CHECK(role_for("hospital", "city") == Role::hospital);
  CHECK(role_for("enterprise", "") == Role::enterprise);
}

TEST_CASE("the super admin manages everyone", "[permissions]") {
  auto sa = admin(Role::super_admin, "000000", kAll);
  CHECK(can_manage(sa, target(Role::province_admin, "340000")));
  CHECK(can_manage(sa, target(Role::city_admin, "320100")));
  CHECK(can_manage(sa, target(Role::hospital, "110100")));
  CHECK(can_manage(sa, target(Role::enterprise, "")));
}

TEST_CASE("a province admin manages only the lower levels of its own province", "[permissions]") {
  auto pa = admin(Role::province_admin, "340000", {"sys.users", "ivd.review", "ivd.fill", "supply.feedback", "supply.view"});
  CHECK(can_manage(pa, target(Role::city_admin, "340100")));
  CHECK(can_manage(pa, target(Role::city_admin, "340099")));  // the 省本级 account
  CHECK(can_manage(pa, target(Role::hospital, "340200")));
  CHECK(can_manage(pa, target(Role::enterprise, "340100")));
  CHECK_FALSE(can_manage(pa, target(Role::city_admin, "320100")));     // other province
  CHECK_FALSE(can_manage(pa, target(Role::hospital, "320100")));
  CHECK_FALSE(can_manage(pa, target(Role::province_admin, "340000"))); // same level
  CHECK_FALSE(can_manage(pa, target(Role::super_admin, "000000")));    // above
  CHECK_FALSE(can_manage(pa, target(Role::enterprise, "")));           // enterprise of no region
}

TEST_CASE("a city admin manages hospital users of its city only, and only with 用户管理", "[permissions]") {
  auto ca = admin(Role::city_admin, "340100", {"sys.users", "ivd.review"});
  CHECK(can_manage(ca, target(Role::hospital, "340100")));
  CHECK_FALSE(can_manage(ca, target(Role::hospital, "340200")));
  CHECK_FALSE(can_manage(ca, target(Role::city_admin, "340100")));
  CHECK_FALSE(can_manage(ca, target(Role::enterprise, "340100")));
  ca.menus.erase("sys.users");
  CHECK_FALSE(can_manage(ca, target(Role::hospital, "340100")));
}

TEST_CASE("hospital and enterprise users manage nobody", "[permissions]") {
  Actor h;
  h.role = Role::hospital;
  h.region_code = "340100";
  h.menus = kAll;
  CHECK_FALSE(can_manage(h, target(Role::hospital, "340100")));
  h.role = Role::enterprise;
  CHECK_FALSE(can_manage(h, target(Role::enterprise, "340100")));
}

TEST_CASE("nobody grants a menu it does not hold", "[permissions]") {
  auto pa = admin(Role::province_admin, "340000", {"sys.users", "ivd.review"});
  auto g = grantable_menus(pa, target(Role::city_admin, "340100"));
  CHECK(g == std::set<std::string>{"sys.users", "ivd.review"});
  // A city admin may hold the hospital menus, to grant them to its hospitals.
  auto pa_full = admin(Role::province_admin, "340000", kAll);
  CHECK(grantable_menus(pa_full, target(Role::city_admin, "340100")) ==
        std::set<std::string>{"sys.users", "ivd.review", "ivd.fill", "supply.feedback", "exports"});
  // supply.view is for province admins only, even when the granter holds it.
  auto sa = admin(Role::super_admin, "000000", kAll);
  CHECK(grantable_menus(sa, target(Role::city_admin, "340100")).count("supply.view") == 0);
  CHECK(grantable_menus(sa, target(Role::province_admin, "340000")).count("supply.view") == 1);
  CHECK(grantable_menus(sa, target(Role::hospital, "340100")) == std::set<std::string>{"ivd.fill", "supply.feedback"});
  // Outside its scope there is nothing to grant.
  CHECK(grantable_menus(pa, target(Role::city_admin, "320100")).empty());
}

TEST_CASE("the left menu shows only held menus the role can use", "[permissions]") {
  auto pa = admin(Role::province_admin, "340000", {"sys.users", "ivd.review", "ivd.fill", "supply.view"});
  CHECK(visible_menus(pa) == std::set<std::string>{"sys.users", "ivd.review", "supply.view"});
  auto sa = admin(Role::super_admin, "000000", kAll);
  CHECK(visible_menus(sa) == std::set<std::string>{"sys.users", "ivd.config", "ivd.national", "supply.feedback", "exports"});
  // 省本级 hospitals' supply feedback goes to the province admin: the 省本级 account has no supply menu.
  auto sbj = admin(Role::city_admin, "340099", {"ivd.review", "supply.feedback"});
  CHECK(visible_menus(sbj) == std::set<std::string>{"ivd.review"});
  auto city = admin(Role::city_admin, "340100", {"ivd.review", "supply.feedback"});
  CHECK(visible_menus(city) == std::set<std::string>{"ivd.review", "supply.feedback"});
}
