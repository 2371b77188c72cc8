// [SECTION] loading: the server's sheet, the stored working copy, conflicts
// [SECTION] edits: validator + working copy + browser storage
// [SECTION] bars above the table: filters, findings per rule, status and 暂存
// [SECTION] dialogs: conflicts, refused pasted cells
#include "web/screens/ivd/sheet_screen.hpp"

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <tuple>
#include <utility>

#include "core/ivd/sheet/quantity.hpp"
#include "core/offline/sheet_outbox.hpp"
#include "web/app.hpp"
#include "web/platform/browser.hpp"
#include "web/platform/local_store.hpp"
#include "web/screens/ivd/sheet_columns.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

// ---- [SECTION] loading -----------------------------------------------------------------------------

void SheetScreen::draw(App& app, const SheetTarget& target) {
  if (!started_ || !(target == target_)) {
    reset();
    target_ = target;
    started_ = true;
    start_load(app);
  }
  // Changes kept offline went up meanwhile: the server's sheet is read again (what was typed stays; the
  // values this browser sent are no conflict). Not in kiosk mode, where reads come from the copy, which
  // holds them only once it is fetched again.
  if (seen_accepted_ != app.link().accepted && data_ && !loading_ && !saving_ && !target_.read_only &&
      !app.link().kiosk)
    reload(app);
  if (!load_error_.empty()) {
    widgets::error_box(load_error_.text(app.lang));
    widgets::expose("sheet.load_error", load_error_.text(app.lang));
    return;
  }
  if (!validator_) {
    widgets::info_box(app.t("web.sheet.loading"));
    draw_conflicts(app);
    return;
  }
  const double t0 = browser::now_seconds();
  draw_toolbar(app);
  draw_rule_bar(app);
  draw_status(app);
  draw_paste_panel(app);
  draw_table(app, ImGui::GetContentRegionAvail().y);
  draw_conflicts(app);
  const int us = static_cast<int>((browser::now_seconds() - t0) * 1e6);
  if (frame_us_.size() < 512) frame_us_.resize(512);
  frame_us_[static_cast<size_t>(frames_++ % 512)] = us;
  expose_perf();
}

void SheetScreen::expose_perf() {
  // {"frames": n, "open_ms": ms, "us": [work of the last frames, oldest first]}: for the benchmark only.
  nlohmann::json us = nlohmann::json::array();
  const int n = std::min(frames_, 512);
  for (int i = frames_ - n; i < frames_; ++i) us.push_back(frame_us_[static_cast<size_t>(i % 512)]);
  ImGui::SetCursorPos(ImGui::GetCursorStartPos());
  ImGui::Dummy(ImVec2(1, 1));
  widgets::expose("sheet.perf", nlohmann::json{{"frames", frames_}, {"open_ms", open_ms_}, {"us", us}}.dump());
}

void SheetScreen::reload(App& app) {
  const SheetTarget t = target_;
  reset();
  target_ = t;
  started_ = true;
  start_load(app);
}

void SheetScreen::start_load(App& app) {
  seen_accepted_ = app.link().accepted;  // what is read now holds them
  load(app);
}

bool SheetScreen::editable() const {
  return !target_.read_only && data_ && data_->header.editable && wc_ != nullptr;
}

std::string SheetScreen::store_key(const App& app) const {
  // Per user, project and hospital: another clerk on this browser never sees this copy.
  return "sheet/" + app.actor().username + "/" + std::to_string(target_.project_id) + "/" +
         std::to_string(target_.hospital_id);
}

void SheetScreen::load(App& app) {
  loading_ = true;
  load_started_ = browser::now_seconds();
  const int gen = ++generation_;
  load_sheet_data(app, target_, [this, gen, &app](SheetData* data, const Message& error) {
    if (gen != generation_) return;
    if (!data) {
      loading_ = false;
      load_error_ = error;
      return;
    }
    auto owned = std::make_unique<SheetData>(std::move(*data));
    if (target_.read_only) return on_loaded(app, std::move(owned), std::nullopt, std::nullopt);
    // The working copy typed on this browser, if any, goes over the server's values.
    auto shared = std::make_shared<std::unique_ptr<SheetData>>(std::move(owned));
    local_store::get(store_key(app), [this, gen, &app, shared](std::optional<std::string> stored) {
      if (gen != generation_) return;
      local_store::get(store_key(app) + "/edits", [this, gen, &app, shared, stored](std::optional<std::string> edits) {
        if (gen != generation_) return;
        on_loaded(app, std::move(*shared), stored, edits);
      });
    });
  });
}

