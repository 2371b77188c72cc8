// The wire types of IVD and of the event log: to_json then from_json gives the same value, and the JSON
// the routes answer is what to_json writes.
#include "core/store/event_log.hpp"
#include "tests/unit/test_ivd_support.hpp"

using namespace ivd;
using namespace ivd::test;
using nlohmann::json;

namespace {
template <class T>
T round_trip(const T& v) {
  const json j = v;
  // Through the text as well: what a client parses is the dumped form.
  return json::parse(j.dump()).get<T>();
}
}  // namespace

TEST_CASE("an event row survives to_json and from_json", "[ivd][wire]") {
  EventRow e{7, "reject", 12, "合肥市管理员", 1'780'000'000, "submitted", "rejected", "数量有误"};
  CHECK(round_trip(e) == e);
  CHECK(json(e)["at_text"] == format_cst(e.at));
  EventRow system{8, "withdraw", 0, "", 0, "", "", ""};
  CHECK(round_trip(system) == system);
}

TEST_CASE("city and province reports survive to_json and from_json", "[ivd][wire]") {
  CityReport c;
  c.city_code = "340100";
  c.city_name = "合肥市";
  c.city_level = "city";
  c.province_code = "340000";
  c.status = city_status::rejected;
  c.hospital_count = 3;
  c.sums = {1200, 1500};
  c.submitted_at = 1'780'000'100;
  c.reviewed_at = std::nullopt;
  c.review_reason = "请核实";
  c.revision = 5;
  CHECK(round_trip(c) == c);
  ProvinceReport p;
  p.province_code = "340000";
  p.province_name = "安徽省";
  p.status = province_status::withdrawn;
  p.summary_file_id = 42;
  p.hospital_count = 9;
  p.sums = {10, 20};
  p.submitted_at = 1'780'000'200;
  p.withdrawn_at = 1'780'000'300;
  p.withdraw_reason = "补充材料";
  p.revision = 3;
  CHECK(round_trip(p) == p);
  p.summary_file_id = std::nullopt;
  p.withdrawn_at = std::nullopt;
  CHECK(round_trip(p) == p);
}

TEST_CASE("a project and a sheet header survive to_json and from_json", "[ivd][wire]") {
  World w;
  const Project project = w.project();
  const ProjectOnWire pw{project, project_status::running};
  CHECK(round_trip(pw) == pw);
  CHECK(json(pw) == project_to_json(project, w.now()));

  SheetHeader h = w.sheet(w.h1);
  h.status_before_exclusion.clear();  // not on the wire
  h.commitment_file_id = 17;
  h.submitted_at = w.now();
  SheetHeaderOnWire editable{h, project.threshold_percent, true, nullptr};
  CHECK(round_trip(editable) == editable);
  CHECK(json(editable) == sheet_header_to_json(h, project, w.now()));
  h.status = sheet_status::submitted;
  const json locked_json = sheet_header_to_json(h, project, w.now());
  const auto locked = locked_json.get<SheetHeaderOnWire>();
  CHECK_FALSE(locked.editable);
  CHECK(locked.not_editable["code"] == "ivd.sheet.locked");
  CHECK(round_trip(locked) == locked);
  CHECK(json(locked) == locked_json);
}

TEST_CASE("catalog rows and sums survive to_json and from_json", "[ivd][wire]") {
  const CatalogRow row{"S001", "生化", "肝功能", "丙氨酸氨基转移酶测定试剂盒", "2×50ml", "国械注准20193400001", "某某生物"};
  CHECK(round_trip(row) == row);
  CHECK(json(row) == catalog_row_to_json(row));
  const Sums s{1200, 1500};
  CHECK(round_trip(s) == s);
  CHECK(json(s) == sums_to_json(s));
}

TEST_CASE("a sheet report and the 填报 page's lines survive to_json and from_json", "[ivd][wire]") {
  World w;
  SheetPatch p = w.valid_lines(1);
  p.lines.push_back({"S007", "abc", "", Instrument::yes, ""});
  auto saved = save_draft(w.db, w.svc, w.hosp1, w.project_id, p);
  REQUIRE(saved.ok());
  const Project project = w.project();

  auto report = validate_stored_sheet(w.db, project, saved->header, SheetMode::submit);
  REQUIRE(report.ok());
  REQUIRE_FALSE(report->items.empty());
  const SheetReportOnWire rw = on_wire(*report);
  CHECK(round_trip(rw) == rw);
  CHECK(json(rw) == to_json(*report));
  // Submission items have no line and line items no certificate unless a rule names one: both forms
  // come back as they went.
  bool saw_submission = false, saw_line = false;
  for (const auto& it : rw.items) (it.line ? saw_line : saw_submission) = true;
  CHECK(saw_submission);
  CHECK(saw_line);

  auto page = query_sheet_lines(w.db, project, saved->header, LineQuery{});
  REQUIRE(page.ok());
  const json& items = (*page)["items"];
  REQUIRE(items.size() == 8);
  bool saw_percent = false, saw_null_percent = false;
  for (const json& j : items) {
    const auto line = j.get<SheetLineOnWire>();
    CHECK(json(line) == j);
    CHECK(round_trip(line) == line);
    (line.change_percent ? saw_percent : saw_null_percent) = true;
  }
  CHECK(saw_percent);
  CHECK(saw_null_percent);
}
