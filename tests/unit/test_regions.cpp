// core/regions: the embedded region list (SPEC §1 Regions) and its queries.
#include <catch_amalgamated.hpp>

#include <map>
#include <set>

#include "core/accounts/permissions.hpp"
#include "core/org/regions.hpp"
#include "tests/unit/fakes.hpp"

using namespace ivd;

namespace {
int count(Db& db, const char* sql) {
  auto st = db.prepare(sql);
  REQUIRE(st.ok());
  REQUIRE(*st->step());
  return static_cast<int>(st->col_int(0));
}
}  // namespace

TEST_CASE("the embedded regions hold 31 provinces, each with cities and exactly one 省本级", "[regions]") {
  TestEnv env;
  REQUIRE(seed_regions(env.db).ok());
  auto all = all_regions(env.db);
  REQUIRE(all.ok());
  std::map<std::string, int> cities, own;
  int provinces = 0, national = 0;
  for (const auto& r : *all) {
    CHECK(r.code.size() == 6);
    CHECK(r.code.find_first_not_of("0123456789") == std::string::npos);
    CHECK_FALSE(r.name.empty());
    if (r.level == region_level::national) ++national;
    if (r.level == region_level::province) {
      ++provinces;
      CHECK(r.code.substr(2) == "0000");
      CHECK(r.parent_code == "000000");
    }
    if (r.level == region_level::city) ++cities[r.parent_code];
    if (r.level == region_level::province_level) {
      ++own[r.parent_code];
      CHECK(r.name == "省本级");
      CHECK(r.code == r.parent_code.substr(0, 2) + "0099");  // SPEC: PP0099 (no real PP0099 exists)
    }
    // permissions.cpp reasons on the code structure; the data must agree with it.
    if (r.level == region_level::city || r.level == region_level::province_level) {
      CHECK(province_of(r.code) == r.parent_code);
      CHECK(region_within(r.code, r.parent_code));
    }
  }
  CHECK(national == 1);
  CHECK(provinces == 31);
  CHECK(cities.size() == 31);
  CHECK(own.size() == 31);
  for (const auto& [p, n] : own) CHECK(n == 1);
  for (const auto& [p, n] : cities) CHECK(n >= 1);
  // No Hong Kong (81), Macau (82) or Taiwan (71).
  for (const char* code : {"810000", "820000", "710000"}) CHECK_FALSE(find_region(env.db, code)->has_value());
}

TEST_CASE("合肥 340100 is a city of 安徽 340000; municipalities keep their national city code", "[regions]") {
  TestEnv env;
  REQUIRE(seed_regions(env.db).ok());
  auto hefei = find_region(env.db, "340100");
  REQUIRE(hefei.ok());
  REQUIRE(hefei->has_value());
  CHECK((*hefei)->name == "合肥市");
  CHECK((*hefei)->level == "city");
  CHECK((*hefei)->parent_code == "340000");
  CHECK((*find_region(env.db, "340000"))->name == "安徽省");
  CHECK((*find_region(env.db, "110100"))->name == "北京市");
  CHECK((*find_region(env.db, "500100"))->name == "重庆市辖区");
  CHECK((*find_region(env.db, "500200"))->name == "重庆市辖县");
  CHECK(*region_full_name(env.db, "340100") == "安徽省 合肥市");
  CHECK(*region_full_name(env.db, "340099") == "安徽省 省本级");
  CHECK(*region_full_name(env.db, "000000") == "全国");
  CHECK(region_full_name(env.db, "999999").error().code == "region.unknown");
}

