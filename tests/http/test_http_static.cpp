// The HTTP layer of the server: static files, security headers, JSON errors (DESIGN "Thin server").
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "tests/http/test_server.hpp"

using namespace ivd;
using namespace ivd::test;

namespace {
void require_security_headers(const httplib::Response& r) {
  REQUIRE(r.get_header_value("Content-Security-Policy") ==
          "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; frame-ancestors 'none'");
  REQUIRE(r.get_header_value("X-Content-Type-Options") == "nosniff");
  REQUIRE(r.get_header_value("Referrer-Policy") == "no-referrer");
  REQUIRE(r.get_header_value("X-Frame-Options") == "DENY");
}
}  // namespace

TEST_CASE("/ serves index.html as HTML that is revalidated every time", "[http][static]") {
  TestServer s;
  auto r = s.client().Get("/");
  REQUIRE(r);
  REQUIRE(r->status == 200);
  REQUIRE(r->body == "<!doctype html><title>IVD</title>");
  REQUIRE(r->get_header_value("Content-Type") == "text/html; charset=utf-8");
  REQUIRE(r->get_header_value("Cache-Control") == "no-cache");
  require_security_headers(*r);
  auto same = s.client().Get("/index.html");
  REQUIRE(same->body == r->body);
}

TEST_CASE("the service worker is JavaScript that is revalidated every time", "[http][static]") {
  TestServer s;
  auto r = s.client().Get("/sw.js");
  REQUIRE(r);
  REQUIRE(r->status == 200);
  REQUIRE(r->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
  // A new build's worker (and with it the new files kept for offline use) is seen at the next visit.
  REQUIRE(r->get_header_value("Cache-Control") == "no-cache");
  require_security_headers(*r);
}

TEST_CASE("wasm is served as application/wasm, brotli when the client accepts it", "[http][static]") {
  TestServer s;
  auto plain = s.client().Get("/x.wasm");
  REQUIRE(plain);
  REQUIRE(plain->status == 200);
  REQUIRE(plain->get_header_value("Content-Type") == "application/wasm");
  REQUIRE(plain->body == std::string("\0asm\1\0\0\0", 8));
  REQUIRE_FALSE(plain->has_header("Content-Encoding"));
  REQUIRE(plain->get_header_value("Vary") == "Accept-Encoding");
  REQUIRE(plain->get_header_value("Cache-Control").rfind("public, max-age=", 0) == 0);
  REQUIRE_FALSE(plain->get_header_value("ETag").empty());

  auto br = s.client().Get("/x.wasm", {{"Accept-Encoding", "gzip, deflate, br"}});
  REQUIRE(br);
  REQUIRE(br->status == 200);
  REQUIRE(br->get_header_value("Content-Encoding") == "br");
  REQUIRE(br->get_header_value("Content-Type") == "application/wasm");
  REQUIRE(br->body == "BROTLI-BYTES");
  REQUIRE(br->get_header_value("ETag") != plain->get_header_value("ETag"));
  require_security_headers(*br);

  // no .gz of x.wasm: gzip-only clients get the plain file
  auto gz_only = s.client().Get("/x.wasm", {{"Accept-Encoding", "gzip"}});
  REQUIRE_FALSE(gz_only->has_header("Content-Encoding"));
  auto refused = s.client().Get("/x.wasm", {{"Accept-Encoding", "br;q=0, gzip"}});
  REQUIRE_FALSE(refused->has_header("Content-Encoding"));
}

TEST_CASE("gzip variants are served when brotli is not available", "[http][static]") {
  TestServer s;
  auto r = s.client().Get("/app.js", {{"Accept-Encoding", "gzip, br"}});
  REQUIRE(r);
  REQUIRE(r->get_header_value("Content-Encoding") == "gzip");
  REQUIRE(r->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
  REQUIRE(r->body == "GZIP-BYTES");
}

TEST_CASE("an unchanged asset answers 304 to If-None-Match", "[http][static]") {
  TestServer s;
  auto first = s.client().Get("/x.wasm");
  const std::string etag = first->get_header_value("ETag");
  auto again = s.client().Get("/x.wasm", {{"If-None-Match", etag}});
  REQUIRE(again);
  REQUIRE(again->status == 304);
  REQUIRE(again->body.empty());
}

TEST_CASE("MIME types of the web app's files", "[http][static]") {
  REQUIRE(mime_type_for("a/app.wasm") == "application/wasm");
  REQUIRE(mime_type_for("app.js") == "text/javascript; charset=utf-8");
  REQUIRE(mime_type_for("index.HTML") == "text/html; charset=utf-8");
  REQUIRE(mime_type_for("font.ttf") == "font/ttf");
  REQUIRE(mime_type_for("logo.png") == "image/png");
  REQUIRE(mime_type_for("manifest.json") == "application/json");
  REQUIRE(mime_type_for("app.css") == "text/css; charset=utf-8");
  REQUIRE(mime_type_for("noext") == "application/octet-stream");
  REQUIRE(accepts_encoding("gzip, deflate, br", "br"));
  REQUIRE(accepts_encoding("BR;q=0.5", "br"));
  REQUIRE(accepts_encoding("*", "br"));
  REQUIRE_FALSE(accepts_encoding("gzip", "br"));
  REQUIRE_FALSE(accepts_encoding("br;q=0", "br"));
  REQUIRE_FALSE(accepts_encoding("", "br"));
  REQUIRE_FALSE(accepts_encoding("brotli", "br"));
}

TEST_CASE("path traversal out of the web folder is refused", "[http][static]") {
  TestServer s;
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/x/../../secret.txt",
                           "/.%2e/secret.txt", "/%2e%2e%5csecret.txt", "/.hidden"}) {
    INFO(path);
    auto r = s.client().Get(path);
    REQUIRE(r);
    REQUIRE(r->status >= 400);
    REQUIRE(r->body.find("TOP SECRET") == std::string::npos);
  }
  auto missing = s.client().Get("/nope.js");
  REQUIRE(missing->status == 404);
  REQUIRE(json_of(missing)["code"] == "route.not_found");
  require_security_headers(*missing);
}

