// [SECTION] the sheet workflow (status/transition table)
// [SECTION] request parsing helpers
// [SECTION] reading and patching a stored sheet (apply_patch, start_edit)
// [SECTION] header, editability, JSON
// [SECTION] 暂存 and 提交
// [SECTION] line queries and exports
// [SECTION] status changes (the city's review actions)
#include "core/ivd/sheet_store.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/api/dispatcher.hpp"
#include "core/ivd/files.hpp"
#include "core/ivd/scope.hpp"
#include "core/ivd/sheet/quantity.hpp"

namespace ivd {

using nlohmann::json;

// ---- [SECTION] the sheet workflow --------------------------------------------------------------------
// A hospital's sheet (SPEC §2.2-2.3; IVD manual 报量项目管理, 市级报量项目审核):
//
//   who       from                                   action           to                    precondition
//   hospital  not_filled                             save_draft       draft                 editable (check_editable)
//   hospital  draft, rejected                        submit           submitted             every rule passes in submit mode
//   city      submitted                              approve          approved              city 待提交/上级审核不通过, window
//   city      submitted                              reject           rejected              + a reason
//   city      approved, rejected                     withdraw_review  submitted             city 待提交/上级审核不通过, window
//   city      any but not_required                   exclude          not_required          remembers the status before
//   city      not_required                           include          the status before     (not_filled when none)
//
// 暂存 writes the sheet's content with its own statement (the lines and totals move with it); every other
// row goes through apply_transition.
namespace {
constexpr StatusTable kSheetTable{
    .table = "ivd_sheets",
    .key_columns = {"id"},
    .extra_columns = {"status_before_exclusion", "submitted_at", "reviewed_at", "review_reason"},
    .entity = ivd_entity::sheet,
};
constexpr std::string_view kSheetStatuses[] = {sheet_status::not_filled, sheet_status::draft,
                                               sheet_status::submitted,  sheet_status::approved,
                                               sheet_status::rejected,   sheet_status::not_required};
constexpr TransitionRule kSheetRules[] = {
    {"hospital", sheet_status::not_filled, "save_draft", sheet_status::draft, "editable"},
    {"hospital", sheet_status::draft, "submit", sheet_status::submitted, "every rule passes"},
    {"hospital", sheet_status::rejected, "submit", sheet_status::submitted, "every rule passes"},
    {"city", sheet_status::submitted, "approve", sheet_status::approved, "city open, window"},
    {"city", sheet_status::submitted, "reject", sheet_status::rejected, "city open, window, reason"},
    {"city", sheet_status::approved, "withdraw_review", sheet_status::submitted, "city open, window"},
    {"city", sheet_status::rejected, "withdraw_review", sheet_status::submitted, "city open, window"},
    {"city", sheet_status::not_filled, "exclude", sheet_status::not_required, "city open, window"},
    {"city", sheet_status::draft, "exclude", sheet_status::not_required, "city open, window"},
    {"city", sheet_status::submitted, "exclude", sheet_status::not_required, "city open, window"},
    {"city", sheet_status::approved, "exclude", sheet_status::not_required, "city open, window"},
    {"city", sheet_status::rejected, "exclude", sheet_status::not_required, "city open, window"},
    {"city", sheet_status::not_required, "include", sheet_status::not_filled, "was not_filled"},
    {"city", sheet_status::not_required, "include", sheet_status::draft, "was draft"},
    {"city", sheet_status::not_required, "include", sheet_status::submitted, "was submitted"},
    {"city", sheet_status::not_required, "include", sheet_status::approved, "was approved"},
    {"city", sheet_status::not_required, "include", sheet_status::rejected, "was rejected"},
};
constexpr std::pair<std::string_view, std::string_view> kSheetRefusals[] = {
    {"save_draft", "ivd.sheet.locked"},
    {"submit", "ivd.sheet.locked"},
    {"approve", "ivd.review.sheet_not_submitted"},
    {"reject", "ivd.review.sheet_not_submitted"},
    {"withdraw_review", "ivd.review.sheet_not_reviewed"},
    {"exclude", "ivd.review.already_not_required"},
    {"include", "ivd.review.not_excluded"},
};
constexpr Workflow kSheetWorkflow{"ivd_sheet", kSheetTable, kSheetStatuses, kSheetRules, kSheetRefusals};
}  // namespace

const Workflow& sheet_workflow() { return kSheetWorkflow; }

// ---- [SECTION] request parsing helpers ----------------------------------------------------------------
namespace {
constexpr size_t kMaxQuantityText = 50;    // bytes of a typed quantity
constexpr size_t kMaxChangeNote = 1500;    // bytes (500 CJK characters)
constexpr size_t kMaxContactName = 150;    // bytes (50 CJK characters)
constexpr size_t kMaxContactPhone = 40;
constexpr size_t kMaxLinesPerSave = 20000;

std::string_view instrument_id(Instrument i) {
  switch (i) {
    case Instrument::yes: return "yes";
    case Instrument::no: return "no";
    case Instrument::none: break;
  }
  return "";
}
Instrument instrument_from_id(std::string_view s) {
  if (s == "yes") return Instrument::yes;
  if (s == "no") return Instrument::no;
  return Instrument::none;
}

// The value a typed quantity contributes to the totals: its number when valid, else nothing.
std::optional<int64_t> quantity_value(std::string_view text) {
  const Quantity q = parse_quantity(text);
  if (q.status == QuantityStatus::ok) return q.value;
  return std::nullopt;
}

json opt_json(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

Error bad_field(const std::string& path, const char* code = "request.bad_field", std::vector<std::string> args = {}) {
  if (args.empty()) args.push_back(path);
  return make_error(ErrorKind::bad_request, code, path, std::move(args));
}

// A typed quantity: absent -> nullopt, null -> "", string -> as typed, number -> its JSON text.
Status read_quantity(const json& obj, const char* key, const std::string& path, std::optional<std::string>& out) {
  auto it = obj.find(key);
  if (it == obj.end()) return ok_status();
  if (it->is_null()) out = std::string();
  else if (it->is_string()) out = it->get<std::string>();
  else if (it->is_number()) out = it->dump();
  else return bad_field(path, "sheet.json.not_quantity");
  if (out->size() > kMaxQuantityText) return bad_field(path, "request.too_long", {path, std::to_string(kMaxQuantityText)});
  return ok_status();
}

Status read_text(const json& obj, const char* key, const std::string& path, size_t max_len,
                 std::optional<std::string>& out) {
  auto it = obj.find(key);
  if (it == obj.end()) return ok_status();
  if (it->is_null()) out = std::string();
  else if (it->is_string()) out = it->get<std::string>();
  else return bad_field(path, "sheet.json.not_text");
  if (out->size() > max_len) return bad_field(path, "request.too_long", {path, std::to_string(max_len)});
  return ok_status();
}

Status read_file_id(const json& obj, const char* key, std::optional<std::optional<int64_t>>& out) {
  auto it = obj.find(key);
  if (it == obj.end()) return ok_status();
  if (it->is_null()) out = std::optional<int64_t>();
  else if (it->is_number_integer() && it->get<int64_t>() > 0) out = std::optional<int64_t>(it->get<int64_t>());
  else return bad_field(key);
  return ok_status();
}

// ---- [SECTION] reading and patching a stored sheet (apply_patch, start_edit) ------------------------------
Result<SheetHeader> read_header(Stmt& st) {
  SheetHeader h;
  h.id = st.col_int(0);
  h.project_id = st.col_int(1);
  h.hospital_id = st.col_int(2);
  h.city_code = st.col_text(3);
  h.province_code = st.col_text(4);
  h.status = st.col_text(5);
  h.status_before_exclusion = st.col_text(6);
  h.contact_name = st.col_text(7);
  h.contact_phone = st.col_text(8);
  h.commitment_file_id = st.col_opt_int(9);
  h.demand_file_id = st.col_opt_int(10);
  h.line_count = st.col_int(11);
  h.sums = {st.col_int(12), st.col_int(13)};
  h.submitted_at = st.col_opt_int(14);
  h.reviewed_at = st.col_opt_int(15);
  h.review_reason = st.col_text(16);
  h.revision = st.col_int(17);
  h.updated_at = st.col_int(18);
  h.hospital_code = st.col_text(19);
  h.hospital_name = st.col_text(20);
  h.hospital_level = st.col_text(21);
  return h;
}

constexpr const char* kHeaderSelect =
    "SELECT s.id, s.project_id, s.hospital_id, s.city_code, s.province_code, s.status, s.status_before_exclusion, "
    "s.contact_name, s.contact_phone, s.commitment_file_id, s.demand_file_id, s.line_count, s.last_year_total, "
    "s.demand_total, s.submitted_at, s.reviewed_at, s.review_reason, s.revision, s.updated_at, i.code, i.name, "
    "i.level FROM ivd_sheets s JOIN institutions i ON i.id = s.hospital_id ";

struct StoredLine {
  std::string last_year_text, demand_text, change_note;
  Instrument instrument = Instrument::none;
  std::optional<int64_t> last_year, demand;
  bool empty() const {
    return is_blank(last_year_text) && is_blank(demand_text) && instrument == Instrument::none &&
           is_blank(change_note);
  }
};

// The six line columns (last_year_text, demand_text, last_year, demand, instrument, change_note) from
// column `first` on.
StoredLine read_stored_line(const Stmt& st, int first) {
  StoredLine l;
  l.last_year_text = st.col_text(first);
  l.demand_text = st.col_text(first + 1);
  l.last_year = st.col_opt_int(first + 2);
  l.demand = st.col_opt_int(first + 3);
  l.instrument = instrument_from_id(st.col_text(first + 4));
  l.change_note = st.col_text(first + 5);
  return l;
}

Result<std::optional<StoredLine>> load_line(Stmt& st, int64_t sheet_id, const std::string& serial) {
  st.reset();
  st.bind(1, sheet_id).bind(2, serial);
  IVD_ASSIGN_OR_RETURN(auto r, st.step());
  if (!r) return std::optional<StoredLine>();
  return std::optional<StoredLine>(read_stored_line(st, 0));
}

Status check_attachment(Db& db, const Actor& actor, int64_t file_id, bool allow_images, const char* field) {
  IVD_ASSIGN_OR_RETURN(const FileRef f, load_attachable_file(db, actor, file_id, field));
  return check_file_kind(f, allow_images, field);
}

Result<bool> catalog_has_cert(Db& db, int64_t project_id, const std::string& cert) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT 1 FROM ivd_catalog WHERE project_id = ? AND cert = ? LIMIT 1"));
  st.bind(1, project_id).bind(2, cert);
  return st.step();
}

// Applies the patch to the sheet inside the caller's transaction: lines, documents, submission
// fields, the sheet's own totals and the region totals. Returns the header after the change.
Result<SheetHeader> apply_patch(Db& db, const Project& p, const SheetHeader& h, const Actor& actor,
                                const SheetPatch& patch, int64_t now) {
  TotalsDelta delta;
  int64_t line_count_delta = 0;
  IVD_ASSIGN_OR_RETURN(auto get, db.prepare(
      "SELECT last_year_text, demand_text, last_year, demand, instrument, change_note FROM ivd_sheet_lines "
      "WHERE sheet_id = ? AND serial = ?"));
  IVD_ASSIGN_OR_RETURN(auto put, db.prepare(
      "INSERT INTO ivd_sheet_lines (sheet_id, serial, last_year_text, demand_text, last_year, demand, instrument, "
      "change_note) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (sheet_id, serial) DO UPDATE SET "
      "last_year_text = excluded.last_year_text, demand_text = excluded.demand_text, last_year = excluded.last_year, "
      "demand = excluded.demand, instrument = excluded.instrument, change_note = excluded.change_note"));
  IVD_ASSIGN_OR_RETURN(auto del, db.prepare("DELETE FROM ivd_sheet_lines WHERE sheet_id = ? AND serial = ?"));
  IVD_ASSIGN_OR_RETURN(auto cert_of, db.prepare("SELECT cert FROM ivd_catalog WHERE project_id = ? AND serial = ?"));
  // A big patch (a whole sheet pasted or imported) reads the catalog and the sheet's lines once instead
  // of two lookups per line.
  const bool bulk = patch.lines.size() > 64;
  std::unordered_map<std::string, std::string> bulk_certs;
  std::unordered_map<std::string, StoredLine> bulk_lines;
  if (bulk) {
    IVD_ASSIGN_OR_RETURN(auto certs, db.prepare("SELECT serial, cert FROM ivd_catalog WHERE project_id = ?"));
    certs.bind(1, p.id);
    IVD_TRY(certs.each([&](const Stmt& row) {
      bulk_certs.emplace(row.col_text(0), row.col_text(1));
    }));
    IVD_ASSIGN_OR_RETURN(auto lines, db.prepare(
        "SELECT serial, last_year_text, demand_text, last_year, demand, instrument, change_note FROM ivd_sheet_lines "
        "WHERE sheet_id = ?"));
    lines.bind(1, h.id);
    IVD_TRY(lines.each([&](const Stmt& row) {
      bulk_lines.emplace(row.col_text(0), read_stored_line(row, 1));
    }));
  }
  auto cert_lookup = [&](const std::string& serial) -> Result<std::optional<std::string>> {
    if (bulk) {
      auto it = bulk_certs.find(serial);
      return it == bulk_certs.end() ? std::optional<std::string>() : std::optional<std::string>(it->second);
    }
    cert_of.reset();
    cert_of.bind(1, p.id).bind(2, serial);
    IVD_ASSIGN_OR_RETURN(auto found, cert_of.step());
    return found ? std::optional<std::string>(cert_of.col_text(0)) : std::optional<std::string>();
  };
  auto line_lookup = [&](const std::string& serial) -> Result<std::optional<StoredLine>> {
    if (!bulk) return load_line(get, h.id, serial);
    auto it = bulk_lines.find(serial);
    return it == bulk_lines.end() ? std::optional<StoredLine>() : std::optional<StoredLine>(it->second);
  };

  for (size_t i = 0; i < patch.lines.size(); ++i) {
    const LinePatch& lp = patch.lines[i];
    IVD_ASSIGN_OR_RETURN(auto found, cert_lookup(lp.serial));
    if (!found)
      return make_error(ErrorKind::bad_request, "ivd.sheet.unknown_serial",
                        "lines[" + std::to_string(i) + "].serial", {lp.serial});
    const std::string cert = *found;
    IVD_ASSIGN_OR_RETURN(auto old, line_lookup(lp.serial));
    StoredLine now_line = old.value_or(StoredLine{});
    if (lp.last_year) now_line.last_year_text = *lp.last_year;
    if (lp.demand) now_line.demand_text = *lp.demand;
    if (lp.instrument) now_line.instrument = *lp.instrument;
    if (lp.change_note) now_line.change_note = *lp.change_note;
    now_line.last_year = quantity_value(now_line.last_year_text);
    now_line.demand = quantity_value(now_line.demand_text);

    const int64_t old_last = old ? old->last_year.value_or(0) : 0;
    const int64_t old_demand = old ? old->demand.value_or(0) : 0;
    if (now_line.empty()) {  // SPEC §2.2: an empty line means the hospital does not use that product
      if (old) {
        del.bind(1, h.id).bind(2, lp.serial);
        IVD_TRY(del.run());
        --line_count_delta;
        if (bulk) bulk_lines.erase(lp.serial);  // a serial may come twice in one patch
      }
      delta.add_line(cert, -old_last, -old_demand);
      continue;
    }
    put.bind(1, h.id).bind(2, lp.serial).bind(3, now_line.last_year_text).bind(4, now_line.demand_text);
    put.bind(5, now_line.last_year).bind(6, now_line.demand).bind(7, instrument_id(now_line.instrument));
    put.bind(8, now_line.change_note);
    IVD_TRY(put.run());
    if (!old) ++line_count_delta;
    if (bulk) bulk_lines[lp.serial] = now_line;
    delta.add_line(cert, now_line.last_year.value_or(0) - old_last, now_line.demand.value_or(0) - old_demand);
  }

  // 在用仪器说明文件 per 注册证 (IVD manual 报量项目管理 提交 注1).
  for (const auto& [cert, file_id] : patch.instrument_docs) {
    IVD_ASSIGN_OR_RETURN(auto known, catalog_has_cert(db, p.id, cert));
    if (!known)
      return make_error(ErrorKind::bad_request, "ivd.sheet.unknown_certificate", "instrument_docs." + cert, {cert});
    if (file_id) {
      IVD_TRY(check_attachment(db, actor, *file_id, /*allow_images=*/true, "instrument_docs"));
      IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
          "INSERT INTO ivd_sheet_cert_docs (sheet_id, cert, file_id) VALUES (?,?,?) ON CONFLICT (sheet_id, cert) "
          "DO UPDATE SET file_id = excluded.file_id"));
      st.bind_all(h.id, cert, *file_id);
      IVD_TRY(st.run());
    } else {
      IVD_ASSIGN_OR_RETURN(auto st, db.prepare("DELETE FROM ivd_sheet_cert_docs WHERE sheet_id = ? AND cert = ?"));
      st.bind_all(h.id, cert);
      IVD_TRY(st.run());
    }
  }

