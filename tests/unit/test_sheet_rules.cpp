// The rules of a hospital's IVD sheet (SPEC §2.2, IVD manual 报量项目管理 暂存 / 提交).
#include <catch_amalgamated.hpp>

#include "core/base/i18n.hpp"
#include "core/ivd/sheet/sheet_rules.hpp"

using namespace ivd;

namespace {

constexpr Instrument kYes = Instrument::yes;
constexpr Instrument kNo = Instrument::no;
constexpr Instrument kNone = Instrument::none;

SheetLine line(std::string serial, std::string cert, std::string last, std::string demand, Instrument inst,
               std::string note = {}) {
  return SheetLine{std::move(serial), std::move(cert), std::move(last), std::move(demand), inst, std::move(note)};
}

// A sheet whose submission fields are complete, so only line rules speak.
Sheet sheet_with(std::vector<SheetLine> lines, double threshold = 30) {
  Sheet s;
  s.threshold_percent = threshold;
  s.lines = std::move(lines);
  s.submission = {"张三", "13812345678", "upload:commitment", "upload:attachment"};
  return s;
}

std::vector<SheetItem> of_rule(const SheetReport& r, SheetRule rule) {
  std::vector<SheetItem> out;
  for (const auto& it : r.items)
    if (it.rule == rule) out.push_back(it);
  return out;
}

}  // namespace

TEST_CASE("a complete sheet of unused lines has no findings", "[sheet]") {
  Sheet s = sheet_with({line("S1", "C1", "", "", kNone), line("S2", "C1", "  ", "", kNone)});
  auto r = validate_sheet(s, SheetMode::submit);
  REQUIRE(r.items.empty());
  REQUIRE(r.errors == 0);
  REQUIRE(r.warnings == 0);
  REQUIRE_FALSE(r.has_errors());
}

TEST_CASE("a filled quantity needs 是否有在用仪器", "[sheet][R-INSTR-REQUIRED]") {
  // IVD manual 报量项目管理 暂存 注1.
  Sheet s = sheet_with({line("S1", "C1", "10", "", kNone), line("S2", "C2", "", "10", kNone),
                        line("S3", "C3", "10", "10", kYes), line("S4", "C4", "", "", kNone)});
  auto r = validate_sheet(s, SheetMode::draft);
  auto items = of_rule(r, SheetRule::instr_required);
  REQUIRE(items.size() == 2);
  REQUIRE(items[0].rule_id() == "R-INSTR-REQUIRED");
  REQUIRE(items[0].serial == "S1");
  REQUIRE(items[0].line == 0);
  REQUIRE(items[0].field_name() == "instrument");
  REQUIRE(items[0].severity == Severity::error);
  REQUIRE(items[1].serial == "S2");
  REQUIRE(items[0].message_zh() == "填写了“上年度采购总数量”或“下年度采购需求量”，“是否有在用仪器”不能为空");
  REQUIRE(items[0].message_en() == "A quantity is filled in: choose whether an instrument is in use");
}

TEST_CASE("text refused as a quantity still counts as filled", "[sheet][R-INSTR-REQUIRED]") {
  auto r = validate_sheet(sheet_with({line("S1", "C1", "abc", "", kNone)}), SheetMode::draft);
  REQUIRE(r.items.size() == 2);
  REQUIRE(r.items[0].rule_id() == "R-QTY-FORMAT");
  REQUIRE(r.items[1].rule_id() == "R-INSTR-REQUIRED");
}

TEST_CASE("last year's purchases exclude 否 for 是否有在用仪器", "[sheet][R-INSTR-NO-WITH-HISTORY]") {
  // IVD manual 报量项目管理 暂存 注2.
  Sheet s = sheet_with({line("S1", "C1", "5", "5", kNo), line("S2", "C2", "0", "0", kNo),
                        line("S3", "C3", "5", "5", kYes), line("S4", "C4", "", "3", kNo, "新增")});
  s.instrument_docs = {{"C2", "upload:a"}, {"C4", "upload:b"}};
  auto r = validate_sheet(s, SheetMode::submit);
  auto items = of_rule(r, SheetRule::instr_no_with_history);
  REQUIRE(items.size() == 1);
  REQUIRE(items[0].rule_id() == "R-INSTR-NO-WITH-HISTORY");
  REQUIRE(items[0].serial == "S1");
  REQUIRE(items[0].field_name() == "instrument");
  REQUIRE(items[0].severity == Severity::error);
  REQUIRE(r.items.size() == 2);  // plus S1's 否 without an instrument statement for C1
  REQUIRE(r.items[1].rule_id() == "R-CERT-NO-INSTRUMENT-DOC");
}

