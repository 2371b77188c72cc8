#include "core/exports/export_routes.hpp"

#include "core/exports/export_jobs.hpp"
#include "core/exports/export_kinds.hpp"

namespace ivd {

using nlohmann::json;

namespace {

// A job id of the path. Anything that is not a positive number reads as 0, which no job has: it is
// refused exactly like another user's job (ids cannot be probed).
int64_t job_id(const ApiContext& c) {
  auto it = c.params.find("id");
  std::optional<int64_t> v = it == c.params.end() ? std::nullopt : parse_int(it->second);
  return v && *v > 0 ? *v : 0;
}

}  // namespace

void register_export_routes(Api& api) {
  // 导出列表: the caller's jobs, newest first; running = how many of them are 生成中.
  api.add("GET", "/exports", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto page, read_page(c.req.query));
    IVD_ASSIGN_OR_RETURN(auto p, list_exports(c.db, c.me(), page));
    IVD_ASSIGN_OR_RETURN(auto days, export_retention_days(c.db));
    return json{{"total", p.total}, {"running", p.running}, {"items", p.items},
                {"kinds", startable_export_kinds(c.me())}, {"retention_days", days}};
  }, menu::exports);
  // Start a job: {kind, params, title}. Answers the job (生成中); the server's runner produces the file.
  api.add("POST", "/exports", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto kind, body_string(c.body, "kind", true, 60));
    IVD_ASSIGN_OR_RETURN(auto title, body_string(c.body, "title", false, kMaxExportTitleBytes));
    json params = c.body.contains("params") ? c.body["params"] : json::object();
    IVD_ASSIGN_OR_RETURN(auto job, start_export(c.db, c.me(), kind, params, title, c.svc.clock.now()));
    return json(job);
  }, menu::exports);
  api.add("GET", "/exports/{id}", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto job, own_export(c.db, c.me(), job_id(c)));
    return json(job);
  }, menu::exports);
  // Where the finished file is: the server's GET /exports/{id}/download streams it from there.
  api.add("GET", "/exports/{id}/file", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto f, own_export_file(c.db, c.me(), job_id(c)));
    return json{{"key", f.key}, {"file_name", f.file_name}, {"content_type", f.content_type}, {"size", f.size}};
  }, menu::exports);
  api.add("DELETE", "/exports/{id}", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_TRY(delete_export(c.db, c.me(), job_id(c)));
    return json{{"deleted", true}};
  }, menu::exports);
}

}  // namespace ivd
