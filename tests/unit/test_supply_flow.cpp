// The supply-feedback flow (SPEC §3, docs/api-supply.md): every transition allowed and refused for each
// role and status, events, stale revisions, the deadline with its timeout on read and the sweep.
#include <functional>

#include "core/base/i18n.hpp"
#include "core/supply/feedback_flow.hpp"
#include "core/supply/feedback_query.hpp"
#include "tests/unit/test_supply_support.hpp"

using namespace ivd;
using namespace ivd::supply_test;
using nlohmann::json;

namespace {

// The statuses a feedback of H1 (product P001: 生产企业 = 申报企业 = EA, confirmed by 合肥) is brought to.
enum class Stage { draft, pending_admin, pending_enterprise, enterprise_confirmed, pending_hospital, resolved,
                   unresolved, timed_out };

int64_t bring_to(SupplyWorld& w, Stage s) {
  const int64_t id = w.create(w.hosp1, "P001", s != Stage::draft).row.id;
  if (s == Stage::draft || s == Stage::pending_admin) return id;
  w.confirm(w.city_hf, id);
  if (s == Stage::pending_enterprise) return id;
  if (s == Stage::timed_out) {
    w.env.clock.advance(8 * kDay);  // past the 5th working day
    return id;
  }
  w.answer(w.ent_a, id, /*submit=*/s != Stage::enterprise_confirmed);
  if (s == Stage::enterprise_confirmed || s == Stage::pending_hospital) return id;
  w.outcome(w.hosp1, id, s == Stage::resolved);
  return id;
}

struct Attempt {
  const char* action;
  SupplySide side;  // the side the action belongs to
  std::function<Status(SupplyWorld&, const Actor&, int64_t id, int64_t rev)> run;
};

Status status_of(const Result<FeedbackDetail>& r) { return r.ok() ? ok_status() : Status(r.error()); }

const std::vector<Attempt>& attempts() {
  static const std::vector<Attempt> all = {
      {"edit", SupplySide::hospital,
       [](SupplyWorld& w, const Actor& a, int64_t id, int64_t rev) {
         FeedbackInput in = w.input("P001");
         in.description = "改过的描述";
         return status_of(update_feedback(w.db, w.svc, a, id, rev, in, false));
       }},
      {"submit", SupplySide::hospital,
       [](SupplyWorld& w, const Actor& a, int64_t id, int64_t rev) { return status_of(submit_feedback(w.db, w.svc, a, id, rev)); }},
      {"withdraw", SupplySide::hospital,
       [](SupplyWorld& w, const Actor& a, int64_t id, int64_t rev) { return status_of(withdraw_feedback(w.db, w.svc, a, id, rev)); }},
      {"confirm", SupplySide::reviewer,
       [](SupplyWorld& w, const Actor& a, int64_t id, int64_t rev) {
         ReviewInput in{ReviewDecision::confirm, w.upload(a, "interview"), ""};
         return status_of(review_feedback(w.db, w.svc, a, id, rev, in));
       }},
      {"return", SupplySide::reviewer,
       [](SupplyWorld& w, const Actor& a, int64_t id, int64_t rev) {
         ReviewInput in{ReviewDecision::ret, std::nullopt, "请补充订单号"};
         return status_of(review_feedback(w.db, w.svc, a, id, rev, in));
       }},
      {"answer", SupplySide::enterprise,
       [](SupplyWorld& w, const Actor& a, int64_t id, int64_t rev) {
         return status_of(answer_feedback(w.db, w.svc, a, id, rev, "已补货", false));
       }},
      {"answer_submit", SupplySide::enterprise,
       [](SupplyWorld& w, const Actor& a, int64_t id, int64_t rev) {
         return status_of(answer_feedback(w.db, w.svc, a, id, rev, "已补货", true));
       }},
      {"deliver", SupplySide::enterprise,
       [](SupplyWorld& w, const Actor& a, int64_t id, int64_t rev) { return status_of(deliver_feedback(w.db, w.svc, a, id, rev)); }},
      {"outcome", SupplySide::hospital,
       [](SupplyWorld& w, const Actor& a, int64_t id, int64_t rev) {
         return status_of(record_outcome(w.db, w.svc, a, id, rev, true, ""));
       }},
  };
  return all;
}

}  // namespace

