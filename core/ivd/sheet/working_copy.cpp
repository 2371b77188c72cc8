#include "core/ivd/sheet/working_copy.hpp"

#include <algorithm>

#include <charconv>
#include <unordered_map>

#include "core/base/text.hpp"

namespace ivd {

using nlohmann::json;

namespace {

const SheetLine* find_line(const Sheet& sheet, std::string_view serial) {
  for (const auto& l : sheet.lines)
    if (l.serial == serial) return &l;
  return nullptr;
}

std::string* submission_field(SubmissionFields& s, SheetField f) {
  switch (f) {
    case SheetField::contact_name: return &s.contact_name;
    case SheetField::contact_phone: return &s.contact_phone;
    case SheetField::commitment_letter: return &s.commitment_letter;
    case SheetField::demand_attachment: return &s.demand_attachment;
    default: return nullptr;
  }
}

bool is_line_field(SheetField f) {
  return f == SheetField::last_year || f == SheetField::demand || f == SheetField::instrument ||
         f == SheetField::change_note;
}

// Writes value into a line's field (instrument: "是"/"否"/"" or anything parse_instrument takes; an
// unknown text leaves the line's choice as it was).
void write_line_field(SheetLine& line, SheetField f, const std::string& value) {
  switch (f) {
    case SheetField::last_year: line.last_year_text = value; break;
    case SheetField::demand: line.demand_text = value; break;
    case SheetField::change_note: line.change_note = value; break;
    case SheetField::instrument:
      if (auto i = parse_instrument(value)) line.instrument = *i;
      break;
    default: break;
  }
}

// An upload reference as the SheetPatch wants it: "" -> null, a positive integer -> that number;
// nullopt for anything else (a reference the server would refuse is not sent).
std::optional<json> file_id_json(std::string_view ref) {
  const std::string_view t = trim_space(ref);
  if (t.empty()) return json(nullptr);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size() || v <= 0) return std::nullopt;
  return json(v);
}

Error bad_json(const std::string& path) {
  return make_error(ErrorKind::bad_request, "sheet.draft.bad_json", path, {path});
}

}  // namespace

std::string cell_value(const Sheet& sheet, const CellRef& cell) {
  switch (cell.field) {
    case SheetField::last_year:
    case SheetField::demand:
    case SheetField::instrument:
    case SheetField::change_note: {
      const SheetLine* l = find_line(sheet, cell.key);
      if (!l) return {};
      if (cell.field == SheetField::last_year) return l->last_year_text;
      if (cell.field == SheetField::demand) return l->demand_text;
      if (cell.field == SheetField::change_note) return l->change_note;
      return std::string(instrument_text(l->instrument));
    }
    case SheetField::instrument_doc: {
      auto it = sheet.instrument_docs.find(cell.key);
      return it == sheet.instrument_docs.end() ? std::string() : it->second;
    }
    case SheetField::contact_name: return sheet.submission.contact_name;
    case SheetField::contact_phone: return sheet.submission.contact_phone;
    case SheetField::commitment_letter: return sheet.submission.commitment_letter;
    case SheetField::demand_attachment: return sheet.submission.demand_attachment;
  }
  return {};
}

WorkingCopy::WorkingCopy(int64_t project_id, int64_t hospital_id, int64_t revision, Sheet base)
    : project_id_(project_id), hospital_id_(hospital_id), revision_(revision), base_(std::move(base)) {}

// The form a value is kept in: instruments as "是"/"否"/"" (so "yes" and "是" are one value).
static std::string canonical(const CellRef& cell, std::string value) {
  if (cell.field == SheetField::instrument)
    if (auto i = parse_instrument(value)) return std::string(instrument_text(*i));
  return value;
}

void WorkingCopy::set(const CellRef& cell, std::string value) {
  value = canonical(cell, std::move(value));
  auto sent = sent_.find(cell);
  const bool reverts_sent = sent != sent_.end() && sent->second != value;
  if (value == cell_value(base_, cell) && !reverts_sent) edits_.erase(cell);
  else edits_[cell] = std::move(value);
}

