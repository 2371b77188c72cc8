// [SECTION] request helpers
// [SECTION] route groups: projects and catalog (报量项目配置)
// [SECTION] hospital routes (填报)
// [SECTION] city routes (市级审核)
// [SECTION] province routes (省级审核)
// [SECTION] national routes (全国)
// [SECTION] file routes (uploads, downloads)
// [SECTION] registration
#include "core/ivd/ivd_routes.hpp"

#include "core/base/base64.hpp"
#include "core/store/file_store.hpp"
#include "core/ivd/aggregates.hpp"
#include "core/ivd/catalog.hpp"
#include "core/ivd/files.hpp"
#include "core/ivd/home.hpp"
#include "core/ivd/project.hpp"
#include "core/ivd/review.hpp"
#include "core/ivd/scope.hpp"
#include "core/ivd/sheet_full.hpp"
#include "core/ivd/sheet_store.hpp"

namespace ivd {

using nlohmann::json;

namespace {

// ---- [SECTION] request helpers -------------------------------------------------------------------------------

Result<int64_t> path_id(const ApiContext& c, const char* name) {
  auto it = c.params.find(name);
  std::optional<int64_t> v = it == c.params.end() ? std::nullopt : parse_int(it->second);
  if (!v || *v <= 0) return make_error(ErrorKind::not_found, "route.not_found");
  return *v;
}

std::string path_code(const ApiContext& c, const char* name) {
  auto it = c.params.find(name);
  return it == c.params.end() ? std::string() : it->second;
}

Status require_ivd_menu(const Actor& a) {
  if (holds_any_ivd_menu(a)) return ok_status();
  return ivd_error(ErrorKind::forbidden, "ivd.role.forbidden");
}

Result<Project> visible_project(ApiContext& c) {
  IVD_TRY(require_ivd_menu(c.me()));
  IVD_ASSIGN_OR_RETURN(auto id, path_id(c, "pid"));
  return load_visible_project(c.db, c.me(), id);
}

Result<std::string> opt_reason(const json& body) { return body_string(body, "reason", /*required=*/false, 4000); }

Result<Decision> body_decision(const json& body) {
  IVD_ASSIGN_OR_RETURN(auto d, body_string(body, "decision", true, 40));
  auto v = parse_decision(d);
  if (!v) return make_error(ErrorKind::bad_request, "request.bad_field", "decision", {"decision"});
  return *v;
}

json save_result_json(const SaveResult& r, const Project& p, int64_t now) {
  return {{"sheet", sheet_header_to_json(r.header, p, now)}, {"report", to_json(r.report)}};
}

// The sheet of hospital hid for reading, with the scope check (SPEC §4: only users who may see it).
struct SheetView {
  Project project;
  SheetHeader sheet;
};
Result<SheetView> readable_sheet(ApiContext& c, std::optional<int64_t> hospital_id) {
  IVD_ASSIGN_OR_RETURN(auto p, visible_project(c));
  const bool own = !hospital_id;
  if (!hospital_id) {  // the hospital's own sheet
    if (c.me().role != Role::hospital || !c.me().institution_id) return ivd_error(ErrorKind::forbidden, "ivd.role.forbidden");
    hospital_id = *c.me().institution_id;
  }
  IVD_TRY(transaction(c.db, [&] { return ensure_project_rows(c.db, p.id, c.svc.clock.now()); }));
  auto h = load_sheet_header(c.db, p.id, *hospital_id);
  // A hospital that does not take part (or does not exist) answers like one out of scope: ids cannot
  // be probed.
  if (!h && h.error().code == "ivd.sheet.not_found" && !own) return ivd_error(ErrorKind::forbidden, "ivd.scope.forbidden");
  if (!h) return h.error();
  IVD_TRY(check_sheet_read(c.me(), {h->hospital_id, h->city_code, h->province_code}));
  return SheetView{std::move(p), std::move(*h)};
}

Result<json> sheet_detail(ApiContext& c, const SheetView& v) {
  json j = sheet_header_to_json(v.sheet, v.project, c.svc.clock.now());
  IVD_ASSIGN_OR_RETURN(auto st, c.db.prepare(
      "SELECT d.cert, f.id, f.original_name, f.content_type, f.size FROM ivd_sheet_cert_docs d JOIN files f ON f.id = d.file_id "
      "WHERE d.sheet_id = ? ORDER BY d.cert"));
  st.bind(1, v.sheet.id);
  json docs = json::array();
  IVD_TRY(st.each([&](const Stmt& row) {
    docs.push_back({{"certificate", row.col_text(0)},
                    {"file_id", row.col_int(1)},
                    {"name", row.col_text(2)},
                    {"content_type", row.col_text(3)},
                    {"size", row.col_int(4)}});
  }));
  j["instrument_docs"] = std::move(docs);
  for (const char* key : {"commitment_letter", "demand_attachment"}) {
    if (j[key].is_null()) continue;
    auto f = load_file(c.db, j[key].get<int64_t>());
    if (f) j[std::string(key) + "_file"] = file_ref_to_json(*f);
  }
  IVD_ASSIGN_OR_RETURN(auto report, validate_stored_sheet(c.db, v.project, v.sheet, SheetMode::draft));
  j["report"] = {{"mode", "draft"}, {"errors", report.errors}, {"warnings", report.warnings}};
  return j;
}

// The version of a project's catalog: the id of the project's last event. The catalog changes only
// through the catalog import, which records a catalog_import event (catalog.cpp), and 统一配置 records
// one too.
Result<int64_t> catalog_version(Db& db, int64_t project_id) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT coalesce(max(id), 0) FROM events WHERE entity = ? AND entity_id = ?"));
  st.bind_all(ivd_entity::project, std::to_string(project_id));
  IVD_ASSIGN_OR_RETURN(const bool row, st.step());
  return row ? st.col_int(0) : 0;
}

// 查询 of a sheet's lines, served from the Api's response cache when nothing it is built from has
// changed. The answer (query_sheet_lines) depends on the sheet's lines, 注册证 documents and submission
// fields (all of which move the sheet's revision), on the project's threshold (its revision) and on the
// catalog (catalog_version), and on the query — never on who asks, whose scope readable_sheet has
// already checked. Versions and data are read in the same snapshot, so an entry is never newer or
// older than the version it is stored under.
// A sheet answer from the Api's response cache when nothing it is built from has changed: the sheet's
// revision, the project's revision (threshold, times), the catalog (catalog_version) and the query;
// never who asks (readable_sheet has checked the scope). Versions and data are read in the same
// snapshot, so an entry is never newer or older than the version it is stored under.
template <class Build>
Result<json> cached_sheet_reply(ApiContext& c, const SheetView& v, const char* what, Build build,
                                std::string version = {}) {
  if (!c.cache) return build();
  IVD_ASSIGN_OR_RETURN(const int64_t catalog, catalog_version(c.db, v.project.id));
  std::string key = what;
  key.append("/").append(std::to_string(v.sheet.id));
  for (const auto& [k, value] : c.req.query) {  // sorted; length-prefixed so no two queries share a key
    for (const std::string* part : {&k, &value}) {
      key.append("/").append(std::to_string(part->size())).append(":").append(*part);
    }
  }
  for (const int64_t n : {v.sheet.hospital_id, v.sheet.revision, v.project.id, v.project.revision, catalog})
    version.append(std::to_string(n)).append("/");
  if (auto bytes = c.cache->find(key, version)) return c.reply_bytes(std::move(bytes));
  IVD_ASSIGN_OR_RETURN(json j, build());
  auto bytes = std::make_shared<const std::string>(dump_json(j));
  c.cache->put(key, version, bytes);
  return c.reply_bytes(std::move(bytes));
}

// 查询 of a sheet's lines (query_sheet_lines), cached.
Result<json> sheet_lines_reply(ApiContext& c, const SheetView& v, const LineQuery& q) {
  return cached_sheet_reply(c, v, "ivd.sheet.lines", [&] { return query_sheet_lines(c.db, v.project, v.sheet, q); });
}

// The whole sheet for the editor (sheet_full.hpp), cached. Its header says whether the sheet is
// editable now, which the clock decides: that answer is part of the version.
Result<json> sheet_full_reply(ApiContext& c, const SheetView& v) {
  const int64_t now = c.svc.clock.now();
  auto editable = check_editable(v.project, v.sheet, now);
  std::string version = editable.ok() ? "editable/" : editable.error().code + "/";
  return cached_sheet_reply(c, v, "ivd.sheet.full", [&]() -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto full, load_full_sheet(c.db, v.project, v.sheet, now));
    return json(full);
  }, std::move(version));
}