// The stored copy: the working copy's own storage form (WorkingCopy::to_json, written when the base
// changes: open, 暂存, conflict resolution) and, written on every edit, the list of edited cells
// [[key, field, value], ...] (small: a keystroke does not serialise a 5,000-line base). The edits
// list, when present, is the current set of edits over the stored base.
std::optional<WorkingCopy> SheetScreen::restore(const std::string& stored, const std::optional<std::string>& edits) {
  const auto json = nlohmann::json::parse(stored, nullptr, false);
  if (json.is_discarded()) {
    notice_ = Message::of("sheet.draft.bad_json", {""});
    return std::nullopt;
  }
  auto wc = WorkingCopy::from_json(json);
  if (!wc) {
    notice_ = Message::of("sheet.draft.bad_json", {wc.error().field});
    return std::nullopt;
  }
  if (!edits) return std::move(*wc);
  const auto list = nlohmann::json::parse(*edits, nullptr, false);
  if (!list.is_array()) return std::move(*wc);
  WorkingCopy out = std::move(*wc);  // its base and what was sent since it; the edits are the list's
  out.clear_edits();
  for (const auto& e : list) {
    if (!e.is_array() || e.size() != 3 || !e[0].is_string() || !e[1].is_string() || !e[2].is_string()) continue;
    if (auto f = parse_field_name(e[1].get<std::string>()))
      out.set(CellRef{e[0].get<std::string>(), *f}, e[2].get<std::string>());
  }
  return out;
}

void SheetScreen::on_loaded(App& app, std::unique_ptr<SheetData> data, std::optional<std::string> stored,
                            std::optional<std::string> stored_edits) {
  loading_ = false;
  const bool resave = std::exchange(resave_after_reload_, false);
  data_ = std::move(data);
  const int64_t revision = data_->header.header.revision;
  const int64_t hospital = data_->header.header.hospital_id;
  if (target_.read_only) {
    validator_ = std::make_unique<SheetValidator>(data_->sheet, SheetMode::draft);
    recount();
    open_ms_ = (browser::now_seconds() - load_started_) * 1000.0;
    return;
  }
  WorkingCopy server(target_.project_id, hospital, revision, data_->sheet);
  if (stored) {
    // Offline with changes of this sheet kept (or the outbox not read yet): the copy's sheet is the
    // server's plus those changes at a local revision, and the stored working copy is on the server's
    // base: it is kept as it is (compared with the server once the sheet is read from it again).
    // Without kept changes the copy's sheet is the server's as last fetched, compared as usual.
    const Outbox* box = app.api_client().outbox();
    const bool kept_base = data_->from_local_copy && (!box || sheet_has_kept_changes(target_.project_id, *box));
    if (auto wc = restore(*stored, stored_edits); wc && (kept_base || wc->revision() == revision)) {
      const size_t n = wc->edits().size();
      if (n > 0) notice_ = Message::of("web.sheet.restored", {std::to_string(n)});
      return begin_editing(app, std::move(*wc), false);  // the stored base is the server's: kept as is
    } else if (wc) {
      auto conflicts = wc->conflicts(data_->sheet);
      if (conflicts.empty()) {
        wc->rebase(revision, data_->sheet);
        const size_t n = wc->edits().size();
        if (n > 0) notice_ = Message::of("web.sheet.restored", {std::to_string(n)});
        begin_editing(app, std::move(*wc));
        if (resave && wc_->dirty()) save_draft(app);
        return;
      }
      // The server moved under the clerk's edits: the clerk chooses per cell before editing goes on.
      conflicts_ = std::move(conflicts);
      keep_mine_.assign(conflicts_.size(), true);
      pending_wc_ = std::make_unique<WorkingCopy>(std::move(*wc));
      conflict_open_ = true;
      return;
    }
  }
  begin_editing(app, std::move(server));
}