TEST_CASE("every action is allowed to its one role in its one status and refused everywhere else", "[supply][flow]") {
  // Which (stage, action) may happen, and who does it; everything else is refused with nothing written.
  const std::map<std::pair<Stage, std::string>, std::string> allowed = {
      {{Stage::draft, "edit"}, "H1"},
      {{Stage::draft, "submit"}, "H1"},
      {{Stage::pending_admin, "withdraw"}, "H1"},
      {{Stage::pending_admin, "confirm"}, "hf"},
      {{Stage::pending_admin, "return"}, "hf"},
      {{Stage::pending_enterprise, "answer"}, "EA"},
      {{Stage::pending_enterprise, "answer_submit"}, "EA"},
      {{Stage::enterprise_confirmed, "deliver"}, "EA"},
      {{Stage::pending_hospital, "outcome"}, "H1"},
  };
  const std::map<Stage, const char*> expected_status = {
      {Stage::draft, "draft"},
      {Stage::pending_admin, "pending_admin"},
      {Stage::pending_enterprise, "pending_enterprise"},
      {Stage::enterprise_confirmed, "enterprise_confirmed"},
      {Stage::pending_hospital, "pending_hospital"},
      {Stage::resolved, "resolved"},
      {Stage::unresolved, "unresolved"},
      {Stage::timed_out, "unresolved"},
  };
  int allowed_seen = 0, refused_seen = 0;
  for (Stage stage : {Stage::draft, Stage::pending_admin, Stage::pending_enterprise, Stage::enterprise_confirmed,
                      Stage::pending_hospital, Stage::resolved, Stage::unresolved, Stage::timed_out}) {
    SupplyWorld w;
    const int64_t id = bring_to(w, stage);
    auto detail = feedback_detail(w.db, w.svc, w.hosp1, menu::supply_feedback, id);
    REQUIRE(detail.ok());
    CHECK(detail->row.status == expected_status.at(stage));
    CHECK(detail->row.timed_out == (stage == Stage::timed_out));
    const std::vector<const Actor*> everyone = {&w.super_admin, &w.prov_ah, &w.prov_js, &w.city_hf, &w.city_wh,
                                                &w.city_nj,     &w.sbj_ah,  &w.hosp1,   &w.hosp2,   &w.hosp3,
                                                &w.hosp4,       &w.hosp5,   &w.ent_a,   &w.ent_b,   &w.ent_c};
    for (const Actor* actor : everyone) {
      for (const Attempt& at : attempts()) {
        INFO("stage " << expected_status.at(stage) << (stage == Stage::timed_out ? " (timed out)" : "") << ", "
                      << actor->username << " tries " << at.action);
        REQUIRE(w.db.exec("SAVEPOINT attempt").ok());
        const std::string before = w.snapshot();
        const int64_t rev = w.record(id).revision;
        const Status r = at.run(w, *actor, id, rev);
        auto it = allowed.find({stage, at.action});
        const bool should = it != allowed.end() && it->second == actor->username;
        if (should) {
          if (!r.ok()) FAIL(r.error().code);
          ++allowed_seen;
          CHECK(w.count("SELECT count(*) FROM events WHERE entity = 'supply_feedback' AND entity_id = '" +
                        std::to_string(id) + "' AND actor_id = " + std::to_string(actor->user_id)) > 0);
        } else {
          REQUIRE_FALSE(r.ok());
          ++refused_seen;
          CHECK(w.snapshot() == before);
          // The kind of refusal: not this role's action (or no supply side at all), not in its scope,
          // or not now.
          const bool own_side = supply_side(*actor, menu::supply_feedback) == at.side;
          const bool visible = check_feedback_visible(*actor, menu::supply_feedback, w.record(id).scope()).ok();
          if (!own_side) CHECK(r.error().code == "supply.role.forbidden");
          else if (!visible) CHECK(r.error().code == "supply.scope.forbidden");
          else CHECK(http_status(r.error().kind) == 409);
          if (own_side && visible && stage == Stage::timed_out && at.side == SupplySide::enterprise)
            CHECK(r.error().code == "supply.feedback.timed_out");
        }
        REQUIRE(w.db.exec("ROLLBACK TO attempt").ok());
        REQUIRE(w.db.exec("RELEASE attempt").ok());
      }
    }
  }
  CHECK(allowed_seen == 9);
  CHECK(refused_seen == 8 * 15 * 9 - 9);
}

