// [SECTION] helpers
// [SECTION] 填报数据导出
// [SECTION] 汇总数据导出 (province, national)
// [SECTION] 目录下载
// [SECTION] 承诺书模板
// [SECTION] loaders with the scope checks of the data routes
#include "core/ivd/ivd_documents.hpp"

#include "core/base/civil_time.hpp"
#include "core/ivd/common.hpp"
#include "core/ivd/project.hpp"
#include "core/ivd/review.hpp"
#include "core/ivd/scope.hpp"
#include "core/ivd/sheet/quantity.hpp"
#include "core/ivd/sheet_store.hpp"
#include "core/store/transaction.hpp"

namespace ivd {

using nlohmann::json;

namespace {

// ---- [SECTION] helpers ---------------------------------------------------------------------------------------

// A text cell of a JSON answer; numbers as their JSON text; anything else empty (never throws).
std::string cell(const json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return {};
}

const json& array_of(const json& j, const char* key) {
  static const json empty = json::array();
  if (!j.is_object()) return empty;
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : empty;
}

std::string t(Lang lang, std::string_view id) { return std::string(tr(lang, id)); }

// A quantity as the clerk typed it ("1,730", full-width digits) in its normal form "1730", so the lines
// read like their 小计; text that is not a quantity stays as typed.
std::string quantity_cell(const json& line, const char* key) {
  const std::string text = cell(line, key);
  const Quantity q = parse_quantity(text);
  return q.status == QuantityStatus::ok ? std::to_string(q.value) : text;
}

std::string today_cst(Services& svc) { return format_cst(svc.clock.now()).substr(0, 10); }

}  // namespace

// ---- [SECTION] 填报数据导出 ------------------------------------------------------------------------------------

NamedDocument fill_document(const json& answer, std::string_view date, Lang lang) {
  NamedDocument out;
  TableDocument& d = out.doc;
  d.title = t(lang, "doc.fill.title");
  std::string hospital = cell(answer, "hospital_name");
  if (const std::string code = cell(answer, "hospital_code"); !code.empty()) hospital += "（" + code + "）";
  d.heading = {{t(lang, "doc.heading.hospital"), hospital},
               {t(lang, "doc.heading.project"), cell(answer, "project_name")},
               {t(lang, "doc.heading.last_year_total"), cell(answer, "last_year_total")},
               {t(lang, "doc.heading.demand_total"), cell(answer, "demand_total")},
               {t(lang, "doc.heading.date"), std::string(date)}};
  d.columns = {{t(lang, "doc.col.serial"), CellKind::text, 1.3},
               {t(lang, "doc.col.product_name"), CellKind::text, 3.0},
               {t(lang, "doc.col.spec"), CellKind::text, 1.7},
               {t(lang, "doc.col.last_year"), CellKind::integer, 1.3},
               {t(lang, "doc.col.demand"), CellKind::integer, 1.3},
               {t(lang, "doc.col.instrument"), CellKind::text, 0.9},
               {t(lang, "doc.col.change_note"), CellKind::text, 1.8}};
  for (const json& g : array_of(answer, "certificates")) {
    std::string head = t(lang, "doc.group.certificate") + cell(g, "certificate") + "　" +
                       t(lang, "doc.group.manufacturer") + cell(g, "manufacturer");
    if (const std::string cat = cell(g, "category"); !cat.empty()) head += "　" + t(lang, "doc.group.category") + cat;
    if (const std::string sub = cell(g, "subcategory"); !sub.empty()) head += " / " + sub;
    d.rows.push_back({RowKind::group, {head}});
    for (const json& l : array_of(g, "lines"))
      d.rows.push_back({RowKind::line,
                        {cell(l, "serial"), cell(l, "product_name"), cell(l, "spec"), quantity_cell(l, "last_year"),
                         quantity_cell(l, "demand"), cell(l, "instrument"), cell(l, "change_note")}});
    d.rows.push_back({RowKind::subtotal,
                      {t(lang, "doc.row.subtotal"), "", "", cell(g, "last_year_total"), cell(g, "demand_total"), "", ""}});
  }
  d.rows.push_back({RowKind::total,
                    {t(lang, "doc.row.total"), "", "", cell(answer, "last_year_total"), cell(answer, "demand_total"), "", ""}});
  // IVD manual 报量项目管理: the export is signed by the director and stamped, then uploaded as 采购需求量附件.
  d.stamp = {t(lang, "doc.stamp.director"), t(lang, "doc.stamp.seal"), t(lang, "doc.stamp.date")};
  d.page_label = t(lang, "doc.page");
  d.sheet_name = t(lang, "doc.fill.sheet");
  out.file_stem = safe_file_part(cell(answer, "hospital_name")) + "_" + safe_file_part(cell(answer, "project_name")) +
                  "_" + t(lang, "doc.fill.file");
  return out;
}

// ---- [SECTION] 汇总数据导出 (province, national) ---------------------------------------------------------------

NamedDocument province_summary_document(const ProvinceSummaryInput& in, std::string_view date, Lang lang) {
  NamedDocument out;
  TableDocument& d = out.doc;
  d.title = t(lang, "doc.province.title");
  int64_t last = 0, demand = 0;
  for (const auto& r : in.rows) last += r.sums.last_year, demand += r.sums.demand;
  d.heading = {{t(lang, "doc.heading.province"), in.province_name},
               {t(lang, "doc.heading.project"), in.project_name},
               {t(lang, "doc.heading.hospital_count"), std::to_string(in.hospital_count)},
               {t(lang, "doc.heading.cert_count"), std::to_string(in.rows.size())},
               {t(lang, "doc.heading.last_year_total"), std::to_string(last)},
               {t(lang, "doc.heading.demand_total"), std::to_string(demand)},
               {t(lang, "doc.heading.date"), std::string(date)}};
  d.columns = {{t(lang, "doc.col.no"), CellKind::integer, 0.6},
               {t(lang, "doc.col.category"), CellKind::text, 1.2},
               {t(lang, "doc.col.subcategory"), CellKind::text, 1.2},
               {t(lang, "doc.col.manufacturer"), CellKind::text, 2.2},
               {t(lang, "doc.col.certificate"), CellKind::text, 2.0},
               {t(lang, "doc.col.last_year"), CellKind::integer, 1.3},
               {t(lang, "doc.col.demand"), CellKind::integer, 1.3}};
  int n = 0;
  for (const auto& r : in.rows)
    d.rows.push_back({RowKind::line,
                      {std::to_string(++n), r.category, r.subcategory, r.manufacturer, r.certificate,
                       std::to_string(r.sums.last_year), std::to_string(r.sums.demand)}});
  d.rows.push_back({RowKind::total, {"", t(lang, "doc.row.total"), "", "", "", std::to_string(last), std::to_string(demand)}});
  // SPEC §2.4: the province prints, signs and stamps this summary and uploads it before 提交.
  d.stamp = {t(lang, "doc.stamp.handler"), t(lang, "doc.stamp.leader"), t(lang, "doc.stamp.seal"), t(lang, "doc.stamp.date")};
  d.page_label = t(lang, "doc.page");
  d.sheet_name = t(lang, "doc.province.sheet");
  out.file_stem = safe_file_part(in.province_name) + "_" + safe_file_part(in.project_name) + "_" +
                  t(lang, "doc.province.file");
  return out;
}

NamedDocument national_summary_document(std::string_view project_name, const std::vector<CertTotalRow>& rows) {
  NamedDocument out;
  TableDocument& d = out.doc;
  // SPEC §2.5 fixes these headers word for word (the file is read by other systems): not translated.
  d.title = "汇总数据";
  d.columns = {{"省份", CellKind::text, 1.2},      {"大项", CellKind::text, 1.5},
               {"小项", CellKind::text, 1.5},      {"生产企业", CellKind::text, 3},
               {"注册证", CellKind::text, 3},      {"上年度采购总数量", CellKind::integer, 2.2},
               {"下年度采购总数量", CellKind::integer, 2.2}};
  d.rows.reserve(rows.size());
  for (const auto& r : rows)
    d.rows.push_back({RowKind::line,
                      {r.province_name, r.category, r.subcategory, r.manufacturer, r.certificate,
                       std::to_string(r.sums.last_year), std::to_string(r.sums.demand)}});
  d.sheet_name = "汇总数据";
  out.file_stem = safe_file_part(project_name) + "_全国汇总数据";
  return out;
}

// ---- [SECTION] 目录下载 ----------------------------------------------------------------------------------------

NamedDocument catalog_document(std::string_view project_name, const std::vector<CatalogRow>& rows) {
  NamedDocument out;
  TableDocument& d = out.doc;
  // The headers of the catalog import (catalog.hpp), so the file imports back unchanged.
  d.title = "目录";
  d.columns = {{"流水号", CellKind::text, 1.3}, {"大项", CellKind::text, 1.5},   {"小项", CellKind::text, 1.5},
               {"产品名称", CellKind::text, 3}, {"规格/包装", CellKind::text, 2}, {"注册证", CellKind::text, 3},
               {"生产企业", CellKind::text, 3}};
  d.rows.reserve(rows.size());
  for (const auto& r : rows)
    d.rows.push_back({RowKind::line,
                      {r.serial, r.category, r.subcategory, r.product_name, r.spec, r.certificate, r.manufacturer}});
  d.sheet_name = "目录";
  out.file_stem = safe_file_part(project_name) + "_目录";
  return out;
}

// ---- [SECTION] 承诺书模板 --------------------------------------------------------------------------------------

NamedDocument commitment_letter_document(std::string_view text, std::string_view hospital_name,
                                         std::string_view project_name) {
  const std::string blank = "____________________";
  auto fill = [&](std::string s) {
    for (const auto& [key, value] : {std::pair<std::string, std::string_view>{"{hospital}", hospital_name},
                                     std::pair<std::string, std::string_view>{"{project}", project_name}}) {
      for (size_t at; (at = s.find(key)) != std::string::npos;)
        s.replace(at, key.size(), value.empty() ? blank : std::string(value));
    }
    return s;
  };
  NamedDocument out;
  TableDocument& d = out.doc;
  std::string paragraph;
  auto flush = [&] {
    if (!paragraph.empty()) d.paragraphs.push_back(fill(paragraph));
    paragraph.clear();
  };
  size_t pos = 0;
  bool first = true;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(pos, end - pos));
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (first && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (!line.empty() && line[0] == '#') continue;  // comments of the template file
    if (first) {
      if (line.empty()) continue;
      d.title = line;
      first = false;
    } else if (line.rfind("@stamp ", 0) == 0) {
      flush();
      d.stamp.push_back(fill(line.substr(7)));
    } else if (line.empty()) {
      flush();
    } else {
      paragraph += line;  // Chinese text: lines of one paragraph join without a space
    }
    if (end == text.size()) break;
  }
  flush();
  d.page_label = "第 {0} 页 / 共 {1} 页";
  out.file_stem = d.title.empty() ? std::string("承诺书") : safe_file_part(d.title);
  return out;
}

