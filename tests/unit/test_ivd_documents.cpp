// The content of the generated documents, decided in core (core/ivd/ivd_documents, core/supply/
// supply_documents, core/files/table_document); the server only renders these models.
#include <catch_amalgamated.hpp>

#include "core/files/table_document.hpp"
#include "core/ivd/ivd_documents.hpp"
#include "core/supply/supply_documents.hpp"

namespace ivd {
namespace {

using nlohmann::json;

json sample_answer() {
  return json{{"hospital_code", "H11010000001"},
              {"hospital_name", "北京市第一人民医院"},
              {"project_name", "2027年度报量"},
              {"last_year_total", 1300},
              {"demand_total", 1500},
              {"certificates",
               {{{"certificate", "国械注准20193400001"},
                 {"manufacturer", "北京某某生物有限公司"},
                 {"category", "临床化学"},
                 {"subcategory", "肝功能"},
                 {"last_year_total", 1300},
                 {"demand_total", 1500},
                 {"lines",
                  {{{"serial", "100001"}, {"product_name", "丙氨酸氨基转移酶测定试剂盒"}, {"spec", "2×50ml"},
                    {"last_year", "1,000"}, {"demand", "１２００"}, {"instrument", "是"}, {"change_note", ""}},
                   {{"serial", "100002"}, {"product_name", "天门冬氨酸氨基转移酶测定试剂盒"}, {"spec", "4×20ml"},
                    {"last_year", "300"}, {"demand", "300"}, {"instrument", "是"}, {"change_note", ""}}}}}}}};
}

TEST_CASE("填报数据导出 groups the lines by 注册证 with a 小计, a 合计 and the director's signature block", "[documents]") {
  const NamedDocument nd = fill_document(sample_answer(), "2027-03-01", Lang::zh);
  const TableDocument& d = nd.doc;
  CHECK(d.title == "体外诊断试剂报量填报数据");
  CHECK(nd.file_stem == "北京市第一人民医院_2027年度报量_填报数据");
  REQUIRE(d.heading.size() == 5);
  CHECK(d.heading[0].value == "北京市第一人民医院（H11010000001）");
  CHECK(d.heading[1].value == "2027年度报量");
  CHECK(d.heading[2].value == "1300");
  CHECK(d.heading[3].value == "1500");
  CHECK(d.heading[4].value == "2027-03-01");
  REQUIRE(d.rows.size() == 5);  // group, 2 lines, 小计, 合计
  CHECK(d.rows[0].kind == RowKind::group);
  CHECK(d.rows[0].cells[0].find("国械注准20193400001") != std::string::npos);
  CHECK(d.rows[0].cells[0].find("北京某某生物有限公司") != std::string::npos);
  CHECK(d.rows[1].kind == RowKind::line);
  CHECK(d.rows[1].cells[3] == "1000");  // typed "1,000" in its normal form
  CHECK(d.rows[1].cells[4] == "1200");  // full-width digits too
  CHECK(d.rows[3].kind == RowKind::subtotal);
  CHECK(d.rows[3].cells[0] == "小计");
  CHECK(d.rows[3].cells[3] == "1300");
  CHECK(d.rows[4].kind == RowKind::total);
  CHECK(d.rows[4].cells[4] == "1500");
  for (const auto& r : d.rows)
    if (r.kind != RowKind::group) CHECK(r.cells.size() == d.columns.size());
  CHECK(d.columns[3].kind == CellKind::integer);
  CHECK(d.stamp == std::vector<std::string>{"院长签字：", "单位盖章：", "日期："});
  CHECK(page_footer(d.page_label, 2, 7) == "第 2 页 / 共 7 页");
  // English labels come from the same table of texts.
  CHECK(fill_document(sample_answer(), "2027-03-01", Lang::en).doc.stamp[0] == "Director's signature:");
}

TEST_CASE("a malformed answer gives an empty document, never an exception", "[documents]") {
  const NamedDocument nd = fill_document(json::array({1, 2}), "2027-03-01", Lang::zh);
  REQUIRE(nd.doc.rows.size() == 1);
  CHECK(nd.doc.rows[0].kind == RowKind::total);
}

TEST_CASE("province 汇总数据导出: one row per 注册证, totals in the heading and the 合计, the stamp block", "[documents]") {
  ProvinceSummaryInput in{"2027年度报量", "安徽省", 93, {}};
  in.rows.push_back({"340000", "安徽省", "临床化学", "肝功能", "甲公司", "国械注准1", {100, 120}});
  in.rows.push_back({"340000", "安徽省", "免疫", "", "乙公司", "国械注准2", {5, 0}});
  const NamedDocument nd = province_summary_document(in, "2027-03-01", Lang::zh);
  CHECK(nd.file_stem == "安徽省_2027年度报量_汇总数据");
  CHECK(nd.doc.heading[2].value == "93");
  CHECK(nd.doc.heading[4].value == "105");
  CHECK(nd.doc.heading[5].value == "120");
  REQUIRE(nd.doc.rows.size() == 3);
  CHECK(nd.doc.rows[1].cells == std::vector<std::string>{"2", "免疫", "", "乙公司", "国械注准2", "5", "0"});
  CHECK(nd.doc.rows[2].kind == RowKind::total);
  CHECK(nd.doc.rows[2].cells[5] == "105");
  CHECK(std::find(nd.doc.stamp.begin(), nd.doc.stamp.end(), "单位盖章：") != nd.doc.stamp.end());
}

TEST_CASE("national 汇总数据导出 has exactly the columns of SPEC §2.5", "[documents]") {
  std::vector<CertTotalRow> rows{{"110000", "北京市", "临床化学", "肝功能", "甲公司", "国械注准1", {7, 9}}};
  const NamedDocument nd = national_summary_document("2027年度报量", rows);
  std::vector<std::string> headers;
  for (const auto& c : nd.doc.columns) headers.push_back(c.header);
  CHECK(headers == std::vector<std::string>{"省份", "大项", "小项", "生产企业", "注册证", "上年度采购总数量", "下年度采购总数量"});
  CHECK(nd.doc.columns[5].kind == CellKind::integer);
  CHECK(nd.doc.heading.empty());
  CHECK(nd.doc.rows[0].cells == std::vector<std::string>{"北京市", "临床化学", "肝功能", "甲公司", "国械注准1", "7", "9"});
}

TEST_CASE("目录下载 keeps the import's headers and every 流水号 as text", "[documents]") {
  std::vector<CatalogRow> rows{{"007", "临床化学", "肝功能", "试剂A", "1盒", "国械注准1", "甲公司"}};
  const NamedDocument nd = catalog_document("P/1", rows);
  CHECK(nd.file_stem == "P_1_目录");
  CHECK(nd.doc.columns[0].header == "流水号");
  CHECK(nd.doc.columns[0].kind == CellKind::text);  // "007" keeps its zeros
  CHECK(nd.doc.rows[0].cells[0] == "007");
}

TEST_CASE("承诺书模板: title, paragraphs, signature labels, names filled in or left blank", "[documents]") {
  const std::string text = "# comment\n\xEF\xBB\xBF承诺书\r\n\n我单位 {hospital} 参加“{project}”\n填报。\n\n第二段。\n\n@stamp 院长（签字）：\n";
  const NamedDocument filled = commitment_letter_document(text, "甲医院", "2027年度报量");
  CHECK(filled.doc.title == "承诺书");
  REQUIRE(filled.doc.paragraphs.size() == 2);
  CHECK(filled.doc.paragraphs[0] == "我单位 甲医院 参加“2027年度报量”填报。");
  CHECK(filled.doc.stamp == std::vector<std::string>{"院长（签字）："});
  CHECK(filled.file_stem == "承诺书");
  const NamedDocument blank = commitment_letter_document(text, "", "");
  CHECK(blank.doc.paragraphs[0].find("____") != std::string::npos);
  CHECK(blank.doc.paragraphs[0].find("{hospital}") == std::string::npos);
}

TEST_CASE("the supply export read back as a table: its headers, rows and 剩余处理天数 as a number", "[documents]") {
  const std::string csv = "\xEF\xBB\xBF反馈日期,流水号,剩余处理天数,问题描述\r\n2027-01-02,X1,3,\"断货, 急\"\r\n2027-01-03,X2,,无\r\n";
  auto d = feedback_document_from_csv(csv, "供应问题反馈_2027-01-05.csv");
  REQUIRE(d.ok());
  CHECK(d->file_stem == "供应问题反馈_2027-01-05");
  CHECK(d->rows == 2);
  REQUIRE(d->doc.columns.size() == 4);
  CHECK(d->doc.columns[2].kind == CellKind::integer);
  CHECK(d->doc.columns[1].kind == CellKind::text);
  CHECK(d->doc.rows[0].cells[3] == "断货, 急");
  CHECK(d->doc.rows[1].cells[2].empty());
}

TEST_CASE("file name parts lose the characters file systems refuse", "[documents]") {
  CHECK(safe_file_part("a/b\\c:d*e?f\"g<h>i|j\x01") == "a_b_c_d_e_f_g_h_i_j_");
  CHECK(page_footer("Page {0} of {1}", 3, 12) == "Page 3 of 12");
}

}  // namespace
}  // namespace ivd
