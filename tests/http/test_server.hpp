#pragma once
// A reusable harness for HTTP tests (DESIGN: "HTTP tests bind the real server to a free loopback port,
// start it in a thread, wait until ready, stop and join in a scope guard"):
//
//   TestServer s;                       // temp database + temp web folder, server running
//   auto cli = s.client();
//   auto token = s.login("admin", "123456");   // captcha answered through the recording painter
//   auto r = cli.Get("/api/v1/auth/me", s.auth(token));
//
// The real services are used except two test hooks: a clock tests can advance, and a captcha painter
// that records the last code it drew (the real PNG is still produced). Password hashing is the real
// argon2id with libsodium's minimum limits, so the tests stay fast. Uploaded files go to an in-memory
// file store (`files`); the Api has a writer and two read-only connections as in `server serve`
// (TestServerOptions::readers); a test that needs a prepared world passes a database file to start from
// (TestServerOptions::db_template), copied into the temp folder so the template stays untouched.
#include <httplib.h>
#include <stdlib.h>

#include <atomic>
#include <catch_amalgamated.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <string>
#include <thread>
#include <vector>

#include "core/accounts/sessions.hpp"
#include "core/api/dispatcher.hpp"
#include "core/store/app_settings.hpp"
#include "core/store/db.hpp"
#include "core/store/file_store.hpp"
#include "core/store/schema.hpp"
#include "server/captcha_png.hpp"
#include "server/http_server.hpp"
#include "server/sodium_hasher.hpp"

namespace ivd::test {

// Wall-clock time that tests can move forward (session idle time, lockout, captcha expiry).
struct AdjustableClock : Clock {
  std::atomic<int64_t> offset{0};
  int64_t now() override { return real.now() + offset.load(); }
  void advance(int64_t seconds) { offset += seconds; }
  SystemClock real;
};

// Paints with the real painter and remembers the code, so a test can answer the captcha.
struct RecordingPainter : CaptchaPainter {
  std::unique_ptr<CaptchaPng> real;
  std::mutex mu;
  std::string last;
  RecordingPainter() {
    std::string error;
    real = CaptchaPng::load(&error);
    if (!real) FAIL(error);
  }
  std::string png(std::string_view text) override {
    std::lock_guard lock(mu);
    last = std::string(text);
    return real->png(text);
  }
  std::string last_code() {
    std::lock_guard lock(mu);
    return last;
  }
};

// The real argon2id hasher (libsodium's minimum limits, so tests stay fast) with a hook a test can set
// to hold a password check in the middle (to see what else proceeds meanwhile).
struct HookedHasher : PasswordHasher {
  SodiumHasher real{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
  std::function<void()> on_verify;  // called at the start of every verify()
  std::string hash(std::string_view password) override { return real.hash(password); }
  bool verify(std::string_view stored_hash, std::string_view password) override {
    if (on_verify) on_verify();
    return real.verify(stored_hash, password);
  }
};

// A folder under the system temp dir, removed with everything in it at the end.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ivd_http_XXXXXX").string();
    if (!mkdtemp(tmpl.data())) FAIL("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  void write(const std::string& rel, const std::string& content) const {
    std::filesystem::create_directories((path / rel).parent_path());
    std::ofstream(path / rel, std::ios::binary) << content;
  }
};

struct TestServerOptions {
  size_t max_body_bytes = HttpServerOptions{}.max_body_bytes;
  std::function<void(Api&)> extra_routes;  // more core routes for a test
  std::function<void(httplib::Server&)> raw_routes;  // plain httplib routes for a test
  std::function<void(httplib::Server&, Api&)> api_binary_routes;  // binary routes under /api/v1 (downloads)
  std::string db_template;  // a database file to start from (copied), e.g. a world built once per run
  int readers = 2;          // read-only connections beside the writer, as `server serve` has
  std::string web_dir;      // the folder to serve; default: a small one made in the temp folder
};

class TestServer {
 public:
  explicit TestServer(TestServerOptions options = {}) {
    // The web folder: an index page, a "wasm" file with a brotli variant, a script.
    dir.write("web/index.html", "<!doctype html><title>IVD</title>");
    dir.write("web/x.wasm", std::string("\0asm\1\0\0\0", 8));
    dir.write("web/sw.js", "self.addEventListener('fetch', () => {});");
    dir.write("web/x.wasm.br", "BROTLI-BYTES");
    dir.write("web/app.js", "console.log('app')");
    dir.write("web/app.js.gz", "GZIP-BYTES");
    dir.write("secret.txt", "TOP SECRET");  // outside the web folder

    if (!options.db_template.empty()) {
      std::error_code ec;
      std::filesystem::copy_file(options.db_template, dir.path / "test.db", ec);
      if (ec) FAIL("copying the database template failed: " << ec.message());
    }
    auto opened = Db::open((dir.path / "test.db").string());
    REQUIRE(opened.ok());
    db = std::make_unique<Db>(std::move(opened.value()));
    REQUIRE(migrate(*db).ok());
    REQUIRE(ensure_super_admin(*db, svc).ok());

    api = std::make_unique<Api>(*db, svc);
    for (int i = 0; i < options.readers; ++i) {
      auto reader = Db::open((dir.path / "test.db").string());
      REQUIRE(reader.ok());
      REQUIRE(reader->exec("PRAGMA query_only = 1").ok());
      readers.push_back(std::make_unique<Db>(std::move(reader.value())));
      api->add_reader(*readers.back());
    }
    register_all_routes(*api);
    if (options.extra_routes) options.extra_routes(*api);
    HttpServerOptions http_opts;
    http_opts.web_dir = options.web_dir.empty() ? (dir.path / "web").string() : options.web_dir;
    http_opts.max_body_bytes = options.max_body_bytes;
    http_opts.extra_routes = options.raw_routes;
    if (options.api_binary_routes)
      http_opts.api_binary_routes = [this, f = options.api_binary_routes](httplib::Server& s) { f(s, *api); };
    server = std::make_unique<HttpServer>(*api, http_opts);

    port = server->http().bind_to_any_port("127.0.0.1");
    REQUIRE(port > 0);
    thread = std::thread([this] { server->http().listen_after_bind(); });
    server->http().wait_until_ready();
  }

