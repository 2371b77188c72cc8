// Institutions (SPEC §1, IVD manual FAQ 1): the all-or-nothing CSV import, lookups and the picker.
//
// [SECTION] columns
// [SECTION] import
// [SECTION] lookups
#include "core/org/institutions.hpp"

#include <array>
#include <map>
#include <unordered_map>

#include "core/base/csv.hpp"
#include "core/base/i18n.hpp"
#include "core/base/text.hpp"
#include "core/org/regions.hpp"
#include "core/store/event_log.hpp"
#include "core/store/transaction.hpp"

namespace ivd {
namespace {

// [SECTION] columns

enum Column { kCode, kName, kKind, kRegion, kLevel, kColumnCount };

// Header names accepted for each column: the Chinese ones of the operators' template first (used in
// messages when the file has no header for the column), then English ids.
const std::array<std::vector<std::string_view>, kColumnCount> kHeaderNames = {{
    {"机构编码", "编码", "code"},
    {"机构名称", "名称", "name"},
    {"机构类型", "类型", "kind", "type"},
    {"所属区划", "所属区划编码", "区划编码", "region_code", "region"},
    {"医院等级", "等级", "level"},
}};

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Cells typed in Excel often carry stray spaces, including the full-width space (U+3000) of Chinese
// input methods and the no-break space (U+00A0) of copied web pages: the one trim (core/base/text.hpp).
std::string trim_cell(std::string_view s) { return std::string(trim_space(s)); }

std::optional<Column> column_of(std::string_view header) {
  std::string h = ascii_lower(trim_cell(header));
  for (int c = 0; c < kColumnCount; ++c)
    for (auto name : kHeaderNames[c])
      if (h == name) return static_cast<Column>(c);
  return std::nullopt;
}

bool valid_code(std::string_view code) {
  for (char c : code)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

std::string kind_label_zh(std::string_view kind) { return std::string(tr(Lang::zh, "institution.kind." + std::string(kind))); }

Institution read_institution(const Stmt& st) {
  return Institution{st.col_int(0), st.col_text(1), st.col_text(2), st.col_text(3), st.col_text(4), st.col_text(5)};
}

constexpr const char* kSelect = "SELECT id, code, name, kind, coalesce(region_code, ''), level FROM institutions ";

nlohmann::json snapshot(const Institution& i) {
  return {{"name", i.name}, {"kind", i.kind}, {"region_code", i.region_code}, {"level", i.level}};
}

// [SECTION] import

struct RegionInfo {
  std::string name;
  std::string level;
};

Result<std::unordered_map<std::string, RegionInfo>> load_region_map(Db& db) {
  IVD_ASSIGN_OR_RETURN(const auto all, all_regions(db));
  std::unordered_map<std::string, RegionInfo> out;
  for (const auto& r : all) out.emplace(r.code, RegionInfo{r.name, r.level});
  return out;
}

Result<std::unordered_map<std::string, Institution>> load_existing(Db& db) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(std::string(kSelect)));
  std::unordered_map<std::string, Institution> out;
  IVD_TRY(st.each([&](const Stmt& row) {
    auto inst = read_institution(row);
    std::string code = inst.code;
    out.emplace(std::move(code), std::move(inst));
  }));
  return out;
}

Error invalid_rows(nlohmann::json issues) {
  std::map<int, bool> lines;
  for (const auto& i : issues) lines[i["line"].get<int>()] = true;
  Error e = make_error(ErrorKind::bad_request, "import.invalid_rows", {},
                       {std::to_string(lines.size()), std::to_string(issues.size())});
  e.details = std::move(issues);
  return e;
}

}  // namespace

nlohmann::json to_json(const ImportCounts& c) {
  return {{"rows", c.rows},
          {"inserted", c.inserted},
          {"updated", c.updated},
          {"unchanged", c.unchanged},
          {"encoding", encoding_name(c.encoding)}};
}

std::optional<std::string> parse_institution_kind(std::string_view label) {
  std::string l = ascii_lower(trim_cell(label));
  if (l == "医疗机构" || l == institution_kind::hospital) return std::string(institution_kind::hospital);
  if (l == "生产企业" || l == institution_kind::manufacturer) return std::string(institution_kind::manufacturer);
  if (l == "代理企业" || l == institution_kind::agent) return std::string(institution_kind::agent);
  return std::nullopt;
}

