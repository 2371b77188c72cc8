#include "web/platform/local_store.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <map>

namespace ivd::web::local_store {
namespace {

std::map<int, std::function<void(std::optional<std::string>)>>& pending() {
  static std::map<int, std::function<void(std::optional<std::string>)>> p;
  return p;
}
int next_id = 1;

// clang-format off
// One database "ivd-local", one object store "kv". Operations wait for the open; each put/delete is
// its own readwrite transaction, committed explicitly.
EM_JS(void, js_ls_init, (), {
  if (Module.ivdLocalStore) return;
  var st = { db: null, queue: [], failed: false };
  Module.ivdLocalStore = st;
  st.run = function (fn) { if (st.db || st.failed) fn(); else st.queue.push(fn); };
  try {
    var req = indexedDB.open('ivd-local', 1);
    req.onupgradeneeded = function () { req.result.createObjectStore('kv'); };
    req.onsuccess = function () { st.db = req.result; var q = st.queue; st.queue = []; q.forEach(function (f) { f(); }); };
    req.onerror = function () { st.failed = true; var q = st.queue; st.queue = []; q.forEach(function (f) { f(); }); };
  } catch (e) { st.failed = true; }
});
EM_JS(void, js_ls_put, (const char* key, const char* value), {
  var k = UTF8ToString(key), v = UTF8ToString(value);
  var st = Module.ivdLocalStore;
  st.run(function () {
    if (!st.db) return;
    try {
      var tx = st.db.transaction('kv', 'readwrite');
      tx.objectStore('kv').put(v, k);
      if (tx.commit) tx.commit();
    } catch (e) { console.warn('local store put', e); }
  });
});
EM_JS(void, js_ls_remove, (const char* key), {
  var k = UTF8ToString(key);
  var st = Module.ivdLocalStore;
  st.run(function () {
    if (!st.db) return;
    try { var tx = st.db.transaction('kv', 'readwrite'); tx.objectStore('kv').delete(k); if (tx.commit) tx.commit(); }
    catch (e) { console.warn('local store delete', e); }
  });
});
EM_JS(void, js_ls_get, (int id, const char* key), {
  var k = UTF8ToString(key);
  var st = Module.ivdLocalStore;
  function answer(v) {
    if (typeof v !== 'string') { Module._app_local_store_value(id, 0); Module._app_wake(); return; }
    var n = lengthBytesUTF8(v) + 1, p = _malloc(n);
    stringToUTF8(v, p, n);
    Module._app_local_store_value(id, p);
    _free(p);
    Module._app_wake();
  }
  st.run(function () {
    if (!st.db) { answer(null); return; }
    try {
      var r = st.db.transaction('kv', 'readonly').objectStore('kv').get(k);
      r.onsuccess = function () { answer(r.result); };
      r.onerror = function () { answer(null); };
    } catch (e) { answer(null); }
  });
});
// clang-format on

}  // namespace

void put(const std::string& key, const std::string& value) {
  js_ls_init();
  js_ls_put(key.c_str(), value.c_str());
}

void remove(const std::string& key) {
  js_ls_init();
  js_ls_remove(key.c_str());
}

void get(const std::string& key, std::function<void(std::optional<std::string>)> on_value) {
  js_ls_init();
  const int id = next_id++;
  pending()[id] = std::move(on_value);
  js_ls_get(id, key.c_str());
}

}  // namespace ivd::web::local_store

// The answer of a get (from the JS above, which then wakes the render loop): runs the callback.
extern "C" EMSCRIPTEN_KEEPALIVE void app_local_store_value(int id, const char* value) {
  using namespace ivd::web::local_store;
  auto it = pending().find(id);
  if (it == pending().end()) return;
  auto fn = std::move(it->second);
  pending().erase(it);
  fn(value ? std::optional<std::string>(value) : std::nullopt);
}
