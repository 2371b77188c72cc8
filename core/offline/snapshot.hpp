#pragma once
// What a hospital's browser keeps for offline work (issue 12, kiosk mode): a copy of the rows of its own
// scope, as a SQLite database file, which the browser's local transport runs core's routes over. The
// scope is decided here, once: the regions, the working-day calendar, the settings and the supply
// product list (shared reference data); the enterprises; the hospital itself, its user and menus; the
// projects of its province with their catalogs; its own sheets with their lines, documents and history;
// its own supply feedback with its files and history. Nothing of another hospital, no session, no
// captcha, no reviewer's data: what the app keeps is bounded by this.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/api/actor.hpp"
#include "core/base/result.hpp"
#include "core/store/db.hpp"

namespace ivd {

class Api;

// Only a hospital user works offline (SPEC §4 data entry; review, uploads and user management need
// the server).
bool may_work_offline(const Actor& actor);

// The bytes of a database file holding the scope of `hospital` (a hospital user's actor), copied from
// `db`, which must be a database file (the server's): an in-memory database cannot be read from a
// second connection. Same schema and version as `db`.
Result<std::string> extract_hospital_scope(Db& db, const Actor& hospital);

// GET /offline/snapshot (hospital users): the scope as base64 with its schema version and the time
// it was taken (the browser keeps it and refreshes it when online).
struct OfflineSnapshot {
  int schema_version = 0;
  int64_t taken_at = 0;  // unix seconds
  int64_t bytes = 0;     // size of the database file
  int64_t user_id = 0;   // the hospital user it was taken for (who works on it offline)
  std::string db_base64;
};
void to_json(nlohmann::json& j, const OfflineSnapshot& s);
void from_json(const nlohmann::json& j, OfflineSnapshot& s);

void register_offline_routes(Api& api);

}  // namespace ivd
