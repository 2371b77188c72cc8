#pragma once
// The supply-problem feedback routes of the core API (/api/v1/supply/...): the product list
// (国家中选项目) and its import, the feedback flow (中选药品供应问题反馈), the province view and its
// export (中选药品供应问题反馈查看), attachments and the working-day calendar. docs/api-supply.md lists
// them with bodies and responses.
#include "core/api/dispatcher.hpp"

namespace ivd {

void register_supply_routes(Api& api);

}  // namespace ivd
