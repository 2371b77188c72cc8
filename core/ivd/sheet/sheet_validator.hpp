#pragma once
// Incremental validation of a hospital sheet for the editing screen: the sheet and its current items
// are held, and a cell edit revalidates only what it can change — its line, and for 是否有在用仪器 or a
// 在用仪器说明文件 the lines of its 注册证 group. After any sequence of edits items() equals
// validate_sheet(sheet(), mode()).items (tests/unit/test_sheet_validator.cpp checks it on random edits).
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/result.hpp"
#include "core/ivd/sheet/sheet_model.hpp"
#include "core/ivd/sheet/sheet_rules.hpp"

namespace ivd {

// What an operation changed: items that disappeared, and items that appeared. An item whose content
// changed (e.g. the percentage of R-THRESHOLD) is in both lists, old in removed, new in added.
struct SheetDiff {
  std::vector<SheetItem> removed;
  std::vector<SheetItem> added;
  bool empty() const { return removed.empty() && added.empty(); }
};

// The cells edit_cell can change.
enum class CellField : uint8_t {
  last_year,       // 上年度采购总数量 (text as typed)
  demand,          // 下年度采购需求量 (text as typed)
  instrument,      // 是否有在用仪器: "是" / "否" / "yes" / "no" / ""
  change_note,     // 增降幅说明
  instrument_doc,  // 在用仪器说明文件 reference of the line's 注册证 ("" removes it)
};
std::optional<CellField> parse_cell_field(std::string_view name);  // the SheetField names above

class SheetValidator {
 public:
  explicit SheetValidator(Sheet sheet, SheetMode mode = SheetMode::draft);
  SheetValidator(SheetValidator&&) noexcept = default;
  SheetValidator& operator=(SheetValidator&&) noexcept = default;
  SheetValidator(const SheetValidator&) = default;
  SheetValidator& operator=(const SheetValidator&) = default;

  const Sheet& sheet() const { return sheet_; }
  SheetMode mode() const { return mode_; }

  // All items, in the order of validate_sheet.
  std::vector<SheetItem> items() const;
  SheetReport report() const;
  std::span<const SheetItem> line_items(size_t line) const;
  std::span<const SheetItem> submission_items() const { return submission_items_; }
  size_t error_count() const { return errors_; }
  size_t warning_count() const { return warnings_; }

  // Sets one cell and revalidates what it affects. Errors (nothing changed): line out of range
  // ("sheet.edit.bad_line"), unknown field ("sheet.edit.bad_field"), unknown instrument value
  // ("sheet.json.bad_instrument"), instrument_doc on a line without 注册证 ("sheet.edit.no_certificate").
  // A quantity text is never refused here: a bad one becomes an R-QTY-FORMAT item.
  Result<SheetDiff> edit_cell(size_t line, CellField field, std::string_view value);
  Result<SheetDiff> edit_cell(size_t line, std::string_view field, std::string_view value);

  // 在用仪器说明文件 of a 注册证 ("" removes it). A certificate not in the sheet is stored, no effect.
  SheetDiff set_instrument_doc(std::string_view certificate, std::string_view reference);
  // One of contact_name, contact_phone, commitment_letter, demand_attachment ("sheet.edit.bad_field" else).
  Result<SheetDiff> set_submission_field(SheetField field, std::string_view value);
  // These change every line's severity or threshold check: a full revalidation.
  SheetDiff set_mode(SheetMode mode);
  Result<SheetDiff> set_threshold_percent(double percent);

 private:
  void revalidate_line(size_t line, SheetDiff& diff);
  void revalidate_group(int32_t group, SheetDiff& diff);
  void revalidate_all(SheetDiff& diff);
  void revalidate_submission(SheetDiff& diff);
  void replace_items(std::vector<SheetItem>& stored, SheetDiff& diff);
  void recount_group(int32_t group);

  Sheet sheet_;
  SheetMode mode_;
  sheet_rules_internal::RuleContext ctx_;
  std::vector<int32_t> group_of_line_;
  std::vector<sheet_rules_internal::GroupState> groups_;
  std::vector<std::vector<int32_t>> group_lines_;           // line indices of each group, ascending
  std::unordered_map<std::string, int32_t> group_by_cert_;  // for set_instrument_doc
  std::vector<std::vector<SheetItem>> line_items_;          // per line, in validate_sheet order
  std::vector<SheetItem> submission_items_;
  size_t errors_ = 0;
  size_t warnings_ = 0;
  std::vector<SheetItem> scratch_;
};

}  // namespace ivd
