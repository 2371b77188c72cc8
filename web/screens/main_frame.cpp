#include "web/screens/main_frame.hpp"

#include <imgui.h>

#include <algorithm>

#include "web/app.hpp"
#include "web/offline/link_badge.hpp"
#include "web/screens/accounts/portal_page.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

namespace {
constexpr const char* kAccountPopup = "##account.popup";
constexpr const char* kLogoutModalId = "logout.confirm";
}  // namespace

void MainFrame::draw(App& app) {
  if (!app.user) return;
  // The route's menu must be one the user holds (a grant may have changed since the last login, or a
  // deep link names a menu of another role): 首页 instead.
  if (!app.route.menu.empty() && !app.user->shows(app.route.menu)) app.navigate(Route{}, true);

  const float bar_h = px(56);
  const float side_w = px(228);
  draw_top_bar(app, bar_h);
  draw_side_menu(app, bar_h, side_w);
  draw_content(app, side_w, bar_h);
  draw_logout_modal(app);
  draw_outbox_dialog(app);
}

void MainFrame::draw_top_bar(App& app, float height) {
  const Actor& u = app.user->actor;
  const ImVec2 o = ImGui::GetWindowPos();
  const float w = ImGui::GetWindowWidth();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilledMultiColor(o, ImVec2(o.x + w, o.y + height), theme::kPrimaryDark, theme::kPrimary, theme::kPrimary,
                              theme::kPrimaryDark);

  // Emblem and product title.
  const float e = px(30);
  const ImVec2 ep(o.x + px(20), o.y + (height - e) * 0.5f);
  widgets::emblem(dl, ep, e, app.t("web.product.mark"));
  const std::string_view title = app.t("web.product.title");
  ImGui::PushFont(nullptr, 19);
  const ImVec2 ts = ImGui::CalcTextSize(title.data(), title.data() + title.size());
  dl->AddText(ImVec2(ep.x + e + px(12), o.y + (height - ts.y) * 0.5f), theme::kTextOnPrimary, title.data(),
              title.data() + title.size());
  ImGui::PopFont();
  // The connection (在线 / 离线 / 同步中) right of the title.
  draw_link_badge(app, ep.x + e + px(12) + ts.x + px(16), o.y + height * 0.5f);

  // Account menu at the right: institution name + caret; opens 修改密码 / 退出系统.
  const std::string inst = u.institution_name.empty() ? u.name : u.institution_name;
  const std::string account_label = inst + "##account.menu";
  ImGui::PushFont(nullptr, 15);
  const ImVec2 ns = ImGui::CalcTextSize(inst.c_str());
  const float pad_x = px(14), caret = px(9);
  const ImVec2 bsize(ns.x + pad_x * 2 + caret + px(8), height - px(16));
  const ImVec2 bpos(o.x + w - bsize.x - px(16), o.y + px(8));
  ImGui::SetCursorScreenPos(bpos);
  const bool clicked = ImGui::InvisibleButton(account_label.c_str(), bsize);
  const bool hovered = ImGui::IsItemHovered();
  const bool open = ImGui::IsPopupOpen(kAccountPopup);
  if (hovered || open)
    dl->AddRectFilled(bpos, ImVec2(bpos.x + bsize.x, bpos.y + bsize.y), IM_COL32(255, 255, 255, 36), px(6));
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  dl->AddText(ImVec2(bpos.x + pad_x, bpos.y + (bsize.y - ns.y) * 0.5f), theme::kTextOnPrimary, inst.c_str());
  widgets::caret_down(ImVec2(bpos.x + bsize.x - pad_x - caret * 0.5f, bpos.y + bsize.y * 0.5f), caret,
                      theme::kTextOnPrimary);
  ImGui::PopFont();
  if (clicked) ImGui::OpenPopup(kAccountPopup);

  // Language switch left of the account menu.
  draw_language_switch(app, bpos.x - px(18), o.y + (height - ImGui::GetFontSize()) * 0.5f + px(1),
                       IM_COL32(255, 255, 255, 170), IM_COL32(255, 255, 255, 255));

  const float popup_w = std::max(bsize.x, px(220));
  ImGui::SetNextWindowPos(ImVec2(bpos.x + bsize.x, bpos.y + bsize.y + px(6)), ImGuiCond_Always, ImVec2(1, 0));
  ImGui::SetNextWindowSize(ImVec2(popup_w, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, px(8, 10));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, px(8, 6));
  if (ImGui::BeginPopup(kAccountPopup)) {
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + px(8));
    ImGui::BeginGroup();
    widgets::text(u.name.empty() ? u.username : u.name);
    widgets::text(app.tf("web.main.account_line", {u.username, std::string(app.role_title(u.role))}), theme::kFontSmall,
                  theme::kTextMuted);
    ImGui::EndGroup();
    ImGui::Separator();
    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));
    const ImVec2 item(0, px(34));
    if (ImGui::Selectable(app.label("web.main.change_password", "account.change_password").c_str(), false, 0, item))
      app.open_change_password();
    if (ImGui::Selectable(app.label("web.main.logout", "account.logout").c_str(), false, 0, item))
      confirm_logout = true;
    ImGui::PopStyleVar();
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar(2);
}

