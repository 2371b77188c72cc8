// [SECTION] query form: 项目名称, 年度, 查询 / 重置
// [SECTION] results: the table (project, phase, dates, sheet status, row actions), paging
// [SECTION] requests
#include "web/screens/ivd/fill_list.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/base/civil_time.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/screens/ivd/fill_files.hpp"
#include "web/screens/ivd/fill_screen.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

namespace {

constexpr float kControlHeight = 32.0f;

// "2026-11-21 07:25" (CST, minutes).
std::string cst_minutes(int64_t t) { return format_cst(t).substr(0, 16); }

// A cell's text, cut with … to the column and the whole text on hover.
void cell_text(std::string_view s, ImU32 color = 0) {
  const float room = ImGui::GetContentRegionAvail().x;
  const std::string shown(s.empty() ? std::string_view("-") : s);
  if (widgets::text_size(shown, theme::kFontSize).x <= room) {
    widgets::text(shown, 0, color);
    return;
  }
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  ImGui::Dummy(ImVec2(room, h));
  ImGui::PushStyleColor(ImGuiCol_Text, color ? color : theme::kText);
  ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), p, ImVec2(p.x + room, p.y + h), p.x + room, shown.data(),
                            shown.data() + shown.size(), nullptr);
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", shown.c_str());
}

}  // namespace

void FillList::draw(App& app, std::map<int64_t, std::string>& names) {
  if (!loaded_ && !loading_) search(app, 1, names);
  const float w = ImGui::GetContentRegionAvail().x;
  draw_query(app, w, names);
  ImGui::Dummy(px(0, 4));
  const float h = std::max(px(260), ImGui::GetContentRegionAvail().y - px(4));
  widgets::begin_card("##fill.results", ImGui::GetCursorScreenPos(), w, 20.0f, h);
  {
    const std::string total = app.tf("web.fill.total", {std::to_string(total_)});
    widgets::text(loading_ && !loaded_ ? std::string(app.t("web.fill.loading")) : total, theme::kFontSmall + 0.5f,
                  theme::kTextMuted);
    widgets::expose("fill.total", total);
  }
  if (!notice_.empty()) {
    widgets::success_box(notice_.text(app.lang));
    widgets::expose("fill.notice", notice_.text(app.lang));
  }
  if (!error_.empty()) {
    widgets::error_box(error_.text(app.lang));
    widgets::expose("fill.error", error_.text(app.lang));
  }
  const float pager_h = px(kControlHeight) + ImGui::GetStyle().ItemSpacing.y;
  draw_table(app, std::max(px(120), ImGui::GetContentRegionAvail().y - pager_h));
  draw_pager(app, names);
  widgets::end_card();
}

// [SECTION] query form

void FillList::draw_query(App& app, float width, std::map<int64_t, std::string>& names) {
  widgets::begin_card("##fill.query", ImGui::GetCursorScreenPos(), width, 20.0f);
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = px(16);
  const int cols = std::clamp(static_cast<int>((avail + gap) / (px(230) + gap)), 2, 4);
  const ImGuiInputTextFlags enter = ImGuiInputTextFlags_EnterReturnsTrue;
  bool submit = false, reset = false;
  widgets::FormGrid grid(cols, avail, gap, px(10));
  grid.cell();
  widgets::field_label(app.t("web.fill.q.name"));
  submit |= ImGui::InputTextWithHint("##fill.q.name", app.t("web.fill.q.name_hint").data(), &form_.name, enter);
  grid.cell();
  widgets::field_label(app.t("web.fill.q.year"));
  submit |= ImGui::InputTextWithHint("##fill.q.year", app.t("web.fill.q.year_hint").data(), &form_.year,
                                     enter | ImGuiInputTextFlags_CharsDecimal);
  grid.cell(0);
  widgets::field_label(" ");
  const float bgap = ImGui::GetStyle().ItemSpacing.x;
  const float bw = std::min(px(96), (grid.width() - bgap) * 0.5f);
  submit |= widgets::primary_button(app.label("web.fill.search", "fill.search").c_str(), bw, kControlHeight);
  ImGui::SameLine(0, bgap);
  reset = widgets::secondary_button(app.label("web.fill.reset", "fill.reset").c_str(), bw, kControlHeight);
  grid.end();
  widgets::end_card();
  if (reset) {
    form_ = Query{};
    submit = true;
  }
  if (submit) {
    notice_.clear();
    sent_ = form_;
    search(app, 1, names);
  }
}

