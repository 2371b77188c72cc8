// [SECTION] names: 备供, 产品名称, enterprise keys
// [SECTION] import (all-or-nothing, idempotent by 流水号)
// [SECTION] queries
#include "core/supply/products.hpp"

#include <array>
#include <unordered_map>
#include <vector>

#include "core/base/csv.hpp"
#include "core/base/i18n.hpp"
#include "core/base/text.hpp"
#include "core/base/text_encoding.hpp"
#include "core/store/event_log.hpp"
#include "core/store/transaction.hpp"
#include "core/supply/supply_scope.hpp"

namespace ivd {

using nlohmann::json;

// ---- [SECTION] names ----------------------------------------------------------------------------------
bool is_backup_batch(std::string_view batch) {
  const std::string b = fold_trim(batch);
  constexpr std::string_view kSuffix = "备供";
  return b.size() >= kSuffix.size() && b.compare(b.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

std::string product_display_name(std::string_view generic_name, std::string_view dosage_form, std::string_view spec) {
  std::string out(generic_name);
  for (std::string_view part : {dosage_form, spec}) {
    if (part.empty()) continue;
    out += ' ';
    out += part;
  }
  return out;
}

std::string enterprise_match_key(std::string_view name) {
  std::string folded = fold_trim(name), out;
  for (size_t i = 0; i < folded.size();) {
    if (size_t n = space_length_at(folded, i)) {
      i += n;
      continue;
    }
    out += folded[i++];
  }
  return out;
}

namespace {

// ---- [SECTION] import ------------------------------------------------------------------------------------
constexpr size_t kColumns = 7;
struct ColumnDef {
  const char* id;
  const char* label;  // the header as the contract names it
  size_t max_chars;
};
constexpr ColumnDef kColumnDefs[kColumns] = {
    {"serial", "流水号", 64},           {"generic_name", "通用名", 100}, {"dosage_form", "剂型", 50},
    {"spec", "规格", 100},              {"manufacturer", "生产企业", 100}, {"applicant", "申报企业", 100},
    {"batch", "批次", 100},
};
constexpr size_t kSerial = 0, kGeneric = 1, kForm = 2, kSpec = 3, kManufacturer = 4, kApplicant = 5, kBatch = 6;
constexpr bool kRequired[kColumns] = {true, true, false, false, true, true, true};
constexpr size_t kMaxReportedIssues = 1000;

// "第 {0} 行“{1}”：..." with the column named in each message's own language.
json cell_issue(int line, const ColumnDef* column, const char* code, const std::vector<std::string>& extra = {}) {
  auto message = [&](Lang lang) {
    std::string name = column ? std::string(tr(lang, std::string("supply.import.column.") + column->id)) : "";
    std::vector<std::string> args{std::to_string(line), std::move(name)};
    args.insert(args.end(), extra.begin(), extra.end());
    return trf(lang, code, args);
  };
  return {{"line", line}, {"column", column ? column->label : ""}, {"code", code},
          {"message_zh", message(Lang::zh)}, {"message_en", message(Lang::en)}};
}

struct EnterpriseIndex {
  std::unordered_map<std::string, int64_t> by_code;
  std::unordered_map<std::string, std::vector<std::pair<int64_t, std::string>>> by_key;  // id, name
  std::unordered_map<int64_t, std::string> name_of;
};

Result<EnterpriseIndex> load_enterprises(Db& db) {
  EnterpriseIndex ix;
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT id, code, name FROM institutions WHERE kind IN ('manufacturer', 'agent')"));
  IVD_TRY(st.each([&](const Stmt& row) {
    const int64_t id = row.col_int(0);
    std::string name = row.col_text(2);
    ix.by_code.emplace(row.col_text(1), id);
    ix.by_key[enterprise_match_key(name)].emplace_back(id, name);
    ix.name_of.emplace(id, std::move(name));
  }));
  return ix;
}

struct ParsedProduct {
  std::array<std::string, kColumns> cells;
  int64_t manufacturer_id = 0, applicant_id = 0;
  int line = 0;
};

Result<std::optional<ParsedProduct>> stored_product(Stmt& st, const std::string& serial) {
  st.bind(1, serial);
  IVD_ASSIGN_OR_RETURN(const bool found, st.step());
  std::optional<ParsedProduct> out;
  if (found) {
    ParsedProduct p;
    p.cells[kSerial] = serial;
    p.cells[kGeneric] = st.col_text(0);
    p.cells[kForm] = st.col_text(1);
    p.cells[kSpec] = st.col_text(2);
    p.manufacturer_id = st.col_int(3);
    p.applicant_id = st.col_int(4);
    p.cells[kBatch] = st.col_text(5);
    out = std::move(p);
  }
  st.reset();
  return out;
}

Error import_invalid(json issues, bool truncated) {
  Error e = make_error(ErrorKind::unprocessable, "supply.import.invalid", {},
                       {std::to_string(issues.size()) + (truncated ? "+" : "")});
  e.details = {{"issues", std::move(issues)}};
  return e;
}

}  // namespace

Result<ProductImportCounts> import_products_csv(Db& db, std::string_view bytes, int64_t now, int64_t actor_id) {
  IVD_ASSIGN_OR_RETURN(auto text, decode_text_file(bytes));
  IVD_ASSIGN_OR_RETURN(auto rows, parse_csv(text.utf8));
  if (rows.size() < 2) return make_error(ErrorKind::bad_request, "supply.import.no_rows");

  json issues = json::array();
  bool truncated = false;
  auto add = [&](json issue) {
    if (issues.size() < kMaxReportedIssues) issues.push_back(std::move(issue));
    else truncated = true;
  };

  // Header: each known column (Chinese label or English id) to its position.
  const CsvRow& header = rows.front();
  std::array<int, kColumns> pos;
  pos.fill(-1);
  for (size_t c = 0; c < header.fields.size(); ++c) {
    const std::string name = fold_trim(header.fields[c]);
    for (size_t k = 0; k < kColumns; ++k) {
      if (name != kColumnDefs[k].label && name != kColumnDefs[k].id) continue;
      if (pos[k] >= 0) add(cell_issue(header.line, &kColumnDefs[k], "supply.import.duplicate_column"));
      pos[k] = static_cast<int>(c);
    }
  }
  for (size_t k = 0; k < kColumns; ++k)
    if (pos[k] < 0) add(cell_issue(header.line, &kColumnDefs[k], "supply.import.missing_column"));
  if (!issues.empty()) return import_invalid(std::move(issues), truncated);

  IVD_ASSIGN_OR_RETURN(const EnterpriseIndex enterprises, load_enterprises(db));
  auto match_enterprise = [&](const std::string& cell, int line, size_t k) -> int64_t {
    if (auto it = enterprises.by_code.find(cell); it != enterprises.by_code.end()) return it->second;
    auto it = enterprises.by_key.find(enterprise_match_key(cell));
    if (it == enterprises.by_key.end()) {
      add(cell_issue(line, &kColumnDefs[k], "supply.import.unknown_enterprise", {cell}));
      return 0;
    }
    if (it->second.size() > 1) {
      add(cell_issue(line, &kColumnDefs[k], "supply.import.ambiguous_enterprise", {cell}));
      return 0;
    }
    return it->second.front().first;
  };

  std::vector<ParsedProduct> parsed;
  std::unordered_map<std::string, int> first_line;
  for (size_t i = 1; i < rows.size(); ++i) {
    const CsvRow& row = rows[i];
    if (row.fields.size() != header.fields.size()) {
      add(cell_issue(row.line, nullptr, "supply.import.field_count",
                     {std::to_string(row.fields.size()), std::to_string(header.fields.size())}));
      continue;
    }
    ParsedProduct p;
    p.line = row.line;
    bool ok = true;
    for (size_t k = 0; k < kColumns; ++k) {
      std::string v(trim_space(row.fields[static_cast<size_t>(pos[k])]));
      if (v.empty() && kRequired[k]) {
        add(cell_issue(row.line, &kColumnDefs[k], "supply.import.required"));
        ok = false;
      } else if (utf8_length(v) > kColumnDefs[k].max_chars) {
        add(cell_issue(row.line, &kColumnDefs[k], "supply.import.too_long", {std::to_string(kColumnDefs[k].max_chars)}));
        ok = false;
      }
      p.cells[k] = std::move(v);
    }
    const std::string& serial = p.cells[kSerial];
    if (!serial.empty() && serial.find_first_of(" \t\r\n") != std::string::npos) {
      add(cell_issue(row.line, &kColumnDefs[kSerial], "supply.import.serial_invalid"));
      ok = false;
    }
    if (!serial.empty()) {
      auto [it, fresh] = first_line.emplace(serial, row.line);
      if (!fresh) {
        add(cell_issue(row.line, &kColumnDefs[kSerial], "supply.import.duplicate_serial",
                       {serial, std::to_string(it->second)}));
        ok = false;
      }
    }
    if (!p.cells[kManufacturer].empty()) p.manufacturer_id = match_enterprise(p.cells[kManufacturer], row.line, kManufacturer);
    if (!p.cells[kApplicant].empty()) p.applicant_id = match_enterprise(p.cells[kApplicant], row.line, kApplicant);
    if (ok && p.manufacturer_id > 0 && p.applicant_id > 0) parsed.push_back(std::move(p));
  }
  if (!issues.empty()) return import_invalid(std::move(issues), truncated);  // all or nothing

  return transaction(db, [&]() -> Result<ProductImportCounts> {
    ProductImportCounts counts;
    IVD_ASSIGN_OR_RETURN(auto find, db.prepare(
        "SELECT generic_name, dosage_form, spec, manufacturer_id, applicant_id, batch FROM supply_products WHERE serial = ?"));
    IVD_ASSIGN_OR_RETURN(auto upsert, db.prepare(
        "INSERT INTO supply_products (serial, generic_name, dosage_form, spec, manufacturer_id, applicant_id, batch, "
        "backup, updated_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (serial) DO UPDATE SET "
        "generic_name = excluded.generic_name, dosage_form = excluded.dosage_form, spec = excluded.spec, "
        "manufacturer_id = excluded.manufacturer_id, applicant_id = excluded.applicant_id, batch = excluded.batch, "
        "backup = excluded.backup, updated_at = excluded.updated_at"));
    for (const auto& p : parsed) {
      IVD_ASSIGN_OR_RETURN(auto existing, stored_product(find, p.cells[kSerial]));
      if (existing) {
        const bool same = existing->manufacturer_id == p.manufacturer_id && existing->applicant_id == p.applicant_id;
        if (same && existing->cells[kGeneric] == p.cells[kGeneric] && existing->cells[kForm] == p.cells[kForm] &&
            existing->cells[kSpec] == p.cells[kSpec] && existing->cells[kBatch] == p.cells[kBatch]) {
          ++counts.unchanged;
          continue;
        }
        ++counts.updated;
      } else {
        ++counts.inserted;
      }
      upsert.bind_all(p.cells[kSerial], p.cells[kGeneric], p.cells[kForm], p.cells[kSpec], p.manufacturer_id,
                      p.applicant_id, p.cells[kBatch], int64_t{is_backup_batch(p.cells[kBatch]) ? 1 : 0}, now);
      IVD_TRY(upsert.run());
    }
    IVD_TRY(record_event(db, "supply_products", "", "import", actor_id, now, "", "", json(counts).dump()));
    return counts;
  });
}

Result<ProductImportCounts> import_products(Db& db, Services& svc, const Actor& actor, std::string_view bytes) {
  if (supply_side(actor, menu::supply_feedback) != SupplySide::super_admin) return supply_role_forbidden();
  return import_products_csv(db, bytes, svc.clock.now(), actor.user_id);
}

// ---- [SECTION] queries -----------------------------------------------------------------------------------
namespace {
constexpr const char* kProductSelect =
    "SELECT p.serial, p.generic_name, p.dosage_form, p.spec, p.manufacturer_id, m.name, p.applicant_id, a.name, "
    "p.batch, p.backup FROM supply_products p JOIN institutions m ON m.id = p.manufacturer_id "
    "JOIN institutions a ON a.id = p.applicant_id";

Product read_product(const Stmt& row) {
  Product p;
  p.serial = row.col_text(0);
  p.generic_name = row.col_text(1);
  p.dosage_form = row.col_text(2);
  p.spec = row.col_text(3);
  p.product_name = product_display_name(p.generic_name, p.dosage_form, p.spec);
  p.manufacturer_id = row.col_int(4);
  p.manufacturer = row.col_text(5);
  p.applicant_id = row.col_int(6);
  p.applicant = row.col_text(7);
  p.batch = row.col_text(8);
  p.backup = row.col_int(9) != 0;
  return p;
}
}  // namespace

ProductFilter product_filter_from_query(const std::map<std::string, std::string>& q) {
  ProductFilter f;
  f.serial = fold_trim(query_text(q, "serial"));
  f.name = fold_trim(query_text(q, "name"));
  f.manufacturer = fold_trim(query_text(q, "manufacturer"));
  f.batch = fold_trim(query_text(q, "batch"));
  f.selectable_only = query_flag(q, "selectable");
  return f;
}

Result<ProductPage> query_products(Db& db, const ProductFilter& f, const Page& page) {
  std::string where = " WHERE 1 = 1";
  std::vector<std::string> args;
  auto like = [&](const std::string& value, const char* condition) {
    if (value.empty()) return;
    where += condition;
    args.push_back(like_pattern(value));
  };
  like(f.serial, " AND p.serial LIKE ? ESCAPE '\\'");
  if (!f.name.empty()) {
    // 通用名 or the shown 产品名称 (通用名 剂型 规格).
    where += " AND (p.generic_name || ' ' || p.dosage_form || ' ' || p.spec) LIKE ? ESCAPE '\\'";
    args.push_back(like_pattern(f.name));
  }
  like(f.manufacturer, " AND m.name LIKE ? ESCAPE '\\'");
  like(f.batch, " AND p.batch LIKE ? ESCAPE '\\'");
  if (f.selectable_only) where += " AND p.backup = 0";
  auto bind = [&](Stmt& st) {
    for (size_t i = 0; i < args.size(); ++i) st.bind(static_cast<int>(i + 1), args[i]);
  };
  ProductPage out;
  out.page = page.page;
  out.page_size = page.page_size;
  IVD_ASSIGN_OR_RETURN(auto count, db.prepare(
      "SELECT count(*) FROM supply_products p JOIN institutions m ON m.id = p.manufacturer_id" + where));
  bind(count);
  IVD_TRY(count.step());
  out.total = count.col_int(0);
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(std::string(kProductSelect) + where + " ORDER BY p.serial LIMIT " +
                                           std::to_string(page.page_size) + " OFFSET " + std::to_string(page.offset())));
  bind(st);
  IVD_TRY(st.each([&](const Stmt& row) { out.items.push_back(read_product(row)); }));
  return out;
}

Result<std::optional<Product>> find_product(Db& db, std::string_view serial) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(std::string(kProductSelect) + " WHERE p.serial = ?"));
  st.bind(1, serial);
  IVD_ASSIGN_OR_RETURN(const bool found, st.step());
  if (!found) return std::optional<Product>();
  return std::optional<Product>(read_product(st));
}

Result<Product> selectable_product(Db& db, std::string_view serial) {
  IVD_ASSIGN_OR_RETURN(auto p, find_product(db, serial));
  if (!p) return make_error(ErrorKind::bad_request, "supply.product.unknown", "serial", {std::string(serial)});
  if (p->backup) return make_error(ErrorKind::unprocessable, "supply.product.backup", "serial", {p->serial, p->batch});
  return std::move(*p);
}

}  // namespace ivd
