// [SECTION] rows: filters and sort
// [SECTION] the table: one ImGui table, ImGuiListClipper over every visible line
// [SECTION] keys: cursor moves, selection, paste and copy
// [SECTION] cells: editor at the cursor, text with its finding elsewhere
#include <imgui.h>
#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>

#include "core/ivd/sheet/quantity.hpp"
#include "web/app.hpp"
#include "web/screens/ivd/sheet_columns.hpp"
#include "web/screens/ivd/sheet_screen.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

namespace {

constexpr ImU32 kWarningBg = IM_COL32(255, 243, 214, 255);
constexpr ImU32 kWarningText = IM_COL32(160, 98, 0, 255);

bool is_text_field(const std::optional<SheetField>& f) { return f && *f != SheetField::instrument; }

// The change of a line as the rules see it: the R-THRESHOLD item's numbers when there is one, else
// the change of two valid quantities (core's change_percent). Text "+35.50%" or "".
struct Change {
  std::string text;
  std::optional<int64_t> threshold_hundredths;  // set when an R-THRESHOLD item is on the line
  bool new_demand = false;
};

std::string percent_text(int64_t hundredths) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.2f%%", static_cast<double>(hundredths) / 100.0);
  return buf;
}

Change change_of(const SheetLine& l, std::span<const SheetItem> items) {
  Change c;
  for (const auto& it : items)
    if (it.rule == SheetRule::threshold) {
      c.threshold_hundredths = it.arg1;
      if (it.detail == ItemDetail::new_demand) {
        c.new_demand = true;
      } else {
        c.text = percent_text(it.arg0);
      }
      return c;
    }
  const Quantity a = parse_quantity(l.last_year_text), b = parse_quantity(l.demand_text);
  if (a.status == QuantityStatus::ok && b.status == QuantityStatus::ok)
    if (auto h = change_percent_hundredths(a.value, b.value)) c.text = percent_text(*h);
  return c;
}

bool contains(const std::string& hay, const std::string& needle) {
  return needle.empty() || hay.find(needle) != std::string::npos;
}

}  // namespace

// ---- [SECTION] rows --------------------------------------------------------------------------------

void SheetScreen::rebuild_rows() {
  rows_dirty_ = false;
  rows_.clear();
  const auto& lines = validator_->sheet().lines;
  rows_.reserve(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    const CatalogRow& r = data_->rows[i];
    if (!contains(r.serial, q_[0]) || !contains(r.product_name, q_[1]) || !contains(r.category, q_[2]) ||
        !contains(r.subcategory, q_[3]) || !contains(r.certificate, q_[4]) || !contains(r.manufacturer, q_[5]))
      continue;
    if (filled_only_ && !parse_quantity(lines[i].last_year_text).filled() &&
        !parse_quantity(lines[i].demand_text).filled())
      continue;
    if (findings_only_ && validator_->line_items(i).empty()) continue;
    rows_.push_back(i);
  }
  sort_rows();
  cur_row_ = std::clamp(cur_row_, 0, std::max(0, static_cast<int>(rows_.size()) - 1));
  anchor_row_ = std::clamp(anchor_row_, 0, std::max(0, static_cast<int>(rows_.size()) - 1));
  editor_line_ = SIZE_MAX;
}

void SheetScreen::sort_rows() {
  if (sort_col_ < 0) {
    std::sort(rows_.begin(), rows_.end());
    return;
  }
  const auto& lines = validator_->sheet().lines;
  const int col = sort_col_;
  if (col == kColLastYear || col == kColDemand || col == kColChange) {
    // Numbers sort as numbers; blank and unreadable cells go last.
    std::vector<int64_t> key(lines.size(), INT64_MAX);
    for (size_t i : rows_) {
      const SheetLine& l = lines[i];
      if (col == kColChange) {
        const Quantity a = parse_quantity(l.last_year_text), b = parse_quantity(l.demand_text);
        if (a.status == QuantityStatus::ok && b.status == QuantityStatus::ok)
          if (auto h = change_percent_hundredths(a.value, b.value)) key[i] = *h;
      } else {
        const Quantity q = parse_quantity(col == kColLastYear ? l.last_year_text : l.demand_text);
        if (q.status == QuantityStatus::ok) key[i] = q.value;
      }
    }
    std::stable_sort(rows_.begin(), rows_.end(), [&](size_t a, size_t b) {
      if (key[a] == INT64_MAX || key[b] == INT64_MAX) return key[a] != INT64_MAX && key[b] == INT64_MAX;
      return sort_desc_ ? key[a] > key[b] : key[a] < key[b];
    });
    return;
  }
  std::vector<std::string> key(lines.size());
  for (size_t i : rows_) key[i] = cell_text(i, col);
  std::stable_sort(rows_.begin(), rows_.end(),
                   [&](size_t a, size_t b) { return sort_desc_ ? key[b] < key[a] : key[a] < key[b]; });
}