void add_sheet_read_routes(Api& api, const std::string& base, bool own) {
  auto hid = [own](ApiContext& c) -> Result<std::optional<int64_t>> {
    if (own) return std::optional<int64_t>();
    IVD_ASSIGN_OR_RETURN(auto id, path_id(c, "hid"));
    return std::optional<int64_t>(id);
  };
  const std::string menu = own ? menu::ivd_fill : "";
  api.add("GET", base, Access::user, [hid](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto h, hid(c));
    IVD_ASSIGN_OR_RETURN(auto v, readable_sheet(c, h));
    return sheet_detail(c, v);
  }, menu);
  api.add("GET", base + "/lines", Access::user, [hid](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto h, hid(c));
    IVD_ASSIGN_OR_RETURN(auto page, read_page(c.req.query));
    IVD_ASSIGN_OR_RETURN(auto v, readable_sheet(c, h));  // the scope check, on every request
    return sheet_lines_reply(c, v, line_query_from_query(c.req.query, page));
  }, menu);
  // The whole sheet in one answer, for the sheet editor (sheet_full.hpp).
  api.add("GET", base + "/full", Access::user, [hid](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto h, hid(c));
    IVD_ASSIGN_OR_RETURN(auto v, readable_sheet(c, h));
    return sheet_full_reply(c, v);
  }, menu);
  api.add("GET", base + "/events", Access::user, [hid](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto h, hid(c));
    IVD_ASSIGN_OR_RETURN(auto v, readable_sheet(c, h));
    IVD_ASSIGN_OR_RETURN(auto events, sheet_events(c.db, v.sheet));
    return json{{"sheet", sheet_header_to_json(v.sheet, v.project, c.svc.clock.now())},
                {"events", events_to_json(events)}};
  }, menu);
  api.add("GET", base + "/certificates", Access::user, [hid](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto h, hid(c));
    IVD_ASSIGN_OR_RETURN(auto v, readable_sheet(c, h));
    return sheet_by_certificate(c.db, v.project, v.sheet);
  }, menu);
}

