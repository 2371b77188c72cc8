#pragma once
// The pieces every list screen is made of (用户管理, 报量项目配置, 报量项目管理, 报量项目审核, 全国报量数据):
// the query card with 查询 / 重置, the notice and error of the list, the total (共 N 条), the table in the
// list style with its column headers and the message of an empty table, text cells cut with …, and the
// pager. Each screen keeps its own state and test ids; these only draw.
#include <imgui.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "web/message.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

class App;

namespace list_ui {

inline constexpr float kControlHeight = 32.0f;  // CSS pixels: an input's height (font 16 + padding 2 × 8)

// ---- query card ----
struct QueryLayout {
  float padding_css = 20;    // the card's padding
  float min_cell_css = 230;  // a field is at least this wide: the number of columns follows the width
  int max_columns = 4;       // (at least 2)
  float row_gap_css = 10;
};
// Begins the query card at the cursor and returns the grid of its fields.
widgets::FormGrid begin_query(const char* card_id, float width, const QueryLayout& layout = {});
// A text field in the next cell, its label above. Returns true when the clerk pressed Enter in it.
bool query_text(widgets::FormGrid& grid, std::string_view label, const char* id, std::string_view hint,
                std::string* value, ImGuiInputTextFlags extra_flags = 0);
// A drop-down (widgets::combo) in the next cell, its label above.
void query_combo(widgets::FormGrid& grid, std::string_view label, const char* id,
                 const std::vector<widgets::ComboOption>& options, std::string* value, std::string_view placeholder);

// What the clerk asked of the query form this frame.
struct QueryAction {
  bool search = false;  // 查询, or Enter in a field
  bool reset = false;   // 重置
  // 重置 empties the form; returns true when the form is to be sent (查询 or 重置).
  template <class Query>
  bool apply(Query& form) const {
    if (reset) form = Query{};
    return search || reset;
  }
};
// The 查询 / 重置 pair in the rest of the grid's row; ends the grid and the card. entered: Enter was
// pressed in a field (counts as 查询).
QueryAction end_query(widgets::FormGrid& grid, bool entered, const std::string& search_label,
                      const std::string& reset_label, bool search_enabled = true);

// ---- what the list says ----
// The notice (green) or the error (red) of a screen, exposed as test_id; nothing when empty.
void show_notice(const Message& m, Lang lang, const char* test_id);
void show_error(const Message& m, Lang lang, const char* test_id);
// 共 N 条, small and muted, exposed as test_id with `total`; `shown` (加载中…) stands on screen instead
// when not empty.
void total_text(std::string_view total, const char* test_id, std::string_view shown = {});
// The same at the right end of the current line; right: the local x of the line's right edge.
void total_text_right(float right, std::string_view total, const char* test_id, std::string_view shown = {});

// ---- tables ----
struct TableLook {
  ImVec2 padding_css{10, 8};  // cell padding
  bool header_bg = true;      // the light header row
  bool stripes = true;        // the alternate rows' colour
  bool borders = true;        // the light inner lines and the theme's border outside
};
// ImGui::BeginTable in the list style (row colours, outer border and inner lines, ScrollY, frozen header
// row); call end_table() when it returned true.
bool begin_table(const char* id, int columns, float height, const TableLook& look = {});
void end_table();
// The height left for a table in the card (less the pager's line under it when with_pager), at least min_css.
float table_height(bool with_pager, float min_css = 120);
// A new query shows its first row: call inside the table; clears *flag.
void scroll_to_top(bool* flag);

struct Column {
  const char* text_id;  // the header's text
  float size;           // the stretch weight, or the width in device pixels when fixed
  bool fixed = false;
};
inline Column fixed_column(const char* text_id, float width) { return {text_id, width, true}; }
// Sets up the columns and draws the header row (header_text: its colour, 0 = the theme's).
void setup_columns(App& app, std::initializer_list<Column> columns, ImU32 header_text = 0);

// Text on one line: "-" when empty; cut with … to the room left and the whole text on hover. color 0 =
// the theme's text colour. cell() does the same in the next column.
void ellipsis_text(std::string_view s, ImU32 color = 0);
void cell(std::string_view s, ImU32 color = 0);
// The width of a text on one line in the current font (fixed columns sized for their widest value).
float text_width(std::string_view s);
// The message in the middle of an empty table (call after end_table), exposed as test_id when given;
// top_css: how far below the table's top it stands at most.
void empty_table_message(std::string_view msg, const char* test_id = nullptr, float top_css = 90);

// Totals as the clerk reads them: 1,234,567.
std::string grouped(int64_t n);

// ---- pager ----
struct PagerLook {
  const char* texts = "web.users";  // text ids <texts>.prev / .next / .page / .page_size
  bool page_sizes = true;           // the 每页 N 条 drop-down (10, 20, 50, 100)
  float combo_css = 120;
  float button_css = 0;    // 0: as wide as the longer of 上一页 / 下一页
  float where_dy_css = 0;  // 第 x / y 页 lowered by this much
};
// 每页 N 条 / 上一页 / 第 x / y 页 / 下一页, right-aligned, with the test ids <id>.page_size / .prev / .page /
// .next. Returns the page the clerk asked for (0: none); a new page size is set in *page_size at once and
// asks for page 1.
int pager(App& app, const char* id, int page, int* page_size, int64_t total, bool loading, const PagerLook& look = {});

}  // namespace list_ui
}  // namespace ivd::web
