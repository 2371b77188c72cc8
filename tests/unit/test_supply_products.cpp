// 国家中选项目: the CSV import (all or nothing, line and column, idempotent, encodings, enterprise
// matching), 备供 batches, queries.
#include "core/base/text_encoding.hpp"
#include "tests/unit/test_supply_support.hpp"

using namespace ivd;
using namespace ivd::supply_test;
using nlohmann::json;

namespace {
json issues_of(const Error& e) { return e.details.value("issues", json::array()); }
}  // namespace

TEST_CASE("备供 batches: the manual's list and any batch ending in 备供", "[supply][products]") {
  for (auto b : kBackupBatches) CHECK(is_backup_batch(b));
  CHECK(is_backup_batch("长三角（第二期国采接续）备供"));  // full-width brackets
  CHECK(is_backup_batch(" 国采第十一批备供 "));
  CHECK(is_backup_batch("某省联盟备供"));
  CHECK_FALSE(is_backup_batch("国采第七批"));
  CHECK_FALSE(is_backup_batch("备供药品第一批"));
  CHECK_FALSE(is_backup_batch(""));
}

TEST_CASE("enterprise names match after trimming, width folding and without spaces", "[supply][products]") {
  CHECK(enterprise_match_key(" 甲药业（上海）股份有限公司 ") == enterprise_match_key("甲药业(上海)股份有限公司"));
  CHECK(enterprise_match_key("Ｐｆｉｚｅｒ 制药") == enterprise_match_key("Pfizer制药"));
  CHECK(enterprise_match_key("甲药业") != enterprise_match_key("甲药业股份"));
}

TEST_CASE("the product import inserts, then is idempotent by 流水号 and updates changed rows", "[supply][products]") {
  SupplyWorld w(false);
  auto first = import_products_csv(w.db, kProductsCsv, w.now());
  REQUIRE(first.ok());
  CHECK(*first == ProductImportCounts{6, 0, 0});
  auto again = import_products_csv(w.db, kProductsCsv, w.now());
  REQUIRE(again.ok());
  CHECK(*again == ProductImportCounts{0, 0, 6});
  // The spec of P001 changes, P007 is new; products missing from the file stay.
  const std::string next =
      "流水号,通用名,剂型,规格,生产企业,申报企业,批次\n"
      "P001,阿托伐他汀钙片,片剂,40mg,甲药业股份有限公司,甲药业股份有限公司,国采第七批\n"
      "P007,氯雷他定片,片剂,10mg,EB,EC,国采第十批备供\n";
  auto third = import_products_csv(w.db, next, w.now());
  REQUIRE(third.ok());
  CHECK(*third == ProductImportCounts{1, 1, 0});
  auto p1 = find_product(w.db, "P001");
  REQUIRE(p1.ok());
  REQUIRE(p1->has_value());
  CHECK((*p1)->spec == "40mg");
  CHECK((*p1)->product_name == "阿托伐他汀钙片 片剂 40mg");
  auto p7 = find_product(w.db, "P007");
  REQUIRE(p7->has_value());
  // Matched by 机构编码, shown with the institution's name; 备供 from its batch.
  CHECK((*p7)->manufacturer_id == w.eb);
  CHECK((*p7)->applicant == "丙医药有限公司");
  CHECK((*p7)->backup);
  CHECK(w.count("SELECT count(*) FROM supply_products") == 7);
  // Each import is recorded.
  CHECK(w.count("SELECT count(*) FROM events WHERE entity = 'supply_products' AND action = 'import'") == 3);
}

TEST_CASE("the product import reads UTF-8 with a BOM and GBK, with columns in any order", "[supply][products]") {
  SupplyWorld w(false);
  const std::string csv =
      "批次,流水号,通用名,生产企业,申报企业,剂型,规格\r\n"
      "国采第八批,Q001,蒙脱石散,乙制药有限公司,丙医药有限公司,散剂,3g\r\n";
  auto bom = import_products_csv(w.db, "\xEF\xBB\xBF" + csv, w.now());
  REQUIRE(bom.ok());
  CHECK(bom->inserted == 1);
  auto gbk = utf8_to_gbk(std::string(csv).replace(csv.find("Q001"), 4, "Q002"));
  REQUIRE(gbk.has_value());
  auto g = import_products_csv(w.db, *gbk, w.now());
  if (!g) FAIL(g.error().code << issues_of(g.error()).dump());
  CHECK(g->inserted == 1);
  auto q2 = find_product(w.db, "Q002");
  REQUIRE(q2->has_value());
  CHECK((*q2)->generic_name == "蒙脱石散");
  CHECK((*q2)->applicant_id == w.ec);
}

