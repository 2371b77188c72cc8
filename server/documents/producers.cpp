#include "server/documents/producers.hpp"

#include <filesystem>
#include <fstream>
#include <map>

#include "core/base/i18n.hpp"
#include "core/ivd/ivd_documents.hpp"
#include "core/supply/supply_documents.hpp"
#include "server/documents/pdf_renderer.hpp"
#include "server/documents/table_files.hpp"

namespace ivd::documents {

using nlohmann::json;

namespace {

Lang lang_of(const json& params) {
  return params.is_object() && params.value("lang", std::string()) == "en" ? Lang::en : Lang::zh;
}

Result<int64_t> int_param(const json& params, const char* key) {
  if (!params.is_object() || !params.contains(key)) return make_error(ErrorKind::bad_request, "request.missing_field", key, {key});
  const json& v = params[key];
  if (v.is_number_integer() && v.get<int64_t>() > 0) return v.get<int64_t>();
  if (v.is_string()) {
    try {
      size_t used = 0;
      const long long n = std::stoll(v.get<std::string>(), &used);
      if (used == v.get<std::string>().size() && n > 0) return static_cast<int64_t>(n);
    } catch (...) {
    }
  }
  return make_error(ErrorKind::bad_request, "request.bad_field", key, {key});
}

std::string out_path_of(const json& params) {
  return params.is_object() && params.contains("out_path") && params["out_path"].is_string()
             ? params["out_path"].get<std::string>()
             : std::string();
}

// Bytes returned, or written to out_path when the caller asked for a file.
Result<Document> finish(std::string bytes, std::string filename, const char* type, const json& params) {
  Document d{std::move(filename), type, {}, {}};
  const std::string path = out_path_of(params);
  if (path.empty()) {
    d.bytes = std::move(bytes);
    return d;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    return make_error(ErrorKind::internal, "docs.write_failed");
  }
  d.file = path;
  return d;
}

Result<Document> pdf_of(const NamedDocument& nd, const json& params, Progress& progress) {
  PdfOptions o;
  o.on_progress = [&](double f) { progress.set(0.1 + 0.9 * f); };
  IVD_ASSIGN_OR_RETURN(auto bytes, render_pdf(nd.doc, o));
  return finish(std::move(bytes), nd.file_stem + ".pdf", kPdfType, params);
}

Result<Document> csv_of(const TableDocument& doc, const std::string& stem, const json& params, Progress& progress) {
  progress.set(0.5);
  auto bytes = render_csv(doc);
  progress.set(1.0);
  return finish(std::move(bytes), stem + ".csv", kCsvType, params);
}

Result<Document> xlsx_of(const TableDocument& doc, const std::string& stem, const json& params, Progress& progress) {
  auto on = [&](double f) { progress.set(0.2 + 0.8 * f); };
  Document d{stem + ".xlsx", kXlsxType, {}, {}};
  if (const std::string path = out_path_of(params); !path.empty()) {
    IVD_TRY(write_xlsx(doc, path, on));  // streamed to the file: flat memory for large tables
    d.file = path;
    return d;
  }
  IVD_ASSIGN_OR_RETURN(d.bytes, render_xlsx(doc, std::filesystem::temp_directory_path().string()));
  progress.set(1.0);
  return d;
}

Result<FeedbackDocument> feedback_of(Db& db, Services& svc, const Actor& actor, const json& params) {
  std::map<std::string, std::string> query;
  if (params.is_object() && params.contains("query") && params["query"].is_object())
    for (const auto& [k, v] : params["query"].items())
      if (v.is_string()) query[k] = v.get<std::string>();
  IVD_ASSIGN_OR_RETURN(auto filter, feedback_filter_from_query(query));
  return load_feedback_document(db, svc, actor, filter);
}

}  // namespace

Result<Document> produce_fill_pdf(Db& db, Services& svc, const Actor& actor, const json& params, Progress& progress) {
  IVD_ASSIGN_OR_RETURN(auto pid, int_param(params, "project_id"));
  std::optional<int64_t> hid;
  if (params.is_object() && params.contains("hospital_id") && !params["hospital_id"].is_null()) {
    IVD_ASSIGN_OR_RETURN(auto h, int_param(params, "hospital_id"));
    hid = h;
  }
  IVD_ASSIGN_OR_RETURN(auto nd, load_fill_document(db, svc, actor, pid, hid, lang_of(params)));
  progress.set(0.1);
  return pdf_of(nd, params, progress);
}

Result<Document> produce_province_pdf(Db& db, Services& svc, const Actor& actor, const json& params, Progress& progress) {
  IVD_ASSIGN_OR_RETURN(auto pid, int_param(params, "project_id"));
  const std::string prov = params.is_object() ? params.value("province", std::string()) : std::string();
  IVD_ASSIGN_OR_RETURN(auto nd, load_province_summary_document(db, svc, actor, pid, prov, lang_of(params)));
  progress.set(0.1);
  return pdf_of(nd, params, progress);
}

Result<Document> produce_national_csv(Db& db, Services& svc, const Actor& actor, const json& params, Progress& progress) {
  IVD_ASSIGN_OR_RETURN(auto pid, int_param(params, "project_id"));
  IVD_ASSIGN_OR_RETURN(auto nd, load_national_summary_document(db, svc, actor, pid));
  return csv_of(nd.doc, nd.file_stem, params, progress);
}

Result<Document> produce_national_xlsx(Db& db, Services& svc, const Actor& actor, const json& params, Progress& progress) {
  IVD_ASSIGN_OR_RETURN(auto pid, int_param(params, "project_id"));
  IVD_ASSIGN_OR_RETURN(auto nd, load_national_summary_document(db, svc, actor, pid));
  return xlsx_of(nd.doc, nd.file_stem, params, progress);
}

Result<Document> produce_catalog_csv(Db& db, Services& svc, const Actor& actor, const json& params, Progress& progress) {
  IVD_ASSIGN_OR_RETURN(auto pid, int_param(params, "project_id"));
  IVD_ASSIGN_OR_RETURN(auto nd, load_catalog_document(db, svc, actor, pid));
  return csv_of(nd.doc, nd.file_stem, params, progress);
}

Result<Document> produce_catalog_xlsx(Db& db, Services& svc, const Actor& actor, const json& params, Progress& progress) {
  IVD_ASSIGN_OR_RETURN(auto pid, int_param(params, "project_id"));
  IVD_ASSIGN_OR_RETURN(auto nd, load_catalog_document(db, svc, actor, pid));
  return xlsx_of(nd.doc, nd.file_stem, params, progress);
}

Result<Document> produce_feedback_csv(Db& db, Services& svc, const Actor& actor, const json& params, Progress& progress) {
  IVD_ASSIGN_OR_RETURN(auto fd, feedback_of(db, svc, actor, params));
  return csv_of(fd.doc, fd.file_stem, params, progress);
}

Result<Document> produce_feedback_xlsx(Db& db, Services& svc, const Actor& actor, const json& params, Progress& progress) {
  IVD_ASSIGN_OR_RETURN(auto fd, feedback_of(db, svc, actor, params));
  return xlsx_of(fd.doc, fd.file_stem, params, progress);
}

Result<Document> produce_commitment_pdf(Db& db, Services& svc, const Actor& actor, const json& params, Progress& progress) {
  std::optional<int64_t> pid;
  if (params.is_object() && params.contains("project_id") && !params["project_id"].is_null()) {
    IVD_ASSIGN_OR_RETURN(auto p, int_param(params, "project_id"));
    pid = p;
  }
  IVD_ASSIGN_OR_RETURN(auto nd, load_commitment_letter(db, svc, actor, pid, commitment_template_text()));
  return pdf_of(nd, params, progress);
}

std::span<const ProducerEntry> all_producers() {
  static const ProducerEntry entries[] = {
      {"ivd.fill.pdf", produce_fill_pdf},
      {"ivd.province.pdf", produce_province_pdf},
      {"ivd.national.csv", produce_national_csv},
      {"ivd.national.xlsx", produce_national_xlsx},
      {"ivd.catalog.csv", produce_catalog_csv},
      {"ivd.catalog.xlsx", produce_catalog_xlsx},
      {"supply.feedback.csv", produce_feedback_csv},
      {"supply.feedback.xlsx", produce_feedback_xlsx},
      {"ivd.commitment.pdf", produce_commitment_pdf},
  };
  return entries;
}

}  // namespace ivd::documents