void SheetScreen::begin_editing(App& app, WorkingCopy wc, bool store_base) {
  wc_ = std::make_unique<WorkingCopy>(std::move(wc));
  validator_ = std::make_unique<SheetValidator>(wc_->current(), SheetMode::draft);
  recount();
  if (store_base) persist_base(app);
  open_ms_ = (browser::now_seconds() - load_started_) * 1000.0;
}

// ---- [SECTION] edits -------------------------------------------------------------------------------

void SheetScreen::persist_base(App& app) {
  if (!wc_) return;
  local_store::put(store_key(app), wc_->to_json().dump());
  persist(app);
}

void SheetScreen::persist(App& app) {
  if (!wc_) return;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [cell, value] : wc_->edits()) list.push_back({cell.key, field_name(cell.field), value});
  local_store::put(store_key(app) + "/edits", list.dump());
}

size_t SheetScreen::kept_offline(App& app) {
  const Outbox* box = app.api_client().outbox();
  if (!box || !wc_) return 0;
  // Counted again only when the edits or the outbox changed (not per frame over 5,000 cells).
  const std::string latest = box->empty() ? std::string() : box->entries().back().change_id;
  const auto key = std::make_tuple(edit_count_, wc_->edits().size(), box->size(), latest, wc_->revision());
  if (key != kept_key_) {
    kept_key_ = key;
    kept_offline_ = sheet_edits_kept_offline(*wc_, *box);
  }
  return kept_offline_;
}

bool SheetScreen::apply_cell(size_t line, SheetField field, const std::string& value) {
  if (!validator_ || !wc_ || line >= validator_->sheet().lines.size()) return false;
  auto diff = validator_->edit_cell(line, field_name(field), value);
  if (!diff) return false;
  count_diff(*diff);
  wc_->set(CellRef{validator_->sheet().lines[line].serial, field}, value);
  ++edit_count_;
  return true;
}

void SheetScreen::apply_and_persist(App& app, size_t line, SheetField field, const std::string& value) {
  if (apply_cell(line, field, value)) {
    save_ok_.clear();
    persist(app);
  }
}

void SheetScreen::set_group_instrument(App& app, size_t line, Instrument value) {
  const auto& lines = validator_->sheet().lines;
  const std::string cert = lines[line].certificate;
  const std::string text(instrument_text(value));
  bool any = false;
  if (cert.empty()) {
    any = apply_cell(line, SheetField::instrument, text);
  } else {
    for (size_t i = 0; i < lines.size(); ++i)
      if (lines[i].certificate == cert) any = apply_cell(i, SheetField::instrument, text) || any;
  }
  if (any) persist(app);
}

void SheetScreen::recount() {
  rule_counts_.assign(std::size(kAllSheetRules), 0);
  for (const auto& item : validator_->items()) ++rule_counts_[static_cast<size_t>(item.rule)];
}

void SheetScreen::count_diff(const SheetDiff& d) {
  for (const auto& i : d.removed) --rule_counts_[static_cast<size_t>(i.rule)];
  for (const auto& i : d.added) ++rule_counts_[static_cast<size_t>(i.rule)];
  if (findings_only_) {
    // The row being edited stays visible until the filter is applied again; nothing jumps under the cursor.
  }
}