TEST_CASE("wrong-status refusals name what the action needs", "[supply][flow]") {
  SupplyWorld w;
  const int64_t id = bring_to(w, Stage::pending_enterprise);
  auto withdraw = withdraw_feedback(w.db, w.svc, w.hosp1, id, w.record(id).revision);
  CHECK(withdraw.error().code == "supply.feedback.not_withdrawable");
  CHECK(withdraw.error().message_zh == "管理机构已处理该反馈，不能撤回");
  CHECK(update_feedback(w.db, w.svc, w.hosp1, id, w.record(id).revision, w.input("P001"), false).error().code ==
        "supply.feedback.not_editable");
  CHECK(deliver_feedback(w.db, w.svc, w.ent_a, id, w.record(id).revision).error().code == "supply.feedback.not_confirmed");
  CHECK(record_outcome(w.db, w.svc, w.hosp1, id, w.record(id).revision, true, "").error().code ==
        "supply.feedback.not_pending_hospital");
  ReviewInput confirm{ReviewDecision::confirm, w.upload(w.city_hf), ""};
  CHECK(review_feedback(w.db, w.svc, w.city_hf, id, w.record(id).revision, confirm).error().code ==
        "supply.feedback.not_pending_admin");
}

TEST_CASE("the whole flow records who, when, from, to and why", "[supply][flow]") {
  SupplyWorld w;
  const int64_t id = w.create(w.hosp1, "P001", false).row.id;
  w.env.clock.advance(60);
  REQUIRE(submit_feedback(w.db, w.svc, w.hosp1, id, w.record(id).revision).ok());
  ReviewInput ret{ReviewDecision::ret, std::nullopt, "  请补充订单号  "};
  auto returned = review_feedback(w.db, w.svc, w.city_hf, id, w.record(id).revision, ret);
  REQUIRE(returned.ok());
  CHECK(returned->row.status == "draft");
  CHECK(returned->return_reason == "请补充订单号");
  CHECK(returned->row.actions == std::vector<std::string>{});  // the admin has nothing to do with a draft
  auto edited = update_feedback(w.db, w.svc, w.hosp1, id, w.record(id).revision, w.input("P002"), /*submit=*/true);
  REQUIRE(edited.ok());
  CHECK(edited->row.status == "pending_admin");
  CHECK(edited->row.serial == "P002");
  CHECK(edited->row.manufacturer == "乙制药有限公司");
  CHECK(edited->row.applicant == "丙医药有限公司");
  CHECK(edited->return_reason.empty());
  auto confirmed = w.confirm(w.city_hf, id);
  CHECK(confirmed.row.status == "pending_enterprise");
  REQUIRE(confirmed.interview_file.has_value());
  CHECK(confirmed.interview_file->content_type == "application/pdf");
  CHECK(confirmed.row.deadline_date == "2026-06-03");
  CHECK(confirmed.row.remaining_days == 5);
  // The applicant (an agent) answers; the manufacturer could have too.
  auto answered = w.answer(w.ent_c, id, false);
  CHECK(answered.row.status == "enterprise_confirmed");
  CHECK(answered.handling == "已安排补货");
  CHECK_FALSE(answered.row.manufacturer.has_value());  // enterprises see no enterprise columns
  CHECK(answered.row.actions == std::vector<std::string>{"deliver"});
  auto delivered = w.deliver(w.ent_b, id);
  CHECK(delivered.row.status == "pending_hospital");
  CHECK_FALSE(delivered.row.remaining_days.has_value());
  auto done = record_outcome(w.db, w.svc, w.hosp1, id, w.record(id).revision, false, "仍未到货");
  REQUIRE(done.ok());
  CHECK(done->row.status == "unresolved");
  CHECK(done->row.outcome == "unresolved");
  CHECK_FALSE(done->row.timed_out);
  CHECK(row_alert(done->row));
  CHECK(row_status_tone(done->row) == StatusTone::bad);
  CHECK(done->outcome_note == "仍未到货");

  std::vector<std::string> trail;
  for (const auto& e : done->events) trail.push_back(e.action + ":" + e.from_state + ">" + e.to_state);
  CHECK(trail == std::vector<std::string>{"create:>draft", "submit:draft>pending_admin", "return:pending_admin>draft",
                                          "edit:draft>draft", "submit:draft>pending_admin",
                                          "confirm:pending_admin>pending_enterprise",
                                          "answer:pending_enterprise>enterprise_confirmed",
                                          "deliver:enterprise_confirmed>pending_hospital",
                                          "outcome:pending_hospital>unresolved"});
  CHECK(done->events[2].reason == "请补充订单号");
  CHECK(done->events[2].actor_id == w.city_hf.user_id);
  CHECK(done->events[2].actor_name == "hf姓名");
  CHECK(done->events[6].reason == "已安排补货");
  CHECK(done->events[6].actor_id == w.ent_c.user_id);
  CHECK(done->events[1].at == w.now());
  // 反馈日期 is the day of the last 提交.
  CHECK(done->row.feedback_date == "2026-05-27");
}

