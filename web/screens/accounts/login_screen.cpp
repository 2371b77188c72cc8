#include "web/screens/accounts/login_screen.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "web/app.hpp"
#include "web/screens/accounts/portal_page.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

void LoginScreen::draw(App& app) {
  const float card_w = std::min(px(420), ImGui::GetWindowWidth() - px(32));
  const ImVec2 pos = draw_portal_page(app, "##login.card", card_w);

  widgets::begin_card("##login.card", pos, card_w);
  widgets::text(app.t("web.login.title"), theme::kFontTitle);
  widgets::text(app.t("web.login.subtitle"), theme::kFontSmall, theme::kTextMuted);
  ImGui::Dummy(px(0, 4));

  if (!notice.empty()) widgets::success_box(notice.text(app.lang));

  bool submit = false;
  const ImGuiInputTextFlags enter = ImGuiInputTextFlags_EnterReturnsTrue;

  widgets::field_label(app.t("web.login.username"));
  ImGui::SetNextItemWidth(-FLT_MIN);
  // Cursor in the first empty field: the username, or the password when the username is known.
  const bool focus_password = focus_username && !username.empty();
  if (focus_username && !focus_password) ImGui::SetKeyboardFocusHere();
  focus_username = false;
  submit |= ImGui::InputTextWithHint("##login.username", app.t("web.login.username_hint").data(), &username, enter);

  widgets::field_label(app.t("web.login.password"));
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (focus_password) ImGui::SetKeyboardFocusHere();
  submit |= ImGui::InputTextWithHint("##login.password", app.t("web.login.password_hint").data(), &password,
                                     enter | ImGuiInputTextFlags_Password);

  // Captcha: answer field and the picture on one line; clicking the picture asks for a new one.
  widgets::field_label(app.t("web.login.captcha"));
  const float h = ImGui::GetFrameHeight();
  const float img_w = h * 3.0f;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - img_w - ImGui::GetStyle().ItemSpacing.x);
  if (focus_captcha) {
    ImGui::SetKeyboardFocusHere();
    focus_captcha = false;
  }
  submit |= ImGui::InputTextWithHint("##login.captcha", app.t("web.login.captcha_hint").data(), &captcha_answer,
                                     enter | ImGuiInputTextFlags_CharsNoBlank);
  ImGui::SameLine();
  {
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImVec2 p1(p0.x + img_w, p0.y + h);
    if (ImGui::InvisibleButton("##login.captcha_image", ImVec2(img_w, h))) app.refresh_captcha();
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      ImGui::SetTooltip("%s", app.t("web.login.captcha_refresh").data());
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, p1, IM_COL32(243, 246, 250, 255), px(4));
    if (app.captcha.image.valid()) {
      dl->AddImageRounded(ImTextureRef(app.captcha.image.id()), p0, p1, ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE,
                          px(4));
    } else {
      const std::string_view s = app.t(app.captcha.loading ? "web.login.captcha_loading" : "web.login.captcha_none");
      ImGui::PushFont(nullptr, theme::kFontSmall);
      const ImVec2 ts = ImGui::CalcTextSize(s.data(), s.data() + s.size());
      dl->AddText(ImVec2(p0.x + (img_w - ts.x) * 0.5f, p0.y + (h - ts.y) * 0.5f), theme::kTextMuted, s.data(),
                  s.data() + s.size());
      ImGui::PopFont();
    }
    dl->AddRect(p0, p1, hovered ? theme::kPrimary : theme::kBorder, px(4), 0, px(1));
  }
  ImGui::PushFont(nullptr, theme::kFontSmall);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - px(4));
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x -
                       ImGui::CalcTextSize(app.t("web.login.captcha_refresh").data()).x);
  widgets::text(app.t("web.login.captcha_refresh"), 0, theme::kTextMuted);
  ImGui::PopFont();

  if (!error.empty()) widgets::error_box(error.text(app.lang));

  ImGui::Dummy(px(0, 2));
  const std::string button = app.label(submitting ? "web.login.submitting" : "web.login.submit", "login.submit");
  if (widgets::primary_button(button.c_str(), -FLT_MIN, 44.0f, !submitting)) submit = true;
  ImGui::Dummy(px(0, 2));
  widgets::end_card();

  if (submit) app.submit_login();
}

}  // namespace ivd::web
