#pragma once
// Request helpers for handlers: typed body fields and query parameters, or a bad_request error
// naming the field.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.hpp"

namespace ivd {

// Helpers for handlers reading the body: a typed field or a bad_request error naming it.
Result<std::string> body_string(const nlohmann::json& body, const char* field, bool required = true, size_t max_len = 200);
Result<int64_t> body_int(const nlohmann::json& body, const char* field);

// A time field of a request body: a unix-seconds integer or a CST text (core/base/civil_time.hpp).
Result<int64_t> body_time(const nlohmann::json& body, const char* field);

// ---- paging and query parameters -----------------------------------------------------------------
struct Page {
  int64_t page = 1;        // 1-based
  int64_t page_size = 20;  // at most kMaxPageSize
  int64_t offset() const { return (page - 1) * page_size; }
};
inline constexpr int64_t kMaxPageSize = 500;

Result<Page> read_page(const std::map<std::string, std::string>& query);
// A query parameter, "" when absent.
std::string query_text(const std::map<std::string, std::string>& query, const char* key);
bool query_flag(const std::map<std::string, std::string>& query, const char* key);  // "1" / "true"
// Parses a decimal integer (path parameters, query values); nullopt on anything else.
std::optional<int64_t> parse_int(std::string_view text);

// A LIKE pattern matching text anywhere, with %, _ and \ escaped (use with ESCAPE '\').
std::string like_pattern(std::string_view text);

}  // namespace ivd