  SheetHeader out = h;
  if (patch.contact_name) out.contact_name = *patch.contact_name;
  if (patch.contact_phone) out.contact_phone = *patch.contact_phone;
  if (patch.commitment_letter) {
    // 承诺书: the signed letter as PDF (IVD manual 报量项目管理 4).
    if (*patch.commitment_letter) IVD_TRY(check_attachment(db, actor, **patch.commitment_letter, false, "commitment_letter"));
    out.commitment_file_id = *patch.commitment_letter;
  }
  if (patch.demand_attachment) {
    // 采购需求量附件: the signed/stamped export, PDF or a scanned image (SPEC §2.2 R-SUBMIT-FIELDS).
    if (*patch.demand_attachment) IVD_TRY(check_attachment(db, actor, **patch.demand_attachment, true, "demand_attachment"));
    out.demand_file_id = *patch.demand_attachment;
  }
  if (out.status == sheet_status::not_filled) out.status = sheet_status::draft;
  out.line_count += line_count_delta;
  out.sums.last_year += delta.sums.last_year;
  out.sums.demand += delta.sums.demand;
  out.revision = h.revision + 1;
  out.updated_at = now;

  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "UPDATE ivd_sheets SET status = ?, contact_name = ?, contact_phone = ?, commitment_file_id = ?, "
      "demand_file_id = ?, line_count = ?, last_year_total = ?, demand_total = ?, revision = ?, updated_at = ? "
      "WHERE id = ? AND revision = ?"));
  st.bind_all(out.status, out.contact_name, out.contact_phone, out.commitment_file_id, out.demand_file_id,
               out.line_count, out.sums.last_year, out.sums.demand, out.revision, now, h.id, h.revision);
  IVD_TRY(st.run());
  if (db.changes() != 1) return check_revision(h.revision, -1).error();
  // Editable sheets are never 无需上报, so they are counted: the change goes to the region totals.
  IVD_TRY(apply_totals_delta(db, p.id, h.city_code, h.province_code, delta));
  if (out.status != h.status)
    IVD_TRY(record_event(db, ivd_entity::sheet, std::to_string(h.id), "save_draft", actor.user_id, now, h.status,
                         out.status));
  return out;
}

