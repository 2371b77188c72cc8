#pragma once
// The IVD documents as table models (core/files/table_document.hpp); the server renders them
// (server/documents). Each load_* function applies the same scope checks as the data route behind it,
// so a document reaches exactly who may read its data, and "not there" answers like "not yours":
//   填报数据导出 PDF      <- GET /ivd/projects/{pid}/sheet/certificates (and .../hospitals/{hid}/sheet/...)
//   汇总数据导出 PDF (省)  <- GET /ivd/projects/{pid}/provinces/{prov}/certificates
//   汇总数据导出 CSV/XLSX  <- GET /ivd/projects/{pid}/certificates (national)
//   目录下载 CSV/XLSX     <- GET /ivd/projects/{pid}/catalog/all
//   承诺书模板            <- the template text kept in assets/documents
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/actor.hpp"
#include "core/base/i18n.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"
#include "core/files/table_document.hpp"
#include "core/ivd/aggregates.hpp"
#include "core/ivd/catalog.hpp"
#include "core/store/db.hpp"

namespace ivd {

// A document and the name its file gets, without the extension (the renderer's format adds it).
struct NamedDocument {
  TableDocument doc;
  std::string file_stem;
};

// ---- pure builders (unit tested) ----------------------------------------------------------------------------

// 填报数据导出 (IVD manual 报量项目管理 5; SPEC §2.2): the answer of .../sheet/certificates as a document to
// sign and stamp: heading (医疗机构, 报量项目, both totals, 导出日期), one group per 注册证 with its 流水号
// lines and a 小计, the 合计, and the 院长签字 / 盖章 block. date: "YYYY-MM-DD" (CST).
NamedDocument fill_document(const nlohmann::json& certificates_answer, std::string_view date, Lang lang);

// 汇总数据导出 of a province (SPEC §2.4): one row per 注册证 summed over the province's counted hospitals
// (every hospital that is not 无需上报), the 合计, and the stamp block the province signs before 提交.
struct ProvinceSummaryInput {
  std::string project_name;
  std::string province_name;
  int64_t hospital_count = 0;  // counted hospitals
  std::vector<CertTotalRow> rows;
};
NamedDocument province_summary_document(const ProvinceSummaryInput& in, std::string_view date, Lang lang);

// 汇总数据导出 (national, SPEC §2.5): exactly the columns 省份,大项,小项,生产企业,注册证,上年度采购总数量,
// 下年度采购总数量, one row per province × 注册证, no heading (the CSV's first record is the header).
NamedDocument national_summary_document(std::string_view project_name, const std::vector<CertTotalRow>& rows);

// 目录下载: the catalog by 流水号 with the columns of the catalog import (re-imports unchanged).
NamedDocument catalog_document(std::string_view project_name, const std::vector<CatalogRow>& rows);

// 承诺书模板: the template text (assets/documents/commitment_letter.txt) as a letter. The text's first
// line is the title; paragraphs are separated by blank lines; lines starting with "@stamp " are the
// labels of the signature block; {hospital} and {project} are replaced by the names given (or a blank
// line to fill in by hand when empty).
NamedDocument commitment_letter_document(std::string_view template_text, std::string_view hospital_name,
                                         std::string_view project_name);

// ---- the same documents, loaded with the scope checks of their data routes -----------------------------------

// hospital_id empty: the caller's own sheet (a hospital user with ivd.fill); given: any readable sheet.
Result<NamedDocument> load_fill_document(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                         std::optional<int64_t> hospital_id, Lang lang);
Result<NamedDocument> load_province_summary_document(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                                     std::string_view province_code, Lang lang);
Result<NamedDocument> load_national_summary_document(Db& db, Services& svc, const Actor& actor, int64_t project_id);
Result<NamedDocument> load_catalog_document(Db& db, Services& svc, const Actor& actor, int64_t project_id);
// The hospital's names are filled in for a hospital user of a visible project; otherwise left blank.
Result<NamedDocument> load_commitment_letter(Db& db, Services& svc, const Actor& actor,
                                             std::optional<int64_t> project_id, std::string_view template_text);

}  // namespace ivd
