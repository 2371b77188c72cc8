// Entry point of the browser application: GLFW window (Emscripten's built-in GLFW over a WebGL2
// context), Dear ImGui, and a main loop that renders on demand.
//
// [SECTION] coordinates: ImGui works in canvas device pixels. The canvas backing store is its CSS
//           size × devicePixelRatio (set here every frame), GLFW reports the mouse in backing-store
//           pixels, and the theme scales sizes and fonts by the pixel ratio: crisp text on HiDPI.
// [SECTION] render on demand: the loop pauses itself (emscripten_pause_main_loop) when nothing
//           happened; the page's event listeners, network replies and timers call app_wake().
// [SECTION] exports for the page: app_wake, app_font_arrived, app_text_input, app_paste_text, app_frame_now,
//           app_test_items_json, app_state_json, app_test_font_probe_json.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "web/app.hpp"
#include "web/platform/browser.hpp"
#include "web/platform/frame_pacer.hpp"
#include "web/platform/test_hooks.hpp"
#include "web/platform/ui_font.hpp"
#include "web/theme.hpp"

namespace ivd::web {
namespace {

struct Runtime {
  GLFWwindow* window = nullptr;
  std::unique_ptr<App> app;
  FramePacer pacer;
  ItemRecorder items;
  bool loop_paused = false;
  long timer = 0;  // emscripten_set_timeout handle of the next app deadline (0 = none)
  bool in_frame = false;
  int frames_drawn = 0;
  bool first_frame_reported = false;
  float scale = 0;                 // device pixels per CSS pixel the theme was built for
  int canvas_w = 0, canvas_h = 0;  // backing store size
  browser::TextInputState ime;     // where ImGui's text cursor is (device pixels), from SetImeDataFn
  browser::TextInputState ime_sent;
  std::string clipboard;  // text of the last paste event, returned to ImGui on Ctrl+V
  std::string json_out;   // buffer of the app_*_json exports
};

// The one runtime of the page; reached from the exported functions and ImGui callbacks.
Runtime* g_rt = nullptr;

void wake() {
  if (!g_rt) return;
  g_rt->pacer.wake(browser::now_seconds());
  if (g_rt->loop_paused) {
    g_rt->loop_paused = false;
    emscripten_resume_main_loop();
  }
}

// Mouse wheel straight from the browser: the GLFW emulation's scroll values are unusable (ImGui's
// GLFW backend does the same in ImGui_ImplGlfw_InstallEmscriptenCallbacks, which we do not call
// because it also resizes the canvas to its CSS size, undoing the HiDPI backing store).
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* ev, void*) {
  // Same steps as the ImGui GLFW backend: 100 pixels or 3 lines make one wheel step, a page 80.
  float step = 1.0f / 100.0f;
  if (ev->deltaMode == DOM_DELTA_LINE)
    step = 1.0f / 3.0f;
  else if (ev->deltaMode == DOM_DELTA_PAGE)
    step = 80.0f;
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-ev->deltaX) * step, static_cast<float>(-ev->deltaY) * step);
  wake();
  return EM_TRUE;
}

void sync_canvas_and_scale(Runtime& rt) {
  const browser::CanvasMetrics m = browser::canvas_metrics();
  const int w = std::max(1, static_cast<int>(std::lround(m.css_width * m.pixel_ratio)));
  const int h = std::max(1, static_cast<int>(std::lround(m.css_height * m.pixel_ratio)));
  if (w != rt.canvas_w || h != rt.canvas_h) {
    browser::set_canvas_backing_size(w, h);
    rt.canvas_w = w;
    rt.canvas_h = h;
  }
  const float scale = static_cast<float>(m.pixel_ratio);
  if (scale != rt.scale) {
    theme::apply(scale);
    rt.scale = scale;
  }
}

