#include "core/api/dispatcher.hpp"

#include "core/api/applied_changes.hpp"

#include <exception>

namespace ivd {

// [SECTION] route matching
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

// Db::error's answer when a read-only connection is asked to write.
bool is_read_only_error(const Error& e) { return e.code == "db.read_only"; }

// Rolls back whatever a read left open on a reader (a read never commits anything).
void end_read(Db& reader) {
  if (reader.in_transaction()) (void)reader.exec("ROLLBACK");
}
}  // namespace

Api::Api(Db& db, Services& svc) : db_(db), svc_(svc) {}

Api::RouteSettings Api::add(std::string method, std::string pattern, Access access, Handler handler,
                            std::string menu_required) {
  const bool reads = method == "GET";
  routes_.push_back({std::move(method), split_path(pattern), access, std::move(menu_required), std::move(handler),
                     reads, RouteInfo{}});
  return RouteSettings(*this, routes_.size() - 1);
}

void Api::add_reader(Db& reader) {
  std::lock_guard lock(readers_mu_);
  readers_.push_back(&reader);
  free_readers_.push_back(&reader);
}

Result<Api::Match> Api::find(const ApiRequest& req) const {
  const auto path = split_path(req.path);
  bool path_known = false;
  Match m;
  for (const auto& route : routes_) {
    if (!match(route.segments, path, m.params)) continue;
    path_known = true;
    if (route.method == req.method) {
      m.route = &route;
      return m;
    }
  }
  return make_error(path_known ? ErrorKind::bad_request : ErrorKind::not_found,
                    path_known ? "route.method_not_allowed" : "route.not_found");
}

// [SECTION] readers

Db* Api::take_reader() {
  std::unique_lock lock(readers_mu_);
  if (readers_.empty()) return nullptr;
  reader_free_.wait(lock, [&] { return !free_readers_.empty(); });
  Db* r = free_readers_.back();
  free_readers_.pop_back();
  return r;
}

void Api::give_back(Db* reader) {
  {
    std::lock_guard lock(readers_mu_);
    free_readers_.push_back(reader);
  }
  reader_free_.notify_one();
}

// [SECTION] handling a request

ApiResponse Api::handle_serialised(const ApiRequest& req) {
  Result<nlohmann::json> r = Error{};
  Bytes bytes;
  try {
    r = dispatch(req, bytes);
  } catch (const std::exception& e) {
    r = internal_error(std::string("exception in ") + req.method + " " + req.path + ": " + e.what());
  } catch (...) {
    r = internal_error(std::string("unknown exception in ") + req.method + " " + req.path);
  }
  if (!r.ok()) return {http_status(r.error().kind), error_to_json(r.error()), nullptr};
  if (bytes) return {200, nullptr, std::move(bytes)};
  return {200, std::move(r.value()), nullptr};
}

ApiResponse Api::handle(const ApiRequest& req) {
  ApiResponse r = handle_serialised(req);
  if (r.bytes) {
    r.body = nlohmann::json::parse(*r.bytes, nullptr, /*allow_exceptions=*/false);
    r.bytes.reset();
  }
  return r;
}

Status Api::authorize(const Route& route, Db& db, const std::string& token, std::optional<Actor>& actor,
                      DeferredWrite& later) {
  if (route.access == Access::open) return ok_status();
  Result<Actor> a = make_error(ErrorKind::unauthorized, "auth.not_logged_in");
  if (check_) a = check_(db, svc_, token, later);
  else if (resolve_) a = resolve_(db, svc_, token);
  if (!a) return a.error();
  if (route.access == Access::user && a->must_change_password)
    return make_error(ErrorKind::forbidden, "auth.must_change_password");
  if (!route.menu.empty() && !a->holds(route.menu))
    return make_error(ErrorKind::forbidden, "auth.menu_not_granted", {}, {route.menu});
  actor = std::move(a.value());
  return ok_status();
}

Result<RouteInfo> Api::preflight(const ApiRequest& req) {
  IVD_ASSIGN_OR_RETURN(Match m, find(req));
  // Only on a reader: without one the check would wait for the writer, which is what it avoids.
  if (m.route->access != Access::open && check_) {
    if (Db* reader = take_reader()) {
      std::optional<Actor> actor;
      DeferredWrite later;  // the touch is left to the request itself
      Status s = ok_status();
      try {
        s = authorize(*m.route, *reader, req.session_token, actor, later);
      } catch (...) {
        end_read(*reader);
        give_back(reader);
        throw;
      }
      end_read(*reader);
      give_back(reader);
      IVD_TRY(s);
    }
  }
  return m.route->info;
}

