// 目录 (SPEC §2.1 Catalog): CSV import (all-or-nothing, idempotent by 流水号, line/column errors) and query.
#include "core/base/text_encoding.hpp"
#include "tests/unit/test_ivd_support.hpp"

using namespace ivd;
using namespace ivd::test;

namespace {
CatalogFilter by(std::string CatalogFilter::*field, const std::string& value) {
  CatalogFilter f;
  f.*field = value;
  return f;
}
const char* kHeader = "流水号,大项,小项,产品名称,规格/包装,注册证,生产企业\n";
}

TEST_CASE("a catalog import is idempotent by 流水号: same file again changes nothing", "[ivd][catalog]") {
  World w;
  auto again = import_catalog_csv(w.db, w.svc, w.super_admin, w.project_id, kCatalogCsv);
  REQUIRE(again.ok());
  CHECK(again->inserted == 0);
  CHECK(again->updated == 0);
  CHECK(again->unchanged == 8);
  CHECK(*catalog_size(w.db, w.project_id) == 8);

  const std::string changed = std::string(kHeader) +
                              "S001,生化,肝功能,丙氨酸氨基转移酶测定试剂盒（新包装）,2×100ml,C1,甲生物\n"
                              "S009,生化,肾功能,肌酐测定试剂盒,2×50ml,C5,戊科技\n";
  auto r = import_catalog_csv(w.db, w.svc, w.super_admin, w.project_id, changed);
  REQUIRE(r.ok());
  CHECK(r->inserted == 1);
  CHECK(r->updated == 1);
  CHECK(*catalog_size(w.db, w.project_id) == 9);
  auto rows = query_catalog(w.db, w.project_id, by(&CatalogFilter::serial, "S001"), Page{});
  REQUIRE(rows->items.size() == 1);
  CHECK(rows->items[0].spec == "2×100ml");
  CHECK(w.count("SELECT count(*) FROM events WHERE action = 'catalog_import'") == 3);
}

TEST_CASE("a catalog file with bad rows imports nothing and reports every bad cell with line and column",
          "[ivd][catalog]") {
  World w;
  const std::string csv = std::string(kHeader) +
                          "N001,生化,肝功能,产品甲,1盒,CX,甲生物\n"    // line 2: fine
                          ",生化,肝功能,产品乙,1盒,CX,甲生物\n"         // line 3: 流水号 empty
                          "N003,,肝功能,产品丙,1盒,,甲生物\n"           // line 4: 大项 and 注册证 empty
                          "N001,生化,肝功能,产品丁,1盒,CX,甲生物\n"    // line 5: duplicate of line 2
                          "N 5,生化,肝功能,产品戊,1盒,CX,甲生物\n"      // line 6: space in 流水号
                          "N006,生化,肝功能,产品己\n";                  // line 7: too few fields
  auto r = import_catalog_csv(w.db, w.svc, w.super_admin, w.project_id, csv);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "ivd.catalog.import_invalid");
  CHECK(r.error().kind == ErrorKind::bad_request);
  const auto& errors = r.error().details;
  REQUIRE(errors.is_array());
  std::vector<std::tuple<int, std::string, std::string>> got;
  for (const auto& e : errors) got.emplace_back(e["line"], e["column"], e["code"]);
  std::vector<std::tuple<int, std::string, std::string>> want = {
      {3, "流水号", "ivd.catalog.required"},
      {4, "大项", "ivd.catalog.required"},
      {4, "注册证", "ivd.catalog.required"},
      {5, "流水号", "ivd.catalog.duplicate_serial"},
      {6, "流水号", "ivd.catalog.serial_invalid"},
      {7, "", "ivd.catalog.field_count"}};
  CHECK(got == want);
  CHECK(errors[0]["message_zh"] == "第 3 行“流水号”：不能为空");
  CHECK(errors[3]["message_zh"] == "第 5 行“流水号”：流水号“N001”与第 2 行重复");
  CHECK(*catalog_size(w.db, w.project_id) == 8);  // N001 was not imported either
}

TEST_CASE("a catalog header without a required column is refused", "[ivd][catalog]") {
  World w;
  auto r = import_catalog_csv(w.db, w.svc, w.super_admin, w.project_id, "流水号,大项,产品名称,注册证\nA,b,c,d\n");
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.error().details.size() == 3);
  CHECK(r.error().details[0]["column"] == "小项");
  CHECK(r.error().details[1]["column"] == "规格/包装");
  CHECK(r.error().details[2]["column"] == "生产企业");
  CHECK(r.error().details[0]["line"] == 1);
  // Each message names the column in its own language.
  CHECK(r.error().details[2]["message_zh"] == "第 1 行（表头）：缺少列“生产企业”");
  CHECK(r.error().details[2]["message_en"] == "Line 1 (header): column \"Manufacturer\" is missing");
}

