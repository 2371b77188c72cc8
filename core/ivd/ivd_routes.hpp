#pragma once
// The IVD routes of the core API (/api/v1/ivd/...): projects and catalog (报量项目配置), the hospital's
// sheet (报量项目管理), city and province review (报量项目审核), national data (全国报量数据).
// docs/api-ivd.md lists them with bodies and responses.
#include "core/api/dispatcher.hpp"

namespace ivd {

void register_ivd_routes(Api& api);

}  // namespace ivd