json cert_rows_json(const std::vector<CertTotalRow>& rows) { return rows; }

// ---- [SECTION] route groups ----------------------------------------------------------------------------------

void add_project_routes(Api& api) {
  // 报量项目配置: 查询 (every IVD user sees the projects its province takes part in).
  api.add("GET", "/ivd/projects", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_TRY(require_ivd_menu(c.me()));
    IVD_ASSIGN_OR_RETURN(auto page, read_page(c.req.query));
    ProjectFilter f;
    f.name = query_text(c.req.query, "name");
    f.status = query_text(c.req.query, "status");
    if (auto y = query_text(c.req.query, "year"); !y.empty()) {
      f.year = parse_int(y);
      if (!f.year) return make_error(ErrorKind::bad_request, "request.bad_field", "year", {"year"});
    }
    const int64_t now = c.svc.clock.now();
    IVD_ASSIGN_OR_RETURN(auto list, list_projects(c.db, c.me(), now, f, page));
    json items = json::array();
    for (const auto& p : list.items) items.push_back(project_to_json(p, now));
    return json{{"total", list.total}, {"page", page.page}, {"page_size", page.page_size}, {"items", items}};
  });
  // 新增
  api.add("POST", "/ivd/projects", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto in, project_input_from_json(c.body));
    IVD_ASSIGN_OR_RETURN(auto p, create_project(c.db, c.svc, c.me(), in));
    return project_to_json(p, c.svc.clock.now());
  }, menu::ivd_config);
  api.add("GET", "/ivd/projects/{pid}", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto p, visible_project(c));
    json j = project_to_json(p, c.svc.clock.now());
    IVD_ASSIGN_OR_RETURN(auto n, catalog_size(c.db, p.id));
    j["catalog_size"] = n;
    return j;
  });
  // 统一配置
  api.add("PUT", "/ivd/projects/{pid}", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto id, path_id(c, "pid"));
    IVD_ASSIGN_OR_RETURN(auto rev, body_int(c.body, "revision"));
    IVD_ASSIGN_OR_RETURN(auto in, project_input_from_json(c.body));
    IVD_ASSIGN_OR_RETURN(auto p, update_project(c.db, c.svc, c.me(), id, rev, in));
    return project_to_json(p, c.svc.clock.now());
  }, menu::ivd_config);
  api.add("GET", "/ivd/projects/{pid}/events", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_TRY(check_project_config(c.me()));
    IVD_ASSIGN_OR_RETURN(auto p, visible_project(c));
    IVD_ASSIGN_OR_RETURN(auto events, load_events(c.db, ivd_entity::project, std::to_string(p.id)));
    return json{{"events", events_to_json(events)}};
  }, menu::ivd_config);

  // Catalog import: {"csv": "<text>"} or {"csv_base64": "<file bytes>"} (GBK files as Excel saves them).
  api.add("POST", "/ivd/projects/{pid}/catalog/import", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto id, path_id(c, "pid"));
    std::string bytes;
    if (c.body.contains("csv_base64")) {
      IVD_ASSIGN_OR_RETURN(auto b64, body_string(c.body, "csv_base64", true, 64u * 1024 * 1024));
      auto decoded = base64_decode(b64);
      if (!decoded) return make_error(ErrorKind::bad_request, "request.bad_field", "csv_base64", {"csv_base64"});
      bytes = std::move(*decoded);
    } else {
      IVD_ASSIGN_OR_RETURN(auto text, body_string(c.body, "csv", true, 48u * 1024 * 1024));
      bytes = std::move(text);
    }
    IVD_ASSIGN_OR_RETURN(auto counts, import_catalog_csv(c.db, c.svc, c.me(), id, bytes));
    return json{{"inserted", counts.inserted}, {"updated", counts.updated}, {"unchanged", counts.unchanged}};
  }, menu::ivd_config);
  // Catalog query by any column, with paging.
  api.add("GET", "/ivd/projects/{pid}/catalog", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto p, visible_project(c));
    IVD_ASSIGN_OR_RETURN(auto page, read_page(c.req.query));
    IVD_ASSIGN_OR_RETURN(auto rows, query_catalog(c.db, p.id, catalog_filter_from_query(c.req.query), page));
    json items = json::array();
    for (const auto& r : rows.items) items.push_back(catalog_row_to_json(r));
    return json{{"total", rows.total}, {"page", page.page}, {"page_size", page.page_size}, {"items", items}};
  });
  // 目录下载: the whole catalog by 流水号.
  api.add("GET", "/ivd/projects/{pid}/catalog/all", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto p, visible_project(c));
    IVD_ASSIGN_OR_RETURN(auto rows, all_catalog_rows(c.db, p.id));
    json items = json::array();
    for (const auto& r : rows) items.push_back(catalog_row_to_json(r));
    return json{{"total", rows.size()}, {"items", items}};
  });
}

