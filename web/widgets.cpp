// The product's widgets over Dear ImGui (widgets.hpp).
//
// [SECTION] messages and cards
// [SECTION] buttons and text
// [SECTION] emblem, caret
// [SECTION] modals
// [SECTION] form grid, field errors, test exposure
#include "web/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>

#include "web/theme.hpp"

namespace ivd::web::widgets {
namespace {

// [SECTION] messages and cards

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

void begin_card(const char* id, ImVec2 pos, float width, float padding_css, float height) {
  // Shadow: a few translucent rounded rectangles growing outwards, drawn behind the card.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float r = theme::px(10);
  ImGuiStorage* st = ImGui::GetStateStorage();
  const ImGuiID hid = ImGui::GetID(id) + 1;
  const float last_h = height > 0 ? height : st->GetFloat(hid, theme::px(300));
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
  ImGui::BeginChild(
      id, ImVec2(width, height),
      ImGuiChildFlags_Borders | (height > 0 ? 0 : ImGuiChildFlags_AutoResizeY) | ImGuiChildFlags_AlwaysUseWindowPadding,
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

// [SECTION] buttons and text

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

void field_label(std::string_view s, bool required) {
  ImGui::PushFont(nullptr, theme::kFontSmall + 0.5f);
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(55, 65, 81, 255));
  ImGui::TextUnformatted(s.data(), s.data() + s.size());
  ImGui::PopStyleColor();
  if (required) {
    ImGui::SameLine(0, theme::px(2));
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
    ImGui::TextUnformatted("*");
    ImGui::PopStyleColor();
  }
  ImGui::PopFont();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - theme::px(4));
}

void error_box(std::string_view message) { message_box(message, theme::kError, theme::kErrorBg); }
void success_box(std::string_view message) { message_box(message, theme::kSuccess, theme::kSuccessBg); }
void info_box(std::string_view message) { message_box(message, theme::kPrimary, theme::kInfoBg); }

// [SECTION] emblem, caret

void emblem(ImDrawList* dl, ImVec2 top_left, float size, std::string_view mark) {
  dl->AddRectFilled(top_left, ImVec2(top_left.x + size, top_left.y + size), IM_COL32(255, 255, 255, 235), theme::px(6));
  ImGui::PushFont(nullptr, 17);
  const ImVec2 ts = ImGui::CalcTextSize(mark.data(), mark.data() + mark.size());
  dl->AddText(ImVec2(top_left.x + (size - ts.x) * 0.5f, top_left.y + (size - ts.y) * 0.5f), theme::kPrimary, mark.data(),
              mark.data() + mark.size());
  ImGui::PopFont();
}

void caret_down(ImVec2 c, float size, ImU32 color) {
  const float h = size * 0.5f;
  ImGui::GetWindowDrawList()->AddTriangleFilled(ImVec2(c.x - size * 0.5f, c.y - h * 0.5f),
                                                ImVec2(c.x + size * 0.5f, c.y - h * 0.5f), ImVec2(c.x, c.y + h * 0.5f),
                                                color);
}

// [SECTION] modals

bool begin_modal(const char* id, float width_css, bool* open_request) {
  if (*open_request) {
    ImGui::OpenPopup(id);
    *open_request = false;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float w = std::min(theme::px(width_css), vp->Size.x - theme::px(24));
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(w, 0));
  ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, vp->Size.y - theme::px(24)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, theme::px(24, 20));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, theme::px(1));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::kCardBg);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kText);
  const bool open = ImGui::BeginPopupModal(
      id, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar);
  ImGui::PopStyleColor(2);
  ImGui::PopStyleVar(2);
  return open;
}

// Whether Escape pressed now belongs to something inside the dialog: decided from the end of the
// previous frame (ImGui closes an open drop-down, or ends the editing of a field, on Escape before the
// dialog's code runs, so by then nothing shows that the key was used).
namespace {
ImGuiID escape_owner_key(ImGuiWindow* modal) { return modal->GetID("##escape_owned"); }
}  // namespace