TEST_CASE("an unknown API route is a 404 JSON error", "[http][api]") {
  TestServer s;
  auto r = s.client().Get("/api/v1/x");
  REQUIRE(r);
  REQUIRE(r->status == 404);
  REQUIRE(r->get_header_value("Content-Type") == "application/json; charset=utf-8");
  auto j = json_of(r);
  REQUIRE(j["code"] == "route.not_found");
  REQUIRE(j["message_zh"] == "接口不存在");
  REQUIRE(j["message_en"] == "No such API route");
  require_security_headers(*r);
  REQUIRE(s.client().Post("/api/v1/x", "{}", "application/json")->status == 404);
  REQUIRE(json_of(s.client().Get("/api/v1"))["code"] == "route.not_found");
}

TEST_CASE("malformed JSON is a 400 JSON error", "[http][api]") {
  TestServer s;
  auto r = s.client().Post("/api/v1/auth/login", "{\"username\": ", "application/json");
  REQUIRE(r);
  REQUIRE(r->status == 400);
  REQUIRE(json_of(r)["code"] == "request.malformed_json");
}

TEST_CASE("a body over the size limit is a 413 JSON error", "[http][api]") {
  TestServerOptions opts;
  opts.max_body_bytes = 64 * 1024;
  TestServer s(opts);
  auto r = s.client().Post("/api/v1/auth/login", std::string(65 * 1024, 'x'), "application/json");
  REQUIRE(r);
  REQUIRE(r->status == 413);
  auto j = json_of(r);
  REQUIRE(j["code"] == "request.too_large");
  REQUIRE(j["message_zh"] == "请求内容过大");
  require_security_headers(*r);
  REQUIRE(HttpServerOptions{}.max_body_bytes == 32u * 1024u * 1024u);
}

TEST_CASE("an exception in a handler becomes a 500 JSON error and the server keeps serving", "[http][api]") {
  TestServerOptions opts;
  opts.raw_routes = [](httplib::Server& svr) {
    svr.Get("/boom", [](const httplib::Request&, httplib::Response&) { throw std::runtime_error("x"); });
  };
  TestServer s(opts);
  auto r = s.client().Get("/boom");
  REQUIRE(r);
  REQUIRE(r->status == 500);
  REQUIRE(json_of(r)["code"] == "internal");
  require_security_headers(*r);
  REQUIRE(s.client().Get("/")->status == 200);
}

