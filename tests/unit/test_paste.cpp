// Paste and copy as with Excel and WPS (core/ivd/sheet/paste.hpp).
#include <catch_amalgamated.hpp>

#include "core/ivd/sheet/paste.hpp"

using namespace ivd;
using Rows = std::vector<std::vector<std::string>>;

TEST_CASE("parse_tsv reads a block as Excel copies it", "[sheet][paste]") {
  // 3 rows x 4 columns from Excel: CRLF line ends, a trailing CRLF, a quoted cell holding a tab, a
  // line break and a doubled quote.
  const std::string excel = "S001\t1,200\t是\t\"增加\t原因\r\n见\"\"附件\"\"\"\r\n"
                            "S002\t\t否\t\r\n"
                            "S003\t１，２００\tY\t说明\r\n";
  const Rows rows = parse_tsv(excel);
  REQUIRE(rows.size() == 3);
  for (const auto& r : rows) CHECK(r.size() == 4);
  CHECK(rows[0] == std::vector<std::string>{"S001", "1,200", "是", "增加\t原因\r\n见\"附件\""});
  CHECK(rows[1] == std::vector<std::string>{"S002", "", "否", ""});
  CHECK(rows[2] == std::vector<std::string>{"S003", "１，２００", "Y", "说明"});
}

TEST_CASE("parse_tsv line ends and edge cases", "[sheet][paste]") {
  CHECK(parse_tsv("").empty());
  CHECK(parse_tsv("a") == Rows{{"a"}});
  CHECK(parse_tsv("a\n") == Rows{{"a"}});                   // one trailing line end ignored
  CHECK(parse_tsv("a\n\n") == Rows{{"a"}, {""}});           // only one
  CHECK(parse_tsv("a\rb\nc\r\nd") == Rows{{"a"}, {"b"}, {"c"}, {"d"}});
  CHECK(parse_tsv("\t") == Rows{{"", ""}});
  CHECK(parse_tsv("a\"b\tc") == Rows{{"a\"b", "c"}});       // a quote inside a cell is a quote
  CHECK(parse_tsv("\"x\"y\tz") == Rows{{"xy", "z"}});       // text after the closing quote is kept
  CHECK(parse_tsv("\"unterminated\tcell") == Rows{{"unterminated\tcell"}});
  CHECK(parse_tsv("\"\"") == Rows{{""}});
}

TEST_CASE("to_tsv writes what parse_tsv reads", "[sheet][paste]") {
  const Rows rows{{"S001", "1200", "是", "增加\t原因"}, {"S002", "", "否", "见\"附件\"\n第二行"}};
  const std::string tsv = to_tsv(rows);
  CHECK(tsv == "S001\t1200\t是\t\"增加\t原因\"\r\nS002\t\t否\t\"见\"\"附件\"\"\n第二行\"\r\n");
  CHECK(parse_tsv(tsv) == rows);
  CHECK(to_tsv({}).empty());
}

TEST_CASE("normalise_quantity folds full-width forms and removes thousands separators", "[sheet][paste]") {
  CHECK(normalise_quantity("１，２００") == "1200");
  CHECK(normalise_quantity("1,200") == "1200");
  CHECK(normalise_quantity("12,345,678") == "12345678");
  CHECK(normalise_quantity("1'200") == "1200");
  CHECK(normalise_quantity("1\xE2\x80\x89" "200") == "1200");        // U+2009 thin space
  CHECK(normalise_quantity("1\xE2\x80\xAF" "200") == "1200");        // U+202F narrow no-break space
  CHECK(normalise_quantity("1\xC2\xA0" "200") == "1200");            // U+00A0 no-break space
  CHECK(normalise_quantity("  ３００\xE3\x80\x80") == "300");         // spaces and U+3000 trimmed
  CHECK(normalise_quantity("\t42\r\n") == "42");
  CHECK(normalise_quantity("－５") == "-5");                          // full-width minus folded (refused later)
  CHECK(normalise_quantity("") == "");
  // Not a thousands grouping: left as typed (after the width fold), so the rules refuse it visibly.
  CHECK(normalise_quantity("12,34") == "12,34");
  CHECK(normalise_quantity("1234,567") == "1234,567");
  CHECK(normalise_quantity("1,2345") == "1,2345");
  CHECK(normalise_quantity("12.5") == "12.5");
  CHECK(normalise_quantity("abc") == "abc");
  CHECK(normalise_quantity(",100") == ",100");
}

namespace {
const std::optional<SheetField> kColumns[] = {std::nullopt,  // 流水号
                                              std::nullopt,  // 产品名称
                                              SheetField::last_year, SheetField::demand, SheetField::instrument,
                                              SheetField::change_note};
}

