// [SECTION] query form: 项目名称, 年度, 查询 / 重置
// [SECTION] results: the table (project, phase, dates, sheet status, row actions), paging
// [SECTION] requests
#include "web/screens/ivd/fill_list.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/base/civil_time.hpp"
#include "web/app.hpp"
#include "web/replies.hpp"
#include "web/json_fields.hpp"
#include "web/list_widgets.hpp"
#include "web/screens/ivd/fill_files.hpp"
#include "web/screens/ivd/fill_screen.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

namespace {

// "2026-11-21 07:25" (CST, minutes).
std::string cst_minutes(int64_t t) { return format_cst(t).substr(0, 16); }

}  // namespace

void FillList::draw(App& app, std::map<int64_t, std::string>& names) {
  if (!loaded_ && !loading_) search(app, 1, names);
  const float w = ImGui::GetContentRegionAvail().x;
  draw_query(app, w, names);
  ImGui::Dummy(px(0, 4));
  const float h = std::max(px(260), ImGui::GetContentRegionAvail().y - px(4));
  widgets::begin_card("##fill.results", ImGui::GetCursorScreenPos(), w, 20.0f, h);
  list_ui::total_text(app.tf("web.fill.total", {std::to_string(total_)}), "fill.total",
                      loading_ && !loaded_ ? app.t("web.fill.loading") : std::string_view());
  list_ui::show_notice(notice_, app.lang, "fill.notice");
  list_ui::show_error(error_, app.lang, "fill.error");
  draw_table(app, list_ui::table_height(true));
  const list_ui::PagerLook pager_look{"web.fill", false, 0, 0, 6};
  if (const int page = list_ui::pager(app, "fill", page_, &page_size_, total_, loading_, pager_look))
    search(app, page, names);
  widgets::end_card();
}

// [SECTION] query form

void FillList::draw_query(App& app, float width, std::map<int64_t, std::string>& names) {
  widgets::FormGrid grid = list_ui::begin_query("##fill.query", width);
  bool entered =
      list_ui::query_text(grid, app.t("web.fill.q.name"), "##fill.q.name", app.t("web.fill.q.name_hint"), &form_.name);
  entered |= list_ui::query_text(grid, app.t("web.fill.q.year"), "##fill.q.year", app.t("web.fill.q.year_hint"),
                                 &form_.year, ImGuiInputTextFlags_CharsDecimal);
  const list_ui::QueryAction a = list_ui::end_query(grid, entered, app.label("web.fill.search", "fill.search"),
                                                    app.label("web.fill.reset", "fill.reset"));
  if (a.apply(form_)) {
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
                                                                    {"web.fill.action.export", "export"},
                                                                    {"web.docs.commitment_template", "commitment"}};
  const float link_gap = px(14);
  float actions_w = px(8);
  for (const auto& [text_id, key] : actions) actions_w += ImGui::CalcTextSize(app.t(text_id).data()).x + link_gap;

  if (list_ui::begin_table("##fill.table", 6, height, {{12, 9}, true, true, false})) {
    list_ui::scroll_to_top(&scroll_top_);
    list_ui::setup_columns(app, {{"web.fill.col.name", 1.6f},
                                 {"web.fill.col.year", 0.5f},
                                 {"web.fill.col.phase", 0.6f},
                                 {"web.fill.col.window", 2.2f},
                                 {"web.fill.col.sheet_status", 0.7f},
                                 list_ui::fixed_column("web.fill.col.actions", actions_w)});
    for (Row& row : rows_) {
      const Project& p = row.project.project;
      const std::string pid = std::to_string(p.id);
      ImGui::TableNextRow();
      list_ui::cell(p.name);
      list_ui::cell(std::to_string(p.year));
      list_ui::cell(app.t("ivd.project_status." + row.project.status));
      list_ui::cell(app.tf("web.fill.window", {cst_minutes(p.times.fill_start), cst_minutes(p.times.fill_end)}));
      ImGui::TableNextColumn();
      if (row.sheet) {
        const std::string label(app.t("ivd.sheet_status." + row.sheet->header.status));
        list_ui::ellipsis_text(label, theme::kPrimary);
        widgets::expose(("fill.sheet_status." + pid).c_str(), label);
      } else {
        list_ui::ellipsis_text(row.sheet_error.empty() ? "…" : row.sheet_error.text(app.lang), theme::kTextMuted);
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
        if (std::string_view(key) == "export" || std::string_view(key) == "commitment") {
          auto done = [this](Message err, std::string name) {
            if (!err.empty()) error_ = std::move(err);
            else notice_ = Message::of("web.fill.exported", {name});
          };
          if (std::string_view(key) == "export") export_fill_data(app, p.id, done);
          else download_document(app, "/ivd/projects/" + pid + "/commitment-template", done);
        } else {
          app.navigate(fill_route(p.id, key == std::string_view("fill") ? "sheet" : key));
        }
      }
    }
    list_ui::end_table();
  }
  if (rows_.empty())
    list_ui::empty_table_message(app.t(loaded_ && !loading_ ? "web.fill.empty" : "web.fill.loading"),
                                 loaded_ && !loading_ ? "fill.empty" : nullptr);
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
