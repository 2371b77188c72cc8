#pragma once
// Which exports exist, what each produces and who may start one (SPEC §2.4 汇总数据导出 "produced
// asynchronously into the 导出列表", §2.5 national CSV "through the export list", §3 导出 of the
// province view). A job of a kind is started from the 导出列表's owner's own screens; the server's job
// runner turns it into a file with the producer registered for the kind (server/exports).
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/actor.hpp"
#include "core/base/result.hpp"

namespace ivd {

namespace export_kind {
inline constexpr const char* ivd_national_csv = "ivd.national.csv";    // 全国 汇总数据导出 (CSV)
inline constexpr const char* ivd_national_xlsx = "ivd.national.xlsx";  // the same as XLSX
inline constexpr const char* ivd_province_pdf = "ivd.province.pdf";    // 省 汇总数据导出 (PDF by 注册证)
inline constexpr const char* supply_feedback_csv = "supply.feedback.csv";    // 中选药品供应问题反馈查看 导出
inline constexpr const char* supply_feedback_xlsx = "supply.feedback.xlsx";  // the same as XLSX
}  // namespace export_kind

struct ExportKind {
  const char* id;
  const char* menu;          // the menu that shows the data; the starter must hold it (and 导出列表)
  const char* format;        // csv | xlsx | pdf
  const char* content_type;  // of the file
  // Integer parameters the job needs (e.g. project_id); checked when the job is started.
  std::vector<const char*> int_params;
  // Text parameters the job needs (e.g. province).
  std::vector<const char*> text_params;
};

std::span<const ExportKind> export_kinds();
const ExportKind* find_export_kind(std::string_view id);
// The i18n id of a kind's label ("exports.kind.<id>").
std::string export_kind_label_id(std::string_view id);
// The kinds the actor may start: those whose menu it holds, if it holds the 导出列表 menu at all.
std::vector<std::string> startable_export_kinds(const Actor& actor);
// Errors: exports.kind.unknown (400, field "kind"); auth.menu_not_granted (403) when the actor lacks
// the 导出列表 menu or the kind's menu; request.bad_field for a missing or mistyped parameter.
Status check_export_start(const Actor& actor, std::string_view kind, const nlohmann::json& params);

}  // namespace ivd
