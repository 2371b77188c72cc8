// Incremental validation: a cell edit revalidates its line and 注册证 group, and the result always equals
// a full validation.
#include <catch_amalgamated.hpp>

#include <algorithm>
#include <tuple>

#include "core/ivd/sheet/sheet_validator.hpp"
#include "tests/parity/sheet_gen.hpp"

using namespace ivd;

namespace {

Sheet small_sheet() {
  Sheet s;
  s.threshold_percent = 30;
  s.lines = {{"S0", "CA", "", "", Instrument::none, ""},
             {"S1", "CA", "", "", Instrument::none, ""},
             {"S2", "CB", "", "", Instrument::none, ""},
             {"S3", "CA", "", "", Instrument::none, ""}};
  s.submission = {"张三", "13812345678", "c", "d"};
  return s;
}

bool has(std::span<const SheetItem> items, std::string_view rule, int32_t line) {
  return std::any_of(items.begin(), items.end(), [&](const SheetItem& i) { return i.rule_id() == rule && i.line == line; });
}

// Applies a diff to an item list, the way a screen would keep its own copy.
void apply_diff(std::vector<SheetItem>& items, const SheetDiff& d) {
  for (const auto& r : d.removed) {
    auto it = std::find(items.begin(), items.end(), r);
    REQUIRE(it != items.end());
    items.erase(it);
  }
  items.insert(items.end(), d.added.begin(), d.added.end());
}

bool same_set(std::vector<SheetItem> a, std::vector<SheetItem> b) {
  auto key = [](const SheetItem& x, const SheetItem& y) {
    return std::tie(x.line, x.rule, x.field) < std::tie(y.line, y.rule, y.field);
  };
  std::sort(a.begin(), a.end(), key);
  std::sort(b.begin(), b.end(), key);
  return a == b;
}

}  // namespace

TEST_CASE("a fresh validator holds the items of a full validation", "[sheet][incremental]") {
  sheet_gen::Prng r(7);
  Sheet s = sheet_gen::generate_sheet(r, {300, 40, 10});
  SheetValidator v(s, SheetMode::submit);
  auto full = validate_sheet(s, SheetMode::submit);
  REQUIRE(v.items() == full.items);
  REQUIRE(v.error_count() == full.errors);
  REQUIRE(v.warning_count() == full.warnings);
  REQUIRE(v.report().items == full.items);
}

TEST_CASE("typing a quantity flags the missing instrument and clearing it removes the flag", "[sheet][incremental]") {
  SheetValidator v(small_sheet(), SheetMode::draft);
  REQUIRE(v.items().empty());
  auto d = v.edit_cell(1, CellField::last_year, "12");
  REQUIRE(d.ok());
  REQUIRE(d->removed.empty());
  REQUIRE(d->added.size() == 2);
  REQUIRE(d->added[0].rule_id() == "R-INSTR-REQUIRED");
  REQUIRE(d->added[0].serial == "S1");
  REQUIRE(d->added[1].rule_id() == "R-THRESHOLD");  // 12 -> 0 (demand blank) is -100 %
  REQUIRE(d->added[1].severity == Severity::warning);
  REQUIRE(v.error_count() == 1);
  REQUIRE(v.warning_count() == 1);

  d = v.edit_cell(1, "instrument", "是");
  REQUIRE(d.ok());
  REQUIRE(d->removed.size() == 1);
  REQUIRE(d->removed[0].rule_id() == "R-INSTR-REQUIRED");
  REQUIRE(d->added.empty());

  d = v.edit_cell(1, "demand", "13");  // +8.33 %: within 30 %
  REQUIRE(d->removed.size() == 1);
  REQUIRE(d->removed[0].rule_id() == "R-THRESHOLD");
  REQUIRE(v.items().empty());

  d = v.edit_cell(1, "demand", "20");  // +66.67 %
  REQUIRE(d->added.size() == 1);
  REQUIRE(d->added[0].arg0 == 6667);
  d = v.edit_cell(1, "demand", "24");  // the same item with a new percentage: removed and added
  REQUIRE(d->removed.size() == 1);
  REQUIRE(d->added.size() == 1);
  REQUIRE(d->added[0].arg0 == 10000);
  REQUIRE(d->added[0].message_zh() == "下年度采购需求量较上年度变化 +100%，超过需求量阈值 30%，提交前须填写增降幅说明");
}

TEST_CASE("changing one line's instrument revalidates its whole 注册证 group", "[sheet][incremental]") {
  SheetValidator v(small_sheet(), SheetMode::submit);
  REQUIRE(v.edit_cell(0, "instrument", "是").ok());
  auto d = v.edit_cell(3, "instrument", "否");
  REQUIRE(d.ok());
  // A tie in CA: S0 and S3 disagree; S3 also needs the instrument statement. CB (S2) is untouched.
  REQUIRE(has(v.line_items(0), "R-INSTR-SAME-CERT", 0));
  REQUIRE(has(v.line_items(3), "R-INSTR-SAME-CERT", 3));
  REQUIRE(has(v.line_items(3), "R-CERT-NO-INSTRUMENT-DOC", 3));
  REQUIRE(d->added.size() == 3);

  d = v.edit_cell(1, "instrument", "yes");  // majority 是: only S3 stays flagged, with new counts
  REQUIRE(!has(v.line_items(0), "R-INSTR-SAME-CERT", 0));
  REQUIRE(has(v.line_items(3), "R-INSTR-SAME-CERT", 3));
  REQUIRE(v.line_items(3)[0].arg0 == 2);

  d = v.edit_cell(3, "instrument_doc", "upload:statement");
  REQUIRE(d.ok());
  REQUIRE(d->removed.size() == 1);
  REQUIRE(d->removed[0].rule_id() == "R-CERT-NO-INSTRUMENT-DOC");
  REQUIRE(v.sheet().instrument_docs.at("CA") == "upload:statement");
  REQUIRE(v.items() == validate_sheet(v.sheet(), SheetMode::submit).items);
}

