#include "core/ivd/common.hpp"

#include "core/base/i18n.hpp"

namespace ivd {

std::string region_entity_id(int64_t project_id, std::string_view region_code) {
  return std::to_string(project_id) + ":" + std::string(region_code);
}

Error ivd_error(ErrorKind kind, std::string code, std::vector<std::string> args, std::string field) {
  return make_error(kind, std::move(code), std::move(field), std::move(args));
}

Error ivd_label_error(ErrorKind kind, std::string code, std::string field, const std::vector<std::string>& label_ids) {
  auto labels = [&](Lang lang) {
    std::vector<std::string> out;
    for (const auto& id : label_ids) out.emplace_back(tr(lang, id));
    return out;
  };
  Error e = make_error(kind, code, std::move(field));
  e.message_zh = trf(Lang::zh, code, labels(Lang::zh));
  e.message_en = trf(Lang::en, code, labels(Lang::en));
  return e;
}

}  // namespace ivd