Result<nlohmann::json> Api::dispatch(const ApiRequest& req, Bytes& bytes) {
  // Nothing here needs a connection: the route, the size, the JSON.
  IVD_ASSIGN_OR_RETURN(Match m, find(req));
  if (req.body.size() > m.route->info.max_body_bytes) return make_error(ErrorKind::too_large, "request.too_large");
  nlohmann::json body = nlohmann::json::object();
  if (!req.body.empty()) {
    auto parsed = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_object()) return make_error(ErrorKind::bad_request, "request.malformed_json");
    body = std::move(parsed);
  }

  // A route that needs a session and has only a writing resolver must resolve it on the writer.
  const bool session_readable = m.route->access == Access::open || check_;
  if (m.route->reads && session_readable) {
    bool needs_writer = false;
    auto r = run_on_reader(m, req, body, needs_writer, bytes);
    if (!needs_writer) return r;
    bytes.reset();
  }
  return run_on_writer(m, req, body, bytes);
}

Result<nlohmann::json> Api::run_on_reader(const Match& m, const ApiRequest& req, nlohmann::json& body,
                                          bool& needs_writer, Bytes& bytes) {
  Db* reader = take_reader();
  if (!reader) {
    needs_writer = true;
    return nlohmann::json();
  }
  DeferredWrite later;
  Result<nlohmann::json> r = Error{};
  try {
    // One snapshot for the whole request: the session check and every query of the handler.
    r = [&]() -> Result<nlohmann::json> {
      IVD_TRY(reader->exec("BEGIN"));
      ApiContext ctx{*reader, svc_, req, std::move(body), m.params, std::nullopt, req.session_token, {}, &cache_, nullptr};
      Result<nlohmann::json> out = Error{};
      if (auto s = authorize(*m.route, *reader, req.session_token, ctx.actor, later); !s) out = s.error();
      else out = m.route->handler(ctx);
      if (out.ok()) bytes = std::move(ctx.reply);
      body = std::move(ctx.body);  // kept for a second run on the writer
      return out;
    }();
  } catch (...) {
    end_read(*reader);
    give_back(reader);
    throw;
  }
  end_read(*reader);
  give_back(reader);
  if (!r.ok() && is_read_only_error(r.error())) {
    needs_writer = true;
    return r;
  }
  // The session's touch: only when the writer is free. A busy writer must not hold up a read, and a
  // touch skipped now is made by the next request (the idle timeout is counted in minutes).
  if (later) {
    std::unique_lock lock(mu_, std::try_to_lock);
    if (lock.owns_lock()) (void)later(db_);
  }
  return r;
}

Result<nlohmann::json> Api::run_on_writer(const Match& m, const ApiRequest& req, nlohmann::json& body,
                                          Bytes& bytes) {
  // With readers, refuse a bad session before waiting for the writer.
  if (m.route->access != Access::open && check_ && !readers_.empty()) IVD_TRY(preflight(req));

  std::unique_lock lock(mu_);
  ApiContext ctx{db_, svc_, req, std::move(body), m.params, std::nullopt, req.session_token, {}, &cache_, nullptr};
  // Lets the handler step out of the lock for pure CPU work, never in the middle of a transaction.
  ctx.outside_lock = [&](const std::function<void()>& fn) {
    if (db_.in_transaction()) return fn();
    lock.unlock();
    struct Relock {
      std::unique_lock<std::mutex>& l;
      ~Relock() { l.lock(); }
    } relock{lock};
    fn();
  };
  DeferredWrite later;
  IVD_TRY(authorize(*m.route, db_, req.session_token, ctx.actor, later));
  if (later) IVD_TRY(later(db_));
  // A change from a browser's offline queue that was applied before: its answer, nothing applied again.
  const bool queued_change = !req.change_id.empty() && ctx.actor && req.method != "GET";
  if (queued_change) {
    if (req.change_id.size() > kMaxChangeIdLength) return make_error(ErrorKind::bad_request, "request.bad_change_id");
    IVD_ASSIGN_OR_RETURN(auto before, applied_change(db_, ctx.actor->user_id, req.change_id));
    if (before) {
      auto answer = nlohmann::json::parse(*before, nullptr, /*allow_exceptions=*/false);
      if (!answer.is_discarded()) return answer;
    }
  }
  auto out = m.route->handler(ctx);
  if (out.ok()) bytes = std::move(ctx.reply);
  if (out.ok() && queued_change)
    IVD_TRY(remember_applied_change(db_, ctx.actor->user_id, req.change_id, bytes ? *bytes : out.value().dump(),
                                    svc_.clock.now()));
  return out;
}

}  // namespace ivd
