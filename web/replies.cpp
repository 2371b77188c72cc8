#include "web/replies.hpp"

#include "web/app.hpp"

namespace ivd::web {

bool accept_reply(App& app, const ApiReply& r, bool current, bool* loading, bool* loaded, Message* error) {
  if (!current) return false;
  *loading = false;
  *loaded = true;
  if (!r.ok()) {
    *error = app.message_of(r);
    return false;
  }
  return true;
}

}  // namespace ivd::web
