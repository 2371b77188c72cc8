#pragma once
// Every generated document as a function the export job runner (and the immediate download routes,
// document_routes.hpp) can call:
//   (Db&, Services&, const Actor&, params, Progress&) -> Result<Document>
// Each goes through the core function behind the document's data route (core/ivd/ivd_documents.hpp,
// core/supply/supply_documents.hpp), so the same scope checks apply and a refusal is the same as the
// data route's. Core decides the content; these only render it (PDF / CSV / XLSX).
//
// params (JSON object):
//   project_id   the IVD project (every ivd.* kind; optional for ivd.commitment.pdf)
//   hospital_id  ivd.fill.pdf: a hospital's sheet for its reviewers; absent = the caller's own sheet
//   province     ivd.province.pdf: the province code
//   query        supply.feedback.*: the list's query parameters (from, to, serial, product_name, ...)
//   lang         "zh" (default) or "en": the language of headings and labels decided by core
//   out_path     optional: write the file there instead of returning its bytes (large XLSX; the caller
//                writes to a temporary name and renames it on success)
#include <functional>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include "core/api/actor.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"
#include "core/store/db.hpp"

namespace ivd::documents {

struct Document {
  std::string filename;      // UTF-8, with its extension, e.g. "北京协和医院_2027年度报量_填报数据.pdf"
  std::string content_type;  // application/pdf, text/csv;charset=utf-8, application/vnd...sheet
  std::string bytes;         // the file's bytes, unless it was written to `file`
  std::string file;          // the path written (params.out_path given); bytes is empty then
};

// Progress of one document, 0..1; the runner shows it in the 导出列表.
struct Progress {
  std::function<void(double)> on_change;
  void set(double fraction) const {
    if (on_change) on_change(fraction);
  }
};

using Producer = std::function<Result<Document>(Db&, Services&, const Actor&, const nlohmann::json&, Progress&)>;

Result<Document> produce_fill_pdf(Db& db, Services& svc, const Actor& actor, const nlohmann::json& params, Progress& progress);
Result<Document> produce_province_pdf(Db& db, Services& svc, const Actor& actor, const nlohmann::json& params, Progress& progress);
Result<Document> produce_national_csv(Db& db, Services& svc, const Actor& actor, const nlohmann::json& params, Progress& progress);
Result<Document> produce_national_xlsx(Db& db, Services& svc, const Actor& actor, const nlohmann::json& params, Progress& progress);
Result<Document> produce_catalog_csv(Db& db, Services& svc, const Actor& actor, const nlohmann::json& params, Progress& progress);
Result<Document> produce_catalog_xlsx(Db& db, Services& svc, const Actor& actor, const nlohmann::json& params, Progress& progress);
Result<Document> produce_feedback_csv(Db& db, Services& svc, const Actor& actor, const nlohmann::json& params, Progress& progress);
Result<Document> produce_feedback_xlsx(Db& db, Services& svc, const Actor& actor, const nlohmann::json& params, Progress& progress);
Result<Document> produce_commitment_pdf(Db& db, Services& svc, const Actor& actor, const nlohmann::json& params, Progress& progress);

// kind -> producer, for the job runner's registry:
//   ivd.fill.pdf, ivd.province.pdf, ivd.national.csv, ivd.national.xlsx, ivd.catalog.csv, ivd.catalog.xlsx,
//   supply.feedback.csv, supply.feedback.xlsx, ivd.commitment.pdf
struct ProducerEntry {
  std::string_view kind;
  Producer produce;
};
std::span<const ProducerEntry> all_producers();

// The 承诺书模板 text (assets/documents/commitment_letter.txt, built into the server).
std::string_view commitment_template_text();

inline constexpr const char* kPdfType = "application/pdf";
inline constexpr const char* kCsvType = "text/csv;charset=utf-8";
inline constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace ivd::documents