void end_modal() {
  ImGuiContext& g = *GImGui;
  ImGuiWindow* modal = ImGui::GetCurrentWindow()->RootWindow;
  const bool popup_above = g.OpenPopupStack.Size > 0 && g.OpenPopupStack.back().Window != nullptr &&
                           g.OpenPopupStack.back().Window != modal;
  modal->StateStorage.SetBool(escape_owner_key(modal), popup_above || g.ActiveId != 0);
  ImGui::EndPopup();
}

int modal_buttons(const char* cancel_label, const char* ok_label, bool ok_enabled) {
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float bw = theme::px(104);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - 2 * bw - gap);
  const bool cancel = secondary_button(cancel_label, bw, 38.0f);
  ImGui::SameLine(0, gap);
  const bool ok = primary_button(ok_label, bw, 38.0f, ok_enabled);
  if (ok) return 1;
  ImGuiWindow* modal = ImGui::GetCurrentWindow()->RootWindow;
  const bool escape_owned = modal->StateStorage.GetBool(escape_owner_key(modal), false);
  if (cancel || (ImGui::IsKeyPressed(ImGuiKey_Escape, false) && !escape_owned &&
                 ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows)))
    return -1;
  return 0;
}

bool combo(const char* id, const std::vector<ComboOption>& options, std::string* value, std::string_view placeholder,
           bool enabled) {
  std::string preview(placeholder);
  for (const auto& o : options)
    if (o.key == *value) preview = o.text;
  const std::string base = std::string(id).substr(std::string_view(id).starts_with("##") ? 2 : 0);
  bool changed = false;
  ImGuiContext& g = *GImGui;
  const ImGuiID item_id = ImGui::GetID(id);
  if (!enabled) ImGui::BeginDisabled();
  // A light arrow box: the theme's Button colour is the primary blue of the action buttons.
  ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(243, 246, 250, 255));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme::kPrimaryTint);
  const bool open = ImGui::BeginCombo(id, preview.c_str(), ImGuiComboFlags_HeightLarge);
  ImGui::PopStyleColor(2);
  if (open) {
    for (const auto& o : options) {
      const bool selected = o.key == *value;
      const std::string label = o.text + "##" + base + "." + (o.key.empty() ? "all" : o.key);
      if (ImGui::Selectable(label.c_str(), selected, 0, ImVec2(0, theme::px(30))) && !selected) {
        *value = o.key;
        changed = true;
      }
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  if (!enabled) ImGui::EndDisabled();
  // BeginCombo does not report its label to the test hooks; the item was added this frame.
  IMGUI_TEST_ENGINE_ITEM_INFO(item_id, id, 0);
  return changed;
}

FormGrid::FormGrid(int columns, float width, float gap_x, float gap_y)
    : columns_(std::max(1, columns)), gap_x_(gap_x), gap_y_(gap_y), origin_(ImGui::GetCursorPos()) {
  column_width_ = (width - gap_x_ * static_cast<float>(columns_ - 1)) / static_cast<float>(columns_);
  row_y_ = next_row_y_ = origin_.y;
}

// [SECTION] form grid, field errors, test exposure

void FormGrid::close_cell() {
  if (!open_) return;
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  next_row_y_ = std::max(next_row_y_, ImGui::GetItemRectMax().y - ImGui::GetWindowPos().y + ImGui::GetScrollY());
  open_ = false;
}

void FormGrid::cell(int span) {
  close_cell();
  if (span <= 0) span = std::max(1, columns_ - column_);
  span = std::min(span, columns_);
  if (column_ + span > columns_) {  // next row
    column_ = 0;
    row_y_ = next_row_y_ + gap_y_;
  }
  cell_width_ = column_width_ * static_cast<float>(span) + gap_x_ * static_cast<float>(span - 1);
  ImGui::SetCursorPos(ImVec2(origin_.x + static_cast<float>(column_) * (column_width_ + gap_x_), row_y_));
  column_ += span;
  ImGui::BeginGroup();
  ImGui::PushItemWidth(cell_width_);
  open_ = true;
}

void FormGrid::end() {
  close_cell();
  ImGui::SetCursorPos(ImVec2(origin_.x, next_row_y_));
  ImGui::Dummy(ImVec2(0, 0));
}

void field_error(std::string_view message, const char* test_id) {
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - theme::px(5));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::CalcItemWidth());
  text(message, theme::kFontSmall, theme::kError);
  ImGui::PopTextWrapPos();
  expose(test_id, message);
}

