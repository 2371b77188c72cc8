#include "core/api.hpp"
#include "core/ivd_routes.hpp"
#include "core/user_admin_api.hpp"
#include "core/accounts_api.hpp"

namespace ivd {

// Each module contributes its routes here; keep one line per module.
void register_all_routes(Api& api) {
  register_account_routes(api);
  register_user_admin_routes(api);
  register_ivd_routes(api);
  (void)api;
}

}  // namespace ivd
