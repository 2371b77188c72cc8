// core/ivd/fill_export: the 填报数据导出 CSV (UTF-8 with BOM, grouped by 注册证 with subtotals) and its file name.
#include <catch_amalgamated.hpp>

#include "core/base/csv.hpp"
#include "core/ivd/files.hpp"
#include "core/ivd/fill_export.hpp"

using namespace ivd;
using nlohmann::json;

namespace {

json sample() {
  return json{{"hospital_code", "H34010000001"},
              {"hospital_name", "合肥市第一人民医院"},
              {"project_name", "2026年度报量"},
              {"last_year_total", 1300},
              {"demand_total", 1500},
              {"certificates",
               {{{"certificate", "国械注准20163400513"},
                 {"manufacturer", "某某生物"},
                 {"category", "临床化学"},
                 {"subcategory", "肝功能"},
                 {"last_year_total", 1200},
                 {"demand_total", 1400},
                 {"lines",
                  {{{"serial", "S0001"}, {"product_name", "总胆红素"}, {"spec", "2×50ml"}, {"last_year", "1,200"},
                    {"demand", "1400"}, {"instrument", "是"}, {"change_note", "门诊量增加, 新院区开业"}},
                   {{"serial", "S0002"}, {"product_name", "白蛋白"}, {"spec", "1×100ml"}, {"last_year", ""},
                    {"demand", "abc"}, {"instrument", ""}, {"change_note", ""}}}}},
                {{"certificate", "国械注准20170000001"},
                 {"manufacturer", "另一企业"},
                 {"category", "免疫"},
                 {"subcategory", "肿瘤标志物"},
                 {"last_year_total", 100},
                 {"demand_total", 100},
                 {"lines",
                  {{{"serial", "S0100"}, {"product_name", "甲胎蛋白"}, {"spec", "96人份"}, {"last_year", "100"},
                    {"demand", "100"}, {"instrument", "否"}, {"change_note", "说\"明\""}}}}}}}};
}

}  // namespace

TEST_CASE("the export starts with a BOM and holds every line under its 注册证 with subtotals and a total", "[fill_export]") {
  const std::string csv = fill_export_csv(sample(), Lang::zh);
  REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
  auto rows = parse_csv(std::string_view(csv).substr(3));
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 3 + 2 + 1 + 1 + 1 + 1);  // hospital, project, header; 2 lines + 小计; 1 line + 小计; 合计
  CHECK((*rows)[0].fields == std::vector<std::string>{"医疗机构", "H34010000001", "合肥市第一人民医院"});
  CHECK((*rows)[2].fields[0] == "注册证");
  CHECK((*rows)[2].fields[7] == "上年度采购总数量");
  CHECK((*rows)[3].fields == std::vector<std::string>{"国械注准20163400513", "某某生物", "临床化学", "肝功能", "S0001",
                                                      "总胆红素", "2×50ml", "1,200", "1400", "是",
                                                      "门诊量增加, 新院区开业"});
  CHECK((*rows)[4].fields[8] == "abc");  // kept as typed
  CHECK((*rows)[5].fields[1] == "小计");
  CHECK((*rows)[5].fields[7] == "1200");
  CHECK((*rows)[5].fields[8] == "1400");
  CHECK((*rows)[6].fields[10] == "说\"明\"");
  CHECK((*rows)[8].fields[0] == "合计");
  CHECK((*rows)[8].fields[7] == "1300");
  CHECK((*rows)[8].fields[8] == "1500");
  CHECK(csv.find("\r\n") != std::string::npos);
}

TEST_CASE("the export headers follow the language and a malformed answer gives empty cells", "[fill_export]") {
  const std::string en = fill_export_csv(sample(), Lang::en);
  CHECK(en.find("Certificate") != std::string::npos);
  const std::string odd = fill_export_csv(json{{"certificates", "nope"}, {"hospital_name", 3}}, Lang::zh);
  auto rows = parse_csv(std::string_view(odd).substr(3));
  REQUIRE(rows.ok());
  CHECK(rows->back().fields[0] == "合计");
  CHECK(fill_export_csv(json(nullptr), Lang::zh).size() > 3);
}

TEST_CASE("the export file name is hospital_project_填报数据.csv with unsafe characters replaced", "[fill_export]") {
  CHECK(fill_export_file_name(sample(), Lang::zh) == "合肥市第一人民医院_2026年度报量_填报数据.csv");
  json a = sample();
  a["project_name"] = "2026/2027: 报量?";
  CHECK(fill_export_file_name(a, Lang::zh) == "合肥市第一人民医院_2026_2027_ 报量__填报数据.csv");
}

TEST_CASE("a file reference reads back from its wire form, tolerating missing fields", "[ivd][files]") {
  FileRef f;
  f.id = 7;
  f.sha256 = "ab";
  f.size = 40;
  f.content_type = "application/pdf";
  f.name = "承诺书.pdf";
  f.uploaded_at = 1795217137;
  FileRef back = file_ref_to_json(f).get<FileRef>();
  CHECK(back.id == 7);
  CHECK(back.name == "承诺书.pdf");
  CHECK(back.content_type == "application/pdf");
  CHECK(back.size == 40);
  CHECK(back.uploaded_at == 1795217137);
  FileRef partial = json{{"id", 3}, {"name", 5}}.get<FileRef>();
  CHECK(partial.id == 3);
  CHECK(partial.name.empty());
}
