#include "core/supply/feedback_query.hpp"

#include "core/base/civil_time.hpp"
#include "core/base/csv.hpp"
#include "core/base/i18n.hpp"
#include "core/base/text.hpp"
#include "core/store/transition.hpp"
#include "core/supply/deadline.hpp"
#include "core/supply/feedback_store.hpp"
#include "core/supply/supply_scope.hpp"

namespace ivd {

Result<FeedbackFilter> feedback_filter_from_query(const std::map<std::string, std::string>& q) {
  FeedbackFilter f;
  for (const char* key : {"from", "to"}) {
    const std::string text = fold_trim(query_text(q, key));
    if (text.empty()) continue;
    auto day = parse_date(text);
    if (!day) return make_error(ErrorKind::bad_request, "supply.feedback.bad_query_date", key);
    (std::string_view(key) == "from" ? f.from_day : f.to_day) = *day;
  }
  f.serial = fold_trim(query_text(q, "serial"));
  f.product_name = fold_trim(query_text(q, "product_name"));
  f.manufacturer = fold_trim(query_text(q, "manufacturer"));
  f.applicant = fold_trim(query_text(q, "applicant"));
  f.status = fold_trim(query_text(q, "status"));
  if (!f.status.empty() && !is_supply_status(f.status))
    return make_error(ErrorKind::bad_request, "request.bad_field", "status", {"status"});
  return f;
}

Result<std::string> menu_from_query(const std::map<std::string, std::string>& q) {
  const std::string m = query_text(q, "menu");
  if (m.empty() || m == menu::supply_feedback) return std::string(menu::supply_feedback);
  if (m == menu::supply_view) return std::string(menu::supply_view);
  return make_error(ErrorKind::bad_request, "request.bad_field", "menu", {"menu"});
}

namespace {

void bind_value(Stmt& st, int i, const SqlValue& v) {
  if (const auto* n = std::get_if<int64_t>(&v)) st.bind(i, *n);
  else if (const auto* s = std::get_if<std::string>(&v)) st.bind(i, *s);
  else st.bind_null(i);
}

// The WHERE of a list: the actor's scope and the filters, with their values in order.
struct Where {
  std::string sql;
  std::vector<SqlValue> args;
  void bind(Stmt& st) const {
    for (size_t i = 0; i < args.size(); ++i) bind_value(st, static_cast<int>(i + 1), args[i]);
  }
};

Result<Where> where_of(const Actor& actor, std::string_view menu, const FeedbackFilter& f, int64_t today) {
  IVD_ASSIGN_OR_RETURN(ScopeSql scope, feedback_scope_sql(actor, menu));
  Where w;
  w.sql = " WHERE " + scope.where;
  w.args = std::move(scope.args);
  if (f.from_day) {
    w.sql += " AND f.feedback_day >= ?";
    w.args.emplace_back(*f.from_day);
  }
  if (f.to_day) {
    w.sql += " AND f.feedback_day <= ?";
    w.args.emplace_back(*f.to_day);
  }
  auto like = [&](const std::string& value, const char* column) {
    if (value.empty()) return;
    w.sql += std::string(" AND ") + column + " LIKE ? ESCAPE '\\'";
    w.args.emplace_back(like_pattern(value));
  };
  like(f.serial, "f.serial");
  like(f.product_name, "f.product_name");
  if (supply_side(actor, menu) != SupplySide::enterprise) {  // enterprises have no enterprise columns
    like(f.manufacturer, "f.manufacturer");
    like(f.applicant, "f.applicant");
  }
  if (!f.status.empty()) {
    // The effective status (feedback_flow.hpp): the enterprise's turn ends with its deadline.
    if (f.status == supply_status::unresolved) {
      w.sql += " AND (f.status = 'unresolved' OR (f.status IN ('pending_enterprise', 'enterprise_confirmed') "
               "AND f.deadline_day < ?))";
      w.args.emplace_back(today);
    } else if (is_deadline_status(f.status)) {
      w.sql += " AND f.status = ? AND f.deadline_day >= ?";
      w.args.emplace_back(f.status);
      w.args.emplace_back(today);
    } else {
      w.sql += " AND f.status = ?";
      w.args.emplace_back(f.status);
    }
  }
  return w;
}

constexpr const char* kOrder = " ORDER BY f.feedback_day DESC, f.id DESC";

}  // namespace

Result<FeedbackPage> list_feedback(Db& db, Services& svc, const Actor& actor, std::string_view menu,
                                   const FeedbackFilter& f, const Page& page) {
  const int64_t today = cst_day(svc.clock.now());
  IVD_ASSIGN_OR_RETURN(Where w, where_of(actor, menu, f, today));
  FeedbackPage out;
  out.page = page.page;
  out.page_size = page.page_size;
  IVD_ASSIGN_OR_RETURN(auto count, db.prepare("SELECT count(*) FROM supply_feedback f" + w.sql));
  w.bind(count);
  IVD_TRY(count.step());
  out.total = count.col_int(0);
  count.reset();
  if (out.total <= page.offset()) return out;
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(std::string(feedback_record_select()) + w.sql + kOrder + " LIMIT " +
                                           std::to_string(page.page_size) + " OFFSET " + std::to_string(page.offset())));
  w.bind(st);
  const auto cal = work_calendar();
  IVD_TRY(st.each([&](const Stmt& row) {
    out.items.push_back(feedback_row(read_feedback_record(row), actor, menu, today, *cal));
  }));
  return out;
}

