// The browser's working copy of a sheet (core/ivd/sheet/working_copy.hpp): edits over a base, the
// 暂存 patch, rebase and conflicts after the server moved, the browser-storage JSON form; and the
// whole-sheet answer (GET .../sheet/full) the editor builds its Sheet from.
#include <random>

#include "core/ivd/ivd_routes.hpp"
#include "core/ivd/sheet/sheet_validator.hpp"
#include "core/ivd/sheet/working_copy.hpp"
#include "core/ivd/sheet_full.hpp"
#include "tests/unit/test_ivd_support.hpp"

using namespace ivd;
using namespace ivd::test;
using nlohmann::json;

namespace {

Sheet small_sheet() {
  Sheet s;
  s.threshold_percent = 30;
  s.lines = {{"S1", "C1", "100", "110", Instrument::yes, ""},
             {"S2", "C1", "", "", Instrument::none, ""},
             {"S3", "C2", "5", "50", Instrument::no, "翻倍"}};
  s.instrument_docs = {{"C2", "7"}};
  s.submission = {"张三", "13812345678", "", "9"};
  return s;
}

CellRef cell(std::string key, SheetField f) { return CellRef{std::move(key), f}; }

}  // namespace

TEST_CASE("cell_value reads every kind of cell, empty when absent", "[sheet][working_copy]") {
  const Sheet s = small_sheet();
  CHECK(cell_value(s, cell("S1", SheetField::last_year)) == "100");
  CHECK(cell_value(s, cell("S1", SheetField::demand)) == "110");
  CHECK(cell_value(s, cell("S1", SheetField::instrument)) == "是");
  CHECK(cell_value(s, cell("S3", SheetField::instrument)) == "否");
  CHECK(cell_value(s, cell("S2", SheetField::instrument)) == "");
  CHECK(cell_value(s, cell("S3", SheetField::change_note)) == "翻倍");
  CHECK(cell_value(s, cell("S9", SheetField::demand)) == "");
  CHECK(cell_value(s, cell("C2", SheetField::instrument_doc)) == "7");
  CHECK(cell_value(s, cell("C1", SheetField::instrument_doc)) == "");
  CHECK(cell_value(s, cell("", SheetField::contact_name)) == "张三");
  CHECK(cell_value(s, cell("", SheetField::contact_phone)) == "13812345678");
  CHECK(cell_value(s, cell("", SheetField::commitment_letter)) == "");
  CHECK(cell_value(s, cell("", SheetField::demand_attachment)) == "9");
}

TEST_CASE("set records an edit and drops it when the value is back to the base", "[sheet][working_copy]") {
  WorkingCopy w(3, 17, 5, small_sheet());
  CHECK_FALSE(w.dirty());
  w.set(cell("S1", SheetField::last_year), "120");
  CHECK(w.dirty());
  CHECK(w.edited(cell("S1", SheetField::last_year)) == "120");
  CHECK(w.current().lines[0].last_year_text == "120");
  CHECK(w.base().lines[0].last_year_text == "100");  // the base stays the server's
  w.set(cell("S1", SheetField::last_year), "100");
  CHECK_FALSE(w.dirty());
  CHECK_FALSE(w.edited(cell("S1", SheetField::last_year)));
  // Instruments compare by meaning: "yes" is the base's 是.
  w.set(cell("S1", SheetField::instrument), "yes");
  CHECK_FALSE(w.dirty());
  w.set(cell("S1", SheetField::instrument), "no");
  CHECK(w.edited(cell("S1", SheetField::instrument)) == "否");
  CHECK(w.current().lines[0].instrument == Instrument::no);
  // A value equal to an empty base (a blank line's cell) is no edit either.
  w.set(cell("S2", SheetField::demand), "");
  CHECK(w.edits().size() == 1);
}

TEST_CASE("current applies the edits of every kind of cell", "[sheet][working_copy]") {
  WorkingCopy w(3, 17, 5, small_sheet());
  w.set(cell("S2", SheetField::demand), "１，２００");
  w.set(cell("S3", SheetField::change_note), "");
  w.set(cell("C1", SheetField::instrument_doc), "12");
  w.set(cell("", SheetField::contact_phone), "0551-1234567");
  w.set(cell("", SheetField::commitment_letter), "13");
  Sheet expected = small_sheet();
  expected.lines[1].demand_text = "１，２００";
  expected.lines[2].change_note = "";
  expected.instrument_docs["C1"] = "12";
  expected.submission.contact_phone = "0551-1234567";
  expected.submission.commitment_letter = "13";
  CHECK(w.current() == expected);
}

