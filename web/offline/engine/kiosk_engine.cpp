// The browser's local engine (issue 12, kiosk mode): a wasm module of its own, loaded only when the
// app works without the server (web/offline/kiosk_engine.js loads it), so the main app does not carry
// SQLite. It opens the copy of a hospital's scope (GET /offline/snapshot) in an in-memory SQLite
// database and answers requests with core's dispatcher: the same routes and wire types as the server.
// After a request that may have written, the JS side stores kiosk_serialize()'s bytes under one
// IndexedDB key.
#include <emscripten/emscripten.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>

#include "core/api/api_call.hpp"
#include "core/api/dispatcher.hpp"
#include "core/base/services.hpp"
#include "core/offline/local_session.hpp"
#include "core/store/schema.hpp"

namespace {

using namespace ivd;

struct SystemClock : Clock {
  int64_t now() override { return static_cast<int64_t>(std::time(nullptr)); }
};
// crypto.getRandomValues underneath (Emscripten's getentropy).
struct BrowserRandom : RandomSource {
  std::string bytes(size_t n) override {
    std::string out(n, '\0');
    for (size_t at = 0; at < n; at += 256) {
      const size_t len = n - at < 256 ? n - at : 256;
      if (getentropy(out.data() + at, len) != 0) std::abort();
    }
    return out;
  }
};
// Passwords and captchas need the server: the local engine never checks or makes one.
struct NoHasher : PasswordHasher {
  std::string hash(std::string_view) override { return {}; }
  bool verify(std::string_view, std::string_view) override { return false; }
};
struct NoCaptcha : CaptchaPainter {
  std::string png(std::string_view) override { return {}; }
};

struct Engine {
  SystemClock clock;
  BrowserRandom random;
  NoHasher hasher;
  NoCaptcha painter;
  Services services{clock, random, hasher, painter, {}, nullptr};
  Db db;
  std::unique_ptr<Api> api;
  std::string out;  // the last answer or serialised copy handed to JS
  explicit Engine(Db d) : db(std::move(d)) {}
};
std::unique_ptr<Engine> g_engine;

}  // namespace

extern "C" {

// Opens a copy (a SQLite database file's bytes) for its hospital user. 1 = open, 0 = not a database
// this build can use (the main app then refetches the snapshot when online).
EMSCRIPTEN_KEEPALIVE int kiosk_open(const char* bytes, int len, double owner_user_id) {
  g_engine.reset();
  auto db = Db::deserialize(std::string_view(bytes, static_cast<size_t>(len)));
  if (!db.ok()) return 0;
  auto version = schema_version(*db);
  if (!version.ok() || *version != latest_schema_version()) return 0;
  auto e = std::make_unique<Engine>(std::move(db).value());
  e->api = std::make_unique<Api>(e->db, e->services);
  register_all_routes(*e->api);
  const auto owner = static_cast<int64_t>(owner_user_id);
  e->api->set_session_resolver(
      [owner](Db& d, Services&, const std::string& token) { return resolve_local_session(d, owner, token); });
  g_engine = std::move(e);
  return 1;
}

// One request: target is the path below /api/v1 with its query; body JSON text or "". Answers
// {"status": N, "body": ...} as JSON text, valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* kiosk_call(const char* method, const char* target, const char* body, const char* token) {
  nlohmann::json answer;
  if (!g_engine) {
    answer = {{"status", 503}, {"body", {{"code", "offline.no_copy"}}}};
    static std::string none;
    none = answer.dump();
    return none.c_str();
  }
  nlohmann::json parsed = body && *body ? nlohmann::json::parse(body, nullptr, false) : nlohmann::json();
  if (parsed.is_discarded()) parsed = nullptr;
  const ApiCall call = ApiCall::parse(method, target, std::move(parsed));
  ApiRequest req = call.to_request(token ? token : "");
  if (body && *body) req.body = body;  // the dispatcher reads the raw text, as over HTTP
  const ApiResponse r = g_engine->api->handle(req);
  answer = {{"status", r.status}, {"body", r.body}};
  g_engine->out = answer.dump();
  return g_engine->out.c_str();
}

// The copy as a database file (to store after a write). Size in kiosk_serialized_size(); 0 = none.
EMSCRIPTEN_KEEPALIVE const char* kiosk_serialize() {
  if (!g_engine) return nullptr;
  auto bytes = g_engine->db.serialize();
  if (!bytes.ok()) return nullptr;
  g_engine->out = std::move(bytes).value();
  return g_engine->out.data();
}
EMSCRIPTEN_KEEPALIVE int kiosk_serialized_size() { return g_engine ? static_cast<int>(g_engine->out.size()) : 0; }

}  // extern "C"

int main() { return 0; }
