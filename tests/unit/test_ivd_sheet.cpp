// The hospital's sheet (SPEC §2.2; IVD manual 报量项目管理): 暂存, 提交, windows, revisions, 查询, history.
#include "core/base/i18n.hpp"
#include "tests/unit/test_ivd_support.hpp"

using namespace ivd;
using namespace ivd::test;

namespace {
std::set<std::string> rule_ids_of(const Error& e) {
  std::set<std::string> out;
  for (const auto& id : e.details["rule_ids"]) out.insert(id.get<std::string>());
  return out;
}
}  // namespace

TEST_CASE("暂存 changes only the lines and keys sent; drafts never lose data", "[ivd][sheet]") {
  World w;
  auto first = save_draft(w.db, w.svc, w.hosp1, w.project_id, w.valid_lines(1));
  REQUIRE(first.ok());
  CHECK(first->header.status == sheet_status::draft);
  CHECK(first->header.revision == 2);
  CHECK(first->header.line_count == 2);
  CHECK(first->header.sums == Sums{150, 160});

  // Second page: only S006 is sent; S001 and S004 stay. Then only the note of S001 changes.
  SheetPatch page2;
  page2.revision = 2;
  page2.lines.push_back({"S006", "10", "", Instrument::yes, std::nullopt});
  REQUIRE(save_draft(w.db, w.svc, w.hosp1, w.project_id, page2).ok());
  SheetPatch note;
  note.revision = 3;
  note.lines.push_back({"S001", std::nullopt, std::nullopt, std::nullopt, std::string("新增检测项目")});
  auto r = save_draft(w.db, w.svc, w.hosp1, w.project_id, note);
  REQUIRE(r.ok());
  auto model = load_sheet_model(w.db, w.project(), r->header);
  REQUIRE(model.ok());
  REQUIRE(model->lines.size() == 3);
  CHECK(model->lines[0].serial == "S001");
  CHECK(model->lines[0].last_year_text == "100");
  CHECK(model->lines[0].demand_text == "110");
  CHECK(model->lines[0].instrument == Instrument::yes);
  CHECK(model->lines[0].change_note == "新增检测项目");
  CHECK(model->lines[0].certificate == "C1");
  CHECK(r->header.sums == Sums{160, 160});

  // Clearing every cell of a line removes it (an empty line = the product is not used).
  SheetPatch clear;
  clear.revision = r->header.revision;
  clear.lines.push_back({"S006", "", "", Instrument::none, ""});
  auto cleared = save_draft(w.db, w.svc, w.hosp1, w.project_id, clear);
  REQUIRE(cleared.ok());
  CHECK(cleared->header.line_count == 2);
  CHECK(cleared->header.sums == Sums{150, 160});
}

TEST_CASE("暂存 keeps typed text that breaks a rule and reports it instead of refusing", "[ivd][sheet]") {
  World w;
  SheetPatch p;
  p.revision = 1;
  p.lines.push_back({"S001", "12a", "１，２００", Instrument::none, ""});  // bad format; full-width 1,200
  auto r = save_draft(w.db, w.svc, w.hosp1, w.project_id, p);
  REQUIRE(r.ok());
  std::set<std::string> rules;
  for (const auto& item : r->report.items) rules.insert(std::string(item.rule_id()));
  CHECK(rules.count("R-QTY-FORMAT") == 1);
  CHECK(rules.count("R-INSTR-REQUIRED") == 1);
  CHECK(r->report.has_errors());
  auto model = load_sheet_model(w.db, w.project(), r->header);
  CHECK(model->lines[0].last_year_text == "12a");  // as typed
  CHECK(model->lines[0].demand_text == "１，２００");
  CHECK(r->header.sums == Sums{0, 1200});  // only valid numbers count in the totals
}

