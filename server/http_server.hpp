#pragma once
// The HTTP face of the server, every route registered in one place (http_server.cpp):
//   /api/v1/*  -> ivd::Api::handle (session token in the X-Session-Token header, never a cookie)
//   anything else (GET/HEAD) -> static files of the web app, with precompressed variants
// plus JSON answers for errors produced by the HTTP layer itself (unknown route, 413, 415, exceptions)
// and security headers on every response. A request body is read only after its route, session,
// Content-Type (application/json) and size have been accepted, and never beyond the route's limit.
#include <httplib.h>

#include <cstddef>
#include <functional>
#include <string>

#include "core/api/dispatcher.hpp"

namespace ivd {

struct HttpServerOptions {
  std::string web_dir;                          // folder of index.html, *.js, *.wasm, fonts
  // The most any request may send (GET bodies, the backstop); each API route has its own, smaller
  // limit (Api::preflight): JSON 4 MB, uploads 20 MB in base64.
  size_t max_body_bytes = 32u * 1024u * 1024u;
  int asset_max_age_seconds = 300;              // Cache-Control of assets other than index.html and sw.js
  bool access_log = false;                      // one line per request on stderr
  // More routes registered before the static catch-all (HTTP tests use it; the product registers all
  // of its routes in http_server.cpp).
  std::function<void(httplib::Server&)> extra_routes;
  // Routes under /api/v1 that answer other than JSON (binary downloads), registered before the JSON API.
  std::function<void(httplib::Server&)> api_binary_routes;
};

class HttpServer {
 public:
  HttpServer(Api& api, HttpServerOptions options);
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The underlying server: listen()/bind_to_any_port()/listen_after_bind()/stop()/wait_until_ready().
  httplib::Server& http() { return svr_; }
  const HttpServerOptions& options() const { return opts_; }

 private:
  static ApiRequest api_request(const httplib::Request& req);  // everything but the body
  void handle_api(const httplib::Request& req, httplib::Response& res, std::string body);
  void handle_api_body(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
  void handle_static(const httplib::Request& req, httplib::Response& res);

  Api& api_;
  HttpServerOptions opts_;
  httplib::Server svr_;
};

// The server's internal-error log (set_internal_error_sink): the reference the client got and the
// detail (SQL text, paths) that it must never see, one line on stderr with the UTC time.
void log_internal_error(const std::string& reference, std::string_view detail);

// MIME type by file extension (exposed for tests).
std::string mime_type_for(const std::string& path);
// Whether an Accept-Encoding header value accepts the coding (e.g. "br"), honouring q=0.
bool accepts_encoding(const std::string& header, const std::string& coding);

}  // namespace ivd
