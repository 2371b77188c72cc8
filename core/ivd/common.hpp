#pragma once
// Small pieces every IVD module shares: status ids, event entities and IVD errors. Status ids are stable English ids; their labels are the
// translation keys "ivd.sheet_status.<id>", "ivd.city_status.<id>", ... (SPEC §2).
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/api/actor.hpp"
#include "core/store/db.hpp"
#include "core/base/result.hpp"
#include "core/api/request.hpp"
#include "core/base/civil_time.hpp"
#include "core/base/status_tone.hpp"
#include "core/store/event_log.hpp"
#include "core/store/transaction.hpp"
#include "core/store/transition.hpp"

namespace ivd {

// ---- statuses (SPEC §2.2-2.5) --------------------------------------------------------------------
namespace sheet_status {  // a hospital's sheet
inline constexpr const char* not_filled = "not_filled";      // 未填报
inline constexpr const char* draft = "draft";                // 暂存
inline constexpr const char* submitted = "submitted";        // 已提交
inline constexpr const char* approved = "approved";          // 审核通过
inline constexpr const char* rejected = "rejected";          // 审核不通过
inline constexpr const char* not_required = "not_required";  // 无需上报 (set by the city)
}  // namespace sheet_status

namespace city_status {  // a city's (or 省本级's) report to its province
inline constexpr const char* pending = "pending";        // 待提交
inline constexpr const char* submitted = "submitted";    // 已提交
inline constexpr const char* approved = "approved";      // 审核通过
inline constexpr const char* rejected = "rejected";      // 审核不通过 (the city sees 上级审核不通过)
}  // namespace city_status

namespace province_status {  // a province's report to the nation
inline constexpr const char* pending = "pending";      // 待提交
inline constexpr const char* submitted = "submitted";  // 已提交
inline constexpr const char* withdrawn = "withdrawn";  // 已撤回 (national 撤回; SPEC §2.4 审核不通过/已撤回)
}  // namespace province_status

namespace project_status {  // derived from the clock (SPEC §2.1)
inline constexpr const char* not_started = "not_started";  // 未开始
inline constexpr const char* running = "running";          // 执行中
inline constexpr const char* ended = "ended";              // 已结束
}  // namespace project_status

// How a status reads at a glance, for its colour (core/base/status_tone.hpp; the screens map a tone to
// a colour, the status to its label "ivd.<kind>_status.<id>").
// kind: project | province | city | sheet; an unknown kind or id is neutral.
StatusTone status_tone(std::string_view kind, std::string_view status);
// The i18n id of a status label: "ivd.<kind>_status.<id>".
std::string status_label_id(std::string_view kind, std::string_view status);

// Event entities (events.entity).
namespace ivd_entity {
inline constexpr const char* project = "ivd_project";
inline constexpr const char* sheet = "ivd_sheet";
inline constexpr const char* city = "ivd_city";
inline constexpr const char* province = "ivd_province";
}  // namespace ivd_entity

// entity_id of a city / province report: "<project>:<region code>".
std::string region_entity_id(int64_t project_id, std::string_view region_code);

// ---- errors --------------------------------------------------------------------------------------
// An error with the IVD rule or workflow id as its code; args fill {0}, {1}...
Error ivd_error(ErrorKind kind, std::string code, std::vector<std::string> args = {}, std::string field = {});
// An error whose arguments are field labels: each is a translation id, translated into each message's own
// language (an English message names the field in English).
Error ivd_label_error(ErrorKind kind, std::string code, std::string field, const std::vector<std::string>& label_ids);

}  // namespace ivd