TEST_CASE("patch sends only the edited lines with only their edited fields, file ids as numbers",
          "[sheet][working_copy]") {
  WorkingCopy w(3, 17, 5, small_sheet());
  CHECK(w.patch() == json{{"revision", 5}, {"lines", json::array()}});
  w.set(cell("S1", SheetField::demand), "130");
  w.set(cell("S1", SheetField::instrument), "否");
  w.set(cell("S3", SheetField::last_year), "");
  w.set(cell("C1", SheetField::instrument_doc), "12");
  w.set(cell("C2", SheetField::instrument_doc), "");  // removes the document
  w.set(cell("", SheetField::contact_name), "李四");
  w.set(cell("", SheetField::commitment_letter), "13");
  w.set(cell("", SheetField::demand_attachment), "");
  const json expected = json::parse(R"({
    "revision": 5,
    "lines": [{"serial": "S1", "demand": "130", "instrument": "否"}, {"serial": "S3", "last_year": ""}],
    "instrument_docs": {"C1": 12, "C2": null},
    "contact_name": "李四",
    "commitment_letter": 13,
    "demand_attachment": null
  })");
  CHECK(w.patch() == expected);
  // What the server's parser accepts (sheet_patch_from_json, the 暂存 route's reader).
  auto parsed = sheet_patch_from_json(w.patch());
  REQUIRE(parsed.ok());
  CHECK(parsed->revision == 5);
  REQUIRE(parsed->lines.size() == 2);
  CHECK(parsed->lines[0].demand == "130");
  CHECK(parsed->lines[0].instrument == Instrument::no);
  CHECK_FALSE(parsed->lines[0].last_year);
  CHECK(parsed->lines[1].last_year == "");
  CHECK(parsed->commitment_letter == std::optional<std::optional<int64_t>>(13));
  REQUIRE(parsed->demand_attachment);
  CHECK_FALSE(*parsed->demand_attachment);
  CHECK_FALSE(parsed->contact_phone);
}

TEST_CASE("rebase takes the server's sheet and keeps the edits made since the patch", "[sheet][working_copy]") {
  WorkingCopy w(3, 17, 5, small_sheet());
  w.set(cell("S1", SheetField::demand), "130");
  const json sent = w.patch();
  w.set(cell("S2", SheetField::last_year), "8");  // typed while the save was on its way
  Sheet server = small_sheet();
  server.lines[0].demand_text = "130";  // the server stored the patch
  w.rebase(6, server);
  CHECK(w.revision() == 6);
  CHECK(w.base() == server);
  CHECK(w.edits().size() == 1);
  CHECK(w.edited(cell("S2", SheetField::last_year)) == "8");
  CHECK(w.patch() == json{{"revision", 6}, {"lines", {{{"serial", "S2"}, {"last_year", "8"}}}}});
  CHECK(sent["revision"] == 5);
}

TEST_CASE("a value typed back to the base while the save is on its way is not lost", "[sheet][working_copy]") {
  WorkingCopy w(3, 17, 5, small_sheet());
  w.set(cell("S1", SheetField::demand), "130");
  const json sent = w.patch();
  w.set(cell("S1", SheetField::demand), "110");  // back to the base's value, before the answer
  CHECK(w.edited(cell("S1", SheetField::demand)) == "110");
  Sheet server = small_sheet();
  server.lines[0].demand_text = "130";  // what the save stored
  w.rebase(6, server);
  CHECK(w.current().lines[0].demand_text == "110");
  CHECK(w.patch() == json{{"revision", 6}, {"lines", {{{"serial", "S1"}, {"demand", "110"}}}}});
  // Without a save in between, typing the base's value back is no edit.
  WorkingCopy v(3, 17, 5, small_sheet());
  v.set(cell("S1", SheetField::demand), "130");
  v.set(cell("S1", SheetField::demand), "110");
  CHECK_FALSE(v.dirty());
  CHECK(sent["lines"][0]["demand"] == "130");
}

