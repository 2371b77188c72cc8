// The URL hash of a browser view (core/base/view_hash.hpp): what Back, Forward, reload and deep links
// land on.
#include <catch_amalgamated.hpp>

#include "core/base/view_hash.hpp"

using namespace ivd;

TEST_CASE("view hash: 首页 and a menu with parameters round-trip") {
  CHECK(format_view_hash({}) == "#/");
  CHECK(parse_view_hash("#/") == ViewHash{});
  CHECK(parse_view_hash("") == ViewHash{});
  const ViewHash v{"ivd.fill", {{"view", "sheet"}, {"project", "3"}}};
  CHECK(format_view_hash(v) == "#/ivd.fill?project=3&view=sheet");  // sorted by key
  CHECK(parse_view_hash(format_view_hash(v)) == v);
  CHECK(parse_view_hash("ivd.review?project=7") == ViewHash{"ivd.review", {{"project", "7"}}});  // no "#/"
}

TEST_CASE("view hash: Chinese values and reserved characters are percent-encoded UTF-8") {
  const ViewHash v{"sys.users", {{"name", "张三 & 李四=好"}}};
  const std::string h = format_view_hash(v);
  CHECK(h == "#/sys.users?name=%E5%BC%A0%E4%B8%89%20%26%20%E6%9D%8E%E5%9B%9B%3D%E5%A5%BD");
  CHECK(parse_view_hash(h) == v);
  // What a browser may show after the user typed it: lower-case escapes, '+' for a space.
  CHECK(parse_view_hash("#/sys.users?name=%e5%bc%a0+x").params.at("name") == "张 x");
  CHECK(percent_encode("合肥-a_b.c~") == "%E5%90%88%E8%82%A5-a_b.c~");
  CHECK(percent_decode(percent_encode("仪器 100%")) == "仪器 100%");
}

TEST_CASE("view hash: junk never throws and gives 首页 or drops the bad part") {
  CHECK(parse_view_hash("#/<script>alert(1)</script>") == ViewHash{});
  CHECK(parse_view_hash("#/ivd.fill?%zz=1&=2&a&b=&project=%4") ==
        ViewHash{"ivd.fill", {{"%zz", "1"}, {"project", "%4"}}});
  CHECK(parse_view_hash("#/ivd.fill?&&&").params.empty());
  CHECK(parse_view_hash("#/" + std::string(500, 'x')) == ViewHash{});
  CHECK(parse_view_hash("%") == ViewHash{});
  CHECK(parse_view_hash("#/sys.users?x=%") .params.at("x") == "%");
  // Empty values are left out when written.
  CHECK(format_view_hash({"ivd.review", {{"project", ""}, {"", "1"}}}) == "#/ivd.review");
}
