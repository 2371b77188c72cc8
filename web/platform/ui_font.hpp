#pragma once
// The UI font: one Dear ImGui font built from four files (web/CMakeLists.txt, scripts/make_charset.py).
// The page waits only for the core file (ASCII, punctuation, every character the UI shows); it fetches
// the extension files (the rest of GB2312, of the CJK Unified Ideographs, Extension A) after the first
// frame, and each is merged into the same font when it arrives. ImGui 1.92 rasterises glyphs on demand,
// so merging costs nothing until a character is drawn; characters already drawn as missing are
// forgotten (the font's baked sizes are discarded) so they show once their file is there.
#include <string>

struct ImGuiIO;

namespace ivd::web::ui_font {

// Adds the core file the page fetched while the wasm compiled. False if it did not arrive.
bool load_core(ImGuiIO& io);

// Merges every extension file that arrived since the last call. Call between frames (before
// ImGui::NewFrame). Returns how many were merged.
int merge_arrived(ImGuiIO& io);

// Number of font files merged into the UI font so far (1 = core only).
int files_loaded();

// Test hook: JSON {"files": n, "not_in_font": "...", "not_rendered": "..."}: the characters of
// utf8 that no loaded file holds, and those the font at the base size cannot draw (a glyph lookup
// that would show the fallback box, also after a file that holds them arrived).
std::string probe_json(const char* utf8);

}  // namespace ivd::web::ui_font
