#pragma once
// Who may read an uploaded file in IVD (SPEC §4: downloads only for users who may see the record). The
// files themselves (upload checks, references) are core/files/files.hpp, shared with other domains.
#include "core/files/files.hpp"

namespace ivd {

// May actor download the file? Its uploader (or the uploader's institution) and anyone who may see
// a sheet or a province report that refers to it (SPEC §4: downloads only for users who may see the
// record). 403 ivd.scope.forbidden, for unknown ids too (ids cannot be probed).
Result<FileRef> authorize_file_read(Db& db, const Actor& actor, int64_t file_id);

}  // namespace ivd
