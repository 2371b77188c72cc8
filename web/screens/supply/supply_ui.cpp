#include "web/screens/supply/supply_ui.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <vector>

#include "web/app.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web::supply_ui {

using theme::px;

bool begin_table(const char* id, int columns, float height) {
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, px(10, 8));
  ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, IM_COL32(243, 246, 250, 255));
  ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, IM_COL32(249, 250, 252, 255));
  ImGui::PushStyleColor(ImGuiCol_TableBorderLight, IM_COL32(232, 236, 242, 255));
  ImGui::PushStyleColor(ImGuiCol_TableBorderStrong, theme::kBorder);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable(id, columns, flags, ImVec2(0, height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    return true;
  }
  ImGui::PopStyleColor(4);
  ImGui::PopStyleVar();
  return false;
}

void end_table() {
  ImGui::EndTable();
  ImGui::PopStyleColor(4);
  ImGui::PopStyleVar();
}

void cell(std::string_view s, ImU32 color) {
  ImGui::TableNextColumn();
  widgets::cell_text(s.empty() ? std::string_view("-") : s, color);
}

void pager(App& app, const char* id, int page, int page_size, int64_t total, bool loading,
           const std::function<void(int, int)>& go) {
  const std::string base(id);
  const int pages = static_cast<int>(std::max<int64_t>(1, (total + page_size - 1) / std::max(1, page_size)));
  const std::string prev = app.label("web.supply.prev", base + ".prev");
  const std::string next = app.label("web.supply.next", base + ".next");
  const std::string where = app.tf("web.supply.page", {std::to_string(page), std::to_string(pages)});
  const ImGuiStyle& st = ImGui::GetStyle();
  const float gap = st.ItemSpacing.x;
  const float combo_w = px(116);
  const float bw =
      std::max(ImGui::CalcTextSize(prev.c_str(), nullptr, true).x, ImGui::CalcTextSize(next.c_str(), nullptr, true).x) +
      st.FramePadding.x * 2;
  const float total_w = combo_w + bw * 2 + ImGui::CalcTextSize(where.c_str()).x + gap * 4;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - total_w));
  std::vector<widgets::ComboOption> sizes;
  for (int s : kPageSizes) sizes.push_back({std::to_string(s), app.tf("web.supply.page_size", {std::to_string(s)})});
  std::string size = std::to_string(page_size);
  ImGui::SetNextItemWidth(combo_w);
  if (widgets::combo(("##" + base + ".page_size").c_str(), sizes, &size, "")) go(1, std::stoi(size));
  ImGui::SameLine(0, gap);
  ImGui::BeginDisabled(page <= 1 || loading);
  if (widgets::secondary_button(prev.c_str(), bw, kControlHeight)) go(page - 1, page_size);
  ImGui::EndDisabled();
  ImGui::SameLine(0, gap);
  widgets::text(where, 0, theme::kTextMuted);
  widgets::expose((base + ".page").c_str(), where);
  ImGui::SameLine(0, gap);
  ImGui::BeginDisabled(page >= pages || loading);
  if (widgets::secondary_button(next.c_str(), bw, kControlHeight)) go(page + 1, page_size);
  ImGui::EndDisabled();
}

void table_message(std::string_view text, const char* test_id) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const ImVec2 ts = ImGui::CalcTextSize(text.data(), text.data() + text.size());
  ImGui::GetWindowDrawList()->AddText(ImVec2((a.x + b.x - ts.x) * 0.5f, a.y + std::min(px(80), (b.y - a.y) * 0.5f)),
                                      theme::kTextMuted, text.data(), text.data() + text.size());
  if (test_id) widgets::expose(test_id, text);
}

void fact(std::string_view label, std::string_view value, const char* test_id, ImU32 color) {
  widgets::text(label, theme::kFontSmall + 0.5f, theme::kTextMuted);
  ImGui::SameLine(0, px(6));
  widgets::cell_text(value.empty() ? std::string_view("-") : value, color);
  if (test_id) widgets::expose(test_id, value);
}

}  // namespace ivd::web::supply_ui