TEST_CASE("the same-cert rule sees lines on different pages", "[sheet][R-INSTR-SAME-CERT]") {
  // IVD manual 报量项目管理 暂存 注3: the original system checked one page at a time; line 3 and line 2900
  // are ~50 pages apart and must still agree.
  std::vector<SheetLine> lines;
  for (int i = 0; i < 3000; ++i) {
    const std::string n = std::to_string(i);
    lines.push_back(line(std::string("S").append(n), std::string("C").append(n), "", "", kNone));
  }
  lines[3] = line("S3", "国械注准20163400513", "10", "10", kYes);
  lines[2900] = line("S2900", "国械注准20163400513", "0", "10", kNo, "新增项目");
  Sheet s = sheet_with(std::move(lines));
  s.instrument_docs["国械注准20163400513"] = "upload:doc";
  auto r = validate_sheet(s, SheetMode::submit);
  auto items = of_rule(r, SheetRule::instr_same_cert);
  REQUIRE(items.size() == 2);  // a tie: both lines are flagged
  REQUIRE(items[0].line == 3);
  REQUIRE(items[0].serial == "S3");
  REQUIRE(items[1].line == 2900);
  REQUIRE(items[1].serial == "S2900");
  REQUIRE(items[0].certificate == "国械注准20163400513");
  REQUIRE(items[0].severity == Severity::error);
  REQUIRE(items[0].message_zh() == "相同注册证（国械注准20163400513）下的流水号“是否有在用仪器”要相同：现有“是”1 条、“否”1 条");
  REQUIRE(items[0].message_en() ==
          "All serials of certificate 国械注准20163400513 must have the same \"instrument in use\": 1 say yes, 1 say no");
  REQUIRE(r.items.size() == 2);

  // Agreeing lines far apart are fine.
  s.lines[2900].instrument = kYes;
  REQUIRE(validate_sheet(s, SheetMode::submit).items.empty());
}

TEST_CASE("the same-cert rule flags the minority value, and ignores unchosen lines", "[sheet][R-INSTR-SAME-CERT]") {
  Sheet s = sheet_with({line("A1", "CA", "1", "1", kYes), line("A2", "CA", "2", "2", kYes), line("B1", "CB", "1", "1", kYes),
                        line("A3", "CA", "", "", kNo), line("A4", "CA", "", "", kNone), line("A5", "CA", "3", "3", kYes)});
  s.instrument_docs["CA"] = "upload:x";
  auto r = validate_sheet(s, SheetMode::submit);
  auto items = of_rule(r, SheetRule::instr_same_cert);
  REQUIRE(items.size() == 1);
  REQUIRE(items[0].serial == "A3");
  REQUIRE(items[0].arg0 == 3);  // 是
  REQUIRE(items[0].arg1 == 1);  // 否
  REQUIRE(r.items.size() == 1);

  // Majority 否: the 是 lines are the ones to fix.
  s.lines[0].instrument = kNo;
  s.lines[1].instrument = kNo;
  s.lines[5].instrument = kNo;
  s.lines[3].instrument = kYes;
  s.lines[0].last_year_text = s.lines[1].last_year_text = s.lines[5].last_year_text = "0";
  r = validate_sheet(s, SheetMode::submit);
  items = of_rule(r, SheetRule::instr_same_cert);
  REQUIRE(items.size() == 1);
  REQUIRE(items[0].serial == "A3");
}

TEST_CASE("lines without 注册证 are not grouped by the certificate rules", "[sheet][R-INSTR-SAME-CERT]") {
  Sheet s = sheet_with({line("S1", "", "0", "0", kYes), line("S2", "", "0", "0", kNo)});
  auto r = validate_sheet(s, SheetMode::submit);
  REQUIRE(r.items.empty());
}

