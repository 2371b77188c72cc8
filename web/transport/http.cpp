// ApiClient over HTTP with emscripten_fetch (XHR underneath): asynchronous, JSON in and out.
#include <emscripten/fetch.h>

#include <cstring>
#include <deque>
#include <map>

#include "web/transport/api_client.hpp"

namespace ivd::web {
namespace {

class HttpApiClient final : public ApiClient {
 public:
  explicit HttpApiClient(std::string base_url) : base_url_(std::move(base_url)) {}

  ~HttpApiClient() override {
    // Outstanding fetches keep a pointer to their Request; the client lives as long as the page, so
    // this only runs at shutdown. Abandon the requests without calling their handlers.
    for (auto& [id, req] : pending_) req->owner = nullptr;
  }

  void send(const std::string& method, const std::string& path, const nlohmann::json& body,
            ReplyHandler on_reply) override {
    auto req = std::make_unique<Request>();
    req->owner = this;
    req->id = next_id_++;
    req->handler = std::move(on_reply);
    req->url = base_url_ + "/api/v1" + path;
    req->body = body.is_null() ? std::string() : body.dump();
    req->token = token_;

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
    req->headers.push_back(nullptr);
    attr.requestHeaders = req->headers.data();
    attr.timeoutMSecs = 30000;
    attr.userData = req.get();
    attr.onsuccess = &HttpApiClient::on_done;
    attr.onerror = &HttpApiClient::on_done;
    Request* raw = req.get();
    pending_[raw->id] = std::move(req);
    emscripten_fetch(&attr, raw->url.c_str());
  }

  int deliver_replies() override {
    int n = 0;
    // Handlers may send new requests (which may even complete synchronously); take the queue first.
    while (!arrived_.empty()) {
      Arrived a = std::move(arrived_.front());
      arrived_.pop_front();
      if (a.handler) a.handler(a.reply);
      ++n;
    }
    return n;
  }

  int in_flight() const override { return static_cast<int>(pending_.size() + arrived_.size()); }

 private:
  struct Request {
    HttpApiClient* owner = nullptr;
    int id = 0;
    ReplyHandler handler;
    std::string url;
    std::string body;
    std::string token;
    std::vector<const char*> headers;
  };
  struct Arrived {
    ReplyHandler handler;
    ApiReply reply;
  };

  static void on_done(emscripten_fetch_t* fetch) {
    auto* req = static_cast<Request*>(fetch->userData);
    if (req && req->owner) req->owner->complete(req, fetch);
    emscripten_fetch_close(fetch);
  }

  void complete(Request* req, emscripten_fetch_t* fetch) {
    ApiReply reply;
    // readyState 4 with status 0 = network error (server down, connection refused, timeout).
    reply.status = fetch->status;
    if (fetch->numBytes > 0 && fetch->data) {
      reply.body = nlohmann::json::parse(fetch->data, fetch->data + fetch->numBytes, nullptr, false);
      if (reply.body.is_discarded()) reply.body = nullptr;
    }
    auto it = pending_.find(req->id);
    if (it == pending_.end()) return;
    arrived_.push_back(Arrived{std::move(it->second->handler), std::move(reply)});
    pending_.erase(it);  // frees req
    if (on_reply_queued_) on_reply_queued_();
  }

  std::string base_url_;
  int next_id_ = 1;
  std::map<int, std::unique_ptr<Request>> pending_;
  std::deque<Arrived> arrived_;
};

}  // namespace

std::unique_ptr<ApiClient> make_http_api_client(std::string base_url) {
  return std::make_unique<HttpApiClient>(std::move(base_url));
}

}  // namespace ivd::web
