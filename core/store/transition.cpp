#include "core/store/transition.hpp"

namespace ivd {

Status check_revision(int64_t expected, int64_t actual) {
  if (expected == actual) return ok_status();
  Error e = make_error(ErrorKind::conflict, "revision.stale", "revision");
  e.details = {{"expected", expected}, {"current", actual}};
  return e;
}

}  // namespace ivd
