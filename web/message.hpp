#pragma once
// A message shown to the user, kept in a form that follows the language switch: either a text id of
// the translation tables (with arguments) or the server's own message_zh / message_en pair.
#include <string>
#include <vector>

#include "core/base/i18n.hpp"

namespace ivd::web {

struct Message {
  std::string text_id;
  std::vector<std::string> args;
  std::string zh, en;

  static Message of(std::string id, std::vector<std::string> args = {}) {
    return Message{std::move(id), std::move(args), {}, {}};
  }
  static Message server(std::string zh, std::string en) { return Message{{}, {}, std::move(zh), std::move(en)}; }

  bool empty() const { return text_id.empty() && zh.empty() && en.empty(); }
  void clear() { *this = Message{}; }
  std::string text(Lang lang) const {
    if (!text_id.empty()) return trf(lang, text_id, args);
    if (lang == Lang::en && !en.empty()) return en;
    return zh.empty() ? en : zh;
  }
};

}  // namespace ivd::web
