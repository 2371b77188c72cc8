#pragma once
// The page around the wasm module: canvas size and pixel ratio, the hidden text field used for IME
// and keyboard text, the clipboard, the loading indicator, browser storage. The JS halves live in
// shell/*.js (window.ivdShell); these wrappers are the only place C++ talks to them.
#include <cstdint>
#include <string>
#include <vector>

namespace ivd::web::browser {

struct CanvasMetrics {
  double css_width = 0, css_height = 0;  // size of the canvas element in CSS pixels
  double pixel_ratio = 1;                // window.devicePixelRatio
};
CanvasMetrics canvas_metrics();
// Sets the canvas backing store (device pixels). The CSS size stays whatever the page layout says.
void set_canvas_backing_size(int width, int height);

// The hidden <input> that receives typed and composed (IME) text while ImGui wants text input.
// Positions are CSS pixels relative to the canvas.
struct TextInputState {
  bool active = false;
  float x = 0, y = 0, line_height = 0;
  bool operator==(const TextInputState&) const = default;
};
void update_text_input(const TextInputState& s);

// The login's real form fields (shell/login_form.js): where ImGui drew the username and password
// fields (CSS pixels relative to the canvas), so the page lays its inputs over them; visible false
// hides the form (after a login, or on any other screen).
struct LoginFormState {
  bool visible = false;
  float user_x = 0, user_y = 0, user_w = 0, user_h = 0;
  float pass_x = 0, pass_y = 0, pass_w = 0, pass_h = 0;
  float font_px = 16;
  bool operator==(const LoginFormState&) const = default;
};
void update_login_form(const LoginFormState& s);
// Mirrors the app's values into the fields (the password only when set_password).
void set_login_values(const std::string& username, const std::string& password, bool set_password);
void focus_login_password();
// The app submits the login: the form's submit event, so the browser may offer to save the password.
void login_submitted();

// ImGui copied text: hand it to the page (copy event / async clipboard API).
void set_clipboard_text(const char* text);

// The first interactive frame is on screen: hide the loading indicator, record the time.
void notify_first_frame();

// The UI font fetched by the page while the wasm was compiling (empty if it failed).
std::vector<uint8_t> take_font_bytes();
// The next UI font extension file the page fetched after the first frame (empty when none is waiting);
// name gets its file name.
std::vector<uint8_t> take_extra_font(std::string& name);

// sessionStorage (per tab, gone when it closes) and localStorage (remembered preferences).
std::string session_get(const char* key);
void session_set(const char* key, const std::string& value);  // "" removes the key
std::string local_get(const char* key);
void local_set(const char* key, const std::string& value);

double now_seconds();

// The URL hash of the address bar ("#/ivd.fill?project=3"), the view of the app (web/screens/route.hpp).
std::string location_hash();
// Writes the hash: a new history entry (Back returns to the previous one), or with replace the current
// entry changes. "" removes the hash. Neither fires popstate / hashchange.
void set_location_hash(const std::string& hash, bool replace);
// True once after the user moved in the history (Back, Forward) or edited the hash: the page's
// popstate / hashchange handler flagged it and woke the render loop.
bool take_location_change();

}  // namespace ivd::web::browser
