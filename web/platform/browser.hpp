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

}  // namespace ivd::web::browser
