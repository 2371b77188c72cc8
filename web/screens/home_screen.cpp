#include "web/screens/home_screen.hpp"

#include <imgui.h>

#include "web/app.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

void HomeScreen::draw(App& app) {
  const Actor& u = app.actor();
  const float card_w = ImGui::GetContentRegionAvail().x;
  widgets::begin_card("##content.card", ImGui::GetCursorScreenPos(), card_w, 28.0f);
  widgets::text(app.tf("web.main.welcome", {u.name.empty() ? u.username : u.name}), theme::kFontTitle);
  ImGui::Dummy(px(0, 2));
  auto row = [&](const char* label_id, const std::string& value) {
    widgets::text(app.t(label_id), 0, theme::kTextMuted);
    ImGui::SameLine(px(150));
    widgets::text(value.empty() ? "-" : value);
  };
  row("web.main.field_username", u.username);
  row("web.main.field_name", u.name);
  row("web.main.field_role", std::string(app.role_title(u.role)));
  row("web.main.field_institution", u.institution_name);
  row("web.main.field_region", u.region_code);
  ImGui::Dummy(px(0, 4));
  widgets::text_wrapped(app.t("web.main.home_hint"), theme::kFontSmall, theme::kTextMuted);
  widgets::end_card();
}

}  // namespace ivd::web
