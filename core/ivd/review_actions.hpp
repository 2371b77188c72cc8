#pragma once
// What the 报量项目审核 screens offer (IVD manual 市级 / 省级报量项目审核), derived from the workflow
// tables the server runs (sheet_workflow(), city_workflow()), so the browser shows exactly the buttons
// whose action the server would take from a status, and no status list of its own.
#include <string>
#include <string_view>
#include <vector>

namespace ivd {

// A reviewer's action on a row; its id is the event action ("approve", ...; label ivd.event.<id>).
enum class ReviewAction { approve, reject, withdraw_review, exclude, include };
std::string_view review_action_id(ReviewAction a);

// The city's (or 省本级's) actions on one hospital whose sheet is in sheet_status: the city rows of the
// sheet workflow that start from that status (审核通过 / 审核不通过 from 已提交, 审核撤回 from 审核通过 /
// 审核不通过, 取消上报 from any but 无需上报, 上报 from 无需上报), in that order. None when the list answer
// says the city may not change reviews (can_change_reviews: the city has submitted, or its window closed).
std::vector<ReviewAction> hospital_actions(std::string_view sheet_status, bool can_change_reviews);

// The province's actions on one city whose report is in city_status (审核通过 / 审核不通过 from 已提交,
// 审核撤回 from 审核通过 / 审核不通过); none when can_change_reviews is false.
std::vector<ReviewAction> city_actions(std::string_view city_status, bool can_change_reviews);

// The status ids of a workflow, in the order of its table (for the counts by status and the filters).
std::vector<std::string> sheet_status_ids();
std::vector<std::string> city_status_ids();

// The label id of a city report's status: ivd.city_status.<id>; in the city's view of its own report
// a rejection reads 上级审核不通过 (ivd.city_status.rejected.own).
std::string city_status_label_id(std::string_view status, bool own_view);

}  // namespace ivd