void SheetScreen::save_draft(App& app) {
  if (!editable() || saving_) return;
  saving_ = true;
  save_error_.clear();
  save_ok_.clear();
  const Sheet sent = wc_->current();  // what the server holds once it accepts the patch
  const int gen = generation_;
  app.request("POST", "/ivd/projects/" + std::to_string(target_.project_id) + "/sheet/draft", wc_->patch(),
              [this, gen, sent, &app](const ApiReply& r) {
                if (gen != generation_) return;
                saving_ = false;
                if (r.status == 409 && r.code() == "revision.stale") {
                  // The server's sheet moved (another tab, a reviewer, a change kept offline that went up
                  // meanwhile): read it again; the stored working copy is compared with it and the clerk
                  // chooses per differing cell (draw_conflicts); without a conflict the 暂存 goes again.
                  resave_after_reload_ = true;
                  reload(app);
                  return;
                }
                if (!r.ok()) {
                  save_error_ = app.message_of(r);
                  return;
                }
                if (r.queued) {
                  // Offline: kept in this browser's outbox, to go up with the server's revision as its
                  // base. The working copy stays on that base with its edits (and what it sent), so a
                  // conflict on sync shows cell by cell when the sheet is opened again.
                  persist_base(app);
                  save_ok_ = Message::of("offline.queued");
                  return;
                }
                SheetHeaderOnWire h;
                try {
                  h = r.body.at("sheet").get<SheetHeaderOnWire>();
                } catch (const std::exception&) {
                  save_error_ = Message::of("web.net.http_error", {std::to_string(r.status)});
                  return;
                }
                data_->header.header = h.header;
                data_->header.editable = h.editable;
                // Edits typed while the request was out stay (they differ from the new base).
                wc_->rebase(h.header.revision, sent);
                persist_base(app);
                save_ok_ = Message::of("web.sheet.saved");
              });
}

// ---- [SECTION] bars above the table ---------------------------------------------------------------

void SheetScreen::draw_toolbar(App& app) {
  static constexpr int kFilterCols[6] = {kColSerial, kColProduct, kColCategory, kColSubcategory, kColCertificate,
                                         kColManufacturer};
  const float w = theme::px(120);
  bool changed = false;
  for (int i = 0; i < 6; ++i) {
    const SheetColumn& c = sheet_columns()[kFilterCols[i]];
    if (i) ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    const std::string id = "##sheet.q." + std::string(c.key);
    changed |= ImGui::InputTextWithHint(id.c_str(), app.t(c.title_id).data(), &q_[i]);
  }
  ImGui::SameLine();
  changed |= ImGui::Checkbox(app.label("web.sheet.filled_only", "sheet.filled_only").c_str(), &filled_only_);
  ImGui::SameLine();
  changed |= ImGui::Checkbox(app.label("web.sheet.findings_only", "sheet.findings_only").c_str(), &findings_only_);
  ImGui::SameLine();
  if (widgets::secondary_button(app.label("web.sheet.reset", "sheet.reset").c_str(), 0, 32)) {
    for (auto& q : q_) q.clear();
    filled_only_ = findings_only_ = false;
    changed = true;
  }
  if (changed) {
    rows_dirty_ = true;
    scroll_top_ = true;  // a new query starts at the first row
  }
}

void SheetScreen::draw_rule_bar(App& app) {
  widgets::text(app.tf("web.sheet.findings", {std::to_string(validator_->error_count()),
                                               std::to_string(validator_->warning_count())}),
                0, validator_->error_count() ? theme::kError : theme::kTextMuted);
  for (SheetRule rule : kAllSheetRules) {
    const int n = rule_counts_[static_cast<size_t>(rule)];
    if (n <= 0) continue;
    const std::string id(rule_id(rule));
    ImGui::SameLine(0, theme::px(16));
    const std::string text = app.t("web.sheet.rule." + id).data() + std::string(" ") + std::to_string(n);
    widgets::text(text, 0, rule_severity(rule, validator_->mode()) == Severity::error ? theme::kError
                                                                                      : IM_COL32(180, 110, 0, 255));
    widgets::expose(("sheet.count." + id).c_str(), std::to_string(n));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", id.c_str());
    if (rule == SheetRule::submit_fields) continue;  // not at a line: the 提交 page lists them
    ImGui::SameLine(0, theme::px(6));
    if (widgets::text_button(app.label("web.sheet.next", "sheet.next." + id).c_str(), theme::kPrimary)) jump_next(rule);
  }
}