// Loads, checks scope, window and revision, and applies the patch: the common start of 暂存 and 提交.
Result<std::pair<Project, SheetHeader>> start_edit(Db& db, const Actor& actor, int64_t project_id,
                                                   const SheetPatch& patch, int64_t now) {
  IVD_ASSIGN_OR_RETURN(auto p, load_visible_project(db, actor, project_id));
  if (!actor.institution_id) return ivd_error(ErrorKind::forbidden, "ivd.role.forbidden");
  IVD_TRY(ensure_project_rows(db, project_id, now));
  IVD_ASSIGN_OR_RETURN(auto h, load_sheet_header(db, project_id, *actor.institution_id));
  IVD_TRY(check_sheet_write(actor, {h.hospital_id, h.city_code, h.province_code}));
  IVD_TRY(check_revision(patch.revision, h.revision));
  IVD_TRY(check_editable(p, h, now));
  IVD_ASSIGN_OR_RETURN(auto applied, apply_patch(db, p, h, actor, patch, now));
  return std::pair<Project, SheetHeader>(std::move(p), std::move(applied));
}
}  // namespace

// ---- [SECTION] header, editability, JSON ------------------------------
Result<SheetHeader> load_sheet_header(Db& db, int64_t project_id, int64_t hospital_id) {
  IVD_ASSIGN_OR_RETURN(auto st,
                       db.prepare(std::string(kHeaderSelect) + "WHERE s.project_id = ? AND s.hospital_id = ?"));
  st.bind(1, project_id).bind(2, hospital_id);
  IVD_ASSIGN_OR_RETURN(auto r, st.step());
  if (!r) return ivd_error(ErrorKind::not_found, "ivd.sheet.not_found");
  return read_header(st);
}

