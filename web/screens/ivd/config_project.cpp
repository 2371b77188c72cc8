// One 报量项目 of 报量项目配置 (route view=project&project=N, tab=catalog|events): its configuration,
// 统一配置, 目录导入 (a CSV picked in the browser; a refused file shows every bad cell), the catalog
// browse table with its query, 目录下载 as "<项目名>_目录.csv", and the project's event history.
// [SECTION] loading
// [SECTION] header card
// [SECTION] catalog
// [SECTION] events
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/base/base64.hpp"
#include "core/base/civil_time.hpp"
#include "web/app.hpp"
#include "web/replies.hpp"
#include "web/json_fields.hpp"
#include "web/list_widgets.hpp"
#include "web/platform/file_io.hpp"
#include "web/screens/ivd/config_screen.hpp"
#include "web/screens/ivd/config_table.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;
using list_ui::kControlHeight;

// [SECTION] loading

void ConfigScreen::load_project(App& app, int64_t pid) {
  pid_ = pid;
  project_loading_ = true;
  project_error_.clear();
  const int req = ++project_request_;
  app.request("GET", "/ivd/projects/" + std::to_string(pid), nullptr, [this, req, &app](const ApiReply& r) {
    if (req != project_request_) return;
    project_loading_ = false;
    if (!r.ok()) {
      project_error_ = app.message_of(r);
      return;
    }
    project_ = r.body.get<ProjectOnWire>();
    catalog_size_ = json_field::integer(r.body, "catalog_size");
  });
  load_events(app);
}

void ConfigScreen::load_events(App& app) {
  events_loading_ = true;
  const int64_t pid = pid_;
  app.request("GET", "/ivd/projects/" + std::to_string(pid) + "/events", nullptr, [this, pid, &app](const ApiReply& r) {
    if (pid != pid_) return;
    events_loading_ = false;
    events_.clear();
    if (!r.ok()) {
      project_error_ = app.message_of(r);
      return;
    }
    for (const auto& e : json_field::array(r.body, "events")) events_.push_back(e.get<EventRow>());
  });
}

void ConfigScreen::search_catalog(App& app, int page) {
  cat_loading_ = true;
  const int64_t pid = pid_;
  const std::string path = with_query("/ivd/projects/" + std::to_string(pid) + "/catalog",
                                      {{"q", cat_sent_q_},
                                       {"serial", cat_sent_serial_},
                                       {"certificate", cat_sent_cert_},
                                       {"page", std::to_string(std::max(1, page))},
                                       {"page_size", std::to_string(cat_page_size_)}});
  app.request("GET", path, nullptr, [this, pid, &app](const ApiReply& r) {
    if (pid != pid_) return;
    cat_loading_ = false;
    if (!r.ok()) {
      project_error_ = app.message_of(r);
      return;
    }
    cat_total_ = json_field::integer(r.body, "total");
    cat_page_ = static_cast<int>(json_field::integer(r.body, "page", 1));
    cat_rows_.clear();
    for (const auto& it : json_field::array(r.body, "items")) cat_rows_.push_back(it.get<CatalogRow>());
    cat_scroll_top_ = true;
  });
}

void ConfigScreen::import_catalog(App& app, const std::string& name, const std::string& bytes) {
  importing_ = true;
  project_notice_.clear();
  project_error_.clear();
  const int64_t pid = pid_;
  app.request("POST", "/ivd/projects/" + std::to_string(pid) + "/catalog/import",
              {{"csv_base64", base64_encode(bytes)}}, [this, pid, name, &app](const ApiReply& r) {
                if (pid != pid_) return;
                importing_ = false;
                if (!r.ok()) {
                  if (r.code() == "ivd.catalog.import_invalid")
                    import_report_.open(name, app.message_of(r), r.body.is_object() && r.body.contains("details")
                                                                     ? r.body["details"]
                                                                     : nlohmann::json::array());
                  else
                    project_error_ = app.message_of(r);
                  return;
                }
                project_notice_ = Message::of("web.config.import.done",
                                              {name, std::to_string(json_field::integer(r.body, "inserted")),
                                               std::to_string(json_field::integer(r.body, "updated")),
                                               std::to_string(json_field::integer(r.body, "unchanged"))});
                load_project(app, pid);
                search_catalog(app, 1);
              });
}

