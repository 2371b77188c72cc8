#pragma once
// The supply-feedback workflow as a table (DESIGN "Workflows are tables"; SPEC §3; docs/api-supply.md
// "Statuses"). Every status change goes through apply_transition (core/store/transition.hpp) with this
// table, so it is checked against the rules below and recorded with who, when, from, to and reason.
//
//   who         from                  action          to                    precondition
//   hospital    draft                 submit          pending_admin         no open duplicate in its city
//   hospital    pending_admin         withdraw        draft                 the admin has not acted
//   admin       pending_admin         confirm         pending_enterprise    约谈记录 attached; sets the deadline
//   admin       pending_admin         return          draft                 a reason
//   enterprise  pending_enterprise    answer          enterprise_confirmed  处理情况; before the deadline passed
//   enterprise  pending_enterprise    answer_submit   pending_hospital      处理情况; before the deadline passed
//   enterprise  enterprise_confirmed  deliver         pending_hospital      before the deadline passed
//   hospital    pending_hospital      outcome         resolved|unresolved   the result (已解决 / 未解决)
//   system      pending_enterprise    timeout         unresolved            the deadline passed (sweep)
//   system      enterprise_confirmed  timeout         unresolved            the deadline passed (sweep)
// 新增 (create) and 编辑 (edit) keep the status 待提交; they are recorded as events of their own.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/actor.hpp"
#include "core/store/transition.hpp"
#include "core/supply/supply_scope.hpp"

namespace ivd {

inline constexpr const char* kFeedbackEntity = "supply_feedback";  // events.entity

const Workflow& feedback_workflow();

// The status a feedback has on `today`: a stored 待企业确认 / 企业已确认 whose deadline has passed *is*
// 未解决 (超时), whether or not the sweep has written it yet.
struct EffectiveStatus {
  std::string status;
  bool timed_out = false;
};
EffectiveStatus effective_status(std::string_view stored, bool stored_timed_out, std::optional<int64_t> deadline_day,
                                 int64_t today);

// What the actor may do now with a visible feedback in `status` (already effective), in the order of
// the buttons: edit, submit, withdraw, review, answer, deliver, outcome. Read-only sides get none.
std::vector<std::string> feedback_actions(const Actor& a, std::string_view menu, const FeedbackScope& f,
                                          std::string_view status);

// Event actions an action id leads to (for the refusal code of a wrong status).
// 409 codes: supply.feedback.not_editable, not_draft, not_withdrawable, not_pending_admin,
// not_pending_enterprise, not_confirmed, not_pending_hospital, not_open.

}  // namespace ivd