  // The scope guard: stop and join whatever happened in the test.
  ~TestServer() {
    server->http().stop();
    if (thread.joinable()) thread.join();
  }

  httplib::Client client() const {
    httplib::Client cli("127.0.0.1", port);
    cli.set_decompress(false);  // see Content-Encoding and the raw precompressed bytes
    cli.set_connection_timeout(std::chrono::seconds(5));
    cli.set_read_timeout(std::chrono::seconds(30));
    return cli;
  }

  static httplib::Headers auth(const std::string& token) { return {{"X-Session-Token", token}}; }

  // GET /auth/captcha, returns {captcha_id, answer}.
  std::pair<std::string, std::string> captcha() {
    auto res = client().Get("/api/v1/auth/captcha");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto j = nlohmann::json::parse(res->body);
    return {j.at("captcha_id").get<std::string>(), painter.last_code()};
  }

  // POST /auth/login with a correct captcha; returns the raw response.
  httplib::Result post_login(const std::string& username, const std::string& password) {
    auto [id, answer] = captcha();
    nlohmann::json body = {{"username", username}, {"password", password}, {"captcha_id", id}, {"captcha", answer}};
    return client().Post("/api/v1/auth/login", body.dump(), "application/json");
  }

  // Logs in and returns the session token (fails the test otherwise).
  std::string login(const std::string& username, const std::string& password) {
    auto res = post_login(username, password);
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    return nlohmann::json::parse(res->body).at("token").get<std::string>();
  }

  TempDir dir;
  AdjustableClock clock;
  SodiumRandom random;
  HookedHasher hasher;
  RecordingPainter painter;
  MemoryFileStore files;  // bytes of uploads (POST /ivd/files), by SHA-256
  Services svc{clock, random, hasher, painter, {}, &files};
  std::unique_ptr<Db> db;  // the writer
  std::vector<std::unique_ptr<Db>> readers;
  std::unique_ptr<Api> api;
  std::unique_ptr<HttpServer> server;
  int port = 0;
  std::thread thread;
};

inline nlohmann::json json_of(const httplib::Result& res) {
  REQUIRE(res);
  auto j = nlohmann::json::parse(res->body, nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  return j;
}

}  // namespace ivd::test
