#include "web/screens/accounts/portal_page.hpp"

#include <imgui_internal.h>

#include <algorithm>

#include "web/app.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

void draw_language_switch(App& app, float right_x, float y, ImU32 color, ImU32 active_color) {
  const std::string zh = std::string(tr(Lang::zh, "web.lang.zh")) + "##lang.zh";
  const std::string en = std::string(tr(Lang::en, "web.lang.en")) + "##lang.en";
  ImGui::PushFont(nullptr, theme::kFontSmall + 0.5f);
  const float w_zh = ImGui::CalcTextSize(zh.c_str(), nullptr, true).x;
  const float w_en = ImGui::CalcTextSize(en.c_str(), nullptr, true).x;
  const float w_sep = ImGui::CalcTextSize(" | ").x;
  ImGui::SetCursorScreenPos(ImVec2(right_x - (w_zh + w_sep + w_en), y));
  if (widgets::text_button(zh.c_str(), app.lang == Lang::zh ? active_color : color)) app.set_lang(Lang::zh);
  ImGui::SameLine(0, 0);
  widgets::text(" | ", 0, color);
  ImGui::SameLine(0, 0);
  if (widgets::text_button(en.c_str(), app.lang == Lang::en ? active_color : color)) app.set_lang(Lang::en);
  ImGui::PopFont();
}

ImVec2 draw_portal_page(App& app, const char* card_id, float card_width) {
  const ImVec2 o = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();

  // Band with a gentle diagonal gradient and two faint circles for depth.
  const float band_h = std::max(size.y * 0.44f, px(250));
  dl->AddRectFilledMultiColor(o, ImVec2(o.x + size.x, o.y + band_h), theme::kPrimaryDark, theme::kPrimary,
                              theme::kPrimary, theme::kPrimaryDark);
  dl->PushClipRect(o, ImVec2(o.x + size.x, o.y + band_h), true);
  dl->AddCircleFilled(ImVec2(o.x + size.x * 0.86f, o.y + band_h * 0.15f), band_h * 0.75f, IM_COL32(255, 255, 255, 10),
                      96);
  dl->AddCircleFilled(ImVec2(o.x + size.x * 0.08f, o.y + band_h * 1.05f), band_h * 0.6f, IM_COL32(255, 255, 255, 8),
                      96);
  dl->PopClipRect();

  // Top strip: emblem + short name at the left, language switch at the right.
  const float m = px(24);
  const float e = px(30);
  const ImVec2 ep(o.x + m, o.y + px(16));
  widgets::emblem(dl, ep, e, app.t("web.product.mark"));
  {
    const std::string_view org = app.t("web.product.org");
    ImGui::PushFont(nullptr, 15);
    const ImVec2 os = ImGui::CalcTextSize(org.data(), org.data() + org.size());
    dl->AddText(ImVec2(ep.x + e + px(10), ep.y + (e - os.y) * 0.5f), IM_COL32(255, 255, 255, 230), org.data(),
                org.data() + org.size());
    ImGui::PopFont();
  }
  draw_language_switch(app, o.x + size.x - m, o.y + px(22), IM_COL32(255, 255, 255, 170), IM_COL32(255, 255, 255, 255));

  // Hero title + subtitle, then the card; the block is centred using last frame's card height.
  const std::string_view title = app.t("web.product.title");
  const std::string_view subtitle = app.t("web.product.subtitle");
  const ImVec2 ts = widgets::text_size(title, theme::kFontHero);
  const ImVec2 ss = widgets::text_size(subtitle, theme::kFontSize);
  const float hero_h = ts.y + px(10) + ss.y + px(30);
  const ImGuiID hid = ImGui::GetID(card_id) + 1;  // widgets::end_card stores the height there
  const float card_h = ImGui::GetStateStorage()->GetFloat(hid, px(420));
  const float footer_h = px(40);
  float top = o.y + (size.y - footer_h - (hero_h + card_h)) * 0.42f;
  top = std::max(top, o.y + px(56));

  ImGui::PushFont(nullptr, theme::kFontHero);
  dl->AddText(ImVec2(o.x + (size.x - ts.x) * 0.5f, top), theme::kTextOnPrimary, title.data(),
              title.data() + title.size());
  ImGui::PopFont();
  dl->AddText(ImVec2(o.x + (size.x - ss.x) * 0.5f, top + ts.y + px(10)), IM_COL32(255, 255, 255, 200), subtitle.data(),
              subtitle.data() + subtitle.size());

  // Footer.
  const std::string_view foot = app.t("web.footer");
  ImGui::PushFont(nullptr, theme::kFontSmall);
  const ImVec2 fs = ImGui::CalcTextSize(foot.data(), foot.data() + foot.size());
  const float fy = std::max(o.y + size.y - footer_h + (footer_h - fs.y) * 0.5f, top + hero_h + card_h + px(16));
  dl->AddText(ImVec2(o.x + (size.x - fs.x) * 0.5f, fy), theme::kTextMuted, foot.data(), foot.data() + foot.size());
  ImGui::PopFont();

  return ImVec2(o.x + (size.x - card_width) * 0.5f, top + hero_h);
}

}  // namespace ivd::web
