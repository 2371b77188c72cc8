// [SECTION] row JSON
// [SECTION] columns and cell checks
// [SECTION] import (all-or-nothing, idempotent by 流水号)
// [SECTION] queries
#include "core/ivd/catalog.hpp"

#include "core/base/i18n.hpp"

#include <array>
#include <unordered_map>

#include "core/base/csv.hpp"
#include "core/ivd/project.hpp"
#include "core/ivd/scope.hpp"
#include "core/base/text.hpp"
#include "core/base/text_encoding.hpp"

namespace ivd {

using nlohmann::json;

// ---- [SECTION] row JSON --------------------------------------------------------------------------
void to_json(json& j, const CatalogRow& r) {
  j = {{"serial", r.serial},       {"category", r.category},       {"subcategory", r.subcategory},
       {"product_name", r.product_name}, {"spec", r.spec}, {"certificate", r.certificate},
       {"manufacturer", r.manufacturer}};
}

void from_json(const json& j, CatalogRow& r) {
  j.at("serial").get_to(r.serial);
  j.at("category").get_to(r.category);
  j.at("subcategory").get_to(r.subcategory);
  j.at("product_name").get_to(r.product_name);
  j.at("spec").get_to(r.spec);
  j.at("certificate").get_to(r.certificate);
  j.at("manufacturer").get_to(r.manufacturer);
}

json catalog_row_to_json(const CatalogRow& r) { return r; }

namespace {

// ---- [SECTION] columns and cell checks -----------------------------------------------------------
constexpr size_t kColumns = 7;
// Column ids, the labels the CSV header uses (IVD catalog, SPEC §2.1) and whether a value is required.
struct ColumnDef {
  const char* id;
  const char* label;
  bool required;
  std::array<const char*, 3> aliases;
};
constexpr ColumnDef kColumnDefs[kColumns] = {
    {"serial", "流水号", true, {"serial", nullptr, nullptr}},
    {"category", "大项", true, {"category", nullptr, nullptr}},
    {"subcategory", "小项", false, {"subcategory", nullptr, nullptr}},
    {"product_name", "产品名称", true, {"product_name", nullptr, nullptr}},
    {"spec", "规格/包装", false, {"spec", "规格", "包装规格"}},
    {"certificate", "注册证", true, {"certificate", "注册证号", "注册证编号"}},
    {"manufacturer", "生产企业", true, {"manufacturer", nullptr, nullptr}},
};
constexpr ColumnDef kWholeRow{"", "", false, {nullptr, nullptr, nullptr}};  // a problem of the whole row
constexpr size_t kMaxSerialBytes = 64;
constexpr size_t kMaxChars = 200;
constexpr size_t kMaxReportedErrors = 1000;

std::string& field_of(CatalogRow& r, size_t i) {
  switch (i) {
    case 0: return r.serial;
    case 1: return r.category;
    case 2: return r.subcategory;
    case 3: return r.product_name;
    case 4: return r.spec;
    case 5: return r.certificate;
    default: return r.manufacturer;
  }
}

// Excel users leave spaces around values: the one trim (core/base/text.hpp).
std::string trim(std::string_view s) { return std::string(trim_space(s)); }

// Messages read "第 {0} 行“{1}”：..." — line and column come first, then the code's own arguments.
// column: the CSV header (as the file has it); each message names it in its own language
// (translation id "ivd.catalog.column.<id>").
json cell_issue(int line, const ColumnDef& column, const char* code, const std::vector<std::string>& extra = {}) {
  auto message = [&](Lang lang) {
    std::string name = *column.id ? std::string(tr(lang, std::string("ivd.catalog.column.") + column.id)) : "";
    std::vector<std::string> args{std::to_string(line), std::move(name)};
    args.insert(args.end(), extra.begin(), extra.end());
    return trf(lang, code, args);
  };
  return {{"line", line}, {"column", column.label}, {"code", code}, {"message_zh", message(Lang::zh)},
          {"message_en", message(Lang::en)}};
}

// Same shape as every import (core/institutions.hpp): 400 with details = the list of cell problems.
Error import_invalid(json errors, bool truncated) {
  Error e = make_error(ErrorKind::bad_request, "ivd.catalog.import_invalid", {},
                       {std::to_string(errors.size()) + (truncated ? "+" : "")});
  e.details = std::move(errors);
  return e;
}

Result<std::optional<CatalogRow>> load_row(Db& db, int64_t project_id, const std::string& serial) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT serial, category, subcategory, product_name, spec, cert, manufacturer FROM ivd_catalog "
      "WHERE project_id = ? AND serial = ?"));
  st.bind(1, project_id).bind(2, serial);
  IVD_ASSIGN_OR_RETURN(auto r, st.step());
  if (!r) return std::optional<CatalogRow>();
  return std::optional<CatalogRow>(CatalogRow{st.col_text(0), st.col_text(1), st.col_text(2), st.col_text(3),
                                              st.col_text(4), st.col_text(5), st.col_text(6)});
}