// ---- [SECTION] hospital routes (填报) ----------------------------------------
void add_hospital_routes(Api& api) {
  add_sheet_read_routes(api, "/ivd/projects/{pid}/sheet", /*own=*/true);
  // 暂存
  api.add("POST", "/ivd/projects/{pid}/sheet/draft", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto id, path_id(c, "pid"));
    IVD_ASSIGN_OR_RETURN(auto patch, sheet_patch_from_json(c.body));
    IVD_ASSIGN_OR_RETURN(auto r, save_draft(c.db, c.svc, c.me(), id, patch));
    IVD_ASSIGN_OR_RETURN(auto p, load_project(c.db, id));
    return save_result_json(r, p, c.svc.clock.now());
  }, menu::ivd_fill);
  // 提交
  api.add("POST", "/ivd/projects/{pid}/sheet/submit", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto id, path_id(c, "pid"));
    IVD_ASSIGN_OR_RETURN(auto patch, sheet_patch_from_json(c.body));
    IVD_ASSIGN_OR_RETURN(auto r, submit_sheet(c.db, c.svc, c.me(), id, patch));
    IVD_ASSIGN_OR_RETURN(auto p, load_project(c.db, id));
    return save_result_json(r, p, c.svc.clock.now());
  }, menu::ivd_fill);
  // Any hospital's sheet, read-only (city / province / national drill-down).
  add_sheet_read_routes(api, "/ivd/projects/{pid}/hospitals/{hid}/sheet", /*own=*/false);
}

