#pragma once
// The browser's view of the server API (/api/v1, JSON). Requests are asynchronous and never block a
// frame: a reply is queued when it arrives and its handler runs at the start of the next frame
// (deliver_replies), so screens and App only ever see replies on the UI thread between frames.
// A request is typed (api_call.hpp). Transports live in sibling files: http.cpp (emscripten_fetch),
// local.cpp (core's dispatcher in this browser over the offline copy, and the HTTP-then-local client).
// Every transport notes whether its last request reached the server (link()), which the top bar shows
// as core decides (core/api/connection_status.hpp).
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/api/api_call.hpp"
#include "core/api/connection_status.hpp"
#include "core/offline/outbox.hpp"

namespace ivd::web {

using ivd::ApiCall;

struct ApiReply {
  int status = 0;       // HTTP status; 0 = the server could not be reached
  nlohmann::json body;  // parsed JSON body (null when the body was empty or not JSON)
  bool queued = false;  // answered by this browser's copy while offline; the change waits to be sent
  bool local = false;   // answered by this browser's copy (offline), not by the server

  bool ok() const { return status >= 200 && status < 300; }
  bool unreachable() const { return status == 0; }
  // The error fields of a refusal: {code, message_zh, message_en, field?}.
  std::string code() const { return str("code"); }
  std::string field() const { return str("field"); }
  std::string str(const char* key) const {
    if (body.is_object() && body.contains(key) && body[key].is_string()) return body[key].get<std::string>();
    return {};
  }
};

using ReplyHandler = std::function<void(const ApiReply&)>;

class ApiClient {
 public:
  virtual ~ApiClient() = default;

  // Sends one request; on_reply runs from deliver_replies once its answer (or the failure to reach
  // the server: status 0) arrived.
  virtual void call(ApiCall request, ReplyHandler on_reply) = 0;
  // The same with the query written into `target` ("/users?page=2"); body sent as JSON unless null.
  void send(const std::string& method, const std::string& target, const nlohmann::json& body, ReplyHandler on_reply) {
    call(ApiCall::parse(method, target, body), std::move(on_reply));
  }
  // Runs the handlers of the replies that arrived since the last call. Returns how many ran.
  virtual int deliver_replies() = 0;
  // Requests sent and not yet delivered.
  virtual int in_flight() const = 0;

  // The session token goes into the X-Session-Token header of every request (never a cookie).
  void set_token(std::string token) { token_ = std::move(token); }
  const std::string& token() const { return token_; }
  // Called (from a browser callback, between frames) when a reply is queued: wakes the frame loop.
  void set_on_reply_queued(std::function<void()> f) { on_reply_queued_ = std::move(f); }

  // What is known of the connection: whether the last answer came from the server, and (set by the
  // offline store) whether changes wait to be sent.
  const LinkState& link() const { return link_; }
  LinkState& link() { return link_; }

  // The changes kept offline and not yet accepted by the server (core/offline/outbox.hpp); nullptr for
  // a transport without an offline store, and until the stored outbox was read. retry/discard act on
  // one of them by its change id.
  virtual const Outbox* outbox() const { return nullptr; }
  virtual void retry_change(const std::string& /*change_id*/) {}
  virtual void discard_change(const std::string& /*change_id*/) {}

 protected:
  // Called by a transport when an answer arrived (or did not: status 0).
  void note_answer(int status) { link_.reachable = !status_means_unreachable(status); }

  LinkState link_;
  std::string token_;
  std::function<void()> on_reply_queued_;
};

// path + "?key=value&..." with the values percent-encoded as UTF-8; empty values are left out.
inline std::string with_query(std::string path, const std::vector<std::pair<std::string, std::string>>& params) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  char sep = '?';
  for (const auto& [key, value] : params) {
    if (value.empty()) continue;
    path += sep;
    path += key;
    path += '=';
    for (unsigned char c : value) {
      const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                         c == '_' || c == '.' || c == '~';
      if (plain) {
        path += static_cast<char>(c);
      } else {
        path += '%';
        path += kHex[c >> 4];
        path += kHex[c & 15];
      }
    }
    sep = '&';
  }
  return path;
}

// base_url: "" for the page's own origin (the server serves the app and the API).
std::unique_ptr<ApiClient> make_http_api_client(std::string base_url);
// What the app uses (local.cpp): HTTP, and for a read the server could not answer, the local copy of the
// hospital's scope (kiosk mode, issue 12), which it keeps fresh while online.
std::unique_ptr<ApiClient> make_fallback_api_client(std::string base_url);

}  // namespace ivd::web
