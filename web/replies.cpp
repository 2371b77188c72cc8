#include "web/replies.hpp"

#include "core/base/base64.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/platform/file_io.hpp"

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

void download_document(App& app, const std::string& path, std::function<void(Message, std::string)> on_done) {
  app.request("GET", path, nullptr, [&app, on_done](const ApiReply& r) {
    if (!r.ok()) return on_done(app.message_of(r), "");
    auto bytes = base64_decode(json_field::str(r.body, "content_base64"));
    if (!bytes) return on_done(Message::of("web.docs.failed"), "");
    const std::string name = json_field::str(r.body, "name");
    file_io::save_file(name, json_field::str(r.body, "content_type"), *bytes);
    on_done(Message{}, name);
  });
}

}  // namespace ivd::web