TEST_CASE("conflicts lists only cells both sides moved to different values", "[sheet][working_copy]") {
  WorkingCopy w(3, 17, 5, small_sheet());
  w.set(cell("S1", SheetField::demand), "130");         // server moved it elsewhere: conflict
  w.set(cell("S1", SheetField::last_year), "90");       // server moved it to the same value: none
  w.set(cell("S3", SheetField::change_note), "说明");   // server did not move it: none
  w.set(cell("", SheetField::contact_name), "李四");    // server moved it elsewhere: conflict
  Sheet server = small_sheet();
  server.lines[0].demand_text = "140";
  server.lines[0].last_year_text = "90";
  server.lines[1].demand_text = "3";  // moved, but not edited here: no conflict
  server.submission.contact_name = "王五";
  const auto cs = w.conflicts(server);
  REQUIRE(cs.size() == 2);
  CHECK(cs[0].cell == cell("", SheetField::contact_name));
  CHECK(cs[0].base == "张三");
  CHECK(cs[0].mine == "李四");
  CHECK(cs[0].theirs == "王五");
  CHECK(cs[1].cell == cell("S1", SheetField::demand));
  CHECK(cs[1].base == "110");
  CHECK(cs[1].mine == "130");
  CHECK(cs[1].theirs == "140");
  CHECK(w.conflicts(small_sheet()).empty());
}

TEST_CASE("resolve applies the clerk's choice per conflicting cell", "[sheet][working_copy]") {
  WorkingCopy w(3, 17, 5, small_sheet());
  w.set(cell("S1", SheetField::demand), "130");
  w.set(cell("", SheetField::contact_name), "李四");
  w.set(cell("S3", SheetField::change_note), "说明");
  Sheet server = small_sheet();
  server.lines[0].demand_text = "140";
  server.submission.contact_name = "王五";
  w.resolve(7, server, {{cell("S1", SheetField::demand), true}, {cell("", SheetField::contact_name), false}});
  CHECK(w.revision() == 7);
  CHECK(w.base() == server);
  CHECK(w.edited(cell("S1", SheetField::demand)) == "130");  // mine kept
  CHECK_FALSE(w.edited(cell("", SheetField::contact_name)));  // theirs taken
  CHECK(w.edited(cell("S3", SheetField::change_note)) == "说明");  // not in conflict: kept
  const Sheet now = w.current();
  CHECK(now.lines[0].demand_text == "130");
  CHECK(now.submission.contact_name == "王五");
  CHECK(now.lines[2].change_note == "说明");
  CHECK(w.conflicts(server).empty());
}

TEST_CASE("a value the clerk sent earlier that reached the server is no conflict, also after a reload",
          "[sheet][working_copy]") {
  // Offline: 暂存 kept (the patch sends 1001), the clerk types on (1005); meanwhile the kept change
  // reached the server, which now holds the clerk's own 1001.
  WorkingCopy w(3, 17, 5, small_sheet());
  w.set(cell("S1", SheetField::demand), "1001");
  (void)w.patch();
  w.set(cell("S1", SheetField::demand), "1005");
  w.set(cell("S3", SheetField::change_note), "说明");
  Sheet server = small_sheet();
  server.lines[0].demand_text = "1001";
  server.lines[2].change_note = "别人的说明";  // somebody else's change: still a conflict
  auto stored = WorkingCopy::from_json(json::parse(w.to_json().dump()));
  REQUIRE(stored.ok());
  for (const WorkingCopy* copy : {&w, &*stored}) {
    const auto cs = copy->conflicts(server);
    REQUIRE(cs.size() == 1);
    CHECK(cs[0].cell == cell("S3", SheetField::change_note));
  }
  stored->rebase(6, server);
  CHECK(stored->edited(cell("S1", SheetField::demand)) == "1005");  // the later typing stays
  CHECK(stored->edited(cell("S3", SheetField::change_note)) == "说明");
  // Once on the server's base, what was sent before is forgotten: 1001 again from elsewhere conflicts.
  CHECK_FALSE(stored->to_json().contains("sent"));
  Sheet later = server;
  later.lines[0].demand_text = "1001";
  later.lines[0].last_year_text = "1";
  stored->set(cell("S1", SheetField::last_year), "2");
  CHECK(stored->conflicts(later).size() == 1);
  // A malformed "sent" is refused like any other part.
  json bad = w.to_json();
  bad["sent"] = json::array({{{"key", "S1"}, {"field", "demand"}, {"values", {1}}}});
  CHECK_FALSE(WorkingCopy::from_json(bad).ok());
  bad["sent"] = "x";
  CHECK(WorkingCopy::from_json(bad).error().field == "sent");
}