void SheetScreen::draw_status(App& app) {
  if (!notice_.empty()) {
    widgets::text(notice_.text(app.lang), 0, theme::kPrimaryDark);
    ImGui::SameLine(0, theme::px(16));
  }
  if (target_.read_only || !wc_) {
    widgets::text(app.t("web.sheet.read_only"), 0, theme::kTextMuted);
    return;
  }
  if (!data_->header.editable) {
    const auto& ne = data_->header.not_editable;
    const std::string why = ne.is_object() ? ne.value(app.lang == Lang::en ? "message_en" : "message_zh", "") : "";
    widgets::text(why.empty() ? std::string(app.t("web.sheet.read_only")) : why, 0, theme::kTextMuted);
    widgets::expose("sheet.not_editable", why);
    return;
  }
  // Typed and not 暂存'd, and (offline) 暂存'd on this computer and not yet sent.
  const size_t kept = kept_offline(app);
  const size_t n = changed_cells() - kept;
  std::string status = n ? app.tf("web.sheet.dirty", {std::to_string(n)}) : std::string(app.t("web.sheet.clean"));
  if (kept)
    status = n ? app.tf("web.sheet.kept_offline_and_dirty", {std::to_string(kept), std::to_string(n)})
               : app.tf("web.sheet.kept_offline", {std::to_string(kept)});
  ImGui::AlignTextToFramePadding();
  widgets::text(status, 0, n || kept ? theme::kText : theme::kTextMuted);
  widgets::expose("sheet.status", std::to_string(n));
  widgets::expose("sheet.kept_offline", std::to_string(kept));
  if (cur_row_ >= 0 && static_cast<size_t>(cur_row_) < rows_.size())  // where the cursor is: "<流水号>.<column key>"
    widgets::expose("sheet.cursor", data_->rows[rows_[cur_row_]].serial + "." + std::string(sheet_columns()[cur_col_].key));
  ImGui::SameLine(0, theme::px(16));
  if (widgets::primary_button(app.label("web.sheet.save", "sheet.save").c_str(), 0, 32, !saving_)) save_draft(app);
  if (!save_error_.empty()) {
    ImGui::SameLine(0, theme::px(12));
    ImGui::AlignTextToFramePadding();
    widgets::text(save_error_.text(app.lang), 0, theme::kError);
    widgets::expose("sheet.save_error", save_error_.text(app.lang));
  } else if (!save_ok_.empty()) {
    ImGui::SameLine(0, theme::px(12));
    ImGui::AlignTextToFramePadding();
    widgets::text(save_ok_.text(app.lang), 0, theme::kSuccess);
    widgets::expose("sheet.saved", save_ok_.text(app.lang));
  }
}

void SheetScreen::jump_next(SheetRule rule) {
  if (rows_.empty()) return;
  const size_t n = rows_.size();
  for (size_t k = 1; k <= n; ++k) {
    const size_t row = (static_cast<size_t>(cur_row_) + k) % n;
    for (const auto& item : validator_->line_items(rows_[row])) {
      if (item.rule != rule) continue;
      cur_row_ = anchor_row_ = static_cast<int>(row);
      cur_col_ = anchor_col_ = column_of(item.field);
      focus_cell_ = scroll_to_cursor_ = true;
      return;
    }
  }
}

void SheetScreen::jump_to(std::string_view serial, SheetField field) {
  if (!validator_) return;
  const auto& lines = validator_->sheet().lines;
  auto find_row = [&] {
    for (size_t r = 0; r < rows_.size(); ++r)
      if (lines[rows_[r]].serial == serial) return static_cast<int>(r);
    return -1;
  };
  if (rows_dirty_) rebuild_rows();
  int row = find_row();
  if (row < 0) {  // hidden by a filter: show every line
    for (auto& q : q_) q.clear();
    filled_only_ = findings_only_ = false;
    rebuild_rows();
    row = find_row();
  }
  if (row < 0) return;
  cur_row_ = anchor_row_ = row;
  cur_col_ = anchor_col_ = column_of(field);
  focus_cell_ = scroll_to_cursor_ = true;
}

// ---- [SECTION] dialogs -----------------------------------------------------------------------------