TEST_CASE("the first 暂存 moves 未填报 to 暂存 and records the event", "[ivd][sheet]") {
  World w;
  REQUIRE(save_draft(w.db, w.svc, w.hosp1, w.project_id, w.valid_lines(1)).ok());
  auto events = sheet_events(w.db, w.sheet(w.h1));
  REQUIRE(events.ok());
  REQUIRE(events->size() == 1);
  CHECK(events->at(0).action == "save_draft");
  CHECK(events->at(0).from_state == "not_filled");
  CHECK(events->at(0).to_state == "draft");
  CHECK(events->at(0).actor_id == w.hosp1.user_id);
  REQUIRE(save_draft(w.db, w.svc, w.hosp1, w.project_id, w.valid_lines(2)).ok());
  CHECK(sheet_events(w.db, w.sheet(w.h1))->size() == 1);  // no status change, no event
}

TEST_CASE("a stale 暂存 is refused with revision.stale and changes nothing", "[ivd][sheet]") {
  World w;
  REQUIRE(save_draft(w.db, w.svc, w.hosp1, w.project_id, w.valid_lines(1)).ok());
  SheetPatch stale;
  stale.revision = 1;  // another tab saved in between
  stale.lines.push_back({"S001", "999", "999", Instrument::yes, ""});
  auto r = save_draft(w.db, w.svc, w.hosp1, w.project_id, stale);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "revision.stale");
  CHECK(r.error().kind == ErrorKind::conflict);
  CHECK(r.error().message_zh == "数据已被他人修改，请刷新后重试");
  auto h = w.sheet(w.h1);
  CHECK(h.revision == 2);
  CHECK(h.sums == Sums{150, 160});
  CHECK(w.city("340100").sums == Sums{150, 160});
}

TEST_CASE("提交 reruns every rule and refuses with the rule ids, keeping nothing of the request", "[ivd][sheet]") {
  World w;
  SheetPatch p;
  p.revision = 1;
  p.lines.push_back({"S001", "100", "200", Instrument::yes, ""});  // +100 % > 30 %: needs a note
  p.lines.push_back({"S002", "", "10", Instrument::no, ""});       // 否 in C1 next to 是: same-cert conflict
  p.lines.push_back({"S006", "", "5", Instrument::no, ""});        // C3 says 否: needs the instrument doc
  auto r = submit_sheet(w.db, w.svc, w.hosp1, w.project_id, p);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "ivd.sheet.submit_refused");
  CHECK(r.error().kind == ErrorKind::unprocessable);
  CHECK_FALSE(r.error().rule_id.empty());
  const auto ids = rule_ids_of(r.error());
  CHECK(ids.count("R-THRESHOLD") == 1);
  CHECK(ids.count("R-INSTR-SAME-CERT") == 1);
  CHECK(ids.count("R-CERT-NO-INSTRUMENT-DOC") == 1);
  CHECK(ids.count("R-SUBMIT-FIELDS") == 1);
  CHECK(r.error().details["report"]["mode"] == "submit");
  // Nothing of the request was kept: still 未填报 with no lines.
  auto h = w.sheet(w.h1);
  CHECK(h.status == sheet_status::not_filled);
  CHECK(h.line_count == 0);
  CHECK(h.revision == 1);
}

TEST_CASE("提交 of a sheet without any filled line is refused", "[ivd][sheet]") {
  World w;
  SheetPatch p;
  p.revision = 1;
  p.contact_name = "张三";
  auto r = submit_sheet(w.db, w.svc, w.hosp1, w.project_id, p);
  CHECK(r.error().code == "ivd.sheet.empty");
  CHECK(w.sheet(w.h1).contact_name.empty());
}

TEST_CASE("a complete sheet is submitted and can no longer be edited", "[ivd][sheet]") {
  World w;
  auto h = w.fill_and_submit(w.hosp1);
  CHECK(h.submitted_at == w.now());
  CHECK(h.contact_phone == "13812345678");
  auto again = save_draft(w.db, w.svc, w.hosp1, w.project_id, w.valid_lines(h.revision));
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == "ivd.sheet.locked");
  auto events = sheet_events(w.db, w.sheet(w.h1));
  REQUIRE(events->size() == 2);
  CHECK(events->at(1).action == "submit");
  CHECK(events->at(1).from_state == "draft");
  CHECK(events->at(1).to_state == "submitted");
}

