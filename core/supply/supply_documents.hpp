#pragma once
// 导出 of 中选药品供应问题反馈查看 (SPEC §3: "导出 (XLSX or CSV) of the filtered rows") as a table model
// (core/files/table_document.hpp) for the XLSX writer of the server. The rows, their columns and the
// scope are those of export_feedback (feedback_query.hpp): the same function makes both files.
#include <string>
#include <string_view>

#include "core/api/actor.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"
#include "core/files/table_document.hpp"
#include "core/store/db.hpp"
#include "core/supply/feedback_query.hpp"

namespace ivd {

struct FeedbackDocument {
  TableDocument doc;
  std::string file_stem;  // export_feedback's file name without ".csv"
  int64_t rows = 0;
};

// The CSV of export_feedback read back into a table; the column 剩余处理天数 is a number.
Result<FeedbackDocument> feedback_document_from_csv(std::string_view csv, std::string_view file_name);

// export_feedback (same scope and limit) as a table.
Result<FeedbackDocument> load_feedback_document(Db& db, Services& svc, const Actor& actor, const FeedbackFilter& f);

}  // namespace ivd