Status check_editable(const Project& p, const SheetHeader& h, int64_t now) {
  if (h.status == sheet_status::not_required) return ivd_error(ErrorKind::conflict, "ivd.sheet.not_required");
  if (h.status == sheet_status::submitted || h.status == sheet_status::approved)
    return ivd_error(ErrorKind::conflict, "ivd.sheet.locked");
  if (now < p.times.fill_start)
    return ivd_error(ErrorKind::conflict, "ivd.sheet.window_not_open", {format_cst(p.times.fill_start)});
  // After 审核不通过 the hospital may correct until city_review_end; otherwise the filling window.
  const int64_t end = h.status == sheet_status::rejected ? p.times.city_review_end : p.times.fill_end;
  if (now >= end) return ivd_error(ErrorKind::conflict, "ivd.sheet.window_closed", {format_cst(end)});
  return ok_status();
}

bool is_editable(const Project& p, const SheetHeader& h, int64_t now) { return check_editable(p, h, now).ok(); }

namespace {
std::optional<int64_t> opt_int(const json& j, const char* key) {
  const json& v = j.at(key);
  return v.is_null() ? std::nullopt : std::optional<int64_t>(v.get<int64_t>());
}
}  // namespace

void to_json(json& j, const SheetHeaderOnWire& w) {
  const SheetHeader& h = w.header;
  j = {{"id", h.id},
       {"project_id", h.project_id},
       {"hospital_id", h.hospital_id},
       {"hospital_code", h.hospital_code},
       {"hospital_name", h.hospital_name},
       {"hospital_level", h.hospital_level},
       {"city_code", h.city_code},
       {"province_code", h.province_code},
       {"status", h.status},
       {"contact_name", h.contact_name},
       {"contact_phone", h.contact_phone},
       {"commitment_letter", opt_json(h.commitment_file_id)},
       {"demand_attachment", opt_json(h.demand_file_id)},
       {"line_count", h.line_count},
       {"last_year_total", h.sums.last_year},
       {"demand_total", h.sums.demand},
       {"submitted_at", opt_json(h.submitted_at)},
       {"submitted_at_text", h.submitted_at ? format_cst(*h.submitted_at) : ""},
       {"reviewed_at", opt_json(h.reviewed_at)},
       {"review_reason", h.review_reason},
       {"revision", h.revision},
       {"updated_at", h.updated_at},
       {"threshold_percent", w.threshold_percent},
       {"editable", w.editable}};
  if (!w.editable) j["not_editable"] = w.not_editable;
}