void draw_frame(Runtime& rt) {
  rt.in_frame = true;
  sync_canvas_and_scale(rt);
  rt.app->begin_frame();

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  // The GLFW emulation's window size is not kept in step with the canvas; the canvas is the truth.
  io.DisplaySize = ImVec2(static_cast<float>(rt.canvas_w), static_cast<float>(rt.canvas_h));
  io.DisplayFramebufferScale = ImVec2(1, 1);

  rt.items.begin_frame();
  ui_font::merge_arrived(io);  // extension font files that arrived since the last frame
  ImGui::NewFrame();
  rt.app->draw();
  ImGui::Render();
  rt.items.end_frame();

  glViewport(0, 0, rt.canvas_w, rt.canvas_h);
  glClearColor(0.933f, 0.949f, 0.969f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  // Hidden text field follows ImGui's text cursor while a text widget is active.
  browser::TextInputState s = rt.ime;
  s.active = io.WantTextInput;
  s.x /= rt.scale;
  s.y /= rt.scale;
  s.line_height /= rt.scale;
  if (s.active || !(s == rt.ime_sent)) {  // active: the page re-checks focus every frame
    browser::update_text_input(s);
    rt.ime_sent = s;
  }

  ++rt.frames_drawn;
  // Frame 1 lays out (ImGui sizes auto-fit windows on their first frame); frame 2 is what users see.
  if (!rt.first_frame_reported && rt.frames_drawn >= 2 && rt.app->screen != Screen::starting) {
    rt.first_frame_reported = true;
    browser::notify_first_frame();
  }
  rt.in_frame = false;
}

void main_loop(void* arg) {
  Runtime& rt = *static_cast<Runtime*>(arg);
  const double now = browser::now_seconds();
  // Keep going while ImGui still has queued input (it trickles press + release over frames).
  const bool queued_input = !ImGui::GetCurrentContext()->InputEventsQueue.empty();
  if (!rt.pacer.want_frame(now) && !queued_input && rt.frames_drawn > 0) {
    rt.loop_paused = true;
    emscripten_pause_main_loop();
    // Sleep until the app's next timer at most.
    if (rt.timer) emscripten_clear_timeout(rt.timer);
    rt.timer = 0;
    if (const double deadline = rt.app->next_deadline(); deadline > 0) {
      const double ms = std::max(0.0, (deadline - now) * 1000.0) + 5.0;
      rt.timer = emscripten_set_timeout(
          [](void*) {
            g_rt->timer = 0;
            wake();
          },
          ms, nullptr);
    }
    return;
  }
  rt.pacer.frame_drawn();
  draw_frame(rt);
}

const char* get_clipboard(ImGuiContext*) { return g_rt ? g_rt->clipboard.c_str() : ""; }

void set_clipboard(ImGuiContext*, const char* text) {
  if (!g_rt) return;
  g_rt->clipboard = text ? text : "";
  browser::set_clipboard_text(g_rt->clipboard.c_str());
}

void set_ime_data(ImGuiContext*, ImGuiViewport*, ImGuiPlatformImeData* data) {
  if (!g_rt) return;
  g_rt->ime.x = data->InputPos.x;
  g_rt->ime.y = data->InputPos.y;
  g_rt->ime.line_height = data->InputLineHeight;
}

}  // namespace
}  // namespace ivd::web

// ---- exports for shell/*.js --------------------------------------------------------------------
using ivd::web::g_rt;

