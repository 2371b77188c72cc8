#pragma once
// The URL hash form of a view of the browser app: "#/ivd.fill?project=3&view=sheet" (a menu key and
// view parameters, "#/" for 首页). Keys and values are percent-encoded UTF-8, parameters sorted by key
// (std::map), empty values left out. Parsing is tolerant: junk gives 首页 or drops the bad pair, never
// throws. The browser's Route (web/screens/route.hpp) reads and writes its hash with these.
#include <map>
#include <string>
#include <string_view>

namespace ivd {

struct ViewHash {
  std::string menu;                           // "" = 首页
  std::map<std::string, std::string> params;  // no empty values
  friend bool operator==(const ViewHash&, const ViewHash&) = default;
};

std::string format_view_hash(const ViewHash& v);
ViewHash parse_view_hash(std::string_view hash);

// Percent-encoding of URL components: every byte but A-Z a-z 0-9 - _ . ~ becomes %XX.
std::string percent_encode(std::string_view s);
// %XX (either case) decoded, '+' as a space; a malformed % stays as typed.
std::string percent_decode(std::string_view s);

}  // namespace ivd