void from_json(const json& j, SheetHeaderOnWire& w) {
  SheetHeader& h = w.header;
  j.at("id").get_to(h.id);
  j.at("project_id").get_to(h.project_id);
  j.at("hospital_id").get_to(h.hospital_id);
  j.at("hospital_code").get_to(h.hospital_code);
  j.at("hospital_name").get_to(h.hospital_name);
  j.at("hospital_level").get_to(h.hospital_level);
  j.at("city_code").get_to(h.city_code);
  j.at("province_code").get_to(h.province_code);
  j.at("status").get_to(h.status);
  j.at("contact_name").get_to(h.contact_name);
  j.at("contact_phone").get_to(h.contact_phone);
  h.commitment_file_id = opt_int(j, "commitment_letter");
  h.demand_file_id = opt_int(j, "demand_attachment");
  j.at("line_count").get_to(h.line_count);
  j.at("last_year_total").get_to(h.sums.last_year);
  j.at("demand_total").get_to(h.sums.demand);
  h.submitted_at = opt_int(j, "submitted_at");
  h.reviewed_at = opt_int(j, "reviewed_at");
  j.at("review_reason").get_to(h.review_reason);
  j.at("revision").get_to(h.revision);
  j.at("updated_at").get_to(h.updated_at);
  j.at("threshold_percent").get_to(w.threshold_percent);
  j.at("editable").get_to(w.editable);
  w.not_editable = j.value("not_editable", json());
}

json sheet_header_to_json(const SheetHeader& h, const Project& p, int64_t now) {
  auto editable = check_editable(p, h, now);
  return SheetHeaderOnWire{h, p.threshold_percent, editable.ok(),
                           editable.ok() ? json() : error_to_json(editable.error())};
}

