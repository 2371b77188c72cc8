// ApiClient answered in this browser (issue 12): core's dispatcher over the copy of the hospital's
// scope, run by the engine module that web/offline/kiosk.js loads on demand (the main app carries
// neither SQLite nor the engine). And the client the app uses: HTTP first, and for a read the server
// could not answer, the local copy. While online it keeps that copy fresh: once per session and after
// each change the server accepted, it fetches GET /offline/snapshot and hands it to kiosk.js.
#include <emscripten/emscripten.h>

#include <deque>
#include <map>
#include <memory>

#include "core/offline/snapshot.hpp"
#include "web/transport/api_client.hpp"

namespace ivd::web {
namespace {

// kiosk.js, loaded once: its promise is kept on Module (EM_JS bodies are not macro-expanded, so the
// loader is written once here, in JS, and the calls below use it).
EM_JS(void, js_kiosk_define_loader, (), {
  if (Module.kioskScript) return;
  Module.kioskScript = function() {
    if (!Module.kioskScriptPromise) {
      Module.kioskScriptPromise = new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = 'kiosk.js';
        s.onload = () => resolve(window.ivdKiosk);
        s.onerror = () => { Module.kioskScriptPromise = null; reject(new Error('kiosk.js did not load')); };
        document.head.appendChild(s);
      });
    }
    return Module.kioskScriptPromise;
  };
});

EM_JS(void, js_kiosk_call, (int id, const char* method, const char* target, const char* body, const char* token), {
  const args = [UTF8ToString(method), UTF8ToString(target), UTF8ToString(body), UTF8ToString(token)];
  Module.kioskScript().then((k) => k.call(args[0], args[1], args[2], args[3]))
    .catch(() => ({status : 0, body : String()}))
    .then((r) => {
      const n = lengthBytesUTF8(r.body) + 1;
      const p = _malloc(n);
      stringToUTF8(r.body, p, n);
      _web_kiosk_reply(id, r.status, p);
      _free(p);
    });
});

EM_JS(void, js_kiosk_store, (const char* base64, double user_id, double taken_at), {
  const text = UTF8ToString(base64);
  Module.kioskScript().then((k) => k.store(text, user_id, taken_at)).catch(() => {});
});

class LocalApiClient;
std::map<int, LocalApiClient*>& live_calls() {
  static std::map<int, LocalApiClient*> m;
  return m;
}
int g_next_call = 1;

class LocalApiClient final : public ApiClient {
 public:
  ~LocalApiClient() override {
    for (auto it = live_calls().begin(); it != live_calls().end();)
      it = it->second == this ? live_calls().erase(it) : std::next(it);
  }
  void call(ApiCall call, ReplyHandler on_reply) override {
    const int id = g_next_call++;
    live_calls()[id] = this;
    pending_[id] = std::move(on_reply);
    js_kiosk_define_loader();
    const std::string body = call.body.is_null() ? std::string() : call.body.dump();
    js_kiosk_call(id, call.method.c_str(), call.target().c_str(), body.c_str(), token_.c_str());
  }
  int deliver_replies() override {
    int n = 0;
    while (!arrived_.empty()) {
      auto [handler, reply] = std::move(arrived_.front());
      arrived_.pop_front();
      if (handler) handler(reply);
      ++n;
    }
    return n;
  }
  int in_flight() const override { return static_cast<int>(pending_.size() + arrived_.size()); }

  void arrive(int id, int status, const char* body) {
    auto it = pending_.find(id);
    if (it == pending_.end()) return;
    ApiReply reply;
    reply.status = status;
    if (body && *body) {
      reply.body = nlohmann::json::parse(body, nullptr, false);
      if (reply.body.is_discarded()) reply.body = nullptr;
    }
    arrived_.emplace_back(std::move(it->second), std::move(reply));
    pending_.erase(it);
    if (on_reply_queued_) on_reply_queued_();
  }

 private:
  std::map<int, ReplyHandler> pending_;
  std::deque<std::pair<ReplyHandler, ApiReply>> arrived_;
};

// HTTP first; a read the server could not answer goes to the local copy. The link shown is HTTP's.
class FallbackApiClient final : public ApiClient {
 public:
  explicit FallbackApiClient(std::string base_url)
      : http_(make_http_api_client(std::move(base_url))), local_(std::make_unique<LocalApiClient>()) {}

  void call(ApiCall call, ReplyHandler on_reply) override {
    http_->set_token(token_);
    local_->set_token(token_);
    http_->set_on_reply_queued(on_reply_queued_);
    local_->set_on_reply_queued(on_reply_queued_);
    const bool read = call.method == "GET";
    const bool write = !read;
    ApiCall again = read ? call : ApiCall{};
    http_->call(std::move(call), [this, read, write, again = std::move(again),
                                  on_reply = std::move(on_reply)](const ApiReply& r) mutable {
      if (r.unreachable() && read) {
        local_->call(std::move(again), std::move(on_reply));
        return;
      }
      if (!r.unreachable()) note_server_answer(r, write);
      if (on_reply) on_reply(r);
    });
  }
  int deliver_replies() override {
    const int n = http_->deliver_replies() + local_->deliver_replies();
    link_.reachable = http_->link().reachable;
    return n;
  }
  int in_flight() const override { return http_->in_flight() + local_->in_flight(); }

 private:
  // Keeps the local copy fresh: a new session, or a change the server accepted, asks for a new one.
  void note_server_answer(const ApiReply& r, bool write) {
    if (token_.empty() || !r.ok()) return;
    if (token_ == copy_token_ && !(write && !fetching_)) return;
    if (fetching_) return;
    if (token_ == refused_token_) return;  // not a hospital user: no copy for this session
    copy_token_ = token_;
    fetching_ = true;
    const std::string token = token_;
    http_->call(ApiCall::parse("GET", "/offline/snapshot", nullptr), [this, token](const ApiReply& s) {
      fetching_ = false;
      if (s.status == 403) refused_token_ = token;
      if (!s.ok()) {
        if (s.status != 403) copy_token_.clear();
        return;
      }
      const OfflineSnapshot snap = s.body.get<OfflineSnapshot>();
      js_kiosk_define_loader();
      js_kiosk_store(snap.db_base64.c_str(), static_cast<double>(snap.user_id), static_cast<double>(snap.taken_at));
    });
  }

  std::unique_ptr<ApiClient> http_;
  std::unique_ptr<LocalApiClient> local_;
  std::string copy_token_;     // the session the stored copy was last fetched for
  std::string refused_token_;  // a session the server gives no copy (not a hospital user)
  bool fetching_ = false;
};

}  // namespace

std::unique_ptr<ApiClient> make_fallback_api_client(std::string base_url) {
  return std::make_unique<FallbackApiClient>(std::move(base_url));
}

}  // namespace ivd::web

extern "C" EMSCRIPTEN_KEEPALIVE void web_kiosk_reply(int id, int status, const char* body) {
  auto it = ivd::web::live_calls().find(id);
  if (it == ivd::web::live_calls().end()) return;
  ivd::web::LocalApiClient* client = it->second;
  ivd::web::live_calls().erase(it);
  client->arrive(id, status, body);
}
