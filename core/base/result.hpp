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
  internal = 500,
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

// Propagates an error from an expression returning Result<...>.
#define IVD_TRY(expr)                                   \
  do {                                                  \
    auto ivd_try_r_ = (expr);                           \
    if (!ivd_try_r_.ok()) return ivd_try_r_.error();    \
  } while (0)

}  // namespace ivd
