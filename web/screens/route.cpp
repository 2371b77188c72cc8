#include "web/screens/route.hpp"

#include <charconv>

#include "web/transport/api_client.hpp"

namespace ivd::web {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += s[i] == '+' ? ' ' : s[i];
  }
  return out;
}

}  // namespace

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

std::string Route::to_hash() const {
  std::vector<std::pair<std::string, std::string>> kv(params.begin(), params.end());
  return with_query("#/" + menu, kv);
}

Route Route::from_hash(std::string_view hash) {
  Route r;
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  if (!hash.empty() && hash.front() == '/') hash.remove_prefix(1);
  const size_t q = hash.find('?');
  r.menu = percent_decode(hash.substr(0, q));
  if (q == std::string_view::npos) return r;
  std::string_view rest = hash.substr(q + 1);
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && eq > 0) {
      std::string value = percent_decode(pair.substr(eq + 1));
      if (!value.empty()) r.params[percent_decode(pair.substr(0, eq))] = std::move(value);
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return r;
}

}  // namespace ivd::web