using HospitalStep = Result<SheetHeader> (*)(Db&, Services&, const Actor&, int64_t, int64_t, int64_t);

// ---- [SECTION] city routes (市级审核) ----------------------------------------
void add_city_routes(Api& api) {
  // City list (also the province's city detail and the national drill-down): data only on 查询.
  api.add("GET", "/ivd/projects/{pid}/cities/{city}/hospitals", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto p, visible_project(c));
    IVD_ASSIGN_OR_RETURN(auto page, read_page(c.req.query));
    HospitalFilter f{query_text(c.req.query, "name"), query_text(c.req.query, "code"), query_text(c.req.query, "status")};
    return list_city_hospitals(c.db, c.svc, c.me(), p, path_code(c, "city"), f, page);
  });
  const std::pair<const char*, HospitalStep> steps[] = {
      {"/ivd/projects/{pid}/hospitals/{hid}/exclude", &exclude_hospital},  // 取消上报
      {"/ivd/projects/{pid}/hospitals/{hid}/include", &include_hospital},  // 上报
      {"/ivd/projects/{pid}/hospitals/{hid}/review/withdraw", &withdraw_hospital_review},  // 审核撤回
  };
  for (const auto& entry : steps) {
    const HospitalStep step = entry.second;  // a plain variable: clang 14 cannot capture structured bindings
    api.add("POST", entry.first, Access::user, [step](ApiContext& c) -> Result<json> {
      IVD_ASSIGN_OR_RETURN(auto pid, path_id(c, "pid"));
      IVD_ASSIGN_OR_RETURN(auto hid, path_id(c, "hid"));
      IVD_ASSIGN_OR_RETURN(auto rev, body_int(c.body, "revision"));
      IVD_ASSIGN_OR_RETURN(auto h, step(c.db, c.svc, c.me(), pid, hid, rev));
      IVD_ASSIGN_OR_RETURN(auto p, load_project(c.db, pid));
      return sheet_header_to_json(h, p, c.svc.clock.now());
    }, menu::ivd_review);
  }
  // 审核: {revision, decision: approve|reject, reason}
  api.add("POST", "/ivd/projects/{pid}/hospitals/{hid}/review", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto pid, path_id(c, "pid"));
    IVD_ASSIGN_OR_RETURN(auto hid, path_id(c, "hid"));
    IVD_ASSIGN_OR_RETURN(auto rev, body_int(c.body, "revision"));
    IVD_ASSIGN_OR_RETURN(auto d, body_decision(c.body));
    IVD_ASSIGN_OR_RETURN(auto reason, opt_reason(c.body));
    IVD_ASSIGN_OR_RETURN(auto h, review_hospital(c.db, c.svc, c.me(), pid, hid, rev, d, reason));
    IVD_ASSIGN_OR_RETURN(auto p, load_project(c.db, pid));
    return sheet_header_to_json(h, p, c.svc.clock.now());
  }, menu::ivd_review);
  // 提交 to the province.
  api.add("POST", "/ivd/projects/{pid}/cities/{city}/submit", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto pid, path_id(c, "pid"));
    IVD_ASSIGN_OR_RETURN(auto rev, body_int(c.body, "revision"));
    IVD_ASSIGN_OR_RETURN(auto r, submit_city(c.db, c.svc, c.me(), pid, path_code(c, "city"), rev));
    return city_report_to_json(r);
  }, menu::ivd_review);
  api.add("GET", "/ivd/projects/{pid}/cities/{city}/events", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto p, visible_project(c));
    IVD_ASSIGN_OR_RETURN(auto city, load_city_report(c.db, p.id, path_code(c, "city")));
    IVD_TRY(check_city_read(c.me(), city.city_code, city.province_code));
    IVD_ASSIGN_OR_RETURN(auto events, load_events(c.db, ivd_entity::city, region_entity_id(p.id, city.city_code)));
    return json{{"city", city_report_to_json(city)}, {"events", events_to_json(events)}};
  });
}