Result<SheetPatch> sheet_patch_from_json(const json& body) {
  SheetPatch p;
  IVD_ASSIGN_OR_RETURN(auto rev, body_int(body, "revision"));
  p.revision = rev;
  if (auto lines = body.find("lines"); lines != body.end() && !lines->is_null()) {
    if (!lines->is_array()) return bad_field("lines", "sheet.json.not_array");
    if (lines->size() > kMaxLinesPerSave) return bad_field("lines", "request.too_large");
    std::unordered_set<std::string> seen;
    for (size_t i = 0; i < lines->size(); ++i) {
      const json& lj = (*lines)[i];
      const std::string path = "lines[" + std::to_string(i) + "]";
      if (!lj.is_object()) return bad_field(path, "sheet.json.not_object");
      LinePatch lp;
      auto serial = lj.find("serial");
      if (serial == lj.end() || serial->is_null()) return bad_field(path + ".serial", "request.missing_field");
      if (serial->is_string()) lp.serial = serial->get<std::string>();
      else if (serial->is_number_integer()) lp.serial = serial->dump();
      else return bad_field(path + ".serial", "sheet.json.not_text");
      if (lp.serial.empty() || lp.serial.size() > 64) return bad_field(path + ".serial");
      if (!seen.insert(lp.serial).second)
        return bad_field(path + ".serial", "sheet.json.duplicate_serial", {path + ".serial", lp.serial});
      IVD_TRY(read_quantity(lj, "last_year", path + ".last_year", lp.last_year));
      IVD_TRY(read_quantity(lj, "demand", path + ".demand", lp.demand));
      std::optional<std::string> instrument;
      IVD_TRY(read_text(lj, "instrument", path + ".instrument", 20, instrument));
      if (instrument) {
        auto parsed = parse_instrument(*instrument);
        if (!parsed) return bad_field(path + ".instrument", "sheet.json.bad_instrument", {path + ".instrument", *instrument});
        lp.instrument = *parsed;
      }
      IVD_TRY(read_text(lj, "change_note", path + ".change_note", kMaxChangeNote, lp.change_note));
      p.lines.push_back(std::move(lp));
    }
  }
  if (auto docs = body.find("instrument_docs"); docs != body.end() && !docs->is_null()) {
    if (!docs->is_object()) return bad_field("instrument_docs", "sheet.json.not_object");
    for (auto it = docs->begin(); it != docs->end(); ++it) {
      if (it->is_null()) p.instrument_docs.emplace_back(it.key(), std::nullopt);
      else if (it->is_number_integer() && it->get<int64_t>() > 0) p.instrument_docs.emplace_back(it.key(), it->get<int64_t>());
      else return bad_field("instrument_docs." + it.key());
    }
  }
  IVD_TRY(read_text(body, "contact_name", "contact_name", kMaxContactName, p.contact_name));
  IVD_TRY(read_text(body, "contact_phone", "contact_phone", kMaxContactPhone, p.contact_phone));
  IVD_TRY(read_file_id(body, "commitment_letter", p.commitment_letter));
  IVD_TRY(read_file_id(body, "demand_attachment", p.demand_attachment));
  return p;
}

Result<Sheet> load_sheet_model(Db& db, const Project& p, const SheetHeader& h) {
  Sheet s;
  s.threshold_percent = p.threshold_percent;
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT l.serial, coalesce(c.cert, ''), l.last_year_text, l.demand_text, l.instrument, l.change_note "
      "FROM ivd_sheet_lines l LEFT JOIN ivd_catalog c ON c.project_id = ? AND c.serial = l.serial "
      "WHERE l.sheet_id = ? ORDER BY length(l.serial), l.serial"));
  st.bind(1, p.id).bind(2, h.id);
  IVD_TRY(st.each([&](const Stmt& row) {
    s.lines.push_back({row.col_text(0), row.col_text(1), row.col_text(2), row.col_text(3),
                       instrument_from_id(row.col_text(4)), row.col_text(5)});
  }));
  IVD_ASSIGN_OR_RETURN(auto docs, db.prepare("SELECT cert, file_id FROM ivd_sheet_cert_docs WHERE sheet_id = ?"));
  docs.bind(1, h.id);
  IVD_TRY(docs.each([&](const Stmt& row) {
    s.instrument_docs.emplace(row.col_text(0), std::to_string(row.col_int(1)));
  }));
  s.submission.contact_name = h.contact_name;
  s.submission.contact_phone = h.contact_phone;
  s.submission.commitment_letter = h.commitment_file_id ? std::to_string(*h.commitment_file_id) : "";
  s.submission.demand_attachment = h.demand_file_id ? std::to_string(*h.demand_file_id) : "";
  return s;
}

Result<SheetReport> validate_stored_sheet(Db& db, const Project& p, const SheetHeader& h, SheetMode mode) {
  IVD_ASSIGN_OR_RETURN(auto s, load_sheet_model(db, p, h));
  return validate_sheet(s, mode);
}

// ---- [SECTION] 暂存 and 提交 ------------------------------
Result<SaveResult> save_draft(Db& db, Services& svc, const Actor& actor, int64_t project_id, const SheetPatch& patch) {
  const int64_t now = svc.clock.now();
  return transaction(db, [&]() -> Result<SaveResult> {
    IVD_ASSIGN_OR_RETURN(auto started, start_edit(db, actor, project_id, patch, now));
    auto& [p, h] = started;
    IVD_ASSIGN_OR_RETURN(auto report, validate_stored_sheet(db, p, h, SheetMode::draft));
    return SaveResult{std::move(h), std::move(report)};
  });
}

