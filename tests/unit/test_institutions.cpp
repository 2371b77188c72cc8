// core/institutions: the all-or-nothing, idempotent CSV import (SPEC §1 Institutions, IVD manual FAQ 1),
// and core/initial_users: the users initialisation creates for it.
#include <catch_amalgamated.hpp>

#include "core/accounts/initial_users.hpp"
#include "core/org/institutions.hpp"
#include "core/org/regions.hpp"
#include "core/base/text_encoding.hpp"
#include "tests/unit/fakes.hpp"

using namespace ivd;

namespace {

struct OrgEnv : TestEnv {
  OrgEnv() { REQUIRE(seed_regions(db).ok()); }
  int count(const std::string& sql) {
    auto st = db.prepare(sql);
    REQUIRE(st.ok());
    REQUIRE(*st->step());
    return static_cast<int>(st->col_int(0));
  }
  Result<ImportCounts> import(std::string_view csv) { return import_institutions(db, csv, clock.now()); }
};

constexpr const char* kHeader = "机构编码,机构名称,机构类型,所属区划,医院等级\r\n";

const std::string kGood = std::string(kHeader) +
                          "H34010000001,合肥市第一人民医院,医疗机构,340100,三级甲等\r\n"
                          "H34009900001,安徽省人民医院,医疗机构,340099,三级甲等\r\n"
                          "E440300001,深圳康源生物科技有限公司,生产企业,440300,\r\n"
                          "E310100001,上海瑞博医药有限公司,代理企业,,\r\n";

// The single problem an import reports, or fails the test.
nlohmann::json only_issue(const Result<ImportCounts>& r) {
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.error().code == "import.invalid_rows");
  REQUIRE(r.error().details.size() == 1);
  return r.error().details[0];
}

nlohmann::json one_bad_row(OrgEnv& env, const std::string& row) {
  auto r = env.import(std::string(kHeader) + "H1,好医院,医疗机构,340100,\r\n" + row + "\r\n");
  auto issue = only_issue(r);
  CHECK(issue["line"] == 3);
  CHECK(env.count("SELECT count(*) FROM institutions") == 0);  // all or nothing
  return issue;
}

}  // namespace

TEST_CASE("a good file imports hospitals and enterprises with their kinds and regions", "[institutions]") {
  OrgEnv env;
  auto r = env.import(kGood);
  REQUIRE(r.ok());
  CHECK(r->rows == 4);
  CHECK(r->inserted == 4);
  CHECK(r->updated == 0);
  CHECK(r->encoding == TextEncoding::utf8);
  auto h = find_institution(env.db, "H34010000001");
  REQUIRE(h->has_value());
  CHECK((*h)->name == "合肥市第一人民医院");
  CHECK((*h)->kind == "hospital");
  CHECK((*h)->region_code == "340100");
  CHECK((*h)->level == "三级甲等");
  CHECK((*find_institution(env.db, "H34009900001"))->region_code == "340099");  // 省本级 is allowed
  CHECK((*find_institution(env.db, "E440300001"))->kind == "manufacturer");
  auto agent = find_institution(env.db, "E310100001");
  CHECK((*agent)->kind == "agent");
  CHECK((*agent)->region_code.empty());
  CHECK(env.count("SELECT count(*) FROM events WHERE entity = 'institution' AND action = 'import'") == 4);
  CHECK(to_json(*r)["inserted"] == 4);
}

