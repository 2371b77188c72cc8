#pragma once
// 查询 of the supply feedback (manual: 反馈日期, 流水号, 产品名称, 生产企业, 申报企业, 业务状态), each side
// within its scope (supply_scope.hpp), newest 反馈日期 first, and the 导出 of the province view.
// Statuses are the effective ones (a passed deadline reads 未解决 (超时) in the rows and in the status
// filter, before the sweep writes it).
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

struct FeedbackFilter {
  std::optional<int64_t> from_day, to_day;  // 反馈日期 range, inclusive (CST day numbers)
  std::string serial;                       // 流水号 contains
  std::string product_name;                 // 产品名称 contains
  std::string manufacturer;                 // 生产企业 contains (not for enterprises: ignored)
  std::string applicant;                    // 申报企业 contains (not for enterprises: ignored)
  std::string status;                       // a status id; "unresolved" includes the timed-out ones
};
// From query parameters: from, to ("YYYY-MM-DD"), serial, product_name, manufacturer, applicant, status.
// 400 supply.feedback.bad_query_date / request.bad_field (status) on bad values.
Result<FeedbackFilter> feedback_filter_from_query(const std::map<std::string, std::string>& query);

// The menu a list or detail request reads under: query parameter menu = supply.feedback (default) or
// supply.view (the province view, read-only). Anything else: 400 request.bad_field.
Result<std::string> menu_from_query(const std::map<std::string, std::string>& query);

Result<FeedbackPage> list_feedback(Db& db, Services& svc, const Actor& actor, std::string_view menu,
                                   const FeedbackFilter& f, const Page& page);

// 导出 of 中选药品供应问题反馈查看 (supply.view): every filtered row as CSV, UTF-8 with BOM (Excel reads it),
// with Chinese headers. At most kExportMaxRows rows (422 supply.export.too_many beyond).
inline constexpr int64_t kExportMaxRows = 100000;
struct FeedbackExport {
  std::string filename;
  std::string csv;  // bytes
  int64_t rows = 0;
};
Result<FeedbackExport> export_feedback(Db& db, Services& svc, const Actor& actor, const FeedbackFilter& f);

}  // namespace ivd
