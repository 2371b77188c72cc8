#include "core/supply/supply_documents.hpp"

#include "core/base/csv.hpp"

namespace ivd {

Result<FeedbackDocument> feedback_document_from_csv(std::string_view csv, std::string_view file_name) {
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  IVD_ASSIGN_OR_RETURN(auto records, parse_csv(csv));
  FeedbackDocument out;
  TableDocument& d = out.doc;
  d.title = "中选药品供应问题反馈";
  d.sheet_name = d.title;
  if (!records.empty()) {
    for (const auto& h : records.front().fields) {
      const bool number = h == "剩余处理天数";
      const bool wide = h == "产品名称" || h == "问题描述" || h == "处理情况" || h == "确认说明" || h == "医疗机构名称" ||
                        h == "生产企业" || h == "申报企业";
      d.columns.push_back({h, number ? CellKind::integer : CellKind::text, wide ? 3.0 : 1.6});
    }
  }
  for (size_t i = 1; i < records.size(); ++i) {
    auto fields = std::move(records[i].fields);
    fields.resize(d.columns.size());
    d.rows.push_back({RowKind::line, std::move(fields)});
  }
  out.rows = static_cast<int64_t>(d.rows.size());
  std::string stem(file_name);
  if (stem.size() > 4 && stem.substr(stem.size() - 4) == ".csv") stem.resize(stem.size() - 4);
  out.file_stem = stem;
  return out;
}

Result<FeedbackDocument> load_feedback_document(Db& db, Services& svc, const Actor& actor, const FeedbackFilter& f) {
  IVD_ASSIGN_OR_RETURN(auto e, export_feedback(db, svc, actor, f));
  return feedback_document_from_csv(e.csv, e.filename);
}

}  // namespace ivd