TEST_CASE("importing the same file twice leaves the same rows; changes update by code", "[institutions]") {
  OrgEnv env;
  REQUIRE(env.import(kGood).ok());
  auto again = env.import(kGood);
  REQUIRE(again.ok());
  CHECK(again->inserted == 0);
  CHECK(again->updated == 0);
  CHECK(again->unchanged == 4);
  CHECK(env.count("SELECT count(*) FROM institutions") == 4);

  auto changed = env.import(std::string(kHeader) +
                            "H34010000001,合肥市第一人民医院（本部）,医疗机构,340200,三级乙等\r\n"
                            "H34010000002,合肥市第二人民医院,医疗机构,340100,\r\n");
  REQUIRE(changed.ok());
  CHECK(changed->inserted == 1);
  CHECK(changed->updated == 1);
  CHECK(env.count("SELECT count(*) FROM institutions") == 5);
  auto h = find_institution(env.db, "H34010000001");
  CHECK((*h)->name == "合肥市第一人民医院（本部）");
  CHECK((*h)->region_code == "340200");
  CHECK((*h)->level == "三级乙等");
  CHECK(env.count("SELECT count(*) FROM events WHERE entity_id = 'H34010000001' AND from_state <> ''") == 1);
}

TEST_CASE("English headers and kinds, any column order, optional columns left out", "[institutions]") {
  OrgEnv env;
  auto r = env.import("name,code,kind,region_code\nA医院,H1,hospital,340100\nB公司,E1,Manufacturer,\nC公司,E2,agent,\n");
  REQUIRE(r.ok());
  CHECK(r->inserted == 3);
  CHECK((*find_institution(env.db, "E1"))->kind == "manufacturer");
  CHECK((*find_institution(env.db, "H1"))->name == "A医院");
}

TEST_CASE("cells are trimmed of ASCII, full-width and no-break spaces", "[institutions]") {
  OrgEnv env;
  auto r = env.import(std::string(kHeader) + " H1 ,\xE3\x80\x80合肥市第一人民医院\xC2\xA0, 医疗机构 , 340100 ,\r\n");
  REQUIRE(r.ok());
  auto h = find_institution(env.db, "H1");
  REQUIRE(h->has_value());
  CHECK((*h)->name == "合肥市第一人民医院");
}

TEST_CASE("an unknown institution type is reported at its line and column", "[institutions][import-errors]") {
  OrgEnv env;
  auto issue = one_bad_row(env, "H2,坏医院,诊所,340100,");
  CHECK(issue["column"] == "机构类型");
  CHECK(issue["code"] == "institution.bad_kind");
  CHECK(issue["message_zh"] == "机构类型“诊所”无效，应为“医疗机构”、“生产企业”或“代理企业”");
  CHECK_FALSE(issue["message_en"].get<std::string>().empty());
}

TEST_CASE("a missing name is reported", "[institutions][import-errors]") {
  OrgEnv env;
  auto issue = one_bad_row(env, "H2,,医疗机构,340100,");
  CHECK(issue["column"] == "机构名称");
  CHECK(issue["code"] == "import.required");
}

TEST_CASE("an unknown region is reported", "[institutions][import-errors]") {
  OrgEnv env;
  auto issue = one_bad_row(env, "H2,坏医院,医疗机构,349900,");
  CHECK(issue["column"] == "所属区划");
  CHECK(issue["code"] == "institution.unknown_region");
}

TEST_CASE("a hospital must belong to a city or 省本级, not a province or the nation", "[institutions][import-errors]") {
  OrgEnv env;
  auto issue = one_bad_row(env, "H2,坏医院,医疗机构,340000,");
  CHECK(issue["code"] == "institution.region_not_city");
  CHECK(issue["message_zh"].get<std::string>().find("安徽省") != std::string::npos);
  CHECK(one_bad_row(env, "H2,坏医院,医疗机构,000000,")["code"] == "institution.region_not_city");
  CHECK(one_bad_row(env, "H2,坏医院,医疗机构,,")["code"] == "institution.region_required");
  // Enterprises may name a province, or nothing.
  REQUIRE(env.import(std::string(kHeader) + "E1,某公司,生产企业,340000,\r\nE2,另一公司,代理企业,,\r\n").ok());
}

TEST_CASE("a code twice in one file is reported at the second line", "[institutions][import-errors]") {
  OrgEnv env;
  auto issue = one_bad_row(env, "H1,重复医院,医疗机构,340100,");
  CHECK(issue["column"] == "机构编码");
  CHECK(issue["code"] == "import.duplicate_code");
  CHECK(issue["message_zh"] == "编码“H1”在文件中重复（第 2 行已出现）");
}

