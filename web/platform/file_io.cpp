// EM_JS bodies call into shell/file_io.js (window.ivdFiles); the page calls back through the exports at
// the end (file_io_picked, file_io_progress, file_io_done). Callbacks are kept here by request number, so
// a reply for a request nobody waits for any more is simply dropped.
#include "web/platform/file_io.hpp"

#include <emscripten.h>

#include <map>
#include <utility>

namespace ivd::web::file_io {
namespace {

struct Pending {
  std::function<void(std::string, std::string)> picked;
  std::function<void(double)> progress;
  std::function<void(int, std::string)> done;
};
std::map<int, Pending>& pending() {
  static std::map<int, Pending> p;
  return p;
}
int next_id = 1;

// clang-format off
EM_JS(void, js_pick_file, (int id, const char* accept), {
  if (window.ivdFiles) window.ivdFiles.pick(id, UTF8ToString(accept));
});

EM_JS(void, js_save_file, (const char* name, const char* mime, const uint8_t* data, int size), {
  if (window.ivdFiles) window.ivdFiles.save(UTF8ToString(name), UTF8ToString(mime), HEAPU8.slice(data, data + size));
});

EM_JS(void, js_post_json, (int id, const char* url, const char* token, const char* body, int size), {
  if (window.ivdFiles)
    window.ivdFiles.postJson(id, UTF8ToString(url), UTF8ToString(token), UTF8ToString(body, size));
});
EM_JS(void, js_download, (int id, const char* url, const char* token, const char* name), {
  if (window.ivdFiles) window.ivdFiles.download(id, UTF8ToString(url), UTF8ToString(token), UTF8ToString(name));
});
// clang-format on

}  // namespace

void pick_file(const char* accept, std::function<void(std::string, std::string)> on_picked) {
  const int id = next_id++;
  pending()[id].picked = std::move(on_picked);
  js_pick_file(id, accept ? accept : "");
}

void save_file(std::string_view file_name, std::string_view mime_type, std::string_view bytes) {
  const std::string name(file_name), mime(mime_type);
  js_save_file(name.c_str(), mime.c_str(), reinterpret_cast<const uint8_t*>(bytes.data()), static_cast<int>(bytes.size()));
}

void post_json_with_progress(const std::string& url, const std::string& token, const std::string& json_body,
                             std::function<void(double)> on_progress, std::function<void(int, std::string)> on_done) {
  const int id = next_id++;
  pending()[id] = Pending{nullptr, std::move(on_progress), std::move(on_done)};
  js_post_json(id, url.c_str(), token.c_str(), json_body.c_str(), static_cast<int>(json_body.size()));
}

void download_url(const std::string& url, const std::string& token, const std::string& file_name,
                  std::function<void(int, std::string)> on_done) {
  const int id = next_id++;
  pending()[id] = Pending{nullptr, nullptr, std::move(on_done)};
  js_download(id, url.c_str(), token.c_str(), file_name.c_str());
}

}  // namespace ivd::web::file_io

using ivd::web::file_io::pending;

extern "C" {

// A picked file (name and bytes in the wasm heap, freed by the page after the call). A new picker
// replaces an older one that never answered (cancelled): those entries are removed here.
EMSCRIPTEN_KEEPALIVE void file_io_picked(int id, const char* name, const char* data, int size) {
  auto it = pending().find(id);
  if (it == pending().end() || !it->second.picked) return;
  auto cb = std::move(it->second.picked);
  pending().erase(it);
  for (auto p = pending().begin(); p != pending().end();)
    p = p->second.picked ? pending().erase(p) : std::next(p);
  cb(name ? name : "", std::string(data, static_cast<size_t>(size)));
}

EMSCRIPTEN_KEEPALIVE void file_io_progress(int id, double fraction) {
  auto it = pending().find(id);
  if (it != pending().end() && it->second.progress) it->second.progress(fraction);
}

EMSCRIPTEN_KEEPALIVE void file_io_done(int id, int status, const char* text) {
  auto it = pending().find(id);
  if (it == pending().end()) return;
  auto cb = std::move(it->second.done);
  pending().erase(it);
  if (cb) cb(status, text ? text : "");
}
}
