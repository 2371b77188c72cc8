#pragma once
// The page around the login and password cards: blue band with the product title, the language
// switch at the top right, a footer line. Returns the position of a centred card of the given width.
#include <imgui.h>

namespace ivd::web {

class App;

// card_id: the card's child id, whose height of the previous frame centres the block vertically.
ImVec2 draw_portal_page(App& app, const char* card_id, float card_width);

// The 中文 | English switch, drawn right-aligned ending at right_x (screen coordinates), at y.
void draw_language_switch(App& app, float right_x, float y, ImU32 color, ImU32 active_color);

}  // namespace ivd::web
