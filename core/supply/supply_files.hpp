#pragma once
// Who may read a file attached to supply feedback (SPEC §4: downloads only for users who may see the
// record): its uploader (or the uploader's institution / the admin of its region), and whoever may see
// a feedback that refers to it as an attachment or as the 约谈记录 — under supply.feedback or, for
// province admins, supply.view. Anything else, an unknown id included, is 403 supply.scope.forbidden:
// other users' files are refused exactly like missing ones.
#include <cstdint>

#include "core/api/actor.hpp"
#include "core/base/result.hpp"
#include "core/files/files.hpp"
#include "core/store/db.hpp"

namespace ivd {

Result<FileRef> authorize_supply_file_read(Db& db, const Actor& actor, int64_t file_id);

}  // namespace ivd
