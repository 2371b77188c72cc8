#include "web/widgets.hpp"

#include <imgui_internal.h>

#include "web/theme.hpp"

namespace ivd::web::widgets {
namespace {

void message_box(std::string_view message, ImU32 fg, ImU32 bg) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float pad = theme::px(10);
  const float width = ImGui::GetContentRegionAvail().x;
  const float wrap = width - 2 * pad - theme::px(6);
  ImGui::PushFont(nullptr, theme::kFontSmall + 0.5f);
  const ImVec2 ts = ImGui::CalcTextSize(message.data(), message.data() + message.size(), false, wrap);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 p1(p0.x + width, p0.y + ts.y + 2 * pad);
  dl->AddRectFilled(p0, p1, bg, theme::px(4));
  dl->AddRectFilled(p0, ImVec2(p0.x + theme::px(3), p1.y), fg, theme::px(4), ImDrawFlags_RoundCornersLeft);
  ImGui::SetCursorScreenPos(ImVec2(p0.x + pad + theme::px(6), p0.y + pad));
  ImGui::PushStyleColor(ImGuiCol_Text, fg);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  ImGui::TextUnformatted(message.data(), message.data() + message.size());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(p0);
  ImGui::Dummy(ImVec2(width, p1.y - p0.y));
}

}  // namespace

void begin_card(const char* id, ImVec2 pos, float width, float padding_css) {
  // Shadow: a few translucent rounded rectangles growing outwards, drawn behind the card.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float r = theme::px(10);
  ImGuiStorage* st = ImGui::GetStateStorage();
  const ImGuiID hid = ImGui::GetID(id) + 1;
  const float last_h = st->GetFloat(hid, theme::px(300));
  for (int i = 4; i >= 1; --i) {
    const float g = theme::px(static_cast<float>(i) * 2.5f);
    dl->AddRectFilled(ImVec2(pos.x - g, pos.y - g + theme::px(4)),
                      ImVec2(pos.x + width + g, pos.y + last_h + g + theme::px(4)), IM_COL32(20, 40, 80, 7), r + g);
  }
  ImGui::SetCursorScreenPos(pos);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kCardBg);
  ImGui::PushStyleColor(ImGuiCol_Border, theme::kBorder);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, r);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, theme::px(padding_css, padding_css - 4));
  ImGui::BeginChild(id, ImVec2(width, 0),
                    ImGuiChildFlags_Borders | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoSavedSettings);
}

float end_card() {
  const float h = ImGui::GetWindowHeight();
  // Remember the height under the card's id in the parent window, for next frame's shadow.
  const ImGuiID card_id = ImGui::GetCurrentWindow()->ChildId;
  ImGui::EndChild();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(2);
  ImGui::GetStateStorage()->SetFloat(card_id + 1, h);
  return h;
}

bool primary_button(const char* label, float width, float height_css, bool enabled) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextOnPrimary);
  ImGui::PushStyleColor(ImGuiCol_Border, IM_COL32(0, 0, 0, 0));
  if (!enabled) ImGui::BeginDisabled();
  const bool pressed = ImGui::Button(label, ImVec2(width, theme::px(height_css)));
  if (!enabled) ImGui::EndDisabled();
  ImGui::PopStyleColor(2);
  return pressed;
}

bool secondary_button(const char* label, float width, float height_css) {
  ImGui::PushStyleColor(ImGuiCol_Button, theme::kCardBg);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(244, 247, 252, 255));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, theme::kPrimaryTint);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kText);
  ImGui::PushStyleColor(ImGuiCol_Border, IM_COL32(196, 205, 218, 255));
  const bool pressed = ImGui::Button(label, ImVec2(width, theme::px(height_css)));
  ImGui::PopStyleColor(5);
  return pressed;
}

bool text_button(const char* label, ImU32 color, bool underline_on_hover) {
  const char* end = ImGui::FindRenderedTextEnd(label);
  const ImVec2 size = ImGui::CalcTextSize(label, end);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool pressed = ImGui::InvisibleButton(label, size);
  const bool hovered = ImGui::IsItemHovered();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddText(pos, color, label, end);
  if (hovered && underline_on_hover)
    dl->AddLine(ImVec2(pos.x, pos.y + size.y), ImVec2(pos.x + size.x, pos.y + size.y), color, theme::px(1));
  return pressed;
}

void text(std::string_view s, float size_css, ImU32 color) {
  if (size_css > 0) ImGui::PushFont(nullptr, size_css);
  if (color) ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(s.data(), s.data() + s.size());
  if (color) ImGui::PopStyleColor();
  if (size_css > 0) ImGui::PopFont();
}

void text_wrapped(std::string_view s, float size_css, ImU32 color) {
  ImGui::PushTextWrapPos(0.0f);
  text(s, size_css, color);
  ImGui::PopTextWrapPos();
}

ImVec2 text_size(std::string_view s, float size_css) {
  ImGui::PushFont(nullptr, size_css);
  const ImVec2 v = ImGui::CalcTextSize(s.data(), s.data() + s.size());
  ImGui::PopFont();
  return v;
}

void field_label(std::string_view s) {
  ImGui::PushFont(nullptr, theme::kFontSmall + 0.5f);
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(55, 65, 81, 255));
  ImGui::TextUnformatted(s.data(), s.data() + s.size());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - theme::px(4));
}

void error_box(std::string_view message) { message_box(message, theme::kError, theme::kErrorBg); }
void success_box(std::string_view message) { message_box(message, theme::kSuccess, theme::kSuccessBg); }
void info_box(std::string_view message) { message_box(message, theme::kPrimary, theme::kInfoBg); }

void caret_down(ImVec2 c, float size, ImU32 color) {
  const float h = size * 0.5f;
  ImGui::GetWindowDrawList()->AddTriangleFilled(ImVec2(c.x - size * 0.5f, c.y - h * 0.5f),
                                                ImVec2(c.x + size * 0.5f, c.y - h * 0.5f), ImVec2(c.x, c.y + h * 0.5f),
                                                color);
}

}  // namespace ivd::web::widgets