// [SECTION] results

void FillList::draw_table(App& app, float height) {
  const std::vector<std::pair<const char*, const char*>> actions = {{"web.fill.action.fill", "fill"},
                                                                    {"web.fill.action.submit", "submit"},
                                                                    {"web.fill.action.status", "status"},
                                                                    {"web.fill.action.export", "export"}};
  const float link_gap = px(14);
  float actions_w = px(8);
  for (const auto& [text_id, key] : actions) actions_w += ImGui::CalcTextSize(app.t(text_id).data()).x + link_gap;

  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, px(12, 9));
  ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, IM_COL32(243, 246, 250, 255));
  ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, IM_COL32(249, 250, 252, 255));
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("##fill.table", 6, flags, ImVec2(0, height))) {
    if (scroll_top_) {
      ImGui::SetScrollY(0);
      scroll_top_ = false;
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(app.t("web.fill.col.name").data(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn(app.t("web.fill.col.year").data(), ImGuiTableColumnFlags_WidthStretch, 0.5f);
    ImGui::TableSetupColumn(app.t("web.fill.col.phase").data(), ImGuiTableColumnFlags_WidthStretch, 0.6f);
    ImGui::TableSetupColumn(app.t("web.fill.col.window").data(), ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn(app.t("web.fill.col.sheet_status").data(), ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn(app.t("web.fill.col.actions").data(), ImGuiTableColumnFlags_WidthFixed, actions_w);
    ImGui::TableHeadersRow();
    for (Row& row : rows_) {
      const Project& p = row.project.project;
      const std::string pid = std::to_string(p.id);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      cell_text(p.name);
      ImGui::TableNextColumn();
      cell_text(std::to_string(p.year));
      ImGui::TableNextColumn();
      cell_text(app.t("ivd.project_status." + row.project.status));
      ImGui::TableNextColumn();
      cell_text(app.tf("web.fill.window", {cst_minutes(p.times.fill_start), cst_minutes(p.times.fill_end)}));
      ImGui::TableNextColumn();
      if (row.sheet) {
        const std::string label(app.t("ivd.sheet_status." + row.sheet->header.status));
        cell_text(label, theme::kPrimary);
        widgets::expose(("fill.sheet_status." + pid).c_str(), label);
      } else {
        cell_text(row.sheet_error.empty() ? "…" : row.sheet_error.text(app.lang), theme::kTextMuted);
      }
      ImGui::TableNextColumn();
      const bool editable = row.sheet && row.sheet->editable;
      for (size_t i = 0; i < actions.size(); ++i) {
        const auto& [text_id, key] = actions[i];
        if (i) ImGui::SameLine(0, link_gap);
        const bool is_submit = std::string_view(key) == "submit";
        const bool enabled = !is_submit || editable;
        const std::string label = app.label(text_id, std::string("fill.") + key + "." + pid);
        if (!enabled) {
          widgets::text(app.t(text_id), 0, theme::kTextMuted);
          widgets::expose(("fill." + std::string(key) + "." + pid + ".disabled").c_str(), app.t(text_id));
          if (ImGui::IsItemHovered() && row.sheet && row.sheet->not_editable.is_object())
            ImGui::SetTooltip("%s", app.lang == Lang::en ? json_field::str(row.sheet->not_editable, "message_en").c_str()
                                                         : json_field::str(row.sheet->not_editable, "message_zh").c_str());
          continue;
        }
        if (!widgets::text_button(label.c_str(), theme::kPrimary)) continue;
        notice_.clear();
        error_.clear();
        if (std::string_view(key) == "export") {
          export_fill_data(app, p.id, [this](Message err, std::string name) {
            if (!err.empty()) error_ = std::move(err);
            else notice_ = Message::of("web.fill.exported", {name});
          });
        } else {
          app.navigate(fill_route(p.id, key == std::string_view("fill") ? "sheet" : key));
        }
      }
    }
    ImGui::EndTable();
  }
  ImGui::PopStyleColor(2);
  ImGui::PopStyleVar();
  if (rows_.empty()) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const std::string_view msg = app.t(loaded_ && !loading_ ? "web.fill.empty" : "web.fill.loading");
    const ImVec2 ts = ImGui::CalcTextSize(msg.data(), msg.data() + msg.size());
    ImGui::GetWindowDrawList()->AddText(ImVec2((a.x + b.x - ts.x) * 0.5f, a.y + std::min(px(90), (b.y - a.y) * 0.5f)),
                                        theme::kTextMuted, msg.data(), msg.data() + msg.size());
    if (loaded_ && !loading_) widgets::expose("fill.empty", msg);
  }
}

void FillList::draw_pager(App& app, std::map<int64_t, std::string>& names) {
  const int pages = static_cast<int>(std::max<int64_t>(1, (total_ + page_size_ - 1) / page_size_));
  const std::string prev = app.label("web.fill.prev", "fill.prev");
  const std::string next = app.label("web.fill.next", "fill.next");
  const std::string where = app.tf("web.fill.page", {std::to_string(page_), std::to_string(pages)});
  const ImGuiStyle& st = ImGui::GetStyle();
  const float gap = st.ItemSpacing.x;
  const float bw =
      std::max(ImGui::CalcTextSize(prev.c_str(), nullptr, true).x, ImGui::CalcTextSize(next.c_str(), nullptr, true).x) +
      st.FramePadding.x * 2;
  const float total_w = bw * 2 + ImGui::CalcTextSize(where.c_str()).x + gap * 2;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - total_w));
  ImGui::BeginDisabled(page_ <= 1 || loading_);
  if (widgets::secondary_button(prev.c_str(), bw, kControlHeight)) search(app, page_ - 1, names);
  ImGui::EndDisabled();
  ImGui::SameLine(0, gap);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(6));
  widgets::text(where, 0, theme::kTextMuted);
  widgets::expose("fill.page", where);
  ImGui::SameLine(0, gap);
  ImGui::BeginDisabled(page_ >= pages || loading_);
  if (widgets::secondary_button(next.c_str(), bw, kControlHeight)) search(app, page_ + 1, names);
  ImGui::EndDisabled();
}