TEST_CASE("quantities accept full-width digits and separators and refuse the rest", "[sheet][R-QTY-FORMAT]") {
  // SPEC §2.2: full-width digits and thousands separators are normalised; anything else is an error at the cell.
  Sheet s = sheet_with({line("S1", "C1", "１２３", "1,234", kYes, "说明")});
  REQUIRE(validate_sheet(s, SheetMode::submit).items.empty());

  for (const char* bad : {"12.5", "-1", "1000000000", "abc"}) {
    INFO(bad);
    Sheet b = sheet_with({line("S1", "C1", bad, "10", kYes), line("S2", "C2", "10", bad, kYes)});
    auto r = validate_sheet(b, SheetMode::draft);
    auto items = of_rule(r, SheetRule::qty_format);
    REQUIRE(items.size() == 2);
    REQUIRE(items[0].rule_id() == "R-QTY-FORMAT");
    REQUIRE(items[0].serial == "S1");
    REQUIRE(items[0].field_name() == "last_year");
    REQUIRE(items[1].serial == "S2");
    REQUIRE(items[1].field_name() == "demand");
    REQUIRE(items[0].severity == Severity::error);
    REQUIRE(r.items.size() == 2);  // no R-THRESHOLD on a line whose numbers are unknown
  }
  auto r = validate_sheet(sheet_with({line("S1", "C1", "12.5", "1000000000", kYes)}), SheetMode::draft);
  REQUIRE(r.items[0].message_zh() == "“上年度采购总数量”须为 0 至 999,999,999 之间的整数（可使用全角数字和千位分隔符）");
  REQUIRE(r.items[1].message_zh() == "“下年度采购需求量”超出上限 999,999,999");
  REQUIRE(r.items[1].message_en() == "\"Next year's demand\" is above the maximum of 999,999,999");
}

TEST_CASE("no purchases last year and a demand next year needs an explanation", "[sheet][R-THRESHOLD]") {
  for (const char* last : {"0", ""}) {
    INFO(last);
    Sheet s = sheet_with({line("S1", "C1", last, "20", kYes)});
    auto r = validate_sheet(s, SheetMode::submit);
    REQUIRE(r.items.size() == 1);
    REQUIRE(r.items[0].rule_id() == "R-THRESHOLD");
    REQUIRE(r.items[0].field_name() == "change_note");
    REQUIRE(r.items[0].detail == ItemDetail::new_demand);
    REQUIRE(r.items[0].severity == Severity::error);
    REQUIRE(r.items[0].message_zh() == "上年度采购总数量为 0 而下年度有采购需求量，提交前须填写增降幅说明");
    s.lines[0].change_note = "新开展项目";
    REQUIRE(validate_sheet(s, SheetMode::submit).items.empty());
  }
}

TEST_CASE("a change above the threshold needs an explanation, one at it does not", "[sheet][R-THRESHOLD]") {
  Sheet s = sheet_with({line("S1", "C1", "100", "131", kYes), line("S2", "C2", "100", "130", kYes),
                        line("S3", "C3", "100", "69", kYes), line("S4", "C4", "100", "70", kYes),
                        line("S5", "C5", "100", "", kYes), line("S6", "C6", "0", "0", kYes)},
                       30);
  auto r = validate_sheet(s, SheetMode::submit);
  auto items = of_rule(r, SheetRule::threshold);
  REQUIRE(items.size() == 3);
  REQUIRE(items[0].serial == "S1");
  REQUIRE(items[0].arg0 == 3100);
  REQUIRE(items[0].message_zh() == "下年度采购需求量较上年度变化 +31%，超过需求量阈值 30%，提交前须填写增降幅说明");
  REQUIRE(items[0].message_en() ==
          "Demand changes by +31% against last year, more than the threshold of 30%: explain the change before submitting");
  REQUIRE(items[1].serial == "S3");
  REQUIRE(items[1].arg0 == -3100);
  REQUIRE(items[2].serial == "S5");  // an empty demand on a used line is 0: -100 %
  REQUIRE(items[2].arg0 == -10000);

  s.lines[0].change_note = "检测量增加";
  s.lines[2].change_note = "   ";  // spaces are no explanation
  items = of_rule(validate_sheet(s, SheetMode::submit), SheetRule::threshold);
  REQUIRE(items.size() == 2);
  REQUIRE(items[0].serial == "S3");
}

TEST_CASE("the threshold of the project decides, decimals included", "[sheet][R-THRESHOLD]") {
  Sheet s = sheet_with({line("S1", "C1", "3", "4", kYes)}, 33.33);
  REQUIRE(validate_sheet(s, SheetMode::submit).items.size() == 1);
  s.threshold_percent = 33.34;
  REQUIRE(validate_sheet(s, SheetMode::submit).items.empty());
  s.threshold_percent = 0;  // any change needs a note
  s.lines[0].demand_text = "3";
  REQUIRE(validate_sheet(s, SheetMode::submit).items.empty());
  s.lines[0].demand_text = "2";
  REQUIRE(validate_sheet(s, SheetMode::submit).items.size() == 1);
}

