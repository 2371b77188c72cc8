// The browser's typed request (core/api/api_call.hpp): written onto the wire and read back the same,
// and handed to the dispatcher as the HTTP layer would.
#include <catch_amalgamated.hpp>

#include "core/api/api_call.hpp"

using namespace ivd;

TEST_CASE("api call: the target encodes the query as UTF-8 and leaves empty values out") {
  ApiCall c{"GET", "/users", {{"name", "张三 & 李四"}, {"page", "2"}, {"role", ""}}, nullptr};
  CHECK(c.target() == "/users?name=%E5%BC%A0%E4%B8%89%20%26%20%E6%9D%8E%E5%9B%9B&page=2");
  CHECK(ApiCall{"GET", "/auth/me", {}, nullptr}.target() == "/auth/me");
  // Read back: the same call without the empty value.
  ApiCall back = ApiCall::parse("GET", c.target(), nullptr);
  c.query.erase("role");
  CHECK(back == c);
}

TEST_CASE("api call: parsing a target a screen wrote") {
  const ApiCall c = ApiCall::parse("POST", "/ivd/projects/3/sheet?x=%e5%bc%a0+y&flag&=v&page=1", {{"a", 1}});
  CHECK(c.method == "POST");
  CHECK(c.path == "/ivd/projects/3/sheet");
  CHECK(c.query == std::map<std::string, std::string>{{"x", "张 y"}, {"page", "1"}});
  CHECK(c.body == nlohmann::json{{"a", 1}});
  CHECK(ApiCall::parse("GET", "/a?", nullptr).query.empty());
  CHECK(ApiCall::parse("GET", "/a?&&", nullptr).path == "/a");
}

TEST_CASE("api call: the dispatcher's request carries method, path, query, JSON text and token") {
  const ApiCall c{"PUT", "/ivd/projects/3/sheet", {{"page", "1"}, {"empty", ""}}, {{"lines", nlohmann::json::array()}}};
  const ApiRequest r = c.to_request("tok");
  CHECK(r.method == "PUT");
  CHECK(r.path == "/ivd/projects/3/sheet");
  CHECK(r.query == std::map<std::string, std::string>{{"page", "1"}});
  CHECK(nlohmann::json::parse(r.body) == c.body);
  CHECK(r.session_token == "tok");
  CHECK(ApiCall{"GET", "/auth/me", {}, nullptr}.to_request("").body.empty());
}