TEST_CASE("a stale revision is refused and changes nothing", "[supply][flow]") {
  SupplyWorld w;
  const int64_t id = w.create(w.hosp1, "P001", false).row.id;
  const int64_t old = w.record(id).revision;
  REQUIRE(update_feedback(w.db, w.svc, w.hosp1, id, old, w.input("P001"), false).ok());
  const std::string before = w.snapshot();
  auto stale = update_feedback(w.db, w.svc, w.hosp1, id, old, w.input("P002"), false);
  CHECK(stale.error().code == "revision.stale");
  auto stale_submit = submit_feedback(w.db, w.svc, w.hosp1, id, old);
  CHECK(stale_submit.error().code == "revision.stale");
  CHECK(w.snapshot() == before);
  CHECK(w.record(id).serial == "P001");
  REQUIRE(submit_feedback(w.db, w.svc, w.hosp1, id, w.record(id).revision).ok());
  ReviewInput confirm{ReviewDecision::confirm, w.upload(w.city_hf), ""};
  CHECK(review_feedback(w.db, w.svc, w.city_hf, id, old, confirm).error().code == "revision.stale");
}

TEST_CASE("确认 needs the 约谈记录, 退回 a reason, 企业确认 the 处理情况; texts are limited", "[supply][flow]") {
  SupplyWorld w;
  const int64_t id = w.create(w.hosp1, "P001").row.id;
  const int64_t rev = w.record(id).revision;
  const std::string before = w.snapshot();
  auto no_file = review_feedback(w.db, w.svc, w.city_hf, id, rev, ReviewInput{ReviewDecision::confirm, std::nullopt, ""});
  CHECK(no_file.error().code == "supply.feedback.interview_required");
  CHECK(no_file.error().field == "interview_file_id");
  CHECK(http_status(no_file.error().kind) == 422);
  // Another admin's file, a file that does not exist: the same refusal.
  const int64_t foreign = w.upload(w.city_wh, "wuhu");
  auto not_yours = review_feedback(w.db, w.svc, w.city_hf, id, rev, ReviewInput{ReviewDecision::confirm, foreign, ""});
  auto missing = review_feedback(w.db, w.svc, w.city_hf, id, rev, ReviewInput{ReviewDecision::confirm, 99999, ""});
  CHECK(not_yours.error().code == "ivd.file.not_yours");
  CHECK(missing.error().code == "ivd.file.not_yours");
  auto no_reason = review_feedback(w.db, w.svc, w.city_hf, id, rev, ReviewInput{ReviewDecision::ret, std::nullopt, "  "});
  CHECK(no_reason.error().code == "supply.feedback.reason_required");
  auto long_reason = review_feedback(w.db, w.svc, w.city_hf, id, rev,
                                     ReviewInput{ReviewDecision::ret, std::nullopt, std::string(501 * 3, 'x')});
  CHECK(long_reason.error().code == "supply.feedback.too_long");
  CHECK(w.snapshot() == before);
  w.confirm(w.city_hf, id);
  const std::string before_answer = w.snapshot();
  CHECK(answer_feedback(w.db, w.svc, w.ent_a, id, w.record(id).revision, "", true).error().code ==
        "supply.feedback.handling_required");
  CHECK(w.snapshot() == before_answer);
}

