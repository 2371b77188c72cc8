// The super admin's files and status tones: 目录下载 and 汇总数据导出 CSV (UTF-8 with BOM, exact
// header, quoting), the CertTotal wire type, and the tone of every status the screens colour.
#include "core/base/csv.hpp"
#include "core/base/i18n.hpp"
#include "tests/unit/test_ivd_support.hpp"

using namespace ivd;
using namespace ivd::test;

namespace {
const std::string kBom = "\xEF\xBB\xBF";
}

TEST_CASE("目录下载 writes a BOM, the Chinese header and one record per row that imports back", "[ivd][catalog][csv]") {
  World w;
  auto rows = all_catalog_rows(w.db, w.project_id);
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 8);
  (*rows)[0].product_name = "试剂盒, \"新\"包装";  // a comma and quotes: quoted, quotes doubled
  const std::string csv = catalog_csv(*rows);
  REQUIRE(csv.rfind(kBom, 0) == 0);
  CHECK(csv.substr(kBom.size(), csv.find("\r\n") - kBom.size()) == "流水号,大项,小项,产品名称,规格/包装,注册证,生产企业");
  auto parsed = parse_csv(std::string_view(csv).substr(kBom.size()));
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 9);
  CHECK((*parsed)[1].fields[0] == (*rows)[0].serial);
  CHECK((*parsed)[1].fields[3] == "试剂盒, \"新\"包装");
  CHECK((*parsed)[8].fields[5] == (*rows)[7].certificate);

  // The downloaded file imports back: same rows, one changed product name, nothing else.
  auto again = import_catalog_csv(w.db, w.svc, w.super_admin, w.project_id, csv);
  REQUIRE(again.ok());
  CHECK(again->updated == 1);
  CHECK(again->unchanged == 7);
  CHECK(again->inserted == 0);
}

TEST_CASE("汇总数据导出 CSV has exactly the manual's columns, in order, with the totals", "[ivd][aggregates][csv]") {
  std::vector<CertTotalRow> rows = {
      {"340000", "安徽省", "生化", "肝功能", "甲生物", "国械注准20203400001", {1200, 1500}},
      {"110000", "北京市", "免疫", "", "乙医疗, 有限公司", "C2", {0, 30}},
  };
  const std::string csv = cert_totals_csv(rows);
  REQUIRE(csv.rfind(kBom, 0) == 0);
  auto parsed = parse_csv(std::string_view(csv).substr(kBom.size()));
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 3);
  CHECK((*parsed)[0].fields ==
        std::vector<std::string>{"省份", "大项", "小项", "生产企业", "注册证", "上年度采购总数量", "下年度采购总数量"});
  CHECK((*parsed)[1].fields ==
        std::vector<std::string>{"安徽省", "生化", "肝功能", "甲生物", "国械注准20203400001", "1200", "1500"});
  CHECK((*parsed)[2].fields == std::vector<std::string>{"北京市", "免疫", "", "乙医疗, 有限公司", "C2", "0", "30"});
  CHECK(csv.find("\r\n") != std::string::npos);
  CHECK(cert_totals_csv({}) == kBom + "省份,大项,小项,生产企业,注册证,上年度采购总数量,下年度采购总数量\r\n");
}

TEST_CASE("a CertTotal row survives to_json and from_json with the documented field names", "[ivd][wire]") {
  CertTotalRow r{"340000", "安徽省", "生化", "肝功能", "甲生物", "C1", {12, 34}};
  const nlohmann::json j = r;
  CHECK(j["last_year_total"] == 12);
  CHECK(j["demand_total"] == 34);
  CHECK(j["province_name"] == "安徽省");
  CHECK(nlohmann::json::parse(j.dump()).get<CertTotalRow>() == r);
}

TEST_CASE("every status has a tone: refused or withdrawn is bad, accepted is ok, waiting is progress",
          "[ivd][status]") {
  CHECK(status_tone("project", project_status::not_started) == StatusTone::neutral);
  CHECK(status_tone("project", project_status::running) == StatusTone::progress);
  CHECK(status_tone("project", project_status::ended) == StatusTone::ok);
  CHECK(status_tone("province", province_status::pending) == StatusTone::neutral);
  CHECK(status_tone("province", province_status::submitted) == StatusTone::ok);
  CHECK(status_tone("province", province_status::withdrawn) == StatusTone::bad);
  CHECK(status_tone("city", city_status::pending) == StatusTone::neutral);
  CHECK(status_tone("city", city_status::submitted) == StatusTone::progress);
  CHECK(status_tone("city", city_status::approved) == StatusTone::ok);
  CHECK(status_tone("city", city_status::rejected) == StatusTone::bad);
  CHECK(status_tone("sheet", sheet_status::not_filled) == StatusTone::neutral);
  CHECK(status_tone("sheet", sheet_status::draft) == StatusTone::progress);
  CHECK(status_tone("sheet", sheet_status::submitted) == StatusTone::progress);
  CHECK(status_tone("sheet", sheet_status::approved) == StatusTone::ok);
  CHECK(status_tone("sheet", sheet_status::rejected) == StatusTone::bad);
  CHECK(status_tone("sheet", sheet_status::not_required) == StatusTone::neutral);
  CHECK(status_tone("sheet", "no_such_status") == StatusTone::neutral);
  CHECK(status_tone("nation", "submitted") == StatusTone::neutral);
  // The label of each is a translation that exists.
  CHECK(status_label_id("province", "withdrawn") == "ivd.province_status.withdrawn");
  CHECK(tr(Lang::zh, status_label_id("sheet", "approved")) == "审核通过");
}

TEST_CASE("撤回 is offered for a submitted province only", "[ivd][review]") {
  CHECK(province_allows("withdraw", province_status::submitted));
  CHECK_FALSE(province_allows("withdraw", province_status::pending));
  CHECK_FALSE(province_allows("withdraw", province_status::withdrawn));
  CHECK(province_allows("submit", province_status::pending));
  CHECK(province_allows("submit", province_status::withdrawn));
  CHECK_FALSE(province_allows("submit", province_status::submitted));
}
