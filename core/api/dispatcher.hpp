#pragma once
// The transport-agnostic API: request -> route -> handler -> response. The server maps HTTP onto it
// (/api/v1/...), the browser's kiosk mode calls it in-process. Handlers never throw; the dispatcher
// turns a stray exception into a 500 error value.
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/api/actor.hpp"
#include "core/api/request.hpp"
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
};

struct ApiResponse {
  int status = 200;
  nlohmann::json body;
};

// Who may call a route.
enum class Access {
  open,          // anyone (login, captcha)
  session,       // any valid session, even one that must still change its password
  user,          // a valid session whose password has been changed
};

struct ApiContext {
  Db& db;
  Services& svc;
  const ApiRequest& req;
  nlohmann::json body;                        // parsed body (object; empty object when no body)
  std::map<std::string, std::string> params;  // path parameters, e.g. {id}
  std::optional<Actor> actor;                 // set for Access::session and Access::user routes
  std::string session_token;

  const Actor& me() const { return *actor; }
};

using Handler = std::function<Result<nlohmann::json>(ApiContext&)>;
using SessionResolver = std::function<Result<Actor>(Db&, Services&, const std::string& token)>;

class Api {
 public:
  Api(Db& db, Services& svc);

  // pattern segments in braces are parameters: "/users/{id}/menus". menu_required: "" = none.
  void add(std::string method, std::string pattern, Access access, Handler handler, std::string menu_required = {});
  void set_session_resolver(SessionResolver r) { resolve_ = std::move(r); }

  // Thread-safe: calls are serialised (one SQLite connection).
  ApiResponse handle(const ApiRequest& req);

  Db& db() { return db_; }
  Services& services() { return svc_; }

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Access access;
    std::string menu;
    Handler handler;
  };
  Result<nlohmann::json> dispatch(const ApiRequest& req);

  Db& db_;
  Services& svc_;
  std::vector<Route> routes_;
  SessionResolver resolve_;
  std::mutex mu_;
};

// Registers every core route (accounts, organisation, ivd, ...). Defined in api_routes.cpp.
void register_all_routes(Api& api);

}  // namespace ivd
