#include "core/supply/supply_routes.hpp"

#include "core/supply/supply_types.hpp"

namespace ivd {

using nlohmann::json;

namespace {
Result<json> not_ready(ApiContext&) { return make_error(ErrorKind::unavailable, "supply.unavailable"); }
}  // namespace

void register_supply_routes(Api& api) {
  api.add("GET", "/supply/products", Access::user, not_ready);
  api.add("POST", "/supply/products/import", Access::user, not_ready);
  api.add("GET", "/supply/feedback", Access::user, not_ready);
  api.add("POST", "/supply/feedback", Access::user, not_ready);
  api.add("GET", "/supply/feedback/export", Access::user, not_ready);
  api.add("GET", "/supply/feedback/{id}", Access::user, not_ready);
  api.add("PUT", "/supply/feedback/{id}", Access::user, not_ready);
  for (const char* step : {"submit", "withdraw", "review", "answer", "deliver", "outcome"})
    api.add("POST", std::string("/supply/feedback/{id}/") + step, Access::user, not_ready);
  api.add("POST", "/supply/files", Access::user, not_ready);
  api.add("GET", "/supply/files/{fid}/content", Access::user, not_ready);
  api.add("GET", "/supply/calendar", Access::user, not_ready);
}

}  // namespace ivd
