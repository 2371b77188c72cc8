#include "core/api/request.hpp"

#include <charconv>

#include "core/base/civil_time.hpp"
#include "core/base/field_label.hpp"

namespace ivd {

Result<std::string> body_string(const nlohmann::json& body, const char* field, bool required, size_t max_len) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    if (required) return make_field_error(ErrorKind::bad_request, "request.missing_field", field);
    return std::string();
  }
  if (!it->is_string()) return make_field_error(ErrorKind::bad_request, "request.bad_field", field);
  auto s = it->get<std::string>();
  if (required && s.empty()) return make_field_error(ErrorKind::bad_request, "request.missing_field", field);
  if (s.size() > max_len) return make_field_error(ErrorKind::bad_request, "request.too_long", field, {std::to_string(max_len)});
  return s;
}

Result<int64_t> body_int(const nlohmann::json& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return make_field_error(ErrorKind::bad_request, "request.missing_field", field);
  if (!it->is_number_integer()) return make_field_error(ErrorKind::bad_request, "request.bad_field", field);
  return it->get<int64_t>();
}

Result<int64_t> body_time(const nlohmann::json& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return make_field_error(ErrorKind::bad_request, "request.missing_field", field);
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_string()) {
    if (auto t = parse_cst(it->get_ref<const std::string&>())) return *t;
  }
  return make_field_error(ErrorKind::bad_request, "ivd.time.bad_format", field);
}

std::optional<int64_t> parse_int(std::string_view text) {
  int64_t v = 0;
  if (text.empty() || text.size() > 18) return std::nullopt;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

std::string query_text(const std::map<std::string, std::string>& query, const char* key) {
  auto it = query.find(key);
  return it == query.end() ? std::string() : it->second;
}

bool query_flag(const std::map<std::string, std::string>& query, const char* key) {
  const auto v = query_text(query, key);
  return v == "1" || v == "true" || v == "yes";
}

Result<Page> read_page(const std::map<std::string, std::string>& query) {
  Page p;
  if (auto s = query_text(query, "page"); !s.empty()) {
    auto v = parse_int(s);
    if (!v || *v < 1 || *v > 1'000'000) return make_field_error(ErrorKind::bad_request, "request.bad_field", "page");
    p.page = *v;
  }
  if (auto s = query_text(query, "page_size"); !s.empty()) {
    auto v = parse_int(s);
    if (!v || *v < 1 || *v > kMaxPageSize)
      return make_field_error(ErrorKind::bad_request, "request.bad_field", "page_size");
    p.page_size = *v;
  }
  return p;
}

std::string like_pattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

}  // namespace ivd
