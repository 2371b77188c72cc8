// EM_JS bodies call into shell/*.js (window.ivdShell). Keep them tiny: logic belongs on either side.
#include "web/platform/browser.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdlib>

namespace ivd::web::browser {
namespace {

// JavaScript below: the formatter would split "===" into "== =".
// clang-format off
EM_JS(void, js_update_text_input, (int active, float x, float y, float h), {
  if (window.ivdShell) window.ivdShell.updateTextInput(!!active, x, y, h);
});

EM_JS(void, js_set_clipboard_text, (const char* text), {
  if (window.ivdShell) window.ivdShell.setClipboardText(UTF8ToString(text));
});

EM_JS(void, js_update_login_form, (int visible, float ux, float uy, float uw, float uh, float px, float py, float pw,
                                   float ph, float font_px), {
  if (window.ivdShell && window.ivdShell.updateLoginForm)
    window.ivdShell.updateLoginForm(!!visible, ux, uy, uw, uh, px, py, pw, ph, font_px);
});

EM_JS(void, js_set_login_values, (const char* username, const char* password, int set_password), {
  if (window.ivdShell && window.ivdShell.setLoginValues)
    window.ivdShell.setLoginValues(UTF8ToString(username), UTF8ToString(password), !!set_password);
});

EM_JS(void, js_focus_login_password, (), {
  if (window.ivdShell && window.ivdShell.focusLoginPassword) window.ivdShell.focusLoginPassword();
});

EM_JS(void, js_login_submitted, (), {
  if (window.ivdShell && window.ivdShell.loginSubmitted) window.ivdShell.loginSubmitted();
});

EM_JS(void, js_first_frame, (), {
  if (window.ivdShell) window.ivdShell.firstFrame();
});

EM_JS(int, js_font_size, (), { return Module.fontData ? Module.fontData.length : 0; });

EM_JS(void, js_font_copy, (uint8_t * dst), {
  HEAPU8.set(Module.fontData, dst);
  Module.fontData = null;
});

// Extension font files queue up in Module.fontExtras ({name, data}) as they arrive (shell.js).
EM_JS(int, js_extra_font_size, (), {
  var q = Module.fontExtras;
  return q && q.length ? q[0].data.length : 0;
});

EM_JS(char*, js_extra_font_take, (uint8_t * dst), {
  var f = Module.fontExtras.shift();
  HEAPU8.set(f.data, dst);
  var n = lengthBytesUTF8(f.name) + 1;
  var p = _malloc(n);
  stringToUTF8(f.name, p, n);
  return p;
});

// Returns a malloc'ed UTF-8 copy of the stored value (or null).
EM_JS(char*, js_storage_get, (int session, const char* key), {
  var v = null;
  try {
    v = (session ? sessionStorage : localStorage).getItem(UTF8ToString(key));
  } catch (e) {
  }
  if (v === null) return 0;
  var n = lengthBytesUTF8(v) + 1;
  var p = _malloc(n);
  stringToUTF8(v, p, n);
  return p;
});

EM_JS(void, js_storage_set, (int session, const char* key, const char* value), {
  try {
    var s = session ? sessionStorage : localStorage;
    var v = UTF8ToString(value);
    if (v === "")
      s.removeItem(UTF8ToString(key));
    else
      s.setItem(UTF8ToString(key), v);
  } catch (e) {
  }
});

EM_JS(char*, js_location_hash, (), {
  var v = location.hash || "";
  var n = lengthBytesUTF8(v) + 1;
  var p = _malloc(n);
  stringToUTF8(v, p, n);
  return p;
});

EM_JS(void, js_set_location_hash, (const char* hash, int replace), {
  var h = UTF8ToString(hash);
  var url = h ? h : location.pathname + location.search;
  try {
    if (replace)
      history.replaceState(null, "", url);
    else
      history.pushState(null, "", url);
  } catch (e) {
  }
});

EM_JS(int, js_take_location_change, (), {
  if (!window.ivdShell || !window.ivdShell.locationChanged) return 0;
  window.ivdShell.locationChanged = false;
  return 1;
});
// clang-format on

std::string storage_get(int session, const char* key) {
  char* p = js_storage_get(session, key);
  if (!p) return {};
  std::string s(p);
  std::free(p);
  return s;
}

}  // namespace

CanvasMetrics canvas_metrics() {
  CanvasMetrics m;
  emscripten_get_element_css_size("#canvas", &m.css_width, &m.css_height);
  m.pixel_ratio = emscripten_get_device_pixel_ratio();
  if (m.pixel_ratio <= 0) m.pixel_ratio = 1;
  return m;
}

void set_canvas_backing_size(int width, int height) { emscripten_set_canvas_element_size("#canvas", width, height); }

void update_text_input(const TextInputState& s) { js_update_text_input(s.active, s.x, s.y, s.line_height); }

void update_login_form(const LoginFormState& s) {
  js_update_login_form(s.visible, s.user_x, s.user_y, s.user_w, s.user_h, s.pass_x, s.pass_y, s.pass_w, s.pass_h,
                       s.font_px);
}

void set_login_values(const std::string& username, const std::string& password, bool set_password) {
  js_set_login_values(username.c_str(), set_password ? password.c_str() : "", set_password ? 1 : 0);
}

void focus_login_password() { js_focus_login_password(); }

void login_submitted() { js_login_submitted(); }

void set_clipboard_text(const char* text) { js_set_clipboard_text(text ? text : ""); }

void notify_first_frame() { js_first_frame(); }

std::vector<uint8_t> take_font_bytes() {
  std::vector<uint8_t> bytes(static_cast<size_t>(js_font_size()));
  if (!bytes.empty()) js_font_copy(bytes.data());
  return bytes;
}

std::vector<uint8_t> take_extra_font(std::string& name) {
  std::vector<uint8_t> bytes(static_cast<size_t>(js_extra_font_size()));
  if (bytes.empty()) return bytes;
  char* p = js_extra_font_take(bytes.data());
  name = p ? p : "";
  std::free(p);
  return bytes;
}

std::string session_get(const char* key) { return storage_get(1, key); }
void session_set(const char* key, const std::string& value) { js_storage_set(1, key, value.c_str()); }
std::string local_get(const char* key) { return storage_get(0, key); }
void local_set(const char* key, const std::string& value) { js_storage_set(0, key, value.c_str()); }

double now_seconds() { return emscripten_get_now() / 1000.0; }

std::string location_hash() {
  char* p = js_location_hash();
  std::string s(p ? p : "");
  std::free(p);
  return s;
}

void set_location_hash(const std::string& hash, bool replace) { js_set_location_hash(hash.c_str(), replace ? 1 : 0); }

bool take_location_change() { return js_take_location_change() != 0; }

}  // namespace ivd::web::browser