std::optional<std::string> WorkingCopy::edited(const CellRef& cell) const {
  auto it = edits_.find(cell);
  if (it == edits_.end()) return std::nullopt;
  return it->second;
}

Sheet WorkingCopy::current() const {
  Sheet s = base_;
  std::unordered_map<std::string_view, size_t> index;
  for (size_t i = 0; i < s.lines.size(); ++i) index.emplace(s.lines[i].serial, i);
  for (const auto& [cell, value] : edits_) {
    if (is_line_field(cell.field)) {
      auto it = index.find(cell.key);
      if (it == index.end()) {  // a line the base does not hold (should not happen with a whole sheet)
        SheetLine l;
        l.serial = cell.key;
        write_line_field(l, cell.field, value);
        s.lines.push_back(std::move(l));
        index.clear();
        for (size_t i = 0; i < s.lines.size(); ++i) index.emplace(s.lines[i].serial, i);
      } else {
        write_line_field(s.lines[it->second], cell.field, value);
      }
    } else if (cell.field == SheetField::instrument_doc) {
      // A removed document is no entry (as the server's sheet has it); a blank one counts as none.
      if (value.empty()) s.instrument_docs.erase(cell.key);
      else s.instrument_docs[cell.key] = value;
    } else if (std::string* f = submission_field(s.submission, cell.field)) {
      *f = value;
    }
  }
  return s;
}

json WorkingCopy::patch() const {
  json body = {{"revision", revision_}};
  json lines = json::array();
  json docs = json::object();
  std::string last_serial;
  for (const auto& [cell, value] : edits_) {  // ordered by key, then field: one line's cells are adjacent
    if (is_line_field(cell.field)) {
      if (lines.empty() || last_serial != cell.key) {
        lines.push_back({{"serial", cell.key}});
        last_serial = cell.key;
      }
      lines.back()[std::string(field_name(cell.field))] = value;
    } else if (cell.field == SheetField::instrument_doc) {
      if (auto id = file_id_json(value)) docs[cell.key] = *id;
    } else if (cell.field == SheetField::commitment_letter || cell.field == SheetField::demand_attachment) {
      if (auto id = file_id_json(value)) body[std::string(field_name(cell.field))] = *id;
    } else {
      body[std::string(field_name(cell.field))] = value;
    }
  }
  body["lines"] = std::move(lines);
  if (!docs.empty()) body["instrument_docs"] = std::move(docs);
  sent_ = edits_;
  for (const auto& [cell, value] : edits_) {
    auto& values = sent_since_base_[cell];
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  }
  return body;
}

bool WorkingCopy::sent_since_base(const CellRef& cell, const std::string& value) const {
  auto it = sent_since_base_.find(cell);
  return it != sent_since_base_.end() && std::find(it->second.begin(), it->second.end(), value) != it->second.end();
}

void WorkingCopy::rebase(int64_t new_revision, Sheet server) { resolve(new_revision, std::move(server), {}); }

std::vector<CellConflict> WorkingCopy::conflicts(const Sheet& server) const {
  std::vector<CellConflict> out;
  for (const auto& [cell, mine] : edits_) {
    std::string base = cell_value(base_, cell);
    std::string theirs = cell_value(server, cell);
    if (theirs != base && theirs != mine && !sent_since_base(cell, theirs))
      out.push_back({cell, std::move(base), mine, std::move(theirs)});
  }
  return out;
}

void WorkingCopy::resolve(int64_t new_revision, Sheet server, const std::map<CellRef, bool>& keep_mine) {
  std::map<CellRef, std::string> kept;
  for (auto& [cell, mine] : edits_) {
    const std::string base = cell_value(base_, cell);
    const std::string theirs = cell_value(server, cell);
    const bool conflict = theirs != base && theirs != mine && !sent_since_base(cell, theirs);
    if (conflict) {
      auto it = keep_mine.find(cell);
      if (it != keep_mine.end() && !it->second) continue;  // the server's value wins
    }
    if (mine != theirs) kept.emplace(cell, std::move(mine));
  }
  edits_ = std::move(kept);
  sent_.clear();
  sent_since_base_.clear();
  base_ = std::move(server);
  revision_ = new_revision;
}

