// The pieces of the list screens (list_widgets.hpp).
//
// [SECTION] query card
// [SECTION] what the list says
// [SECTION] tables
// [SECTION] pager
#include "web/list_widgets.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "web/app.hpp"
#include "web/theme.hpp"

namespace ivd::web::list_ui {

using theme::px;

namespace {
constexpr int kPageSizes[] = {10, 20, 50, 100};
std::vector<int> g_table_colours;  // the colours each open begin_table pushed
}  // namespace

// [SECTION] query card

widgets::FormGrid begin_query(const char* card_id, float width, const QueryLayout& layout) {
  widgets::begin_card(card_id, ImGui::GetCursorScreenPos(), width, layout.padding_css);
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = px(16);
  const int cols =
      std::clamp(static_cast<int>((avail + gap) / (px(layout.min_cell_css) + gap)), 2, std::max(2, layout.max_columns));
  return widgets::FormGrid(cols, avail, gap, px(layout.row_gap_css));
}

bool query_text(widgets::FormGrid& grid, std::string_view label, const char* id, std::string_view hint,
                std::string* value, ImGuiInputTextFlags extra_flags) {
  grid.cell();
  widgets::field_label(label);
  const std::string h(hint);
  return ImGui::InputTextWithHint(id, h.c_str(), value, ImGuiInputTextFlags_EnterReturnsTrue | extra_flags);
}

void query_combo(widgets::FormGrid& grid, std::string_view label, const char* id,
                 const std::vector<widgets::ComboOption>& options, std::string* value, std::string_view placeholder) {
  grid.cell();
  widgets::field_label(label);
  widgets::combo(id, options, value, placeholder);
}

QueryAction end_query(widgets::FormGrid& grid, bool entered, const std::string& search_label,
                      const std::string& reset_label, bool search_enabled) {
  QueryAction a;
  grid.cell(0);  // the buttons take the rest of the row
  widgets::field_label(" ");
  const float bgap = ImGui::GetStyle().ItemSpacing.x;
  const float bw = std::min(px(96), (grid.width() - bgap) * 0.5f);
  a.search = widgets::primary_button(search_label.c_str(), bw, kControlHeight, search_enabled) || entered;
  ImGui::SameLine(0, bgap);
  a.reset = widgets::secondary_button(reset_label.c_str(), bw, kControlHeight);
  grid.end();
  widgets::end_card();
  return a;
}

// [SECTION] what the list says

void show_notice(const Message& m, Lang lang, const char* test_id) {
  if (m.empty()) return;
  const std::string text = m.text(lang);
  widgets::success_box(text);
  widgets::expose(test_id, text);
}

void show_error(const Message& m, Lang lang, const char* test_id) {
  if (m.empty()) return;
  const std::string text = m.text(lang);
  widgets::error_box(text);
  widgets::expose(test_id, text);
}

void total_text(std::string_view total, const char* test_id, std::string_view shown) {
  widgets::text(shown.empty() ? total : shown, theme::kFontSmall + 0.5f, theme::kTextMuted);
  widgets::expose(test_id, total);
}

void total_text_right(float right, std::string_view total, const char* test_id, std::string_view shown) {
  const float tw = widgets::text_size(total, theme::kFontSmall + 0.5f).x;
  // SameLine after a button lines the text up with the button's label.
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - tw));
  total_text(total, test_id, shown);
}

// [SECTION] tables

