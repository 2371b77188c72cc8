#include "core/supply/feedback_actions.hpp"

#include <vector>

#include "core/base/field_label.hpp"
#include "core/base/text.hpp"
#include "core/base/text_encoding.hpp"
#include "core/files/files.hpp"
#include "core/store/transaction.hpp"
#include "core/store/transition.hpp"
#include "core/supply/deadline.hpp"
#include "core/supply/feedback_flow.hpp"
#include "core/supply/feedback_store.hpp"

namespace ivd {

namespace {
namespace s = supply_status;

// The feedback for an action of `side`: visible to the actor in supply.feedback, and the actor acts
// on it from that side (a hospital cannot confirm, an enterprise cannot withdraw...).
Result<FeedbackRecord> acting_on(Db& db, const Actor& actor, int64_t id, SupplySide side) {
  if (supply_side(actor, menu::supply_feedback) != side) return supply_role_forbidden();
  IVD_ASSIGN_OR_RETURN(auto r, load_visible_feedback(db, actor, menu::supply_feedback, id));
  if (acting_side(actor, menu::supply_feedback, r.scope()) != side) return supply_role_forbidden();
  return r;
}

// The status the action starts from, as of today: a passed deadline makes the enterprise's turn end
// (409 supply.feedback.timed_out), any other wrong status is the workflow's refusal of the action.
Status check_from(const FeedbackRecord& r, std::string_view action, int64_t today) {
  const EffectiveStatus eff = effective_status(r.status, r.timed_out, r.deadline_day, today);
  if (feedback_workflow().allows(action, eff.status)) return ok_status();
  // The enterprise's turn has ended with its deadline (manual 生产/代理企业 注意事项 2), swept or not.
  const bool enterprise_action = action == "answer" || action == "answer_submit" || action == "deliver";
  if (eff.timed_out && enterprise_action && r.deadline_day)
    return make_error(ErrorKind::conflict, "supply.feedback.timed_out", {}, {format_date(*r.deadline_day)});
  return feedback_workflow().refusal(action, eff.status);
}

TransitionRequest transition(const FeedbackRecord& r, const Actor& actor, int64_t revision, const char* action,
                             const char* to, int64_t now, std::string reason = {}) {
  TransitionRequest t;
  t.key = {r.id};
  t.entity_id = std::to_string(r.id);
  t.expected_revision = revision;
  t.from = r.status;
  t.action = action;
  t.to = to;
  t.actor_id = actor.user_id;
  t.at = now;
  t.reason = std::move(reason);
  return t;
}

// A free text of a request (退回原因, 处理情况, 确认说明): trimmed, at most kReasonMax characters.
Result<std::string> checked_text(const std::string& text, const char* field, const char* required_code) {
  std::string t(trim_space(text));
  if (t.empty() && required_code) return make_error(ErrorKind::bad_request, required_code, field);
  if (!is_valid_utf8(t) || utf8_length(t) > kReasonMax)
    return make_field_error(ErrorKind::bad_request, "supply.feedback.too_long", field, {std::to_string(kReasonMax)});
  return t;
}

// The answer of an action: the feedback as it is now, as the actor sees it (its actions), even when it
// has left the actor's scope by the action (an admin's 退回).
Result<FeedbackDetail> done(Db& db, Services& svc, const Actor& actor, int64_t id, Status written) {
  IVD_TRY(written);
  IVD_ASSIGN_OR_RETURN(auto r, load_feedback(db, id));
  return feedback_detail_of(db, svc, actor, menu::supply_feedback, r);
}
}  // namespace

Result<FeedbackDetail> submit_feedback(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision) {
  IVD_ASSIGN_OR_RETURN(auto r, acting_on(db, actor, id, SupplySide::hospital));
  const int64_t now = svc.clock.now();
  IVD_TRY(check_from(r, "submit", cst_day(now)));
  return done(db, svc, actor, id, transaction(db, [&] { return submit_feedback_step(db, actor, r, revision, now); }));
}

Result<FeedbackDetail> withdraw_feedback(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision) {
  IVD_ASSIGN_OR_RETURN(auto r, acting_on(db, actor, id, SupplySide::hospital));
  const int64_t now = svc.clock.now();
  IVD_TRY(check_from(r, "withdraw", cst_day(now)));
  return done(db, svc, actor, id,
              apply_transition(db, feedback_workflow(), transition(r, actor, revision, "withdraw", s::draft, now)));
}

Result<FeedbackDetail> review_feedback(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision,
                                       const ReviewInput& in) {
  IVD_ASSIGN_OR_RETURN(auto r, acting_on(db, actor, id, SupplySide::reviewer));
  const int64_t now = svc.clock.now(), today = cst_day(now);
  const char* action = in.decision == ReviewDecision::confirm ? "confirm" : "return";
  if (in.decision == ReviewDecision::ret) {
    IVD_ASSIGN_OR_RETURN(auto reason, checked_text(in.reason, "reason", "supply.feedback.reason_required"));
    IVD_TRY(check_from(r, action, today));
    TransitionRequest t = transition(r, actor, revision, action, s::draft, now, reason);
    t.also_set.push_back({"return_reason", reason});
    return done(db, svc, actor, id, apply_transition(db, feedback_workflow(), t));
  }
  // 确认 needs the 约谈记录 (manual 管理机构 操作流程 3).
  if (!in.interview_file_id)
    return make_error(ErrorKind::unprocessable, "supply.feedback.interview_required", "interview_file_id");
  IVD_ASSIGN_OR_RETURN(auto file, load_attachable_file(db, actor, *in.interview_file_id, "interview_file_id"));
  IVD_TRY(check_file_kind(file, /*allow_images=*/true, "interview_file_id"));
  IVD_ASSIGN_OR_RETURN(auto note, checked_text(in.reason, "reason", nullptr));
  IVD_TRY(check_from(r, action, today));
  const int64_t deadline = deadline_after(*work_calendar(), today);
  TransitionRequest t = transition(r, actor, revision, action, s::pending_enterprise, now, note);
  t.also_set.push_back({"deadline_day", deadline});
  t.also_set.push_back({"interview_file_id", file.id});
  return done(db, svc, actor, id, apply_transition(db, feedback_workflow(), t));
}

Result<FeedbackDetail> answer_feedback(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision,
                                       const std::string& handling, bool submit) {
  IVD_ASSIGN_OR_RETURN(auto r, acting_on(db, actor, id, SupplySide::enterprise));
  IVD_ASSIGN_OR_RETURN(auto text, checked_text(handling, "handling", "supply.feedback.handling_required"));
  const int64_t now = svc.clock.now();
  const char* action = submit ? "answer_submit" : "answer";
  IVD_TRY(check_from(r, action, cst_day(now)));
  TransitionRequest t =
      transition(r, actor, revision, action, submit ? s::pending_hospital : s::enterprise_confirmed, now, text);
  t.also_set.push_back({"handling", text});
  return done(db, svc, actor, id, apply_transition(db, feedback_workflow(), t));
}

Result<FeedbackDetail> deliver_feedback(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision) {
  IVD_ASSIGN_OR_RETURN(auto r, acting_on(db, actor, id, SupplySide::enterprise));
  const int64_t now = svc.clock.now();
  IVD_TRY(check_from(r, "deliver", cst_day(now)));
  return done(db, svc, actor, id,
              apply_transition(db, feedback_workflow(),
                               transition(r, actor, revision, "deliver", s::pending_hospital, now)));
}

Result<FeedbackDetail> record_outcome(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision,
                                      bool resolved, const std::string& note) {
  IVD_ASSIGN_OR_RETURN(auto r, acting_on(db, actor, id, SupplySide::hospital));
  IVD_ASSIGN_OR_RETURN(auto text, checked_text(note, "note", nullptr));
  const int64_t now = svc.clock.now();
  IVD_TRY(check_from(r, "outcome", cst_day(now)));
  const char* to = resolved ? s::resolved : s::unresolved;
  TransitionRequest t = transition(r, actor, revision, "outcome", to, now, text);
  t.also_set.push_back({"outcome", std::string(to)});
  t.also_set.push_back({"outcome_note", text});
  return done(db, svc, actor, id, apply_transition(db, feedback_workflow(), t));
}

Result<int> sweep_timeouts(Db& db, int64_t now) {
  const int64_t today = cst_day(now);
  return transaction(db, [&]() -> Result<int> {
    struct Due {
      int64_t id, revision;
      std::string status;
    };
    std::vector<Due> due;
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
        "SELECT id, revision, status FROM supply_feedback WHERE status IN ('pending_enterprise', 'enterprise_confirmed') "
        "AND deadline_day < ?"));
    st.bind(1, today);
    IVD_TRY(st.each([&](const Stmt& row) { due.push_back({row.col_int(0), row.col_int(1), row.col_text(2)}); }));
    for (const auto& d : due) {
      TransitionRequest t;
      t.key = {d.id};
      t.entity_id = std::to_string(d.id);
      t.expected_revision = d.revision;
      t.from = d.status;
      t.action = "timeout";
      t.to = s::unresolved;
      t.actor_id = 0;  // the system
      t.at = now;
      t.also_set.push_back({"timed_out", int64_t{1}});
      IVD_TRY(apply_transition(db, feedback_workflow(), t));
    }
    return static_cast<int>(due.size());
  });
}

}  // namespace ivd
