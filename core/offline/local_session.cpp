#include "core/offline/local_session.hpp"

#include "core/accounts/sessions.hpp"
#include "core/offline/snapshot.hpp"

namespace ivd {

Result<Actor> resolve_local_session(Db& copy, int64_t owner_user_id, const std::string& token) {
  if (token.empty()) return make_error(ErrorKind::unauthorized, "auth.not_logged_in");
  auto actor = load_actor(copy, owner_user_id);
  if (!actor.ok() || !may_work_offline(*actor)) return make_error(ErrorKind::forbidden, "offline.hospital_only");
  return actor;
}

}  // namespace ivd
