#include "core/ivd/common.hpp"

#include <charconv>
#include <cstdio>

namespace ivd {

Status record_event(Db& db, std::string_view entity, std::string_view entity_id, std::string_view action,
                    int64_t actor_id, int64_t at, std::string_view from_state, std::string_view to_state,
                    std::string_view reason) {
  auto st = db.prepare(
      "INSERT INTO events (entity, entity_id, action, actor_id, at, from_state, to_state, reason) "
      "VALUES (?,?,?,?,?,?,?,?)");
  if (!st) return st.error();
  // std::string copies: an empty string_view may have a null data pointer, which SQLite binds as NULL.
  st->bind(1, std::string(entity)).bind(2, std::string(entity_id)).bind(3, std::string(action));
  if (actor_id > 0) st->bind(4, actor_id); else st->bind_null(4);
  st->bind(5, at).bind(6, std::string(from_state)).bind(7, std::string(to_state)).bind(8, std::string(reason));
  return st->run();
}

Result<std::vector<EventRow>> load_events(Db& db, std::string_view entity, std::string_view entity_id) {
  auto st = db.prepare(
      "SELECT e.id, e.action, coalesce(e.actor_id, 0), coalesce(nullif(u.name, ''), u.username, ''), e.at, "
      "e.from_state, e.to_state, e.reason FROM events e LEFT JOIN users u ON u.id = e.actor_id "
      "WHERE e.entity = ? AND e.entity_id = ? ORDER BY e.at, e.id");
  if (!st) return st.error();
  st->bind(1, entity).bind(2, entity_id);
  std::vector<EventRow> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) break;
    out.push_back({st->col_int(0), st->col_text(1), st->col_int(2), st->col_text(3), st->col_int(4),
                   st->col_text(5), st->col_text(6), st->col_text(7)});
  }
  return out;
}

nlohmann::json events_to_json(const std::vector<EventRow>& events) {
  auto arr = nlohmann::json::array();
  for (const auto& e : events) {
    arr.push_back({{"id", e.id},
                   {"action", e.action},
                   {"actor_id", e.actor_id},
                   {"actor_name", e.actor_name},
                   {"at", e.at},
                   {"at_text", format_cst(e.at)},
                   {"from_state", e.from_state},
                   {"to_state", e.to_state},
                   {"reason", e.reason}});
  }
  return arr;
}

std::string region_entity_id(int64_t project_id, std::string_view region_code) {
  return std::to_string(project_id) + ":" + std::string(region_code);
}

Status check_revision(int64_t expected, int64_t actual) {
  if (expected == actual) return ok_status();
  Error e = make_error(ErrorKind::conflict, "revision.stale", "revision");
  e.details = {{"expected", expected}, {"current", actual}};
  return e;
}

Error ivd_error(ErrorKind kind, std::string code, std::vector<std::string> args, std::string field) {
  return make_error(kind, std::move(code), std::move(field), std::move(args));
}

// ---- time: civil dates from days since 1970-01-01 (H. Hinnant's algorithms) ------------------------
namespace {
constexpr int64_t kCstOffset = 8 * 3600;

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool read_digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}
}  // namespace

std::string format_cst(int64_t t) {
  const int64_t local = t + kCstOffset;
  const int64_t days = floor_div(local, 86400);
  const int64_t secs = local - days * 86400;
  int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02lld:%02lld:%02lld", static_cast<long long>(y), m, d,
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  return buf;
}

std::optional<int64_t> parse_cst(std::string_view s) {
  int y, mo, d, h = 0, mi = 0, se = 0;
  if (!read_digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !read_digits(s, 5, 2, mo) || s[7] != '-' ||
      !read_digits(s, 8, 2, d))
    return std::nullopt;
  if (s.size() > 10) {
    if ((s[10] != ' ' && s[10] != 'T') || !read_digits(s, 11, 2, h) || s.size() < 16 || s[13] != ':' ||
        !read_digits(s, 14, 2, mi))
      return std::nullopt;
    if (s.size() > 16) {
      if (s.size() != 19 || s[16] != ':' || !read_digits(s, 17, 2, se)) return std::nullopt;
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return std::nullopt;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[mo - 1] || (mo == 2 && d == 29 && !leap)) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + se -
         kCstOffset;
}

Result<int64_t> body_time(const nlohmann::json& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return make_error(ErrorKind::bad_request, "request.missing_field", field, {field});
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_string()) {
    if (auto t = parse_cst(it->get_ref<const std::string&>())) return *t;
  }
  return make_error(ErrorKind::bad_request, "ivd.time.bad_format", field, {field});
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
    if (!v || *v < 1 || *v > 1'000'000) return make_error(ErrorKind::bad_request, "request.bad_field", "page", {"page"});
    p.page = *v;
  }
  if (auto s = query_text(query, "page_size"); !s.empty()) {
    auto v = parse_int(s);
    if (!v || *v < 1 || *v > kMaxPageSize)
      return make_error(ErrorKind::bad_request, "request.bad_field", "page_size", {"page_size"});
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
