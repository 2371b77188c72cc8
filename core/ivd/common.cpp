#include "core/ivd/common.hpp"


namespace ivd {

std::string region_entity_id(int64_t project_id, std::string_view region_code) {
  return std::to_string(project_id) + ":" + std::string(region_code);
}

Error ivd_error(ErrorKind kind, std::string code, std::vector<std::string> args, std::string field) {
  return make_error(kind, std::move(code), std::move(field), std::move(args));
}

}  // namespace ivd
