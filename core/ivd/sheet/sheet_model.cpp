#include "core/ivd/sheet/sheet_model.hpp"

#include <cmath>
#include <unordered_set>

#include "core/ivd/sheet/quantity.hpp"

namespace ivd {

using nlohmann::json;

std::string_view instrument_text(Instrument i) {
  switch (i) {
    case Instrument::yes: return "是";
    case Instrument::no: return "否";
    case Instrument::none: break;
  }
  return "";
}

std::optional<Instrument> parse_instrument(std::string_view text) {
  const std::string_view t = trim_space(text);
  if (t.empty()) return Instrument::none;
  if (t == "是" || t == "yes") return Instrument::yes;
  if (t == "否" || t == "no") return Instrument::no;
  return std::nullopt;
}

namespace {

Error bad(std::string code, const std::string& path, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{path};
  for (auto& a : extra) args.push_back(std::move(a));
  return make_error(ErrorKind::bad_request, std::move(code), path, std::move(args));
}

// An optional text field: absent or null -> "", string -> itself, anything else -> error.
Status read_text(const json& obj, const char* key, const std::string& path, std::string& out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return ok_status();
  if (!it->is_string()) return bad("sheet.json.not_text", path);
  out = it->get_ref<const std::string&>();
  return ok_status();
}

// A quantity cell: absent/null -> "", string -> as typed, number -> its JSON text.
Status read_quantity(const json& obj, const char* key, const std::string& path, std::string& out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return ok_status();
  if (it->is_string()) {
    out = it->get_ref<const std::string&>();
    return ok_status();
  }
  if (it->is_number()) {
    out = it->dump();
    return ok_status();
  }
  return bad("sheet.json.not_quantity", path);
}

Result<Sheet> parse(const json& j) {
  if (!j.is_object()) return bad("sheet.json.not_object", "sheet");
  Sheet s;
  if (auto it = j.find("threshold_percent"); it != j.end() && !it->is_null()) {
    if (!it->is_number()) return bad("sheet.json.bad_threshold", "threshold_percent");
    const double t = it->get<double>();
    if (!std::isfinite(t) || t < 0 || t > kMaxThresholdPercent) return bad("sheet.json.bad_threshold", "threshold_percent");
    s.threshold_percent = t;
  }
  auto lines = j.find("lines");
  if (lines == j.end()) return bad("request.missing_field", "lines");
  if (!lines->is_array()) return bad("sheet.json.not_array", "lines");
  s.lines.reserve(lines->size());
  std::unordered_set<std::string> serials;
  serials.reserve(lines->size());
  for (size_t i = 0; i < lines->size(); ++i) {
    const json& lj = (*lines)[i];
    const std::string p = "lines[" + std::to_string(i) + "]";
    if (!lj.is_object()) return bad("sheet.json.not_object", p);
    SheetLine line;
    auto serial = lj.find("serial");
    if (serial == lj.end() || serial->is_null()) return bad("request.missing_field", p + ".serial");
    if (serial->is_string()) line.serial = serial->get_ref<const std::string&>();
    else if (serial->is_number_integer()) line.serial = serial->dump();  // numeric 流水号 in some catalogs
    else return bad("sheet.json.not_text", p + ".serial");
    if (is_blank(line.serial)) return bad("request.missing_field", p + ".serial");
    if (!serials.insert(line.serial).second) return bad("sheet.json.duplicate_serial", p + ".serial", {line.serial});
    IVD_TRY(read_text(lj, "certificate", p + ".certificate", line.certificate));
    IVD_TRY(read_quantity(lj, "last_year", p + ".last_year", line.last_year_text));
    IVD_TRY(read_quantity(lj, "demand", p + ".demand", line.demand_text));
    std::string instrument;
    IVD_TRY(read_text(lj, "instrument", p + ".instrument", instrument));
    auto inst = parse_instrument(instrument);
    if (!inst) return bad("sheet.json.bad_instrument", p + ".instrument", {instrument});
    line.instrument = *inst;
    IVD_TRY(read_text(lj, "change_note", p + ".change_note", line.change_note));
    s.lines.push_back(std::move(line));
  }
  if (auto docs = j.find("instrument_docs"); docs != j.end() && !docs->is_null()) {
    if (!docs->is_object()) return bad("sheet.json.not_object", "instrument_docs");
    for (auto it = docs->begin(); it != docs->end(); ++it) {
      if (it->is_null()) continue;
      if (!it->is_string()) return bad("sheet.json.not_text", "instrument_docs." + it.key());
      s.instrument_docs.emplace(it.key(), it->get<std::string>());
    }
  }
  IVD_TRY(read_text(j, "contact_name", "contact_name", s.submission.contact_name));
  IVD_TRY(read_text(j, "contact_phone", "contact_phone", s.submission.contact_phone));
  IVD_TRY(read_text(j, "commitment_letter", "commitment_letter", s.submission.commitment_letter));
  IVD_TRY(read_text(j, "demand_attachment", "demand_attachment", s.submission.demand_attachment));
  return s;
}

}  // namespace

Result<Sheet> sheet_from_json(const json& j) {
  try {
    return parse(j);
  } catch (const std::exception&) {  // not expected: every access above is type-checked
    return make_error(ErrorKind::bad_request, "request.malformed_json");
  }
}

Result<Sheet> sheet_from_json_text(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return make_error(ErrorKind::bad_request, "request.malformed_json");
  return sheet_from_json(j);
}

json sheet_to_json(const Sheet& s) {
  json lines = json::array();
  for (const auto& l : s.lines) {
    lines.push_back({{"serial", l.serial},
                     {"certificate", l.certificate},
                     {"last_year", l.last_year_text},
                     {"demand", l.demand_text},
                     {"instrument", instrument_text(l.instrument)},
                     {"change_note", l.change_note}});
  }
  json docs = json::object();
  for (const auto& [cert, ref] : s.instrument_docs) docs[cert] = ref;
  return {{"threshold_percent", s.threshold_percent},
          {"lines", std::move(lines)},
          {"instrument_docs", std::move(docs)},
          {"contact_name", s.submission.contact_name},
          {"contact_phone", s.submission.contact_phone},
          {"commitment_letter", s.submission.commitment_letter},
          {"demand_attachment", s.submission.demand_attachment}};
}

}  // namespace ivd
