#pragma once
// Wire types and ids of the supply-problem feedback (SPEC §3, manual 中选药品供应问题反馈; the contract
// is docs/api-supply.md). Declared once here with to_json/from_json: the server answers with them, the
// browser reads replies with them. from_json is tolerant (a missing or mistyped field reads as its
// default, never an exception), so a reply of an older or newer server never throws in the browser.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status_tone.hpp"
#include "core/files/files.hpp"
#include "core/store/event_log.hpp"

namespace ivd {

// ---- statuses (labels: i18n "supply.status.<id>") -------------------------------------------------
namespace supply_status {
inline constexpr const char* draft = "draft";                                // 待提交
inline constexpr const char* pending_admin = "pending_admin";                // 待管理机构确认
inline constexpr const char* pending_enterprise = "pending_enterprise";      // 待企业确认
inline constexpr const char* enterprise_confirmed = "enterprise_confirmed";  // 企业已确认
inline constexpr const char* pending_hospital = "pending_hospital";          // 待医疗机构确认
inline constexpr const char* resolved = "resolved";                          // 已解决
inline constexpr const char* unresolved = "unresolved";                      // 未解决 (also 未解决（超时）)
}  // namespace supply_status

// Every status in the order of the flow (the 业务状态 choices of the query forms).
std::span<const std::string_view> supply_statuses();
bool is_supply_status(std::string_view id);
// The flow has ended (SPEC §3 "ended = 已解决, 未解决, including enterprise timeout").
bool is_ended_status(std::string_view status);
// The enterprise's turn, when the deadline runs (待企业确认, 企业已确认).
bool is_deadline_status(std::string_view status);

// The i18n id of the label: "supply.status.<id>"; a timed-out 未解决 reads 未解决（超时）
// ("supply.status.unresolved_timeout").
std::string supply_status_label_id(std::string_view status, bool timed_out = false);
// The colour, consistent with IVD (core/base/status_tone.hpp): open statuses are progress, 已解决 ok
// (green), 未解决 bad (red).
StatusTone supply_status_tone(std::string_view status);

// ---- problem types (问题类型; labels: i18n "supply.problem.<id>") ------------------------------------
std::span<const std::string_view> problem_types();  // shortage, late_delivery, quality, price, other
bool is_problem_type(std::string_view id);
std::string problem_type_label_id(std::string_view id);

// ---- actions: what the caller may do now (the screens show exactly these buttons) ----------------
// Labels: i18n "supply.action.<id>".
namespace supply_action {
inline constexpr const char* edit = "edit";          // 编辑 (hospital, 待提交)
inline constexpr const char* submit = "submit";      // 提交 (hospital, 待提交)
inline constexpr const char* withdraw = "withdraw";  // 撤回 (hospital, 待管理机构确认)
inline constexpr const char* review = "review";      // 确认 / 退回 (admin, 待管理机构确认)
inline constexpr const char* answer = "answer";      // 确认 / 确认并提交 (enterprise, 待企业确认)
inline constexpr const char* deliver = "deliver";    // 提交 (enterprise, 企业已确认)
inline constexpr const char* outcome = "outcome";    // 确认 已解决 / 未解决 (hospital, 待医疗机构确认)
}  // namespace supply_action
std::string supply_action_label_id(std::string_view action);

// Event actions (events.action of entity "supply_feedback"; labels: i18n "supply.event.<action>"):
// create, edit, submit, withdraw, confirm, return, answer, answer_submit, deliver, outcome, timeout.
std::string supply_event_label_id(std::string_view action);

// ---- wire types ------------------------------------------------------------------------------------
// A product of the national selected list (国家中选项目).
struct Product {
  std::string serial;        // 流水号
  std::string generic_name;  // 通用名
  std::string dosage_form;   // 剂型
  std::string spec;          // 规格
  std::string product_name;  // 通用名 + 剂型 + 规格, as shown
  std::string manufacturer;  // 生产企业
  int64_t manufacturer_id = 0;
  std::string applicant;     // 申报企业 (may be an agent)
  int64_t applicant_id = 0;
  std::string batch;         // 批次
  bool backup = false;       // a 备供 batch: never selectable
  friend bool operator==(const Product&, const Product&) = default;
};
void to_json(nlohmann::json& j, const Product& p);
void from_json(const nlohmann::json& j, Product& p);

struct ProductPage {
  int64_t total = 0, page = 1, page_size = 20;
  std::vector<Product> items;
};
void to_json(nlohmann::json& j, const ProductPage& p);
void from_json(const nlohmann::json& j, ProductPage& p);

struct ProductImportCounts {
  int inserted = 0, updated = 0, unchanged = 0;
  friend bool operator==(const ProductImportCounts&, const ProductImportCounts&) = default;
};
void to_json(nlohmann::json& j, const ProductImportCounts& c);
void from_json(const nlohmann::json& j, ProductImportCounts& c);

// What the hospital types (新增反馈 / 编辑).
struct FeedbackInput {
  std::string serial;        // 流水号, picked from the product list
  std::string problem_type;  // one of problem_types()
  std::string description;   // 问题描述, ≤ kDescriptionMax characters
  std::string occurred_on;   // 发生日期 "YYYY-MM-DD"
  std::string contact_name;  // 联系人, ≤ kContactMax characters
  std::string contact_phone; // 联系电话, ≤ kContactMax characters, a phone number
  std::vector<int64_t> attachment_ids;  // ≤ kAttachmentsMax files
  friend bool operator==(const FeedbackInput&, const FeedbackInput&) = default;
};
inline constexpr size_t kDescriptionMax = 2000;  // characters
inline constexpr size_t kContactMax = 50;        // characters
inline constexpr size_t kAttachmentsMax = 10;
inline constexpr size_t kReasonMax = 500;        // 退回原因, 处理情况, 确认说明: characters
void to_json(nlohmann::json& j, const FeedbackInput& in);
void from_json(const nlohmann::json& j, FeedbackInput& in);

// One row of the list (and the head of the detail).
struct FeedbackRow {
  int64_t id = 0;
  int64_t revision = 0;
  std::string status;
  bool timed_out = false;             // 未解决（超时）: the enterprise let the deadline pass
  std::string serial;
  std::string product_name;
  std::optional<std::string> manufacturer;  // absent for enterprise users
  std::optional<std::string> applicant;     // absent for enterprise users
  std::string batch;
  std::string hospital_code;
  std::string hospital_name;
  std::string city_code;
  std::string problem_type;
  std::string feedback_date;                // 反馈日期 "YYYY-MM-DD" (CST)
  std::optional<int> remaining_days;        // 剩余处理天数, only while the enterprise's turn runs
  std::optional<std::string> deadline_date; // set by the admin's 确认
  std::optional<std::string> outcome;       // resolved | unresolved, the hospital's 确认 result
  std::vector<std::string> actions;         // what the caller may do now (supply_action ids)
  friend bool operator==(const FeedbackRow&, const FeedbackRow&) = default;
};
void to_json(nlohmann::json& j, const FeedbackRow& r);
void from_json(const nlohmann::json& j, FeedbackRow& r);

// The row is shown red: 未解决, or 剩余处理天数 0 (the deadline is today; manual 生产/代理企业 注意事项 2).
bool row_alert(const FeedbackRow& r);
// The label and the colour of a row's status (a timed-out 未解决 reads 未解决（超时）).
std::string row_status_label_id(const FeedbackRow& r);
StatusTone row_status_tone(const FeedbackRow& r);
// Does the row offer this action?
bool row_allows(const FeedbackRow& r, std::string_view action);

struct FeedbackPage {
  int64_t total = 0, page = 1, page_size = 20;
  std::vector<FeedbackRow> items;
};
void to_json(nlohmann::json& j, const FeedbackPage& p);
void from_json(const nlohmann::json& j, FeedbackPage& p);

struct FeedbackDetail {
  FeedbackRow row;
  std::string description;
  std::string occurred_on;
  std::string contact_name;
  std::string contact_phone;
  std::vector<FileRef> attachments;
  std::optional<FileRef> interview_file;  // 约谈记录, attached by the admin's 确认
  std::string return_reason;              // 退回原因 (the admin's last 退回)
  std::string handling;                   // 处理情况 (the enterprise's answer)
  std::string outcome_note;               // the hospital's note with its 确认
  std::vector<EventRow> events;           // oldest first
};
// The row's fields and the detail's own at the same level (docs/api-supply.md).
void to_json(nlohmann::json& j, const FeedbackDetail& d);
void from_json(const nlohmann::json& j, FeedbackDetail& d);

// GET /supply/calendar answers core/base/work_calendar.hpp's CalendarInfo (the warning for admins only).

}  // namespace ivd
