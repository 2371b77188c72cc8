#include "web/screens/ivd/sheet_data.hpp"

#include <memory>

#include "core/ivd/sheet_full.hpp"
#include "web/app.hpp"
#include "web/screens/ivd/sheet_screen.hpp"

namespace ivd::web {

std::string sheet_path(const SheetTarget& t) {
  std::string p = "/ivd/projects/" + std::to_string(t.project_id);
  if (t.hospital_id != 0) p += "/hospitals/" + std::to_string(t.hospital_id);
  return p + "/sheet";
}

// The whole sheet in one answer (GET .../sheet/full, core's FullSheet wire type and to_sheet).
void load_sheet_data(App& app, const SheetTarget& target, std::function<void(SheetData*, const Message&)> on_done) {
  app.request("GET", sheet_path(target) + "/full", nullptr, [on_done = std::move(on_done), &app](const ApiReply& r) {
    if (!r.ok()) return on_done(nullptr, app.message_of(r));
    auto full = full_sheet_from_json(r.body);
    if (!full) return on_done(nullptr, Message::server(full.error().message_zh, full.error().message_en));
    SheetData d;
    d.header = full->sheet;
    d.sheet = to_sheet(*full);
    d.rows.reserve(full->lines.size());
    for (auto& l : full->lines) d.rows.push_back(std::move(l.row));
    d.from_local_copy = r.local;
    on_done(&d, Message{});
  });
}

}  // namespace ivd::web
