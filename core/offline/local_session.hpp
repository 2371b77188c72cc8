#pragma once
// The session of the browser's local transport (issue 12): the copy of a hospital's scope is worked on
// by the hospital user it was taken for, and by nobody else. A request without a session token is not
// logged in, as on the server; any other is that user (unlocking it locally is a later step).
#include <cstdint>
#include <string>

#include "core/api/actor.hpp"
#include "core/base/result.hpp"
#include "core/store/db.hpp"

namespace ivd {

// Errors: auth.not_logged_in (no token), offline.hospital_only (the owner is not a hospital user or is
// not in the copy).
Result<Actor> resolve_local_session(Db& copy, int64_t owner_user_id, const std::string& token);

}  // namespace ivd
