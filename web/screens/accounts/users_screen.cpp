// [SECTION] query form: 用户名, 姓名, 用户类型, 所属区划, 状态, 查询 / 重置 in a grid that follows the width
// [SECTION] results: 新增, 共 N 条, the table (row actions), paging
// [SECTION] requests and dialogs
#include "web/screens/accounts/users_screen.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

namespace {

constexpr int kPageSizes[] = {10, 20, 50, 100};
constexpr float kControlHeight = 32.0f;  // CSS pixels: the height of an input (font 16 + padding 2 × 8)

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
  widgets::begin_card("##users.query", ImGui::GetCursorScreenPos(), width, 20.0f);
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = px(16);
  const int cols = std::clamp(static_cast<int>((avail + gap) / (px(170) + gap)), 2, 6);
  bool submit = false, reset = false;
  const ImGuiInputTextFlags enter = ImGuiInputTextFlags_EnterReturnsTrue;
  widgets::FormGrid grid(cols, avail, gap, px(10));

  grid.cell();
  widgets::field_label(app.t("web.users.q.username"));
  submit |=
      ImGui::InputTextWithHint("##users.q.username", app.t("web.users.q.username_hint").data(), &form_.username, enter);
  grid.cell();
  widgets::field_label(app.t("web.users.q.name"));
  submit |= ImGui::InputTextWithHint("##users.q.name", app.t("web.users.q.name_hint").data(), &form_.name, enter);

  grid.cell();
  widgets::field_label(app.t("web.users.q.type"));
  std::vector<widgets::ComboOption> types = {{"", std::string(app.t("web.users.all"))}};
  for (const std::string& t : app.user->manages_user_types)  // the types of user this actor manages (core)
    types.push_back({t, std::string(app.t("web.users.type." + t))});
  widgets::combo("##users.q.type", types, &form_.user_type, app.t("web.users.all"));

  grid.cell();
  widgets::field_label(app.t("web.users.q.region"));
  region_.draw(app, regions_, "users.q.region", RegionPickMode::filter, false, grid.width());

  grid.cell();
  widgets::field_label(app.t("web.users.q.status"));
  const std::vector<widgets::ComboOption> statuses = {{"", std::string(app.t("web.users.all"))},
                                                      {"enabled", std::string(app.t("web.users.status.enabled"))},
                                                      {"disabled", std::string(app.t("web.users.status.disabled"))}};
  widgets::combo("##users.q.status", statuses, &form_.status, app.t("web.users.all"));

  grid.cell(0);  // the buttons take the rest of the row
  widgets::field_label(" ");
  const float bgap = ImGui::GetStyle().ItemSpacing.x;
  const float bw = std::min(px(96), (grid.width() - bgap) * 0.5f);
  submit |= widgets::primary_button(app.label("web.users.search", "users.search").c_str(), bw, kControlHeight);
  ImGui::SameLine(0, bgap);
  reset = widgets::secondary_button(app.label("web.users.reset", "users.reset").c_str(), bw, kControlHeight);
  grid.end();
  widgets::end_card();

