// [SECTION] query form: 用户名, 姓名, 用户类型, 所属区划, 状态, 查询 / 重置 in a grid that follows the width
// [SECTION] results: 新增, 共 N 条, the table (row actions), paging
// [SECTION] requests and dialogs
#include "web/screens/accounts/users_screen.hpp"

#include <imgui.h>

#include <algorithm>

#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/list_widgets.hpp"
#include "web/replies.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

namespace {

using list_ui::kControlHeight;

// Width of a text button row: labels and the gaps between them.
float links_width(const std::vector<std::string>& labels, float gap) {
  float w = 0;
  for (const auto& l : labels) w += ImGui::CalcTextSize(l.c_str(), nullptr, true).x + gap;
  return w - gap;
}

}  // namespace

void UsersScreen::draw(App& app) {
  if (!loaded_ && !loading_) search(app, 1);  // the menu opens on the first page of everyone in scope
  const float w = ImGui::GetContentRegionAvail().x;
  draw_query(app, w);
  ImGui::Dummy(px(0, 4));
  // The results card takes the rest of the height, so the pager stays in view; the table scrolls.
  const float h = std::max(px(190), ImGui::GetContentRegionAvail().y - px(4));
  draw_results(app, w, h);
  draw_dialogs(app);
}

// [SECTION] query form

void UsersScreen::draw_query(App& app, float width) {
  widgets::FormGrid grid = list_ui::begin_query("##users.query", width, {20, 170, 6, 10});
  bool entered = list_ui::query_text(grid, app.t("web.users.q.username"), "##users.q.username",
                                     app.t("web.users.q.username_hint"), &form_.username);
  entered |= list_ui::query_text(grid, app.t("web.users.q.name"), "##users.q.name", app.t("web.users.q.name_hint"),
                                 &form_.name);

  std::vector<widgets::ComboOption> types = {{"", std::string(app.t("web.users.all"))}};
  for (const std::string& t : app.user->manages_user_types)  // the types of user this actor manages (core)
    types.push_back({t, std::string(app.t("web.users.type." + t))});
  list_ui::query_combo(grid, app.t("web.users.q.type"), "##users.q.type", types, &form_.user_type,
                       app.t("web.users.all"));

  grid.cell();
  widgets::field_label(app.t("web.users.q.region"));
  region_.draw(app, regions_, "users.q.region", RegionPickMode::filter, false, grid.width());

  const std::vector<widgets::ComboOption> statuses = {{"", std::string(app.t("web.users.all"))},
                                                      {"enabled", std::string(app.t("web.users.status.enabled"))},
                                                      {"disabled", std::string(app.t("web.users.status.disabled"))}};
  list_ui::query_combo(grid, app.t("web.users.q.status"), "##users.q.status", statuses, &form_.status,
                       app.t("web.users.all"));

  const list_ui::QueryAction a = list_ui::end_query(grid, entered, app.label("web.users.search", "users.search"),
                                                    app.label("web.users.reset", "users.reset"));
  if (a.reset) region_.clear();
  if (a.apply(form_)) {
    notice_.clear();
    sent_ = form_;
    sent_.region_code = region_.value(RegionPickMode::filter);
    search(app, 1);
  }
}

// [SECTION] results

void UsersScreen::draw_results(App& app, float width, float height) {
  widgets::begin_card("##users.results", ImGui::GetCursorScreenPos(), width, 20.0f, height);
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;  // local x of the right edge
  if (widgets::primary_button(app.label("web.users.add", "users.add").c_str(), px(96), kControlHeight)) {
    notice_.clear();
    form_dialog_.open_add(app);
  }
  list_ui::total_text_right(right, app.tf("web.users.total", {std::to_string(total_)}), "users.total",
                            loading_ && !loaded_ ? app.t("web.users.loading") : std::string_view());
  list_ui::show_notice(notice_, app.lang, "users.notice");
  list_ui::show_error(error_, app.lang, "users.error");
  draw_table(app, list_ui::table_height(true, 72));
  if (const int page = list_ui::pager(app, "users", page_, &page_size_, total_, loading_)) search(app, page);
  widgets::end_card();
}

