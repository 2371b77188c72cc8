#include "web/screens/accounts/change_password_screen.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "web/app.hpp"
#include "web/screens/accounts/portal_page.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

namespace {

// A password field with its label; the border turns red when the last refusal named this field.
bool password_field(App& app, const char* label_id, const char* hint_id, const char* widget_id, std::string* value,
                    bool has_error, bool focus) {
  widgets::field_label(app.t(label_id));
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (has_error) ImGui::PushStyleColor(ImGuiCol_Border, theme::kError);
  if (focus) ImGui::SetKeyboardFocusHere();
  const bool enter = ImGui::InputTextWithHint(widget_id, app.t(hint_id).data(), value,
                                              ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  if (has_error) ImGui::PopStyleColor();
  return enter;
}

void policy_box(App& app) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float w = ImGui::GetContentRegionAvail().x;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float pad = px(12);
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(p0.x + pad, p0.y + pad));
  ImGui::BeginGroup();
  ImGui::PushFont(nullptr, theme::kFontSmall + 0.5f);
  widgets::text(app.t("web.pwd.policy_title"), 0, theme::kText);
  for (const char* id :
       {"web.pwd.policy_length", "web.pwd.policy_mix", "web.pwd.policy_not_initial", "web.pwd.policy_not_username"}) {
    const ImVec2 c = ImGui::GetCursorScreenPos();
    const float lh = ImGui::GetTextLineHeight();
    dl->AddCircleFilled(ImVec2(c.x + px(4), c.y + lh * 0.5f), px(2.5f), theme::kPrimary);
    ImGui::SetCursorScreenPos(ImVec2(c.x + px(14), c.y));
    widgets::text(app.t(id), 0, theme::kTextMuted);
  }
  ImGui::PopFont();
  ImGui::EndGroup();
  const ImVec2 p1(p0.x + w, ImGui::GetItemRectMax().y + pad);
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(p0, p1, IM_COL32(247, 249, 252, 255), px(6));
  dl->AddRect(p0, p1, theme::kBorder, px(6));
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(p0);
  ImGui::Dummy(ImVec2(w, p1.y - p0.y));
}

}  // namespace

void ChangePasswordScreen::draw(App& app) {
  const float card_w = std::min(px(460), ImGui::GetWindowWidth() - px(32));
  const ImVec2 pos = draw_portal_page(app, "##pwd.card", card_w);

  widgets::begin_card("##pwd.card", pos, card_w);
  widgets::text(app.t("web.pwd.title"), theme::kFontTitle);
  if (app.user) {
    widgets::text(app.tf("web.pwd.account", {app.user->actor.username}), theme::kFontSmall, theme::kTextMuted);
  }
  ImGui::Dummy(px(0, 2));

  if (done) {
    widgets::success_box(app.t("web.pwd.done"));
    ImGui::Dummy(px(0, 4));
    if (widgets::primary_button(app.label("web.pwd.back_to_login", "pwd.back_to_login").c_str(), -FLT_MIN, 44.0f))
      app.finish_password_change();
    widgets::end_card();
    return;
  }

  if (forced) widgets::info_box(app.t("web.pwd.forced_notice"));

  bool submit = false;
  submit |= password_field(app, "web.pwd.old", "web.pwd.old_hint", "##pwd.old", &old_password,
                           error_field == "old_password", focus_first);
  submit |= password_field(app, "web.pwd.new", "web.pwd.new_hint", "##pwd.new", &new_password,
                           error_field == "new_password", false);
  submit |= password_field(app, "web.pwd.confirm", "web.pwd.confirm_hint", "##pwd.confirm", &confirm_password,
                           error_field == "confirm_password", false);
  focus_first = false;

  policy_box(app);
  if (!error.empty()) widgets::error_box(error.text(app.lang));

  ImGui::Dummy(px(0, 2));
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float bw = (ImGui::GetContentRegionAvail().x - gap) * 0.5f;
  const std::string ok = app.label(submitting ? "web.pwd.submitting" : "web.pwd.submit", "pwd.submit");
  if (widgets::primary_button(ok.c_str(), bw, 42.0f, !submitting)) submit = true;
  ImGui::SameLine(0, gap);
  const std::string cancel =
      forced ? app.label("web.pwd.logout", "pwd.logout") : app.label("web.common.cancel", "pwd.cancel");
  const bool cancelled = widgets::secondary_button(cancel.c_str(), bw, 42.0f);
  ImGui::Dummy(px(0, 2));
  widgets::end_card();

  if (submit)
    app.submit_change_password();
  else if (cancelled)
    app.cancel_change_password();
}

}  // namespace ivd::web
