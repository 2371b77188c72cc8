#include "core/org/regions.hpp"

#include <map>

#include "core/base/csv.hpp"
#include "core/store/transaction.hpp"

namespace ivd {
namespace {

bool six_digits(std::string_view s) {
  if (s.size() != 6) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool known_level(std::string_view l) {
  return l == region_level::national || l == region_level::province || l == region_level::city ||
         l == region_level::province_level;
}

Region read_region(const Stmt& st) {
  return Region{st.col_text(0), st.col_text(1), st.col_text(2), st.col_text(3)};
}

Result<std::vector<Region>> query_regions(Db& db, std::string_view sql, std::optional<std::string_view> arg = {}) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(sql));
  if (arg) st.bind(1, *arg);
  std::vector<Region> out;
  IVD_TRY(st.each([&](const Stmt& row) { out.push_back(read_region(row)); }));
  return out;
}

constexpr const char* kSelect = "SELECT code, name, level, coalesce(parent_code, '') FROM regions ";

Error invalid_regions(nlohmann::json issues) {
  Error e = make_error(ErrorKind::bad_request, "region.csv_invalid", {}, {std::to_string(issues.size())});
  e.details = std::move(issues);
  return e;
}

}  // namespace

Result<RegionLoadCounts> load_regions(Db& db, std::string_view csv_text) {
  IVD_ASSIGN_OR_RETURN(const auto rows, parse_csv(csv_text, {.skip_comment_lines = true}));
  nlohmann::json issues = nlohmann::json::array();
  if (rows.empty() || rows[0].fields != std::vector<std::string>{"code", "name", "level", "parent_code"}) {
    issues.push_back(row_issue(rows.empty() ? 1 : rows[0].line, "", "region.bad_header"));
    return invalid_regions(std::move(issues));
  }
  std::map<std::string, int> line_of;  // code -> line, for duplicates and for reporting hierarchy errors
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.fields.size() != 4) {
      issues.push_back(row_issue(r.line, "", "import.column_count", {"4", std::to_string(r.fields.size())}));
      continue;
    }
    const auto& f = r.fields;
    if (!six_digits(f[0])) issues.push_back(row_issue(r.line, "code", "region.bad_code"));
    else if (!line_of.emplace(f[0], r.line).second)
      issues.push_back(row_issue(r.line, "code", "import.duplicate_code", {f[0], std::to_string(line_of[f[0]])}));
    if (f[1].empty()) issues.push_back(row_issue(r.line, "name", "import.required"));
    if (!known_level(f[2])) issues.push_back(row_issue(r.line, "level", "region.bad_level", {f[2]}));
    bool national = f[2] == region_level::national;
    if (national ? !f[3].empty() : !six_digits(f[3])) issues.push_back(row_issue(r.line, "parent_code", "region.bad_parent"));
  }
  if (!issues.empty()) return invalid_regions(std::move(issues));

  return transaction(db, [&]() -> Result<RegionLoadCounts> {
    RegionLoadCounts counts;
    // Parents may follow their children in the file; check references at COMMIT.
    IVD_TRY(db.exec("PRAGMA defer_foreign_keys = ON"));
    IVD_ASSIGN_OR_RETURN(auto existing,
                         db.prepare("SELECT name, level, coalesce(parent_code, '') FROM regions WHERE code = ?"));
    IVD_ASSIGN_OR_RETURN(auto upsert, db.prepare("INSERT INTO regions (code, name, level, parent_code) VALUES (?, ?, ?, ?) "
                                                 "ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
                                                 "level = excluded.level, parent_code = excluded.parent_code"));
    for (size_t i = 1; i < rows.size(); ++i) {
      const auto& f = rows[i].fields;
      existing.bind(1, f[0]);
      IVD_ASSIGN_OR_RETURN(const bool was_there, existing.step());
      const bool same =
          was_there && existing.col_text(0) == f[1] && existing.col_text(1) == f[2] && existing.col_text(2) == f[3];
      existing.reset();
      if (same) {
        ++counts.unchanged;
        continue;
      }
      upsert.bind(1, f[0]).bind(2, f[1]).bind(3, f[2]);
      if (f[3].empty()) upsert.bind_null(4);
      else upsert.bind(4, f[3]);
      IVD_TRY(upsert.run());
      ++(was_there ? counts.updated : counts.inserted);
    }
    // The hierarchy SPEC §1 describes: 全国 has no parent, provinces hang under 全国, cities and
    // 省本级 under a province. Checked over the whole table so rows already stored count too.
    IVD_ASSIGN_OR_RETURN(
        auto bad, db.prepare("SELECT r.code FROM regions r LEFT JOIN regions p ON p.code = r.parent_code "
                             "WHERE (r.level = 'national' AND r.parent_code IS NOT NULL) "
                             "   OR (r.level = 'province' AND coalesce(p.level, '') <> 'national') "
                             "   OR (r.level IN ('city', 'province_level') AND coalesce(p.level, '') <> 'province') "
                             "ORDER BY r.code"));
    nlohmann::json hierarchy = nlohmann::json::array();
    IVD_TRY(bad.each([&](const Stmt& row) {
      std::string code = row.col_text(0);
      int line = line_of.count(code) ? line_of[code] : 0;
      hierarchy.push_back(row_issue(line, "parent_code", "region.bad_parent"));
    }));
    if (!hierarchy.empty()) return invalid_regions(std::move(hierarchy));
    return counts;
  });
}

Status seed_regions(Db& db) {
  IVD_TRY(load_regions(db, embedded_regions_csv()));
  return ok_status();
}

Result<std::optional<Region>> find_region(Db& db, std::string_view code) {
  IVD_ASSIGN_OR_RETURN(auto found, query_regions(db, std::string(kSelect) + "WHERE code = ?", code));
  if (found.empty()) return std::optional<Region>{};
  return std::optional<Region>{std::move(found.front())};
}

Result<std::vector<Region>> region_children(Db& db, std::string_view code) {
  return query_regions(db, std::string(kSelect) + "WHERE parent_code = ? ORDER BY level = 'province_level', code",
                       code);
}

Result<std::vector<Region>> all_regions(Db& db) { return query_regions(db, std::string(kSelect) + "ORDER BY code"); }

Result<std::optional<Region>> region_province(Db& db, std::string_view code) {
  std::string current(code);
  for (int depth = 0; depth < 8; ++depth) {  // the tree is 3 levels deep; the bound guards against cycles
    IVD_ASSIGN_OR_RETURN(auto r, find_region(db, current));
    if (!r || r->level == region_level::national) return std::optional<Region>{};
    if (r->level == region_level::province) return r;
    current = r->parent_code;
  }
  return std::optional<Region>{};
}

Result<bool> region_is_within(Db& db, std::string_view region, std::string_view ancestor) {
  std::string current(region);
  for (int depth = 0; depth < 8 && !current.empty(); ++depth) {
    IVD_ASSIGN_OR_RETURN(const auto r, find_region(db, current));
    if (!r) return false;
    if (current == ancestor) return true;
    current = r->parent_code;
  }
  return false;
}

Result<std::string> region_full_name(Db& db, std::string_view code) {
  IVD_ASSIGN_OR_RETURN(const auto r, find_region(db, code));
  if (!r) return make_error(ErrorKind::not_found, "region.unknown", "region_code", {std::string(code)});
  const Region& region = *r;
  if (region.level == region_level::national || region.level == region_level::province) return region.name;
  IVD_ASSIGN_OR_RETURN(const auto parent, find_region(db, region.parent_code));
  if (!parent) return region.name;
  return parent->name + " " + region.name;
}

}  // namespace ivd
