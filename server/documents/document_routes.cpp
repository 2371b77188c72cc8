#include "server/documents/document_routes.hpp"

#include "core/base/base64.hpp"
#include "server/documents/producers.hpp"

namespace ivd::documents {

using nlohmann::json;

namespace {

json file_answer(const Document& d) {
  return {{"name", d.filename}, {"content_type", d.content_type}, {"content_base64", base64_encode(d.bytes)}};
}

std::string param(const ApiContext& c, const char* name) {
  auto it = c.params.find(name);
  return it == c.params.end() ? std::string() : it->second;
}

// The language of the document: ?lang=en, else Chinese (the documents are printed, signed and stamped
// for Chinese offices).
json base_params(const ApiContext& c) {
  json p = json::object();
  p["project_id"] = param(c, "pid");
  auto it = c.req.query.find("lang");
  if (it != c.req.query.end()) p["lang"] = it->second;
  return p;
}

// A path id that is not a number answers like a missing record (route.not_found), never 400.
Result<json> with_id(json p, const char* key, const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
    return make_error(ErrorKind::not_found, "route.not_found");
  p[key] = text;
  return p;
}

Result<json> run(ApiContext& c, const Producer& produce, const json& params) {
  Progress progress;
  IVD_ASSIGN_OR_RETURN(auto doc, produce(c.db, c.svc, c.me(), params, progress));
  return file_answer(doc);
}

}  // namespace

void register_document_routes(Api& api) {
  api.add("GET", "/ivd/projects/{pid}/sheet/certificates/pdf", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto p, with_id(base_params(c), "project_id", param(c, "pid")));
    return run(c, produce_fill_pdf, p);
  }, menu::ivd_fill);
  api.add("GET", "/ivd/projects/{pid}/hospitals/{hid}/sheet/certificates/pdf", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto p, with_id(base_params(c), "project_id", param(c, "pid")));
    IVD_ASSIGN_OR_RETURN(p, with_id(std::move(p), "hospital_id", param(c, "hid")));
    return run(c, produce_fill_pdf, p);
  });
  api.add("GET", "/ivd/projects/{pid}/provinces/{prov}/certificates/pdf", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto p, with_id(base_params(c), "project_id", param(c, "pid")));
    p["province"] = param(c, "prov");
    return run(c, produce_province_pdf, p);
  });
  // 目录下载 as XLSX (the CSV is built in the browser from the catalog route).
  api.add("GET", "/ivd/projects/{pid}/catalog/xlsx", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto p, with_id(base_params(c), "project_id", param(c, "pid")));
    return run(c, produce_catalog_xlsx, p);
  });
  // 中选药品供应问题反馈查看's 导出 as XLSX: the list's query, as for the CSV (GET /supply/feedback/export).
  api.add("GET", "/supply/feedback/export/xlsx", Access::user, [](ApiContext& c) -> Result<json> {
    json query = json::object();
    for (const auto& [k, v] : c.req.query) query[k] = v;
    return run(c, produce_feedback_xlsx, json{{"query", query}});
  }, menu::supply_view);
  api.add("GET", "/ivd/projects/{pid}/commitment-template", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto p, with_id(base_params(c), "project_id", param(c, "pid")));
    return run(c, produce_commitment_pdf, p);
  });
}

}  // namespace ivd::documents
