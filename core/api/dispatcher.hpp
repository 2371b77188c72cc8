#pragma once
// The transport-agnostic API: request -> route -> handler -> response. The server maps HTTP onto it
// (/api/v1/...), the browser's kiosk mode calls it in-process. Handlers never throw; the dispatcher
// turns a stray exception into a 500 error value.
//
// Concurrency (issue 8). One writer connection, used by one request at a time; optionally a small pool
// of read-only connections (add_reader) that serve read routes beside it (SQLite WAL). Everything that
// needs no database runs before any connection is taken: matching the route, the body limit, parsing
// the JSON body; the session is checked on a reader when there is one. A route reads when it is a GET
// (unless registered .writes()); a read route that tries to write after all (a list that first syncs
// rows for institutions added since) is run again on the writer. Without readers (unit tests, the
// browser) every route runs on the one connection, one at a time, as before.
//
// Serialised answers. A handler may answer bytes it has already serialised (ApiContext::reply_bytes),
// typically from the Api's ResponseCache after it has checked who asks; handle_serialised passes them
// to the HTTP layer as they are, handle parses them back for in-process callers.
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/api/actor.hpp"
#include "core/api/request.hpp"
#include "core/api/response_cache.hpp"
#include "core/store/db.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"

namespace ivd {

struct ApiRequest {
  std::string method;                        // GET, POST, PUT, DELETE
  std::string path;                          // without the /api/v1 prefix, e.g. "/auth/login"
  std::string body;                          // raw JSON text ("" = no body)
  std::map<std::string, std::string> query;  // URL query parameters
  std::string session_token;                 // from the X-Session-Token header
  std::string change_id;                     // X-Change-Id: a change from the offline queue (applied_changes.hpp)
};

struct ApiResponse {
  int status = 200;
  nlohmann::json body;
  // Set instead of body by Api::handle_serialised when the answer is already serialised (a cached
  // answer, ResponseCache): the HTTP layer sends these bytes as they are.
  std::shared_ptr<const std::string> bytes;
};

// Who may call a route.
enum class Access {
  open,          // anyone (login, captcha)
  session,       // any valid session, even one that must still change its password
  user,          // a valid session whose password has been changed
};

// Body limits (issue 8): a JSON body up to 4 MB; a route that takes a file says its own limit.
inline constexpr size_t kMaxJsonBodyBytes = 4u * 1024u * 1024u;
inline constexpr const char* kJsonMediaType = "application/json";
// The body of a JSON upload of at most file_bytes: base64 (4 bytes per 3) plus room for the other fields.
constexpr size_t upload_body_limit(size_t file_bytes) { return (file_bytes + 2) / 3 * 4 + 64u * 1024u; }

// Runs fn without holding the writer connection: for CPU work of tens of milliseconds (argon2id) in
// the middle of a writing route. An empty OutsideLock (unit tests calling core directly) runs fn inline.
using OutsideLock = std::function<void(const std::function<void()>& fn)>;
inline void run_outside_lock(const OutsideLock& outside, const std::function<void()>& fn) {
  if (outside) outside(fn); else fn();
}

struct ApiContext {
  Db& db;
  Services& svc;
  const ApiRequest& req;
  nlohmann::json body;                        // parsed body (object; empty object when no body)
  std::map<std::string, std::string> params;  // path parameters, e.g. {id}
  std::optional<Actor> actor;                 // set for Access::session and Access::user routes
  std::string session_token;
  OutsideLock outside_lock = {};              // see OutsideLock; set on the writer
  ResponseCache* cache = nullptr;             // the Api's cache of serialised answers
  std::shared_ptr<const std::string> reply;   // set by reply_bytes