std::string SheetScreen::cell_text(size_t line, int col) const {
  const CatalogRow& r = data_->rows[line];
  const SheetLine& l = validator_->sheet().lines[line];
  switch (col) {
    case kColSerial: return r.serial;
    case kColProduct: return r.product_name;
    case kColCategory: return r.category;
    case kColSubcategory: return r.subcategory;
    case kColSpec: return r.spec;
    case kColCertificate: return r.certificate;
    case kColManufacturer: return r.manufacturer;
    case kColLastYear: return l.last_year_text;
    case kColDemand: return l.demand_text;
    case kColChange: return change_of(l, validator_->line_items(line)).text;
    case kColInstrument: return std::string(instrument_text(l.instrument));
    case kColNote: return l.change_note;
    default: return {};
  }
}

// ---- [SECTION] the table ---------------------------------------------------------------------------

void SheetScreen::draw_table(App& app, float height) {
  if (rows_dirty_) rebuild_rows();
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  group_popup_id_ = ImGui::GetID("##sheet.group");
  // Compact rows: a sheet is read many lines at a time.
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, theme::px(6, 3));
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, theme::px(4, 2));
  if (!ImGui::BeginTable("##sheet.table", kColumnCount, flags, ImVec2(0, std::max(height, theme::px(120))))) {
    ImGui::PopStyleVar(2);
    return;
  }
  // The table's keys are handled here (Tab, arrows, Enter), not by ImGui's navigation.
  ImGuiWindow* table_window = ImGui::GetCurrentWindow();
  table_window->Flags |= ImGuiWindowFlags_NoNavInputs;
  ImGui::TableSetupScrollFreeze(2, 1);
  for (const SheetColumn& c : sheet_columns())
    ImGui::TableSetupColumn(app.t(c.title_id).data(), ImGuiTableColumnFlags_WidthFixed, theme::px(c.width_css));
  ImGui::TableHeadersRow();
  if (ImGuiTableSortSpecs* s = ImGui::TableGetSortSpecs(); s && s->SpecsDirty) {
    sort_col_ = s->SpecsCount > 0 ? s->Specs[0].ColumnIndex : -1;
    sort_desc_ = s->SpecsCount > 0 && s->Specs[0].SortDirection == ImGuiSortDirection_Descending;
    s->SpecsDirty = false;
    sort_rows();
    editor_line_ = SIZE_MAX;
  }
  if (scroll_top_) {
    ImGui::SetScrollY(0);
    scroll_top_ = false;
  }
  if (ImGui::IsWindowFocused() && !rows_.empty()) handle_keys(app);

  const float row_h = ImGui::GetFrameHeight();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows_.size()), row_h);
  if (!rows_.empty()) clipper.IncludeItemByIndex(cur_row_);  // the editor keeps its state off screen
  while (clipper.Step())
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
      for (int col = 0; col < kColumnCount; ++col) {
        if (!ImGui::TableSetColumnIndex(col) && !(row == cur_row_ && col == cur_col_)) continue;
        draw_cell(app, static_cast<size_t>(row), col, row_h);
      }
    }
  if (rows_.empty()) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    widgets::text(app.t("web.sheet.empty"), 0, theme::kTextMuted);
  }
  suppress_editor_ = false;
  // Ctrl+C after the cells: a rectangle copies as TSV (over the editor's own copy of its text).
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsWindowFocused() && io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_C, false) && !rows_.empty()) {
    const bool rect = cur_row_ != anchor_row_ || cur_col_ != anchor_col_;
    const bool in_editor = ImGui::IsAnyItemActive() && is_text_field(sheet_columns()[cur_col_].field);
    if (rect || !in_editor) ImGui::SetClipboardText(copy_selection().c_str());
  }
  ImGui::EndTable();
  ImGui::PopStyleVar(2);

  // The 是/否 chooser of an instrument cell, and the 注册证 group menu.
  if (group_menu_line_ >= 0 &&
      ImGui::BeginPopupEx(group_popup_id_, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar |
                                               ImGuiWindowFlags_NoSavedSettings)) {
    const size_t line = static_cast<size_t>(group_menu_line_);
    auto item = [&](const char* text_id, const char* id, Instrument v, bool group) {
      if (ImGui::Selectable(app.label(text_id, id).c_str())) {
        if (group)
          set_group_instrument(app, line, v);
        else
          apply_and_persist(app, line, SheetField::instrument, std::string(instrument_text(v)));
      }
    };
    item("web.sheet.instr.yes", "sheet.instr.yes", Instrument::yes, false);
    item("web.sheet.instr.no", "sheet.instr.no", Instrument::no, false);
    item("web.sheet.instr.clear", "sheet.instr.clear", Instrument::none, false);
    if (!validator_->sheet().lines[line].certificate.empty()) {
      ImGui::Separator();
      item("web.sheet.group_yes", "sheet.group.yes", Instrument::yes, true);
      item("web.sheet.group_no", "sheet.group.no", Instrument::no, true);
    }
    ImGui::EndPopup();
  }
}

