#pragma once
// The rules of a hospital's IVD sheet (SPEC §2.2, IVD manual 报量项目管理 暂存 / 提交). One function,
// validate_sheet, runs them all; SheetValidator (sheet_validator.hpp) runs the same code per cell edit.
// The browser (wasm) and the server (native) run these same bytes; tests/parity checks they agree.
//
// Decisions the manual leaves open (SPEC §2.2 asks to write them down):
//  * "filled": a quantity cell with anything but spaces in it, even text that R-QTY-FORMAT refuses (the
//    user meant to fill it). A line whose two quantity cells are blank is "not used".
//  * An empty quantity cell of a used line counts as 0 for R-THRESHOLD (last year blank + demand 100 is
//    a new demand; last year 100 + demand blank is a -100 % change). A cell refused by R-QTY-FORMAT
//    switches R-THRESHOLD off for its line (the number is unknown; the format error is shown instead).
//  * R-INSTR-SAME-CERT compares only lines whose 是否有在用仪器 is chosen; a blank one neither conflicts
//    nor decides (R-INSTR-REQUIRED already flags it when the line is used). When a 注册证 has both 是 and
//    否, the lines holding the minority value are flagged, so the line to fix is the one marked; on a tie
//    every line with a chosen value is flagged. The message gives both counts, so a user looking at line
//    3 knows there is a disagreeing line elsewhere (line 2900, another page).
//  * R-CERT-NO-INSTRUMENT-DOC is one item per 注册证, attached to the first line (sheet order) that says
//    否, with the certificate set; the upload itself is per 注册证 (IVD manual 提交 注1).
//  * A line without 注册证 ("") belongs to no group: the certificate rules do not apply to it.
//  * Change notes and upload references that hold only spaces count as missing.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/i18n.hpp"
#include "core/ivd/sheet/sheet_model.hpp"

namespace ivd {

// 暂存 (draft) or 提交 (submit): "before submission" rules are warnings in a draft, errors at 提交.
enum class SheetMode : uint8_t { draft, submit };
enum class Severity : uint8_t { error, warning };

// In the order items of one line are listed.
enum class SheetRule : uint8_t {
  qty_format,              // R-QTY-FORMAT
  instr_required,          // R-INSTR-REQUIRED
  instr_no_with_history,   // R-INSTR-NO-WITH-HISTORY
  instr_same_cert,         // R-INSTR-SAME-CERT
  threshold,               // R-THRESHOLD (before submission)
  cert_no_instrument_doc,  // R-CERT-NO-INSTRUMENT-DOC (before submission)
  submit_fields,           // R-SUBMIT-FIELDS (before submission)
};
inline constexpr SheetRule kAllSheetRules[] = {
    SheetRule::qty_format,      SheetRule::instr_required,         SheetRule::instr_no_with_history,
    SheetRule::instr_same_cert, SheetRule::threshold,              SheetRule::cert_no_instrument_doc,
    SheetRule::submit_fields};

std::string_view rule_id(SheetRule rule);  // "R-QTY-FORMAT", ...
std::optional<SheetRule> parse_rule_id(std::string_view id);
bool is_before_submission(SheetRule rule);
Severity rule_severity(SheetRule rule, SheetMode mode);

// Where an item points: a cell of a line, or a field of the submission.
enum class SheetField : uint8_t {
  last_year,          // 上年度采购总数量
  demand,             // 下年度采购需求量
  instrument,         // 是否有在用仪器
  change_note,        // 增降幅说明
  instrument_doc,     // 在用仪器说明文件 (per 注册证)
  contact_name,       // 联系人
  contact_phone,      // 联系方式
  commitment_letter,  // 承诺书
  demand_attachment,  // 采购需求量附件
};
std::string_view field_name(SheetField field);  // "last_year", ...
std::optional<SheetField> parse_field_name(std::string_view name);

// Which message of a rule applies.
enum class ItemDetail : uint8_t {
  none,
  out_of_range,  // R-QTY-FORMAT: an integer above 999,999,999
  new_demand,    // R-THRESHOLD: last year 0, demand > 0
  missing,       // R-SUBMIT-FIELDS: not filled / not uploaded
  bad_format,    // R-SUBMIT-FIELDS: contact phone not a phone number
};

// One finding. Messages are produced on demand from the translation tables (validation allocates no
// message text); to_json writes them out.
struct SheetItem {
  SheetRule rule = SheetRule::qty_format;
  Severity severity = Severity::error;
  SheetField field = SheetField::last_year;
  ItemDetail detail = ItemDetail::none;
  int32_t line = -1;        // index into Sheet::lines; -1 for the submission fields
  std::string serial;       // 流水号 of the line ("" for the submission fields)
  std::string certificate;  // 注册证, set for R-INSTR-SAME-CERT and R-CERT-NO-INSTRUMENT-DOC
  // Numbers in the message: R-INSTR-SAME-CERT: count of 是, count of 否 in the 注册证;
  // R-THRESHOLD: change and threshold in hundredths of a percent.
  int64_t arg0 = 0;
  int64_t arg1 = 0;

