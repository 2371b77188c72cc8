#pragma once
// A sheet and the outbox (issue 12): which of the clerk's edits are kept offline, waiting to be sent.
// The sheet's working copy keeps its edits over the server's base until the server accepted them, so
// the status line tells apart what is 暂存'd on this computer and what is only typed.
#include <cstddef>
#include <cstdint>

#include "core/ivd/sheet/working_copy.hpp"
#include "core/offline/outbox.hpp"

namespace ivd {

// The edits of wc whose value is the one its sheet's latest change in the outbox sends (a sheet's
// change holds every edited cell); 0 when the outbox holds nothing of that sheet.
size_t sheet_edits_kept_offline(const WorkingCopy& wc, const Outbox& box);
// Whether the outbox holds a change of the project's sheet: then this browser's copy of the sheet is
// the server's plus that change, at a revision the server does not know.
bool sheet_has_kept_changes(int64_t project_id, const Outbox& box);

}  // namespace ivd
