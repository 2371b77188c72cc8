#pragma once
// Reading fields of a server reply without trusting its shape: a missing field or one of another
// type reads as the fallback (never an exception, never a crash on a malformed reply).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ivd::web::json_field {

inline std::string str(const nlohmann::json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  return {};
}

inline std::optional<int64_t> opt_int(const nlohmann::json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_number_integer()) return j[key].get<int64_t>();
  return std::nullopt;
}

inline int64_t integer(const nlohmann::json& j, const char* key, int64_t fallback = 0) {
  return opt_int(j, key).value_or(fallback);
}

inline bool boolean(const nlohmann::json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_boolean() && j[key].get<bool>();
}

inline std::vector<std::string> strings(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  if (j.is_object() && j.contains(key) && j[key].is_array())
    for (const auto& v : j[key])
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

// The array j[key] ([] when missing).
inline const nlohmann::json& array(const nlohmann::json& j, const char* key) {
  static const nlohmann::json empty = nlohmann::json::array();
  if (j.is_object() && j.contains(key) && j[key].is_array()) return j[key];
  return empty;
}

}  // namespace ivd::web::json_field
