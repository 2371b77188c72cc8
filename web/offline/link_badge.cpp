#include "web/offline/link_badge.hpp"

#include <imgui.h>

#include <string>

#include "core/api/connection_status.hpp"
#include "web/app.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

float draw_link_badge(App& app, float x, float y_center) {
  const LinkState& state = app.link();
  const Link link = link_of(state);
  const std::string text = link_text(app.lang, state);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::PushFont(nullptr, theme::kFontSmall);
  const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
  const float dot = px(4), pad = px(10);
  const ImVec2 size(pad + dot * 2 + px(6) + ts.x + pad, ts.y + px(8));
  const ImVec2 p0(x, y_center - size.y * 0.5f), p1(x + size.x, y_center + size.y * 0.5f);
  // A white pill on the blue bar, the dot and the text in the colour of the link's tone.
  const ImU32 tone = theme::kStatusTone[static_cast<int>(link_tone(link))];
  dl->AddRectFilled(p0, p1, IM_COL32(255, 255, 255, 235), size.y * 0.5f);
  dl->AddCircleFilled(ImVec2(p0.x + pad + dot, y_center), dot, tone);
  ImGui::SetCursorScreenPos(ImVec2(p0.x + pad + dot * 2 + px(6), y_center - ts.y * 0.5f));
  widgets::text(text, theme::kFontSmall, tone);
  widgets::expose("kiosk.link", text);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(app.t("kiosk.link.hint")).c_str());
  ImGui::PopFont();
  return size.x;
}

}  // namespace ivd::web
