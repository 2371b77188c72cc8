#pragma once
// Loading a whole hospital sheet for the sheet screen: the header (revision, threshold, editable), the
// catalog row of every line and the sheet as core validates it. ONE function does it, so the way it
// is read (the whole-sheet route GET .../sheet/full) stays in one place.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/ivd/catalog.hpp"
#include "core/ivd/sheet/sheet_model.hpp"
#include "core/ivd/sheet_store.hpp"
#include "web/message.hpp"

namespace ivd::web {

class App;
struct SheetTarget;

struct SheetData {
  SheetHeaderOnWire header;      // revision, threshold, editable, status
  std::vector<CatalogRow> rows;  // the catalog row of each line, parallel to sheet.lines
  Sheet sheet;                   // the server's values
  // Read from this browser's copy while offline: the server's state plus the changes kept offline, at
  // a revision the server does not know (a stored working copy keeps its own base).
  bool from_local_copy = false;
};

// "/ivd/projects/{pid}/sheet" or "/ivd/projects/{pid}/hospitals/{hid}/sheet" (read-only views).
std::string sheet_path(const SheetTarget& target);

// Reads the whole sheet; on_done gets the data or the refusal (message) of the first failed request.
void load_sheet_data(App& app, const SheetTarget& target,
                     std::function<void(SheetData* data, const Message& error)> on_done);

}  // namespace ivd::web
