#pragma once
// Pieces the super admin's screens (报量项目配置, 全国报量数据) share: the list table style, the pager
// under a table, and a status cell in its core label and tone colour.
#include <cstdint>
#include <imgui.h>
#include <string>
#include <string_view>

namespace ivd::web {

class App;

namespace admin_ui {

inline constexpr float kControlHeight = 32.0f;  // CSS pixels: an input's height

// ImGui::BeginTable with the list style (row stripes, frozen header, ScrollY); call end_table() when true.
bool begin_table(const char* id, int columns, float height);
void end_table();
// The message in the middle of an empty table (after end_table), exposed as test_id.
void empty_table_message(std::string_view msg, const char* test_id);

// 每页 N 条 / 上一页 / 第 x / y 页 / 下一页, right-aligned. Returns true when the clerk moved: *page and
// *page_size hold the new choice. id: prefix of the widget ids ("config.list" -> "config.list.prev").
bool pager(App& app, const char* id, int* page, int* page_size, int64_t total, bool loading);

// A status of kind project | province | city | sheet: its label (i18n ivd.<kind>_status.<id>) in the
// colour of its core tone; exposed as test_id when given.
void status_cell(App& app, std::string_view kind, std::string_view status, const char* test_id = nullptr);

// A decimal without trailing zeros: 30, 12.5.
std::string number_text(double v);
// Totals as the clerk reads them: 1,234,567.
std::string grouped(int64_t n);

}  // namespace admin_ui
}  // namespace ivd::web