extern "C" {

// Something happened on the page (input event, resize, focus): draw a few frames.
EMSCRIPTEN_KEEPALIVE void app_wake() { ivd::web::wake(); }

// An extension font file arrived (Module.fontExtras): a frame merges it and redraws with the new
// glyphs, a second one settles widths that changed. Fewer frames than app_wake: a big canvas on a
// slow GPU takes long per frame.
EMSCRIPTEN_KEEPALIVE void app_font_arrived() {
  if (!g_rt) return;
  g_rt->pacer.wake(ivd::web::browser::now_seconds(), 2, 0);
  if (g_rt->loop_paused) {
    g_rt->loop_paused = false;
    emscripten_resume_main_loop();
  }
}

// Text typed or composed (IME) in the hidden field.
EMSCRIPTEN_KEEPALIVE void app_text_input(const char* utf8) {
  if (!g_rt || !utf8) return;
  ImGui::GetIO().AddInputCharactersUTF8(utf8);
  ivd::web::wake();
}

// Text of a paste event: ImGui reads it through the clipboard callback when it handles Ctrl+V.
EMSCRIPTEN_KEEPALIVE void app_paste_text(const char* utf8) {
  if (!g_rt) return;
  g_rt->clipboard = utf8 ? utf8 : "";
  ivd::web::wake();
}

// Draws a frame right now (inside a keydown handler), so ImGui handles Ctrl+C / Ctrl+X before the
// browser fires the copy event that carries the text to the clipboard.
EMSCRIPTEN_KEEPALIVE void app_frame_now() {
  if (!g_rt || g_rt->in_frame) return;
  ivd::web::draw_frame(*g_rt);
  ivd::web::wake();
}

// The login's real form fields (shell/login_form.js): a value typed or filled by the browser (0 =
// username, 1 = password), the password field's focus, Enter (submit) and Tab out of the password field.
EMSCRIPTEN_KEEPALIVE void app_login_field(int which, const char* utf8) {
  if (!g_rt) return;
  g_rt->app->login.from_page(which, utf8 ? utf8 : "");
  ivd::web::wake();
}
EMSCRIPTEN_KEEPALIVE void app_login_focus(int focused) {
  if (!g_rt) return;
  g_rt->app->login.password_focused = focused != 0;
  ivd::web::wake();
}
EMSCRIPTEN_KEEPALIVE void app_login_submit() {
  if (!g_rt || g_rt->app->screen != ivd::web::Screen::login) return;
  g_rt->app->submit_login();
  ivd::web::wake();
}
EMSCRIPTEN_KEEPALIVE void app_login_tab(int shift) {
  if (!g_rt) return;
  (shift ? g_rt->app->login.focus_username_field : g_rt->app->login.focus_captcha) = true;
  ivd::web::wake();
}

// Labelled items of the last drawn frame (CSS pixels), for browser tests.
EMSCRIPTEN_KEEPALIVE const char* app_test_items_json() {
  if (!g_rt) return "[]";
  g_rt->json_out = g_rt->items.json(g_rt->scale);
  return g_rt->json_out.c_str();
}

// The API client's lifetime (browser test): requests are sent, their client is destroyed while they
// are in flight, and a new client sends others. The old requests' handlers must never run (their
// fetches find the client gone); each new one gets its own reply exactly once.
struct ClientProbe {
  int old_handlers_ran = 0;
  std::vector<int> new_statuses;  // in arrival order
  std::string json;
};
ClientProbe g_probe;
constexpr int kProbeRequests = 4;

EMSCRIPTEN_KEEPALIVE void app_test_renew_api_client() {
  if (!g_rt) return;
  ivd::web::App& app = *g_rt->app;
  g_probe = ClientProbe{};
  for (int i = 0; i < kProbeRequests; ++i)
    app.api_client().send("GET", "/auth/captcha", nullptr, [](const ivd::web::ApiReply&) { ++g_probe.old_handlers_ran; });
  app.replace_api_client(ivd::web::make_http_api_client(""));
  for (int i = 0; i < kProbeRequests; ++i)
    app.api_client().send("GET", "/auth/me", nullptr,
                          [](const ivd::web::ApiReply& r) { g_probe.new_statuses.push_back(r.status); });
  // Whatever the screens had in flight went with the old client: the login form asks for a new picture.
  if (app.screen == ivd::web::Screen::login) app.refresh_captcha();
}

EMSCRIPTEN_KEEPALIVE const char* app_test_client_probe_json() {
  g_probe.json = nlohmann::json{{"old_handlers_ran", g_probe.old_handlers_ran},
                                {"new_statuses", g_probe.new_statuses},
                                {"expected", kProbeRequests}}
                     .dump();
  return g_probe.json.c_str();
}

// Which characters the UI font can draw (font files merged so far), for browser tests.
EMSCRIPTEN_KEEPALIVE const char* app_test_font_probe_json(const char* utf8) {
  if (!g_rt) return "{}";
  g_rt->json_out = ivd::web::ui_font::probe_json(utf8);
  return g_rt->json_out.c_str();
}

// Screen, user and frame counter, for browser tests.
EMSCRIPTEN_KEEPALIVE const char* app_state_json() {
  if (!g_rt) return "{}";
  const ivd::web::App& app = *g_rt->app;
  // Text of the active text field (never of a password field), to check typed and IME input.
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  std::string active_text;
  if (g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId && !(g.InputTextState.Flags & ImGuiInputTextFlags_Password))
    active_text.assign(g.InputTextState.TextA.Data ? g.InputTextState.TextA.Data : "",
                       static_cast<size_t>(g.InputTextState.TextLen));
  nlohmann::json j = {{"screen", app.screen_name()},
                      {"username", app.user ? app.user->actor.username : ""},
                      {"institution_name", app.user ? app.user->actor.institution_name : ""},
                      {"menus", app.user ? app.user->menus : std::vector<std::string>{}},
                      {"lang", app.lang == ivd::Lang::zh ? "zh" : "en"},
                      {"frames", g_rt->frames_drawn},
                      {"paused", g_rt->loop_paused},
                      {"busy", app.busy()},
                      {"want_text_input", ImGui::GetIO().WantTextInput || app.login.password_focused},
                      {"active_text", active_text},
                      {"scale", g_rt->scale},
                      {"route", app.route.to_hash()},
                      {"font_files", ivd::web::ui_font::files_loaded()}};
  g_rt->json_out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return g_rt->json_out.c_str();
}

}  // extern "C"

