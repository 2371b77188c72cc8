#pragma once
// Revisions and status transitions (SPEC §4: a stale write is refused, never silently overwritten).
#include <cstdint>

#include "core/base/result.hpp"

namespace ivd {

// 409 revision.stale when expected != actual.
Status check_revision(int64_t expected, int64_t actual);

}  // namespace ivd