TEST_CASE("what a hospital types is checked field by field, every problem at once", "[supply][flow]") {
  const int64_t today = *parse_date("2026-05-27");
  FeedbackInput in;
  in.problem_type = "bogus";
  in.description = std::string(2001, 'a');
  in.occurred_on = "2026-05-28";
  in.contact_name = std::string(51, 'b');
  in.contact_phone = "12345";
  in.attachment_ids = std::vector<int64_t>(11, 1);
  std::vector<std::string> codes;
  for (const auto& e : feedback_input_errors(in, today)) codes.push_back(e.field + ":" + e.code);
  CHECK(codes == std::vector<std::string>{"serial:supply.feedback.required", "problem_type:supply.feedback.bad_problem_type",
                                          "description:supply.feedback.too_long", "occurred_on:supply.feedback.future_date",
                                          "contact_name:supply.feedback.too_long", "contact_phone:supply.feedback.bad_phone",
                                          "attachment_ids:supply.feedback.too_many_attachments"});
  in = FeedbackInput{"P001", "quality", std::string(2000, 'a'), "2026-02-30", "李四", "0551-62283456", {}};
  codes.clear();
  for (const auto& e : feedback_input_errors(in, today)) codes.push_back(e.code);
  CHECK(codes == std::vector<std::string>{"supply.feedback.bad_date"});
  in.occurred_on = "2026-05-27";
  CHECK(feedback_input_errors(in, today).empty());
  // Characters, not bytes: 2,000 Chinese characters are fine.
  std::string chinese;
  for (int i = 0; i < 2000; ++i) chinese += "缺";
  in.description = chinese;
  CHECK(feedback_input_errors(in, today).empty());
  auto e = feedback_input_errors(FeedbackInput{}, today);
  REQUIRE_FALSE(e.empty());
  CHECK(e[0].message_zh == "请填写“流水号”");
}

TEST_CASE("新增 refuses bad input, unknown and 备供 products and others' files, writing nothing", "[supply][flow]") {
  SupplyWorld w;
  const std::string before = w.snapshot();
  FeedbackInput bad = w.input("P001");
  bad.contact_phone = "";
  bad.description = "";
  auto r = create_feedback(w.db, w.svc, w.hosp1, bad, true);
  CHECK(r.error().code == "supply.feedback.required");
  CHECK(r.error().field == "description");
  CHECK(r.error().details["errors"].size() == 2);
  CHECK(create_feedback(w.db, w.svc, w.hosp1, w.input("NOPE"), true).error().code == "supply.product.unknown");
  auto backup = create_feedback(w.db, w.svc, w.hosp1, w.input("P005"), false);
  CHECK(backup.error().code == "supply.product.backup");
  FeedbackInput with_file = w.input("P001");
  with_file.attachment_ids = {w.upload(w.hosp2, "other")};
  CHECK(create_feedback(w.db, w.svc, w.hosp1, with_file, true).error().code == "ivd.file.not_yours");
  with_file.attachment_ids = {424242};
  CHECK(create_feedback(w.db, w.svc, w.hosp1, with_file, true).error().code == "ivd.file.not_yours");
  CHECK(w.snapshot() == before);
  // An editable draft cannot switch to a 备供 product either.
  const int64_t id = w.create(w.hosp1, "P001", false).row.id;
  auto to_backup = update_feedback(w.db, w.svc, w.hosp1, id, w.record(id).revision, w.input("P003"), false);
  CHECK(to_backup.error().code == "supply.product.backup");
  CHECK(w.record(id).serial == "P001");
  // Attachments are kept in order, a file given twice once.
  FeedbackInput files = w.input("P001");
  const int64_t f1 = w.upload(w.hosp1, "a"), f2 = w.upload(w.hosp1, "b");
  files.attachment_ids = {f2, f1, f2};
  auto saved = update_feedback(w.db, w.svc, w.hosp1, id, w.record(id).revision, files, false);
  REQUIRE(saved.ok());
  REQUIRE(saved->attachments.size() == 2);
  CHECK(saved->attachments[0].id == f2);
  CHECK(saved->attachments[1].id == f1);
}