Result<ImportCounts> import_institutions(Db& db, std::string_view csv_bytes, int64_t now) {
  IVD_ASSIGN_OR_RETURN(const DecodedText decoded, decode_text_file(csv_bytes));
  auto parsed = parse_csv(decoded.utf8);
  if (!parsed) {
    // A broken quote makes the rest of the file unreadable: report it like any bad row.
    const Error& e = parsed.error();
    const int line = e.details.value("line", 0);
    return invalid_rows(nlohmann::json::array({row_issue(line, "", e.code, {std::to_string(line)})}));
  }
  const auto& rows = *parsed;
  if (rows.empty()) return make_error(ErrorKind::bad_request, "file.empty");

  // ---- header: which column is where
  nlohmann::json issues = nlohmann::json::array();
  const CsvRow& header = rows.front();
  std::array<int, kColumnCount> index;
  index.fill(-1);
  std::array<std::string, kColumnCount> label;  // as written in the file, for messages
  for (int c = 0; c < kColumnCount; ++c) label[c] = std::string(kHeaderNames[c].front());
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string text = trim_cell(header.fields[i]);
    auto col = column_of(text);
    if (!col) {
      issues.push_back(row_issue(header.line, text, "import.unknown_column", {text}));
    } else if (index[*col] >= 0) {
      issues.push_back(row_issue(header.line, text, "import.duplicate_column", {text}));
    } else {
      index[*col] = static_cast<int>(i);
      label[*col] = text;
    }
  }
  for (int c : {kCode, kName, kKind})
    if (index[c] < 0) issues.push_back(row_issue(header.line, label[c], "import.missing_column", {label[c]}));
  if (!issues.empty()) return invalid_rows(std::move(issues));
  if (rows.size() == 1) return make_error(ErrorKind::bad_request, "import.no_rows");

  BulkWriteCache cache(db);
  return transaction(db, [&]() -> Result<ImportCounts> {
    // Read inside the write transaction, so what is checked is what gets written.
    IVD_ASSIGN_OR_RETURN(const auto regions, load_region_map(db));
    IVD_ASSIGN_OR_RETURN(const auto existing, load_existing(db));

    // ---- validate every row, collecting every problem (SPEC §1: validates every row)
    std::vector<Institution> good;
    good.reserve(rows.size() - 1);
    std::unordered_map<std::string, int> first_line;  // code -> line, duplicates within the file
    for (size_t r = 1; r < rows.size(); ++r) {
      const CsvRow& row = rows[r];
      const size_t before = issues.size();
      if (row.fields.size() != header.fields.size()) {
        issues.push_back(row_issue(row.line, "", "import.column_count",
                                   {std::to_string(header.fields.size()), std::to_string(row.fields.size())}));
        continue;  // columns are shifted: checking cells would only add noise
      }
      auto cell = [&](Column c) { return index[c] < 0 ? std::string() : trim_cell(row.fields[index[c]]); };
      auto issue = [&](Column c, const char* code, std::vector<std::string> args = {}) {
        issues.push_back(row_issue(row.line, label[c], code, args));
      };
      Institution inst;
      inst.code = cell(kCode);
      inst.name = cell(kName);
      std::string kind_text = cell(kKind);
      inst.region_code = cell(kRegion);
      inst.level = cell(kLevel);

      if (inst.code.empty()) issue(kCode, "import.required", {label[kCode]});
      else if (inst.code.size() > kInstitutionCodeMax) issue(kCode, "import.too_long", {label[kCode], std::to_string(kInstitutionCodeMax)});
      else if (!valid_code(inst.code)) issue(kCode, "institution.bad_code", {inst.code});
      else if (auto [it, fresh] = first_line.emplace(inst.code, row.line); !fresh)
        issue(kCode, "import.duplicate_code", {inst.code, std::to_string(it->second)});

      if (inst.name.empty()) issue(kName, "import.required", {label[kName]});
      else if (utf8_length(inst.name) > kInstitutionNameMax) issue(kName, "import.too_long", {label[kName], std::to_string(kInstitutionNameMax)});

      auto kind = parse_institution_kind(kind_text);
      if (kind_text.empty()) issue(kKind, "import.required", {label[kKind]});
      else if (!kind) issue(kKind, "institution.bad_kind", {kind_text});
      else inst.kind = *kind;

      // SPEC §1: a hospital belongs to a city or to its province's 省本级; enterprises may name any region.
      const bool hospital = inst.kind == institution_kind::hospital;
      if (inst.region_code.empty()) {
        if (hospital) issue(kRegion, "institution.region_required", {label[kRegion]});
      } else if (auto reg = regions.find(inst.region_code); reg == regions.end()) {
        issue(kRegion, "institution.unknown_region", {inst.region_code});
      } else if (hospital && reg->second.level != region_level::city && reg->second.level != region_level::province_level) {
        issue(kRegion, "institution.region_not_city", {inst.region_code, reg->second.name});
      }

      if (utf8_length(inst.level) > kInstitutionLevelMax) issue(kLevel, "import.too_long", {label[kLevel], std::to_string(kInstitutionLevelMax)});

      // Users are bound to an institution of a given kind; changing it would silently change what they
      // may do. Such a change is an operator decision outside the import.
      if (kind) {
        if (auto old = existing.find(inst.code); old != existing.end() && old->second.kind != inst.kind)
          issue(kKind, "institution.kind_change", {inst.code, kind_label_zh(old->second.kind)});
      }
      if (issues.size() == before) good.push_back(std::move(inst));
    }
    if (!issues.empty()) return invalid_rows(std::move(issues));

    // ---- write
    ImportCounts counts;
    counts.rows = static_cast<int>(good.size());
    counts.encoding = decoded.encoding;
    IVD_ASSIGN_OR_RETURN(auto insert, db.prepare("INSERT INTO institutions (code, name, kind, region_code, level) "
                                                 "VALUES (?, ?, ?, ?, ?)"));
    IVD_ASSIGN_OR_RETURN(auto update, db.prepare("UPDATE institutions SET name = ?, region_code = ?, level = ? WHERE id = ?"));
    // Hospital users carry their hospital's region (schema: "others: their institution's").
    IVD_ASSIGN_OR_RETURN(auto move_users, db.prepare("UPDATE users SET region_code = ?, revision = revision + 1, "
                                                     "updated_at = ? WHERE institution_id = ? AND region_code IS NOT ?"));
    // SPEC §4: every change is recorded, through the one event writer.
    IVD_ASSIGN_OR_RETURN(EventWriter events, EventWriter::open(db));
    auto event = [&](const std::string& code, const std::string& from, const std::string& to) {
      return events.write({"institution", code, "import", 0, now, from, to, {}});
    };
    auto region_param = [](const std::string& code) { return code.empty() ? std::optional<std::string>() : code; };

    for (const auto& inst : good) {
      auto old = existing.find(inst.code);
      if (old == existing.end()) {
        insert.bind_all(inst.code, inst.name, inst.kind, region_param(inst.region_code), inst.level);
        IVD_TRY(insert.run());
        IVD_TRY(event(inst.code, "", snapshot(inst).dump()));
        ++counts.inserted;
        continue;
      }
      const Institution& was = old->second;
      if (was.name == inst.name && was.region_code == inst.region_code && was.level == inst.level) {
        ++counts.unchanged;
        continue;
      }
      update.bind_all(inst.name, region_param(inst.region_code), inst.level, was.id);
      IVD_TRY(update.run());
      if (was.region_code != inst.region_code)
        IVD_TRY(move_users.bind_all(region_param(inst.region_code), now, was.id, region_param(inst.region_code)).run());
      IVD_TRY(event(inst.code, snapshot(was).dump(), snapshot(inst).dump()));
      ++counts.updated;
    }
    return counts;
  });
}

