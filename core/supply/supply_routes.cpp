// [SECTION] request helpers
// [SECTION] products (国家中选项目)
// [SECTION] feedback (中选药品供应问题反馈, 中选药品供应问题反馈查看)
// [SECTION] files and calendar
// [SECTION] registration
#include "core/supply/supply_routes.hpp"

#include "core/base/base64.hpp"
#include "core/store/file_store.hpp"
#include "core/store/transaction.hpp"
#include "core/supply/deadline.hpp"
#include "core/supply/feedback_actions.hpp"
#include "core/supply/feedback_query.hpp"
#include "core/supply/feedback_store.hpp"
#include "core/supply/products.hpp"
#include "core/supply/supply_files.hpp"
#include "core/supply/supply_scope.hpp"
#include "core/supply/supply_types.hpp"

namespace ivd {

using nlohmann::json;

namespace {

// ---- [SECTION] request helpers ----------------------------------------------------------------------------
// A feedback id of the path. Anything that is not a positive number reads as id 0, which no feedback
// has: it is then refused exactly like any id the caller may not see (ids cannot be probed).
int64_t feedback_id(const ApiContext& c) {
  auto it = c.params.find("id");
  std::optional<int64_t> v = it == c.params.end() ? std::nullopt : parse_int(it->second);
  return v && *v > 0 ? *v : 0;
}

Result<bool> body_bool(const json& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return false;
  if (!it->is_boolean()) return make_error(ErrorKind::bad_request, "request.bad_field", field, {field});
  return it->get<bool>();
}

Result<std::string> body_text(const json& body, const char* field) {
  return body_string(body, field, /*required=*/false, kReasonMax * 4 + 64);
}

// Any supply menu at all (reading the product list, uploading).
Status require_supply_side(const Actor& a) {
  if (supply_side(a, menu::supply_feedback) == SupplySide::none && supply_side(a, menu::supply_view) == SupplySide::none)
    return supply_role_forbidden();
  return ok_status();
}

// ---- [SECTION] products ------------------------------------------------------------------------------------
void add_product_routes(Api& api) {
  api.add("GET", "/supply/products", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_TRY(require_supply_side(c.me()));
    IVD_ASSIGN_OR_RETURN(auto page, read_page(c.req.query));
    IVD_ASSIGN_OR_RETURN(auto products, query_products(c.db, product_filter_from_query(c.req.query), page));
    return json(products);
  });
  // {csv: "<text>"} or {csv_base64: "<file bytes>"} (UTF-8 with or without BOM, or GBK as Excel saves it).
  api.add("POST", "/supply/products/import", Access::user, [](ApiContext& c) -> Result<json> {
    if (supply_side(c.me(), menu::supply_feedback) != SupplySide::super_admin) return supply_role_forbidden();
    std::string bytes;
    if (c.body.contains("csv_base64")) {
      IVD_ASSIGN_OR_RETURN(auto b64, body_string(c.body, "csv_base64", true, 64u * 1024 * 1024));
      auto decoded = base64_decode(b64);
      if (!decoded) return make_error(ErrorKind::bad_request, "request.bad_field", "csv_base64", {"csv_base64"});
      bytes = std::move(*decoded);
    } else {
      IVD_ASSIGN_OR_RETURN(bytes, body_string(c.body, "csv", true, 48u * 1024 * 1024));
    }
    IVD_ASSIGN_OR_RETURN(auto counts, import_products(c.db, c.svc, c.me(), bytes));
    return json(counts);
  }, menu::supply_feedback).max_body(upload_body_limit(48u * 1024 * 1024));
}

// ---- [SECTION] feedback --------------------------------------------------------------------------------------
using Step = Result<FeedbackDetail> (*)(Db&, Services&, const Actor&, int64_t, int64_t);

void add_feedback_routes(Api& api) {
  // 查询 (each side in its scope; menu=supply.view: the province view).
  api.add("GET", "/supply/feedback", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto menu, menu_from_query(c.req.query));
    IVD_ASSIGN_OR_RETURN(auto page, read_page(c.req.query));
    IVD_ASSIGN_OR_RETURN(auto filter, feedback_filter_from_query(c.req.query));
    IVD_ASSIGN_OR_RETURN(auto list, list_feedback(c.db, c.svc, c.me(), menu, filter, page));
    return json(list);
  });
  // 新增反馈: 保存 (submit false) or 保存并提交 (submit true).
  api.add("POST", "/supply/feedback", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto in, feedback_input_from_body(c.body));
    IVD_ASSIGN_OR_RETURN(auto submit, body_bool(c.body, "submit"));
    IVD_ASSIGN_OR_RETURN(auto d, create_feedback(c.db, c.svc, c.me(), in, submit));
    return json(d);
  }, menu::supply_feedback);
  // 导出 of the province view: the filtered rows as CSV (UTF-8 with BOM).
  api.add("GET", "/supply/feedback/export", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto filter, feedback_filter_from_query(c.req.query));
    IVD_ASSIGN_OR_RETURN(auto out, export_feedback(c.db, c.svc, c.me(), filter));
    return json{{"filename", out.filename}, {"rows", out.rows}, {"csv_base64", base64_encode(out.csv)}};
  }, menu::supply_view);
  api.add("GET", "/supply/feedback/{id}", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto menu, menu_from_query(c.req.query));
    const int64_t id = feedback_id(c);
    IVD_ASSIGN_OR_RETURN(auto d, feedback_detail(c.db, c.svc, c.me(), menu, id));
    return json(d);
  });
  // 编辑 (待提交 only): {revision, ...FeedbackInput, submit}.
  api.add("PUT", "/supply/feedback/{id}", Access::user, [](ApiContext& c) -> Result<json> {
    const int64_t id = feedback_id(c);
    IVD_ASSIGN_OR_RETURN(auto rev, body_int(c.body, "revision"));
    IVD_ASSIGN_OR_RETURN(auto in, feedback_input_from_body(c.body));
    IVD_ASSIGN_OR_RETURN(auto submit, body_bool(c.body, "submit"));
    IVD_ASSIGN_OR_RETURN(auto d, update_feedback(c.db, c.svc, c.me(), id, rev, in, submit));
    return json(d);
  }, menu::supply_feedback);
  // {revision}: 提交, 撤回, 企业 提交.
  const std::pair<const char*, Step> steps[] = {
      {"/supply/feedback/{id}/submit", &submit_feedback},
      {"/supply/feedback/{id}/withdraw", &withdraw_feedback},
      {"/supply/feedback/{id}/deliver", &deliver_feedback},
  };
  for (const auto& entry : steps) {
    const Step step = entry.second;  // a plain variable: clang 14 cannot capture structured bindings
    api.add("POST", entry.first, Access::user, [step](ApiContext& c) -> Result<json> {
      const int64_t id = feedback_id(c);
      IVD_ASSIGN_OR_RETURN(auto rev, body_int(c.body, "revision"));
      IVD_ASSIGN_OR_RETURN(auto d, step(c.db, c.svc, c.me(), id, rev));
      return json(d);
    }, menu::supply_feedback);
  }
  // 管理机构 确认 / 退回: {revision, decision: confirm|return, interview_file_id?, reason?}.
  api.add("POST", "/supply/feedback/{id}/review", Access::user, [](ApiContext& c) -> Result<json> {
    const int64_t id = feedback_id(c);
    IVD_ASSIGN_OR_RETURN(auto rev, body_int(c.body, "revision"));
    IVD_ASSIGN_OR_RETURN(auto decision, body_string(c.body, "decision", true, 40));
    ReviewInput in;
    if (decision == "confirm") in.decision = ReviewDecision::confirm;
    else if (decision == "return") in.decision = ReviewDecision::ret;
    else return make_error(ErrorKind::bad_request, "request.bad_field", "decision", {"decision"});
    if (auto it = c.body.find("interview_file_id"); it != c.body.end() && !it->is_null()) {
      // Not a number: the answer of a file that is not the admin's (ids cannot be probed).
      if (!it->is_number_integer())
        return make_error(ErrorKind::bad_request, "request.bad_field", "interview_file_id", {"interview_file_id"});
      in.interview_file_id = it->get<int64_t>();
    }
    IVD_ASSIGN_OR_RETURN(in.reason, body_text(c.body, "reason"));
    IVD_ASSIGN_OR_RETURN(auto d, review_feedback(c.db, c.svc, c.me(), id, rev, in));
    return json(d);
  }, menu::supply_feedback);
  // 企业 确认 / 确认并提交: {revision, handling, submit}.
  api.add("POST", "/supply/feedback/{id}/answer", Access::user, [](ApiContext& c) -> Result<json> {
    const int64_t id = feedback_id(c);
    IVD_ASSIGN_OR_RETURN(auto rev, body_int(c.body, "revision"));
    IVD_ASSIGN_OR_RETURN(auto handling, body_text(c.body, "handling"));
    IVD_ASSIGN_OR_RETURN(auto submit, body_bool(c.body, "submit"));
    IVD_ASSIGN_OR_RETURN(auto d, answer_feedback(c.db, c.svc, c.me(), id, rev, handling, submit));
    return json(d);
  }, menu::supply_feedback);
  // 医疗机构 确认: {revision, result: resolved|unresolved, note?}.
  api.add("POST", "/supply/feedback/{id}/outcome", Access::user, [](ApiContext& c) -> Result<json> {
    const int64_t id = feedback_id(c);
    IVD_ASSIGN_OR_RETURN(auto rev, body_int(c.body, "revision"));
    IVD_ASSIGN_OR_RETURN(auto result, body_string(c.body, "result", true, 40));
    if (result != supply_status::resolved && result != supply_status::unresolved)
      return make_error(ErrorKind::bad_request, "request.bad_field", "result", {"result"});
    IVD_ASSIGN_OR_RETURN(auto note, body_text(c.body, "note"));
    IVD_ASSIGN_OR_RETURN(auto d, record_outcome(c.db, c.svc, c.me(), id, rev, result == supply_status::resolved, note));
    return json(d);
  }, menu::supply_feedback);
}

