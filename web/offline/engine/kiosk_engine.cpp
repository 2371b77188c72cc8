// The browser's local engine (issue 12, kiosk mode): a wasm module of its own, loaded only when the
// app works without the server (web/offline/kiosk_engine.js loads it), so the main app does not carry
// SQLite. It opens the copy of a hospital's scope (GET /offline/snapshot) in an in-memory SQLite
// database and answers requests with core's dispatcher: the same routes and wire types as the server.
// The copy stays as the server gave it; the changes made offline are the outbox (core/offline/outbox.hpp),
// replayed over it (kiosk_replay) whenever the outbox changes, so what the local reads answer is the
// server's state plus the changes not yet sent.
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
#include "core/offline/outbox.hpp"
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
  std::string base;   // the copy's bytes as the server gave them
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

// An engine over a database file's bytes for its hospital user; nullptr when the bytes are not a
// database of this build's schema.
std::unique_ptr<Engine> open_engine(std::string bytes, int64_t owner) {
  auto db = Db::deserialize(bytes);
  if (!db.ok()) return nullptr;
  auto version = schema_version(*db);
  if (!version.ok() || *version != latest_schema_version()) return nullptr;
  auto e = std::make_unique<Engine>(std::move(db).value());
  e->base = std::move(bytes);
  e->api = std::make_unique<Api>(e->db, e->services);
  register_all_routes(*e->api);
  e->api->set_session_resolver(
      [owner](Db& d, Services&, const std::string& token) { return resolve_local_session(d, owner, token); });
  return e;
}
int64_t g_owner = 0;

nlohmann::json answer_of(const ApiResponse& r) { return {{"status", r.status}, {"body", r.body}}; }

}  // namespace

extern "C" {

// Opens a copy (a SQLite database file's bytes) for its hospital user. 1 = open, 0 = not a database
// this build can use (the main app then refetches the snapshot when online).
EMSCRIPTEN_KEEPALIVE int kiosk_open(const char* bytes, int len, double owner_user_id) {
  g_engine.reset();
  g_owner = static_cast<int64_t>(owner_user_id);
  g_engine = open_engine(std::string(bytes, static_cast<size_t>(len)), g_owner);
  return g_engine ? 1 : 0;
}

// Starts again from the copy as the server gave it and applies the outbox (its JSON storage form) in
// order, each change following the local answers of those before it. Answers {"answers": [{status,
// body}, ...]} (one per entry, in order) as JSON text, valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* kiosk_replay(const char* outbox_json, const char* token) {
  static std::string none;
  if (!g_engine) {
    none = nlohmann::json{{"answers", nlohmann::json::array()}}.dump();
    return none.c_str();
  }
  auto fresh = open_engine(std::move(g_engine->base), g_owner);
  g_engine = std::move(fresh);
  if (!g_engine) {
    none = nlohmann::json{{"answers", nlohmann::json::array()}}.dump();
    return none.c_str();
  }
  Outbox box = Outbox::from_json(nlohmann::json::parse(outbox_json ? outbox_json : "", nullptr, false));
  nlohmann::json answers = nlohmann::json::array();
  for (size_t i = 0; i < box.size(); ++i) {
    const ApiResponse r = g_engine->api->handle(box.entries()[i].call.to_request(token ? token : ""));
    if (r.status >= 200 && r.status < 300) box.follow(i, r.body);
    answers.push_back(answer_of(r));
  }
  g_engine->out = nlohmann::json{{"answers", std::move(answers)}}.dump();
  return g_engine->out.c_str();
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
  g_engine->out = answer_of(r).dump();
  return g_engine->out.c_str();
}

}  // extern "C"

int main() { return 0; }
