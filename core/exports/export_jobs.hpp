#pragma once
// The 导出列表 (IVD manual 报量项目审核 5-6, 全国报量数据 4-5): background export jobs, each owned by the
// user who started it and visible to that user only. A job is 生成中 until the server's runner has
// written its file (已完成) or given up with a reason (失败). Files are kept for a retention period
// (7 days by default, app setting export_retention_days) and then removed with their job.
//
// Status table (who, from, action, to):
//   owner   (none)     start (POST /exports)            running 生成中
//   runner  running    file written and renamed         done    已完成
//   runner  running    producer refused or I/O failed   failed  失败 (reason kept)
//   runner  running    server stopped while producing   failed  失败 (exports.interrupted, at next start)
//   owner   any        删除                              (gone; the runner drops a file it finishes later)
//   sweep   any        older than the retention period  (gone)
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/actor.hpp"
#include "core/api/request.hpp"
#include "core/base/result.hpp"
#include "core/base/i18n.hpp"
#include "core/base/status_tone.hpp"
#include "core/store/db.hpp"

namespace ivd {

namespace export_status {
inline constexpr const char* running = "running";  // 生成中
inline constexpr const char* done = "done";        // 已完成
inline constexpr const char* failed = "failed";    // 失败
}  // namespace export_status

// The i18n id of a status label ("exports.status.<id>") and its colour, consistent with IVD: under way
// is progress, done ok (green), failed bad (red).
std::string export_status_label_id(std::string_view status);
StatusTone export_status_tone(std::string_view status);

// One job as its owner sees it (ExportJob on the wire, docs/api-exports.md).
struct ExportJob {
  int64_t id = 0;
  std::string kind;
  std::string title;            // what the starter named (e.g. the project), shown after the kind's label
  nlohmann::json params = nlohmann::json::object();
  std::string status = export_status::running;
  int progress = 0;             // percent, 0..100
  int64_t created_at = 0;       // unix seconds
  std::string created_at_text;  // CST
  std::optional<int64_t> finished_at;
  int64_t expires_at = 0;       // when the sweep removes it
  std::string expires_at_text;
  std::string file_name;        // once done: the download's name
  std::string content_type;
  int64_t file_size = 0;
  // Once failed: why, in both languages.
  std::string error_code;
  std::string error_zh;
  std::string error_en;
  friend bool operator==(const ExportJob&, const ExportJob&) = default;
};
void to_json(nlohmann::json& j, const ExportJob& job);
void from_json(const nlohmann::json& j, ExportJob& job);
// What the 导出列表 shows as the name: the kind's label, then the title in brackets when there is one.
std::string export_job_name(const ExportJob& job, Lang lang);
// Whether the owner may download it now (only a finished job has a file).
inline bool export_downloadable(const ExportJob& job) { return job.status == export_status::done; }

// ---- retention ---------------------------------------------------------------------------------------
inline constexpr int64_t kDefaultExportRetentionDays = 7;
inline constexpr int64_t kMaxExportRetentionDays = 365;
// The app setting export_retention_days, or 7 when unset or unreadable.
Result<int64_t> export_retention_days(Db& db);
// Errors: exports.retention.range (1..365 days).
Status set_export_retention_days(Db& db, int64_t days);

// ---- the owner's operations (routes) -----------------------------------------------------------------
// Starts a job of kind (check_export_start) for the actor; title up to kMaxExportTitleBytes.
inline constexpr size_t kMaxExportTitleBytes = 600;
Result<ExportJob> start_export(Db& db, const Actor& actor, std::string_view kind, const nlohmann::json& params,
                               std::string_view title, int64_t now);
struct ExportPage {
  int64_t total = 0;
  int64_t running = 0;  // of all the owner's jobs: how many are 生成中 (the screen refreshes while > 0)
  std::vector<ExportJob> items;  // newest first
};
Result<ExportPage> list_exports(Db& db, const Actor& actor, const Page& page);
// The actor's own job. Another user's job, even of the same region, and a missing id get the same
// refusal: 404 exports.job.not_found (ids cannot be probed).
Result<ExportJob> own_export(Db& db, const Actor& actor, int64_t id);
// Where the file of the actor's finished job is kept (the server reads it from its exports folder).
// Errors: exports.job.not_found as above; exports.job.not_ready (409) while 生成中 or after 失败.
struct ExportFile {
  std::string key;  // the file's name in the server's exports folder
  std::string file_name;
  std::string content_type;
  int64_t size = 0;
};
Result<ExportFile> own_export_file(Db& db, const Actor& actor, int64_t id);
// Removes the actor's job (any status); same refusal as own_export.
Status delete_export(Db& db, const Actor& actor, int64_t id);

// ---- the runner's side (server/exports) ----------------------------------------------------------------
struct ClaimedExport {
  int64_t id = 0;
  int64_t owner_id = 0;
  std::string kind;
  nlohmann::json params;
};
// Takes the oldest job nobody works on yet; nullopt when there is none.
Result<std::optional<ClaimedExport>> claim_next_export(Db& db, int64_t now);
Status set_export_progress(Db& db, int64_t id, int percent);
// Records the written file: false when the job was deleted meanwhile (the caller removes the file).
Result<bool> finish_export(Db& db, int64_t id, const ExportFile& file, int64_t now);
Status fail_export(Db& db, int64_t id, const Error& why, int64_t now);
// At start: jobs claimed by a runner that stopped before finishing become 失败 (exports.interrupted).
Result<int> fail_interrupted_exports(Db& db, int64_t now);
// Removes the jobs older than the retention period; returns how many.
Result<int> sweep_expired_exports(Db& db, int64_t now);
// Whether a file key belongs to a job still there (the runner removes files that do not).
Result<bool> export_file_in_use(Db& db, std::string_view key);

}  // namespace ivd
