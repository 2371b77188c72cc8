#pragma once
// The whole sheet in one answer, for the sheet editor (issue 9: a 5,000-line sheet opens in < 500 ms):
// the header, every catalog line with its catalog columns and the hospital's values, the 在用仪器说明文件
// per 注册证 and the submission fields (in the header). The browser parses it with full_sheet_from_json
// and builds the Sheet that SheetValidator checks with to_sheet.
//
// Wire (GET /ivd/projects/{pid}/sheet/full, docs/api-ivd.md), rows as arrays in the order of "columns":
// {"sheet": SheetHeader,
//  "columns": ["serial", "category", "subcategory", "product_name", "spec", "certificate", "manufacturer",
//              "last_year", "demand", "instrument", "change_note"],
//  "rows": [["S001", "生化", ..., "1,200", "1300", "是", ""], ...],          (catalog order)
//  "instrument_docs": [{"certificate", "file_id", "name", "content_type", "size"}]}
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/base/result.hpp"
#include "core/ivd/catalog.hpp"
#include "core/ivd/project.hpp"
#include "core/ivd/sheet/sheet_model.hpp"
#include "core/ivd/sheet_store.hpp"
#include "core/store/db.hpp"

namespace ivd {

struct FullSheetLine {
  CatalogRow row;
  std::string last_year;   // as typed
  std::string demand;      // as typed
  std::string instrument;  // 是 / 否 / ""
  std::string change_note;
  friend bool operator==(const FullSheetLine&, const FullSheetLine&) = default;
};

struct FullSheetDoc {
  std::string certificate;
  int64_t file_id = 0;
  std::string name;
  std::string content_type;
  int64_t size = 0;
  friend bool operator==(const FullSheetDoc&, const FullSheetDoc&) = default;
};

struct FullSheet {
  SheetHeaderOnWire sheet;  // header, threshold_percent, editable; contact and upload fields
  std::vector<FullSheetLine> lines;
  std::vector<FullSheetDoc> instrument_docs;
  friend bool operator==(const FullSheet&, const FullSheet&) = default;
};

// The columns of a row on the wire, in order.
inline constexpr const char* kFullSheetColumns[] = {"serial", "category", "subcategory", "product_name",
                                                    "spec", "certificate", "manufacturer", "last_year",
                                                    "demand", "instrument", "change_note"};

void to_json(nlohmann::json& j, const FullSheet& s);
// nlohmann convention: throws on a malformed answer; full_sheet_from_json is the non-throwing form.
void from_json(const nlohmann::json& j, FullSheet& s);
// Error "request.malformed_reply" (field: the JSON path) instead of throwing. Columns are read by
// name, so a server adding a column does not break an older browser.
Result<FullSheet> full_sheet_from_json(const nlohmann::json& j);

// The Sheet sheet_rules.hpp validates: every catalog line (an unfilled one with empty values), the
// instrument documents and the uploads as file id text ("" when none), the threshold of the project.
Sheet to_sheet(const FullSheet& s);

// Reads it from the database (the caller has checked the scope).
Result<FullSheet> load_full_sheet(Db& db, const Project& p, const SheetHeader& h, int64_t now);

}  // namespace ivd