TEST_CASE("over-long codes, names and levels are reported", "[institutions][import-errors]") {
  OrgEnv env;
  CHECK(one_bad_row(env, std::string(51, 'A') + ",医院,医疗机构,340100,")["code"] == "import.too_long");
  std::string name100, name101;
  for (int i = 0; i < 100; ++i) name100 += "医";
  name101 = name100 + "院";
  auto issue = one_bad_row(env, "H2," + name101 + ",医疗机构,340100,");
  CHECK(issue["column"] == "机构名称");
  CHECK(issue["code"] == "import.too_long");
  // 100 characters (300 bytes) is still fine; the limit counts characters.
  REQUIRE(env.import(std::string(kHeader) + "H2," + name100 + ",医疗机构,340100,\r\n" + std::string(50, 'B') +
                     ",医院,医疗机构,340100,\r\n")
              .ok());
  OrgEnv env2;
  CHECK(one_bad_row(env2, "H2,医院,医疗机构,340100,三级甲等三级甲等三级甲等三级甲等三级甲等三")["column"] == "医院等级");
}

TEST_CASE("codes with other characters than letters, digits, _ and - are reported", "[institutions][import-errors]") {
  for (const char* code : {"H 1", "H/1", "医院1", "H.1", "H'1"}) {
    OrgEnv env;
    auto issue = one_bad_row(env, std::string(code) + ",医院,医疗机构,340100,");
    CHECK(issue["code"] == "institution.bad_code");
  }
  OrgEnv ok;
  REQUIRE(ok.import(std::string(kHeader) + "h_1-A,医院,医疗机构,340100,\r\n").ok());
}

TEST_CASE("a row with the wrong number of columns is reported once", "[institutions][import-errors]") {
  OrgEnv env;
  auto issue = one_bad_row(env, "H2,医院,医疗机构,340100");
  CHECK(issue["code"] == "import.column_count");
  CHECK(issue["column"] == "");
  CHECK(issue["message_zh"] == "列数不符：表头有 5 列，本行有 4 列");
  CHECK(one_bad_row(env, "H2,医院,医疗机构,340100,,extra")["code"] == "import.column_count");
}

TEST_CASE("every bad row is reported, and nothing is written when any row is bad", "[institutions][import-errors]") {
  OrgEnv env;
  auto r = env.import(std::string(kHeader) +
                      "H1,好医院,医疗机构,340100,\r\n"
                      "H2,,医疗机构,340100,\r\n"          // line 3: name
                      "H3,好医院三,医疗机构,340100,\r\n"
                      "H4,坏医院,诊所,999999,\r\n"        // line 5: kind and region
                      "H5,好医院五,医疗机构,340100,\r\n"
                      "H1,重复,医疗机构,340100,\r\n");    // line 7: duplicate
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::bad_request);
  const auto& d = r.error().details;
  REQUIRE(d.size() == 4);
  CHECK(d[0]["line"] == 3);
  CHECK(d[1]["line"] == 5);
  CHECK(d[1]["column"] == "机构类型");
  CHECK(d[2]["line"] == 5);
  CHECK(d[2]["column"] == "所属区划");  // an unknown kind is not a hospital, but the region must still exist
  CHECK(d[3]["line"] == 7);
  CHECK(r.error().message_zh == "3 行数据有误（共 4 处），未导入任何数据");
  CHECK(env.count("SELECT count(*) FROM institutions") == 0);
  CHECK(env.count("SELECT count(*) FROM events") == 0);
}

TEST_CASE("a bad row in a re-import keeps the previous data untouched", "[institutions][import-errors]") {
  OrgEnv env;
  REQUIRE(env.import(kGood).ok());
  auto r = env.import(std::string(kHeader) + "H34010000001,改名,医疗机构,340100,\r\nNEW1,新医院,医疗机构,340000,\r\n");
  REQUIRE_FALSE(r.ok());
  CHECK((*find_institution(env.db, "H34010000001"))->name == "合肥市第一人民医院");
  CHECK_FALSE(find_institution(env.db, "NEW1")->has_value());
}