TEST_CASE("the deadline is the 5th working day after the confirmation; then the feedback reads 未解决（超时）",
          "[supply][flow][deadline]") {
  SupplyWorld w;
  const int64_t id = w.create(w.hosp1, "P001").row.id;
  auto confirmed = w.confirm(w.city_hf, id);  // Wednesday 2026-05-27
  CHECK(confirmed.row.deadline_date == "2026-06-03");
  CHECK(confirmed.row.remaining_days == 5);
  CHECK_FALSE(row_alert(confirmed.row));
  auto detail = [&](const Actor& a) {
    auto d = feedback_detail(w.db, w.svc, a, menu::supply_feedback, id);
    REQUIRE(d.ok());
    return *d;
  };
  w.env.clock.advance(3 * kDay);  // Saturday: Thursday and Friday have passed
  CHECK(detail(w.ent_a).row.remaining_days == 3);
  w.env.clock.advance(4 * kDay);  // Wednesday 2026-06-03, the deadline day
  auto last_day = detail(w.ent_a);
  CHECK(last_day.row.status == "pending_enterprise");
  CHECK(last_day.row.remaining_days == 0);
  CHECK(row_alert(last_day.row));
  CHECK(last_day.row.actions == std::vector<std::string>{"answer"});
  w.env.clock.advance(kDay);  // Thursday: past the deadline, before any sweep
  auto late = detail(w.ent_a);
  CHECK(late.row.status == "unresolved");
  CHECK(late.row.timed_out);
  CHECK(row_status_label_id(late.row) == "supply.status.unresolved_timeout");
  CHECK_FALSE(late.row.remaining_days.has_value());
  CHECK(late.row.actions.empty());
  CHECK(w.record(id).status == "pending_enterprise");  // nothing written by reading
  // The enterprise can no longer confirm.
  auto refused = answer_feedback(w.db, w.svc, w.ent_a, id, w.record(id).revision, "补货", true);
  CHECK(refused.error().code == "supply.feedback.timed_out");
  CHECK(refused.error().message_zh == "已超过处理期限（2026-06-03），不能再确认或提交");
  // Lists and their status filter read it as 未解决 too.
  FeedbackFilter unresolved;
  unresolved.status = "unresolved";
  auto listed = list_feedback(w.db, w.svc, w.city_hf, menu::supply_feedback, unresolved, Page{1, 20});
  REQUIRE(listed.ok());
  REQUIRE(listed->total == 1);
  CHECK(listed->items[0].timed_out);
  FeedbackFilter waiting;
  waiting.status = "pending_enterprise";
  CHECK(list_feedback(w.db, w.svc, w.city_hf, menu::supply_feedback, waiting, Page{1, 20})->total == 0);
  // The sweep writes it, as the system, once.
  auto swept = sweep_timeouts(w.db, w.now());
  REQUIRE(swept.ok());
  CHECK(*swept == 1);
  CHECK(*sweep_timeouts(w.db, w.now()) == 0);
  const FeedbackRecord r = w.record(id);
  CHECK(r.status == "unresolved");
  CHECK(r.timed_out);
  auto after = detail(w.hosp1);
  CHECK(after.row.timed_out);
  CHECK(after.events.back().action == "timeout");
  CHECK(after.events.back().actor_id == 0);
  CHECK(after.events.back().from_state == "pending_enterprise");
  CHECK(after.events.back().to_state == "unresolved");
}