Result<SaveResult> submit_sheet(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                const SheetPatch& patch) {
  const int64_t now = svc.clock.now();
  return transaction(db, [&]() -> Result<SaveResult> {
    IVD_ASSIGN_OR_RETURN(auto started, start_edit(db, actor, project_id, patch, now));
    auto& [p, h] = started;
    if (h.line_count == 0) return ivd_error(ErrorKind::unprocessable, "ivd.sheet.empty");
    // SPEC §2.2: the server reruns every rule and refuses with the same rule ids.
    IVD_ASSIGN_OR_RETURN(auto report, validate_stored_sheet(db, p, h, SheetMode::submit));
    if (report.has_errors()) {
      std::vector<std::string> ids;
      for (const auto& item : report.items)
        if (item.severity == Severity::error && std::find(ids.begin(), ids.end(), item.rule_id()) == ids.end())
          ids.emplace_back(item.rule_id());
      Error e = ivd_error(ErrorKind::unprocessable, "ivd.sheet.submit_refused", {std::to_string(report.errors)});
      e.rule_id = ids.front();
      e.details = {{"rule_ids", ids}, {"report", to_json(report)}};
      return e;  // the transaction rolls back: the patch is not kept either
    }
    // The previous status: 暂存 (or 审核不通过 for a corrected sheet) — apply_patch moved 未填报 on.
    TransitionRequest t;
    t.key = {h.id};
    t.entity_id = std::to_string(h.id);
    t.expected_revision = h.revision;
    t.from = h.status;
    t.action = "submit";
    t.to = sheet_status::submitted;
    t.actor_id = actor.user_id;
    t.at = now;
    t.also_set = {{"submitted_at", now}};
    IVD_TRY(apply_transition(db, kSheetWorkflow, t));
    h.status = sheet_status::submitted;
    h.submitted_at = now;
    h.revision += 1;
    return SaveResult{std::move(h), std::move(report)};
  });
}

// ---- [SECTION] line queries and exports ------------------------------
void to_json(json& j, const SheetLineOnWire& w) {
  j = w.row;
  j["last_year"] = w.last_year;
  j["demand"] = w.demand;
  j["instrument"] = w.instrument;
  j["change_note"] = w.change_note;
  j["change_percent"] = w.change_percent ? json(*w.change_percent) : json(nullptr);
  j["items"] = w.items;
}

void from_json(const json& j, SheetLineOnWire& w) {
  j.get_to(w.row);
  j.at("last_year").get_to(w.last_year);
  j.at("demand").get_to(w.demand);
  j.at("instrument").get_to(w.instrument);
  j.at("change_note").get_to(w.change_note);
  const json& pct = j.at("change_percent");
  w.change_percent = pct.is_null() ? std::nullopt : std::optional<std::string>(pct.get<std::string>());
  j.at("items").get_to(w.items);
}

LineQuery line_query_from_query(const std::map<std::string, std::string>& query, const Page& page) {
  LineQuery q;
  q.filter = catalog_filter_from_query(query);
  q.filled_only = query_flag(query, "filled_only");
  q.errors_only = query_flag(query, "errors_only");
  q.mode = query_text(query, "mode") == "submit" ? SheetMode::submit : SheetMode::draft;
  q.page = page;
  return q;
}

Result<json> query_sheet_lines(Db& db, const Project& p, const SheetHeader& h, const LineQuery& q) {
  IVD_ASSIGN_OR_RETURN(auto model, load_sheet_model(db, p, h));
  const SheetReport report = validate_sheet(model, q.mode);
  std::unordered_map<std::string, size_t> line_of;
  for (size_t i = 0; i < model.lines.size(); ++i) line_of.emplace(model.lines[i].serial, i);
  std::unordered_map<std::string, std::vector<const SheetItem*>> items_of;
  json submission_items = json::array();
  for (const auto& it : report.items) {
    if (it.line < 0) submission_items.push_back(to_json(it));
    else items_of[it.serial].push_back(&it);
  }
  // The catalog rows of the page: SQL does the filtering and paging, except for "errors only", which
  // depends on the validation and filters the matching rows here.
  std::vector<CatalogRow> rows;
  int64_t total = 0;
  size_t begin = 0;
  if (!q.errors_only) {
    CatalogFilter f = q.filter;
    if (q.filled_only) f.with_line_in_sheet = h.id;
    IVD_ASSIGN_OR_RETURN(auto page, query_catalog(db, p.id, f, q.page));
    total = page.total;
    rows = std::move(page.items);
  } else {
    IVD_ASSIGN_OR_RETURN(auto all, query_catalog(db, p.id, q.filter, Page{1, 1'000'000}));
    for (auto& r : all.items) {
      auto it = items_of.find(r.serial);
      if (it == items_of.end()) continue;
      if (std::none_of(it->second.begin(), it->second.end(),
                       [](const SheetItem* i) { return i->severity == Severity::error; }))
        continue;
      rows.push_back(std::move(r));
    }
    total = static_cast<int64_t>(rows.size());
    begin = std::min(rows.size(), static_cast<size_t>(q.page.offset()));
  }
  json items = json::array();
  const size_t end = std::min(rows.size(), begin + static_cast<size_t>(q.page.page_size));
  for (size_t k = begin; k < end; ++k) {
    SheetLineOnWire w;
    w.row = std::move(rows[k]);
    auto li = line_of.find(w.row.serial);
    if (li != line_of.end()) {
      const SheetLine& line = model.lines[li->second];
      w.last_year = line.last_year_text;
      w.demand = line.demand_text;
      w.instrument = instrument_text(line.instrument);
      w.change_note = line.change_note;
      const Quantity last = parse_quantity(line.last_year_text), demand = parse_quantity(line.demand_text);
      if (last.status == QuantityStatus::ok && demand.valid())
        if (auto pct = change_percent_hundredths(last.value, demand.value)) w.change_percent = format_hundredths(*pct, true);
    }
    if (auto it = items_of.find(w.row.serial); it != items_of.end())
      for (const SheetItem* i : it->second) w.items.push_back(on_wire(*i));
    items.push_back(w);
  }
  return json{{"total", total},
              {"page", q.page.page},
              {"page_size", q.page.page_size},
              {"items", std::move(items)},
              {"report",
               {{"mode", mode_name(report.mode)},
                {"errors", report.errors},
                {"warnings", report.warnings},
                {"submission_items", std::move(submission_items)}}}};
}

