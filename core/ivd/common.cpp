#include "core/ivd/common.hpp"

#include "core/base/i18n.hpp"

namespace ivd {

std::string region_entity_id(int64_t project_id, std::string_view region_code) {
  return std::to_string(project_id) + ":" + std::string(region_code);
}

StatusTone status_tone(std::string_view kind, std::string_view s) {
  if (kind == "project") {
    if (s == project_status::running) return StatusTone::progress;
    if (s == project_status::ended) return StatusTone::ok;
  } else if (kind == "province") {
    if (s == province_status::submitted) return StatusTone::ok;
    if (s == province_status::withdrawn) return StatusTone::bad;
  } else if (kind == "city") {
    if (s == city_status::submitted) return StatusTone::progress;
    if (s == city_status::approved) return StatusTone::ok;
    if (s == city_status::rejected) return StatusTone::bad;
  } else if (kind == "sheet") {
    if (s == sheet_status::draft || s == sheet_status::submitted) return StatusTone::progress;
    if (s == sheet_status::approved) return StatusTone::ok;
    if (s == sheet_status::rejected) return StatusTone::bad;
  }
  return StatusTone::neutral;
}

std::string status_label_id(std::string_view kind, std::string_view status) {
  return "ivd." + std::string(kind) + "_status." + std::string(status);
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
