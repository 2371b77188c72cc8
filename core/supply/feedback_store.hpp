#pragma once
// Supply feedback records: reading one, checking what a hospital typed, the duplicate rule, 新增 and
// 编辑 (docs/api-supply.md "Feedback"). The status changes are feedback_actions.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/actor.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"
#include "core/store/db.hpp"
#include "core/base/work_calendar.hpp"
#include "core/supply/supply_scope.hpp"
#include "core/supply/supply_types.hpp"

namespace ivd {

// One row of supply_feedback, as stored (the status is not yet the effective one: feedback_flow.hpp).
struct FeedbackRecord {
  int64_t id = 0;
  int64_t hospital_id = 0;
  std::string hospital_code, hospital_name;
  std::string city_code, province_code, reviewer_region;
  std::string serial, product_name, batch, manufacturer, applicant;
  int64_t manufacturer_id = 0, applicant_id = 0;
  std::string problem_type, description, occurred_on, contact_name, contact_phone;
  std::string status;
  int64_t feedback_day = 0;
  std::optional<int64_t> deadline_day;
  std::optional<int64_t> interview_file_id;
  std::string return_reason, handling, outcome, outcome_note;
  bool timed_out = false;
  int64_t revision = 0;
  int64_t created_at = 0, updated_at = 0;

  FeedbackScope scope() const;  // views into this record
};

// Reading records in bulk (lists, exports): the SELECT (alias f for supply_feedback, h for the
// hospital) to append WHERE / ORDER BY to, and the reader of its rows.
const char* feedback_record_select();
FeedbackRecord read_feedback_record(const Stmt& row);

// 403 supply.scope.forbidden when there is no feedback with that id (the answer of one out of scope).
Result<FeedbackRecord> load_feedback(Db& db, int64_t id);
// The record if the actor may see it under menu; unknown and out-of-scope ids answer alike (403).
Result<FeedbackRecord> load_visible_feedback(Db& db, const Actor& actor, std::string_view menu, int64_t id);

// The request body of 新增 / 编辑, read strictly: a field of the wrong type is 400 request.bad_field.
Result<FeedbackInput> feedback_input_from_body(const nlohmann::json& body);

// Every problem of what was typed, in the order of the form (the screen shows them all at once and
// the server refuses with the first, listing all in details.errors). today: the CST day number.
// Codes: supply.feedback.required, too_long, bad_problem_type, bad_date, future_date, bad_phone,
// too_many_attachments (400, field set).
std::vector<Error> feedback_input_errors(const FeedbackInput& in, int64_t today);

// The duplicate rule (SPEC §3, manual 医疗机构 注意事项 3): 409 supply.duplicate with exactly
// 辖区已有医疗机构反映该中选药品供应问题，无需重复提交，请直接与上级医保部门联系！ while another feedback of the
// same 流水号 from a hospital of the same city (省本级: the same 省本级) is submitted and its flow has not
// ended (待管理机构确认, 待企业确认, 企业已确认, 待医疗机构确认; a timed-out one has ended).
// except_id: the feedback being submitted itself.
Status check_no_duplicate(Db& db, std::string_view city_code, std::string_view serial, int64_t except_id, int64_t today);

// 新增 (保存, or 保存并提交 with submit): hospital users only. Refusals: 403 supply.role.forbidden; 400 on
// the input (feedback_input_errors), supply.product.unknown, 422 supply.product.backup, 403
// ivd.file.not_yours (attachments); 409 supply.duplicate. Nothing is written on any refusal.
Result<FeedbackDetail> create_feedback(Db& db, Services& svc, const Actor& actor, const FeedbackInput& in, bool submit);
// 编辑 of a 待提交 feedback (and 保存并提交): as create, plus 403 supply.scope.forbidden, 409
// supply.feedback.not_editable, 409 revision.stale.
Result<FeedbackDetail> update_feedback(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision,
                                       const FeedbackInput& in, bool submit);

// 提交 of a 待提交 record inside the caller's transaction: the duplicate rule, then the transition
// (feedback_flow.hpp) that sets 反馈日期 to today.
Status submit_feedback_step(Db& db, const Actor& actor, const FeedbackRecord& r, int64_t revision, int64_t now);

// The detail of a visible feedback for the actor (effective status, remaining days, its actions under
// menu, attachments, events).
Result<FeedbackDetail> feedback_detail(Db& db, Services& svc, const Actor& actor, std::string_view menu, int64_t id);
// The same for a record already read, without the scope check: the answer of an action to the one
// who took it, who may no longer see the feedback (an admin's 退回 makes it the hospital's draft again).
Result<FeedbackDetail> feedback_detail_of(Db& db, Services& svc, const Actor& actor, std::string_view menu,
                                          const FeedbackRecord& r);
// The row of a record for the actor on `today` (the enterprise columns left out for enterprises).
FeedbackRow feedback_row(const FeedbackRecord& r, const Actor& actor, std::string_view menu, int64_t today,
                         const WorkCalendar& cal);

}  // namespace ivd
