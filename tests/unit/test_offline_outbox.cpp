// The offline queue (core/offline/outbox.hpp): which writes may be kept offline, and how queued changes
// follow each other when the server accepts, refuses or answers them again.
#include <catch_amalgamated.hpp>

#include "core/offline/outbox.hpp"
#include "core/offline/sheet_outbox.hpp"

using namespace ivd;
using nlohmann::json;

namespace {

ApiCall call(const char* method, const char* path, json body = json::object()) {
  ApiCall c;
  c.method = method;
  c.path = path;
  c.body = std::move(body);
  return c;
}
OutboxEntry entry(const char* id, ApiCall c, int64_t local_id = 0, int64_t local_revision = 0) {
  OutboxEntry e;
  e.change_id = id;
  e.call = std::move(c);
  e.created_at = 1000;
  e.local_id = local_id;
  e.local_revision = local_revision;
  return e;
}
json draft(int64_t revision, const char* value) {
  return {{"revision", revision}, {"lines", json::array({{{"serial", "S1"}, {"last_year", value}}})}};
}

}  // namespace

TEST_CASE("offline writes: 暂存 and feedback drafts are queued, everything else needs the server", "[offline]") {
  CHECK(offline_write_kind(call("GET", "/ivd/projects/3/sheet")) == OfflineWrite::read);
  CHECK(offline_write_kind(call("POST", "/ivd/projects/3/sheet/draft")) == OfflineWrite::queued);
  CHECK(offline_write_kind(call("POST", "/ivd/projects/3/sheet/submit")) == OfflineWrite::needs_server);
  CHECK(offline_write_kind(call("POST", "/ivd/projects/x/sheet/draft")) == OfflineWrite::needs_server);
  CHECK(offline_write_kind(call("POST", "/supply/feedback", {{"submit", false}})) == OfflineWrite::queued);
  CHECK(offline_write_kind(call("POST", "/supply/feedback", {{"submit", true}})) == OfflineWrite::needs_server);
  CHECK(offline_write_kind(call("PUT", "/supply/feedback/12")) == OfflineWrite::queued);
  CHECK(offline_write_kind(call("PUT", "/supply/feedback/12", {{"submit", true}})) == OfflineWrite::needs_server);
  for (const char* path : {"/supply/feedback/12/submit", "/supply/feedback/12/withdraw", "/supply/files", "/ivd/files",
                           "/users", "/ivd/projects/3/city-review", "/exports", "/auth/change-password"})
    CHECK(offline_write_kind(call("POST", path)) == OfflineWrite::needs_server);
  CHECK(outbox_target(call("POST", "/ivd/projects/3/sheet/draft")) == "/ivd/projects/3/sheet");
  CHECK(outbox_target(call("POST", "/ivd/projects/3/sheet/submit")) == "/ivd/projects/3/sheet");
  CHECK(outbox_target(call("POST", "/supply/feedback/12/submit")) == "/supply/feedback/12");
}

TEST_CASE("outbox: a change not yet sent is replaced by the newer one of its target, a sent one is not", "[offline]") {
  Outbox box;
  box.add(entry("a", call("POST", "/ivd/projects/3/sheet/draft", draft(5, "1"))));
  box.add(entry("b", call("POST", "/ivd/projects/3/sheet/draft", draft(5, "12"))));
  REQUIRE(box.size() == 1);
  CHECK(box.entries()[0].change_id == "b");
  CHECK(box.entries()[0].call.body["lines"][0]["last_year"] == "12");
  CHECK(box.entries()[0].created_at == 1000);
  // Another target is its own entry; once sent (answer unknown) it is never replaced.
  box.add(entry("c", call("POST", "/ivd/projects/4/sheet/draft", draft(2, "7"))));
  REQUIRE(box.size() == 2);
  Outbox sent(box.entries());
  auto first = sent.entries();
  first[0].attempted = true;
  Outbox flapped(first);
  flapped.add(entry("d", call("POST", "/ivd/projects/3/sheet/draft", draft(5, "123"))));
  CHECK(flapped.size() == 3);
  // Two new drafts are two drafts.
  Outbox drafts;
  drafts.add(entry("n1", call("POST", "/supply/feedback", {{"description", "a"}}), 40));
  drafts.add(entry("n2", call("POST", "/supply/feedback", {{"description", "b"}}), 41));
  CHECK(drafts.size() == 2);
}