// ---- [SECTION] loaders with the scope checks of the data routes -----------------------------------------------

namespace {

Result<Project> visible_ivd_project(Db& db, const Actor& actor, int64_t project_id) {
  if (!holds_any_ivd_menu(actor)) return ivd_error(ErrorKind::forbidden, "ivd.role.forbidden");
  return load_visible_project(db, actor, project_id);
}

}  // namespace

// The checks of readable_sheet (ivd_routes.cpp): a sheet that does not exist answers like one out of
// scope, so ids cannot be probed.
Result<NamedDocument> load_fill_document(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                         std::optional<int64_t> hospital_id, Lang lang) {
  IVD_ASSIGN_OR_RETURN(auto p, visible_ivd_project(db, actor, project_id));
  const bool own = !hospital_id;
  if (own) {
    if (actor.role != Role::hospital || !actor.institution_id || !actor.holds(menu::ivd_fill))
      return ivd_error(ErrorKind::forbidden, "ivd.role.forbidden");
    hospital_id = *actor.institution_id;
  }
  IVD_TRY(transaction(db, [&] { return ensure_project_rows(db, p.id, svc.clock.now()); }));
  auto h = load_sheet_header(db, p.id, *hospital_id);
  if (!h && h.error().code == "ivd.sheet.not_found" && !own) return ivd_error(ErrorKind::forbidden, "ivd.scope.forbidden");
  if (!h) return h.error();
  IVD_TRY(check_sheet_read(actor, {h->hospital_id, h->city_code, h->province_code}));
  IVD_ASSIGN_OR_RETURN(auto answer, sheet_by_certificate(db, p, *h));
  return fill_document(answer, today_cst(svc), lang);
}