void ConfigScreen::download_catalog(App& app) {
  downloading_ = true;
  project_error_.clear();
  const int64_t pid = pid_;
  const std::string file = app.tf("web.config.catalog_file", {project_.project.name});
  app.request("GET", "/ivd/projects/" + std::to_string(pid) + "/catalog/all", nullptr,
              [this, pid, file, &app](const ApiReply& r) {
                if (pid != pid_) return;
                downloading_ = false;
                if (!r.ok()) {
                  project_error_ = app.message_of(r);
                  return;
                }
                std::vector<CatalogRow> rows;
                for (const auto& it : json_field::array(r.body, "items")) rows.push_back(it.get<CatalogRow>());
                file_io::save_file(file, "text/csv;charset=utf-8", catalog_csv(rows));
                project_notice_ = Message::of("web.config.download.done", {file, std::to_string(rows.size())});
              });
}

// [SECTION] header card

void ConfigScreen::draw_project(App& app, int64_t pid, const Route& route) {
  if (pid != pid_) {
    project_ = ProjectOnWire{};
    events_.clear();
    cat_rows_.clear();
    cat_total_ = 0;
    project_notice_.clear();
    load_project(app, pid);
    search_catalog(app, 1);
  }
  const float w = ImGui::GetContentRegionAvail().x;
  // Breadcrumb back to the list.
  if (widgets::text_button(app.label("web.config.back_to_list", "config.back").c_str(), theme::kPrimary)) {
    app.navigate(Route{"ivd.config", {}});
    return;
  }
  ImGui::SameLine(0, px(8));
  widgets::text("/", 0, theme::kTextMuted);
  ImGui::SameLine(0, px(8));
  widgets::text(project_.project.name);
  widgets::expose("config.project.name", project_.project.name);

  widgets::begin_card("##config.project", ImGui::GetCursorScreenPos(), w, 20.0f);
  const Project& p = project_.project;
  if (project_loading_ && p.id == 0) {
    widgets::text(app.t("web.config.loading"), 0, theme::kTextMuted);
  } else {
    widgets::FormGrid grid(std::clamp(static_cast<int>(ImGui::GetContentRegionAvail().x / px(260)), 2, 4),
                           ImGui::GetContentRegionAvail().x, px(16), px(8));
    auto fact = [&](const char* label_id, const std::string& value) {
      grid.cell();
      widgets::text(app.t(label_id), theme::kFontSmall, theme::kTextMuted);
      widgets::cell_text(value);
    };
    grid.cell();
    widgets::text(app.t("web.config.col.status"), theme::kFontSmall, theme::kTextMuted);
    admin_ui::status_cell(app, "project", project_.status, "config.project.status");
    fact("web.config.col.year", std::to_string(p.year));
    fact("web.config.f.threshold", admin_ui::number_text(p.threshold_percent) + "%");
    fact("web.config.catalog_size", std::to_string(catalog_size_));
    fact("ivd.project.field.fill_start", format_cst(p.times.fill_start));
    fact("ivd.project.field.fill_end", format_cst(p.times.fill_end));
    fact("ivd.project.field.city_review_end", format_cst(p.times.city_review_end));
    fact("ivd.project.field.province_review_end", format_cst(p.times.province_review_end));
    grid.cell(0);
    widgets::text(app.t("web.config.f.provinces"), theme::kFontSmall, theme::kTextMuted);
    widgets::cell_text(app.tf("web.config.province_count", {std::to_string(p.provinces.size())}));
    grid.end();
  }
  ImGui::Dummy(px(0, 4));
  if (widgets::primary_button(app.label("web.config.configure", "config.project.configure").c_str(), 0,
                              kControlHeight, p.id != 0)) {
    project_notice_.clear();
    form_dialog_.open_configure(project_);
  }
  ImGui::SameLine();
  if (widgets::primary_button(app.label(importing_ ? "web.config.importing" : "web.config.import",
                                        "config.project.import")
                                  .c_str(),
                              0, kControlHeight, p.id != 0 && !importing_))
    file_io::pick_file(".csv,text/csv", [this, &app, pid](std::string name, std::string bytes) {
      if (pid == pid_) import_catalog(app, name, bytes);
    });
  ImGui::SameLine();
  if (widgets::primary_button(app.label(downloading_ ? "web.config.downloading" : "web.config.download",
                                        "config.project.download")
                                  .c_str(),
                              0, kControlHeight, p.id != 0 && !downloading_))
    download_catalog(app);
  ImGui::SameLine();
  ImGui::BeginDisabled(p.id == 0 || downloading_);
  const bool xlsx = widgets::secondary_button(app.label("web.docs.download_xlsx", "config.project.download_xlsx").c_str(),
                                              0, kControlHeight);
  ImGui::EndDisabled();
  if (xlsx) {
    downloading_ = true;
    project_error_.clear();
    download_document(app, "/ivd/projects/" + std::to_string(pid) + "/catalog/xlsx",
                      [this, pid](Message err, std::string name) {
                        if (pid != pid_) return;
                        downloading_ = false;
                        if (!err.empty()) project_error_ = std::move(err);
                        else project_notice_ = Message::of("web.docs.saved", {name});
                      });
  }
  ImGui::SameLine();
  widgets::text(app.t("web.config.import_hint"), theme::kFontSmall, theme::kTextMuted);
  list_ui::show_notice(project_notice_, app.lang, "config.project.notice");
  list_ui::show_error(project_error_, app.lang, "config.project.error");
  widgets::end_card();
  ImGui::Dummy(px(0, 4));

  // Tabs: 目录 / 事件记录, kept in the route (Back returns to the tab).
  const std::string tab = route.param("tab") == "events" ? "events" : "catalog";
  const float h = std::max(px(280), ImGui::GetContentRegionAvail().y - px(4));
  widgets::begin_card("##config.project.body", ImGui::GetCursorScreenPos(), w, 20.0f, h);
  for (const char* t : {"catalog", "events"}) {
    const bool on = tab == t;
    const std::string label = app.label(std::string("web.config.tab.") + t, std::string("config.tab.") + t);
    if (on ? widgets::primary_button(label.c_str(), 0, kControlHeight)
           : widgets::secondary_button(label.c_str(), 0, kControlHeight))
      if (!on) app.navigate(route.with("tab", t == std::string("catalog") ? "" : t), true);
    ImGui::SameLine();
  }
  ImGui::NewLine();
  if (tab == "events")
    draw_events(app, ImGui::GetContentRegionAvail().y);
  else
    draw_catalog(app, ImGui::GetContentRegionAvail().y);
  widgets::end_card();
}

