#pragma once
// A hospital's IVD sheet (SPEC §2.2, IVD manual 报量项目管理): one line per catalog 流水号, the texts the
// user typed, the per-注册证 在用仪器说明文件 uploads and the submission fields. The texts are kept as
// typed (drafts never lose input, SPEC §2.2 暂存); sheet_rules.hpp decides what they mean.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.hpp"

namespace ivd {

// 是否有在用仪器: 是 / 否 / not chosen.
enum class Instrument : uint8_t { none, yes, no };

// "是" / "否" / "".
std::string_view instrument_text(Instrument i);
// Accepts "是", "否", "yes", "no" and "" (spaces trimmed); nullopt for anything else.
std::optional<Instrument> parse_instrument(std::string_view text);

struct SheetLine {
  std::string serial;          // 流水号, unique in the sheet
  std::string certificate;     // 注册证 from the catalog; "" = none (the line then has no 注册证 group)
  std::string last_year_text;  // 上年度采购总数量 as typed
  std::string demand_text;     // 下年度采购需求量 as typed
  Instrument instrument = Instrument::none;
  std::string change_note;     // 增降幅说明
  friend bool operator==(const SheetLine&, const SheetLine&) = default;
};

// What the 提交 page asks for besides the lines (IVD manual 报量项目管理 提交).
struct SubmissionFields {
  std::string contact_name;       // 联系人
  std::string contact_phone;      // 联系方式
  std::string commitment_letter;  // 承诺书: upload reference (e.g. content hash), "" = not uploaded
  std::string demand_attachment;  // 采购需求量附件: upload reference, "" = not uploaded
  friend bool operator==(const SubmissionFields&, const SubmissionFields&) = default;
};

struct Sheet {
  double threshold_percent = 0;  // 需求量阈值 of the project, percent (30 = 30 %)
  std::vector<SheetLine> lines;
  // 在用仪器说明文件 per 注册证: certificate -> upload reference. A blank reference counts as none.
  std::map<std::string, std::string, std::less<>> instrument_docs;
  SubmissionFields submission;
  friend bool operator==(const Sheet&, const Sheet&) = default;
};

// JSON form (all keys but "lines" optional; unknown keys ignored):
// {
//   "threshold_percent": 30,
//   "lines": [{"serial": "S0001", "certificate": "国械注准20163400513", "last_year": "1,200" | 1200 | null,
//              "demand": ..., "instrument": "是" | "否" | "yes" | "no" | "" | null, "change_note": "..."}],
//   "instrument_docs": {"国械注准20163400513": "upload-ref"},
//   "contact_name": "...", "contact_phone": "...", "commitment_letter": "upload-ref",
//   "demand_attachment": "upload-ref"
// }
// Quantities may be strings (kept as typed) or JSON numbers (kept as their JSON text: 12.5 stays "12.5"
// and is refused by R-QTY-FORMAT at the cell, like a typed "12.5"). A wrong JSON type, an unknown
// instrument value, a missing or duplicate 流水号 or a bad threshold is an Error (bad_request) whose
// field is the JSON path, e.g. "lines[3].instrument". Never throws.
Result<Sheet> sheet_from_json(const nlohmann::json& j);
// Parses JSON text first ("request.malformed_json" when it is not JSON).
Result<Sheet> sheet_from_json_text(std::string_view text);
nlohmann::json sheet_to_json(const Sheet& sheet);

}  // namespace ivd
