#pragma once
// Operator settings kept in the database (app_settings), so that what `server init` chose (e.g.
// --initial-password, SPEC §1 "Initial password 123456 (configurable)") holds for every later start.
#include "core/store/db.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"

namespace ivd {

// Writes every field of s.
Status save_settings(Db& db, const Settings& s);
// Overwrites the fields of s that the database holds; others keep their value.
Status load_settings(Db& db, Settings& s);

}  // namespace ivd