  if (reset) {
    form_ = Query{};
    region_.clear();
    submit = true;
  }
  if (submit) {
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
  {
    const std::string total = app.tf("web.users.total", {std::to_string(total_)});
    const float tw = widgets::text_size(total, theme::kFontSmall + 0.5f).x;
    ImGui::SameLine(right - tw);  // SameLine after a button lines the text up with the button's label
    widgets::text(loading_ && !loaded_ ? std::string(app.t("web.users.loading")) : total, theme::kFontSmall + 0.5f,
                  theme::kTextMuted);
    widgets::expose("users.total", total);
  }
  if (!notice_.empty()) {
    widgets::success_box(notice_.text(app.lang));
    widgets::expose("users.notice", notice_.text(app.lang));
  }
  if (!error_.empty()) {
    widgets::error_box(error_.text(app.lang));
    widgets::expose("users.error", error_.text(app.lang));
  }
  const float pager_h = px(kControlHeight) + ImGui::GetStyle().ItemSpacing.y;
  draw_table(app, std::max(px(72), ImGui::GetContentRegionAvail().y - pager_h));
  draw_pager(app);
  widgets::end_card();
}

void UsersScreen::draw_table(App& app, float height) {
  const float link_gap = px(14);
  const std::vector<std::string> links = {std::string(app.t("web.users.edit")), std::string(app.t("web.users.grant")),
                                          std::string(app.t("web.users.disable")),
                                          std::string(app.t("web.users.reset_password"))};
  const float actions_w = links_width(links, link_gap) + px(8);

  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, px(12, 9));
  ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, IM_COL32(243, 246, 250, 255));
  ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, IM_COL32(249, 250, 252, 255));
  ImGui::PushStyleColor(ImGuiCol_TableBorderLight, IM_COL32(232, 236, 242, 255));
  ImGui::PushStyleColor(ImGuiCol_TableBorderStrong, theme::kBorder);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("##users.table", 7, flags, ImVec2(0, height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(app.t("web.users.col.username").data(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(app.t("web.users.col.name").data(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(app.t("web.users.col.type").data(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(app.t("web.users.col.org").data(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn(app.t("web.users.col.phone").data(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(app.t("web.users.col.status").data(), ImGuiTableColumnFlags_WidthStretch, 0.6f);
    ImGui::TableSetupColumn(app.t("web.users.col.actions").data(), ImGuiTableColumnFlags_WidthFixed, actions_w);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(75, 85, 99, 255));
    ImGui::TableHeadersRow();
    ImGui::PopStyleColor();

    // A new query shows its first row.
    if (scroll_to_top_) {
      ImGui::SetScrollY(0);
      scroll_to_top_ = false;
    }
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
    ImGui::EndTable();
  }
  ImGui::PopStyleColor(4);
  ImGui::PopStyleVar();

  if (rows_.empty()) {  // a message in the middle of the empty table
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const std::string_view msg = app.t(loading_  ? "web.users.loading"
                                       : loaded_ ? "web.users.empty"
                                                 : "web.users.loading");
    const ImVec2 ts = ImGui::CalcTextSize(msg.data(), msg.data() + msg.size());
    ImGui::GetWindowDrawList()->AddText(ImVec2((a.x + b.x - ts.x) * 0.5f, a.y + std::min(px(90), (b.y - a.y) * 0.5f)),
                                        theme::kTextMuted, msg.data(), msg.data() + msg.size());
    if (loaded_ && !loading_) widgets::expose("users.empty", msg);
  }
}

void UsersScreen::draw_pager(App& app) {
  const int pages = static_cast<int>(std::max<int64_t>(1, (total_ + page_size_ - 1) / page_size_));
  const std::string prev = app.label("web.users.prev", "users.prev");
  const std::string next = app.label("web.users.next", "users.next");
  const std::string where = app.tf("web.users.page", {std::to_string(page_), std::to_string(pages)});
  const ImGuiStyle& st = ImGui::GetStyle();
  const float gap = st.ItemSpacing.x;
  const float combo_w = px(120);
  const float bw =
      std::max(ImGui::CalcTextSize(prev.c_str(), nullptr, true).x, ImGui::CalcTextSize(next.c_str(), nullptr, true).x) +
      st.FramePadding.x * 2;
  const float where_w = ImGui::CalcTextSize(where.c_str()).x;
  const float total_w = combo_w + bw * 2 + where_w + gap * 4;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - total_w));

  std::vector<widgets::ComboOption> sizes;
  for (int s : kPageSizes) sizes.push_back({std::to_string(s), app.tf("web.users.page_size", {std::to_string(s)})});
  std::string size = std::to_string(page_size_);
  ImGui::SetNextItemWidth(combo_w);
  if (widgets::combo("##users.page_size", sizes, &size, "")) {
    page_size_ = std::stoi(size);
    search(app, 1);
  }
  ImGui::SameLine(0, gap);
  ImGui::BeginDisabled(page_ <= 1 || loading_);
  if (widgets::secondary_button(prev.c_str(), bw, kControlHeight)) search(app, page_ - 1);
  ImGui::EndDisabled();
  ImGui::SameLine(0, gap);
  widgets::text(where, 0, theme::kTextMuted);
  widgets::expose("users.page", where);
  ImGui::SameLine(0, gap);
  ImGui::BeginDisabled(page_ >= pages || loading_);
  if (widgets::secondary_button(next.c_str(), bw, kControlHeight)) search(app, page_ + 1);
  ImGui::EndDisabled();
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
    if (req != request_) return;  // a newer query was sent meanwhile
    loading_ = false;
    loaded_ = true;
    if (!r.ok()) {
      error_ = app.message_of(r);
      return;
    }
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