void expose(const char* test_id, std::string_view text) {
  ImGuiContext& g = *GImGui;
  if (!g.TestEngineHookItems) return;
  const ImRect bb(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  const ImGuiID id = ImGui::GetID(test_id);
  const std::string label = std::string(text) + "##" + test_id;
  IMGUI_TEST_ENGINE_ITEM_ADD(id, bb, nullptr);
  IMGUI_TEST_ENGINE_ITEM_INFO(id, label.c_str(), 0);
}

// [SECTION] table cells

namespace {
std::string g_copy_label = "Copy";
}  // namespace

void set_texts(std::string copy) { g_copy_label = std::move(copy); }

void cell_text(std::string_view s, ImU32 color) {
  const char* b = s.data();
  const char* e = s.data() + s.size();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float room = std::max(1.0f, ImGui::GetContentRegionAvail().x);
  const ImVec2 ts = ImGui::CalcTextSize(b, e);
  const float h = ImGui::GetTextLineHeight();
  const bool cut = ts.x > room;
  // One id per cell: the table's row and column, else the position in the window.
  const int row = ImGui::GetCurrentTable() ? ImGui::TableGetRowIndex() : -1;
  const int col = ImGui::GetCurrentTable() ? ImGui::TableGetColumnIndex() : -1;
  ImGui::PushID(row >= 0 ? row * 97 + col : static_cast<int>(pos.y * 31 + pos.x));
  ImGui::InvisibleButton("##cell", ImVec2(cut ? room : std::max(ts.x, 1.0f), h), ImGuiButtonFlags_MouseButtonRight);
  const bool hovered = ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort | ImGuiHoveredFlags_NoSharedDelay);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::PushStyleColor(ImGuiCol_Text, color ? color : theme::kText);
  if (cut)
    ImGui::RenderTextEllipsis(dl, pos, ImVec2(pos.x + room, pos.y + h), pos.x + room, b, e, &ts);
  else
    dl->AddText(pos, color ? color : theme::kText, b, e);
  ImGui::PopStyleColor();
  if (cut && hovered) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    ImGui::TextUnformatted(b, e);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  if (ImGui::BeginPopupContextItem("##cell.menu")) {
    const std::string label = g_copy_label + "##cell.copy";
    if (ImGui::Selectable(label.c_str(), false, 0, ImVec2(theme::px(120), 0)))
      ImGui::SetClipboardText(std::string(s).c_str());
    ImGui::EndPopup();
  }
  ImGui::PopID();
}

// [SECTION] statuses

void status_text(std::string_view label, int tone, const char* test_id) {
  const ImU32 c = theme::kStatusTone[std::clamp(tone, 0, 3)];
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float lh = ImGui::GetTextLineHeight();
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + theme::px(4), p.y + lh * 0.5f), theme::px(3.5f), c);
  ImGui::SetCursorScreenPos(ImVec2(p.x + theme::px(13), p.y));
  cell_text(label, c);
  if (test_id) expose(test_id, label);
}

// [SECTION] modal escape

bool modal_escape_pressed() {
  ImGuiWindow* modal = ImGui::GetCurrentWindow()->RootWindow;
  const bool escape_owned = modal->StateStorage.GetBool(escape_owner_key(modal), false);
  return ImGui::IsKeyPressed(ImGuiKey_Escape, false) && !escape_owned &&
         ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows);
}

void needs_server_note(std::string_view text, const std::string& test_id) {
  ImGui::SameLine(0, theme::px(8));
  ImGui::AlignTextToFramePadding();
  text_wrapped(text, theme::kFontSmall, theme::kTextMuted);
  expose(test_id.c_str(), text);
}

}  // namespace ivd::web::widgets
