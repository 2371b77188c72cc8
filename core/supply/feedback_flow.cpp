#include "core/supply/feedback_flow.hpp"

#include "core/supply/deadline.hpp"
#include "core/supply/supply_types.hpp"

namespace ivd {

namespace {
namespace s = supply_status;

constexpr StatusTable kFeedbackTable{
    "supply_feedback",
    {"id"},
    "status",
    "revision",
    "updated_at",
    {"feedback_day", "return_reason", "deadline_day", "interview_file_id", "handling", "outcome", "outcome_note",
     "timed_out"},
    kFeedbackEntity,
};

constexpr std::string_view kStatusList[] = {s::draft,           s::pending_admin, s::pending_enterprise,
                                            s::enterprise_confirmed, s::pending_hospital, s::resolved,
                                            s::unresolved};

constexpr TransitionRule kRules[] = {
    {"hospital", s::draft, "submit", s::pending_admin, "no open feedback of the same 流水号 in its city"},
    {"hospital", s::pending_admin, "withdraw", s::draft, "the admin has not acted"},
    {"admin", s::pending_admin, "confirm", s::pending_enterprise, "约谈记录 attached; sets the deadline"},
    {"admin", s::pending_admin, "return", s::draft, "a reason"},
    {"enterprise", s::pending_enterprise, "answer", s::enterprise_confirmed, "处理情况; deadline not passed"},
    {"enterprise", s::pending_enterprise, "answer_submit", s::pending_hospital, "处理情况; deadline not passed"},
    {"enterprise", s::enterprise_confirmed, "deliver", s::pending_hospital, "deadline not passed"},
    {"hospital", s::pending_hospital, "outcome", s::resolved, "result 已解决"},
    {"hospital", s::pending_hospital, "outcome", s::unresolved, "result 未解决"},
    {"system", s::pending_enterprise, "timeout", s::unresolved, "the deadline passed"},
    {"system", s::enterprise_confirmed, "timeout", s::unresolved, "the deadline passed"},
};

constexpr std::pair<std::string_view, std::string_view> kRefusals[] = {
    {"submit", "supply.feedback.not_draft"},
    {"withdraw", "supply.feedback.not_withdrawable"},
    {"confirm", "supply.feedback.not_pending_admin"},
    {"return", "supply.feedback.not_pending_admin"},
    {"answer", "supply.feedback.not_pending_enterprise"},
    {"answer_submit", "supply.feedback.not_pending_enterprise"},
    {"deliver", "supply.feedback.not_confirmed"},
    {"outcome", "supply.feedback.not_pending_hospital"},
    {"timeout", "supply.feedback.not_open"},
};

const Workflow kWorkflow{"supply_feedback", kFeedbackTable, kStatusList, kRules, kRefusals};
}  // namespace

const Workflow& feedback_workflow() { return kWorkflow; }

EffectiveStatus effective_status(std::string_view stored, bool stored_timed_out, std::optional<int64_t> deadline_day,
                                 int64_t today) {
  if (is_deadline_status(stored) && deadline_day && deadline_passed(*deadline_day, today))
    return {supply_status::unresolved, true};
  return {std::string(stored), stored_timed_out && stored == supply_status::unresolved};
}

std::vector<std::string> feedback_actions(const Actor& a, std::string_view menu, const FeedbackScope& f,
                                          std::string_view status) {
  std::vector<std::string> out;
  switch (acting_side(a, menu, f)) {
    case SupplySide::hospital:
      if (status == s::draft) out = {supply_action::edit, supply_action::submit};
      else if (status == s::pending_admin) out = {supply_action::withdraw};
      else if (status == s::pending_hospital) out = {supply_action::outcome};
      break;
    case SupplySide::reviewer:
      if (status == s::pending_admin) out = {supply_action::review};
      break;
    case SupplySide::enterprise:
      if (status == s::pending_enterprise) out = {supply_action::answer};
      else if (status == s::enterprise_confirmed) out = {supply_action::deliver};
      break;
    default:
      break;
  }
  return out;
}

}  // namespace ivd
