#include "core/base/i18n.hpp"

#include <algorithm>
#include <span>
#include <unordered_map>

namespace ivd {

std::span<const TextEntry> texts_zh();
std::span<const TextEntry> texts_en();

namespace {
using Table = std::unordered_map<std::string_view, std::string_view>;

const Table& table(Lang lang) {
  static const Table zh = [] {
    Table t;
    for (const auto& e : texts_zh()) t.emplace(e.id, e.text);
    return t;
  }();
  static const Table en = [] {
    Table t;
    for (const auto& e : texts_en()) t.emplace(e.id, e.text);
    return t;
  }();
  return lang == Lang::zh ? zh : en;
}
}  // namespace

std::string_view tr(Lang lang, std::string_view id) {
  const auto& t = table(lang);
  auto it = t.find(id);
  return it == t.end() ? id : it->second;
}

bool has_text(Lang lang, std::string_view id) { return table(lang).count(id) > 0; }

std::string trf(Lang lang, std::string_view id, const std::vector<std::string>& args) {
  std::string out(tr(lang, id));
  for (size_t i = 0; i < args.size(); ++i) {
    std::string key = "{";
    key += std::to_string(i);
    key += '}';
    for (size_t pos = out.find(key); pos != std::string::npos; pos = out.find(key, pos + args[i].size()))
      out.replace(pos, key.size(), args[i]);
  }
  return out;
}

std::vector<std::string_view> text_ids(Lang lang) {
  std::vector<std::string_view> ids;
  for (const auto& [k, v] : table(lang)) ids.push_back(k);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace ivd