Result<json> sheet_by_certificate(Db& db, const Project& p, const SheetHeader& h) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT c.cert, c.manufacturer, c.category, c.subcategory, c.serial, c.product_name, c.spec, "
      "l.last_year_text, l.demand_text, l.last_year, l.demand, l.instrument, l.change_note "
      "FROM ivd_sheet_lines l JOIN ivd_catalog c ON c.project_id = ? AND c.serial = l.serial "
      "WHERE l.sheet_id = ? ORDER BY c.cert, length(c.serial), c.serial"));
  st.bind(1, p.id).bind(2, h.id);
  json groups = json::array();
  json* cur = nullptr;
  std::string cur_cert;
  IVD_TRY(st.each([&](const Stmt& row) {
    const std::string cert = row.col_text(0);
    if (!cur || cert != cur_cert) {
      groups.push_back({{"certificate", cert},
                        {"manufacturer", row.col_text(1)},
                        {"category", row.col_text(2)},
                        {"subcategory", row.col_text(3)},
                        {"last_year_total", 0},
                        {"demand_total", 0},
                        {"lines", json::array()}});
      cur = &groups.back();
      cur_cert = cert;
    }
    (*cur)["last_year_total"] = (*cur)["last_year_total"].get<int64_t>() + row.col_opt_int(9).value_or(0);
    (*cur)["demand_total"] = (*cur)["demand_total"].get<int64_t>() + row.col_opt_int(10).value_or(0);
    (*cur)["lines"].push_back({{"serial", row.col_text(4)},
                               {"product_name", row.col_text(5)},
                               {"spec", row.col_text(6)},
                               {"last_year", row.col_text(7)},
                               {"demand", row.col_text(8)},
                               {"instrument", instrument_text(instrument_from_id(row.col_text(11)))},
                               {"change_note", row.col_text(12)}});
  }));
  return json{{"hospital_code", h.hospital_code},
              {"hospital_name", h.hospital_name},
              {"project_name", p.name},
              {"last_year_total", h.sums.last_year},
              {"demand_total", h.sums.demand},
              {"certificates", std::move(groups)}};
}

Result<std::vector<EventRow>> sheet_events(Db& db, const SheetHeader& h) {
  return load_events(db, ivd_entity::sheet, std::to_string(h.id));
}

// ---- [SECTION] status changes (the city's review actions) ------------------------------
Status write_sheet_status(Db& db, const SheetHeader& h, const SheetStatusChange& c, int64_t actor_id, int64_t now) {
  const bool leaving_count = c.to == sheet_status::not_required && h.status != sheet_status::not_required;
  const bool entering_count = h.status == sheet_status::not_required && c.to != sheet_status::not_required;
  TransitionRequest t;
  t.key = {h.id};
  t.entity_id = std::to_string(h.id);
  t.expected_revision = h.revision;
  t.from = h.status;
  t.action = c.action;
  t.to = c.to;
  t.actor_id = actor_id;
  t.at = now;
  t.reason = c.reason;
  t.also_set = {{"status_before_exclusion", leaving_count ? h.status : std::string()}};
  if (c.set_submitted_at) t.also_set.push_back({"submitted_at", now});
  if (c.set_reviewed_at) t.also_set.push_back({"reviewed_at", now});
  if (c.review_reason) t.also_set.push_back({"review_reason", *c.review_reason});
  IVD_TRY(apply_transition(db, kSheetWorkflow, t));
  if (leaving_count || entering_count) {
    IVD_ASSIGN_OR_RETURN(const TotalsDelta contribution, sheet_contribution(db, h.project_id, h.id));
    IVD_TRY(apply_totals_delta(db, h.project_id, h.city_code, h.province_code,
                               leaving_count ? contribution.negated() : contribution));
  }
  return ok_status();
}

}  // namespace ivd
