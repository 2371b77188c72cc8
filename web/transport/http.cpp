// ApiClient over HTTP with emscripten_fetch (XHR underneath): asynchronous, JSON in and out.
//
// Lifetime: a fetch outlives nothing it points to. Its userData is an InFlight record that the fetch
// owns (freed in on_done whatever happens) and that reaches the client only through a weak handle.
// When the client is destroyed with requests in flight, their callbacks find the handle expired and
// do nothing: no handler runs, nothing freed is touched.
#include <emscripten/fetch.h>

#include <cstring>
#include <deque>
#include <map>
#include <memory>

#include "web/transport/api_client.hpp"

namespace ivd::web {
namespace {

class HttpApiClient final : public ApiClient {
 public:
  explicit HttpApiClient(std::string base_url) : base_url_(std::move(base_url)), state_(std::make_shared<State>()) {
    state_->owner = this;
  }

  // Requests in flight keep only a weak handle to state_: dropping it here is all it takes.
  ~HttpApiClient() override = default;

  void call(ApiCall call, ReplyHandler on_reply) override {
    auto* req = new InFlight;  // owned by the fetch from here on; deleted in on_done
    req->state = state_;
    req->id = state_->next_id++;
    req->url = base_url_ + "/api/v1" + call.target();
    req->body = call.body.is_null() ? std::string() : call.body.dump();
    const std::string& method = call.method;
    req->token = token_;
    req->change_id = call.change_id;
    state_->pending[req->id] = std::move(on_reply);

    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, method.c_str(), sizeof(attr.requestMethod) - 1);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
    req->headers = {"Accept", "application/json"};
    if (!req->body.empty()) {
      req->headers.push_back("Content-Type");
      req->headers.push_back("application/json");
      attr.requestData = req->body.data();
      attr.requestDataSize = req->body.size();
    }
    if (!req->token.empty()) {
      req->headers.push_back("X-Session-Token");
      req->headers.push_back(req->token.c_str());
    }
    if (!req->change_id.empty()) {
      req->headers.push_back("X-Change-Id");
      req->headers.push_back(req->change_id.c_str());
    }
    req->headers.push_back(nullptr);
    attr.requestHeaders = req->headers.data();
    attr.timeoutMSecs = 30000;
    attr.userData = req;
    attr.onsuccess = &HttpApiClient::on_done;
    attr.onerror = &HttpApiClient::on_done;
    emscripten_fetch(&attr, req->url.c_str());
  }

  int deliver_replies() override {
    int n = 0;
    // Handlers may send new requests (which may even complete synchronously), or destroy this client
    // (a test hook does): take one reply at a time and stop when the state is gone.
    std::weak_ptr<State> alive = state_;
    while (auto s = alive.lock()) {
      if (s->arrived.empty()) break;
      Arrived a = std::move(s->arrived.front());
      s->arrived.pop_front();
      s.reset();
      if (a.handler) a.handler(a.reply);
      ++n;
    }
    return n;
  }

  int in_flight() const override { return static_cast<int>(state_->pending.size() + state_->arrived.size()); }

 private:
  struct Arrived {
    ReplyHandler handler;
    ApiReply reply;
  };
  // What replies are delivered into; lives as long as the client.
  struct State {
    HttpApiClient* owner = nullptr;
    int next_id = 1;
    std::map<int, ReplyHandler> pending;
    std::deque<Arrived> arrived;
  };
  // One request on the wire: the bytes the fetch reads and the way back to the client.
  struct InFlight {
    std::weak_ptr<State> state;
    int id = 0;
    std::string url;
    std::string body;
    std::string token;
    std::string change_id;
    std::vector<const char*> headers;
  };

  static void on_done(emscripten_fetch_t* fetch) {
    std::unique_ptr<InFlight> req(static_cast<InFlight*>(fetch->userData));
    if (req) {
      if (auto state = req->state.lock()) complete(*state, req->id, fetch);
    }
    emscripten_fetch_close(fetch);
  }

  static void complete(State& state, int id, emscripten_fetch_t* fetch) {
    auto it = state.pending.find(id);
    if (it == state.pending.end()) return;
    ApiReply reply;
    // readyState 4 with status 0 = network error (server down, connection refused, timeout).
    reply.status = fetch->status;
    if (fetch->numBytes > 0 && fetch->data) {
      reply.body = nlohmann::json::parse(fetch->data, fetch->data + fetch->numBytes, nullptr, false);
      if (reply.body.is_discarded()) reply.body = nullptr;
    }
    state.arrived.push_back(Arrived{std::move(it->second), std::move(reply)});
    state.pending.erase(it);
    if (state.owner) state.owner->note_answer(fetch->status);
    if (state.owner && state.owner->on_reply_queued_) state.owner->on_reply_queued_();
  }

  std::string base_url_;
  std::shared_ptr<State> state_;
};

}  // namespace

std::unique_ptr<ApiClient> make_http_api_client(std::string base_url) {
  return std::make_unique<HttpApiClient>(std::move(base_url));
}

}  // namespace ivd::web