json WorkingCopy::to_json() const {
  json edits = json::array();
  for (const auto& [cell, value] : edits_)
    edits.push_back({{"key", cell.key}, {"field", field_name(cell.field)}, {"value", value}});
  json out = {{"version", 1},
              {"project_id", project_id_},
              {"hospital_id", hospital_id_},
              {"revision", revision_},
              {"base", sheet_to_json(base_)},
              {"edits", std::move(edits)}};
  if (!sent_since_base_.empty()) {
    json sent = json::array();
    for (const auto& [cell, values] : sent_since_base_)
      sent.push_back({{"key", cell.key}, {"field", field_name(cell.field)}, {"values", values}});
    out["sent"] = std::move(sent);
  }
  return out;
}

Result<WorkingCopy> WorkingCopy::from_json(const json& j) {
  if (!j.is_object()) return bad_json("");
  if (auto v = j.find("version"); v == j.end() || !v->is_number_integer() || v->get<int64_t>() != 1)
    return bad_json("version");
  WorkingCopy w;
  for (auto [key, out] : {std::pair{"project_id", &w.project_id_}, std::pair{"hospital_id", &w.hospital_id_},
                          std::pair{"revision", &w.revision_}}) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer() || it->get<int64_t>() < 0) return bad_json(key);
    *out = it->get<int64_t>();
  }
  auto base = j.find("base");
  if (base == j.end() || !base->is_object()) return bad_json("base");
  auto sheet = sheet_from_json(*base);
  if (!sheet) return bad_json("base." + sheet.error().field);
  w.base_ = std::move(*sheet);
  auto edits = j.find("edits");
  if (edits == j.end() || !edits->is_array()) return bad_json("edits");
  for (size_t i = 0; i < edits->size(); ++i) {
    const json& e = (*edits)[i];
    const std::string path = "edits[" + std::to_string(i) + "]";
    if (!e.is_object()) return bad_json(path);
    auto key = e.find("key"), field = e.find("field"), value = e.find("value");
    if (key == e.end() || !key->is_string()) return bad_json(path + ".key");
    if (field == e.end() || !field->is_string()) return bad_json(path + ".field");
    if (value == e.end() || !value->is_string()) return bad_json(path + ".value");
    auto f = parse_field_name(field->get_ref<const std::string&>());
    if (!f) return bad_json(path + ".field");
    CellRef cell{key->get<std::string>(), *f};
    const bool keyed = is_line_field(*f) || *f == SheetField::instrument_doc;
    if (keyed == cell.key.empty()) return bad_json(path + ".key");
    if (*f == SheetField::instrument && !parse_instrument(value->get_ref<const std::string&>()))
      return bad_json(path + ".value");
    if (w.edits_.count(cell)) return bad_json(path);
    w.edits_.emplace(std::move(cell), value->get<std::string>());
  }
  // Optional (written since changes are kept offline): what was sent since the base.
  if (auto sent = j.find("sent"); sent != j.end()) {
    if (!sent->is_array()) return bad_json("sent");
    for (size_t i = 0; i < sent->size(); ++i) {
      const json& e = (*sent)[i];
      const std::string path = "sent[" + std::to_string(i) + "]";
      if (!e.is_object() || !e.contains("key") || !e["key"].is_string() || !e.contains("field") ||
          !e["field"].is_string() || !e.contains("values") || !e["values"].is_array())
        return bad_json(path);
      auto f = parse_field_name(e["field"].get_ref<const std::string&>());
      if (!f) return bad_json(path + ".field");
      auto& values = w.sent_since_base_[CellRef{e["key"].get<std::string>(), *f}];
      for (const json& v : e["values"]) {
        if (!v.is_string()) return bad_json(path + ".values");
        values.push_back(v.get<std::string>());
      }
    }
  }
  return w;
}

}  // namespace ivd
