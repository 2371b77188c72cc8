#pragma once
// One request of the browser, typed: method, path below /api/v1, query parameters and JSON body. Every
// transport of the web takes it as it is (HTTP writes it onto the wire, the local transport hands it to
// the dispatcher as an ApiRequest), so nothing parses a request string again on the way.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/api/dispatcher.hpp"
#include "core/base/view_hash.hpp"

namespace ivd {

struct ApiCall {
  std::string method = "GET";                // GET, POST, PUT, DELETE
  std::string path;                          // below /api/v1, without a query: "/ivd/projects/3/sheet"
  std::map<std::string, std::string> query;  // decoded values; empty values are never sent
  nlohmann::json body;                       // null = no body
  std::string change_id;                     // a change from the offline queue: sent as X-Change-Id

  // path + "?key=value&..." with the values percent-encoded as UTF-8 (what goes onto the wire).
  std::string target() const {
    std::string out = path;
    char sep = '?';
    for (const auto& [key, value] : query) {
      if (value.empty()) continue;
      out += sep;
      out += percent_encode(key);
      out += '=';
      out += percent_encode(value);
      sep = '&';
    }
    return out;
  }

  // A request given as a target with its query already written in ("/users?page=2&name=%E5%BC%A0"):
  // split once here, where a screen hands it over.
  static ApiCall parse(std::string method, std::string_view target, nlohmann::json body) {
    ApiCall c;
    c.method = std::move(method);
    c.body = std::move(body);
    const size_t q = target.find('?');
    c.path = std::string(target.substr(0, q));
    if (q == std::string_view::npos) return c;
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
      const size_t amp = rest.find('&');
      const std::string_view pair = rest.substr(0, amp);
      const size_t eq = pair.find('=');
      std::string key = percent_decode(pair.substr(0, eq));
      std::string value = eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1));
      if (!key.empty() && !value.empty()) c.query[std::move(key)] = std::move(value);
      if (amp == std::string_view::npos) break;
      rest = rest.substr(amp + 1);
    }
    return c;
  }

  // The dispatcher's request for this call, with the session token (what the HTTP layer builds from the
  // wire; empty query values are left out there too).
  ApiRequest to_request(std::string session_token) const {
    ApiRequest r;
    r.method = method;
    r.path = path;
    r.body = body.is_null() ? std::string() : body.dump();
    for (const auto& [key, value] : query)
      if (!value.empty()) r.query[key] = value;
    r.session_token = std::move(session_token);
    r.change_id = change_id;
    return r;
  }

  bool operator==(const ApiCall&) const = default;
};

}  // namespace ivd