TEST_CASE("企业已确认 times out like 待企业确认; the sweep leaves feedback within their deadline", "[supply][flow][deadline]") {
  SupplyWorld w;
  const int64_t a = w.create(w.hosp1, "P001").row.id;
  const int64_t b = w.create(w.hosp3, "P001").row.id;
  const int64_t c = w.create(w.hosp5, "P002").row.id;
  w.confirm(w.city_hf, a);
  w.answer(w.ent_a, a, false);  // 企业已确认, never submitted
  w.confirm(w.city_wh, b);
  w.env.clock.advance(2 * kDay);
  w.confirm(w.city_nj, c);  // confirmed two days later: its deadline is later
  w.env.clock.advance(7 * kDay - 2 * kDay + kDay);  // Thursday 2026-06-04
  CHECK(*sweep_timeouts(w.db, w.now()) == 2);
  CHECK(w.record(a).status == "unresolved");
  CHECK(w.record(b).status == "unresolved");
  CHECK(w.record(c).status == "pending_enterprise");
  auto refused = deliver_feedback(w.db, w.svc, w.ent_a, a, w.record(a).revision);
  CHECK(refused.error().code == "supply.feedback.timed_out");
}

TEST_CASE("the buttons each side sees come from core", "[supply][flow]") {
  SupplyWorld w;
  const int64_t id = w.create(w.hosp1, "P001", false).row.id;
  auto actions = [&](const Actor& a, std::string_view menu = menu::supply_feedback) {
    auto d = feedback_detail(w.db, w.svc, a, menu, id);
    return d.ok() ? d->row.actions : std::vector<std::string>{"<refused>"};
  };
  CHECK(actions(w.hosp1) == std::vector<std::string>{"edit", "submit"});
  CHECK(actions(w.city_hf) == std::vector<std::string>{"<refused>"});  // a draft is the hospital's own
  REQUIRE(submit_feedback(w.db, w.svc, w.hosp1, id, w.record(id).revision).ok());
  CHECK(actions(w.hosp1) == std::vector<std::string>{"withdraw"});
  CHECK(actions(w.city_hf) == std::vector<std::string>{"review"});
  CHECK(actions(w.prov_ah, menu::supply_view).empty());  // the province view reads only
  CHECK(actions(w.super_admin).empty());
  CHECK(actions(w.ent_a) == std::vector<std::string>{"<refused>"});
  w.confirm(w.city_hf, id);
  CHECK(actions(w.hosp1).empty());
  CHECK(actions(w.city_hf).empty());
  CHECK(actions(w.ent_a) == std::vector<std::string>{"answer"});
  CHECK(actions(w.ent_b) == std::vector<std::string>{"<refused>"});
  w.answer(w.ent_a, id, true);
  CHECK(actions(w.hosp1) == std::vector<std::string>{"outcome"});
  CHECK(actions(w.ent_a).empty());
}

TEST_CASE("the workflow table holds every rule of the contract", "[supply][flow]") {
  const Workflow& wf = feedback_workflow();
  CHECK(wf.find("submit", "draft", "pending_admin"));
  CHECK(wf.find("withdraw", "pending_admin", "draft"));
  CHECK(wf.find("confirm", "pending_admin", "pending_enterprise"));
  CHECK(wf.find("return", "pending_admin", "draft"));
  CHECK(wf.find("answer", "pending_enterprise", "enterprise_confirmed"));
  CHECK(wf.find("answer_submit", "pending_enterprise", "pending_hospital"));
  CHECK(wf.find("deliver", "enterprise_confirmed", "pending_hospital"));
  CHECK(wf.find("outcome", "pending_hospital", "resolved"));
  CHECK(wf.find("outcome", "pending_hospital", "unresolved"));
  CHECK(wf.find("timeout", "pending_enterprise", "unresolved"));
  CHECK(wf.find("timeout", "enterprise_confirmed", "unresolved"));
  CHECK_FALSE(wf.allows("withdraw", "pending_enterprise"));
  CHECK_FALSE(wf.allows("deliver", "pending_enterprise"));
  CHECK(wf.rules.size() == 11);
  CHECK(wf.statuses.size() == supply_statuses().size());
}