Result<NamedDocument> load_province_summary_document(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                                     std::string_view province_code, Lang lang) {
  IVD_ASSIGN_OR_RETURN(auto p, visible_ivd_project(db, actor, project_id));
  IVD_TRY(check_province_read(actor, province_code));
  IVD_TRY(transaction(db, [&] { return ensure_project_rows(db, p.id, svc.clock.now()); }));
  IVD_ASSIGN_OR_RETURN(auto report, load_province_report(db, p.id, province_code));
  ProvinceSummaryInput in;
  in.project_name = p.name;
  in.province_name = report.province_name;
  in.hospital_count = report.hospital_count;
  IVD_ASSIGN_OR_RETURN(in.rows, cert_totals(db, p.id, province_code));
  return province_summary_document(in, today_cst(svc), lang);
}

Result<NamedDocument> load_national_summary_document(Db& db, Services&, const Actor& actor, int64_t project_id) {
  IVD_ASSIGN_OR_RETURN(auto p, visible_ivd_project(db, actor, project_id));
  if (!actor.holds(menu::ivd_national)) return ivd_error(ErrorKind::forbidden, "ivd.role.forbidden");
  IVD_TRY(check_national(actor));
  IVD_ASSIGN_OR_RETURN(auto rows, cert_totals(db, p.id, ""));
  return national_summary_document(p.name, rows);
}

Result<NamedDocument> load_catalog_document(Db& db, Services&, const Actor& actor, int64_t project_id) {
  IVD_ASSIGN_OR_RETURN(auto p, visible_ivd_project(db, actor, project_id));
  IVD_ASSIGN_OR_RETURN(auto rows, all_catalog_rows(db, p.id));
  return catalog_document(p.name, rows);
}

Result<NamedDocument> load_commitment_letter(Db& db, Services&, const Actor& actor, std::optional<int64_t> project_id,
                                             std::string_view template_text) {
  std::string hospital, project;
  if (project_id) {
    IVD_ASSIGN_OR_RETURN(auto p, visible_ivd_project(db, actor, *project_id));
    project = p.name;
  }
  if (actor.role == Role::hospital) hospital = actor.institution_name;
  return commitment_letter_document(template_text, hospital, project);
}

}  // namespace ivd
