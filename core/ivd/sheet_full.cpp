#include "core/ivd/sheet_full.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <unordered_map>

#include "core/base/text.hpp"

namespace ivd {

using nlohmann::json;

namespace {

constexpr size_t kColumnCount = std::size(kFullSheetColumns);

std::array<std::string*, kColumnCount> fields_of(FullSheetLine& l) {
  return {&l.row.serial,      &l.row.category,    &l.row.subcategory, &l.row.product_name,
          &l.row.spec,        &l.row.certificate, &l.row.manufacturer, &l.last_year,
          &l.demand,          &l.instrument,      &l.change_note};
}
std::array<const std::string*, kColumnCount> fields_of(const FullSheetLine& l) {
  return {&l.row.serial,      &l.row.category,    &l.row.subcategory, &l.row.product_name,
          &l.row.spec,        &l.row.certificate, &l.row.manufacturer, &l.last_year,
          &l.demand,          &l.instrument,      &l.change_note};
}

Error malformed(const std::string& path) {
  return make_error(ErrorKind::bad_request, "request.malformed_reply", path, {path});
}

}  // namespace

void to_json(json& j, const FullSheet& s) {
  json columns = json::array();
  for (const char* c : kFullSheetColumns) columns.push_back(c);
  json rows = json::array();
  rows.get_ref<json::array_t&>().reserve(s.lines.size());
  for (const auto& l : s.lines) {
    json row = json::array();
    for (const std::string* f : fields_of(l)) row.push_back(*f);
    rows.push_back(std::move(row));
  }
  json docs = json::array();
  for (const auto& d : s.instrument_docs)
    docs.push_back({{"certificate", d.certificate},
                    {"file_id", d.file_id},
                    {"name", d.name},
                    {"content_type", d.content_type},
                    {"size", d.size}});
  j = {{"sheet", s.sheet}, {"columns", std::move(columns)}, {"rows", std::move(rows)}, {"instrument_docs", std::move(docs)}};
}

Result<FullSheet> full_sheet_from_json(const json& j) {
  if (!j.is_object()) return malformed("");
  FullSheet s;
  auto header = j.find("sheet");
  if (header == j.end() || !header->is_object()) return malformed("sheet");
  try {
    header->get_to(s.sheet);
  } catch (const std::exception&) {
    return malformed("sheet");
  }
  auto columns = j.find("columns");
  if (columns == j.end() || !columns->is_array()) return malformed("columns");
  // Where each wire column goes (-1: a column this build does not know, skipped).
  std::vector<int> slot;
  for (const auto& c : *columns) {
    int found = -1;
    if (c.is_string())
      for (size_t k = 0; k < kColumnCount; ++k)
        if (c.get_ref<const std::string&>() == kFullSheetColumns[k]) found = static_cast<int>(k);
    slot.push_back(found);
  }
  if (std::find(slot.begin(), slot.end(), 0) == slot.end()) return malformed("columns");  // no serial
  auto rows = j.find("rows");
  if (rows == j.end() || !rows->is_array()) return malformed("rows");
  s.lines.reserve(rows->size());
  for (size_t i = 0; i < rows->size(); ++i) {
    const json& r = (*rows)[i];
    if (!r.is_array() || r.size() != slot.size()) return malformed("rows[" + std::to_string(i) + "]");
    FullSheetLine l;
    auto fields = fields_of(l);
    for (size_t k = 0; k < slot.size(); ++k) {
      if (slot[k] < 0) continue;
      if (!r[k].is_string()) return malformed("rows[" + std::to_string(i) + "][" + std::to_string(k) + "]");
      *fields[static_cast<size_t>(slot[k])] = r[k].get<std::string>();
    }
    s.lines.push_back(std::move(l));
  }
  if (auto docs = j.find("instrument_docs"); docs != j.end() && !docs->is_null()) {
    if (!docs->is_array()) return malformed("instrument_docs");
    for (size_t i = 0; i < docs->size(); ++i) {
      const json& d = (*docs)[i];
      auto cert = d.is_object() ? d.find("certificate") : d.end();
      auto id = d.is_object() ? d.find("file_id") : d.end();
      if (!d.is_object() || cert == d.end() || !cert->is_string() || id == d.end() || !id->is_number_integer())
        return malformed("instrument_docs[" + std::to_string(i) + "]");
      FullSheetDoc doc;
      doc.certificate = cert->get<std::string>();
      doc.file_id = id->get<int64_t>();
      if (auto n = d.find("name"); n != d.end() && n->is_string()) doc.name = n->get<std::string>();
      if (auto t = d.find("content_type"); t != d.end() && t->is_string()) doc.content_type = t->get<std::string>();
      if (auto z = d.find("size"); z != d.end() && z->is_number_integer()) doc.size = z->get<int64_t>();
      s.instrument_docs.push_back(std::move(doc));
    }
  }
  return s;
}

void from_json(const json& j, FullSheet& s) {
  auto r = full_sheet_from_json(j);
  if (!r) throw std::invalid_argument("malformed full sheet at " + r.error().field);
  s = std::move(*r);
}

Sheet to_sheet(const FullSheet& s) {
  Sheet out;
  out.threshold_percent = s.sheet.threshold_percent;
  out.lines.reserve(s.lines.size());
  for (const auto& l : s.lines)
    out.lines.push_back({l.row.serial, l.row.certificate, l.last_year, l.demand,
                         parse_instrument(l.instrument).value_or(Instrument::none), l.change_note});
  for (const auto& d : s.instrument_docs) out.instrument_docs.emplace(d.certificate, std::to_string(d.file_id));
  const SheetHeader& h = s.sheet.header;
  out.submission.contact_name = h.contact_name;
  out.submission.contact_phone = h.contact_phone;
  out.submission.commitment_letter = h.commitment_file_id ? std::to_string(*h.commitment_file_id) : "";
  out.submission.demand_attachment = h.demand_file_id ? std::to_string(*h.demand_file_id) : "";
  return out;
}

Result<FullSheet> load_full_sheet(Db& db, const Project& p, const SheetHeader& h, int64_t now) {
  FullSheet s;
  auto editable = check_editable(p, h, now);
  s.sheet = SheetHeaderOnWire{h, p.threshold_percent, editable.ok(), editable.ok() ? json() : error_to_json(editable.error())};
  // One pass over the catalog, joined with the hospital's lines (catalog order, as the lines route).
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT c.serial, c.category, c.subcategory, c.product_name, c.spec, c.cert, c.manufacturer, "
      "coalesce(l.last_year_text, ''), coalesce(l.demand_text, ''), coalesce(l.instrument, ''), "
      "coalesce(l.change_note, '') FROM ivd_catalog c "
      "LEFT JOIN ivd_sheet_lines l ON l.sheet_id = ? AND l.serial = c.serial "
      "WHERE c.project_id = ? ORDER BY length(c.serial), c.serial"));
  st.bind(1, h.id).bind(2, p.id);
  IVD_TRY(st.each([&](const Stmt& row) {
    FullSheetLine l;
    auto fields = fields_of(l);
    for (size_t k = 0; k < kColumnCount; ++k) *fields[k] = row.col_text(static_cast<int>(k));
    // Stored as "yes"/"no"; shown and sent as 是/否.
    l.instrument = std::string(instrument_text(parse_instrument(l.instrument).value_or(Instrument::none)));
    s.lines.push_back(std::move(l));
  }));
  IVD_ASSIGN_OR_RETURN(auto docs, db.prepare(
      "SELECT d.cert, f.id, f.original_name, f.content_type, f.size FROM ivd_sheet_cert_docs d "
      "JOIN files f ON f.id = d.file_id WHERE d.sheet_id = ? ORDER BY d.cert"));
  docs.bind(1, h.id);
  IVD_TRY(docs.each([&](const Stmt& row) {
    s.instrument_docs.push_back({row.col_text(0), row.col_int(1), row.col_text(2), row.col_text(3), row.col_int(4)});
  }));
  return s;
}

}  // namespace ivd
