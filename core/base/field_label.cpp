#include "core/base/field_label.hpp"

namespace ivd {

std::string field_label(Lang lang, std::string_view field) {
  const std::string id = "field." + std::string(field);
  return std::string(has_text(lang, id) ? tr(lang, id) : field);
}

Error make_field_error(ErrorKind kind, std::string code, std::string field, std::vector<std::string> more_args) {
  Error e = make_error(kind, code, field);
  auto message = [&](Lang lang) {
    std::vector<std::string> args{field_label(lang, field)};
    args.insert(args.end(), more_args.begin(), more_args.end());
    return trf(lang, code, args);
  };
  e.message_zh = message(Lang::zh);
  e.message_en = message(Lang::en);
  return e;
}

}  // namespace ivd
