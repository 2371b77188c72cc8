#include "core/api/dispatcher.hpp"
#include "core/ivd/ivd_routes.hpp"
#include "core/accounts/user_admin_routes.hpp"
#include "core/accounts/accounts_routes.hpp"
#include "core/supply/supply_routes.hpp"
#include "core/exports/export_routes.hpp"
#include "core/offline/snapshot.hpp"

namespace ivd {

// Each module contributes its routes here; keep one line per module.
void register_all_routes(Api& api) {
  register_account_routes(api);
  register_user_admin_routes(api);
  register_ivd_routes(api);
  register_supply_routes(api);
  register_export_routes(api);
  register_offline_routes(api);
  (void)api;
}

}  // namespace ivd
