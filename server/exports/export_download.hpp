#pragma once
// The binary download of a finished export: GET /api/v1/exports/{id}/download streams the file with its
// UTF-8 name in Content-Disposition. Who may download is decided by core (GET /exports/{id}/file: the
// owner only, once 已完成); this route asks it with the caller's session and answers its refusal as
// it is, so another user's job and a missing one read the same.
#include <httplib.h>

#include <filesystem>
#include <string>

#include "core/api/dispatcher.hpp"

namespace ivd {

// Registers the route; call before the catch-all /api/v1 pattern (HttpServerOptions::api_binary_routes).
void add_export_download_route(httplib::Server& server, Api& api, std::filesystem::path folder);

// attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name> (RFC 6266 / 5987).
std::string content_disposition(const std::string& file_name);

}  // namespace ivd
