#pragma once
// The hospital's IVD sheet: one virtualised table over every catalog line, edited in place, every rule
// finding shown at its cell in the frame it was typed (core's SheetValidator in wasm), the working copy
// kept in browser storage. Read-only for reviewers (their 查看).
//
// For the screens that show it (FillScreen view=sheet; ReviewScreen / NationalScreen 查看):
//   draw(app, target)       draws the whole sheet in the space left in the current window; loads it on
//                           first draw and whenever the target changes.
//   dirty() / changed_cells()  cells typed and not yet 暂存'd (the working copy's edits).
//   save_draft(app)         暂存: sends the working copy's patch; refusals show at the 暂存 button.
//   validator()             the validator of what is on screen (nullptr until loaded): report() for the
//                           提交 page's list of what is missing; mode switch via validator()->set_mode is
//                           left to that page (it validates its own copy).
//   working_copy()          the working copy (nullptr until loaded, or read-only): the 提交 page adds
//                           contact / files to the same copy, then calls save_draft / submit with patch().
//   jump_to(serial, field)  puts the cursor on a line's cell (clearing filters that hide it) and scrolls
//                           it into view, e.g. from an item of the 提交 page.
//   reload(app)             drops what is loaded (not the stored working copy) and reads the server again.
// Test ids: cells "sheet.cell.<流水号>.<column key>" (label text: "error" / "warning" / "" — the finding
// state of the cell), filters "sheet.q.<column key>", "sheet.filled_only", "sheet.findings_only",
// "sheet.save", "sheet.next.<rule id>", "sheet.count.<rule id>", "sheet.status", "sheet.cursor" (<流水号>.<column
// key>), the paste panel
// "sheet.paste.refused" / "sheet.paste.close", the conflict dialog "sheet.conflict.*".
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <string_view>
#include <vector>

#include "core/ivd/sheet/paste.hpp"
#include "core/ivd/sheet/sheet_validator.hpp"
#include "core/ivd/sheet/working_copy.hpp"
#include "web/message.hpp"
#include "web/screens/ivd/sheet_data.hpp"
#include "web/screens/route.hpp"

namespace ivd::web {

class App;

struct SheetTarget {
  int64_t project_id = 0;
  int64_t hospital_id = 0;  // 0 = the logged-in hospital's own sheet (editable when its status allows)
  bool read_only = false;   // reviewers' 查看
  friend bool operator==(const SheetTarget&, const SheetTarget&) = default;
};

class SheetScreen {
 public:
  void draw(App& app, const SheetTarget& target);
  void reset() { *this = SheetScreen{}; }

  bool loaded() const { return validator_ != nullptr; }
  const SheetTarget& target() const { return target_; }  // what draw() was last asked to show
  bool dirty() const { return wc_ && wc_->dirty(); }
  size_t changed_cells() const { return wc_ ? wc_->edits().size() : 0; }
  void save_draft(App& app);
  void reload(App& app);
  const SheetValidator* validator() const { return validator_.get(); }
  WorkingCopy* working_copy() { return wc_.get(); }
  const SheetData* data() const { return data_.get(); }
  void jump_to(std::string_view serial, SheetField field);

 private:
  // ---- loading and the working copy (sheet_screen.cpp) ----
  void start_load(App& app);  // notes what the outbox had sent (seen_accepted_), then load()
  void load(App& app);
  void on_loaded(App& app, std::unique_ptr<SheetData> data, std::optional<std::string> stored,
                 std::optional<std::string> stored_edits);
  std::optional<WorkingCopy> restore(const std::string& stored, const std::optional<std::string>& edits);
  void begin_editing(App& app, WorkingCopy wc, bool store_base = true);
  bool editable() const;
  std::string store_key(const App& app) const;
  void persist(App& app);       // the edits (every user action)
  void persist_base(App& app);  // the whole working copy (when its base changes), then the edits
  // One cell through the validator and the working copy (no storage write: callers persist once).
  bool apply_cell(size_t line, SheetField field, const std::string& value);
  void apply_and_persist(App& app, size_t line, SheetField field, const std::string& value);
  void set_group_instrument(App& app, size_t line, Instrument value);
  void count_diff(const SheetDiff& d);
  void recount();
  void draw_toolbar(App& app);
  void draw_rule_bar(App& app);
  void draw_status(App& app);
  void draw_conflicts(App& app);
  void draw_paste_panel(App& app);
  void jump_next(SheetRule rule);