TEST_CASE("the working copy survives a JSON round trip", "[sheet][working_copy]") {
  WorkingCopy w(3, 17, 5, small_sheet());
  w.set(cell("S1", SheetField::demand), "１，３００");
  w.set(cell("S2", SheetField::instrument), "否");
  w.set(cell("C1", SheetField::instrument_doc), "12");
  w.set(cell("", SheetField::contact_phone), "0551-1234567");
  const json j = w.to_json();
  auto back = WorkingCopy::from_json(json::parse(j.dump()));
  REQUIRE(back.ok());
  CHECK(back->project_id() == 3);
  CHECK(back->hospital_id() == 17);
  CHECK(back->revision() == 5);
  CHECK(back->base() == w.base());
  CHECK(back->edits() == w.edits());
  CHECK(back->current() == w.current());
  CHECK(back->to_json() == j);
}

TEST_CASE("a malformed stored working copy is refused with a clear error, never thrown", "[sheet][working_copy]") {
  WorkingCopy w(3, 17, 5, small_sheet());
  w.set(cell("S1", SheetField::demand), "130");
  const json good = w.to_json();
  auto refused_at = [](const json& j) -> std::string {
    auto r = WorkingCopy::from_json(j);
    if (r.ok()) return "accepted";
    CHECK(r.error().code == "sheet.draft.bad_json");
    CHECK_FALSE(r.error().message_zh.empty());
    return r.error().field;
  };
  CHECK(refused_at(json()) == "");
  CHECK(refused_at(json::array()) == "");
  CHECK(refused_at(json("text")) == "");
  auto with = [&](const std::string& path, json value) {
    json j = good;
    j[json::json_pointer(path)] = std::move(value);
    return j;
  };
  CHECK(refused_at(with("/version", 2)) == "version");
  CHECK(refused_at(with("/project_id", "3")) == "project_id");
  CHECK(refused_at(with("/revision", -1)) == "revision");
  CHECK(refused_at(with("/base", json::array())) == "base");
  CHECK(refused_at(with("/base/lines/0/instrument", "maybe")) == "base.lines[0].instrument");
  CHECK(refused_at(with("/edits", json::object())) == "edits");
  CHECK(refused_at(with("/edits/0", 5)) == "edits[0]");
  CHECK(refused_at(with("/edits/0/field", "size")) == "edits[0].field");
  CHECK(refused_at(with("/edits/0/value", 130)) == "edits[0].value");
  CHECK(refused_at(with("/edits/0/key", "")) == "edits[0].key");
  CHECK(refused_at(with("/edits/0/field", "contact_name")) == "edits[0].key");  // submission fields have no key
  CHECK(refused_at(with("/edits/0/field", "instrument")) == "edits[0].value");  // "130" is no instrument
  json twice = good;
  twice["edits"].push_back(good["edits"][0]);
  CHECK(refused_at(twice) == "edits[1]");
  json missing = good;
  missing.erase("base");
  CHECK(refused_at(missing) == "base");
  CHECK(refused_at(good) == "accepted");
}

namespace {

// The cells of small_sheet() and the values a clerk or the server may put there.
std::vector<CellRef> all_cells() {
  std::vector<CellRef> out;
  for (const char* s : {"S1", "S2", "S3"})
    for (SheetField f : {SheetField::last_year, SheetField::demand, SheetField::instrument, SheetField::change_note})
      out.push_back({s, f});
  out.push_back({"C1", SheetField::instrument_doc});
  out.push_back({"C2", SheetField::instrument_doc});
  for (SheetField f : {SheetField::contact_name, SheetField::contact_phone, SheetField::commitment_letter,
                       SheetField::demand_attachment})
    out.push_back({"", f});
  return out;
}
std::vector<std::string> values_for(SheetField f) {
  switch (f) {
    case SheetField::last_year:
    case SheetField::demand: return {"", "1", "100", "1,200", "x"};
    case SheetField::instrument: return {"", "是", "否"};
    case SheetField::instrument_doc:
    case SheetField::commitment_letter:
    case SheetField::demand_attachment: return {"", "7", "9", "12"};
    default: return {"", "a", "说明", "张三"};
  }
}
// Writes value into the sheet's cell (the test's own, independent of WorkingCopy::current).
void put(Sheet& s, const CellRef& c, const std::string& v) {
  for (auto& l : s.lines) {
    if (l.serial != c.key) continue;
    if (c.field == SheetField::last_year) l.last_year_text = v;
    if (c.field == SheetField::demand) l.demand_text = v;
    if (c.field == SheetField::change_note) l.change_note = v;
    if (c.field == SheetField::instrument) l.instrument = v == "是" ? Instrument::yes : v == "否" ? Instrument::no : Instrument::none;
  }
  if (c.field == SheetField::instrument_doc) {
    if (v.empty()) s.instrument_docs.erase(c.key);
    else s.instrument_docs[c.key] = v;
  }
  if (c.field == SheetField::contact_name) s.submission.contact_name = v;
  if (c.field == SheetField::contact_phone) s.submission.contact_phone = v;
  if (c.field == SheetField::commitment_letter) s.submission.commitment_letter = v;
  if (c.field == SheetField::demand_attachment) s.submission.demand_attachment = v;
}

}  // namespace