// [SECTION] lookups

Result<std::optional<Institution>> find_institution(Db& db, std::string_view code) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(std::string(kSelect) + "WHERE code = ?"));
  st.bind(1, code);
  IVD_ASSIGN_OR_RETURN(const bool found, st.step());
  if (!found) return std::optional<Institution>{};
  return std::optional<Institution>{read_institution(st)};
}

Result<std::optional<Institution>> find_institution_by_id(Db& db, int64_t id) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(std::string(kSelect) + "WHERE id = ?"));
  st.bind(1, id);
  IVD_ASSIGN_OR_RETURN(const bool found, st.step());
  if (!found) return std::optional<Institution>{};
  return std::optional<Institution>{read_institution(st)};
}

Result<std::vector<Institution>> search_institutions(Db& db, std::string_view kind, std::string_view text, int limit,
                                                     std::string_view within) {
  // instr() rather than LIKE: user text with % or _ must match literally. The region condition is
  // permissions.hpp region_within written as SQL (only a province contains other regions).
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(std::string(kSelect) +
                       "WHERE (?1 = '' OR kind = ?1 OR (?1 = 'enterprise' AND kind <> 'hospital')) "
                       "AND (?2 = '' OR instr(code, ?2) > 0 OR instr(name, ?2) > 0) "
                       "AND (?4 = '' OR ?4 = '000000' OR region_code IS NULL OR region_code = ?4 "
                       "     OR (substr(?4, 3) = '0000' AND substr(region_code, 1, 2) = substr(?4, 1, 2))) "
                       "ORDER BY code LIMIT ?3"));
  st.bind(1, kind).bind(2, trim_cell(text)).bind(3, static_cast<int64_t>(limit < 1 ? 1 : limit)).bind(4, within);
  std::vector<Institution> out;
  IVD_TRY(st.each([&](const Stmt& row) { out.push_back(read_institution(row)); }));
  return out;
}

}  // namespace ivd