Result<bool> serial_has_lines(Db& db, int64_t project_id, const std::string& serial) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT 1 FROM ivd_sheets s WHERE s.project_id = ? AND EXISTS "
      "(SELECT 1 FROM ivd_sheet_lines l WHERE l.sheet_id = s.id AND l.serial = ?) LIMIT 1"));
  st.bind(1, project_id).bind(2, serial);
  return st.step();
}

Result<CatalogRow> read_row(const Stmt& st) {
  return CatalogRow{st.col_text(0), st.col_text(1), st.col_text(2), st.col_text(3),
                    st.col_text(4), st.col_text(5), st.col_text(6)};
}
}  // namespace

// ---- [SECTION] import (all-or-nothing, idempotent by 流水号) ----------------------------------------
Status upsert_catalog_rows(Db& db, int64_t project_id, const std::vector<CatalogRow>& rows) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "INSERT INTO ivd_catalog (project_id, serial, category, subcategory, product_name, spec, cert, manufacturer) "
      "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (project_id, serial) DO UPDATE SET category = excluded.category, "
      "subcategory = excluded.subcategory, product_name = excluded.product_name, spec = excluded.spec, "
      "cert = excluded.cert, manufacturer = excluded.manufacturer"));
  for (const auto& r : rows) {
    st.bind_all(project_id, r.serial, r.category, r.subcategory, r.product_name, r.spec, r.certificate,
                 r.manufacturer);
    IVD_TRY(st.run());
  }
  return ok_status();
}

