#include "web/platform/kiosk_bridge.hpp"

#include <emscripten/emscripten.h>

namespace ivd::web::kiosk_bridge {
namespace {

// clang-format off
// kiosk.js, loaded once: its promise is kept on Module (EM_JS bodies are not macro-expanded, so the
// loader is written once here, in JS, and the calls below use it).
EM_JS(void, js_kiosk_define_loader, (), {
  if (Module.kioskScript) return;
  Module.kioskScript = function() {
    if (!Module.kioskScriptPromise) {
      Module.kioskScriptPromise = new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = 'kiosk.js';
        s.onload = () => resolve(window.ivdKiosk);
        s.onerror = () => { Module.kioskScriptPromise = null; reject(new Error('kiosk.js did not load')); };
        document.head.appendChild(s);
      });
    }
    return Module.kioskScriptPromise;
  };
});

EM_JS(void, js_kiosk_call, (int id, const char* method, const char* target, const char* body, const char* token), {
  const args = [UTF8ToString(method), UTF8ToString(target), UTF8ToString(body), UTF8ToString(token)];
  Module.kioskScript().then((k) => k.call(args[0], args[1], args[2], args[3]))
    .catch(() => ({status : 0, body : String()}))
    .then((r) => {
      const n = lengthBytesUTF8(r.body) + 1;
      const p = _malloc(n);
      stringToUTF8(r.body, p, n);
      _web_kiosk_reply(id, r.status, p);
      _free(p);
    });
});

EM_JS(void, js_kiosk_store, (const char* base64, double user_id, double taken_at), {
  const text = UTF8ToString(base64);
  Module.kioskScript().then((k) => k.store(text, user_id, taken_at)).catch(() => {});
});

EM_JS(void, js_kiosk_load_outbox, (), {
  Module.kioskScript().then((k) => k.outbox()).catch(() => String()).then((t) => {
    const n = lengthBytesUTF8(t) + 1;
    const p = _malloc(n);
    stringToUTF8(t, p, n);
    _web_kiosk_outbox(p);
    _free(p);
  });
});

EM_JS(void, js_kiosk_try_outbox, (int id, const char* text, const char* token), {
  const args = [UTF8ToString(text), UTF8ToString(token)];
  Module.kioskScript().then((k) => k.tryOutbox(args[0], args[1])).catch(() => null).then((answers) => {
    const t = answers ? JSON.stringify(answers) : String();
    const n = lengthBytesUTF8(t) + 1;
    const p = _malloc(n);
    stringToUTF8(t, p, n);
    _web_kiosk_tried(id, p);
    _free(p);
  });
});

EM_JS(void, js_kiosk_save_outbox, (const char* text), {
  const t = UTF8ToString(text);
  Module.kioskScript().then((k) => k.saveOutbox(t)).catch(() => {});
});


EM_JS(int, js_kiosk_mode, (), {
  try {
    const asked = new URLSearchParams(location.search).get('kiosk');
    if (asked === '1') localStorage.setItem('ivd.kiosk', '1');
    if (asked === '0') localStorage.removeItem('ivd.kiosk');
    return localStorage.getItem('ivd.kiosk') === '1' ? 1 : 0;
  } catch (e) {
    return 0;
  }
});

EM_JS(void, js_kiosk_usage, (), {
  Module.kioskScript().then((k) => k.usage()).then((u) => { _web_kiosk_usage(u.copy, u.outbox, u.used, u.quota); _app_wake(); }).catch(() => {});
});
// clang-format on

}  // namespace

void ensure_loaded() { js_kiosk_define_loader(); }

void call(int id, const ApiCall& c, const std::string& token) {
  ensure_loaded();
  const std::string body = c.body.is_null() ? std::string() : c.body.dump();
  js_kiosk_call(id, c.method.c_str(), c.target().c_str(), body.c_str(), token.c_str());
}

void store_copy(const std::string& db_base64, int64_t user_id, int64_t taken_at) {
  ensure_loaded();
  js_kiosk_store(db_base64.c_str(), static_cast<double>(user_id), static_cast<double>(taken_at));
}

void load_outbox() {
  ensure_loaded();
  js_kiosk_load_outbox();
}

void try_outbox(int id, const std::string& outbox_json, const std::string& token) {
  ensure_loaded();
  js_kiosk_try_outbox(id, outbox_json.c_str(), token.c_str());
}

void save_outbox(const std::string& outbox_json) {
  ensure_loaded();
  js_kiosk_save_outbox(outbox_json.c_str());
}

void request_usage() {
  ensure_loaded();
  js_kiosk_usage();
}

bool kiosk_mode_requested() { return js_kiosk_mode() == 1; }

}  // namespace ivd::web::kiosk_bridge
