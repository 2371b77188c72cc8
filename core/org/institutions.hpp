#pragma once
// Institutions (SPEC §1): hospitals (医疗机构, bound to a city or 省本级) and enterprises (生产企业 /
// 代理企业). Operators import them from CSV with a server command, not a UI screen (IVD manual FAQ 1:
// "需要联系技术人员导入医疗机构信息"). The import is all-or-nothing, idempotent by code, and reports every
// bad row with its line and column.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/db.hpp"
#include "core/base/result.hpp"
#include "core/base/text_encoding.hpp"

namespace ivd {

namespace institution_kind {
inline constexpr const char* hospital = "hospital";          // 医疗机构
inline constexpr const char* manufacturer = "manufacturer";  // 生产企业
inline constexpr const char* agent = "agent";                // 代理企业
}  // namespace institution_kind

// Limits of the import (and of any other way institutions are written).
inline constexpr size_t kInstitutionCodeMax = 50;    // bytes; [A-Za-z0-9_-] only
inline constexpr size_t kInstitutionNameMax = 100;   // characters
inline constexpr size_t kInstitutionLevelMax = 20;   // characters, e.g. 三级甲等

struct Institution {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::string kind;         // one of institution_kind
  std::string region_code;  // "" when none (enterprises may have none)
  std::string level;        // 医院等级, "" when not given
};

struct ImportCounts {
  int rows = 0;       // data rows read
  int inserted = 0;   // new codes
  int updated = 0;    // existing codes whose name, region or level changed
  int unchanged = 0;  // existing codes imported with identical data
  TextEncoding encoding = TextEncoding::utf8;
};
nlohmann::json to_json(const ImportCounts& c);

// Imports a CSV file as uploaded (UTF-8 with or without BOM, or GBK). Columns, identified by the header
// row in any order (Chinese or English names): 机构编码/code, 机构名称/name, 机构类型/kind
// (医疗机构|生产企业|代理企业 or hospital|manufacturer|agent), 所属区划/region_code (required for hospitals:
// a city or 省本级 code; optional for enterprises), 医院等级/level (optional).
// All or nothing in one transaction; re-importing a code updates its name, region and level (the
// kind of an existing institution cannot change: users are bound to it). When a hospital moves to
// another region, its users' region follows. Every inserted or changed institution is recorded in
// events (entity 'institution', action 'import', at = now).
// Errors: file.* (not a text file / encoding), import.no_rows, and import.invalid_rows
// (ErrorKind::bad_request) whose details list every problem: {line, column, code, message_zh, message_en}.
Result<ImportCounts> import_institutions(Db& db, std::string_view csv_bytes, int64_t now);

Result<std::optional<Institution>> find_institution(Db& db, std::string_view code);
Result<std::optional<Institution>> find_institution_by_id(Db& db, int64_t id);
// Institutions of a kind ("" = all; "enterprise" = 生产企业 and 代理企业, the institutions of the user
// type 企业) whose code or name contains text, at most limit, ordered by code (the searchable picker of
// 用户管理, SPEC §1). within: a region code limiting the result to institutions inside it (a province
// holds its cities and 省本级) and those of no region; "" or 000000 = everywhere.
Result<std::vector<Institution>> search_institutions(Db& db, std::string_view kind, std::string_view text, int limit,
                                                     std::string_view within = {});

// 医疗机构 / 生产企业 / 代理企业 → kind id; English ids accepted too. nullopt when unknown.
std::optional<std::string> parse_institution_kind(std::string_view label);

}  // namespace ivd
