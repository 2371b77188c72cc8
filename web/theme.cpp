#include "web/theme.hpp"

namespace ivd::web::theme {
namespace {

ImVec4 col(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

ImGuiStyle base_style() {
  ImGuiStyle s;
  ImGui::StyleColorsLight(&s);
  s.WindowPadding = ImVec2(16, 16);
  s.FramePadding = ImVec2(10, 8);
  s.CellPadding = ImVec2(8, 6);
  s.ItemSpacing = ImVec2(10, 10);
  s.ItemInnerSpacing = ImVec2(8, 6);
  s.IndentSpacing = 20;
  s.ScrollbarSize = 12;
  s.GrabMinSize = 12;
  s.WindowBorderSize = 0;
  s.ChildBorderSize = 1;
  s.PopupBorderSize = 1;
  s.FrameBorderSize = 1;
  s.WindowRounding = 8;
  s.ChildRounding = 8;
  s.FrameRounding = 4;
  s.PopupRounding = 6;
  s.ScrollbarRounding = 6;
  s.GrabRounding = 4;
  s.WindowTitleAlign = ImVec2(0.5f, 0.5f);
  s.SelectableTextAlign = ImVec2(0.0f, 0.5f);

  ImVec4* c = s.Colors;
  c[ImGuiCol_Text] = col(kText);
  c[ImGuiCol_TextDisabled] = col(kTextMuted);
  c[ImGuiCol_WindowBg] = col(kPageBg);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = col(kCardBg);
  c[ImGuiCol_Border] = col(kBorder);
  c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = col(IM_COL32(255, 255, 255, 255));
  c[ImGuiCol_FrameBgHovered] = col(IM_COL32(247, 250, 255, 255));
  c[ImGuiCol_FrameBgActive] = col(IM_COL32(255, 255, 255, 255));
  c[ImGuiCol_TitleBg] = col(kPrimary);
  c[ImGuiCol_TitleBgActive] = col(kPrimary);
  c[ImGuiCol_TitleBgCollapsed] = col(kPrimary);
  c[ImGuiCol_Button] = col(kPrimary);
  c[ImGuiCol_ButtonHovered] = col(kPrimaryHover);
  c[ImGuiCol_ButtonActive] = col(kPrimaryActive);
  c[ImGuiCol_Header] = col(kPrimaryTint);
  c[ImGuiCol_HeaderHovered] = col(IM_COL32(240, 245, 253, 255));
  c[ImGuiCol_HeaderActive] = col(IM_COL32(220, 232, 250, 255));
  c[ImGuiCol_CheckMark] = col(kPrimary);
  c[ImGuiCol_SliderGrab] = col(kPrimary);
  c[ImGuiCol_SliderGrabActive] = col(kPrimaryActive);
  c[ImGuiCol_Separator] = col(IM_COL32(226, 232, 240, 255));
  c[ImGuiCol_TextSelectedBg] = col(IM_COL32(24, 92, 190, 70));
  c[ImGuiCol_NavCursor] = col(kPrimary);
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.08f, 0.12f, 0.2f, 0.40f);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  return s;
}

}  // namespace

void apply(float scale) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = base_style();
  style.ScaleAllSizes(scale);
  style.FontSizeBase = kFontSize;
  style.FontScaleDpi = scale;
}

}  // namespace ivd::web::theme
