#include "core/api/dispatcher.hpp"

#include <exception>
#include <sstream>

namespace ivd {

namespace {
std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : path) {
    if (c == '/') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           std::map<std::string, std::string>& params) {
  if (pattern.size() != path.size()) return false;
  std::map<std::string, std::string> p;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const auto& seg = pattern[i];
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      p[seg.substr(1, seg.size() - 2)] = path[i];
    } else if (seg != path[i]) {
      return false;
    }
  }
  params = std::move(p);
  return true;
}
}  // namespace

Api::Api(Db& db, Services& svc) : db_(db), svc_(svc) {}

void Api::add(std::string method, std::string pattern, Access access, Handler handler, std::string menu_required) {
  routes_.push_back({std::move(method), split_path(pattern), access, std::move(menu_required), std::move(handler)});
}

ApiResponse Api::handle(const ApiRequest& req) {
  std::lock_guard lock(mu_);
  Result<nlohmann::json> r = Error{};
  try {
    r = dispatch(req);
  } catch (const std::exception& e) {
    r = internal_error(std::string("exception in ") + req.method + " " + req.path + ": " + e.what());
  } catch (...) {
    r = internal_error(std::string("unknown exception in ") + req.method + " " + req.path);
  }
  if (r.ok()) return {200, std::move(r.value())};
  return {http_status(r.error().kind), error_to_json(r.error())};
}

Result<nlohmann::json> Api::dispatch(const ApiRequest& req) {
  const auto path = split_path(req.path);
  const Route* found = nullptr;
  bool path_known = false;
  std::map<std::string, std::string> params;
  for (const auto& route : routes_) {
    if (!match(route.segments, path, params)) continue;
    path_known = true;
    if (route.method == req.method) {
      found = &route;
      break;
    }
  }
  if (!found)
    return make_error(path_known ? ErrorKind::bad_request : ErrorKind::not_found,
                      path_known ? "route.method_not_allowed" : "route.not_found");

  ApiContext ctx{db_, svc_, req, nlohmann::json::object(), std::move(params), std::nullopt, req.session_token};
  if (!req.body.empty()) {
    auto parsed = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_object()) return make_error(ErrorKind::bad_request, "request.malformed_json");
    ctx.body = std::move(parsed);
  }
  if (found->access != Access::open) {
    if (!resolve_) return make_error(ErrorKind::unauthorized, "auth.not_logged_in");
    auto actor = resolve_(db_, svc_, req.session_token);
    if (!actor) return actor.error();
    if (found->access == Access::user && actor->must_change_password)
      return make_error(ErrorKind::forbidden, "auth.must_change_password");
    if (!found->menu.empty() && !actor->holds(found->menu))
      return make_error(ErrorKind::forbidden, "auth.menu_not_granted", {}, {found->menu});
    ctx.actor = std::move(actor.value());
  }
  return found->handler(ctx);
}

}  // namespace ivd
