#pragma once
// 国家中选项目: the national selected products a hospital picks from (SPEC §3, manual 医疗机构 注意事项 1).
// Imported from CSV by the super admin (POST /supply/products/import) or an operator (`server import
// products FILE.csv`): all or nothing, every problem reported with its line and column, idempotent by
// 流水号 (a re-import updates a product's columns; products are never deleted, feedback refers to them).
//
// Enterprises (生产企业, 申报企业) are matched to institutions of type 企业 (生产企业 or 代理企业, either for
// either column): a cell matches the institution whose 机构编码 it is, or whose name it is after the one
// trim and width fold of core/base/text.hpp (full-width （）, letters and digits read as half-width) with
// every space removed. No match, or several institutions of that name, is an error of the cell.
//
// 备供 (backup-supply) batches can never be chosen: the manual's list and any batch whose name ends in
// 备供 (is_backup_batch). The API refuses them on 新增 and 编辑 (supply.product.backup), not only hides them.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/api/actor.hpp"
#include "core/api/request.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"
#include "core/store/db.hpp"
#include "core/supply/supply_types.hpp"

namespace ivd {

// The manual's 备供 batches (医疗机构 注意事项 1); every name of the list ends in 备供, and so does any
// future one: is_backup_batch decides by that ending.
inline constexpr std::string_view kBackupBatches[] = {
    "国采第七批备供", "国采第八批备供", "国采第九批备供", "国采第十批备供",
    "长三角(第二期国采接续)备供", "十五省(第三期国采接续)备供"};
bool is_backup_batch(std::string_view batch);

// 产品名称 as shown: 通用名 + 剂型 + 规格 ("阿托伐他汀钙片 片剂 20mg").
std::string product_display_name(std::string_view generic_name, std::string_view dosage_form, std::string_view spec);

// The name form enterprises are matched by (see the top of this file).
std::string enterprise_match_key(std::string_view name);

// Imports the CSV as uploaded (UTF-8 with or without BOM, or GBK). Columns by header, any order:
// 流水号,通用名,剂型,规格,生产企业,申报企业,批次 (or serial, generic_name, dosage_form, spec, manufacturer,
// applicant, batch). now: svc.clock.now(); actor_id: who imports (0 = an operator's command).
// Errors: file.* (unreadable), 400 supply.import.no_rows, 422 supply.import.invalid with
// details.issues = [{line, column, code, message_zh, message_en}] — nothing written.
Result<ProductImportCounts> import_products_csv(Db& db, std::string_view bytes, int64_t now, int64_t actor_id = 0);
// The same behind the super admin's permission (403 supply.role.forbidden for anybody else).
Result<ProductImportCounts> import_products(Db& db, Services& svc, const Actor& actor, std::string_view bytes);

struct ProductFilter {
  std::string serial;        // contains
  std::string name;          // 通用名 (or the shown 产品名称) contains
  std::string manufacturer;  // 生产企业 contains
  std::string batch;         // contains
  bool selectable_only = false;  // no 备供
};
ProductFilter product_filter_from_query(const std::map<std::string, std::string>& query);
// Ordered by 流水号.
Result<ProductPage> query_products(Db& db, const ProductFilter& f, const Page& page);

Result<std::optional<Product>> find_product(Db& db, std::string_view serial);
// The product a feedback may name: 400 supply.product.unknown (field serial) when there is none,
// 422 supply.product.backup when it belongs to a 备供 batch.
Result<Product> selectable_product(Db& db, std::string_view serial);

}  // namespace ivd