// ---- [SECTION] keys --------------------------------------------------------------------------------

void SheetScreen::move_cursor(int drow, int dcol, bool extend, bool editable_only) {
  const int rows = static_cast<int>(rows_.size());
  int r = cur_row_, c = cur_col_;
  if (editable_only && dcol != 0) {
    // Tab / Shift+Tab: the next editable cell, wrapping to the next / previous line.
    do {
      c += dcol;
      if (c >= kColumnCount) { c = 0; if (r + 1 < rows) ++r; else { c = cur_col_; break; } }
      if (c < 0) { c = kColumnCount - 1; if (r > 0) --r; else { c = cur_col_; break; } }
    } while (!sheet_columns()[c].field);
  } else {
    r = std::clamp(r + drow, 0, std::max(0, rows - 1));
    c = std::clamp(c + dcol, 0, kColumnCount - 1);
  }
  cur_row_ = r;
  cur_col_ = c;
  if (!extend) {
    anchor_row_ = r;
    anchor_col_ = c;
  }
  focus_cell_ = scroll_to_cursor_ = true;
}

void SheetScreen::handle_keys(App& app) {
  const ImGuiIO& io = ImGui::GetIO();
  const auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(k, true); };
  const std::optional<SheetField> field = sheet_columns()[cur_col_].field;
  const bool text_cell = is_text_field(field) && editable();
  const int page = std::max(1, static_cast<int>(ImGui::GetWindowHeight() / ImGui::GetFrameHeight()) - 2);
  if (io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_V, false)) {
    if (editable()) {
      const char* text = ImGui::GetClipboardText();
      paste(app, text ? text : "");
      suppress_editor_ = true;  // the editor must not paste the block into its own cell too
      focus_cell_ = true;
      editor_line_ = SIZE_MAX;
    }
    return;
  }
  if (pressed(ImGuiKey_Tab)) return move_cursor(0, io.KeyShift ? -1 : 1, false, true);
  if (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeypadEnter)) return move_cursor(io.KeyShift ? -1 : 1, 0, false);
  if (pressed(ImGuiKey_UpArrow)) return move_cursor(-1, 0, io.KeyShift);
  if (pressed(ImGuiKey_DownArrow)) return move_cursor(1, 0, io.KeyShift);
  if (pressed(ImGuiKey_PageUp)) return move_cursor(-page, 0, io.KeyShift);
  if (pressed(ImGuiKey_PageDown)) return move_cursor(page, 0, io.KeyShift);
  // Left / Right move the text cursor inside a text cell; elsewhere (and with a selection) the cell.
  const bool rect = cur_row_ != anchor_row_ || cur_col_ != anchor_col_;
  if (!text_cell || rect || (io.KeyShift && !ImGui::IsAnyItemActive())) {
    if (pressed(ImGuiKey_LeftArrow)) return move_cursor(0, -1, io.KeyShift);
    if (pressed(ImGuiKey_RightArrow)) return move_cursor(0, 1, io.KeyShift);
  }
  if (pressed(ImGuiKey_Escape) && text_cell) focus_cell_ = true;  // the editor reverts, then edits on
  if (!editable()) return;
  if (rect && (pressed(ImGuiKey_Delete) || pressed(ImGuiKey_Backspace))) {
    // Clears the editable cells of the selection.
    const int r0 = std::min(cur_row_, anchor_row_), r1 = std::max(cur_row_, anchor_row_);
    const int c0 = std::min(cur_col_, anchor_col_), c1 = std::max(cur_col_, anchor_col_);
    bool any = false;
    for (int r = r0; r <= r1; ++r)
      for (int c = c0; c <= c1; ++c)
        if (auto f = sheet_columns()[c].field) any = apply_cell(rows_[r], *f, "") || any;
    if (any) persist(app);
    editor_line_ = SIZE_MAX;
    return;
  }
  if (field == SheetField::instrument) {
    const size_t line = rows_[cur_row_];
    const Instrument now = validator_->sheet().lines[line].instrument;
    std::optional<Instrument> next;
    if (pressed(ImGuiKey_Y) || pressed(ImGuiKey_1)) next = Instrument::yes;
    if (pressed(ImGuiKey_N) || pressed(ImGuiKey_0)) next = Instrument::no;
    if (pressed(ImGuiKey_Delete) || pressed(ImGuiKey_Backspace)) next = Instrument::none;
    if (pressed(ImGuiKey_Space))
      next = now == Instrument::none ? Instrument::yes : now == Instrument::yes ? Instrument::no : Instrument::none;
    if (next) apply_and_persist(app, line, SheetField::instrument, std::string(instrument_text(*next)));
  }
}

