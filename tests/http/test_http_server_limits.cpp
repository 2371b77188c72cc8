// The server under load and abuse (issue 8): content types, per-route body limits, and what proceeds
// while the writer is busy (a write transaction open, a password being hashed, a slow anonymous body).
// Orderings are asserted, never durations: a request that should not wait for the writer must finish
// while the writer is still held by the test.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>

#include "core/ivd/files.hpp"
#include "core/store/transaction.hpp"
#include "tests/http/test_server.hpp"

using namespace ivd;
using namespace ivd::test;
using json = nlohmann::json;

namespace {

constexpr const char* kAdminPassword = "Limits2026";

// The super admin with its password changed: a session for every route of user management.
std::string ready_admin(TestServer& s) {
  const std::string first = s.login("admin", "123456");
  json change = {{"old_password", "123456"}, {"new_password", kAdminPassword}, {"confirm_password", kAdminPassword}};
  auto r = s.client().Post("/api/v1/auth/change-password", TestServer::auth(first), change.dump(), "application/json");
  REQUIRE(r);
  REQUIRE(r->status == 200);
  return s.login("admin", kAdminPassword);
}

std::string scalar(Db& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE(st.ok());
  auto row = st->step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return st->col_text(0);
}

// A one-shot gate: the server side says it has arrived and waits (at most 20 s, so a broken test ends)
// until the test opens it.
struct Gate {
  std::mutex mu;
  std::condition_variable cv;
  bool arrived = false, open = false;
  void arrive_and_wait() {
    std::unique_lock lock(mu);
    arrived = true;
    cv.notify_all();
    cv.wait_for(lock, std::chrono::seconds(20), [&] { return open; });
  }
  bool wait_arrived() {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, std::chrono::seconds(20), [&] { return arrived; });
  }
  void release() {
    std::lock_guard lock(mu);
    open = true;
    cv.notify_all();
  }
};

// A raw connection, to send a request in parts or only its headers.
struct RawConnection {
  int fd = -1;
  explicit RawConnection(int port) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    timeval tv{20, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~RawConnection() { ::close(fd); }
  void send(const std::string& data) {
    size_t done = 0;
    while (done < data.size()) {
      const ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
      REQUIRE(n > 0);
      done += static_cast<size_t>(n);
    }
  }
  // Reads one response (headers and a Content-Length body).
  std::pair<std::string, std::string> response() {
    std::string in;
    char buf[4096];
    size_t header_end = std::string::npos;
    size_t length = 0;
    for (;;) {
      if (header_end == std::string::npos && (header_end = in.find("\r\n\r\n")) != std::string::npos) {
        std::string head = in.substr(0, header_end);
        for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const size_t at = head.find("content-length:");
        if (at != std::string::npos) length = std::stoul(head.substr(at + 15));
      }
      if (header_end != std::string::npos && in.size() >= header_end + 4 + length) break;
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      in.append(buf, static_cast<size_t>(n));
    }
    REQUIRE(header_end != std::string::npos);
    return {in.substr(0, header_end), in.substr(header_end + 4)};
  }
};

std::string request_head(const std::string& method, const std::string& path, uint64_t length,
                         const std::string& token = {}, const std::string& type = "application/json") {
  std::string h = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type +
                  "\r\nContent-Length: " + std::to_string(length) + "\r\n";
  if (!token.empty()) h += "X-Session-Token: " + token + "\r\n";
  return h + "\r\n";
}

}  // namespace

// [SECTION] content types

