#pragma once
// The HTTP face of the server, every route registered in one place (http_server.cpp):
//   /api/v1/*  -> ivd::Api::handle (session token in the X-Session-Token header, never a cookie)
//   anything else (GET/HEAD) -> static files of the web app, with precompressed variants
// plus JSON answers for errors produced by the HTTP layer itself (unknown route, 413, exceptions) and
// security headers on every response.
#include <httplib.h>

#include <cstddef>
#include <functional>
#include <string>

#include "core/api/dispatcher.hpp"

namespace ivd {

struct HttpServerOptions {
  std::string web_dir;                          // folder of index.html, *.js, *.wasm, fonts
  size_t max_body_bytes = 32u * 1024u * 1024u;  // larger requests get 413
  int asset_max_age_seconds = 300;              // Cache-Control of assets other than index.html
  bool access_log = false;                      // one line per request on stderr
  // More routes registered before the static catch-all (HTTP tests use it; the product registers all
  // of its routes in http_server.cpp).
  std::function<void(httplib::Server&)> extra_routes;
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
  void handle_api(const httplib::Request& req, httplib::Response& res);
  void handle_static(const httplib::Request& req, httplib::Response& res);

  Api& api_;
  HttpServerOptions opts_;
  httplib::Server svr_;
};

// MIME type by file extension (exposed for tests).
std::string mime_type_for(const std::string& path);
// Whether an Accept-Encoding header value accepts the coding (e.g. "br"), honouring q=0.
bool accepts_encoding(const std::string& header, const std::string& coding);

}  // namespace ivd