// [SECTION] catalog

void ConfigScreen::draw_catalog(App& app, float) {
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = px(12);
  const float bw = px(88);
  const float fw = std::max(px(120), (avail - 2 * bw - 4 * gap) / 3);
  const ImGuiInputTextFlags enter = ImGuiInputTextFlags_EnterReturnsTrue;
  bool submit = false;
  ImGui::SetNextItemWidth(fw);
  submit |= ImGui::InputTextWithHint("##config.cat.q", app.t("web.config.cat.q_hint").data(), &cat_q_, enter);
  ImGui::SameLine(0, gap);
  ImGui::SetNextItemWidth(fw);
  submit |= ImGui::InputTextWithHint("##config.cat.serial", app.t("web.config.cat.serial_hint").data(), &cat_serial_,
                                     enter);
  ImGui::SameLine(0, gap);
  ImGui::SetNextItemWidth(fw);
  submit |=
      ImGui::InputTextWithHint("##config.cat.cert", app.t("web.config.cat.cert_hint").data(), &cat_cert_, enter);
  ImGui::SameLine(0, gap);
  submit |= widgets::primary_button(app.label("web.config.search", "config.cat.search").c_str(), bw, kControlHeight);
  ImGui::SameLine(0, gap);
  if (widgets::secondary_button(app.label("web.config.reset", "config.cat.reset").c_str(), bw, kControlHeight)) {
    cat_q_.clear();
    cat_serial_.clear();
    cat_cert_.clear();
    submit = true;
  }
  if (submit) {
    cat_sent_q_ = cat_q_;
    cat_sent_serial_ = cat_serial_;
    cat_sent_cert_ = cat_cert_;
    search_catalog(app, 1);
  }
  const std::string total = app.tf("web.config.total", {std::to_string(cat_total_)});
  widgets::text(total, theme::kFontSmall, theme::kTextMuted);
  widgets::expose("config.cat.total", total);

  if (list_ui::begin_table("##config.cat.table", 7, list_ui::table_height(true))) {
    list_ui::scroll_to_top(&cat_scroll_top_);
    list_ui::setup_columns(app, {{"web.config.cat.col.serial", 0.8f},
                                 {"web.config.cat.col.category", 0.8f},
                                 {"web.config.cat.col.subcategory", 0.8f},
                                 {"web.config.cat.col.product_name", 2.0f},
                                 {"web.config.cat.col.spec", 1.0f},
                                 {"web.config.cat.col.certificate", 1.4f},
                                 {"web.config.cat.col.manufacturer", 1.4f}});
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(cat_rows_.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const CatalogRow& r = cat_rows_[static_cast<size_t>(i)];
        ImGui::TableNextRow();
        for (const std::string* v : {&r.serial, &r.category, &r.subcategory, &r.product_name, &r.spec, &r.certificate,
                                     &r.manufacturer}) {
          ImGui::TableNextColumn();
          widgets::cell_text(*v);
        }
      }
    list_ui::end_table();
    if (cat_rows_.empty())
      list_ui::empty_table_message(app.t(cat_loading_ ? "web.config.loading" : "web.config.empty"), "config.cat.empty");
  }
  if (const int page = list_ui::pager(app, "config.cat", cat_page_, &cat_page_size_, cat_total_, cat_loading_)) {
    cat_page_ = page;
    search_catalog(app, cat_page_);
  }
}