TEST_CASE("the kind of an existing institution cannot be changed by an import", "[institutions][import-errors]") {
  OrgEnv env;
  REQUIRE(env.import(kGood).ok());
  auto issue = only_issue(env.import(std::string(kHeader) + "E440300001,深圳康源生物科技有限公司,代理企业,,\r\n"));
  CHECK(issue["code"] == "institution.kind_change");
  CHECK(issue["message_zh"].get<std::string>().find("生产企业") != std::string::npos);
}

TEST_CASE("headers: unknown, duplicate and missing required columns", "[institutions][import-errors]") {
  OrgEnv env;
  auto unknown = env.import("机构编码,机构名称,机构类型,备注\nH1,医院,医疗机构,x\n");
  CHECK(only_issue(unknown)["code"] == "import.unknown_column");
  CHECK(only_issue(unknown)["line"] == 1);
  auto dup = env.import("机构编码,机构名称,机构类型,code\nH1,医院,医疗机构,H1\n");
  CHECK(only_issue(dup)["code"] == "import.duplicate_column");
  auto missing = env.import("机构编码,机构名称\nH1,医院\n");
  CHECK(only_issue(missing)["code"] == "import.missing_column");
  CHECK(only_issue(missing)["column"] == "机构类型");
}

TEST_CASE("an empty file, a header-only file and a picture are refused", "[institutions][import-errors]") {
  OrgEnv env;
  CHECK(env.import("").error().code == "file.empty");
  CHECK(env.import("\xEF\xBB\xBF\r\n").error().code == "file.empty");
  CHECK(env.import(kHeader).error().code == "import.no_rows");
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20);
  auto r = env.import(png);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "file.binary");
  CHECK(r.error().message_zh.find("CSV") != std::string::npos);
  CHECK(env.import(std::string("PK\x03\x04", 4) + "xl/workbook.xml").error().code == "file.excel_workbook");
  // Some other CSV (wrong file): its header is not ours.
  auto other = env.import("流水号,产品名称,注册证\n1,试剂,国械注准2020\n");
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().details.size() == 6);  // 3 unknown + 3 missing columns
}

TEST_CASE("a GBK file saved by Excel imports with its Chinese text intact", "[institutions][encoding]") {
  OrgEnv env;
  // Bytes of: 机构编码,机构名称,机构类型,所属区划 / H1,合肥市第一人民医院,医疗机构,340100 in GBK.
  const std::string gbk =
      "\xBB\xFA\xB9\xB9\xB1\xE0\xC2\xEB,\xBB\xFA\xB9\xB9\xC3\xFB\xB3\xC6,\xBB\xFA\xB9\xB9\xC0\xE0\xD0\xCD,"
      "\xCB\xF9\xCA\xF4\xC7\xF8\xBB\xAE\r\n"
      "H1,\xBA\xCF\xB7\xCA\xCA\xD0\xB5\xDA\xD2\xBB\xC8\xCB\xC3\xF1\xD2\xBD\xD4\xBA,\xD2\xBD\xC1\xC6\xBB\xFA\xB9\xB9,340100\r\n";
  auto r = env.import(gbk);
  REQUIRE(r.ok());
  CHECK(r->encoding == TextEncoding::gbk);
  CHECK((*find_institution(env.db, "H1"))->name == "合肥市第一人民医院");

  // A larger GBK file made with the encoder, including a quoted name with a comma.
  auto bytes = utf8_to_gbk(kGood + "H9,\"安徽医科大学第一附属医院, 高新院区\",医疗机构,340100,三级甲等\r\n");
  REQUIRE(bytes.has_value());
  auto big = env.import(*bytes);
  REQUIRE(big.ok());
  CHECK(big->inserted == 5);  // H1 was there already and is not in this file
  CHECK((*find_institution(env.db, "H9"))->name == "安徽医科大学第一附属医院, 高新院区");
  CHECK((*find_institution(env.db, "E440300001"))->name == "深圳康源生物科技有限公司");
}