Result<FeedbackExport> export_feedback(Db& db, Services& svc, const Actor& actor, const FeedbackFilter& f) {
  if (supply_side(actor, menu::supply_view) != SupplySide::viewer) return supply_role_forbidden();
  const int64_t now = svc.clock.now(), today = cst_day(now);
  IVD_ASSIGN_OR_RETURN(Where w, where_of(actor, menu::supply_view, f, today));
  IVD_ASSIGN_OR_RETURN(auto count, db.prepare("SELECT count(*) FROM supply_feedback f" + w.sql));
  w.bind(count);
  IVD_TRY(count.step());
  const int64_t total = count.col_int(0);
  count.reset();
  if (total > kExportMaxRows)
    return make_error(ErrorKind::unprocessable, "supply.export.too_many", {}, {std::to_string(kExportMaxRows)});

  FeedbackExport out;
  out.csv = "\xEF\xBB\xBF";  // UTF-8 with BOM: Excel reads the Chinese right
  out.csv += csv_record({"反馈日期", "流水号", "产品名称", "批次", "生产企业", "申报企业", "医疗机构编码", "医疗机构名称",
                         "所属区划", "问题类型", "问题描述", "发生日期", "联系人", "联系电话", "业务状态", "处理期限",
                         "剩余处理天数", "处理情况", "确认说明"});
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(std::string(feedback_record_select()) + w.sql + kOrder));
  w.bind(st);
  IVD_ASSIGN_OR_RETURN(auto region, db.prepare("SELECT name FROM regions WHERE code = ?"));
  std::map<std::string, std::string> region_names;
  const auto cal = work_calendar();
  IVD_TRY(st.each([&](const Stmt& row) -> Status {
    const FeedbackRecord r = read_feedback_record(row);
    const FeedbackRow fr = feedback_row(r, actor, menu::supply_view, today, *cal);
    auto [it, fresh] = region_names.emplace(r.city_code, "");
    if (fresh) {
      region.bind(1, r.city_code);
      IVD_ASSIGN_OR_RETURN(const bool found, region.step());
      if (found) it->second = region.col_text(0);
      region.reset();
    }
    out.csv += csv_record({fr.feedback_date, r.serial, r.product_name, r.batch, r.manufacturer, r.applicant,
                           r.hospital_code, r.hospital_name, it->second,
                           std::string(tr(Lang::zh, problem_type_label_id(r.problem_type))), r.description,
                           r.occurred_on, r.contact_name, r.contact_phone,
                           std::string(tr(Lang::zh, row_status_label_id(fr))), fr.deadline_date.value_or(""),
                           fr.remaining_days ? std::to_string(*fr.remaining_days) : "", r.handling, r.outcome_note});
    ++out.rows;
    return ok_status();
  }));
  std::string stamp = format_cst(now).substr(0, 10);
  out.filename = trf(Lang::zh, "supply.export.file", {stamp});
  return out;
}

}  // namespace ivd
