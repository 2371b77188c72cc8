#include "web/screens/ivd/config_table.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "core/ivd/common.hpp"
#include "web/app.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web::admin_ui {

using theme::px;

namespace {
constexpr int kPageSizes[] = {10, 20, 50, 100};
}

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

void empty_table_message(std::string_view msg, const char* test_id) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const ImVec2 ts = ImGui::CalcTextSize(msg.data(), msg.data() + msg.size());
  ImGui::GetWindowDrawList()->AddText(ImVec2((a.x + b.x - ts.x) * 0.5f, a.y + std::min(px(90), (b.y - a.y) * 0.5f)),
                                      theme::kTextMuted, msg.data(), msg.data() + msg.size());
  widgets::expose(test_id, msg);
}

bool pager(App& app, const char* id, int* page, int* page_size, int64_t total, bool loading) {
  const std::string base(id);
  const int pages = static_cast<int>(std::max<int64_t>(1, (total + *page_size - 1) / *page_size));
  const std::string prev = app.label("web.users.prev", base + ".prev");
  const std::string next = app.label("web.users.next", base + ".next");
  const std::string where = app.tf("web.users.page", {std::to_string(*page), std::to_string(pages)});
  const ImGuiStyle& st = ImGui::GetStyle();
  const float gap = st.ItemSpacing.x;
  const float combo_w = px(120);
  const float bw =
      std::max(ImGui::CalcTextSize(prev.c_str(), nullptr, true).x, ImGui::CalcTextSize(next.c_str(), nullptr, true).x) +
      st.FramePadding.x * 2;
  const float where_w = ImGui::CalcTextSize(where.c_str()).x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() +
                       std::max(0.0f, ImGui::GetContentRegionAvail().x - (combo_w + bw * 2 + where_w + gap * 4)));
  bool moved = false;
  std::vector<widgets::ComboOption> sizes;
  for (int s : kPageSizes) sizes.push_back({std::to_string(s), app.tf("web.users.page_size", {std::to_string(s)})});
  std::string size = std::to_string(*page_size);
  ImGui::SetNextItemWidth(combo_w);
  if (widgets::combo(("##" + base + ".page_size").c_str(), sizes, &size, "")) {
    *page_size = std::stoi(size);
    *page = 1;
    moved = true;
  }
  ImGui::SameLine(0, gap);
  ImGui::BeginDisabled(*page <= 1 || loading);
  if (widgets::secondary_button(prev.c_str(), bw, kControlHeight)) {
    --*page;
    moved = true;
  }
  ImGui::EndDisabled();
  ImGui::SameLine(0, gap);
  widgets::text(where, 0, theme::kTextMuted);
  widgets::expose((base + ".page").c_str(), where);
  ImGui::SameLine(0, gap);
  ImGui::BeginDisabled(*page >= pages || loading);
  if (widgets::secondary_button(next.c_str(), bw, kControlHeight)) {
    ++*page;
    moved = true;
  }
  ImGui::EndDisabled();
  return moved;
}

void status_cell(App& app, std::string_view kind, std::string_view status, const char* test_id) {
  widgets::status_text(app.t(status_label_id(kind, status)), static_cast<int>(status_tone(kind, status)), test_id);
}

std::string number_text(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string grouped(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace ivd::web::admin_ui