Result<CatalogImportCounts> import_catalog_csv(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                               std::string_view bytes) {
  IVD_TRY(check_project_config(actor));
  IVD_ASSIGN_OR_RETURN(auto project, load_project(db, project_id));
  IVD_ASSIGN_OR_RETURN(auto text, decode_text_file(bytes));
  IVD_ASSIGN_OR_RETURN(auto rows, parse_csv(text.utf8));
  if (rows.empty()) return make_error(ErrorKind::bad_request, "file.empty");

  // Header: map each known column to its position.
  json errors = json::array();
  bool truncated = false;
  auto add = [&](json issue) {
    if (errors.size() < kMaxReportedErrors) errors.push_back(std::move(issue));
    else truncated = true;
  };
  const CsvRow& header = rows.front();
  std::array<int, kColumns> pos;
  pos.fill(-1);
  for (size_t c = 0; c < header.fields.size(); ++c) {
    const std::string name = trim(header.fields[c]);
    for (size_t k = 0; k < kColumns; ++k) {
      bool match = name == kColumnDefs[k].label;
      for (const char* a : kColumnDefs[k].aliases) match = match || (a && name == a);
      if (!match) continue;
      if (pos[k] >= 0) add(cell_issue(header.line, kColumnDefs[k], "ivd.catalog.duplicate_column"));
      pos[k] = static_cast<int>(c);
    }
  }
  for (size_t k = 0; k < kColumns; ++k)
    if (pos[k] < 0) add(cell_issue(header.line, kColumnDefs[k], "ivd.catalog.missing_column"));
  if (!errors.empty()) return import_invalid(std::move(errors), truncated);

  // Rows: every cell checked, every problem reported.
  std::vector<CatalogRow> parsed;
  std::vector<int> lines;
  std::unordered_map<std::string, int> first_line;
  for (size_t i = 1; i < rows.size(); ++i) {
    const CsvRow& row = rows[i];
    if (row.fields.size() != header.fields.size()) {
      add(cell_issue(row.line, kWholeRow, "ivd.catalog.field_count",
                     {std::to_string(row.fields.size()), std::to_string(header.fields.size())}));
      continue;
    }
    CatalogRow r;
    bool ok = true;
    for (size_t k = 0; k < kColumns; ++k) {
      std::string v = trim(row.fields[static_cast<size_t>(pos[k])]);
      const ColumnDef& label = kColumnDefs[k];
      if (v.empty()) {
        if (kColumnDefs[k].required) {
          add(cell_issue(row.line, label, "ivd.catalog.required"));
          ok = false;
        }
      } else if (!is_valid_utf8(v) || utf8_length(v) > kMaxChars) {
        add(cell_issue(row.line, label, "ivd.catalog.too_long", {std::to_string(kMaxChars)}));
        ok = false;
      }
      field_of(r, k) = std::move(v);
    }
    if (!r.serial.empty() &&
        (r.serial.size() > kMaxSerialBytes || r.serial.find_first_of(" \t\r\n") != std::string::npos)) {
      add(cell_issue(row.line, kColumnDefs[0], "ivd.catalog.serial_invalid"));
      ok = false;
    }
    if (!r.serial.empty()) {
      auto [it, fresh] = first_line.emplace(r.serial, row.line);
      if (!fresh) {
        add(cell_issue(row.line, kColumnDefs[0], "ivd.catalog.duplicate_serial", {r.serial, std::to_string(it->second)}));
        ok = false;
      }
    }
    if (ok) {
      parsed.push_back(std::move(r));
      lines.push_back(row.line);
    }
  }
  if (parsed.empty() && errors.empty()) return make_error(ErrorKind::bad_request, "ivd.catalog.no_rows");

  const int64_t now = svc.clock.now();
  return transaction(db, [&]() -> Result<CatalogImportCounts> {
    CatalogImportCounts counts;
    std::vector<CatalogRow> changed;
    for (size_t i = 0; i < parsed.size(); ++i) {
      IVD_ASSIGN_OR_RETURN(auto existing, load_row(db, project_id, parsed[i].serial));
      if (!existing) {
        ++counts.inserted;
        changed.push_back(parsed[i]);
        continue;
      }
      if (*existing == parsed[i]) {
        ++counts.unchanged;
        continue;
      }
      if (existing->certificate != parsed[i].certificate) {
        IVD_ASSIGN_OR_RETURN(auto used, serial_has_lines(db, project_id, parsed[i].serial));
        if (used) {
          add(cell_issue(lines[i], kColumnDefs[5], "ivd.catalog.cert_locked",
                         {parsed[i].serial, existing->certificate}));
          continue;
        }
      }
      ++counts.updated;
      changed.push_back(parsed[i]);
    }
    if (!errors.empty()) return import_invalid(std::move(errors), truncated);  // all or nothing
    IVD_TRY(upsert_catalog_rows(db, project_id, changed));
    json summary = {{"inserted", counts.inserted}, {"updated", counts.updated}, {"unchanged", counts.unchanged}};
    IVD_TRY(record_event(db, ivd_entity::project, std::to_string(project_id), "catalog_import", actor.user_id, now,
                         "", "", summary.dump()));
    return counts;
  });
}

// ---- [SECTION] queries ---------------------------------------------------------------------------
CatalogFilter catalog_filter_from_query(const std::map<std::string, std::string>& q) {
  CatalogFilter f;
  f.serial = query_text(q, "serial");
  f.category = query_text(q, "category");
  f.subcategory = query_text(q, "subcategory");
  f.product_name = query_text(q, "product_name");
  f.spec = query_text(q, "spec");
  f.certificate = query_text(q, "certificate");
  f.manufacturer = query_text(q, "manufacturer");
  f.any = query_text(q, "q");
  return f;
}