TEST_CASE("a POST or PUT body that is not application/json is refused with 415 and changes nothing", "[http][limits]") {
  TestServer s;
  const std::string token = s.login("admin", "123456");
  const std::string hash_before = scalar(*s.db, "SELECT password_hash FROM users WHERE username = 'admin'");
  const json change = {{"old_password", "123456"}, {"new_password", kAdminPassword}, {"confirm_password", kAdminPassword}};

  // The same valid JSON, sent as text/plain, without a type, as a form: refused before anything happens.
  for (const std::string type : {"text/plain", "application/x-www-form-urlencoded", "application/jsonx", ""}) {
    INFO(type);
    httplib::Headers h = TestServer::auth(token);
    auto r = type.empty() ? s.client().Post("/api/v1/auth/change-password", h, change.dump(), std::string())
                          : s.client().Post("/api/v1/auth/change-password", h, change.dump(), type);
    REQUIRE(r);
    REQUIRE(r->status == 415);
    REQUIRE(json_of(r)["code"] == "request.unsupported_media_type");
    REQUIRE(r->get_header_value("Content-Type").rfind("application/json", 0) == 0);
  }
  CHECK(scalar(*s.db, "SELECT password_hash FROM users WHERE username = 'admin'") == hash_before);
  CHECK(scalar(*s.db, "SELECT must_change_password FROM users WHERE username = 'admin'") == "1");
  CHECK(scalar(*s.db, "SELECT count(*) FROM events WHERE action = 'password_changed'") == "0");

  // A charset parameter and any case are fine.
  auto ok = s.client().Post("/api/v1/auth/change-password", TestServer::auth(token), change.dump(),
                            "Application/JSON; charset=UTF-8");
  REQUIRE(ok);
  REQUIRE(ok->status == 200);
  CHECK(scalar(*s.db, "SELECT password_hash FROM users WHERE username = 'admin'") != hash_before);

  // PUT as well; an empty body needs no type.
  const std::string admin = s.login("admin", kAdminPassword);
  const std::string revision = scalar(*s.db, "SELECT revision FROM users WHERE username = 'admin'");
  auto put = s.client().Put("/api/v1/users/1/menus", TestServer::auth(admin), json{{"menus", json::array()}}.dump(),
                            "text/plain");
  REQUIRE(put);
  REQUIRE(put->status == 415);
  CHECK(scalar(*s.db, "SELECT revision FROM users WHERE username = 'admin'") == revision);
  CHECK(scalar(*s.db, "SELECT count(*) FROM user_menus WHERE user_id = 1") != "0");
  auto logout = s.client().Post("/api/v1/auth/logout", TestServer::auth(admin), std::string(), "text/plain");
  REQUIRE(logout);
  REQUIRE(logout->status == 200);
}

// [SECTION] body limits

TEST_CASE("JSON routes take at most 4 MB and the upload route 20 MB in base64; beyond is 413", "[http][limits]") {
  TestServer s;
  const std::string admin = ready_admin(s);
  const auto padded = [](size_t total) {  // a valid JSON object of exactly `total` bytes
    const std::string head = "{\"username\": \"u\", \"pad\": \"", tail = "\"}";
    return head + std::string(total - head.size() - tail.size(), 'x') + tail;
  };

  auto over = s.client().Post("/api/v1/auth/login", padded(kMaxJsonBodyBytes + 1), "application/json");
  REQUIRE(over);
  REQUIRE(over->status == 413);
  REQUIRE(json_of(over)["code"] == "request.too_large");
  auto at_limit = s.client().Post("/api/v1/auth/login", padded(kMaxJsonBodyBytes), "application/json");
  REQUIRE(at_limit);
  REQUIRE(at_limit->status == 400);  // read, parsed and judged by the route: fields missing
  auto users = s.client().Post("/api/v1/users", TestServer::auth(admin), padded(kMaxJsonBodyBytes + 1), "application/json");
  REQUIRE(users);
  REQUIRE(users->status == 413);

  // The upload route: 6 MB is fine (judged by the route), its own limit is not.
  auto upload = s.client().Post("/api/v1/ivd/files", TestServer::auth(admin), padded(6u << 20), "application/json");
  REQUIRE(upload);
  CHECK(upload->status != 413);
  auto too_big = s.client().Post("/api/v1/ivd/files", TestServer::auth(admin),
                                 padded(upload_body_limit(kMaxUploadBytes) + 1), "application/json");
  REQUIRE(too_big);
  REQUIRE(too_big->status == 413);
  REQUIRE(json_of(too_big)["code"] == "request.too_large");
  CHECK(scalar(*s.db, "SELECT count(*) FROM files") == "0");
}

