#pragma once
// 目录 of a 报量项目 (SPEC §2.1 Catalog): one row per 流水号 with 大项, 小项, 产品名称, 规格/包装, 注册证
// and 生产企业; several 流水号 share one 注册证. Imported from CSV by the super admin with the same
// rules as every import (SPEC §1 Institutions): idempotent by key, every bad row reported with its
// line and column, nothing changed if any row is bad.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/actor.hpp"
#include "core/store/db.hpp"
#include "core/ivd/common.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"

namespace ivd {

struct CatalogRow {
  std::string serial;        // 流水号
  std::string category;      // 大项
  std::string subcategory;   // 小项
  std::string product_name;  // 产品名称
  std::string spec;          // 规格/包装
  std::string certificate;   // 注册证
  std::string manufacturer;  // 生产企业
  friend bool operator==(const CatalogRow&, const CatalogRow&) = default;
};
// The catalog row on the wire: {serial, category, subcategory, product_name, spec, certificate,
// manufacturer}.
void to_json(nlohmann::json& j, const CatalogRow& r);
void from_json(const nlohmann::json& j, CatalogRow& r);
nlohmann::json catalog_row_to_json(const CatalogRow& r);

struct CatalogImportCounts {
  int inserted = 0;
  int updated = 0;
  int unchanged = 0;
};

// bytes: the uploaded CSV file (UTF-8 with or without BOM, or GBK as Excel writes it). The header row
// names the columns in any order: 流水号, 大项, 小项, 产品名称, 规格/包装, 注册证, 生产企业 (English ids
// serial, category, subcategory, product_name, spec, certificate, manufacturer are accepted too;
// other columns are ignored). 小项 and 规格/包装 may be empty, the others are required.
// A 注册证 change of a 流水号 that hospitals already filled is refused at that cell
// (ivd.catalog.cert_locked), since the filled lines and the totals per 注册证 depend on it.
// Errors: file decoding errors (file.*, csv.*), 400 ivd.catalog.import_invalid whose details list
// every bad cell: [{line, column, code, message_zh, message_en}, ...] (at most 1000).
// Needs the super admin with ivd.config.
Result<CatalogImportCounts> import_catalog_csv(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                               std::string_view bytes);

// Writes rows without the CSV layer (demo seed): upsert by 流水号, no checks beyond the schema.
Status upsert_catalog_rows(Db& db, int64_t project_id, const std::vector<CatalogRow>& rows);

struct CatalogFilter {
  std::string serial, category, subcategory, product_name, spec, certificate, manufacturer;  // parts of the column
  std::string any;  // part of any column
  int64_t with_line_in_sheet = 0;  // > 0: only 流水号 that sheet has a line for (填报 view "filled only")
};
CatalogFilter catalog_filter_from_query(const std::map<std::string, std::string>& query);

struct CatalogPage {
  int64_t total = 0;
  std::vector<CatalogRow> items;
};
// Ordered by 流水号 (shorter first, so numeric 流水号 sort as numbers).
Result<CatalogPage> query_catalog(Db& db, int64_t project_id, const CatalogFilter& f, const Page& page);
// 目录下载 (IVD manual 报量项目管理 8): the whole catalog by 流水号.
Result<std::vector<CatalogRow>> all_catalog_rows(Db& db, int64_t project_id);
// 注册证 of a 流水号, or nullopt when the catalog has no such 流水号.
Result<std::optional<std::string>> catalog_cert_of(Db& db, int64_t project_id, std::string_view serial);
Result<int64_t> catalog_size(Db& db, int64_t project_id);

// 目录下载 as a file: UTF-8 with a BOM (so Excel reads the Chinese), the header
// 流水号,大项,小项,产品名称,规格/包装,注册证,生产企业 and one record per row, CRLF line ends. The same
// file imports back unchanged (import_catalog_csv).
std::string catalog_csv(const std::vector<CatalogRow>& rows);

}  // namespace ivd
