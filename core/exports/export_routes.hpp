#pragma once
// The 导出列表 routes of the core API (/api/v1/exports...): the caller's own jobs with their progress,
// starting one, the file's whereabouts for the server's binary download, deleting one.
// docs/api-exports.md lists them with bodies and responses.
#include "core/api/dispatcher.hpp"

namespace ivd {

void register_export_routes(Api& api);

}  // namespace ivd
