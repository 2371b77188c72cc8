#include "core/base/view_hash.hpp"

namespace ivd {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A menu key is a short dotted identifier ("ivd.fill", "sys.users"); anything else is no menu.
bool plausible_menu(std::string_view m) {
  if (m.size() > 64) return false;
  for (char c : m)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
      return false;
  return true;
}

}  // namespace

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '_' || c == '.' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
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

std::string format_view_hash(const ViewHash& v) {
  std::string out = "#/" + percent_encode(v.menu);
  char sep = '?';
  for (const auto& [key, value] : v.params) {
    if (key.empty() || value.empty()) continue;
    out += sep;
    out += percent_encode(key);
    out += '=';
    out += percent_encode(value);
    sep = '&';
  }
  return out;
}

ViewHash parse_view_hash(std::string_view hash) {
  ViewHash v;
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  if (!hash.empty() && hash.front() == '/') hash.remove_prefix(1);
  const size_t q = hash.find('?');
  v.menu = percent_decode(hash.substr(0, q));
  if (!plausible_menu(v.menu)) return {};
  if (q == std::string_view::npos) return v;
  std::string_view rest = hash.substr(q + 1);
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && eq > 0) {
      std::string value = percent_decode(pair.substr(eq + 1));
      if (!value.empty()) v.params[percent_decode(pair.substr(0, eq))] = std::move(value);
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return v;
}

}  // namespace ivd