TEST_CASE("the 承诺书 must be a PDF; the 采购需求量附件 may be an image", "[ivd][sheet]") {
  World w;
  SheetPatch p = w.valid_lines(1);
  p.commitment_letter = std::optional<int64_t>(w.upload(w.hosp1, png_bytes(), "x.png"));
  auto r = save_draft(w.db, w.svc, w.hosp1, w.project_id, p);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "ivd.file.wrong_type_pdf");
  CHECK(r.error().field == "commitment_letter");
  const int64_t foreign = w.upload(w.hosp2, pdf_bytes());  // someone else's file
  p.commitment_letter = std::optional<int64_t>(foreign);
  const Error not_yours = save_draft(w.db, w.svc, w.hosp1, w.project_id, p).error();
  CHECK(not_yours.kind == ErrorKind::forbidden);
  CHECK(not_yours.code == "ivd.file.not_yours");
  CHECK(not_yours.field == "commitment_letter");
  // An unknown id gets the same answer (the id in the message is the one sent), so ids cannot be probed.
  const int64_t unknown = foreign + 1000;
  p.commitment_letter = std::optional<int64_t>(unknown);
  const Error missing = save_draft(w.db, w.svc, w.hosp1, w.project_id, p).error();
  CHECK(missing.kind == not_yours.kind);
  CHECK(missing.code == not_yours.code);
  CHECK(missing.field == not_yours.field);
  CHECK(missing.message_en == trf(Lang::en, "ivd.file.not_yours", {std::to_string(unknown)}));
  CHECK(not_yours.message_en == trf(Lang::en, "ivd.file.not_yours", {std::to_string(foreign)}));
  CHECK(w.sheet(w.h1).revision == 1);
}

TEST_CASE("在用仪器说明文件 is stored per 注册证 and satisfies R-CERT-NO-INSTRUMENT-DOC", "[ivd][sheet]") {
  World w;
  SheetPatch p;
  p.revision = 1;
  p.lines.push_back({"S006", "", "5", Instrument::no, ""});
  p.contact_name = "李四";
  p.contact_phone = "0551-12345678";
  p.commitment_letter = std::optional<int64_t>(w.upload(w.hosp1, pdf_bytes()));
  p.demand_attachment = std::optional<int64_t>(w.upload(w.hosp1, pdf_bytes("d")));
  auto refused = submit_sheet(w.db, w.svc, w.hosp1, w.project_id, p);
  REQUIRE_FALSE(refused.ok());
  CHECK(rule_ids_of(refused.error()) == std::set<std::string>{"R-CERT-NO-INSTRUMENT-DOC", "R-THRESHOLD"});
  p.lines[0].change_note = "新开展项目";
  p.instrument_docs.emplace_back("C3", w.upload(w.hosp1, pdf_bytes("doc")));
  auto ok = submit_sheet(w.db, w.svc, w.hosp1, w.project_id, p);
  if (!ok) FAIL(ok.error().details.dump());
  CHECK(ok->header.status == sheet_status::submitted);
  SheetPatch unknown;
  unknown.revision = 1;
  unknown.instrument_docs.emplace_back("NOPE", std::nullopt);
  CHECK(save_draft(w.db, w.svc, w.hosp2, w.project_id, unknown).error().code == "ivd.sheet.unknown_certificate");
}

TEST_CASE("a line of a 流水号 not in the catalog is refused", "[ivd][sheet]") {
  World w;
  SheetPatch p;
  p.revision = 1;
  p.lines.push_back({"S001", "1", "1", Instrument::yes, ""});
  p.lines.push_back({"X999", "1", "1", Instrument::yes, ""});
  auto r = save_draft(w.db, w.svc, w.hosp1, w.project_id, p);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "ivd.sheet.unknown_serial");
  CHECK(r.error().field == "lines[1].serial");
  CHECK(w.sheet(w.h1).line_count == 0);  // S001 was not kept either
}