void SheetScreen::paste(App& app, const std::string& text) {
  std::vector<std::optional<SheetField>> columns;
  for (const SheetColumn& c : sheet_columns()) columns.push_back(c.field);
  const PastePlan plan = plan_paste(text, rows_, static_cast<size_t>(cur_row_), columns, static_cast<size_t>(cur_col_));
  refused_ = plan.refused;
  pasted_ = 0;
  for (const PastedCell& c : plan.cells) {
    if (apply_cell(c.line, c.field, c.value)) {
      ++pasted_;
    } else {
      // A value the validator refused (e.g. an unknown instrument text): listed with the others.
      refused_.push_back(RefusedCell{0, 0, c.value, "sheet.paste.bad_instrument"});
    }
  }
  if (pasted_) persist(app);
  paste_panel_ = true;
}

std::string SheetScreen::copy_selection() const {
  const int r0 = std::min(cur_row_, anchor_row_), r1 = std::max(cur_row_, anchor_row_);
  const int c0 = std::min(cur_col_, anchor_col_), c1 = std::max(cur_col_, anchor_col_);
  std::vector<std::vector<std::string>> block;
  for (int r = r0; r <= r1 && r < static_cast<int>(rows_.size()); ++r) {
    auto& row = block.emplace_back();
    for (int c = c0; c <= c1; ++c) row.push_back(cell_text(rows_[r], c));
  }
  return to_tsv(block);
}

// ---- [SECTION] cells -------------------------------------------------------------------------------