Result<CatalogPage> query_catalog(Db& db, int64_t project_id, const CatalogFilter& f, const Page& page) {
  const std::pair<const std::string*, const char*> cols[] = {
      {&f.serial, "serial"}, {&f.category, "category"}, {&f.subcategory, "subcategory"},
      {&f.product_name, "product_name"}, {&f.spec, "spec"}, {&f.certificate, "cert"},
      {&f.manufacturer, "manufacturer"}};
  std::string where = " WHERE project_id = ?";
  std::vector<std::string> args;
  for (const auto& [value, col] : cols) {
    if (value->empty()) continue;
    where += std::string(" AND ") + col + " LIKE ? ESCAPE '\\'";
    args.push_back(like_pattern(*value));
  }
  if (!f.any.empty()) {
    where += " AND (";
    for (size_t i = 0; i < std::size(cols); ++i) {
      where += std::string(i ? " OR " : "") + cols[i].second + " LIKE ? ESCAPE '\\'";
      args.push_back(like_pattern(f.any));
    }
    where += ")";
  }
  if (f.with_line_in_sheet > 0)
    where += " AND serial IN (SELECT serial FROM ivd_sheet_lines WHERE sheet_id = " + std::to_string(f.with_line_in_sheet) + ")";
  auto bind = [&](Stmt& st) {
    st.bind(1, project_id);
    for (size_t i = 0; i < args.size(); ++i) st.bind(static_cast<int>(i + 2), args[i]);
  };
  CatalogPage out;
  IVD_ASSIGN_OR_RETURN(auto count, db.prepare("SELECT count(*) FROM ivd_catalog" + where));
  bind(count);
  if (auto r = count.step(); !r) return r.error();
  out.total = count.col_int(0);
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT serial, category, subcategory, product_name, spec, cert, manufacturer FROM ivd_catalog" + where +
      " ORDER BY length(serial), serial LIMIT " + std::to_string(page.page_size) + " OFFSET " +
      std::to_string(page.offset())));
  bind(st);
  IVD_TRY(st.each([&](const Stmt& row) {
    out.items.push_back(*read_row(row));
  }));
  return out;
}

Result<std::vector<CatalogRow>> all_catalog_rows(Db& db, int64_t project_id) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT serial, category, subcategory, product_name, spec, cert, manufacturer FROM ivd_catalog "
      "WHERE project_id = ? ORDER BY length(serial), serial"));
  st.bind(1, project_id);
  std::vector<CatalogRow> out;
  IVD_TRY(st.each([&](const Stmt& row) {
    out.push_back(*read_row(row));
  }));
  return out;
}

Result<std::optional<std::string>> catalog_cert_of(Db& db, int64_t project_id, std::string_view serial) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT cert FROM ivd_catalog WHERE project_id = ? AND serial = ?"));
  st.bind(1, project_id).bind(2, serial);
  IVD_ASSIGN_OR_RETURN(auto r, st.step());
  if (!r) return std::optional<std::string>();
  return std::optional<std::string>(st.col_text(0));
}

Result<int64_t> catalog_size(Db& db, int64_t project_id) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT count(*) FROM ivd_catalog WHERE project_id = ?"));
  st.bind(1, project_id);
  IVD_TRY(st.step());
  return st.col_int(0);
}

// ---- [SECTION] 目录下载 CSV -----------------------------------------------------------------------
std::string catalog_csv(const std::vector<CatalogRow>& rows) {
  std::string out = "\xEF\xBB\xBF";
  out += csv_record({"流水号", "大项", "小项", "产品名称", "规格/包装", "注册证", "生产企业"});
  for (const auto& r : rows)
    out += csv_record({r.serial, r.category, r.subcategory, r.product_name, r.spec, r.certificate, r.manufacturer});
  return out;
}

}  // namespace ivd