TEST_CASE("editing is allowed inside the filling window and after 审核不通过 until city_review_end", "[ivd][sheet]") {
  World w(false);
  ProjectInput in = w.project_input();
  in.fill_start = w.now() + kDay;
  auto p = create_project(w.db, w.svc, w.super_admin, in);
  REQUIRE(p.ok());
  w.project_id = p->id;
  REQUIRE(import_catalog_csv(w.db, w.svc, w.super_admin, p->id, kCatalogCsv).ok());
  auto early = save_draft(w.db, w.svc, w.hosp1, p->id, w.valid_lines(1));
  CHECK(early.error().code == "ivd.sheet.window_not_open");

  w.env.clock.advance(2 * kDay);  // filling
  w.fill_and_submit(w.hosp1);
  REQUIRE(review_hospital(w.db, w.svc, w.city_hf, p->id, w.h1, w.sheet(w.h1).revision, Decision::reject, "数量有误").ok());
  REQUIRE(save_draft(w.db, w.svc, w.hosp2, p->id, w.valid_lines(1)).ok());

  w.env.clock.advance(10 * kDay);  // after fill_end, before city_review_end
  auto closed = save_draft(w.db, w.svc, w.hosp2, p->id, w.valid_lines(w.sheet(w.h2).revision));
  REQUIRE_FALSE(closed.ok());
  CHECK(closed.error().code == "ivd.sheet.window_closed");
  auto corrected = save_draft(w.db, w.svc, w.hosp1, p->id, w.valid_lines(w.sheet(w.h1).revision));
  REQUIRE(corrected.ok());
  CHECK(corrected->header.status == sheet_status::rejected);  // 审核不通过 → edit → 已提交 again
  auto resubmitted = submit_sheet(w.db, w.svc, w.hosp1, p->id, w.valid_lines(corrected->header.revision));
  REQUIRE(resubmitted.ok());
  CHECK(resubmitted->header.status == sheet_status::submitted);

  REQUIRE(review_hospital(w.db, w.svc, w.city_hf, p->id, w.h1, w.sheet(w.h1).revision, Decision::reject, "仍有误").ok());
  w.env.clock.advance(10 * kDay);  // after city_review_end
  auto late = save_draft(w.db, w.svc, w.hosp1, p->id, w.valid_lines(w.sheet(w.h1).revision));
  CHECK(late.error().code == "ivd.sheet.window_closed");
}

TEST_CASE("a hospital 无需上报 cannot fill", "[ivd][sheet]") {
  World w;
  REQUIRE(exclude_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h1, 1).ok());
  CHECK(save_draft(w.db, w.svc, w.hosp1, w.project_id, w.valid_lines(2)).error().code == "ivd.sheet.not_required");
}

TEST_CASE("only the hospital itself writes its sheet", "[ivd][sheet]") {
  World w;
  auto r = save_draft(w.db, w.svc, w.city_hf, w.project_id, w.valid_lines(1));
  CHECK(r.error().code == "ivd.role.forbidden");
  Actor no_menu = w.hosp1;
  no_menu.menus.clear();
  CHECK(save_draft(w.db, w.svc, no_menu, w.project_id, w.valid_lines(1)).error().code == "ivd.role.forbidden");
}