void SheetScreen::draw_conflicts(App& app) {
  if (!pending_wc_) return;
  bool open_request = conflict_open_;
  conflict_open_ = false;
  if (open_request) ImGui::OpenPopup("##sheet.conflict");
  if (!widgets::begin_modal("##sheet.conflict", 760, &open_request)) return;
  widgets::text(app.t("web.sheet.conflict.title"), theme::kFontTitle);
  widgets::text_wrapped(app.t("web.sheet.conflict.text"));
  if (widgets::secondary_button(app.label("web.sheet.conflict.all_mine", "sheet.conflict.all_mine").c_str(), 0, 32))
    keep_mine_.assign(conflicts_.size(), true);
  ImGui::SameLine();
  if (widgets::secondary_button(app.label("web.sheet.conflict.all_server", "sheet.conflict.all_server").c_str(), 0,
                                32))
    keep_mine_.assign(conflicts_.size(), false);
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY;
  if (ImGui::BeginTable("##sheet.conflict.table", 4, flags, ImVec2(0, theme::px(300)))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(app.t("web.sheet.conflict.cell").data());
    ImGui::TableSetupColumn(app.t("web.sheet.conflict.server").data());
    ImGui::TableSetupColumn(app.t("web.sheet.conflict.local").data());
    ImGui::TableSetupColumn(app.t("web.sheet.conflict.choice").data());
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < conflicts_.size(); ++i) {
      const CellConflict& c = conflicts_[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted((c.cell.key + " " + std::string(app.t("sheet.field." + std::string(field_name(c.cell.field)))))
                                 .c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.theirs.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.mine.c_str());
      const std::string id = "sheet.conflict." + c.cell.key + "." + std::string(field_name(c.cell.field));
      widgets::expose((id + ".values").c_str(), c.theirs + "|" + c.mine);  // server|local, for tests
      ImGui::TableNextColumn();
      if (ImGui::RadioButton(app.label("web.sheet.conflict.mine", id + ".mine").c_str(), keep_mine_[i]))
        keep_mine_[i] = true;
      ImGui::SameLine();
      if (ImGui::RadioButton(app.label("web.sheet.conflict.theirs", id + ".server").c_str(), !keep_mine_[i]))
        keep_mine_[i] = false;
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::Dummy(theme::px(0, 8));
  // No cancel: nothing is decided silently, the clerk must choose.
  ImGui::SetCursorPosX(ImGui::GetContentRegionAvail().x - theme::px(100));
  if (widgets::primary_button(app.label("web.sheet.conflict.apply", "sheet.conflict.apply").c_str(), theme::px(100),
                              36)) {
    std::map<CellRef, bool> keep;
    for (size_t i = 0; i < conflicts_.size(); ++i) keep[conflicts_[i].cell] = keep_mine_[i];
    WorkingCopy wc = std::move(*pending_wc_);
    pending_wc_.reset();
    conflicts_.clear();
    wc.resolve(data_->header.header.revision, data_->sheet, keep);
    ImGui::CloseCurrentPopup();
    begin_editing(app, std::move(wc));
  }
  widgets::end_modal();
}

void SheetScreen::draw_paste_panel(App& app) {
  if (!paste_panel_) return;
  const bool any_refused = !refused_.empty();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, any_refused ? theme::kErrorBg : theme::kSuccessBg);
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float h = std::min<float>(line * (2.5f + static_cast<float>(refused_.size())), line * 7.5f);
  ImGui::BeginChild("##sheet.paste.panel", ImVec2(0, h), ImGuiChildFlags_Borders);
  const std::string head = any_refused ? app.tf("web.sheet.paste.refused", {std::to_string(pasted_),
                                                                            std::to_string(refused_.size())})
                                       : app.tf("web.sheet.paste.done", {std::to_string(pasted_)});
  ImGui::AlignTextToFramePadding();
  widgets::text(head, 0, any_refused ? theme::kError : theme::kSuccess);
  widgets::expose("sheet.paste.refused", std::to_string(refused_.size()));
  ImGui::SameLine(ImGui::GetContentRegionAvail().x - theme::px(60));
  if (widgets::text_button(app.label("web.sheet.close", "sheet.paste.close").c_str(), theme::kPrimary)) paste_panel_ = false;
  for (const auto& r : refused_)
    widgets::text(app.tf("web.sheet.paste.cell", {std::to_string(r.row + 1), std::to_string(r.column + 1), r.text,
                                                  std::string(app.t(r.code))}),
                  theme::kFontSmall);
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace ivd::web