// ---- [SECTION] files and calendar -----------------------------------------------------------------------------
void add_file_routes(Api& api) {
  // Attachments (hospital) and 约谈记录 (admin): {name, content_base64}; PDF, PNG or JPEG by content,
  // 20 MB. The answer is the reference; the file is attached by sending its id with the feedback.
  api.add("POST", "/supply/files", Access::user, [](ApiContext& c) -> Result<json> {
    if (!c.svc.files) return make_error(ErrorKind::internal, "ivd.file.store_unavailable");
    IVD_TRY(require_supply_side(c.me()));
    IVD_ASSIGN_OR_RETURN(auto name, body_string(c.body, "name", true, 255));
    auto text = body_string(c.body, "content_base64", true, (kMaxUploadBytes / 3 + 2) * 4);
    if (!text) {
      if (text.error().code == "request.too_long")
        return make_error(ErrorKind::too_large, "ivd.file.too_large", "content_base64",
                          {std::to_string(kMaxUploadBytes / (1024 * 1024))});
      return text.error();
    }
    auto bytes = base64_decode(*text);
    if (!bytes) return make_error(ErrorKind::bad_request, "request.bad_field", "content_base64", {"content_base64"});
    return transaction(c.db, [&]() -> Result<json> {
      IVD_ASSIGN_OR_RETURN(auto f, register_upload(c.db, c.me(), *bytes, name, c.svc.clock.now()));
      IVD_TRY(c.svc.files->put(f.sha256, *bytes));  // a failed write rolls the reference back
      return file_ref_to_json(f);
    });
  }).max_body(upload_body_limit(kMaxUploadBytes));
  api.add("GET", "/supply/files/{fid}/content", Access::user, [](ApiContext& c) -> Result<json> {
    if (!c.svc.files) return make_error(ErrorKind::internal, "ivd.file.store_unavailable");
    auto it = c.params.find("fid");
    std::optional<int64_t> id = it == c.params.end() ? std::nullopt : parse_int(it->second);
    if (!id || *id <= 0) {
      IVD_TRY(require_supply_side(c.me()));
      return supply_scope_forbidden();
    }
    IVD_ASSIGN_OR_RETURN(auto f, authorize_supply_file_read(c.db, c.me(), *id));
    IVD_ASSIGN_OR_RETURN(auto bytes, c.svc.files->get(f.sha256));
    json j = file_ref_to_json(f);
    j["content_base64"] = base64_encode(bytes);
    return j;
  });
  // The working-day calendar in force (core/base/work_calendar.hpp): the years it covers and today;
  // administrators are warned when a year within the next month is not covered (counting falls back to
  // weekends only there), others get no warning.
  api.add("GET", "/supply/calendar", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_TRY(require_supply_side(c.me()));
    const auto cal = work_calendar();
    json j = calendar_info(*cal, cst_day(c.svc.clock.now()));
    if (c.me().user_type != "admin") j.erase("warning");
    return j;
  });
}

}  // namespace

// ---- [SECTION] registration ----------------------------------------------------------------------------------
void register_supply_routes(Api& api) {
  add_product_routes(api);
  add_feedback_routes(api);
  add_file_routes(api);
}

}  // namespace ivd