TEST_CASE("children, province and nesting follow the parent links", "[regions]") {
  TestEnv env;
  REQUIRE(seed_regions(env.db).ok());
  auto provinces = region_children(env.db, "000000");
  REQUIRE(provinces->size() == 31);
  auto anhui = region_children(env.db, "340000");
  REQUIRE(anhui.ok());
  REQUIRE(anhui->size() == 17);  // 16 cities + 省本级
  CHECK(anhui->front().code == "340100");
  CHECK(anhui->back().code == "340099");  // 省本级 listed after the cities
  CHECK(region_children(env.db, "340100")->empty());

  CHECK((*region_province(env.db, "340100"))->code == "340000");
  CHECK((*region_province(env.db, "340099"))->code == "340000");
  CHECK((*region_province(env.db, "340000"))->code == "340000");
  CHECK_FALSE(region_province(env.db, "000000")->has_value());
  CHECK_FALSE(region_province(env.db, "999999")->has_value());

  CHECK(*region_is_within(env.db, "340100", "340000"));
  CHECK(*region_is_within(env.db, "340100", "000000"));
  CHECK(*region_is_within(env.db, "340100", "340100"));
  CHECK(*region_is_within(env.db, "340099", "340000"));
  CHECK_FALSE(*region_is_within(env.db, "340100", "320000"));
  CHECK_FALSE(*region_is_within(env.db, "340000", "340100"));
  CHECK_FALSE(*region_is_within(env.db, "999999", "000000"));
}

TEST_CASE("loading regions twice changes nothing; a changed name is updated", "[regions]") {
  TestEnv env;
  auto first = load_regions(env.db, embedded_regions_csv());
  REQUIRE(first.ok());
  CHECK(first->inserted == count(env.db, "SELECT count(*) FROM regions"));
  auto second = load_regions(env.db, embedded_regions_csv());
  REQUIRE(second.ok());
  CHECK(second->inserted == 0);
  CHECK(second->updated == 0);
  CHECK(second->unchanged == first->inserted);
  auto renamed = load_regions(env.db, "code,name,level,parent_code\n340100,合肥,city,340000\n");
  REQUIRE(renamed.ok());
  CHECK(renamed->updated == 1);
  CHECK((*find_region(env.db, "340100"))->name == "合肥");
}

TEST_CASE("the national root created by the accounts initialisation is compatible", "[regions]") {
  TestEnv env;
  REQUIRE(env.db.exec("INSERT INTO regions (code, name, level, parent_code) VALUES ('000000', '全国', 'national', NULL)").ok());
  auto r = load_regions(env.db, embedded_regions_csv());
  REQUIRE(r.ok());
  CHECK(r->unchanged == 1);
}

TEST_CASE("bad region files are refused with every problem and load nothing", "[regions]") {
  TestEnv env;
  auto header = load_regions(env.db, "code,name\n000000,全国\n");
  REQUIRE_FALSE(header.ok());
  CHECK(header.error().details[0]["code"] == "region.bad_header");

  auto rows = load_regions(env.db,
                           "code,name,level,parent_code\n"
                           "000000,全国,national,\n"
                           "34000,安徽省,province,000000\n"   // 5 digits
                           "340000,,province,000000\n"        // no name
                           "340100,合肥市,town,340000\n"      // bad level
                           "340100,合肥市,city,340000\n");    // duplicate
  REQUIRE_FALSE(rows.ok());
  CHECK(rows.error().code == "region.csv_invalid");
  CHECK(rows.error().details.size() == 4);
  CHECK(count(env.db, "SELECT count(*) FROM regions") == 0);

  // A city whose parent is another city breaks the hierarchy: rolled back.
  auto tree = load_regions(env.db,
                           "code,name,level,parent_code\n000000,全国,national,\n340000,安徽省,province,000000\n"
                           "340100,合肥市,city,340000\n340200,芜湖市,city,340100\n");
  REQUIRE_FALSE(tree.ok());
  CHECK(tree.error().details[0]["line"] == 5);
  CHECK(count(env.db, "SELECT count(*) FROM regions") == 0);
}

TEST_CASE("rows may come before their parents", "[regions]") {
  TestEnv env;
  auto r = load_regions(env.db,
                        "code,name,level,parent_code\n340100,合肥市,city,340000\n340000,安徽省,province,000000\n"
                        "000000,全国,national,\n");
  REQUIRE(r.ok());
  CHECK(r->inserted == 3);
}
