#pragma once
// The browser's working copy of a hospital's sheet: nothing typed is lost (issue 9 §3). It holds the
// server's values at a revision (the base) and the cells the clerk changed since (the edits). The screen
// stores to_json() in browser storage on every edit; 暂存 sends patch(); when the server's revision moved
// (another tab, a reviewer), conflicts() lists the cells that differ and resolve() applies the clerk's
// choice per cell. Nothing is overwritten silently.
//
//
// Decisions: instrument values are kept as "是"/"否"/"" ("yes", "no" are taken as those); upload cells
// (instrument_doc, commitment_letter, demand_attachment) hold the file id as text, "" = none; a value
// equal to the base is no edit. Cells are compared as text, so "1200" and "1,200" differ.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.hpp"
#include "core/ivd/sheet/sheet_model.hpp"
#include "core/ivd/sheet/sheet_rules.hpp"

namespace ivd {

// A cell of the sheet: key = the line's 流水号 for last_year/demand/instrument/change_note, the
// 注册证 for instrument_doc, "" for the submission fields (contact_name, contact_phone,
// commitment_letter, demand_attachment).
struct CellRef {
  std::string key;
  SheetField field = SheetField::last_year;
  // By key, then field (written out: the wasm toolchain's standard library has no <=> for strings).
  friend bool operator<(const CellRef& a, const CellRef& b) {
    if (a.key != b.key) return a.key < b.key;
    return a.field < b.field;
  }
  friend bool operator==(const CellRef&, const CellRef&) = default;
};

// The text of a cell in a sheet ("" when the line or key is absent). Instrument as "是"/"否"/"".
std::string cell_value(const Sheet& sheet, const CellRef& cell);

struct CellConflict {
  CellRef cell;
  std::string base;    // what both sides started from
  std::string mine;    // the clerk's value
  std::string theirs;  // the server's value now
};

class WorkingCopy {
 public:
  WorkingCopy() = default;
  WorkingCopy(int64_t project_id, int64_t hospital_id, int64_t revision, Sheet base);

  int64_t project_id() const { return project_id_; }
  int64_t hospital_id() const { return hospital_id_; }
  int64_t revision() const { return revision_; }
  const Sheet& base() const { return base_; }

  // Records a typed value; a value equal to the base drops the edit, unless the last patch() sent
  // another value for the cell (typed back while the save is on its way: once the server holds the
  // sent value, the clerk's later value must still win). An instrument value is kept in the
  // "是"/"否"/"" form when parse_instrument knows it.
  void set(const CellRef& cell, std::string value);
  std::optional<std::string> edited(const CellRef& cell) const;
  // Drops every edit (base, revision and what was sent since the base stay): to set them again.
  void clear_edits() { edits_.clear(); }
  const std::map<CellRef, std::string>& edits() const { return edits_; }
  bool dirty() const { return !edits_.empty(); }

  // The base with the edits applied: what the editor validates and shows. A line edit for a 流水号 the
  // base does not hold appends the line (no 注册证); an emptied instrument_doc is no entry.
  Sheet current() const;
  // The 暂存 / 提交 body (SheetPatch of docs/api-ivd.md): {revision, lines: [...only edited lines...],
  // instrument_docs?: {...}, contact_name?, ...}: lines in 流水号 order, each with only its edited
  // fields (texts as typed, instrument "是"/"否"/""); file fields as JSON numbers (file ids, what
  // sheet_patch_from_json accepts), null when emptied; an upload cell holding anything but a positive
  // integer is not sent (the server would refuse the whole save).
  // Remembers what it sent until the next rebase/resolve (see set).
  nlohmann::json patch() const;

  // The server accepted the patch at new_revision: its sheet becomes the base; edits made since the
  // patch was taken (values differing from the new base) stay. The same as resolve keeping every
  // edit: when the revision moved by more than the save (another tab, a reviewer), ask conflicts()
  // first.
  void rebase(int64_t new_revision, Sheet server);
  // The server's sheet at a revision other than ours: the cells the clerk edited whose server value
  // moved away from the base to something else than the clerk's value, and than any value the clerk
  // sent for the cell since the base (a change kept offline reaches the server while the clerk types
  // on: the server then holds the clerk's own earlier value). Empty = rebase is safe.
  std::vector<CellConflict> conflicts(const Sheet& server) const;
  // Takes the server's sheet as the new base; for each conflict, keep_mine decides which value stays
  // (cells not listed keep the clerk's edit when there is one).
  void resolve(int64_t new_revision, Sheet server, const std::map<CellRef, bool>& keep_mine);

  // Browser storage form: {version: 1, project_id, hospital_id, revision, base: sheet_to_json,
  // edits: [{key, field, value}], sent?: [{key, field, values: [...]}]}. from_json refuses anything malformed with "sheet.draft.bad_json"
  // (field: the JSON path), and never throws.
  nlohmann::json to_json() const;
  static Result<WorkingCopy> from_json(const nlohmann::json& j);

 private:
  int64_t project_id_ = 0, hospital_id_ = 0, revision_ = 0;
  Sheet base_;
  std::map<CellRef, std::string> edits_;
  mutable std::map<CellRef, std::string> sent_;  // the edits of the last patch(), until rebase/resolve
  // Every value patch() sent per cell since the base (kept in the storage form): never a conflict.
  mutable std::map<CellRef, std::vector<std::string>> sent_since_base_;
  bool sent_since_base(const CellRef& cell, const std::string& value) const;
};

}  // namespace ivd