TEST_CASE("a UTF-8 file with BOM imports, the BOM not being part of the first header", "[institutions][encoding]") {
  OrgEnv env;
  auto r = env.import("\xEF\xBB\xBF" + kGood);
  REQUIRE(r.ok());
  CHECK(r->encoding == TextEncoding::utf8_bom);
  CHECK(r->inserted == 4);
}

TEST_CASE("quoted fields with commas, quotes and line breaks import as written", "[institutions]") {
  OrgEnv env;
  auto r = env.import(std::string(kHeader) +
                      "\"H1\",\"合肥市第一人民医院, 东区\",医疗机构,340100,\"三级\"\"甲等\"\"\"\r\n"
                      "H2,\"两行\n名称\",医疗机构,340100,\r\n"
                      "H3,第三医院,医疗机构,340100,\r\n");
  REQUIRE(r.ok());
  CHECK((*find_institution(env.db, "H1"))->name == "合肥市第一人民医院, 东区");
  CHECK((*find_institution(env.db, "H1"))->level == "三级\"甲等\"");
  CHECK((*find_institution(env.db, "H2"))->name == "两行\n名称");

  // A broken quote is reported with its line, and nothing is written.
  auto broken = env.import(std::string(kHeader) + "H4,\"未结束,医疗机构,340100,\r\nH5,医院,医疗机构,340100,\r\n");
  auto issue = only_issue(broken);
  CHECK(issue["code"] == "csv.unterminated_quote");
  CHECK(issue["line"] == 2);
  CHECK_FALSE(find_institution(env.db, "H5")->has_value());
}

TEST_CASE("search finds institutions by code or name fragment, literally", "[institutions]") {
  OrgEnv env;
  REQUIRE(env.import(kGood).ok());
  CHECK(search_institutions(env.db, "", "合肥", 10)->size() == 1);
  CHECK(search_institutions(env.db, "hospital", "H340", 10)->size() == 2);
  CHECK(search_institutions(env.db, "manufacturer", "", 10)->size() == 1);
  CHECK(search_institutions(env.db, "", "%", 10)->empty());
  CHECK(search_institutions(env.db, "", "", 2)->size() == 2);
}

// [SECTION] initial users

TEST_CASE("one user per hospital: username = code, hospital region, forced password change", "[initial-users]") {
  OrgEnv env;
  REQUIRE(env.import(kGood).ok());
  auto r = ensure_hospital_users(env.db, env.services);
  REQUIRE(r.ok());
  CHECK(r->created == 2);
  auto st = env.db.prepare(
      "SELECT u.user_type, u.region_code, u.password_hash, u.must_change_password, i.code, u.created_at "
      "FROM users u JOIN institutions i ON i.id = u.institution_id WHERE u.username = 'H34010000001'");
  REQUIRE(*st->step());
  CHECK(st->col_text(0) == "hospital");
  CHECK(st->col_text(1) == "340100");
  CHECK(env.hasher.verify(st->col_text(2), "123456"));
  CHECK(st->col_int(3) == 1);
  CHECK(st->col_text(4) == "H34010000001");
  CHECK(st->col_int(5) == env.clock.now());
  CHECK(env.count("SELECT count(*) FROM user_menus m JOIN users u ON u.id = m.user_id WHERE u.username = "
                  "'H34010000001' AND m.menu IN ('ivd.fill', 'supply.feedback')") == 2);
  CHECK(env.count("SELECT count(*) FROM events WHERE entity = 'user' AND action = 'create'") == 2);

  auto again = ensure_hospital_users(env.db, env.services);
  REQUIRE(again.ok());
  CHECK(again->created == 0);
  CHECK(again->existing == 2);
  CHECK(env.count("SELECT count(*) FROM users") == 2);
}