  std::string_view rule_id() const { return ivd::rule_id(rule); }
  std::string_view field_name() const { return ivd::field_name(field); }
  std::string_view message_key() const;  // translation id: the rule id, or rule id + "." + variant
  std::string message(Lang lang) const;
  std::string message_zh() const { return message(Lang::zh); }
  std::string message_en() const { return message(Lang::en); }
  friend bool operator==(const SheetItem&, const SheetItem&) = default;
};

struct SheetReport {
  SheetMode mode = SheetMode::draft;
  // Line items in line order (within a line in SheetRule order, then field), then the submission items.
  std::vector<SheetItem> items;
  size_t errors = 0;
  size_t warnings = 0;
  bool has_errors() const { return errors != 0; }
};

// Runs every rule on the sheet. Never throws (short of running out of memory).
SheetReport validate_sheet(const Sheet& sheet, SheetMode mode);

// A finding as clients see it: {"rule_id", "line", "serial", "certificate"?, "field", "severity":
// "error"|"warning", "message_zh", "message_en"}; "line" is absent for submission fields, "certificate"
// when empty. The wire carries the message texts, not the numbers behind them (detail, arg0, arg1 stay
// in core), so from_json gives this form rather than a SheetItem.
struct SheetItemOnWire {
  std::string rule_id;
  std::optional<int32_t> line;
  std::string serial;
  std::string certificate;
  std::string field;
  std::string severity;
  std::string message_zh;
  std::string message_en;
  friend bool operator==(const SheetItemOnWire&, const SheetItemOnWire&) = default;
};
SheetItemOnWire on_wire(const SheetItem& item);
void to_json(nlohmann::json& j, const SheetItemOnWire& w);
void from_json(const nlohmann::json& j, SheetItemOnWire& w);

// The report as clients see it: {"mode": "draft"|"submit", "errors", "warnings", "items": [...]}.
struct SheetReportOnWire {
  std::string mode;
  size_t errors = 0;
  size_t warnings = 0;
  std::vector<SheetItemOnWire> items;
  friend bool operator==(const SheetReportOnWire&, const SheetReportOnWire&) = default;
};
SheetReportOnWire on_wire(const SheetReport& report);
void to_json(nlohmann::json& j, const SheetReportOnWire& w);
void from_json(const nlohmann::json& j, SheetReportOnWire& w);

// The wire JSON of a finding and of a report (through the *OnWire forms above).
nlohmann::json to_json(const SheetItem& item);
nlohmann::json to_json(const SheetReport& report);
std::string_view severity_name(Severity s);  // "error" / "warning"
std::string_view mode_name(SheetMode m);     // "draft" / "submit"

// ---- pieces shared by validate_sheet and SheetValidator (not for other callers) ------------------
namespace sheet_rules_internal {

// One 注册证 group: what the certificate rules need to know about its lines.
struct GroupState {
  int32_t first_line = -1;     // a line of the group (its certificate text is the group's)
  int32_t yes = 0;             // lines saying 是
  int32_t no = 0;              // lines saying 否
  int32_t first_no = INT32_MAX;  // lowest line index saying 否
  bool has_doc = false;        // a non-blank 在用仪器说明文件 reference exists for the certificate
};

struct CertGroups {
  std::vector<int32_t> group_of_line;  // -1 for a line without 注册证
  std::vector<GroupState> groups;      // first_line set; counts zero
};

// Groups the lines by certificate text (first appearance order), one hash table pass.
CertGroups group_by_certificate(const std::vector<SheetLine>& lines);

struct RuleContext {
  SheetMode mode = SheetMode::draft;
  int64_t threshold_hundredths = 0;
};

// Appends the items of line `index` (group may be null for a line without 注册证).
void append_line_items(const SheetLine& line, int32_t index, const GroupState* group, const RuleContext& ctx,
                       std::vector<SheetItem>& out);
// Appends the R-SUBMIT-FIELDS items.
void append_submission_items(const SubmissionFields& fields, const RuleContext& ctx, std::vector<SheetItem>& out);
bool has_instrument_doc(const Sheet& sheet, std::string_view certificate);

}  // namespace sheet_rules_internal

}  // namespace ivd
