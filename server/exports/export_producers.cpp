#include "server/exports/export_producers.hpp"

#include "core/base/i18n.hpp"
#include "core/exports/export_kinds.hpp"
#include "core/ivd/aggregates.hpp"
#include "core/ivd/project.hpp"
#include "core/ivd/scope.hpp"
#include "core/supply/feedback_query.hpp"

namespace ivd {

namespace {

// 汇总数据导出 of 全国报量数据 (IVD manual 全国报量数据 4; SPEC §2.5): one row per province × 注册证.
Result<Document> national_csv(Db& db, Services&, const Actor& actor, const nlohmann::json& params,
                              ExportProgress& progress) {
  IVD_TRY(check_export_start(actor, export_kind::ivd_national_csv, params));  // menus may have been revoked since
  const int64_t project_id = params.at("project_id").get<int64_t>();
  IVD_ASSIGN_OR_RETURN(auto project, load_visible_project(db, actor, project_id));
  IVD_TRY(check_national(actor));
  progress.set(10);
  IVD_ASSIGN_OR_RETURN(auto rows, cert_totals(db, project.id, ""));
  progress.set(70);
  Document doc;
  doc.file_name = trf(Lang::zh, "exports.file.ivd_national_csv", {project.name});
  doc.content_type = "text/csv; charset=utf-8";
  doc.bytes = cert_totals_csv(rows);
  return doc;
}

// 导出 of 中选药品供应问题反馈查看 (supply manual 管理机构 2): the filtered rows; params are the list's query.
Result<Document> supply_csv(Db& db, Services& svc, const Actor& actor, const nlohmann::json& params,
                            ExportProgress& progress) {
  IVD_TRY(check_export_start(actor, export_kind::supply_feedback_csv, params));
  std::map<std::string, std::string> query;
  for (auto it = params.begin(); it != params.end(); ++it)
    query[it.key()] = it->is_string() ? it->get<std::string>() : it->dump();
  IVD_ASSIGN_OR_RETURN(auto filter, feedback_filter_from_query(query));
  progress.set(10);
  IVD_ASSIGN_OR_RETURN(auto out, export_feedback(db, svc, actor, filter));
  Document doc;
  doc.file_name = out.filename;
  doc.content_type = "text/csv; charset=utf-8";
  doc.bytes = std::move(out.csv);
  return doc;
}

}  // namespace

void register_builtin_producers(ProducerRegistry& registry) {
  registry.add(export_kind::ivd_national_csv, national_csv);
  registry.add(export_kind::supply_feedback_csv, supply_csv);
}

}  // namespace ivd