TEST_CASE("a hospital moved to another city by a re-import takes its users along", "[initial-users]") {
  OrgEnv env;
  REQUIRE(env.import(kGood).ok());
  REQUIRE(ensure_hospital_users(env.db, env.services).ok());
  REQUIRE(env.import(std::string(kHeader) + "H34010000001,合肥市第一人民医院,医疗机构,340200,三级甲等\r\n").ok());
  CHECK(env.count("SELECT count(*) FROM users WHERE username = 'H34010000001' AND region_code = '340200'") == 1);
}

TEST_CASE("the initial password is hashed once per call and reused", "[initial-users]") {
  struct CountingHasher : PlainHasher {
    int calls = 0;
    std::string hash(std::string_view pw) override {
      ++calls;
      return PlainHasher::hash(pw);
    }
  };
  OrgEnv env;
  CountingHasher hasher;
  Services svc{env.clock, env.random, hasher, env.painter};
  svc.settings.initial_password = "Start2026";
  REQUIRE(env.import(kGood).ok());
  REQUIRE(ensure_hospital_users(env.db, svc).ok());
  CHECK(hasher.calls == 1);
  REQUIRE(ensure_hospital_users(env.db, svc).ok());
  CHECK(hasher.calls == 1);  // nobody to create: no hash
  CHECK(env.count("SELECT count(*) FROM users WHERE password_hash = 'plain:Start2026'") == 2);
}

TEST_CASE("one admin per province, named admin_PP, with the province admin menus", "[initial-users]") {
  OrgEnv env;
  auto r = ensure_province_admins(env.db, env.services);
  REQUIRE(r.ok());
  CHECK(r->created == 31);
  CHECK(province_admin_username("340000") == "admin_34");
  auto st = env.db.prepare("SELECT user_type, region_code, must_change_password, name FROM users WHERE username = 'admin_34'");
  REQUIRE(*st->step());
  CHECK(st->col_text(0) == "admin");
  CHECK(st->col_text(1) == "340000");
  CHECK(st->col_int(2) == 1);
  CHECK(st->col_text(3) == "安徽省医疗保障局");
  auto menus = env.db.prepare(
      "SELECT group_concat(menu, ' ') FROM (SELECT m.menu FROM user_menus m JOIN users u ON u.id = m.user_id "
      "WHERE u.username = 'admin_34' ORDER BY m.menu)");
  REQUIRE(*menus->step());
  CHECK(menus->col_text(0) == "exports ivd.review supply.feedback supply.view sys.users");
  CHECK(ensure_province_admins(env.db, env.services)->existing == 31);
  CHECK(env.count("SELECT count(*) FROM users") == 31);
}

TEST_CASE("city admins and 省本级 accounts are named city_<code>; other regions are refused", "[initial-users]") {
  OrgEnv env;
  auto r = ensure_city_admins(env.db, env.services, {"340100", "340099"});
  REQUIRE(r.ok());
  CHECK(r->created == 2);
  CHECK(env.count("SELECT count(*) FROM users WHERE username = 'city_340099' AND region_code = '340099' AND "
                  "name = '安徽省医疗保障局（省本级）'") == 1);
  CHECK(env.count("SELECT count(*) FROM user_menus m JOIN users u ON u.id = m.user_id WHERE u.username = "
                  "'city_340100' AND m.menu = 'supply.view'") == 0);
  auto bad = ensure_city_admins(env.db, env.services, {"340200", "340000"});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == "region.unknown");
  CHECK(env.count("SELECT count(*) FROM users") == 2);
}

TEST_CASE("an existing user with the same username is left alone", "[initial-users]") {
  OrgEnv env;
  REQUIRE(env.import(kGood).ok());
  REQUIRE(env.db.exec("INSERT INTO users (username, user_type, region_code, password_hash, must_change_password, "
                      "created_at, updated_at) VALUES ('H34010000001', 'admin', '340100', 'x', 0, 1, 1)")
              .ok());
  auto r = ensure_hospital_users(env.db, env.services);
  REQUIRE(r.ok());
  CHECK(r->created == 1);
  CHECK(r->existing == 1);
  CHECK(env.count("SELECT count(*) FROM users WHERE username = 'H34010000001' AND password_hash = 'x'") == 1);
}