void MainFrame::draw_side_menu(App& app, float top, float width) {
  const ImVec2 o = ImGui::GetWindowPos();
  const float h = ImGui::GetWindowHeight() - top;
  ImGui::SetCursorScreenPos(ImVec2(o.x, o.y + top));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kCardBg);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, px(0, 14));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 0);
  ImGui::BeginChild("##side", ImVec2(width, h), ImGuiChildFlags_AlwaysUseWindowPadding,
                    ImGuiWindowFlags_NoSavedSettings);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 wp = ImGui::GetWindowPos();
  dl->AddLine(ImVec2(wp.x + width - 1, wp.y), ImVec2(wp.x + width - 1, wp.y + h), theme::kBorder, px(1));

  ImGui::SetCursorPosX(px(20));
  widgets::text(app.t("web.main.menu_heading"), theme::kFontSmall, theme::kTextMuted);
  ImGui::Dummy(px(0, 2));

  const float item_h = px(42);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, px(2)));
  auto item = [&](std::string_view key, std::string_view title, const char* id) {
    const bool selected = app.route.menu == key;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const std::string lbl = std::string(title) + "##" + id;
    ImGui::PushStyleColor(ImGuiCol_Header, theme::kPrimaryTint);
    if (ImGui::Selectable(lbl.c_str(), selected, 0, ImVec2(width - 1, item_h))) app.navigate(Route{std::string(key), {}});
    ImGui::PopStyleColor();
    if (selected) {
      dl->AddRectFilled(p, ImVec2(p.x + px(3), p.y + item_h), theme::kPrimary);
    }
    return selected;
  };
  ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0, 0, 0, 0));  // text drawn below with an indent
  struct Row {
    std::string key;
    std::string title;
    float y;
    bool selected;
  };
  std::vector<Row> rows;
  {
    const float y = ImGui::GetCursorScreenPos().y;
    const bool sel = item("", app.t("web.main.home"), "menu.home");
    rows.push_back({"", std::string(app.t("web.main.home")), y, sel});
  }
  for (const std::string& key : app.user->menus) {  // core's left menu, in core's order
    const float y = ImGui::GetCursorScreenPos().y;
    const std::string id = "menu." + std::string(key);
    const bool sel = item(key, app.menu_title(key), id.c_str());
    rows.push_back({std::string(key), std::string(app.menu_title(key)), y, sel});
  }
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(2);
  for (const Row& r : rows) {
    const ImVec2 ts = ImGui::CalcTextSize(r.title.c_str());
    dl->AddText(ImVec2(wp.x + px(22), r.y + (item_h - ts.y) * 0.5f), r.selected ? theme::kPrimary : theme::kText,
                r.title.c_str());
  }
  if (app.user->menus.empty()) {
    ImGui::Dummy(px(0, 6));
    ImGui::SetCursorPosX(px(20));
    ImGui::PushTextWrapPos(width - px(16));
    widgets::text(app.t("web.main.no_menus"), theme::kFontSmall, theme::kTextMuted);
    ImGui::PopTextWrapPos();
  }
  ImGui::EndChild();
  ImGui::PopStyleVar(3);
  ImGui::PopStyleColor();
}