TEST_CASE("plan_paste puts a 3x4 Excel block on the visible rows at the cursor", "[sheet][paste]") {
  const std::string excel = "1,200\t１，３００\t是\t\"增加\t原因\"\r\n"
                            "\t5\tN\t\r\n"
                            "7\t8\tyes\t说明\r\n";
  const size_t visible[] = {4, 2, 9, 0};  // filtered and sorted: line index per row
  const PastePlan plan = plan_paste(excel, visible, 1, kColumns, 2);
  CHECK(plan.refused.empty());
  REQUIRE(plan.cells.size() == 12);
  CHECK(plan.cells[0].line == 2);
  CHECK(plan.cells[0].field == SheetField::last_year);
  CHECK(plan.cells[0].value == "1200");
  CHECK(plan.cells[1].value == "1300");
  CHECK(plan.cells[2].field == SheetField::instrument);
  CHECK(plan.cells[2].value == "是");
  CHECK(plan.cells[3].field == SheetField::change_note);
  CHECK(plan.cells[3].value == "增加\t原因");
  CHECK(plan.cells[4].line == 9);
  CHECK(plan.cells[4].value == "");  // an empty cell clears
  CHECK(plan.cells[6].value == "否");
  CHECK(plan.cells[8].line == 0);
  CHECK(plan.cells[10].value == "是");
}

TEST_CASE("plan_paste refuses cells that cannot take their value and lists them", "[sheet][paste]") {
  const size_t visible[] = {0, 1};
  SECTION("beyond the last row") {
    const PastePlan plan = plan_paste("1\n2\n3\n", visible, 1, kColumns, 2);
    REQUIRE(plan.cells.size() == 1);
    CHECK(plan.cells[0].line == 1);
    REQUIRE(plan.refused.size() == 2);
    CHECK(plan.refused[0].row == 1);
    CHECK(plan.refused[0].column == 0);
    CHECK(plan.refused[0].text == "2");
    CHECK(plan.refused[0].code == "sheet.paste.beyond_rows");
    CHECK(plan.refused[1].code == "sheet.paste.beyond_rows");
  }
  SECTION("a read-only column; a blank cell there is skipped, not refused") {
    const PastePlan plan = plan_paste("S001\t试剂\t10\n\t\t20\n", visible, 0, kColumns, 0);
    REQUIRE(plan.cells.size() == 2);
    CHECK(plan.cells[0].value == "10");
    CHECK(plan.cells[1].value == "20");
    REQUIRE(plan.refused.size() == 2);
    CHECK(plan.refused[0].code == "sheet.paste.read_only_column");
    CHECK(plan.refused[0].column == 0);
    CHECK(plan.refused[1].text == "试剂");
  }
  SECTION("past the last column") {
    const PastePlan plan = plan_paste("说明\tmore", visible, 0, kColumns, 5);
    REQUIRE(plan.cells.size() == 1);
    REQUIRE(plan.refused.size() == 1);
    CHECK(plan.refused[0].code == "sheet.paste.beyond_columns");
  }
  SECTION("a bad instrument value") {
    const PastePlan plan = plan_paste("是\n有\n", visible, 0, kColumns, 4);
    REQUIRE(plan.cells.size() == 1);
    REQUIRE(plan.refused.size() == 1);
    CHECK(plan.refused[0].row == 1);
    CHECK(plan.refused[0].text == "有");
    CHECK(plan.refused[0].code == "sheet.paste.bad_instrument");
  }
  SECTION("instrument spellings") {
    for (const char* t : {"是", "yes", "YES", "Y", "y", " 是 ", "Ｙ"}) {
      INFO(t);
      const PastePlan plan = plan_paste(t, visible, 0, kColumns, 4);
      REQUIRE(plan.cells.size() == 1);
      CHECK(plan.cells[0].value == "是");
    }
    for (const char* t : {"否", "no", "N", "n"}) {
      const PastePlan plan = plan_paste(t, visible, 0, kColumns, 4);
      REQUIRE(plan.cells.size() == 1);
      CHECK(plan.cells[0].value == "否");
    }
    CHECK(plan_paste("", visible, 0, kColumns, 4).cells.empty());  // empty text: no rows
    const PastePlan blank = plan_paste("\t", visible, 0, kColumns, 4);  // a blank instrument clears
    REQUIRE(blank.cells.size() == 2);
    CHECK(blank.cells[0].value == "");
  }
  SECTION("a quantity that is not a whole number is refused, the cell unchanged") {
    const PastePlan plan = plan_paste("12.5\t1,2345\n-3\tabc\n", visible, 0, kColumns, 2);
    CHECK(plan.cells.empty());
    REQUIRE(plan.refused.size() == 4);
    for (const auto& r : plan.refused) CHECK(r.code == "sheet.paste.bad_quantity");
    CHECK(plan.refused[1].text == "1,2345");
    CHECK(plan.refused[1].row == 0);
    CHECK(plan.refused[1].column == 1);
  }
  SECTION("a whole number above the limit lands in the cell, where the sheet rules mark it") {
    const PastePlan plan = plan_paste("1,000,000,000", visible, 0, kColumns, 2);
    REQUIRE(plan.cells.size() == 1);
    CHECK(plan.cells[0].value == "1000000000");
  }
}
