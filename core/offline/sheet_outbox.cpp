#include "core/offline/sheet_outbox.hpp"

#include <string>

namespace ivd {

namespace {
std::string sheet_target(int64_t project_id) { return "/ivd/projects/" + std::to_string(project_id) + "/sheet"; }
}  // namespace

bool sheet_has_kept_changes(int64_t project_id, const Outbox& box) {
  const std::string target = sheet_target(project_id);
  for (const auto& e : box.entries())
    if (outbox_target(e.call) == target) return true;
  return false;
}

size_t sheet_edits_kept_offline(const WorkingCopy& wc, const Outbox& box) {
  const std::string target = sheet_target(wc.project_id());
  const OutboxEntry* latest = nullptr;
  for (const auto& e : box.entries())
    if (outbox_target(e.call) == target && e.call.body.is_object()) latest = &e;
  if (!latest) return 0;
  const nlohmann::json& body = latest->call.body;
  // The value the change sends for a cell: line fields by 流水号, submission fields at the top.
  auto sent = [&](const CellRef& cell) -> const nlohmann::json* {
    const std::string name(field_name(cell.field));
    if (cell.key.empty()) {
      auto it = body.find(name);
      return it == body.end() ? nullptr : &*it;
    }
    auto lines = body.find("lines");
    if (lines == body.end() || !lines->is_array()) return nullptr;
    for (const auto& line : *lines) {
      if (!line.is_object() || line.value("serial", std::string()) != cell.key) continue;
      auto it = line.find(name);
      return it == line.end() ? nullptr : &*it;
    }
    return nullptr;
  };
  size_t kept = 0;
  for (const auto& [cell, value] : wc.edits()) {
    const nlohmann::json* v = sent(cell);
    if (v && v->is_string() && v->get<std::string>() == value) ++kept;
  }
  return kept;
}

}  // namespace ivd