// ---- [SECTION] province routes (省级审核) ----------------------------------------
void add_province_routes(Api& api) {
  api.add("GET", "/ivd/projects/{pid}/provinces/{prov}/cities", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto p, visible_project(c));
    RegionFilter f{query_text(c.req.query, "name"), query_text(c.req.query, "status")};
    return list_province_cities(c.db, c.svc, c.me(), p, path_code(c, "prov"), f);
  });
  api.add("POST", "/ivd/projects/{pid}/cities/{city}/review", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto pid, path_id(c, "pid"));
    IVD_ASSIGN_OR_RETURN(auto rev, body_int(c.body, "revision"));
    IVD_ASSIGN_OR_RETURN(auto d, body_decision(c.body));
    IVD_ASSIGN_OR_RETURN(auto reason, opt_reason(c.body));
    IVD_ASSIGN_OR_RETURN(auto r, review_city(c.db, c.svc, c.me(), pid, path_code(c, "city"), rev, d, reason));
    return city_report_to_json(r);
  }, menu::ivd_review);
  api.add("POST", "/ivd/projects/{pid}/cities/{city}/review/withdraw", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto pid, path_id(c, "pid"));
    IVD_ASSIGN_OR_RETURN(auto rev, body_int(c.body, "revision"));
    IVD_ASSIGN_OR_RETURN(auto r, withdraw_city_review(c.db, c.svc, c.me(), pid, path_code(c, "city"), rev));
    return city_report_to_json(r);
  }, menu::ivd_review);
  // 提交 to the nation: {revision, summary_file_id} (the stamped summary, uploaded first).
  api.add("POST", "/ivd/projects/{pid}/provinces/{prov}/submit", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto pid, path_id(c, "pid"));
    IVD_ASSIGN_OR_RETURN(auto rev, body_int(c.body, "revision"));
    std::optional<int64_t> file;
    if (c.body.contains("summary_file_id") && !c.body["summary_file_id"].is_null()) {
      IVD_ASSIGN_OR_RETURN(auto f, body_int(c.body, "summary_file_id"));
      file = f;
    }
    IVD_ASSIGN_OR_RETURN(auto r, submit_province(c.db, c.svc, c.me(), pid, path_code(c, "prov"), rev, file));
    return province_report_to_json(r);
  }, menu::ivd_review);
  // 汇总数据导出 data: the province summed by 注册证.
  api.add("GET", "/ivd/projects/{pid}/provinces/{prov}/certificates", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto p, visible_project(c));
    const std::string prov = path_code(c, "prov");
    IVD_TRY(check_province_read(c.me(), prov));
    IVD_ASSIGN_OR_RETURN(auto rows, cert_totals(c.db, p.id, prov));
    return json{{"total", rows.size()}, {"items", cert_rows_json(rows)}};
  });
  api.add("GET", "/ivd/projects/{pid}/provinces/{prov}/events", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto p, visible_project(c));
    const std::string prov = path_code(c, "prov");
    IVD_TRY(check_province_read(c.me(), prov));
    IVD_ASSIGN_OR_RETURN(auto report, load_province_report(c.db, p.id, prov));
    IVD_ASSIGN_OR_RETURN(auto events, load_events(c.db, ivd_entity::province, region_entity_id(p.id, prov)));
    return json{{"province", province_report_to_json(report)}, {"events", events_to_json(events)}};
  });
}

// ---- [SECTION] national routes (全国) ----------------------------------------
void add_national_routes(Api& api) {
  api.add("GET", "/ivd/projects/{pid}/provinces", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto p, visible_project(c));
    RegionFilter f{query_text(c.req.query, "name"), query_text(c.req.query, "status")};
    return list_national_provinces(c.db, c.svc, c.me(), p, f);
  }, menu::ivd_national);
  // 撤回: {revision, reason}
  api.add("POST", "/ivd/projects/{pid}/provinces/{prov}/withdraw", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto pid, path_id(c, "pid"));
    IVD_ASSIGN_OR_RETURN(auto rev, body_int(c.body, "revision"));
    IVD_ASSIGN_OR_RETURN(auto reason, opt_reason(c.body));
    IVD_ASSIGN_OR_RETURN(auto r, withdraw_province(c.db, c.svc, c.me(), pid, path_code(c, "prov"), rev, reason));
    return province_report_to_json(r);
  }, menu::ivd_national);
  // 汇总数据导出 data (SPEC §2.5 CSV): one row per province × 注册证.
  api.add("GET", "/ivd/projects/{pid}/certificates", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto p, visible_project(c));
    IVD_TRY(check_national(c.me()));
    IVD_ASSIGN_OR_RETURN(auto rows, cert_totals(c.db, p.id, ""));
    return json{{"total", rows.size()}, {"items", cert_rows_json(rows)}};
  }, menu::ivd_national);
}