TEST_CASE("a body declared too large is refused from its headers, without reading it", "[http][limits]") {
  TestServer s;
  const std::string admin = ready_admin(s);
  // Only the headers are sent: the answer comes at once and the connection is closed.
  {
    RawConnection c(s.port);
    c.send(request_head("POST", "/api/v1/auth/login", 100u << 20));
    auto [head, body] = c.response();
    REQUIRE(head.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(head.find("Connection: close") != std::string::npos);
    REQUIRE(json::parse(body)["code"] == "request.too_large");
  }
  // An anonymous upload is refused for its missing session before a byte of it is read.
  {
    RawConnection c(s.port);
    c.send(request_head("POST", "/api/v1/ivd/files", 100u << 20));
    auto [head, body] = c.response();
    REQUIRE(head.rfind("HTTP/1.1 401", 0) == 0);
    REQUIRE(json::parse(body)["code"] == "auth.not_logged_in");
  }
  // A logged-in upload over the route's limit: 413 from the headers.
  {
    RawConnection c(s.port);
    c.send(request_head("POST", "/api/v1/ivd/files", 100u << 20, admin));
    auto [head, body] = c.response();
    REQUIRE(head.rfind("HTTP/1.1 413", 0) == 0);
  }
  auto me = s.client().Get("/api/v1/auth/me", TestServer::auth(admin));
  REQUIRE(me);
  REQUIRE(me->status == 200);
}

// [SECTION] concurrency

TEST_CASE("reads, session checks and parse errors are served while a write transaction holds the writer", "[http][concurrency]") {
  Gate gate;
  TestServerOptions opts;
  opts.extra_routes = [&gate](Api& api) {
    api.add("POST", "/test/hold-writer", Access::open, [&gate](ApiContext& c) -> Result<json> {
      return transaction(c.db, [&]() -> Result<json> {
        IVD_TRY(c.db.exec("UPDATE users SET updated_at = updated_at + 0 WHERE id = 1"));  // the write lock
        gate.arrive_and_wait();
        return json::object();
      });
    });
  };
  TestServer s(opts);
  const std::string admin = ready_admin(s);

  std::atomic<bool> write_done{false};
  std::atomic<int> write_status{0};
  std::thread writer([&] {
    auto r = s.client().Post("/api/v1/test/hold-writer", "{}", "application/json");
    write_status = r ? r->status : -1;
    write_done = true;
  });
  REQUIRE(gate.wait_arrived());

  // Reads of a logged-in user, on the read-only connections.
  auto me = s.client().Get("/api/v1/auth/me", TestServer::auth(admin));
  REQUIRE(me);
  CHECK(me->status == 200);
  auto list = s.client().Get("/api/v1/users?page=1&page_size=5", TestServer::auth(admin));
  REQUIRE(list);
  CHECK(list->status == 200);
  // Refusals that need no writer: no session, a malformed body, a wrong type.
  auto anonymous = s.client().Post("/api/v1/ivd/files", json{{"name", "a.pdf"}, {"content_base64", "JVBERi0="}}.dump(),
                                   "application/json");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  auto malformed = s.client().Post("/api/v1/users", TestServer::auth(admin), "{\"username\": ", "application/json");
  REQUIRE(malformed);
  CHECK(malformed->status == 400);
  auto wrong_type = s.client().Post("/api/v1/users", TestServer::auth(admin), "{}", "text/plain");
  REQUIRE(wrong_type);
  CHECK(wrong_type->status == 415);

  CHECK_FALSE(write_done.load());  // all of the above finished while the write was still open
  gate.release();
  writer.join();
  CHECK(write_status == 200);
}

TEST_CASE("a password check does not hold the writer", "[http][concurrency]") {
  TestServer s;
  const std::string admin = ready_admin(s);
  const std::string other = s.login("admin", kAdminPassword);

  Gate gate;
  std::atomic<bool> first{true};
  s.hasher.on_verify = [&] {
    if (first.exchange(false)) gate.arrive_and_wait();
  };
  std::atomic<bool> login_done{false};
  std::atomic<int> login_status{0};
  std::thread login([&] {
    auto r = s.post_login("admin", kAdminPassword);
    login_status = r ? r->status : -1;
    login_done = true;
  });
  REQUIRE(gate.wait_arrived());

  // A write of another user's request goes through while the login is in argon2id.
  auto logout = s.client().Post("/api/v1/auth/logout", TestServer::auth(other), std::string(), "application/json");
  REQUIRE(logout);
  CHECK(logout->status == 200);
  CHECK_FALSE(login_done.load());
  gate.release();
  login.join();
  CHECK(login_status == 200);
  s.hasher.on_verify = nullptr;
  CHECK(s.client().Get("/api/v1/auth/me", TestServer::auth(other))->status == 401);
  CHECK(s.client().Get("/api/v1/auth/me", TestServer::auth(admin))->status == 200);
}

TEST_CASE("a logged-in user is served while an anonymous client is slowly sending a large body", "[http][concurrency]") {
  TestServer s;
  const std::string admin = ready_admin(s);
  const std::string other = s.login("admin", kAdminPassword);

  // 3 MB of a login body, of which the first MB is sent now and the rest later.
  const std::string body = "{\"username\": \"" + std::string(3u << 20, 'a') + "\"}";
  RawConnection slow(s.port);
  slow.send(request_head("POST", "/api/v1/auth/login", body.size()));
  slow.send(body.substr(0, 1u << 20));

  auto me = s.client().Get("/api/v1/auth/me", TestServer::auth(admin));
  REQUIRE(me);
  CHECK(me->status == 200);
  auto logout = s.client().Post("/api/v1/auth/logout", TestServer::auth(other), std::string(), "application/json");
  REQUIRE(logout);
  CHECK(logout->status == 200);

  slow.send(body.substr(1u << 20));
  auto [head, answer] = slow.response();
  CHECK(head.rfind("HTTP/1.1 400", 0) == 0);  // then judged like any login: fields missing
}

// [SECTION] sessions and writes reached from reads

TEST_CASE("reads keep a session alive although they run on read-only connections", "[http][concurrency]") {
  TestServer s;
  const std::string admin = ready_admin(s);
  const int64_t step = s.svc.settings.session_idle_seconds * 2 / 3;
  for (int i = 0; i < 3; ++i) {  // 3 x 2/3 of the idle timeout: alive only if each read touched it
    s.clock.advance(step);
    auto me = s.client().Get("/api/v1/auth/me", TestServer::auth(admin));
    REQUIRE(me);
    REQUIRE(me->status == 200);
  }
  s.clock.advance(s.svc.settings.session_idle_seconds + 1);
  CHECK(s.client().Get("/api/v1/auth/me", TestServer::auth(admin))->status == 401);
}

TEST_CASE("a GET that writes after all is run again on the writer", "[http][concurrency]") {
  TestServerOptions opts;
  opts.extra_routes = [](Api& api) {
    api.add("GET", "/test/count-and-write", Access::open, [](ApiContext& c) -> Result<json> {
      IVD_TRY(c.db.exec("CREATE TABLE IF NOT EXISTS test_hits (n INTEGER)"));
      IVD_TRY(c.db.exec("INSERT INTO test_hits VALUES (1)"));
      return json::object();
    });
  };
  TestServer s(opts);
  for (int i = 0; i < 2; ++i) {
    auto r = s.client().Get("/api/v1/test/count-and-write");
    REQUIRE(r);
    REQUIRE(r->status == 200);
  }
  CHECK(scalar(*s.db, "SELECT count(*) FROM test_hits") == "2");  // once each: the reader wrote nothing
}
