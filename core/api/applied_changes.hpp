#pragma once
// Changes the browser made offline carry a change id (X-Change-Id, issue 12): a change the server
// applied is remembered with its answer, and the same id again (an answer lost on a flapping line,
// a sync retried) gets that answer without being applied a second time. Ids are per user; they are
// forgotten after kAppliedChangeDays.
#include <cstdint>
#include <optional>
#include <string>

#include "core/base/result.hpp"
#include "core/store/db.hpp"

namespace ivd {

inline constexpr int64_t kAppliedChangeDays = 30;
inline constexpr size_t kMaxChangeIdLength = 64;

// The answer (JSON text) given when user_id's change change_id was applied; nullopt = not applied.
Result<std::optional<std::string>> applied_change(Db& db, int64_t user_id, const std::string& change_id);
// Remembers the answer; drops the user's ids older than kAppliedChangeDays.
Status remember_applied_change(Db& db, int64_t user_id, const std::string& change_id, const std::string& answer,
                               int64_t now);

}  // namespace ivd