TEST_CASE("outbox: accepted changes are removed and the later ones of the target follow them", "[offline]") {
  // The first 暂存 went up and its answer was lost; the second started from the same base revision.
  std::vector<OutboxEntry> list{entry("a", call("POST", "/ivd/projects/3/sheet/draft", draft(5, "1"))),
                                entry("b", call("POST", "/ivd/projects/3/sheet/draft", draft(5, "12"))),
                                entry("c", call("POST", "/ivd/projects/4/sheet/draft", draft(5, "9")))};
  list[0].attempted = true;
  Outbox box(list);
  REQUIRE(box.next() == 0u);
  box.accepted(0, {{"sheet", {{"revision", 6}}}, {"report", json::object()}});
  REQUIRE(box.size() == 2);
  CHECK(box.entries()[0].change_id == "b");
  CHECK(box.entries()[0].call.body["revision"] == 6);  // the same target follows
  CHECK(box.entries()[1].call.body["revision"] == 5);  // another sheet does not

  // A draft created offline (local id 40, local revision 1), then edited offline twice.
  Outbox drafts;
  drafts.add(entry("n", call("POST", "/supply/feedback", {{"description", "a"}}), 40, 1));
  drafts.add(entry("e1", call("PUT", "/supply/feedback/40", {{"revision", 1}, {"description", "b"}}), 0, 2));
  REQUIRE(drafts.size() == 2);
  drafts.accepted(0, {{"id", 900}, {"revision", 1}, {"status", "draft"}});
  REQUIRE(drafts.size() == 1);
  CHECK(drafts.entries()[0].call.path == "/supply/feedback/900");
  CHECK(drafts.entries()[0].call.body["revision"] == 1);
  // The server numbers differently from the local copy: a later change that started from the local
  // copy's answer follows the server's.
  Outbox edits;
  edits.add(entry("e1", call("PUT", "/supply/feedback/7", {{"revision", 3}, {"description", "b"}}), 0, 4));
  auto two = edits.entries();
  two[0].attempted = true;
  two.push_back(entry("e2", call("PUT", "/supply/feedback/7", {{"revision", 4}, {"description", "c"}}), 0, 5));
  Outbox chained(two);
  chained.accepted(0, {{"id", 7}, {"revision", 9}});
  CHECK(chained.entries()[0].call.body["revision"] == 9);
}

TEST_CASE("outbox: a refused change stays with its reason and holds back its target only", "[offline]") {
  Outbox box(std::vector<OutboxEntry>{entry("a", call("POST", "/ivd/projects/3/sheet/draft", draft(5, "1"))),
                                      entry("b", call("POST", "/ivd/projects/3/sheet/draft", draft(5, "12"))),
                                      entry("c", call("POST", "/ivd/projects/4/sheet/draft", draft(2, "9"))),
                                      entry("n", call("POST", "/supply/feedback", json::object()), 40),
                                      entry("e", call("PUT", "/supply/feedback/40", {{"revision", 1}}))});
  box.refused(0, {{"code", "revision.stale"}, {"message_zh", "数据已被修改"}, {"message_en", "changed"}});
  CHECK(box.entries()[0].refused());
  CHECK(box.entries()[0].refused_code == "revision.stale");
  CHECK(box.entries()[0].refused_zh == "数据已被修改");
  CHECK(box.blocked(1));
  CHECK_FALSE(box.blocked(2));
  CHECK(box.next() == 2u);
  CHECK(box.refused_count() == 1);
  // A refused create holds back the changes of the draft it created.
  box.refused(3, {{"code", "supply.product.backup"}});
  CHECK(box.blocked(4));
  // A save of the sheet online supersedes its refused and waiting changes.
  box.superseded_by(call("POST", "/ivd/projects/3/sheet/draft"));
  REQUIRE(box.size() == 3);
  CHECK(box.entries()[0].change_id == "c");
  box.discard(1);
  CHECK(box.size() == 2);
  CHECK(box.next() == 0u);
}

TEST_CASE("outbox: the storage form round-trips and drops malformed entries", "[offline]") {
  Outbox box;
  box.add(entry("a", call("POST", "/ivd/projects/3/sheet/draft", draft(5, "1"))));
  box.add(entry("n", call("POST", "/supply/feedback", {{"description", "缺货"}}), 40, 1));
  box.refused(1, {{"code", "x"}, {"message_zh", "原因"}});
  const json stored = box.to_json();
  Outbox back = Outbox::from_json(json::parse(stored.dump()));
  CHECK(back.entries() == box.entries());
  json bad = stored;
  bad["entries"].push_back({{"method", "POST"}});
  bad["entries"].push_back(42);
  CHECK(Outbox::from_json(bad).size() == 2);
  CHECK(Outbox::from_json(json("nonsense")).empty());
  CHECK(Outbox::from_json(nullptr).empty());
}