TEST_CASE("property: after any edits and server moves, keeping mine loses nothing typed", "[sheet][working_copy]") {
  std::mt19937 rng(20261130);
  const auto cells = all_cells();
  // mt19937's output is the same everywhere (distributions are not): native and wasm run the same cases.
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  for (int run = 0; run < 500; ++run) {
    Sheet base = small_sheet();
    // Some docs present in the base, to cover removal too.
    for (int k = 0; k < 3; ++k) {
      const CellRef& c = cells[pick(cells.size())];
      auto vs = values_for(c.field);
      put(base, c, vs[pick(vs.size())]);
    }
    WorkingCopy w(1, 2, 10, base);
    std::map<CellRef, std::string> typed;  // the clerk's last value per cell
    const size_t edits = pick(12);
    for (size_t k = 0; k < edits; ++k) {
      const CellRef& c = cells[pick(cells.size())];
      auto vs = values_for(c.field);
      const std::string v = vs[pick(vs.size())];
      w.set(c, v);
      typed[c] = v;
    }
    Sheet server = base;
    const size_t moves = pick(12);
    for (size_t k = 0; k < moves; ++k) {
      const CellRef& c = cells[pick(cells.size())];
      auto vs = values_for(c.field);
      put(server, c, vs[pick(vs.size())]);
    }
    // Every conflict names a cell the clerk typed into, with the clerk's value.
    std::map<CellRef, bool> keep;
    for (const auto& cf : w.conflicts(server)) {
      REQUIRE(typed.count(cf.cell));
      CHECK(cf.mine == typed[cf.cell]);
      CHECK(cf.theirs != cf.base);
      CHECK(cf.theirs != cf.mine);
      keep[cf.cell] = true;
    }
    w.resolve(11, server, keep);
    // Expected: the server's sheet with every cell the clerk changed (from what they saw) set to
    // what they typed last.
    Sheet expected = server;
    for (const auto& [c, v] : typed)
      if (v != cell_value(base, c)) put(expected, c, v);
    REQUIRE(w.current() == expected);
    for (const auto& [c, v] : typed)
      if (v != cell_value(base, c)) CHECK(cell_value(w.current(), c) == v);
    CHECK(w.conflicts(server).empty());
    // And the stored form keeps all of it.
    auto back = WorkingCopy::from_json(w.to_json());
    REQUIRE(back.ok());
    CHECK(back->current() == expected);
  }
}

// ---- the whole-sheet route and a WorkingCopy patch through the real 暂存 route ---------------------
namespace {

struct ApiWorld : World {
  Api api{db, svc};
  std::map<std::string, Actor> sessions;

  ApiWorld() {
    register_ivd_routes(api);
    for (const Actor* a : {&super_admin, &prov_ah, &prov_js, &city_hf, &city_wh, &city_nj, &sbj_ah, &hosp1, &hosp2,
                           &hosp3, &hosp4, &hosp5})
      sessions[a->username] = *a;
    api.set_session_resolver([this](Db&, Services&, const std::string& token) -> Result<Actor> {
      auto it = sessions.find(token);
      if (it == sessions.end()) return make_error(ErrorKind::unauthorized, "auth.not_logged_in");
      return it->second;
    });
  }
  ApiResponse call(const std::string& method, const std::string& path, const std::string& token,
                   const json& body = nullptr, std::map<std::string, std::string> query = {}) {
    return api.handle({method, path, body.is_null() ? "" : body.dump(), std::move(query), token});
  }
  std::string pid() const { return std::to_string(project_id); }
  FullSheet full(const std::string& path, const std::string& token) {
    auto r = call("GET", path, token);
    if (r.status != 200) FAIL("GET " << path << ": " << r.status << " " << r.body.dump());
    auto f = full_sheet_from_json(r.body);
    if (!f) FAIL("full sheet: " << f.error().field);
    return *f;
  }
};

}  // namespace

