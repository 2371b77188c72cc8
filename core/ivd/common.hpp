#pragma once
// Small pieces every IVD module shares: status ids, atomic sections, the event log, revisions,
// China Standard Time text and paging. Status ids are stable English ids; their labels are the
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
#include "core/store/transaction.hpp"

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

// Event entities (events.entity).
namespace ivd_entity {
inline constexpr const char* project = "ivd_project";
inline constexpr const char* sheet = "ivd_sheet";
inline constexpr const char* city = "ivd_city";
inline constexpr const char* province = "ivd_province";
}  // namespace ivd_entity

// ---- atomic sections -----------------------------------------------------------------------------
// Runs fn atomically: its own BEGIN IMMEDIATE transaction, or a SAVEPOINT inside a caller's
// transaction (the demo seed, a route that saves and then submits). Rolls back when fn returns an
// error (core/write_scope.hpp).
template <class F>
auto atomically(Db& db, F&& fn) -> decltype(fn()) {
  return atomic_write(db, std::forward<F>(fn));
}

// ---- the event log (SPEC §4: every state change is recorded: who, when, from, to, reason) ----------
struct EventRow {
  int64_t id = 0;
  std::string action;
  int64_t actor_id = 0;
  std::string actor_name;  // users.name, or the username when the name is empty
  int64_t at = 0;
  std::string from_state;
  std::string to_state;
  std::string reason;
};

Status record_event(Db& db, std::string_view entity, std::string_view entity_id, std::string_view action,
                    int64_t actor_id, int64_t at, std::string_view from_state, std::string_view to_state,
                    std::string_view reason = {});
// Oldest first.
Result<std::vector<EventRow>> load_events(Db& db, std::string_view entity, std::string_view entity_id);
nlohmann::json events_to_json(const std::vector<EventRow>& events);

// entity_id of a city / province report: "<project>:<region code>".
std::string region_entity_id(int64_t project_id, std::string_view region_code);

// ---- revisions (SPEC §4: a stale write is refused, never silently overwritten) ---------------------
// 409 revision.stale when expected != actual.
Status check_revision(int64_t expected, int64_t actual);

// ---- errors --------------------------------------------------------------------------------------
// An error with the IVD rule or workflow id as its code; args fill {0}, {1}...
Error ivd_error(ErrorKind kind, std::string code, std::vector<std::string> args = {}, std::string field = {});

// ---- time ----------------------------------------------------------------------------------------
// SPEC §4: times are shown in China Standard Time (UTC+8, no daylight saving).
std::string format_cst(int64_t unix_seconds);  // "2026-05-28 10:00:00"
// Reads "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" (also with 'T') as CST.
std::optional<int64_t> parse_cst(std::string_view text);
// A time field of a request body: a unix-seconds integer or a CST text as above.
Result<int64_t> body_time(const nlohmann::json& body, const char* field);

// ---- paging and query parameters -----------------------------------------------------------------
struct Page {
  int64_t page = 1;        // 1-based
  int64_t page_size = 20;  // at most kMaxPageSize
  int64_t offset() const { return (page - 1) * page_size; }
};
inline constexpr int64_t kMaxPageSize = 500;

Result<Page> read_page(const std::map<std::string, std::string>& query);
// A query parameter, "" when absent.
std::string query_text(const std::map<std::string, std::string>& query, const char* key);
bool query_flag(const std::map<std::string, std::string>& query, const char* key);  // "1" / "true"
// Parses a decimal integer (path parameters, query values); nullopt on anything else.
std::optional<int64_t> parse_int(std::string_view text);

// A LIKE pattern matching text anywhere, with %, _ and \ escaped (use with ESCAPE '\').
std::string like_pattern(std::string_view text);

}  // namespace ivd
