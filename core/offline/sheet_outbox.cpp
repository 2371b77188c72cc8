#include "core/offline/sheet_outbox.hpp"

#include <map>
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
  // The change's lines by 流水号 (a 5,000-line sheet: looked up, not scanned per cell).
  std::map<std::string, const nlohmann::json*> lines;
  if (auto it = body.find("lines"); it != body.end() && it->is_array())
    for (const auto& line : *it)
      if (line.is_object() && line.contains("serial") && line["serial"].is_string())
        lines.emplace(line["serial"].get<std::string>(), &line);
  // The value the change sends for a cell: line fields by 流水号, submission fields at the top.
  auto sent = [&](const CellRef& cell) -> const nlohmann::json* {
    const std::string name(field_name(cell.field));
    const nlohmann::json* holder = &body;
    if (!cell.key.empty()) {
      auto line = lines.find(cell.key);
      if (line == lines.end()) return nullptr;
      holder = line->second;
    }
    auto it = holder->find(name);
    return it == holder->end() ? nullptr : &*it;
  };
  size_t kept = 0;
  for (const auto& [cell, value] : wc.edits()) {
    const nlohmann::json* v = sent(cell);
    if (v && v->is_string() && v->get_ref<const std::string&>() == value) ++kept;
  }
  return kept;
}

}  // namespace ivd