TEST_CASE("a bad product file is refused whole, with every problem at its line and column", "[supply][products]") {
  SupplyWorld w(false);
  const std::string csv =
      "流水号,通用名,剂型,规格,生产企业,申报企业,批次\n"
      "R001,阿托伐他汀钙片,片剂,20mg,甲药业股份有限公司,甲药业股份有限公司,国采第七批\n"  // good
      "R002,,片剂,20mg,甲药业股份有限公司,甲药业股份有限公司,国采第七批\n"                  // 3: no 通用名
      "R003,氨氯地平片,片剂,5mg,不存在制药厂,甲药业股份有限公司,国采第七批\n"              // 4: unknown enterprise
      "R001,氨氯地平片,片剂,5mg,甲药业股份有限公司,乙制药有限公司,国采第七批\n"            // 5: duplicate 流水号
      "R005,氨氯地平片,片剂,5mg,甲药业股份有限公司,乙制药有限公司\n"                        // 6: field count
      "R 6,氨氯地平片,片剂,5mg,甲药业股份有限公司,未知代理,\n";                             // 7: serial, 申报企业, 批次
  auto r = import_products_csv(w.db, csv, w.now());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "supply.import.invalid");
  CHECK(http_status(r.error().kind) == 422);
  const json issues = issues_of(r.error());
  auto has = [&](int line, const std::string& column, const std::string& code) {
    for (const auto& i : issues)
      if (i["line"] == line && i["column"] == column && i["code"] == code) return true;
    return false;
  };
  CHECK(has(3, "通用名", "supply.import.required"));
  CHECK(has(4, "生产企业", "supply.import.unknown_enterprise"));
  CHECK(has(5, "流水号", "supply.import.duplicate_serial"));
  CHECK(has(6, "", "supply.import.field_count"));
  CHECK(has(7, "流水号", "supply.import.serial_invalid"));
  CHECK(has(7, "申报企业", "supply.import.unknown_enterprise"));
  CHECK(has(7, "批次", "supply.import.required"));
  CHECK(issues.size() == 7);
  for (const auto& i : issues) {
    CHECK_FALSE(i["message_zh"].get<std::string>().empty());
    CHECK(i["message_zh"].get<std::string>().find("{") == std::string::npos);
  }
  CHECK(issues[1]["message_zh"] == "第 4 行“生产企业”：企业“不存在制药厂”不在企业名单中，请先导入该企业");
  // Nothing written, not even the good row.
  CHECK(w.count("SELECT count(*) FROM supply_products") == 0);
  CHECK(w.count("SELECT count(*) FROM events") == 0);
}

TEST_CASE("a missing column, two enterprises of one name, and files that are not CSV are refused", "[supply][products]") {
  SupplyWorld w(false);
  auto missing = import_products_csv(w.db, "流水号,通用名,剂型,规格,生产企业,批次\nX,Y,Z,1,EA,B\n", w.now());
  REQUIRE_FALSE(missing.ok());
  CHECK(issues_of(missing.error())[0]["code"] == "supply.import.missing_column");
  CHECK(issues_of(missing.error())[0]["column"] == "申报企业");
  w.institution("EA2", "甲药业股份有限公司 ", "agent", "");
  auto ambiguous = import_products_csv(
      w.db, "流水号,通用名,剂型,规格,生产企业,申报企业,批次\nX1,阿莫西林胶囊,胶囊剂,0.25g,甲药业股份有限公司,EB,国采第一批\n",
      w.now());
  REQUIRE_FALSE(ambiguous.ok());
  CHECK(issues_of(ambiguous.error())[0]["code"] == "supply.import.ambiguous_enterprise");
  CHECK(import_products_csv(w.db, "", w.now()).error().code == "file.empty");
  CHECK(import_products_csv(w.db, "流水号,通用名,剂型,规格,生产企业,申报企业,批次\n", w.now()).error().code ==
        "supply.import.no_rows");
  CHECK(import_products_csv(w.db, std::string("%PDF-1.4\x01\x02", 10), w.now()).error().code == "file.binary");
  CHECK(w.count("SELECT count(*) FROM supply_products") == 0);
}

TEST_CASE("only the super admin imports products", "[supply][products]") {
  SupplyWorld w(false);
  for (const Actor* a : {&w.prov_ah, &w.city_hf, &w.hosp1, &w.ent_a}) {
    auto r = import_products(w.db, w.svc, *a, kProductsCsv);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "supply.role.forbidden");
  }
  CHECK(w.count("SELECT count(*) FROM supply_products") == 0);
  auto ok = import_products(w.db, w.svc, w.super_admin, kProductsCsv);
  REQUIRE(ok.ok());
  CHECK(ok->inserted == 6);
}

TEST_CASE("product queries filter by 流水号, name, enterprise, batch and hide 备供 when asked", "[supply][products]") {
  SupplyWorld w;
  auto all = query_products(w.db, {}, Page{1, 20});
  REQUIRE(all.ok());
  CHECK(all->total == 6);
  CHECK(all->items[0].serial == "P001");
  auto selectable = query_products(w.db, ProductFilter{"", "", "", "", true}, Page{1, 20});
  CHECK(selectable->total == 4);
  for (const auto& p : selectable->items) CHECK_FALSE(p.backup);
  CHECK(query_products(w.db, ProductFilter{"", "他汀", "", "", false}, Page{1, 20})->total == 2);
  CHECK(query_products(w.db, ProductFilter{"", "片剂 20mg", "", "", false}, Page{1, 20})->total == 1);
  CHECK(query_products(w.db, ProductFilter{"", "", "乙制药", "", false}, Page{1, 20})->total == 3);
  CHECK(query_products(w.db, ProductFilter{"", "", "", "备供", false}, Page{1, 20})->total == 2);
  CHECK(query_products(w.db, ProductFilter{"P00", "", "", "", false}, Page{2, 4})->items.size() == 2);
}

TEST_CASE("a feedback cannot name an unknown or a 备供 product", "[supply][products]") {
  SupplyWorld w;
  CHECK(selectable_product(w.db, "P001").ok());
  auto unknown = selectable_product(w.db, "NOPE");
  CHECK(unknown.error().code == "supply.product.unknown");
  CHECK(unknown.error().field == "serial");
  auto backup = selectable_product(w.db, "P003");
  CHECK(backup.error().code == "supply.product.backup");
  CHECK(http_status(backup.error().kind) == 422);
  CHECK(backup.error().message_zh == "流水号“P003”属于备供批次（国采第七批备供），不能选择");
}
