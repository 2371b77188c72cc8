#include "core/ivd/fill_export.hpp"

#include <vector>

#include "core/base/csv.hpp"

namespace ivd {
namespace {

using nlohmann::json;

// A text cell of the answer; numbers as their JSON text; anything else empty.
std::string cell(const json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return {};
}

const json& array_of(const json& j, const char* key) {
  static const json empty = json::array();
  if (!j.is_object()) return empty;
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : empty;
}

std::string safe_file_part(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    const bool bad = c < 0x20 || c == 0x7f || c == '\\' || c == '/' || c == ':' || c == '*' || c == '?' ||
                     c == '"' || c == '<' || c == '>' || c == '|';
    out += bad ? '_' : static_cast<char>(c);
  }
  return out;
}

}  // namespace

std::string fill_export_csv(const json& answer, Lang lang) {
  auto t = [&](std::string_view id) { return std::string(tr(lang, id)); };
  std::string out = "\xEF\xBB\xBF";  // BOM: Excel reads the file as UTF-8
  out += csv_record({t("web.fill.csv.hospital"), cell(answer, "hospital_code"), cell(answer, "hospital_name")});
  out += csv_record({t("web.fill.csv.project"), cell(answer, "project_name")});
  out += csv_record({t("web.fill.csv.certificate"), t("web.fill.csv.manufacturer"), t("web.fill.csv.category"),
                     t("web.fill.csv.subcategory"), t("web.fill.csv.serial"), t("web.fill.csv.product_name"),
                     t("web.fill.csv.spec"), t("web.fill.csv.last_year"), t("web.fill.csv.demand"),
                     t("web.fill.csv.instrument"), t("web.fill.csv.change_note")});
  for (const json& g : array_of(answer, "certificates")) {
    const std::string cert = cell(g, "certificate"), maker = cell(g, "manufacturer"), cat = cell(g, "category"),
                      sub = cell(g, "subcategory");
    for (const json& l : array_of(g, "lines"))
      out += csv_record({cert, maker, cat, sub, cell(l, "serial"), cell(l, "product_name"), cell(l, "spec"),
                         cell(l, "last_year"), cell(l, "demand"), cell(l, "instrument"), cell(l, "change_note")});
    out += csv_record({cert, t("web.fill.csv.subtotal"), "", "", "", "", "", cell(g, "last_year_total"),
                       cell(g, "demand_total"), "", ""});
  }
  out += csv_record({t("web.fill.csv.total"), "", "", "", "", "", "", cell(answer, "last_year_total"),
                     cell(answer, "demand_total"), "", ""});
  return out;
}

std::string fill_export_file_name(const json& answer, Lang lang) {
  return safe_file_part(cell(answer, "hospital_name")) + "_" + safe_file_part(cell(answer, "project_name")) + "_" +
         std::string(tr(lang, "web.fill.csv.file_suffix")) + ".csv";
}

}  // namespace ivd
