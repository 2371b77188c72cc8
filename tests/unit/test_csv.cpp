// core/csv: RFC 4180 parsing as Excel writes it, and writing fields back.
#include <catch_amalgamated.hpp>

#include "core/base/csv.hpp"

using namespace ivd;

TEST_CASE("plain records split on commas and CRLF, LF or CR line ends", "[csv]") {
  auto r = parse_csv("a,b,c\r\n1,2,3\n4,5,6\r7,8,9");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 4);
  CHECK((*r)[0].fields == std::vector<std::string>{"a", "b", "c"});
  CHECK((*r)[3].fields == std::vector<std::string>{"7", "8", "9"});
  CHECK((*r)[0].line == 1);
  CHECK((*r)[3].line == 4);
}

TEST_CASE("quoted fields hold commas, doubled quotes and line breaks; line numbers follow the file", "[csv]") {
  auto r = parse_csv("code,name\r\n\"H1\",\"合肥市第一人民医院, 东院\"\r\nH2,\"说 \"\"一院\"\"\"\r\nH3,\"两\r\n行\"\r\nH4,\"\"\r\n");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 5);
  CHECK((*r)[1].fields[1] == "合肥市第一人民医院, 东院");
  CHECK((*r)[2].fields[1] == "说 \"一院\"");
  CHECK((*r)[3].fields[1] == "两\r\n行");
  CHECK((*r)[3].line == 4);
  CHECK((*r)[4].line == 6);  // the quoted line break counts as a line of the file
  CHECK((*r)[4].fields == std::vector<std::string>{"H4", ""});
}

TEST_CASE("blank lines and rows of empty cells are skipped, a missing last line end is fine", "[csv]") {
  auto r = parse_csv("a,b\r\n\r\n1,2\r\n,,\r\n,\r\n3,4");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 3);
  CHECK((*r)[1].line == 3);
  CHECK((*r)[2].line == 6);
  CHECK((*r)[2].fields == std::vector<std::string>{"3", "4"});
  CHECK(parse_csv("")->empty());
}

TEST_CASE("trailing empty fields are kept, so the column count stays visible", "[csv]") {
  auto r = parse_csv("a,b,c\n1,,\n");
  REQUIRE(r.ok());
  CHECK((*r)[1].fields == std::vector<std::string>{"1", "", ""});
}

TEST_CASE("misplaced and unterminated quotes are errors naming the line", "[csv]") {
  auto bad = parse_csv("a,b\nx,ab\"c\n");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == "csv.bad_quote");
  CHECK(bad.error().details["line"] == 2);
  CHECK(bad.error().message_zh.find("第 2 行") != std::string::npos);

  auto after = parse_csv("a,b\n\"x\"y,b\n");
  REQUIRE_FALSE(after.ok());
  CHECK(after.error().code == "csv.bad_quote");

  auto open = parse_csv("a,b\n1,2\n3,\"never\nclosed\n");
  REQUIRE_FALSE(open.ok());
  CHECK(open.error().code == "csv.unterminated_quote");
  CHECK(open.error().details["line"] == 3);
}

TEST_CASE("comment lines are skipped only when asked", "[csv]") {
  CHECK(parse_csv("# note\na,b\n", {.skip_comment_lines = true})->size() == 1);
  CHECK(parse_csv("# note\na,b\n")->size() == 2);
}

TEST_CASE("written fields are quoted only when needed and read back identically", "[csv]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field(" padded") == "\" padded\"");
  std::vector<std::string> fields = {"H1", "名称,含逗号", "多\n行", "\"q\"", ""};
  auto back = parse_csv(csv_record(fields));
  REQUIRE(back.ok());
  REQUIRE(back->size() == 1);
  CHECK((*back)[0].fields == fields);
}

TEST_CASE("import errors print one line per problem for the command line", "[csv]") {
  Error e = make_error(ErrorKind::bad_request, "import.invalid_rows", {}, {"1", "2"});
  e.details = nlohmann::json::array({row_issue(3, "机构名称", "import.required", {"机构名称"}),
                                     row_issue(4, "", "import.column_count", {"5", "4"})});
  std::string text = import_error_text(e);
  CHECK(text.find("1 行数据有误") == 0);
  CHECK(text.find("\n  第 3 行 [机构名称] “机构名称”不能为空 | line 3 [机构名称] \"机构名称\" is required\n") != std::string::npos);
  CHECK(text.find("\n  第 4 行 列数不符") != std::string::npos);
}
