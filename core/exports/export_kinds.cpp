#include "core/exports/export_kinds.hpp"

#include <algorithm>

namespace ivd {

std::span<const ExportKind> export_kinds() {
  // One row per kind. A kind plugs in with a row here and a producer registered in the server.
  static const std::vector<ExportKind> kinds = {
      {export_kind::ivd_national_csv, menu::ivd_national, "csv", "text/csv; charset=utf-8", {"project_id"}, {}},
      {export_kind::ivd_national_xlsx, menu::ivd_national, "xlsx",
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {"project_id"}, {}},
      {export_kind::ivd_province_pdf, menu::ivd_review, "pdf", "application/pdf", {"project_id"}, {"province"}},
      {export_kind::supply_feedback_csv, menu::supply_view, "csv", "text/csv; charset=utf-8", {}, {}},
      {export_kind::supply_feedback_xlsx, menu::supply_view, "xlsx",
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {}, {}},
  };
  return kinds;
}

const ExportKind* find_export_kind(std::string_view id) {
  for (const auto& k : export_kinds())
    if (id == k.id) return &k;
  return nullptr;
}

std::string export_kind_label_id(std::string_view id) { return "exports.kind." + std::string(id); }

std::vector<std::string> startable_export_kinds(const Actor& actor) {
  std::vector<std::string> out;
  if (!actor.holds(menu::exports)) return out;
  for (const auto& k : export_kinds())
    if (actor.holds(k.menu)) out.emplace_back(k.id);
  return out;
}

Status check_export_start(const Actor& actor, std::string_view kind, const nlohmann::json& params) {
  const ExportKind* k = find_export_kind(kind);
  if (!k) return make_error(ErrorKind::bad_request, "exports.kind.unknown", "kind");
  if (!actor.holds(menu::exports))
    return make_error(ErrorKind::forbidden, "auth.menu_not_granted", {}, {menu::exports});
  if (!actor.holds(k->menu)) return make_error(ErrorKind::forbidden, "auth.menu_not_granted", {}, {k->menu});
  if (!params.is_object()) return make_error(ErrorKind::bad_request, "request.bad_field", "params", {"params"});
  for (const char* p : k->int_params) {
    auto it = params.find(p);
    if (it == params.end() || !it->is_number_integer() || it->get<int64_t>() <= 0)
      return make_error(ErrorKind::bad_request, "request.bad_field", p, {p});
  }
  for (const char* p : k->text_params) {
    auto it = params.find(p);
    if (it == params.end() || !it->is_string() || it->get<std::string>().empty())
      return make_error(ErrorKind::bad_request, "request.bad_field", p, {p});
  }
  // Everything else in params must be text (filters such as the supply view's query).
  for (auto it = params.begin(); it != params.end(); ++it)
    if (!it->is_string() && !it->is_number_integer())
      return make_error(ErrorKind::bad_request, "request.bad_field", it.key(), {it.key()});
  return ok_status();
}

}  // namespace ivd