TEST_CASE("查询 filters the sheet by catalog columns, filled lines and lines with errors", "[ivd][sheet]") {
  World w;
  SheetPatch p = w.valid_lines(1);
  p.lines.push_back({"S007", "abc", "", Instrument::yes, ""});
  auto saved = save_draft(w.db, w.svc, w.hosp1, w.project_id, p);
  REQUIRE(saved.ok());
  const Project project = w.project();
  auto q = [&](LineQuery lq) {
    auto r = query_sheet_lines(w.db, project, saved->header, lq);
    REQUIRE(r.ok());
    return *r;
  };
  LineQuery all;
  auto j = q(all);
  CHECK(j["total"] == 8);
  CHECK(j["items"][0]["serial"] == "S001");
  CHECK(j["items"][0]["last_year"] == "100");
  CHECK(j["items"][0]["instrument"] == "是");
  CHECK(j["items"][0]["change_percent"] == "+10");
  CHECK(j["items"][1]["last_year"] == "");
  LineQuery filled;
  filled.filled_only = true;
  CHECK(q(filled)["total"] == 3);
  LineQuery errors;
  errors.errors_only = true;
  auto e = q(errors);
  REQUIRE(e["total"] == 1);
  CHECK(e["items"][0]["serial"] == "S007");
  CHECK(e["items"][0]["items"][0]["rule_id"] == "R-QTY-FORMAT");
  LineQuery by_cert;
  by_cert.filter.certificate = "C4";
  CHECK(q(by_cert)["total"] == 2);
  LineQuery paged;
  paged.page = Page{3, 3};
  auto last = q(paged);
  CHECK(last["items"].size() == 2);
  LineQuery submit_mode;
  submit_mode.mode = SheetMode::submit;
  submit_mode.errors_only = true;
  CHECK(q(submit_mode)["report"]["submission_items"].size() > 0);  // contact, letters missing
}

TEST_CASE("the sheet summed by 注册证 feeds the 填报数据导出", "[ivd][sheet]") {
  World w;
  SheetPatch p = w.valid_lines(1);
  p.lines.push_back({"S002", "7", "8", Instrument::yes, ""});
  auto saved = save_draft(w.db, w.svc, w.hosp1, w.project_id, p);
  REQUIRE(saved.ok());
  auto j = sheet_by_certificate(w.db, w.project(), saved->header);
  REQUIRE(j.ok());
  REQUIRE((*j)["certificates"].size() == 2);
  CHECK((*j)["certificates"][0]["certificate"] == "C1");
  CHECK((*j)["certificates"][0]["last_year_total"] == 107);
  CHECK((*j)["certificates"][0]["demand_total"] == 118);
  CHECK((*j)["certificates"][0]["lines"].size() == 2);
  CHECK((*j)["certificates"][1]["certificate"] == "C2");
}

TEST_CASE("a malformed 暂存 body is refused naming the JSON path", "[ivd][sheet]") {
  using nlohmann::json;
  CHECK(sheet_patch_from_json(json::object()).error().field == "revision");
  auto dup = sheet_patch_from_json({{"revision", 1}, {"lines", {{{"serial", "S1"}}, {{"serial", "S1"}}}}});
  CHECK(dup.error().code == "sheet.json.duplicate_serial");
  auto inst = sheet_patch_from_json({{"revision", 1}, {"lines", {{{"serial", "S1"}, {"instrument", "maybe"}}}}});
  CHECK(inst.error().field == "lines[0].instrument");
  auto qty = sheet_patch_from_json({{"revision", 1}, {"lines", {{{"serial", "S1"}, {"demand", json::array()}}}}});
  CHECK(qty.error().field == "lines[0].demand");
  auto ok = sheet_patch_from_json({{"revision", 3},
                                   {"lines", {{{"serial", "S1"}, {"last_year", 12}, {"demand", nullptr}, {"instrument", "否"}}}},
                                   {"instrument_docs", {{"C1", 5}, {"C2", nullptr}}},
                                   {"commitment_letter", nullptr}});
  REQUIRE(ok.ok());
  CHECK(ok->lines[0].last_year == std::optional<std::string>("12"));
  CHECK(ok->lines[0].demand == std::optional<std::string>(""));
  CHECK_FALSE(ok->lines[0].change_note.has_value());
  CHECK(ok->lines[0].instrument == Instrument::no);
  CHECK(ok->instrument_docs.size() == 2);
  CHECK(ok->commitment_letter.has_value());
  CHECK_FALSE(ok->commitment_letter->has_value());
  CHECK_FALSE(ok->demand_attachment.has_value());
}