int main() {
  using namespace ivd::web;
  if (!glfwInit()) {
    std::fprintf(stderr, "glfwInit failed\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  const browser::CanvasMetrics m = browser::canvas_metrics();
  const int w = std::max(1, static_cast<int>(std::lround(m.css_width * m.pixel_ratio)));
  const int h = std::max(1, static_cast<int>(std::lround(m.css_height * m.pixel_ratio)));
  GLFWwindow* window = glfwCreateWindow(w, h, "ivd", nullptr, nullptr);
  if (!window) {
    EM_ASM({
      if (window.ivdShell) window.ivdShell.fatal("WebGL 2");
    });
    return 1;
  }
  glfwMakeContextCurrent(window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.ConfigInputTextCursorBlink = false;  // a blinking cursor would need a frame every 0.5 s

  auto* rt = new Runtime();  // lives as long as the page
  g_rt = rt;
  rt->window = window;
  rt->items.install(ImGui::GetCurrentContext());

  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  // Text comes from the hidden field (shell/text_input.js), which also sees IME composition; GLFW's
  // keypress characters would arrive twice.
  glfwSetCharCallback(window, nullptr);
  emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);

  ImGuiPlatformIO& pio = ImGui::GetPlatformIO();
  pio.Platform_GetClipboardTextFn = get_clipboard;
  pio.Platform_SetClipboardTextFn = set_clipboard;
  pio.Platform_SetImeDataFn = set_ime_data;

  if (!ui_font::load_core(io)) {
    EM_ASM({
      if (window.ivdShell) window.ivdShell.fatal("font");
    });
    return 1;
  }

  rt->app = std::make_unique<App>(make_fallback_api_client(""));
  rt->app->set_wake([] { wake(); });
  rt->app->start();
  // Draw the first two frames now instead of waiting for two animation frames: ImGui sizes
  // auto-fitting windows on the first, the second is what users see (first interactive frame).
  draw_frame(*rt);
  draw_frame(*rt);
  rt->pacer.wake(browser::now_seconds(), 4);
  emscripten_set_main_loop_arg(main_loop, rt, 0, false);
  return 0;
}