bool begin_table(const char* id, int columns, float height, const TableLook& look) {
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, px(look.padding_css.x, look.padding_css.y));
  int colours = 0;
  if (look.header_bg) {
    ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, IM_COL32(243, 246, 250, 255));
    ++colours;
  }
  if (look.stripes) {
    ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, IM_COL32(249, 250, 252, 255));
    ++colours;
  }
  if (look.borders) {
    ImGui::PushStyleColor(ImGuiCol_TableBorderLight, IM_COL32(232, 236, 242, 255));
    ImGui::PushStyleColor(ImGuiCol_TableBorderStrong, theme::kBorder);
    colours += 2;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable(id, columns, flags, ImVec2(0, height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    g_table_colours.push_back(colours);
    return true;
  }
  ImGui::PopStyleColor(colours);
  ImGui::PopStyleVar();
  return false;
}

void end_table() {
  ImGui::EndTable();
  IM_ASSERT(!g_table_colours.empty());
  ImGui::PopStyleColor(g_table_colours.back());
  g_table_colours.pop_back();
  ImGui::PopStyleVar();
}

float table_height(bool with_pager, float min_css) {
  const float pager_h = with_pager ? px(kControlHeight) + ImGui::GetStyle().ItemSpacing.y : 0.0f;
  return std::max(px(min_css), ImGui::GetContentRegionAvail().y - pager_h);
}

void scroll_to_top(bool* flag) {
  if (!*flag) return;
  ImGui::SetScrollY(0);
  *flag = false;
}

void setup_columns(App& app, std::initializer_list<Column> columns, ImU32 header_text) {
  for (const Column& c : columns)
    ImGui::TableSetupColumn(app.t(c.text_id).data(),
                            c.fixed ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch, c.size);
  if (header_text) ImGui::PushStyleColor(ImGuiCol_Text, header_text);
  ImGui::TableHeadersRow();
  if (header_text) ImGui::PopStyleColor();
}

void ellipsis_text(std::string_view s, ImU32 color) {
  if (s.empty()) s = "-";
  const float room = ImGui::GetContentRegionAvail().x;
  const ImVec2 size = ImGui::CalcTextSize(s.data(), s.data() + s.size());
  if (size.x <= room) {
    widgets::text(s, 0, color);
    return;
  }
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(room, size.y));
  if (color) ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), p, ImVec2(p.x + room, p.y + size.y), p.x + room, s.data(),
                            s.data() + s.size(), &size);
  if (color) ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.*s", static_cast<int>(s.size()), s.data());
}

void cell(std::string_view s, ImU32 color) {
  ImGui::TableNextColumn();
  ellipsis_text(s, color);
}

float text_width(std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; }

void empty_table_message(std::string_view msg, const char* test_id, float top_css) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const ImVec2 ts = ImGui::CalcTextSize(msg.data(), msg.data() + msg.size());
  ImGui::GetWindowDrawList()->AddText(ImVec2((a.x + b.x - ts.x) * 0.5f, a.y + std::min(px(top_css), (b.y - a.y) * 0.5f)),
                                      theme::kTextMuted, msg.data(), msg.data() + msg.size());
  if (test_id) widgets::expose(test_id, msg);
}

std::string grouped(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

// [SECTION] pager

int pager(App& app, const char* id, int page, int* page_size, int64_t total, bool loading, const PagerLook& look) {
  const std::string base(id), texts(look.texts);
  const int pages = static_cast<int>(std::max<int64_t>(1, (total + *page_size - 1) / *page_size));
  const std::string prev = app.label(texts + ".prev", base + ".prev");
  const std::string next = app.label(texts + ".next", base + ".next");
  const std::string where = app.tf(texts + ".page", {std::to_string(page), std::to_string(pages)});
  const ImGuiStyle& st = ImGui::GetStyle();
  const float gap = st.ItemSpacing.x;
  const float combo_w = look.page_sizes ? px(look.combo_css) : 0.0f;
  const float bw = look.button_css > 0 ? px(look.button_css)
                                       : std::max(ImGui::CalcTextSize(prev.c_str(), nullptr, true).x,
                                                  ImGui::CalcTextSize(next.c_str(), nullptr, true).x) +
                                             st.FramePadding.x * 2;
  const float where_w = ImGui::CalcTextSize(where.c_str()).x;
  const float total_w = combo_w + bw * 2 + where_w + gap * (look.page_sizes ? 4 : 2);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - total_w));
  int asked = 0;
  if (look.page_sizes) {
    std::vector<widgets::ComboOption> sizes;
    for (int s : kPageSizes) sizes.push_back({std::to_string(s), app.tf(texts + ".page_size", {std::to_string(s)})});
    std::string size = std::to_string(*page_size);
    ImGui::SetNextItemWidth(combo_w);
    if (widgets::combo(("##" + base + ".page_size").c_str(), sizes, &size, "")) {
      *page_size = std::stoi(size);
      asked = 1;
    }
    ImGui::SameLine(0, gap);
  }
  ImGui::BeginDisabled(page <= 1 || loading);
  if (widgets::secondary_button(prev.c_str(), bw, kControlHeight)) asked = page - 1;
  ImGui::EndDisabled();
  ImGui::SameLine(0, gap);
  if (look.where_dy_css != 0) ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(look.where_dy_css));
  widgets::text(where, 0, theme::kTextMuted);
  widgets::expose((base + ".page").c_str(), where);
  ImGui::SameLine(0, gap);
  ImGui::BeginDisabled(page >= pages || loading);
  if (widgets::secondary_button(next.c_str(), bw, kControlHeight)) asked = page + 1;
  ImGui::EndDisabled();
  return asked;
}

}  // namespace ivd::web::list_ui