TEST_CASE("a 注册证 saying 否 needs an instrument statement, once per 注册证", "[sheet][R-CERT-NO-INSTRUMENT-DOC]") {
  // IVD manual 报量项目管理 提交 注1: 注册证对应“是否在用仪器”为“否”，需要上传对应说明文件.
  Sheet s = sheet_with({line("S1", "C1", "0", "0", kNo), line("S2", "C2", "0", "0", kYes), line("S3", "C1", "", "", kNo),
                        line("S4", "C3", "", "", kNo)});
  auto r = validate_sheet(s, SheetMode::submit);
  auto items = of_rule(r, SheetRule::cert_no_instrument_doc);
  REQUIRE(items.size() == 2);
  REQUIRE(items[0].rule_id() == "R-CERT-NO-INSTRUMENT-DOC");
  REQUIRE(items[0].serial == "S1");  // the first line of C1 saying 否
  REQUIRE(items[0].certificate == "C1");
  REQUIRE(items[0].field_name() == "instrument_doc");
  REQUIRE(items[0].severity == Severity::error);
  REQUIRE(items[0].message_zh() == "注册证（C1）的“是否有在用仪器”为“否”，提交前须上传在用仪器说明文件");
  REQUIRE(items[1].serial == "S4");
  REQUIRE(items[1].certificate == "C3");

  s.instrument_docs["C1"] = "upload:1";
  s.instrument_docs["C3"] = "  ";  // a blank reference is no upload
  items = of_rule(validate_sheet(s, SheetMode::submit), SheetRule::cert_no_instrument_doc);
  REQUIRE(items.size() == 1);
  REQUIRE(items[0].certificate == "C3");
}

TEST_CASE("submission needs contact, phone, commitment letter and demand attachment", "[sheet][R-SUBMIT-FIELDS]") {
  Sheet s;
  auto r = validate_sheet(s, SheetMode::submit);
  REQUIRE(r.items.size() == 4);
  for (const auto& it : r.items) {
    REQUIRE(it.rule_id() == "R-SUBMIT-FIELDS");
    REQUIRE(it.line == -1);
    REQUIRE(it.serial.empty());
    REQUIRE(it.severity == Severity::error);
  }
  REQUIRE(r.items[0].field_name() == "contact_name");
  REQUIRE(r.items[1].field_name() == "contact_phone");
  REQUIRE(r.items[2].field_name() == "commitment_letter");
  REQUIRE(r.items[3].field_name() == "demand_attachment");
  REQUIRE(r.items[0].message_zh() == "请填写联系人");
  REQUIRE(r.items[3].message_en() == "Upload the demand attachment (the export of the filled data, signed and stamped)");

  s.submission = {"张三", "0551-1234", "upload:c", "upload:d"};
  r = validate_sheet(s, SheetMode::submit);
  REQUIRE(r.items.size() == 1);
  REQUIRE(r.items[0].field_name() == "contact_phone");
  REQUIRE(r.items[0].detail == ItemDetail::bad_format);
  REQUIRE(r.items[0].message_key() == "R-SUBMIT-FIELDS.contact_phone.format");

  for (const char* phone : {"13812345678", "0551-12345678", "010-1234567", "010-12345678", "0551-12345678-801"}) {
    INFO(phone);
    s.submission.contact_phone = phone;
    REQUIRE(validate_sheet(s, SheetMode::submit).items.empty());
  }
}

TEST_CASE("before-submission rules warn in a draft and refuse at 提交", "[sheet][severity]") {
  Sheet s;
  s.threshold_percent = 30;
  s.lines = {line("S1", "C1", "0", "10", kNo), line("S2", "C2", "12.5", "", kNone)};
  auto draft = validate_sheet(s, SheetMode::draft);
  auto submit = validate_sheet(s, SheetMode::submit);
  REQUIRE(draft.items.size() == submit.items.size());
  for (size_t i = 0; i < draft.items.size(); ++i) {
    const auto& d = draft.items[i];
    INFO(d.rule_id());
    REQUIRE(d.rule == submit.items[i].rule);
    REQUIRE(submit.items[i].severity == Severity::error);
    REQUIRE(d.severity == (is_before_submission(d.rule) ? Severity::warning : Severity::error));
  }
  // S1: R-THRESHOLD, R-CERT-NO-INSTRUMENT-DOC; S2: R-QTY-FORMAT, R-INSTR-REQUIRED; 4 x R-SUBMIT-FIELDS.
  REQUIRE(draft.errors == 2);
  REQUIRE(draft.warnings == 6);
  REQUIRE(submit.errors == 8);
  REQUIRE(submit.warnings == 0);
  REQUIRE(rule_severity(SheetRule::instr_required, SheetMode::draft) == Severity::error);
  REQUIRE(rule_severity(SheetRule::threshold, SheetMode::draft) == Severity::warning);
}

