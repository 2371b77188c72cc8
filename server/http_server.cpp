#include "server/http_server.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <memory>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/base/result.hpp"
#include "core/base/text.hpp"

namespace ivd {
namespace fs = std::filesystem;

namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

// Content-Security-Policy for a WebAssembly app that loads nothing from elsewhere.
const httplib::Headers& security_headers() {
  static const httplib::Headers h = {
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
  };
  return h;
}

// replace: a stray invalid UTF-8 byte echoed from input must not turn into an exception
std::string dump(const nlohmann::json& j) { return dump_json(j); }

void send_error(httplib::Response& res, ErrorKind kind, const std::string& code) {
  res.status = http_status(kind);
  res.set_content(dump(error_to_json(make_error(kind, code))), kJson);
  res.set_header("Cache-Control", "no-store");
}

void send_internal_error(httplib::Response& res, const std::string& detail) {
  res.status = 500;
  res.set_content(dump(error_to_json(internal_error(detail))), kJson);
  res.set_header("Cache-Control", "no-store");
}

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}


// A request path that stays inside the web folder: no "..", ".", empty or hidden segments, no
// backslashes or NUL bytes (the path is already percent-decoded by httplib).
bool safe_relative_path(const std::string& path) {
  if (path.empty() || path[0] != '/') return false;
  if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) return false;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string seg = path.substr(start, end - start);
    if (seg.empty() || seg[0] == '.') return false;
    start = end + 1;
  }
  return true;
}

bool is_inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q)
    if (q == p.end() || *r != *q) return false;
  return true;
}

// Answers and then closes the connection, so the rest of a body that is refused is never read: the
// content provider writes the answer and then reports failure, which makes httplib drop the connection.
void answer_and_close(httplib::Response& res, int status, const nlohmann::json& body) {
  auto text = std::make_shared<std::string>(dump(body));
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_header("Connection", "close");
  res.set_content_provider(text->size(), kJson, [text](size_t offset, size_t length, httplib::DataSink& sink) {
    sink.write(text->data() + offset, length);
    return false;
  });
}

// "application/json; charset=utf-8" is application/json: the type before any parameter, any case.
bool media_type_is(const std::string& header, const std::string& wanted) {
  return lower(std::string(ivd::trim_space(std::string_view(header).substr(0, header.find(';'))))) == wanted;
}

// A refused body is read and dropped, never stored, up to this size, so that a client that sends all of
// its body before it reads (httplib, most browsers) still gets the JSON answer; beyond it the
// connection is cut.
constexpr uint64_t kDrainBytes = 64u * 1024u * 1024u;

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return false;
  const std::streamoff size = in.tellg();
  if (size < 0) return false;
  out.resize(static_cast<size_t>(size));
  in.seekg(0);
  return static_cast<bool>(in.read(out.data(), size));  // one read, not a character at a time
}

}  // namespace

void log_internal_error(const std::string& reference, std::string_view detail) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char at[32];
  std::strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &utc);
  std::fprintf(stderr, "%s internal error %s: %.*s\n", at, reference.c_str(), static_cast<int>(detail.size()),
               detail.data());
}

