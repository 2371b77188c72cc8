#pragma once
// Errors are values: every core operation returns Result<T>; nothing throws across a module boundary.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ivd {

// The kind decides the HTTP status the server answers with; the code is the stable id clients test.
enum class ErrorKind {
  bad_request = 400,     // malformed input (JSON, types, ranges)
  unauthorized = 401,    // no or expired session, bad credentials
  forbidden = 403,       // authenticated but not allowed (scope, menu, level)
  not_found = 404,
  conflict = 409,        // stale revision, duplicate, wrong state for a transition
  unprocessable = 422,   // business rule refused (rule_id set)
  locked = 423,          // account locked after repeated failures
  too_large = 413,
  unsupported_media_type = 415,  // a body of the wrong content type
  internal = 500,
  unavailable = 503,     // busy (the write lock is held elsewhere) or a service that is not configured
};

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string code;        // stable id, also the translation key, e.g. "auth.bad_credentials"
  std::string message_zh;
  std::string message_en;
  std::string field;       // the input field that caused it, if any
  std::string rule_id;     // business rule id (R-...), if any
  nlohmann::json details;  // optional structured data (e.g. validation items)
};

// Builds an error whose messages come from the translation tables; {0}, {1}... are replaced by args.
Error make_error(ErrorKind kind, std::string code, std::string field = {}, std::vector<std::string> args = {});
nlohmann::json error_to_json(const Error& e);

// An internal fault (database, I/O, a broken invariant). The client gets only the generic code
// "internal" and a reference id; the detail (SQL text, paths) goes to the internal-error log, keyed by
// that id, so support can find it and nothing about the inside reaches the caller.
Error internal_error(std::string_view detail);
// Where internal_error writes its detail: the server logs to stderr; tests capture it. Default: stderr.
using InternalErrorSink = void (*)(const std::string& reference, std::string_view detail);
void set_internal_error_sink(InternalErrorSink sink);
int http_status(ErrorKind kind);

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() { return std::get<0>(v_); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

// Propagates an error from an expression returning Result<...> or Status.
#define IVD_TRY(expr)                                   \
  do {                                                  \
    auto ivd_try_r_ = (expr);                           \
    if (!ivd_try_r_.ok()) return ivd_try_r_.error();    \
  } while (0)

// Declares (or assigns) lhs from an expression returning Result<T>, or returns its error:
//   IVD_ASSIGN_OR_RETURN(auto user, load_user(db, id));
#define IVD_ASSIGN_OR_RETURN(lhs, expr) IVD_ASSIGN_OR_RETURN_IMPL_(IVD_CONCAT_(ivd_aor_, __LINE__), lhs, expr)
#define IVD_CONCAT_INNER_(a, b) a##b
#define IVD_CONCAT_(a, b) IVD_CONCAT_INNER_(a, b)
#define IVD_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return tmp.error();               \
  lhs = std::move(tmp).value()

}  // namespace ivd