TEST_CASE("items list line by line, rules in a fixed order, submission fields last", "[sheet]") {
  Sheet s;
  s.lines = {line("S1", "C1", "1,2", "-3", kNone), line("S2", "C2", "7", "7", kNo)};
  auto r = validate_sheet(s, SheetMode::draft);
  std::vector<std::string> got;
  for (const auto& it : r.items) got.push_back(std::to_string(it.line) + " " + std::string(it.rule_id()) + " " + std::string(it.field_name()));
  REQUIRE(got == std::vector<std::string>{
                     "0 R-QTY-FORMAT last_year", "0 R-QTY-FORMAT demand", "0 R-INSTR-REQUIRED instrument",
                     "1 R-INSTR-NO-WITH-HISTORY instrument", "1 R-CERT-NO-INSTRUMENT-DOC instrument_doc",
                     "-1 R-SUBMIT-FIELDS contact_name", "-1 R-SUBMIT-FIELDS contact_phone",
                     "-1 R-SUBMIT-FIELDS commitment_letter", "-1 R-SUBMIT-FIELDS demand_attachment"});
}

TEST_CASE("every rule and message variant has a text in both languages", "[sheet][i18n]") {
  for (SheetRule r : kAllSheetRules) {
    INFO(rule_id(r));
    REQUIRE(parse_rule_id(rule_id(r)) == r);
    REQUIRE(has_text(Lang::zh, rule_id(r)));
    REQUIRE(has_text(Lang::en, rule_id(r)));
  }
  for (const char* k : {"R-QTY-FORMAT.range", "R-THRESHOLD.new", "R-SUBMIT-FIELDS.contact_name",
                        "R-SUBMIT-FIELDS.contact_phone", "R-SUBMIT-FIELDS.contact_phone.format",
                        "R-SUBMIT-FIELDS.commitment_letter", "R-SUBMIT-FIELDS.demand_attachment"}) {
    INFO(k);
    REQUIRE(has_text(Lang::zh, k));
    REQUIRE(has_text(Lang::en, k));
  }
  for (int f = 0; f <= static_cast<int>(SheetField::demand_attachment); ++f) {
    const auto name = field_name(static_cast<SheetField>(f));
    REQUIRE(parse_field_name(name) == static_cast<SheetField>(f));
    REQUIRE(has_text(Lang::zh, "sheet.field." + std::string(name)));
    REQUIRE(has_text(Lang::en, "sheet.field." + std::string(name)));
  }
  REQUIRE_FALSE(parse_rule_id("R-NOPE").has_value());
  REQUIRE_FALSE(parse_field_name("nope").has_value());
}

TEST_CASE("a report turns into JSON with both messages", "[sheet][json]") {
  Sheet s = sheet_with({line("S1", "C1", "5", "5", kNo)});
  auto j = to_json(validate_sheet(s, SheetMode::submit));
  REQUIRE(j["mode"] == "submit");
  REQUIRE(j["errors"] == 2);
  REQUIRE(j["warnings"] == 0);
  REQUIRE(j["items"].size() == 2);
  const auto& a = j["items"][0];
  REQUIRE(a["rule_id"] == "R-INSTR-NO-WITH-HISTORY");
  REQUIRE(a["serial"] == "S1");
  REQUIRE(a["line"] == 0);
  REQUIRE(a["field"] == "instrument");
  REQUIRE(a["severity"] == "error");
  REQUIRE_FALSE(a.contains("certificate"));
  REQUIRE(a["message_zh"] == "“上年度采购总数量”大于 0，“是否有在用仪器”不能为“否”");
  REQUIRE(a["message_en"] == "Last year's purchase quantity is above 0, so \"instrument in use\" cannot be \"no\"");
  REQUIRE(j["items"][1]["certificate"] == "C1");

  auto sub = to_json(validate_sheet(Sheet{}, SheetMode::draft));
  REQUIRE(sub["items"][0]["severity"] == "warning");
  REQUIRE_FALSE(sub["items"][0].contains("line"));
}