std::string mime_type_for(const std::string& path) {
  static const std::pair<const char*, const char*> types[] = {
      {".html", "text/html; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".wasm", "application/wasm"},
      {".css", "text/css; charset=utf-8"},     {".json", "application/json"},
      {".webmanifest", "application/manifest+json"}, {".png", "image/png"},
      {".jpg", "image/jpeg"},                  {".jpeg", "image/jpeg"},
      {".svg", "image/svg+xml"},               {".ico", "image/x-icon"},
      {".ttf", "font/ttf"},                    {".otf", "font/otf"},
      {".woff2", "font/woff2"},                {".txt", "text/plain; charset=utf-8"},
      {".pdf", "application/pdf"},             {".csv", "text/csv; charset=utf-8"},
  };
  const std::string ext = lower(fs::path(path).extension().string());
  for (const auto& [e, type] : types)
    if (ext == e) return type;
  return "application/octet-stream";
}

bool accepts_encoding(const std::string& header, const std::string& coding) {
  size_t start = 0;
  while (start <= header.size()) {
    size_t end = header.find(',', start);
    if (end == std::string::npos) end = header.size();
    const std::string item = header.substr(start, end - start);
    start = end + 1;
    const size_t semi = item.find(';');
    const std::string name = lower(std::string(ivd::trim_space(item.substr(0, semi))));
    if (name != coding && name != "*") continue;
    if (semi != std::string::npos) {
      const std::string param = lower(std::string(ivd::trim_space(item.substr(semi + 1))));
      if (param.rfind("q=", 0) == 0 && std::strtod(param.c_str() + 2, nullptr) <= 0.0) continue;  // q=0: refused
    }
    return true;
  }
  return false;
}

HttpServer::HttpServer(Api& api, HttpServerOptions options) : api_(api), opts_(std::move(options)) {
  svr_.set_default_headers(security_headers());
  svr_.set_payload_max_length(opts_.max_body_bytes);

  // [SECTION] routes: the API, then static files for everything else
  // Requests with a body get a content reader: the route, the session, the content type and the size
  // are checked before a byte of the body is read (handle_api_body).
  const auto api_handler = [this](const httplib::Request& req, httplib::Response& res) { handle_api(req, res, {}); };
  const auto body_handler = [this](const httplib::Request& req, httplib::Response& res,
                                   const httplib::ContentReader& reader) { handle_api_body(req, res, reader); };
  const char* api_pattern = R"(/api/v1(/.*)?)";
  if (opts_.api_binary_routes) opts_.api_binary_routes(svr_);
  svr_.Get(api_pattern, api_handler);
  svr_.Post(api_pattern, body_handler);
  svr_.Put(api_pattern, body_handler);
  svr_.Delete(api_pattern, body_handler);
  svr_.Patch(api_pattern, body_handler);
  if (opts_.extra_routes) opts_.extra_routes(svr_);
  svr_.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) { handle_static(req, res); });

  // [SECTION] errors of the HTTP layer, always JSON {code, message_zh, message_en}
  svr_.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty() || res.content_provider_)  // already a JSON error
      return httplib::Server::HandlerResponse::Unhandled;
    const int status = res.status;
    switch (status) {
      case 404: send_error(res, ErrorKind::not_found, "route.not_found"); break;
      case 413:
      case 414: send_error(res, ErrorKind::too_large, "request.too_large"); break;
      case 500: send_internal_error(res, "HTTP 500 without a body"); break;
      default: send_error(res, ErrorKind::bad_request, "request.bad_request"); break;
    }
    res.status = status;  // keep the precise status (e.g. 414, 416)
    return httplib::Server::HandlerResponse::Handled;
  });
  // DESIGN: the server catches everything and answers 500 JSON; no request can crash it (SPEC §4).
  svr_.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
    res.headers = security_headers();
    send_internal_error(res, "exception in " + req.method + " " + req.path);
  });
  if (opts_.access_log)
    svr_.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "%s %s %d\n", req.method.c_str(), req.path.c_str(), res.status);
    });
}

ApiRequest HttpServer::api_request(const httplib::Request& req) {
  ApiRequest ar;
  ar.method = req.method;
  ar.path = req.path.substr(std::string_view("/api/v1").size());
  if (ar.path.empty()) ar.path = "/";
  for (const auto& [k, v] : req.params) ar.query.emplace(k, v);  // first value of a repeated key wins
  ar.session_token = req.get_header_value("X-Session-Token");
  ar.change_id = req.get_header_value("X-Change-Id");
  return ar;
}

void HttpServer::handle_api(const httplib::Request& req, httplib::Response& res, std::string body) {
  ApiRequest ar = api_request(req);
  ar.body = std::move(body);
  ApiResponse r = api_.handle_serialised(ar);
  res.status = r.status;
  if (r.bytes) {
    // A cached answer is written from the cache's own bytes: not built, serialised or copied again.
    auto bytes = std::move(r.bytes);
    res.set_content_provider(bytes->size(), kJson, [bytes](size_t offset, size_t length, httplib::DataSink& sink) {
      return sink.write(bytes->data() + offset, length);
    });
  } else {
    res.set_content(dump(r.body), kJson);
  }
  res.set_header("Cache-Control", "no-store");
}