void SheetScreen::draw_cell(App& app, size_t row, int col, float row_h) {
  const size_t line = rows_[row];
  const SheetColumn& column = sheet_columns()[col];
  // The cell's finding: items on its field (R-THRESHOLD also marks the change column).
  auto worst_of = [&](std::span<const SheetItem> items) {
    const SheetItem* worst = nullptr;
    for (const auto& it : items) {
      const bool here =
          column.field ? it.field == *column.field : (col == kColChange && it.rule == SheetRule::threshold);
      if (here && (!worst || (worst->severity == Severity::warning && it.severity == Severity::error))) worst = &it;
    }
    return worst;
  };
  auto items = validator_->line_items(line);
  const SheetItem* worst = worst_of(items);
  const bool selected = row >= static_cast<size_t>(std::min(cur_row_, anchor_row_)) &&
                        row <= static_cast<size_t>(std::max(cur_row_, anchor_row_)) &&
                        col >= std::min(cur_col_, anchor_col_) && col <= std::max(cur_col_, anchor_col_);
  const bool is_cursor = static_cast<int>(row) == cur_row_ && col == cur_col_;
  if (worst)
    ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, worst->severity == Severity::error ? theme::kErrorBg : kWarningBg);
  else if (selected && !is_cursor)
    ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, theme::kPrimaryTint);

  ImGui::PushID(static_cast<int>(line * kColumnCount + static_cast<size_t>(col)));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  const ImRect cell(p0, ImVec2(p0.x + w, p0.y + row_h));
  const bool edit = is_cursor && editable() && is_text_field(column.field) && !suppress_editor_;
  bool hovered = false;
  if (edit) {
    if (editor_line_ != line || editor_col_ != col) {
      editor_buf_ = cell_text(line, col);
      editor_line_ = line;
      editor_col_ = col;
      focus_cell_ = true;
    }
    if (focus_cell_) {
      ImGui::SetKeyboardFocusHere();
      focus_cell_ = false;
    }
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 0);
    if (ImGui::InputText("##sheet.editor", &editor_buf_)) {
      apply_and_persist(app, line, *column.field, editor_buf_);
      // The finding of what was just typed shows in this same frame.
      items = validator_->line_items(line);
      worst = worst_of(items);
      ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, !worst ? IM_COL32(0, 0, 0, 0)
                                                        : worst->severity == Severity::error ? theme::kErrorBg
                                                                                             : kWarningBg);
    }
    ImGui::PopStyleVar();
    hovered = ImGui::IsItemHovered();
    expose_cell(line, col, worst);
  } else {
    if (ImGui::InvisibleButton("##c", ImVec2(std::max(w, 1.0f), row_h))) {
      cur_row_ = static_cast<int>(row);
      cur_col_ = col;
      if (!ImGui::GetIO().KeyShift) {
        anchor_row_ = cur_row_;
        anchor_col_ = cur_col_;
      }
      focus_cell_ = true;
      if (col == kColInstrument && editable()) {
        group_menu_line_ = static_cast<int>(line);
        ImGui::OpenPopup(group_popup_id_);
      }
    }
    if (col == kColInstrument && editable() && ImGui::IsItemClicked(ImGuiMouseButton_Right)) {
      cur_row_ = anchor_row_ = static_cast<int>(row);
      cur_col_ = anchor_col_ = col;
      group_menu_line_ = static_cast<int>(line);
      ImGui::OpenPopup(group_popup_id_);
    }
    hovered = ImGui::IsItemHovered();
    expose_cell(line, col, worst);
    std::string text = cell_text(line, col);
    ImU32 color = theme::kText;
    if (col == kColChange) {
      const Change ch = change_of(validator_->sheet().lines[line], items);
      if (ch.new_demand) text = app.t("web.sheet.new_demand");
      if (worst) color = worst->severity == Severity::error ? theme::kError : kWarningText;
    }
    const ImGuiStyle& st = ImGui::GetStyle();
    const ImVec2 tmin(cell.Min.x + st.FramePadding.x * 0.5f, cell.Min.y + st.FramePadding.y);
    const ImVec2 tmax(cell.Max.x - st.FramePadding.x * 0.5f, cell.Max.y);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), tmin, tmax, tmax.x, text.c_str(), nullptr, &size);
    ImGui::PopStyleColor();
    // Cut-off text shows in full on hover (with the findings below).
    if (hovered && !worst && size.x > tmax.x - tmin.x) ImGui::SetTooltip("%s", text.c_str());
  }
  if (hovered && worst) {
    ImGui::BeginTooltip();
    for (const auto& it : items) {
      const bool here = column.field ? it.field == *column.field : it.rule == SheetRule::threshold;
      if (!here) continue;
      widgets::text(std::string(it.rule_id()) + "  " + it.message(app.lang), 0,
                    it.severity == Severity::error ? theme::kError : kWarningText);
    }
    const Change ch = change_of(validator_->sheet().lines[line], items);
    if (ch.threshold_hundredths)
      widgets::text(app.tf("web.sheet.change_vs", {ch.new_demand ? std::string(app.t("web.sheet.new_demand")) : ch.text,
                                                  percent_text(*ch.threshold_hundredths).substr(1)}),
                    0, theme::kTextMuted);
    ImGui::EndTooltip();
  }
  if (is_cursor) {
    ImGui::GetWindowDrawList()->AddRect(cell.Min, cell.Max, theme::kPrimary, 0, 0, theme::px(2));
    if (scroll_to_cursor_) {
      // Into view, clear of the frozen header row and the frozen columns.
      ImRect r = cell;
      r.Min.y -= row_h;
      if (col >= 2) r.Min.x -= theme::px(sheet_columns()[0].width_css + sheet_columns()[1].width_css);
      ImGui::ScrollToRectEx(ImGui::GetCurrentWindow(), r, ImGuiScrollFlags_KeepVisibleEdgeY |
                                                              (col >= 2 ? ImGuiScrollFlags_KeepVisibleEdgeX
                                                                        : ImGuiScrollFlags_None));
      scroll_to_cursor_ = false;
    }
  }
  ImGui::PopID();
}

void SheetScreen::expose_cell(size_t line, int col, const SheetItem* worst) const {
  // The finding state of the cell, for tests: "error" / "warning" / "".
  const std::string id = "sheet.cell." + data_->rows[line].serial + "." + std::string(sheet_columns()[col].key);
  widgets::expose(id.c_str(), worst ? severity_name(worst->severity) : std::string_view{});
}

}  // namespace ivd::web
