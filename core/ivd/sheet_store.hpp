#pragma once
// A hospital's sheet in the database (SPEC §2.2, IVD manual 报量项目管理): its lines as typed, the
// 在用仪器说明文件 per 注册证, the submission fields, its status and revision. 暂存 stores what was sent
// and never refuses typed input (drafts never lose data); 提交 reruns every rule of sheet_rules.hpp in
// submit mode and refuses with the rule ids. Totals are kept incrementally (ivd_aggregates.hpp).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/api/actor.hpp"
#include "core/store/db.hpp"
#include "core/ivd/aggregates.hpp"
#include "core/ivd/catalog.hpp"
#include "core/ivd/common.hpp"
#include "core/ivd/project.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"
#include "core/ivd/sheet/sheet_model.hpp"
#include "core/ivd/sheet/sheet_rules.hpp"

namespace ivd {

struct SheetHeader {
  int64_t id = 0;
  int64_t project_id = 0;
  int64_t hospital_id = 0;
  std::string hospital_code;
  std::string hospital_name;
  std::string hospital_level;
  std::string city_code;
  std::string province_code;
  std::string status;                   // sheet_status id
  std::string status_before_exclusion;  // what 上报 restores after 取消上报
  std::string contact_name;
  std::string contact_phone;
  std::optional<int64_t> commitment_file_id;  // 承诺书
  std::optional<int64_t> demand_file_id;      // 采购需求量附件
  int64_t line_count = 0;
  Sums sums;
  std::optional<int64_t> submitted_at;
  std::optional<int64_t> reviewed_at;
  std::string review_reason;  // reason of the last 审核不通过
  int64_t revision = 0;
  int64_t updated_at = 0;
  friend bool operator==(const SheetHeader&, const SheetHeader&) = default;
};

// The sheet header on the wire (docs/api-ivd.md SheetHeader): the fields above but
// status_before_exclusion, the file ids as commitment_letter / demand_attachment, the sums as
// last_year_total / demand_total, submitted_at_text (ignored by from_json), and what the screen needs
// from the project at the time of the answer: threshold_percent, editable and, when not editable, why.
struct SheetHeaderOnWire {
  SheetHeader header;
  double threshold_percent = 0;
  bool editable = false;
  nlohmann::json not_editable;  // the refusal (error JSON) when !editable, else null
  friend bool operator==(const SheetHeaderOnWire&, const SheetHeaderOnWire&) = default;
};
void to_json(nlohmann::json& j, const SheetHeaderOnWire& w);
void from_json(const nlohmann::json& j, SheetHeaderOnWire& w);

// 404 ivd.sheet.not_found (the hospital does not take part in the project).
Result<SheetHeader> load_sheet_header(Db& db, int64_t project_id, int64_t hospital_id);
nlohmann::json sheet_header_to_json(const SheetHeader& h, const Project& p, int64_t now);

// SPEC §2.2: editing is allowed while 执行中 inside the filling window, and after a 审核不通过 until
// city_review_end. Errors (409): ivd.sheet.not_required, ivd.sheet.locked (已提交 / 审核通过),
// ivd.sheet.window_closed (args: the window), ivd.sheet.window_not_open.
Status check_editable(const Project& p, const SheetHeader& h, int64_t now);
bool is_editable(const Project& p, const SheetHeader& h, int64_t now);

// What 暂存 / 提交 send. Only what is present changes: a line not sent keeps its values, a key absent
// from a sent line keeps its value, null or "" clears it (SPEC §2.2: drafts never lose typed data).
struct LinePatch {
  std::string serial;
  std::optional<std::string> last_year;   // as typed
  std::optional<std::string> demand;      // as typed
  std::optional<Instrument> instrument;
  std::optional<std::string> change_note;
};
struct SheetPatch {
  int64_t revision = 0;
  std::vector<LinePatch> lines;
  std::vector<std::pair<std::string, std::optional<int64_t>>> instrument_docs;  // 注册证 -> file id (nullopt removes)
  std::optional<std::string> contact_name;
  std::optional<std::string> contact_phone;
  std::optional<std::optional<int64_t>> commitment_letter;  // file id; inner nullopt removes
  std::optional<std::optional<int64_t>> demand_attachment;
};
// Body: {revision, lines: [{serial, last_year?, demand?, instrument?, change_note?}],
// instrument_docs?: {"<注册证>": file_id | null}, contact_name?, contact_phone?, commitment_letter?: file_id | null,
// demand_attachment?: file_id | null}. Errors (400) name the JSON path in field.
Result<SheetPatch> sheet_patch_from_json(const nlohmann::json& body);

struct SaveResult {
  SheetHeader header;
  SheetReport report;  // every finding of the whole sheet after the save
};

// 暂存: applies the patch (one transaction), 未填报 becomes 暂存. Never refused because of rule
// findings — they come back in the report (errors and warnings) for the screen to mark.
// Errors: scope (403), check_editable (409), revision.stale (409), ivd.sheet.unknown_serial,
// ivd.sheet.unknown_certificate, file checks (400/403/404), field lengths (400).
Result<SaveResult> save_draft(Db& db, Services& svc, const Actor& actor, int64_t project_id, const SheetPatch& patch);
// 提交: applies the patch, reruns every rule in submit mode and moves to 已提交. Refused, with nothing
// changed, by 422 ivd.sheet.submit_refused (rule_id: the first failing rule; details.rule_ids: every
// failing rule; details.report: the items), or 422 ivd.sheet.empty when no line is filled.
Result<SaveResult> submit_sheet(Db& db, Services& svc, const Actor& actor, int64_t project_id, const SheetPatch& patch);

// The sheet in the form sheet_rules.hpp validates (uploads as file id text).
Result<Sheet> load_sheet_model(Db& db, const Project& p, const SheetHeader& h);
Result<SheetReport> validate_stored_sheet(Db& db, const Project& p, const SheetHeader& h, SheetMode mode);

// 查询 (SPEC §2.2 Actions): catalog rows joined with the hospital's values.
struct LineQuery {
  CatalogFilter filter;
  bool filled_only = false;
  bool errors_only = false;  // lines with an error item in `mode`
  SheetMode mode = SheetMode::draft;
  Page page;
};
LineQuery line_query_from_query(const std::map<std::string, std::string>& query, const Page& page);
// One line of the 填报 page on the wire: the catalog row's fields, the line as typed ("" when not filled),
// change_percent as text ("+12.50", null when it cannot be computed) and the line's findings.
struct SheetLineOnWire {
  CatalogRow row;
  std::string last_year;
  std::string demand;
  std::string instrument;  // 是 / 否 / ""
  std::string change_note;
  std::optional<std::string> change_percent;
  std::vector<SheetItemOnWire> items;
  friend bool operator==(const SheetLineOnWire&, const SheetLineOnWire&) = default;
};
void to_json(nlohmann::json& j, const SheetLineOnWire& w);
void from_json(const nlohmann::json& j, SheetLineOnWire& w);
// {total, page, page_size, items: [{serial, category, ..., last_year, demand, instrument, change_note,
// change_percent, items: [...]}], report: {mode, errors, warnings, submission_items}}.
Result<nlohmann::json> query_sheet_lines(Db& db, const Project& p, const SheetHeader& h, const LineQuery& q);

// 填报数据导出 data: the sheet summed by 注册证 with its lines (SPEC §2.2: PDF grouped by 注册证).
Result<nlohmann::json> sheet_by_certificate(Db& db, const Project& p, const SheetHeader& h);

// History of the sheet (审核状态查看).
Result<std::vector<EventRow>> sheet_events(Db& db, const SheetHeader& h);

// The sheet's workflow (statuses, who moves them, refusal codes): the table at the top of
// sheet_store.cpp, used by 提交 here and by the city's review actions (review.cpp).
const Workflow& sheet_workflow();

// Writes a status change through the status-transition step (transition.hpp): revision + 1, event row, totals delta when the hospital enters or leaves
// the counted set (无需上报). Used by the review workflow; runs inside the caller's transaction.
struct SheetStatusChange {
  std::string to;
  std::string action;  // event action
  std::string reason;
  bool set_submitted_at = false;
  bool set_reviewed_at = false;
  std::optional<std::string> review_reason;  // written when set
};
Status write_sheet_status(Db& db, const SheetHeader& h, const SheetStatusChange& c, int64_t actor_id, int64_t now);

}  // namespace ivd