  const Actor& me() const { return *actor; }
  // Answers these bytes (a serialised JSON value) instead of the handler's return value:
  //   return c.reply_bytes(bytes);
  nlohmann::json reply_bytes(std::shared_ptr<const std::string> bytes) {
    reply = std::move(bytes);
    return nullptr;
  }
};

using Handler = std::function<Result<nlohmann::json>(ApiContext&)>;
// A session resolver that may write (touch, delete an expired session) on the connection it gets.
using SessionResolver = std::function<Result<Actor>(Db&, Services&, const std::string& token)>;
// A write deferred by a read: run on the writer connection when it is free (e.g. a session's touch).
using DeferredWrite = std::function<Status(Db&)>;
// A session check that only reads; what it would write it leaves in `later`.
using SessionCheck = std::function<Result<Actor>(Db&, Services&, const std::string& token, DeferredWrite& later)>;

// What the HTTP layer needs to know of a route before it reads the body.
struct RouteInfo {
  size_t max_body_bytes = kMaxJsonBodyBytes;
  std::string media_type = kJsonMediaType;  // what a non-empty body must be (Content-Type)
};

class Api {
 public:
  Api(Db& db, Services& svc);

  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Access access;
    std::string menu;
    Handler handler;
    bool reads = false;  // may run on a read-only connection
    RouteInfo info;
  };
  // Returned by add() to adjust the route just added:
  //   api.add("GET", "/auth/captcha", Access::open, get_captcha).writes();
  //   api.add("POST", "/ivd/files", Access::user, upload).max_body(upload_body_limit(kMaxUploadBytes));
  class RouteSettings {
   public:
    RouteSettings(Api& api, size_t index) : api_(api), index_(index) {}
    RouteSettings& writes() { route().reads = false; return *this; }      // a GET that writes
    RouteSettings& max_body(size_t bytes) { route().info.max_body_bytes = bytes; return *this; }
    RouteSettings& accepts(std::string media_type) { route().info.media_type = std::move(media_type); return *this; }
   private:
    Route& route() { return api_.routes_[index_]; }
    Api& api_;
    size_t index_;
  };

  // pattern segments in braces are parameters: "/users/{id}/menus". menu_required: "" = none.
  RouteSettings add(std::string method, std::string pattern, Access access, Handler handler, std::string menu_required = {});
  // One of the two is in force, the one set last. The check is preferred: it lets sessions be checked
  // on read-only connections; a resolver (tests' fakes) makes routes with sessions run on the writer.
  void set_session_resolver(SessionResolver r) { resolve_ = std::move(r); check_ = nullptr; }
  void set_session_check(SessionCheck c) { check_ = std::move(c); resolve_ = nullptr; }
  // A read-only connection to the same (WAL) database file, kept open by the caller for the Api's
  // lifetime. Call before serving.
  void add_reader(Db& reader);

  // The route's limits, or its error (route.not_found, route.method_not_allowed; with a reader also
  // the session: an anonymous caller of a logged-in route is refused before its body is read).
  Result<RouteInfo> preflight(const ApiRequest& req);

  // Thread-safe: writes are serialised on the one writer connection; reads use the readers.
  // The answer as a JSON value (a serialised answer is parsed back: unit tests, the browser).
  ApiResponse handle(const ApiRequest& req);
  // The same, but an answer that is already serialised comes back as bytes (the HTTP server).
  ApiResponse handle_serialised(const ApiRequest& req);

  ResponseCache& response_cache() { return cache_; }

  Db& db() { return db_; }
  Services& services() { return svc_; }

 private:
  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
  };
  Result<Match> find(const ApiRequest& req) const;
  using Bytes = ResponseCache::Bytes;
  // The handler's value, or in `bytes` an answer it gave already serialised (ApiContext::reply_bytes).
  Result<nlohmann::json> dispatch(const ApiRequest& req, Bytes& bytes);
  // Checks the session and menu of the route on db. Fills later with the session's deferred write.
  Status authorize(const Route& route, Db& db, const std::string& token, std::optional<Actor>& actor, DeferredWrite& later);
  Result<nlohmann::json> run_on_reader(const Match& m, const ApiRequest& req, nlohmann::json& body, bool& needs_writer,
                                       Bytes& bytes);
  Result<nlohmann::json> run_on_writer(const Match& m, const ApiRequest& req, nlohmann::json& body, Bytes& bytes);
  Db* take_reader();
  void give_back(Db* reader);

  Db& db_;
  Services& svc_;
  std::vector<Route> routes_;
  SessionResolver resolve_;
  SessionCheck check_;
  std::mutex mu_;  // the writer connection

  std::mutex readers_mu_;
  std::condition_variable reader_free_;
  std::vector<Db*> readers_;       // all of them
  std::vector<Db*> free_readers_;  // not in use

  ResponseCache cache_;
};

// Registers every core route (accounts, organisation, ivd, ...). Defined in core/routes.cpp.
void register_all_routes(Api& api);

}  // namespace ivd
