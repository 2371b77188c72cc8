#pragma once
// Small building blocks shared by the screens: cards, buttons in the theme's variants, message boxes,
// text at a given size. Stateless: every call takes what it draws.
#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace ivd::web::widgets {

// A white card with a soft shadow at pos (screen coordinates) and width; height follows the content,
// or is fixed when height > 0 (device pixels). Returns like BeginChild; always call end_card().
void begin_card(const char* id, ImVec2 pos, float width, float padding_css = 32.0f, float height = 0);
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

// A label above a form field; required: a red * after it.
void field_label(std::string_view s, bool required = false);

// Full-width message boxes.
void error_box(std::string_view message);
void success_box(std::string_view message);
void info_box(std::string_view message);

// A small "down" caret drawn at the current position (no glyph needed).
void caret_down(ImVec2 center, float size, ImU32 color);
// The product emblem: a rounded white square of side `size` at top_left with `mark` centred in it.
void emblem(ImDrawList* dl, ImVec2 top_left, float size, std::string_view mark);

// A drop-down of options. id: "##users.q.type"; each option's label is "text##users.q.type.KEY", so
// tests pick an option by its key ("all" for the empty key). Sets *value to the chosen key; returns true when it
// changed. Disabled: shows the preview only.
struct ComboOption {
  std::string key;
  std::string text;
};
bool combo(const char* id, const std::vector<ComboOption>& options, std::string* value, std::string_view placeholder,
           bool enabled = true);

// A centred modal dialog without title bar, in the card style, width in CSS pixels; taller content
// than the window scrolls. open_request: set by the caller to open it, cleared here. Returns like
// BeginPopupModal; call end_modal() when it returned true.
bool begin_modal(const char* id, float width_css, bool* open_request);
void end_modal();
// The 取消 / 确定 pair at the right end of a dialog. Returns 1 for ok, -1 for cancel (also Escape while
// the dialog has the focus), 0 otherwise. Escape that closes a drop-down or a popup open in the dialog,
// or leaves a text field being edited, does only that: the dialog stays.
int modal_buttons(const char* cancel_label, const char* ok_label, bool ok_enabled = true);

// Form cells in columns (a label above its control), laid out from the cursor: the label baselines of
// a row line up, and a row is as tall as its tallest cell (a field error under one field pushes the
// next row down). Inside a cell the item width is the cell's width.
class FormGrid {
 public:
  FormGrid(int columns, float width, float gap_x, float gap_y);
  // Starts the next cell, spanning `span` columns (a new row when the current one has no room);
  // span 0 = the rest of the current row.
  void cell(int span = 1);
  float width() const { return cell_width_; }
  void end();  // the cursor goes below the last row

 private:
  void close_cell();
  int columns_;
  float column_width_, gap_x_, gap_y_, cell_width_ = 0;
  ImVec2 origin_;
  int column_ = 0;
  float row_y_, next_row_y_;
  bool open_ = false;
};

// A red message under a form field (wrapped, small), exposed to tests as "message##test_id".
void field_error(std::string_view message, const char* test_id);

// Gives the last item (text, message box) the label "text##test_id" in the test hooks, so browser
// tests can read messages the way they find widgets.
void expose(const char* test_id, std::string_view text);
// Beside an action the server must do while it cannot be reached: the short reason, on the same line,
// exposed under test_id.
void needs_server_note(std::string_view text, const std::string& test_id);

// ---- table cells ----
// The texts the widgets show themselves (the context menu of a cell), in the user's language: set once
// per frame by the app.
void set_texts(std::string copy);

// The text of a table cell (or any slot of fixed width, from the cursor to the end of the line): cut
// text ends with …, and the full text shows on hover; a right click offers 复制 (test id
// "cell.copy"), which puts the full text on the clipboard. color 0 = the theme's text colour.
// Every table should show its texts with it.
void cell_text(std::string_view text, ImU32 color = 0);

// A status: a dot and its label in the colour of its tone (theme::kStatusTone, index = core StatusTone),
// exposed to tests as "label##test_id" when test_id is given.
void status_text(std::string_view label, int tone, const char* test_id = nullptr);

// Inside an open modal (begin_modal): Escape was pressed for the dialog itself, i.e. not to close a
// drop-down or a popup open in it, nor to leave a text field being edited (as modal_buttons decides).
// For dialogs whose buttons are not the 取消 / 确定 pair.
bool modal_escape_pressed();

}  // namespace ivd::web::widgets
