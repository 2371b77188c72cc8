#include "web/screens/accounts/login_screen.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/offline/offline_unlock.hpp"
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

  if (!notice.empty()) {
    widgets::success_box(notice.text(app.lang));
    widgets::expose("login.notice", notice.text(app.lang));
  }

  bool submit = false;
  const ImGuiInputTextFlags enter = ImGuiInputTextFlags_EnterReturnsTrue;

  widgets::field_label(app.t("web.login.username"));
  ImGui::SetNextItemWidth(-FLT_MIN);
  // Cursor in the first empty field: the username, or the password when the username is known.
  const bool focus_password = focus_username && !username.empty();
  if (focus_username && !focus_password) ImGui::SetKeyboardFocusHere();
  focus_username = false;
  if (focus_username_field) ImGui::SetKeyboardFocusHere();
  focus_username_field = false;
  submit |= ImGui::InputTextWithHint("##login.username", app.t("web.login.username_hint").data(), &username, enter);
  const ImVec2 u0 = ImGui::GetItemRectMin(), u1 = ImGui::GetItemRectMax();

  widgets::field_label(app.t("web.login.password"));
  {
    // The frame of the password field; the page's real <input type=password> lies over it and shows
    // the typed (masked) text and the caret.
    const ImGuiStyle& st = ImGui::GetStyle();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImVec2 size(ImGui::GetContentRegionAvail().x, ImGui::GetFrameHeight());
    const ImVec2 p1(p0.x + size.x, p0.y + size.y);
    ImGui::InvisibleButton("##login.password", size);
    const bool nav = ImGui::IsItemFocused();
    if ((nav && !password_nav_focused) || focus_password || ImGui::IsItemClicked()) browser::focus_login_password();
    password_nav_focused = nav;
    if (password_focused && ImGui::GetActiveID() != 0 && ImGui::GetActiveID() != ImGui::GetItemID())
      ImGui::ClearActiveID();  // the page's field has the keys: no ImGui field stays active
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_FrameBg), st.FrameRounding);
    if (st.FrameBorderSize > 0 || password_focused)
      dl->AddRect(p0, p1, password_focused ? theme::kPrimary : ImGui::GetColorU32(ImGuiCol_Border), st.FrameRounding,
                  0, std::max(st.FrameBorderSize, password_focused ? px(1.5f) : 0.0f));
    if (password.empty() && !password_focused) {
      const std::string_view hint = app.t("web.login.password_hint");
      dl->AddText(ImVec2(p0.x + st.FramePadding.x, p0.y + st.FramePadding.y), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                  hint.data(), hint.data() + hint.size());
    }
    const float s = px(1);
    form_state = {true,
                  u0.x / s + st.FramePadding.x / s,
                  u0.y / s,
                  (u1.x - u0.x - 2 * st.FramePadding.x) / s,
                  (u1.y - u0.y) / s,
                  (p0.x + st.FramePadding.x) / s,
                  p0.y / s,
                  (size.x - 2 * st.FramePadding.x) / s,
                  size.y / s,
                  ImGui::GetFontSize() / s};
  }

  // The server is back while the form shows the offline notice: its captcha again.
  if (offline && app.link().reachable && !app.captcha.loading) app.refresh_captcha();
  // Captcha: answer field and the picture on one line; clicking the picture asks for a new one. Only
  // the server makes one: offline the form goes without (core/offline/offline_unlock.hpp).
  if (login_needs_captcha(!offline)) {
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
  }

  if (!error.empty()) {
    const std::string text = error.text(app.lang);
    widgets::error_box(text);
    widgets::expose("login.error", text);
  }

  ImGui::Dummy(px(0, 2));
  const std::string button = app.label(submitting ? "web.login.submitting" : "web.login.submit", "login.submit");
  if (widgets::primary_button(button.c_str(), -FLT_MIN, 44.0f, !submitting)) submit = true;
  ImGui::Dummy(px(0, 2));
  if (offline) {
    const std::string_view text = app.t("offline.unlock.notice");
    widgets::info_box(text);
    widgets::expose("login.offline_notice", text);
  }
  widgets::end_card();

  // The page's fields hold what the app holds (a cleared password after a refusal, a known username).
  if (username != sent_username || password != sent_password) {
    browser::set_login_values(username, password, password != sent_password);
    sent_username = username;
    sent_password = password;
  }

  if (submit) app.submit_login();
}

void LoginScreen::from_page(int which, std::string value) {
  if (which == 0) {
    // The browser filled the username (the page's username field is not typed in: it mirrors ImGui's).
    sent_username = value;
    username = std::move(value);
  } else {
    sent_password = value;
    password = std::move(value);
  }
}

}  // namespace ivd::web
