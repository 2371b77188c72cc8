#include "core/ivd/review_actions.hpp"

#include "core/ivd/review.hpp"
#include "core/ivd/sheet_store.hpp"

namespace ivd {
namespace {

constexpr ReviewAction kOrder[] = {ReviewAction::approve, ReviewAction::reject, ReviewAction::withdraw_review,
                                   ReviewAction::exclude, ReviewAction::include};

// The actions of `who` that the workflow lets start from `status`, in kOrder.
std::vector<ReviewAction> actions_of(const Workflow& wf, std::string_view who, std::string_view status) {
  std::vector<ReviewAction> out;
  for (ReviewAction a : kOrder) {
    for (const TransitionRule& r : wf.rules)
      if (r.who == who && r.from == status && r.action == review_action_id(a)) {
        out.push_back(a);
        break;
      }
  }
  return out;
}

std::vector<std::string> statuses_of(const Workflow& wf) {
  return std::vector<std::string>(wf.statuses.begin(), wf.statuses.end());
}

}  // namespace

std::string_view review_action_id(ReviewAction a) {
  switch (a) {
    case ReviewAction::approve: return "approve";
    case ReviewAction::reject: return "reject";
    case ReviewAction::withdraw_review: return "withdraw_review";
    case ReviewAction::exclude: return "exclude";
    case ReviewAction::include: return "include";
  }
  return "";
}

std::vector<ReviewAction> hospital_actions(std::string_view sheet_status, bool can_change_reviews) {
  if (!can_change_reviews) return {};
  return actions_of(sheet_workflow(), "city", sheet_status);
}

std::vector<ReviewAction> city_actions(std::string_view city_status, bool can_change_reviews) {
  if (!can_change_reviews) return {};
  return actions_of(city_workflow(), "province", city_status);
}

std::vector<std::string> sheet_status_ids() { return statuses_of(sheet_workflow()); }
std::vector<std::string> city_status_ids() { return statuses_of(city_workflow()); }

std::string city_status_label_id(std::string_view status, bool own_view) {
  std::string id = "ivd.city_status." + std::string(status);
  if (own_view && status == city_status::rejected) id += ".own";
  return id;
}

}  // namespace ivd
