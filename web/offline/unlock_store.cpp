#include "web/offline/unlock_store.hpp"

#include <emscripten.h>
#include <unistd.h>

#include <cstdlib>
#include <map>

#include "web/platform/kiosk_bridge.hpp"


namespace ivd::web::unlock_store {
namespace {

std::map<int, std::function<void(std::optional<OfflineUnlock>)>>& pending() {
  static std::map<int, std::function<void(std::optional<OfflineUnlock>)>> p;
  return p;
}
int next_id = 1;

// clang-format off
EM_JS(void, js_unlock_write, (const char* text), {
  const t = UTF8ToString(text);
  Module.kioskScript().then((k) => k.writeUnlock(t)).catch((e) => console.warn('offline unlock record', e));
});
EM_JS(void, js_unlock_read, (int id), {
  function answer(v) {
    if (typeof v !== 'string') { Module._app_unlock_record(id, 0); Module._app_wake(); return; }
    const n = lengthBytesUTF8(v) + 1, p = _malloc(n);
    stringToUTF8(v, p, n);
    Module._app_unlock_record(id, p);
    _free(p);
    Module._app_wake();
  }
  Module.kioskScript().then((k) => k.readUnlock()).then(answer, () => answer(null));
});
// clang-format on

}  // namespace

void write(const OfflineUnlock& record) {
  kiosk_bridge::ensure_loaded();
  js_unlock_write(nlohmann::json(record).dump().c_str());
}

void read(std::function<void(std::optional<OfflineUnlock>)> on_record) {
  kiosk_bridge::ensure_loaded();
  const int id = next_id++;
  pending()[id] = std::move(on_record);
  js_unlock_read(id);
}

std::string random_bytes(size_t n) {
  std::string out(n, '\0');
  for (size_t at = 0; at < n; at += 256) {
    const size_t len = n - at < 256 ? n - at : 256;
    if (getentropy(out.data() + at, len) != 0) std::abort();  // no randomness: never a guessable token
  }
  return out;
}

}  // namespace ivd::web::unlock_store

// The answer of a read (from the JS above, which then wakes the render loop): runs the callback.
extern "C" EMSCRIPTEN_KEEPALIVE void app_unlock_record(int id, const char* text) {
  using namespace ivd::web::unlock_store;
  auto it = pending().find(id);
  if (it == pending().end()) return;
  auto fn = std::move(it->second);
  pending().erase(it);
  std::optional<ivd::OfflineUnlock> record;
  if (text) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_discarded()) record = j.get<ivd::OfflineUnlock>();
  }
  fn(std::move(record));
}
