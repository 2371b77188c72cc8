#include "core/base/result.hpp"

#include "core/base/i18n.hpp"

namespace ivd {

Error make_error(ErrorKind kind, std::string code, std::string field, std::vector<std::string> args) {
  Error e;
  e.kind = kind;
  e.message_zh = trf(Lang::zh, code, args);
  e.message_en = trf(Lang::en, code, args);
  e.code = std::move(code);
  e.field = std::move(field);
  return e;
}

int http_status(ErrorKind kind) { return static_cast<int>(kind); }

nlohmann::json error_to_json(const Error& e) {
  nlohmann::json j = {{"code", e.code}, {"message_zh", e.message_zh}, {"message_en", e.message_en}};
  if (!e.field.empty()) j["field"] = e.field;
  if (!e.rule_id.empty()) j["rule_id"] = e.rule_id;
  if (!e.details.is_null()) j["details"] = e.details;
  return j;
}

}  // namespace ivd