// [SECTION] requests

void FillList::search(App& app, int page, std::map<int64_t, std::string>& names) {
  loading_ = true;
  error_.clear();
  const int req = request_ = next_fill_request();
  const std::string path = with_query("/ivd/projects", {{"name", sent_.name},
                                                        {"year", sent_.year},
                                                        {"page", std::to_string(std::max(1, page))},
                                                        {"page_size", std::to_string(page_size_)}});
  app.request("GET", path, nullptr, [this, req, &app, &names](const ApiReply& r) {
    if (req != request_) return;  // a newer query was sent meanwhile
    loading_ = false;
    loaded_ = true;
    scroll_top_ = true;
    rows_.clear();
    if (!r.ok()) {
      error_ = app.message_of(r);
      total_ = 0;
      return;
    }
    total_ = json_field::integer(r.body, "total");
    page_ = static_cast<int>(json_field::integer(r.body, "page", 1));
    for (const auto& it : json_field::array(r.body, "items")) {
      Row row;
      try {
        it.get_to(row.project);
      } catch (const std::exception&) {
        continue;  // a row of another shape: left out
      }
      names[row.project.project.id] = row.project.project.name;
      rows_.push_back(std::move(row));
    }
    // The status of the hospital's sheet in each project of the page.
    for (size_t i = 0; i < rows_.size(); ++i) {
      const int64_t pid = rows_[i].project.project.id;
      app.request("GET", "/ivd/projects/" + std::to_string(pid) + "/sheet", nullptr,
                  [this, req, i, &app](const ApiReply& s) {
                    if (req != request_ || i >= rows_.size()) return;
                    if (!s.ok()) {
                      rows_[i].sheet_error = app.message_of(s);
                      return;
                    }
                    try {
                      rows_[i].sheet = s.body.get<SheetHeaderOnWire>();
                    } catch (const std::exception&) {
                      rows_[i].sheet_error = Message::of("web.fill.bad_reply");
                    }
                  });
    }
  });
}

}  // namespace ivd::web