TEST_CASE("status labels and colours are core's, consistent with IVD", "[supply][flow]") {
  CHECK(supply_status_label_id("pending_admin") == "supply.status.pending_admin");
  CHECK(supply_status_label_id("unresolved", true) == "supply.status.unresolved_timeout");
  CHECK(supply_status_tone("resolved") == StatusTone::ok);
  CHECK(supply_status_tone("unresolved") == StatusTone::bad);
  CHECK(supply_status_tone("pending_enterprise") == StatusTone::progress);
  CHECK(supply_status_tone("draft") == StatusTone::progress);  // as IVD's 暂存
  CHECK(supply_status_tone("nonsense") == StatusTone::neutral);
  for (auto s : supply_statuses()) {
    CHECK(has_text(Lang::zh, supply_status_label_id(s)));
    CHECK(has_text(Lang::en, supply_status_label_id(s)));
  }
  for (auto p : problem_types()) CHECK(has_text(Lang::zh, problem_type_label_id(p)));
  CHECK(std::string(tr(Lang::zh, "supply.status.unresolved_timeout")) == "未解决（超时）");
}

TEST_CASE("deadlines skip the official holidays: 国庆 and 春节 do not count down", "[supply][flow][deadline]") {
  const auto cal = work_calendar();
  REQUIRE(cal->covers(2026));
  SECTION("国庆 2026: confirmed the day before, the deadline lies after the holiday week") {
    SupplyWorld w;
    w.env.clock.t = *parse_cst("2026-09-30 10:00");
    const int64_t id = w.create(w.hosp1, "P001").row.id;
    auto confirmed = w.confirm(w.city_hf, id);
    REQUIRE(confirmed.row.deadline_date.has_value());
    const int64_t deadline = *parse_date(*confirmed.row.deadline_date);
    CHECK(*confirmed.row.deadline_date >= "2026-10-08");
    CHECK(cal->is_workday(deadline));
    CHECK(deadline == cal->add_workdays(*parse_date("2026-09-30"), 5));
    auto remaining_on = [&](const char* day) {
      w.env.clock.t = *parse_cst(std::string(day) + " 12:00");
      auto d = feedback_detail(w.db, w.svc, w.ent_a, menu::supply_feedback, id);
      REQUIRE(d.ok());
      return d->row.remaining_days.value_or(-1);
    };
    CHECK(remaining_on("2026-09-30") == 5);
    // 10-01 .. 10-03 are days off by law: the count stands still through them.
    CHECK(remaining_on("2026-10-01") == 5);
    CHECK(remaining_on("2026-10-03") == 5);
    CHECK(remaining_on(confirmed.row.deadline_date->c_str()) == 0);
    w.env.clock.t = *parse_cst(format_date(deadline + 1) + " 09:00");
    auto late = feedback_detail(w.db, w.svc, w.ent_a, menu::supply_feedback, id);
    CHECK(late->row.timed_out);
  }
  SECTION("春节 2026: 初一 to 初三 are no working days; 调休 working weekends count") {
    const int64_t eve = *parse_date("2026-02-13");  // the Friday before the holiday
    const int64_t deadline = deadline_after(*cal, eve);
    for (const char* off : {"2026-02-17", "2026-02-18", "2026-02-19"}) CHECK_FALSE(cal->is_workday(*parse_date(off)));
    CHECK(deadline >= *parse_date("2026-02-24"));
    int counted = 0;
    for (int64_t d = eve + 1; d <= deadline; ++d) counted += cal->is_workday(d) ? 1 : 0;
    CHECK(counted == 5);
    CHECK(remaining_workdays(*cal, eve, deadline) == 5);
    // A working weekend of 调休 counts like a weekday wherever the calendar has one.
    for (int64_t d = *parse_date("2026-01-01"); d <= *parse_date("2026-12-31"); ++d) {
      const int wd = weekday(d);
      if ((wd == 0 || wd == 6) && cal->is_workday(d)) {
        CHECK(deadline_after(*cal, d - 1) == cal->add_workdays(d, 4));
        break;
      }
    }
  }
}
