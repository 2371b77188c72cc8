#pragma once
// The status changes of a supply feedback (feedback_flow.hpp has the table), one function per button.
// Each checks, in this order, with nothing written on any refusal:
//   403 supply.role.forbidden / supply.scope.forbidden   who may see the feedback and take this side
//   400 / 422                                            the request's own fields
//   409 <the action's code>                              the feedback's status on today (a passed deadline
//                                                        reads 未解决: supply.feedback.timed_out for the
//                                                        enterprise)
//   409 revision.stale                                   the revision the caller read
// and answers the feedback's detail as the caller now sees it.
#include <cstdint>
#include <optional>
#include <string>

#include "core/api/actor.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"
#include "core/store/db.hpp"
#include "core/supply/supply_types.hpp"

namespace ivd {

// 提交 (hospital, 待提交): the duplicate rule again (409 supply.duplicate).
Result<FeedbackDetail> submit_feedback(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision);
// 撤回 (hospital, 待管理机构确认 only: 409 supply.feedback.not_withdrawable once the admin acted).
Result<FeedbackDetail> withdraw_feedback(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision);

// 管理机构 确认 / 退回 (the city admin of the hospital's city; the province admin for 省本级 hospitals).
enum class ReviewDecision { confirm, ret };
struct ReviewInput {
  ReviewDecision decision = ReviewDecision::confirm;
  std::optional<int64_t> interview_file_id;  // 约谈记录, required to confirm (PDF or image)
  std::string reason;                        // required to return, ≤ kReasonMax characters
};
// 确认 sets the deadline: the 5th working day after today (deadline.hpp). Refusals: 422
// supply.feedback.interview_required, 400 supply.feedback.reason_required, 403 ivd.file.not_yours.
Result<FeedbackDetail> review_feedback(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision,
                                       const ReviewInput& in);

// 企业 确认 (submit = false: → 企业已确认) / 确认并提交 (submit = true: → 待医疗机构确认), with 处理情况.
// 400 supply.feedback.handling_required; 409 supply.feedback.timed_out after the deadline.
Result<FeedbackDetail> answer_feedback(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision,
                                       const std::string& handling, bool submit);
// 企业 提交 of a confirmed feedback (企业已确认 → 待医疗机构确认).
Result<FeedbackDetail> deliver_feedback(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision);

// 医疗机构 确认 of the outcome: resolved (已解决, green) or not (未解决, red), with an optional note.
Result<FeedbackDetail> record_outcome(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision,
                                      bool resolved, const std::string& note);

// The periodic sweep: writes 未解决 (超时) for every 待企业确认 / 企业已确认 feedback whose deadline
// has passed on the CST day of `now` (event action timeout, actor 0 = the system), in one transaction.
// Answers how many it wrote. Reads are right without it (feedback_flow.hpp effective_status).
Result<int> sweep_timeouts(Db& db, int64_t now);

}  // namespace ivd