TEST_CASE("a WorkingCopy patch is accepted by the 暂存 route and the re-read sheet equals current()",
          "[sheet][working_copy][api]") {
  ApiWorld w;
  const std::string own = "/ivd/projects/" + w.pid() + "/sheet";
  FullSheet first = w.full(own + "/full", "H1");
  CHECK(first.lines.size() == 8);
  WorkingCopy wc(w.project_id, w.h1, first.sheet.header.revision, to_sheet(first));
  CHECK(wc.base().lines.size() == 8);
  const int64_t doc = w.upload(w.hosp1, pdf_bytes("doc"));
  const int64_t letter = w.upload(w.hosp1, pdf_bytes("letter"));
  wc.set(cell("S001", SheetField::last_year), "1,200");
  wc.set(cell("S001", SheetField::demand), "１３００");
  wc.set(cell("S001", SheetField::instrument), "是");
  wc.set(cell("S004", SheetField::instrument), "否");
  wc.set(cell("S004", SheetField::change_note), "不再使用");
  wc.set(cell("C2", SheetField::instrument_doc), std::to_string(doc));
  wc.set(cell("", SheetField::contact_name), "张三");
  wc.set(cell("", SheetField::contact_phone), "13812345678");
  wc.set(cell("", SheetField::commitment_letter), std::to_string(letter));
  const Sheet expected = wc.current();
  auto saved = w.call("POST", own + "/draft", "H1", wc.patch());
  if (saved.status != 200) FAIL(saved.body.dump());
  CHECK(saved.body["sheet"]["status"] == "draft");
  const int64_t revision = saved.body["sheet"]["revision"];
  CHECK(revision > wc.revision());
  FullSheet again = w.full(own + "/full", "H1");
  CHECK(again.sheet.header.revision == revision);
  CHECK(to_sheet(again) == expected);
  REQUIRE(again.instrument_docs.size() == 1);
  CHECK(again.instrument_docs[0].certificate == "C2");
  CHECK(again.instrument_docs[0].file_id == doc);
  CHECK(again.instrument_docs[0].name == "f.pdf");
  wc.rebase(revision, to_sheet(again));
  CHECK_FALSE(wc.dirty());
  CHECK(wc.current() == expected);

  // A second round clears cells: the removed line and document are gone on the server too.
  wc.set(cell("S004", SheetField::instrument), "");
  wc.set(cell("S004", SheetField::change_note), "");
  wc.set(cell("C2", SheetField::instrument_doc), "");
  wc.set(cell("", SheetField::commitment_letter), "");
  const Sheet expected2 = wc.current();
  auto saved2 = w.call("POST", own + "/draft", "H1", wc.patch());
  if (saved2.status != 200) FAIL(saved2.body.dump());
  FullSheet third = w.full(own + "/full", "H1");
  INFO(sheet_to_json(to_sheet(third)).dump() << "\n" << sheet_to_json(expected2).dump());
  CHECK(to_sheet(third) == expected2);
  CHECK(third.instrument_docs.empty());
  CHECK(third.sheet.header.line_count == 1);

  // The editor validates the same findings the server reports (by serial; the editor's Sheet holds
  // every catalog line, the server's only the filled ones).
  auto report = validate_sheet(to_sheet(third), SheetMode::submit);
  auto server_report = validate_stored_sheet(w.db, w.project(), w.sheet(w.h1), SheetMode::submit);
  REQUIRE(server_report.ok());
  REQUIRE(report.items.size() == server_report->items.size());
  for (size_t i = 0; i < report.items.size(); ++i) {
    CHECK(report.items[i].rule_id() == server_report->items[i].rule_id());
    CHECK(report.items[i].serial == server_report->items[i].serial);
    CHECK(report.items[i].field == server_report->items[i].field);
  }
}