  // ---- the table (sheet_table.cpp) ----
  void rebuild_rows();
  void sort_rows();
  void draw_table(App& app, float height);
  void handle_keys(App& app);
  void move_cursor(int drow, int dcol, bool extend, bool editable_only = false);
  void draw_cell(App& app, size_t row, int col, float row_h);
  void expose_cell(size_t line, int col, const SheetItem* worst) const;
  std::string cell_text(size_t line, int col) const;
  void paste(App& app, const std::string& text);
  std::string copy_selection() const;

  SheetTarget target_;
  bool started_ = false;
  bool loading_ = false;
  int generation_ = 0;  // replies of an older load are dropped
  Message load_error_;
  std::unique_ptr<SheetData> data_;
  std::unique_ptr<SheetValidator> validator_;
  std::unique_ptr<WorkingCopy> wc_;  // null when read-only
  Message notice_;                   // e.g. restored edits
  Message save_error_;
  Message save_ok_;
  bool saving_ = false;
  bool resave_after_reload_ = false;
  int seen_accepted_ = 0;  // LinkState::accepted when last looked at
  // Edits kept offline (sheet_edits_kept_offline), counted again only when something it reads changed.
  size_t kept_offline(App& app);
  int64_t edit_count_ = 0;
  std::tuple<int64_t, size_t, size_t, std::string, int64_t> kept_key_{-1, 0, 0, {}, 0};
  size_t kept_offline_ = 0;  // a stale 暂存: saved again once the server's sheet is in without conflict

  // Findings per rule, kept up to date from each edit's SheetDiff.
  std::vector<int> rule_counts_;
  // Conflicts between the stored working copy and the server (a dialog until resolved).
  std::unique_ptr<WorkingCopy> pending_wc_;
  std::vector<CellConflict> conflicts_;
  std::vector<bool> keep_mine_;
  bool conflict_open_ = false;

  // Filters (SPEC §2.2 查询) and the row order.
  std::string q_[6];  // serial, product_name, category, subcategory, certificate, manufacturer
  bool filled_only_ = false;
  bool findings_only_ = false;
  bool rows_dirty_ = true;
  std::vector<size_t> rows_;  // line index of each visible row, filtered and sorted
  int sort_col_ = -1;
  bool sort_desc_ = false;
  bool scroll_top_ = false;

  // Cursor and selection rectangle (visible row, column), anchor = where shift-selection started.
  int cur_row_ = 0, cur_col_ = 0, anchor_row_ = 0, anchor_col_ = 0;
  bool focus_cell_ = false;   // give the cursor cell's editor the keyboard focus this frame
  bool scroll_to_cursor_ = false;
  bool suppress_editor_ = false;  // this frame the cursor cell draws no editor (a paste took Ctrl+V)
  size_t editor_line_ = SIZE_MAX;
  int editor_col_ = -1;
  std::string editor_buf_;
  int group_menu_line_ = -1;
  unsigned group_popup_id_ = 0;  // ImGuiID of the 是/否 and 注册证 group menu (opened from inside the table)  // line whose 注册证 group the context menu acts on

  // Timing, exposed to the benchmark (tests/bench/sheet_frame_bench.mjs) as "sheet.perf": the open
  // time (request sent to table usable) and the last frames' work of this screen, in microseconds.
  double load_started_ = 0;
  double open_ms_ = 0;
  std::vector<int> frame_us_;
  int frames_ = 0;
  void expose_perf();

  std::vector<RefusedCell> refused_;
  size_t pasted_ = 0;
  bool paste_panel_ = false;
};

}  // namespace ivd::web