TEST_CASE("a catalog saved by Excel as GBK with English headers in another order imports", "[ivd][catalog]") {
  World w;
  const std::string utf8 =
      "manufacturer,certificate,serial,category,subcategory,product_name,spec\r\n"
      "\"甲生物, 有限公司\",C9,G001,生化,肝功能,白蛋白测定试剂盒,2×50ml\r\n";
  auto gbk = utf8_to_gbk(utf8);
  REQUIRE(gbk.has_value());
  auto r = import_catalog_csv(w.db, w.svc, w.super_admin, w.project_id, *gbk);
  REQUIRE(r.ok());
  auto row = query_catalog(w.db, w.project_id, by(&CatalogFilter::serial, "G001"), Page{});
  REQUIRE(row->items.size() == 1);
  CHECK(row->items[0].manufacturer == "甲生物, 有限公司");
  CHECK(row->items[0].certificate == "C9");
}

TEST_CASE("a 注册证 change of a 流水号 hospitals already filled is refused at that cell", "[ivd][catalog]") {
  World w;
  SheetPatch p = w.valid_lines(w.sheet(w.h1).revision);
  REQUIRE(save_draft(w.db, w.svc, w.hosp1, w.project_id, p).ok());
  const std::string csv = std::string(kHeader) +
                          "S001,生化,肝功能,丙氨酸氨基转移酶测定试剂盒,2×50ml,C9,甲生物\n"   // filled: locked
                          "S002,生化,肝功能,天门冬氨酸氨基转移酶测定试剂盒,2×50ml,C9,甲生物\n";  // unfilled: fine
  auto r = import_catalog_csv(w.db, w.svc, w.super_admin, w.project_id, csv);
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.error().details.size() == 1);
  CHECK(r.error().details[0]["line"] == 2);
  CHECK(r.error().details[0]["column"] == "注册证");
  CHECK(r.error().details[0]["code"] == "ivd.catalog.cert_locked");
  CHECK(*catalog_cert_of(w.db, w.project_id, "S002") == std::optional<std::string>("C1"));  // nothing changed
}

TEST_CASE("only the super admin imports a catalog; empty and binary files are refused", "[ivd][catalog]") {
  World w;
  CHECK(import_catalog_csv(w.db, w.svc, w.prov_ah, w.project_id, kCatalogCsv).error().code == "ivd.role.forbidden");
  CHECK(import_catalog_csv(w.db, w.svc, w.super_admin, w.project_id, "").error().code == "file.empty");
  CHECK(import_catalog_csv(w.db, w.svc, w.super_admin, w.project_id, pdf_bytes()).error().code == "file.binary");
  CHECK(import_catalog_csv(w.db, w.svc, w.super_admin, w.project_id, kHeader).error().code == "ivd.catalog.no_rows");
  CHECK(import_catalog_csv(w.db, w.svc, w.super_admin, 999, kCatalogCsv).error().code == "ivd.project.not_found");
}

TEST_CASE("the catalog is queried by any column with paging", "[ivd][catalog]") {
  World w;
  CHECK(query_catalog(w.db, w.project_id, by(&CatalogFilter::category, "免疫"), Page{})->total == 2);
  CHECK(query_catalog(w.db, w.project_id, by(&CatalogFilter::subcategory, "凝血"), Page{})->total == 2);
  CHECK(query_catalog(w.db, w.project_id, by(&CatalogFilter::product_name, "胆红素"), Page{})->total == 1);
  CHECK(query_catalog(w.db, w.project_id, by(&CatalogFilter::spec, "人份"), Page{})->total == 3);
  CHECK(query_catalog(w.db, w.project_id, by(&CatalogFilter::certificate, "C1"), Page{})->total == 3);
  CHECK(query_catalog(w.db, w.project_id, by(&CatalogFilter::manufacturer, "丙基因"), Page{})->total == 1);
  CHECK(query_catalog(w.db, w.project_id, by(&CatalogFilter::any, "乙诊断"), Page{})->total == 2);
  CHECK(query_catalog(w.db, w.project_id, by(&CatalogFilter::any, "%"), Page{})->total == 0);  // LIKE characters are literal
  auto page2 = query_catalog(w.db, w.project_id, {}, Page{2, 3});
  REQUIRE(page2.ok());
  CHECK(page2->total == 8);
  REQUIRE(page2->items.size() == 3);
  CHECK(page2->items[0].serial == "S004");
  auto all = all_catalog_rows(w.db, w.project_id);
  REQUIRE(all->size() == 8);
  CHECK(all->back().serial == "S008");
}