TEST_CASE("the web root holds only the app's files: build files next to them are never served", "[http][static]") {
  // A wasm build folder as web/CMakeLists.txt leaves it, staged by its script into a web root.
  TempDir build;
  for (const char* name : {"Makefile", "libimgui.a", "cmake_install.cmake", "charset.txt", "index.html", "app.js",
                           "app.js.br", "app.wasm", "font.ttf", "style.css"})
    build.write(std::string("web/") + name, std::string("content of ") + name);
  build.write("webroot/stale.js", "left from an older build");
  std::string files;
  for (const char* name : {"index.html", "app.js", "app.js.br", "app.wasm", "font.ttf", "style.css"})
    files += (files.empty() ? "" : "|") + (build.path / "web" / name).string();
  const std::string root = (build.path / "webroot").string();
  const std::string command = std::string("\"") + IVD_CMAKE_COMMAND + "\" -DOUT=\"" + root + "\" \"-DFILES=" + files +
                              "\" -P \"" + IVD_SOURCE_DIR + "/cmake/stage_web_root.cmake\"";
  REQUIRE(std::system(command.c_str()) == 0);

  TestServerOptions opts;
  opts.web_dir = root;
  TestServer s(opts);
  for (const char* path : {"/Makefile", "/libimgui.a", "/cmake_install.cmake", "/charset.txt", "/stale.js"}) {
    INFO(path);
    auto r = s.client().Get(path);
    REQUIRE(r);
    REQUIRE(r->status == 404);
    REQUIRE(json_of(r)["code"] == "route.not_found");
  }
  for (const char* path : {"/", "/app.js", "/app.wasm", "/font.ttf", "/style.css"}) {
    INFO(path);
    auto r = s.client().Get(path);
    REQUIRE(r);
    REQUIRE(r->status == 200);
  }
  REQUIRE(s.client().Get("/app.js", {{"Accept-Encoding", "br"}})->body == "content of app.js.br");
}

namespace {
std::mutex g_log_mu;
std::vector<std::pair<std::string, std::string>> g_log;  // reference, detail
void capture_internal_error(const std::string& reference, std::string_view detail) {
  std::lock_guard lock(g_log_mu);
  g_log.emplace_back(reference, std::string(detail));
}
}  // namespace

TEST_CASE("an internal error reaches the client as a code and a reference; the detail only the log", "[http][api]") {
  TestServerOptions opts;
  opts.extra_routes = [](Api& api) {
    api.add("GET", "/test/bad-sql", Access::open, [](ApiContext& c) -> Result<nlohmann::json> {
      IVD_TRY(c.db.exec("SELECT secret_column FROM secret_table"));
      return nlohmann::json::object();
    });
  };
  opts.raw_routes = [](httplib::Server& svr) {
    svr.Get("/secret/boom", [](const httplib::Request&, httplib::Response&) { throw std::runtime_error("/etc/secret"); });
  };
  TestServer s(opts);
  {
    std::lock_guard lock(g_log_mu);
    g_log.clear();
  }
  set_internal_error_sink(capture_internal_error);
  auto sql = s.client().Get("/api/v1/test/bad-sql");
  auto boom = s.client().Get("/secret/boom");
  set_internal_error_sink(nullptr);

  for (auto* r : {&sql, &boom}) {
    REQUIRE(*r);
    REQUIRE((*r)->status == 500);
    const auto j = json_of(*r);
    REQUIRE(j["code"] == "internal");
    const std::string reference = j["details"]["reference"];
    for (const char* secret : {"secret", "SELECT", "/etc", "boom", "sqlite"}) {
      INFO(secret);
      CHECK((*r)->body.find(secret) == std::string::npos);
    }
    std::lock_guard lock(g_log_mu);
    bool logged = false;
    for (const auto& [ref, detail] : g_log) logged = logged || (ref == reference && detail.find("secret") != std::string::npos);
    CHECK(logged);
  }
}

TEST_CASE("the server's internal-error log line holds the reference and the detail", "[http][api]") {
  TempDir d;
  const std::string file = (d.path / "stderr.txt").string();
  std::fflush(stderr);
  const int saved = dup(2);
  FILE* out = std::fopen(file.c_str(), "w");
  REQUIRE(out);
  dup2(fileno(out), 2);
  log_internal_error("E00000000-0001", "prepare: no such table: x in SELECT 1");
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  std::fclose(out);
  std::ifstream in(file);
  const std::string line((std::istreambuf_iterator<char>(in)), {});
  CHECK(line.find("internal error E00000000-0001: prepare: no such table: x in SELECT 1") != std::string::npos);
}
