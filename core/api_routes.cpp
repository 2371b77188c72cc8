#include "core/api.hpp"

namespace ivd {

// Each module contributes its routes here; keep one line per module.
void register_all_routes(Api& api) {
  (void)api;
}

}  // namespace ivd
