#pragma once
// Where the clerk is: a menu and the view inside it, with its parameters. Written to the URL hash
// (#/ivd.fill?project=3&view=sheet) so Back, Forward, reload and deep links land on the same view.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace ivd::web {

struct Route {
  std::string menu;                          // "" = 首页; else a menu key (core/api/actor.hpp menu::)
  std::map<std::string, std::string> params;  // view parameters, e.g. view=sheet, project=3, hospital=17

  std::string param(std::string_view key) const;
  int64_t int_param(std::string_view key, int64_t fallback = 0) const;  // fallback when absent or not a number
  Route with(std::string key, std::string value) const;               // a copy with one parameter set ("" removes)

  std::string to_hash() const;                      // "#/ivd.fill?project=3&view=sheet" ("#/" for 首页)
  static Route from_hash(std::string_view hash);    // tolerant: unknown text gives 首页
  friend bool operator==(const Route&, const Route&) = default;
};

}  // namespace ivd::web