TEST_CASE("mode, threshold and submission changes revalidate what they touch", "[sheet][incremental]") {
  Sheet s = small_sheet();
  s.submission = {};
  s.lines[2] = {"S2", "CB", "0", "5", Instrument::yes, ""};
  SheetValidator v(s, SheetMode::draft);
  REQUIRE(v.error_count() == 0);
  REQUIRE(v.warning_count() == 5);
  auto d = v.set_mode(SheetMode::submit);
  REQUIRE(d.removed.size() == 5);
  REQUIRE(d.added.size() == 5);
  REQUIRE(v.error_count() == 5);
  REQUIRE(v.set_mode(SheetMode::submit).empty());

  auto p = v.set_submission_field(SheetField::contact_phone, "0551-1");
  REQUIRE(p.ok());
  REQUIRE(p->added.size() == 1);
  REQUIRE(p->added[0].message_key() == "R-SUBMIT-FIELDS.contact_phone.format");
  REQUIRE(v.set_submission_field(SheetField::contact_phone, "0551-12345678")->added.empty());
  REQUIRE_FALSE(v.set_submission_field(SheetField::demand, "1").ok());

  REQUIRE(v.edit_cell(2, "last_year", "4").ok());  // 4 -> 5 is +25 %
  REQUIRE(has(v.line_items(2), "R-THRESHOLD", 2) == false);
  auto t = v.set_threshold_percent(20);
  REQUIRE(t.ok());
  REQUIRE(t->added.size() == 1);
  REQUIRE(t->added[0].rule_id() == "R-THRESHOLD");
  REQUIRE_FALSE(v.set_threshold_percent(-5).ok());
  REQUIRE(v.items() == validate_sheet(v.sheet(), SheetMode::submit).items);
}

TEST_CASE("bad edits are refused and change nothing", "[sheet][incremental]") {
  Sheet s = small_sheet();
  s.lines.push_back({"S4", "", "", "", Instrument::none, ""});
  SheetValidator v(s);
  auto e = v.edit_cell(99, "demand", "1");
  REQUIRE_FALSE(e.ok());
  REQUIRE(e.error().code == "sheet.edit.bad_line");
  e = v.edit_cell(0, "serial", "X");
  REQUIRE(e.error().code == "sheet.edit.bad_field");
  e = v.edit_cell(0, "instrument", "maybe");
  REQUIRE(e.error().code == "sheet.json.bad_instrument");
  e = v.edit_cell(4, "instrument_doc", "upload:x");
  REQUIRE(e.error().code == "sheet.edit.no_certificate");
  REQUIRE(v.sheet() == s);
  REQUIRE(v.items() == validate_sheet(s, SheetMode::draft).items);
}

TEST_CASE("incremental validation equals full validation after any sequence of edits", "[sheet][incremental][property]") {
  // Small sheets with few 注册证, so groups, ties and majorities change often.
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    sheet_gen::Prng r(seed * 0x9E37);
    const size_t n = 1 + r.below(40);
    Sheet s = sheet_gen::generate_sheet(r, {n, 60, 30});
    SheetMode mode = r.chance(50) ? SheetMode::draft : SheetMode::submit;
    SheetValidator v(s, mode);
    std::vector<SheetItem> mirror = v.items();
    for (int step = 0; step < 150; ++step) {
      const auto edit = sheet_gen::random_edit(r, v.sheet());
      SheetDiff d;
      if (!sheet_gen::apply_edit(v, edit, &d)) continue;
      apply_diff(mirror, d);
      const auto full = validate_sheet(v.sheet(), v.mode());
      const auto items = v.items();
      INFO("seed " << seed << " step " << step);
      REQUIRE(items == full.items);
      REQUIRE(v.error_count() == full.errors);
      REQUIRE(v.warning_count() == full.warnings);
      REQUIRE(same_set(mirror, full.items));
    }
  }
}

TEST_CASE("a quantity edit touches only its own line's items", "[sheet][incremental]") {
  sheet_gen::Prng r(99);
  Sheet s = sheet_gen::generate_sheet(r, {2000, 50, 10});
  SheetValidator v(s, SheetMode::draft);
  auto d = v.edit_cell(1234, CellField::demand, "abc");
  REQUIRE(d.ok());
  for (const auto& it : d->added) REQUIRE(it.line == 1234);
  for (const auto& it : d->removed) REQUIRE(it.line == 1234);
  REQUIRE(has(v.line_items(1234), "R-QTY-FORMAT", 1234));
}