TEST_CASE("outbox: each change is listed with what it is and where it stands", "[offline]") {
  Outbox box(std::vector<OutboxEntry>{entry("a", call("POST", "/ivd/projects/3/sheet/draft", draft(5, "1"))),
                                      entry("b", call("POST", "/ivd/projects/3/sheet/draft", draft(5, "2"))),
                                      entry("n", call("POST", "/supply/feedback", json::object()), 40),
                                      entry("e", call("PUT", "/supply/feedback/12", {{"revision", 1}}))});
  box.refused(0, {{"code", "revision.stale"}, {"message_zh", "数据已被他人修改"}, {"message_en", "changed meanwhile"}});
  CHECK(outbox_entry_label(Lang::zh, box.entries()[0]) == "报量表暂存（项目 3）");
  CHECK(outbox_entry_label(Lang::zh, box.entries()[2]) == "新增供应问题反馈（草稿）");
  CHECK(outbox_entry_label(Lang::zh, box.entries()[3]) == "编辑供应问题反馈 12（草稿）");
  CHECK(outbox_entry_state(Lang::zh, box, 0) == "服务器未接受：数据已被他人修改");
  CHECK(outbox_entry_state(Lang::en, box, 0) == "Refused by the server: changed meanwhile");
  CHECK(outbox_entry_state(Lang::zh, box, 1) == "等待前一项处理");
  CHECK(outbox_entry_state(Lang::zh, box, 2) == "待上传");
  box.retry(0);
  CHECK_FALSE(box.entries()[0].refused());
  CHECK(box.next() == 0u);
  CHECK(box.find("e") == 3u);
  CHECK_FALSE(box.find("zz"));
  box.note_local_answer(2, {{"id", 41}, {"revision", 1}});
  CHECK(box.entries()[2].local_id == 41);
  CHECK(box.entries()[2].local_revision == 1);
  box.note_local_answer(0, {{"sheet", {{"revision", 6}}}});
  CHECK(box.entries()[0].local_id == 0);
  CHECK(box.entries()[0].local_revision == 6);
}

TEST_CASE("outbox: what the browser keeps is bounded", "[offline]") {
  Outbox box;
  for (size_t i = 0; i < kMaxOutboxEntries; ++i)
    REQUIRE(box.add(entry(("n" + std::to_string(i)).c_str(), call("POST", "/supply/feedback", json::object()), 100 + i)));
  CHECK_FALSE(box.add(entry("over", call("POST", "/supply/feedback", json::object()), 999)));
  CHECK(box.size() == kMaxOutboxEntries);
  CHECK_FALSE(box.find("over"));
  // Replacing a target's unsent change is still possible at the limit.
  box.discard(0);
  REQUIRE(box.add(entry("s1", call("POST", "/ivd/projects/3/sheet/draft", draft(5, "1")))));
  CHECK(box.add(entry("s2", call("POST", "/ivd/projects/3/sheet/draft", draft(5, "2")))));
  CHECK(box.size() == kMaxOutboxEntries);
  CHECK(box.find("s2"));
}

TEST_CASE("outbox: the storage line", "[offline]") {
  CHECK(byte_size_text(0) == "0 B");
  CHECK(byte_size_text(1023) == "1023 B");
  CHECK(byte_size_text(1024) == "1.0 KB");
  CHECK(byte_size_text(764 * 1024 + 100) == "764 KB");
  CHECK(byte_size_text(1258291) == "1.2 MB");
  CHECK(byte_size_text(int64_t{5} * 1024 * 1024 * 1024) == "5.0 GB");
  CHECK(storage_text(Lang::zh, {782336, 3072, 2 * 1048576, int64_t{300} * 1048576}) ==
        "本机存储：离线数据 764 KB，未同步修改 3.0 KB；浏览器共占用 2.0 MB（上限 300 MB）");
}

TEST_CASE("outbox: a sheet's edits kept offline are told apart from those only typed", "[offline]") {
  Sheet base;
  base.lines.push_back(SheetLine{});
  base.lines[0].serial = "S1";
  base.lines.push_back(SheetLine{});
  base.lines[1].serial = "S2";
  WorkingCopy wc(3, 7, 5, base);
  wc.set(CellRef{"S1", SheetField::last_year}, "12");
  wc.set(CellRef{"S2", SheetField::demand}, "30");
  Outbox box;
  CHECK(sheet_edits_kept_offline(wc, box) == 0);
  CHECK_FALSE(sheet_has_kept_changes(3, box));
  box.add(entry("a", call("POST", "/ivd/projects/3/sheet/draft", wc.patch())));
  CHECK(sheet_has_kept_changes(3, box));
  CHECK_FALSE(sheet_has_kept_changes(4, box));
  CHECK(sheet_edits_kept_offline(wc, box) == 2);
  // Typed after the 暂存: that cell is only typed again; another sheet's change counts for nothing.
  wc.set(CellRef{"S2", SheetField::demand}, "31");
  wc.set(CellRef{"", SheetField::contact_name}, "张三");
  CHECK(sheet_edits_kept_offline(wc, box) == 1);
  box.add(entry("b", call("POST", "/ivd/projects/3/sheet/draft", wc.patch())));
  CHECK(sheet_edits_kept_offline(wc, box) == 3);
  Outbox other;
  other.add(entry("c", call("POST", "/ivd/projects/4/sheet/draft", wc.patch())));
  CHECK(sheet_edits_kept_offline(wc, other) == 0);
}