void HttpServer::handle_api_body(const httplib::Request& req, httplib::Response& res,
                                 const httplib::ContentReader& reader) {
  // HTTP/1.1: a request with neither Content-Length nor chunked encoding has no body (httplib would
  // otherwise read until the client closes).
  const bool chunked = lower(req.get_header_value("Transfer-Encoding")) == "chunked";
  uint64_t declared = 0;
  if (req.has_header("Content-Length")) {
    const std::string v = req.get_header_value("Content-Length");
    char* end = nullptr;
    declared = std::strtoull(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || v[0] == '-')
      return answer_and_close(res, 400, error_to_json(make_error(ErrorKind::bad_request, "request.bad_request")));
  }
  if (!chunked && declared == 0) return handle_api(req, res, {});

  // A refusal decided before reading (from the headers): the body is dropped unread into the void.
  const auto refuse = [&](const Error& e) {
    uint64_t seen = 0;
    const bool drained = (chunked || declared <= kDrainBytes) && reader([&](const char*, size_t n) {
      seen += n;
      return seen <= kDrainBytes;
    });
    if (!drained) return answer_and_close(res, http_status(e.kind), error_to_json(e));
    res.status = http_status(e.kind);
    res.set_content(dump(error_to_json(e)), kJson);
    res.set_header("Cache-Control", "no-store");
  };

  // Route, then session (an anonymous upload is refused before its megabytes are stored or parsed),
  // then type and size: all before the body.
  const ApiRequest ar = api_request(req);
  auto info = api_.preflight(ar);
  if (!info) return refuse(info.error());
  const size_t limit = std::min(info->max_body_bytes, opts_.max_body_bytes);
  if (!media_type_is(req.get_header_value("Content-Type"), info->media_type))
    return refuse(make_error(ErrorKind::unsupported_media_type, "request.unsupported_media_type"));
  if (declared > limit) return refuse(make_error(ErrorKind::too_large, "request.too_large"));

  std::string body;
  if (!chunked) body.reserve(static_cast<size_t>(declared));
  bool over = false;  // a chunked body past the limit: the rest is dropped as it comes
  uint64_t seen = 0;
  const bool complete = reader([&](const char* data, size_t n) {
    seen += n;
    if (!over && body.size() + n > limit) {
      over = true;
      std::string().swap(body);
    }
    if (!over) body.append(data, n);
    return seen <= kDrainBytes;
  });
  const Error too_large = make_error(ErrorKind::too_large, "request.too_large");
  if (!complete) {
    if (over) return answer_and_close(res, 413, error_to_json(too_large));
    return answer_and_close(res, 400, error_to_json(make_error(ErrorKind::bad_request, "request.bad_request")));
  }
  if (over) {
    res.status = 413;
    res.set_content(dump(error_to_json(too_large)), kJson);
    res.set_header("Cache-Control", "no-store");
    return;
  }
  handle_api(req, res, std::move(body));
}

void HttpServer::handle_static(const httplib::Request& req, httplib::Response& res) {
  const std::string rel = req.path == "/" ? "/index.html" : req.path;
  if (opts_.web_dir.empty() || !safe_relative_path(rel)) return send_error(res, ErrorKind::not_found, "route.not_found");

  std::error_code ec;
  const fs::path root = fs::weakly_canonical(fs::path(opts_.web_dir), ec);
  if (ec) return send_error(res, ErrorKind::not_found, "route.not_found");
  const fs::path file = fs::weakly_canonical(root / fs::path(rel.substr(1)), ec);
  // Also refuses symbolic links leading out of the web folder.
  if (ec || !is_inside(root, file) || !fs::is_regular_file(file, ec))
    return send_error(res, ErrorKind::not_found, "route.not_found");

  // Precompressed variants made at build time: FILE.br, else FILE.gz, when the client accepts them.
  fs::path chosen = file;
  std::string coding;
  const std::string accept = req.get_header_value("Accept-Encoding");
  for (const char* c : {"br", "gzip"}) {
    const fs::path variant = fs::path(file.string() + (std::string(c) == "br" ? ".br" : ".gz"));
    if (accepts_encoding(accept, c) && fs::is_regular_file(variant, ec)) {
      chosen = variant;
      coding = c;
      break;
    }
  }

  const auto size = fs::file_size(chosen, ec);
  const auto mtime = fs::last_write_time(chosen, ec).time_since_epoch().count();
  char etag[96];
  std::snprintf(etag, sizeof etag, "\"%llx-%llx%s%s\"", static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(mtime), coding.empty() ? "" : "-", coding.c_str());

  res.set_header("ETag", etag);
  res.set_header("Vary", "Accept-Encoding");
  // index.html must be revalidated every time so a new build is picked up at once; so must the service
  // worker (web/offline/sw.js), which names the build whose files it keeps for offline use.
  const bool revalidate = rel == "/index.html" || rel == "/sw.js";
  res.set_header("Cache-Control", revalidate ? std::string("no-cache")
                                             : "public, max-age=" + std::to_string(opts_.asset_max_age_seconds));
  if (req.get_header_value("If-None-Match") == etag) {
    res.status = 304;
    return;
  }
  std::string body;
  if (!read_file(chosen, body)) return send_error(res, ErrorKind::not_found, "route.not_found");
  if (!coding.empty()) res.set_header("Content-Encoding", coding);
  res.set_content(std::move(body), mime_type_for(file.string()));
}

}  // namespace ivd