// [SECTION] events

void ConfigScreen::draw_events(App& app, float height) {
  if (list_ui::begin_table("##config.events", 5, std::max(px(120), height))) {
    list_ui::setup_columns(app, {{"web.config.event.at", 1.0f},
                                 {"web.config.event.action", 0.8f},
                                 {"web.config.event.actor", 0.8f},
                                 {"web.config.event.change", 1.0f},
                                 {"web.config.event.reason", 2.0f}});
    for (size_t i = 0; i < events_.size(); ++i) {
      const EventRow& e = events_[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      widgets::cell_text(format_cst(e.at));
      ImGui::TableNextColumn();
      widgets::cell_text(app.t("ivd.event." + e.action));
      widgets::expose(("config.event." + std::to_string(i)).c_str(), e.action);
      ImGui::TableNextColumn();
      widgets::cell_text(e.actor_name);
      ImGui::TableNextColumn();
      widgets::cell_text(e.from_state.empty() && e.to_state.empty() ? "" : e.from_state + " → " + e.to_state);
      ImGui::TableNextColumn();
      widgets::cell_text(e.reason);
    }
    list_ui::end_table();
    if (events_.empty())
      list_ui::empty_table_message(app.t(events_loading_ ? "web.config.loading" : "web.config.empty"), "config.events.empty");
  }
}

}  // namespace ivd::web