void MainFrame::draw_content(App& app, float left, float top) {
  const std::string& selected = app.route.menu;
  const ImVec2 o = ImGui::GetWindowPos();
  const ImVec2 size(ImGui::GetWindowWidth() - left, ImGui::GetWindowHeight() - top);
  ImGui::SetCursorScreenPos(ImVec2(o.x + left, o.y + top));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, px(28, 22));
  ImGui::BeginChild("##content", size, ImGuiChildFlags_AlwaysUseWindowPadding, ImGuiWindowFlags_NoSavedSettings);

  const std::string title =
      selected.empty() ? std::string(app.t("web.main.home")) : std::string(app.menu_title(selected));
  // Breadcrumb and page title.
  widgets::text(app.t("web.main.home"), theme::kFontSmall, theme::kTextMuted);
  if (!selected.empty()) {
    ImGui::SameLine(0, px(6));
    widgets::text("/", theme::kFontSmall, theme::kTextMuted);
    ImGui::SameLine(0, px(6));
    widgets::text(title, theme::kFontSmall, theme::kTextMuted);
  }
  widgets::text(title, theme::kFontTitle + 2);
  // Offline: what still works and what waits for the server (core/offline/outbox.hpp decides which).
  if (!app.link().reachable) {
    widgets::text_wrapped(app.t("kiosk.offline.banner"), 0, theme::kStatusTone[static_cast<int>(link_tone(Link::offline))]);
    widgets::expose("kiosk.offline.banner", app.t("kiosk.offline.banner"));
  }
  ImGui::Dummy(px(0, 4));

  if (selected == menu::users) {
    users.draw(app);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    return;
  }

  if (selected.empty()) {
    home.draw(app);
  } else if (selected == menu::ivd_config) {
    ivd.config.draw(app, app.route);
  } else if (selected == menu::ivd_fill) {
    ivd.fill.draw(app, app.route);
  } else if (selected == menu::ivd_review) {
    ivd.review.draw(app, app.route);
  } else if (selected == menu::ivd_national) {
    ivd.national.draw(app, app.route);
  } else if (selected == menu::supply_feedback) {
    supply.draw(app, app.route);
  } else if (selected == menu::supply_view) {
    supply_view.draw(app, app.route);
  } else if (selected == menu::exports) {
    exports.draw(app, app.route);
  } else {
    const float card_w = ImGui::GetContentRegionAvail().x;
    widgets::begin_card("##content.card", ImGui::GetCursorScreenPos(), card_w, 28.0f);
    widgets::info_box(app.tf("web.main.placeholder", {title}));
    widgets::expose("main.placeholder", app.tf("web.main.placeholder", {title}));  // tests: no menu shows it
    widgets::end_card();
  }

  ImGui::EndChild();
  ImGui::PopStyleVar();
}

void MainFrame::draw_logout_modal(App& app) {
  const std::string modal = app.label("web.main.logout_title", kLogoutModalId);
  if (!widgets::begin_modal(modal.c_str(), 380, &confirm_logout)) return;
  widgets::text(app.t("web.main.logout_title"), theme::kFontTitle);
  ImGui::Dummy(px(0, 2));
  widgets::text_wrapped(app.t("web.main.logout_text"));
  ImGui::Dummy(px(0, 8));
  const int b = widgets::modal_buttons(app.label("web.common.cancel", "logout.cancel").c_str(),
                                       app.label("web.common.ok", "logout.ok").c_str());
  if (b != 0) ImGui::CloseCurrentPopup();
  widgets::end_modal();
  if (b > 0) app.logout();
}

}  // namespace ivd::web