void UsersScreen::draw_table(App& app, float height) {
  const float link_gap = px(14);
  const std::vector<std::string> links = {std::string(app.t("web.users.edit")), std::string(app.t("web.users.grant")),
                                          std::string(app.t("web.users.disable")),
                                          std::string(app.t("web.users.reset_password"))};
  const float actions_w = links_width(links, link_gap) + px(8);

  if (list_ui::begin_table("##users.table", 7, height, {{12, 9}})) {
    list_ui::setup_columns(app,
                           {{"web.users.col.username", 1.2f},
                            {"web.users.col.name", 1.0f},
                            {"web.users.col.type", 1.0f},
                            {"web.users.col.org", 1.6f},
                            {"web.users.col.phone", 1.0f},
                            {"web.users.col.status", 0.6f},
                            list_ui::fixed_column("web.users.col.actions", actions_w)},
                           IM_COL32(75, 85, 99, 255));
    list_ui::scroll_to_top(&scroll_to_top_);  // a new query shows its first row
    // A cell's text: cut with … (the whole text on hover), copied with a right click.
    auto cell = [](std::string_view s) {
      ImGui::TableNextColumn();
      widgets::cell_text(s.empty() ? "-" : s);
    };
    for (const UserRecord& u : rows_) {
      ImGui::TableNextRow();
      cell(u.username);
      cell(u.name);
      cell(app.t("web.users.type." + u.user_type));
      cell(u.user_type == "admin" || u.institution_name.empty() ? u.region_name : u.institution_name);
      cell(u.phone);
      ImGui::TableNextColumn();
      {
        const ImU32 c = u.disabled ? theme::kError : theme::kSuccess;
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float lh = ImGui::GetTextLineHeight();
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + px(4), p.y + lh * 0.5f), px(3.5f), c);
        ImGui::SetCursorScreenPos(ImVec2(p.x + px(13), p.y));
        widgets::text(app.t(u.disabled ? "web.users.status.disabled" : "web.users.status.enabled"), 0, c);
        widgets::expose(("users.status." + u.username).c_str(),
                        app.t(u.disabled ? "web.users.status.disabled" : "web.users.status.enabled"));
      }
      ImGui::TableNextColumn();
      auto link = [&](const char* text_id, const char* action, ImU32 color) {
        const std::string label = app.label(text_id, std::string("users.") + action + "." + u.username);
        return widgets::text_button(label.c_str(), color);
      };
      if (link("web.users.edit", "edit", theme::kPrimary)) {
        notice_.clear();
        form_dialog_.open_edit(app, u);
      }
      ImGui::SameLine(0, link_gap);
      if (link("web.users.grant", "grant", theme::kPrimary)) {
        notice_.clear();
        grant_dialog_.open(app, u);
      }
      ImGui::SameLine(0, link_gap);
      if (u.disabled ? link("web.users.enable", "enable", theme::kSuccess)
                     : link("web.users.disable", "disable", theme::kError)) {
        notice_.clear();
        confirm_dialog_.open(u, u.disabled ? ConfirmDialog::Action::enable : ConfirmDialog::Action::disable);
      }
      ImGui::SameLine(0, link_gap);
      if (link("web.users.reset_password", "reset_password", theme::kPrimary)) {
        notice_.clear();
        confirm_dialog_.open(u, ConfirmDialog::Action::reset_password);
      }
    }
    list_ui::end_table();
  }
  if (rows_.empty())  // a message in the middle of the empty table
    list_ui::empty_table_message(app.t(loaded_ && !loading_ ? "web.users.empty" : "web.users.loading"),
                                 loaded_ && !loading_ ? "users.empty" : nullptr);
}

// [SECTION] requests and dialogs

void UsersScreen::search(App& app, int page, bool keep_scroll) {
  loading_ = true;
  error_.clear();
  const int req = ++request_;
  const std::string path = with_query("/users", {{"username", sent_.username},
                                                 {"name", sent_.name},
                                                 {"user_type", sent_.user_type},
                                                 {"region_code", sent_.region_code},
                                                 {"status", sent_.status},
                                                 {"page", std::to_string(std::max(1, page))},
                                                 {"page_size", std::to_string(page_size_)}});
  app.request("GET", path, nullptr, [this, req, keep_scroll, &app](const ApiReply& r) {
    if (!accept_reply(app, r, req == request_, &loading_, &loaded_, &error_)) return;
    scroll_to_top_ = !keep_scroll;
    total_ = json_field::integer(r.body, "total");
    page_ = static_cast<int>(json_field::integer(r.body, "page", 1));
    rows_.clear();
    for (const auto& it : json_field::array(r.body, "items")) rows_.push_back(it.get<UserRecord>());
    // The page ran past the end (the list shrank since): show the last page instead.
    if (rows_.empty() && total_ > 0 && page_ > 1) search(app, static_cast<int>((total_ + page_size_ - 1) / page_size_));
  });
}

void UsersScreen::draw_dialogs(App& app) {
  const DialogOutcome outcomes[] = {form_dialog_.draw(app, regions_), grant_dialog_.draw(app),
                                    confirm_dialog_.draw(app)};
  for (const auto& o : outcomes)
    if (o.done) {
      notice_ = o.notice;
      search(app, page_, true);  // show the change where the clerk was
    }
}

}  // namespace ivd::web
