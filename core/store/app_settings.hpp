#pragma once
// Operator settings kept in the database (app_settings), so that what `server init` chose (e.g.
// --initial-password, SPEC §1 "Initial password 123456 (configurable)") holds for every later start.
#include "core/store/db.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"

namespace ivd {

// Writes every field of s. The initial password is stored as its hash only (computed with hasher
// when s has none yet).
Status save_settings(Db& db, Settings& s, PasswordHasher& hasher);
// Overwrites the fields of s that the database holds; others keep their value. A plain initial
// password left by an older version is replaced by its hash on the spot.
Status load_settings(Db& db, Settings& s, PasswordHasher& hasher);

}  // namespace ivd