TEST_CASE("the whole-sheet answer holds what the paged lines route holds", "[sheet][api]") {
  ApiWorld w;
  SheetPatch p = w.valid_lines(w.sheet(w.h1).revision);
  p.lines.push_back({"S007", "12.5", "", Instrument::none, "说明"});
  REQUIRE(save_draft(w.db, w.svc, w.hosp1, w.project_id, p).ok());
  const std::string base = "/ivd/projects/" + w.pid() + "/sheet";
  FullSheet full = w.full(base + "/full", "H1");
  auto lines = w.call("GET", base + "/lines", "H1", nullptr, {{"page_size", "500"}});
  REQUIRE(lines.status == 200);
  REQUIRE(lines.body["items"].size() == full.lines.size());
  for (size_t i = 0; i < full.lines.size(); ++i) {
    SheetLineOnWire l;
    from_json(lines.body["items"][i], l);
    CHECK(l.row == full.lines[i].row);
    CHECK(l.last_year == full.lines[i].last_year);
    CHECK(l.demand == full.lines[i].demand);
    CHECK(l.instrument == full.lines[i].instrument);
    CHECK(l.change_note == full.lines[i].change_note);
  }
  CHECK(full.lines[0].last_year == "100");
  CHECK(full.lines[0].instrument == "是");
  CHECK(full.lines[6].demand == "");
  CHECK(full.lines[6].last_year == "12.5");
  // The header is the one of the sheet detail route.
  auto detail = w.call("GET", base, "H1");
  SheetHeaderOnWire h;
  from_json(detail.body, h);
  CHECK(full.sheet == h);
  // A second read is served from the cache and equal; after a save it moves.
  auto again = w.api.handle_serialised({"GET", base + "/full", "", {}, "H1"});
  REQUIRE(again.status == 200);
  CHECK(full_sheet_from_json(json::parse(again.bytes ? *again.bytes : again.body.dump())).value() == full);
  SheetPatch p2;
  p2.revision = full.sheet.header.revision;
  p2.lines.push_back({"S002", "3", std::nullopt, std::nullopt, std::nullopt});
  REQUIRE(save_draft(w.db, w.svc, w.hosp1, w.project_id, p2).ok());
  CHECK(w.full(base + "/full", "H1").lines[1].last_year == "3");
  // The wire form round-trips and is compact: one array per row.
  const json j = full;
  CHECK(j["rows"][0].is_array());
  CHECK(j["columns"].size() == 11);
  CHECK(full_sheet_from_json(j).value() == full);
}

TEST_CASE("the whole-sheet route keeps the scope of the other sheet views; unknown ids look forbidden",
          "[sheet][api]") {
  ApiWorld w;
  const std::string p = "/ivd/projects/" + w.pid();
  auto path = [&](int64_t hid) { return p + "/hospitals/" + std::to_string(hid) + "/sheet/full"; };
  // Allowed: the hospital itself, its city, its province, the super admin.
  for (const char* who : {"H1", "hf", "ah", "admin"}) {
    auto r = w.call("GET", path(w.h1), who);
    INFO(who);
    CHECK(r.status == 200);
    CHECK(r.body["rows"].size() == 8);
  }
  // Another city's admin, another province's admin, another hospital: 403 ivd.scope.forbidden.
  auto forbidden = w.call("GET", path(w.h1), "wh");
  CHECK(forbidden.status == 403);
  CHECK(forbidden.body["code"] == "ivd.scope.forbidden");
  for (const char* who : {"js", "H2", "nj"}) {
    auto r = w.call("GET", path(w.h1), who);
    INFO(who);
    CHECK(r.status == 403);
    CHECK(r.body == forbidden.body);
  }
  // An unknown hospital id answers the same.
  auto unknown = w.call("GET", path(999999), "wh");
  CHECK(unknown.status == 403);
  CHECK(unknown.body == forbidden.body);
  CHECK(w.call("GET", path(999999), "H2").body == forbidden.body);
  // The own route is for hospitals only.
  auto admin_own = w.call("GET", p + "/sheet/full", "hf");
  CHECK(admin_own.status == 403);
  // A malformed answer is refused, not thrown.
  CHECK_FALSE(full_sheet_from_json(json::array()).ok());
  json broken = w.call("GET", path(w.h1), "H1").body;
  broken["rows"][0][0] = 5;
  auto bad = full_sheet_from_json(broken);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == "request.malformed_reply");
  CHECK(bad.error().field == "rows[0][0]");
  json no_sheet = broken;
  no_sheet.erase("sheet");
  CHECK(full_sheet_from_json(no_sheet).error().field == "sheet");
}
