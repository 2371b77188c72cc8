#include "web/screens/route.hpp"

#include <charconv>

#include "core/base/view_hash.hpp"

namespace ivd::web {

std::string Route::param(std::string_view key) const {
  auto it = params.find(std::string(key));
  return it == params.end() ? std::string() : it->second;
}

int64_t Route::int_param(std::string_view key, int64_t fallback) const {
  const std::string v = param(key);
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || p != v.data() + v.size()) return fallback;
  return n;
}

Route Route::with(std::string key, std::string value) const {
  Route r = *this;
  if (value.empty())
    r.params.erase(key);
  else
    r.params[std::move(key)] = std::move(value);
  return r;
}

std::string Route::to_hash() const { return format_view_hash(ViewHash{menu, params}); }

Route Route::from_hash(std::string_view hash) {
  ViewHash v = parse_view_hash(hash);
  return Route{std::move(v.menu), std::move(v.params)};
}

}  // namespace ivd::web
