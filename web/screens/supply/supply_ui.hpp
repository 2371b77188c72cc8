#pragma once
// Pieces the supply screens share: the list table's style, the pager under a list, a label with its
// value ("业务状态：待企业确认") and the empty-table message.
#include <imgui.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace ivd::web {

class App;

namespace supply_ui {

inline constexpr float kControlHeight = 32.0f;  // CSS pixels, the height of an input
inline constexpr int kPageSizes[] = {10, 20, 50, 100};

// Opens a table in the list style (row colours, borders, ScrollY, frozen header row).
bool begin_table(const char* id, int columns, float height);
void end_table();

// The next column's text: cut with … when narrower (the full text on hover).
void cell(std::string_view s, ImU32 color = 0);

// 每页 N 条 / 上一页 / 第 x 页，共 y 页 / 下一页 at the right end of the line. id: "supply.list" gives
// "supply.list.page_size", ".prev", ".next", ".page". go(page, page_size) asks for another page.
void pager(App& app, const char* id, int page, int page_size, int64_t total, bool loading,
           const std::function<void(int page, int page_size)>& go);

// A message in the middle of the table just drawn (empty list, loading).
void table_message(std::string_view text, const char* test_id);

// "label：value" on one line (value "-" when empty), exposed as "value##test_id" when test_id is set.
void fact(std::string_view label, std::string_view value, const char* test_id = nullptr, ImU32 color = 0);

}  // namespace supply_ui
}  // namespace ivd::web