// A file id from the path: anything that is not a file the caller may read gets the same 403 as a
// forbidden one (ids cannot be probed).
Result<int64_t> path_file_id(const ApiContext& c) {
  auto id = path_id(c, "fid");
  if (!id) return ivd_error(ErrorKind::forbidden, "ivd.scope.forbidden");
  return id;
}

// ---- [SECTION] file routes (uploads, downloads) ----------------------------------------
void add_file_routes(Api& api) {
  // Upload (SPEC §2.2 attachments, §2.4 stamped summary): {name, content_base64}. The type is judged by
  // the content, not the name; the bytes go to the file store under their SHA-256, the database keeps
  // the reference. Answers the reference; the file is attached by sending its id with the record.
  api.add("POST", "/ivd/files", Access::user, [](ApiContext& c) -> Result<json> {
    if (!c.svc.files) return make_error(ErrorKind::internal, "ivd.file.store_unavailable");
    IVD_ASSIGN_OR_RETURN(auto name, body_string(c.body, "name", true, 255));
    auto text = body_string(c.body, "content_base64", true, (kMaxUploadBytes / 3 + 2) * 4);
    if (!text) {
      if (text.error().code == "request.too_long") return make_error(ErrorKind::too_large, "ivd.file.too_large", "content_base64", {std::to_string(kMaxUploadBytes / (1024 * 1024))});
      return text.error();
    }
    auto bytes = base64_decode(*text);
    if (!bytes) return make_error(ErrorKind::bad_request, "request.bad_field", "content_base64", {"content_base64"});
    return transaction(c.db, [&]() -> Result<json> {
      IVD_ASSIGN_OR_RETURN(auto f, register_upload(c.db, c.me(), *bytes, name, c.svc.clock.now()));
      IVD_TRY(c.svc.files->put(f.sha256, *bytes));  // a failed write rolls the reference back
      return file_ref_to_json(f);
    });
  }).max_body(upload_body_limit(kMaxUploadBytes));  // JSON with the file in base64
  // Download: the bytes, base64, for whoever may see a record that refers to the file.
  api.add("GET", "/ivd/files/{fid}/content", Access::user, [](ApiContext& c) -> Result<json> {
    if (!c.svc.files) return make_error(ErrorKind::internal, "ivd.file.store_unavailable");
    IVD_ASSIGN_OR_RETURN(auto id, path_file_id(c));
    IVD_ASSIGN_OR_RETURN(auto f, authorize_file_read(c.db, c.me(), id));
    IVD_ASSIGN_OR_RETURN(auto bytes, c.svc.files->get(f.sha256));
    json j = file_ref_to_json(f);
    j["content_base64"] = base64_encode(bytes);
    return j;
  });
  // Metadata of an uploaded file, for whoever may see a record that refers to it.
  api.add("GET", "/ivd/files/{fid}", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto id, path_file_id(c));
    IVD_ASSIGN_OR_RETURN(auto f, authorize_file_read(c.db, c.me(), id));
    return file_ref_to_json(f);
  });
}

}  // namespace

// ---- [SECTION] registration ----------------------------------------
void register_ivd_routes(Api& api) {
  // 首页: what is due for this user (core/ivd/home.hpp); everyone logged in, no menu needed.
  api.add("GET", "/ivd/home", Access::user, [](ApiContext& c) -> Result<json> {
    IVD_ASSIGN_OR_RETURN(auto s, home_summary(c.db, c.svc, c.me()));
    return json(s);
  });
  add_project_routes(api);
  add_hospital_routes(api);
  add_city_routes(api);
  add_province_routes(api);
  add_national_routes(api);
  add_file_routes(api);
}

}  // namespace ivd
