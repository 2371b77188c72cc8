#pragma once
// The 提交 page (view=submit; IVD manual 报量项目管理 6 提交): 联系人, 联系方式, the 承诺书 (PDF), the
// 采购需求量附件, and the 在用仪器说明文件 of every 注册证 that needs one. Above them, the list of what is
// still missing before 提交 can succeed — every item is a finding of core's rules in submit mode:
// the submission fields checked in the browser as they are typed (validate_sheet in wasm), the lines'
// and certificates' findings from the server's report (GET .../sheet/lines?mode=submit&errors_only=1).
// Each item jumps to its place: a line to the sheet (view=sheet&serial=&field=), a field here.
// An upload is attached at once (暂存 of that field), so the list follows it. 提交 asks for a confirmation.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ivd/files.hpp"
#include "core/ivd/sheet/sheet_rules.hpp"
#include "core/ivd/sheet_store.hpp"
#include "web/message.hpp"
#include "web/transport/api_client.hpp"
#include "web/screens/ivd/fill_files.hpp"
#include "web/screens/route.hpp"

namespace ivd::web {

class App;

class FillSubmit {
 public:
  void draw(App& app, int64_t project_id, const Route& route);
  // Entered again: load afresh; what was typed and not yet saved (联系人, 联系方式) stays.
  void reopen() {
    loaded_ = false;
    error_.clear();
    notice_.clear();
    field_errors_.clear();
  }

 private:
  void load(App& app);             // the sheet (GET .../sheet), then the report
  void load_report(App& app);      // GET .../sheet/lines?mode=submit&errors_only=1
  void attach(App& app, nlohmann::json patch, UploadSlot* slot);  // 暂存 of one upload field
  void save(App& app);             // 暂存 of 联系人 / 联系方式
  void submit(App& app);           // 提交 (after the confirmation)
  void show_refusal(App& app, const ApiReply& r);

  void draw_missing(App& app, float width);
  void draw_form(App& app, float width);
  void draw_confirm(App& app);
  std::vector<SheetItemOnWire> submission_items() const;  // core's R-SUBMIT-FIELDS on what is on the page
  nlohmann::json base_patch() const;                       // {revision, contact_name, contact_phone}

  int64_t project_id_ = 0;
  bool loading_ = false;
  bool loaded_ = false;
  int request_ = 0;
  std::optional<SheetHeaderOnWire> sheet_;
  std::optional<FileRef> commitment_, demand_;
  std::map<std::string, std::optional<FileRef>> docs_;  // 注册证 -> its 在用仪器说明文件 (nullopt: needed, none yet)
  std::vector<SheetLineOnWire> error_lines_;            // lines with an error in submit mode
  int64_t error_lines_total_ = 0;
  bool report_loaded_ = false;

  std::string contact_, phone_;
  bool contact_dirty_ = false;
  bool show_field_errors_ = false;  // after a 提交 attempt, or once a field was left
  std::string focus_;               // a field to focus next frame ("contact_name", "commitment_letter", ...)

  UploadSlot commitment_slot_, demand_slot_;
  std::map<std::string, UploadSlot> doc_slots_;
  Message error_;   // a refusal of 暂存 / 提交 / loading, at the buttons
  Message notice_;
  std::map<std::string, Message> field_errors_;  // refusals naming a field (contact_phone, ...)
  bool confirm_open_ = false;
  bool busy_ = false;
};

}  // namespace ivd::web
