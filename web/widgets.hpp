#pragma once
// Small building blocks shared by the screens: cards, buttons in the theme's variants, message boxes,
// text at a given size. Stateless: every call takes what it draws.
#include <imgui.h>

#include <string>
#include <string_view>

namespace ivd::web::widgets {

// A white card with a soft shadow at pos (screen coordinates) and width; height follows the content.
// Returns like BeginChild; always call end_card().
void begin_card(const char* id, ImVec2 pos, float width, float padding_css = 32.0f);
// Returns the card's height (device pixels) so callers can centre it next frame.
float end_card();

// Buttons. width 0 = fit the label, -1 = fill the line. Heights in CSS pixels.
bool primary_button(const char* label, float width = 0, float height_css = 40.0f, bool enabled = true);
bool secondary_button(const char* label, float width = 0, float height_css = 40.0f);
// A text-only button (links, language switch). color: text colour.
bool text_button(const char* label, ImU32 color, bool underline_on_hover = true);

// Text at a size in CSS pixels (the theme's base size when 0), optional colour (0 = theme text).
void text(std::string_view s, float size_css = 0, ImU32 color = 0);
void text_wrapped(std::string_view s, float size_css = 0, ImU32 color = 0);
ImVec2 text_size(std::string_view s, float size_css);

// A label above a form field.
void field_label(std::string_view s);

// Full-width message boxes.
void error_box(std::string_view message);
void success_box(std::string_view message);
void info_box(std::string_view message);

// A small "down" caret drawn at the current position (no glyph needed).
void caret_down(ImVec2 center, float size, ImU32 color);

}  // namespace ivd::web::widgets
