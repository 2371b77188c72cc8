// 全国报量数据 (IVD manual 全国报量数据 2-5): 查询, 详情 (province → cities → hospitals → sheet), 撤回,
// 汇总数据导出.
// [SECTION] dispatch and breadcrumbs
// [SECTION] query form
// [SECTION] province list
// [SECTION] city list
// [SECTION] hospital list
// [SECTION] loading
// [SECTION] export
#include "web/screens/ivd/national_screen.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/base/civil_time.hpp"
#include "core/ivd/aggregates.hpp"
#include "core/ivd/common.hpp"
#include "core/exports/export_jobs.hpp"
#include "core/exports/export_kinds.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/list_widgets.hpp"
#include "web/platform/file_io.hpp"
#include "web/screens/ivd/config_table.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;
using list_ui::grouped;
using list_ui::kControlHeight;

namespace {
constexpr const char* kMenu = "ivd.national";

// A text link that navigates.
bool crumb(App&, const std::string& text, const std::string& test_id) {
  return widgets::text_button((text + "##" + test_id).c_str(), theme::kPrimary);
}
void crumb_sep() {
  ImGui::SameLine(0, px(6));
  widgets::text(">", 0, theme::kTextMuted);
  ImGui::SameLine(0, px(6));
}
std::string submitted_text(const std::optional<int64_t>& t) { return t ? format_cst(*t) : std::string(); }
}  // namespace

// [SECTION] dispatch and breadcrumbs

void NationalScreen::draw(App& app, const Route& route) {
  load_projects(app);
  const int64_t pid = route.int_param("project");
  const std::string view = route.param("view");
  const std::string prov = route.param("province"), city = route.param("city");
  const int64_t hid = route.int_param("hospital");
  const float w = ImGui::GetContentRegionAvail().x;

  if (pid == 0 || view.empty() || view == "provinces") {
    draw_query(app, w);
    ImGui::Dummy(px(0, 4));
  } else {
    draw_breadcrumbs(app, route);
  }
  list_ui::show_notice(notice_, app.lang, "national.notice");
  if (export_started_ && !notice_.empty() && app.user->shows(menu::exports) &&
      widgets::text_button(app.label("web.exports.go_list", "national.go_exports").c_str(), theme::kPrimary))
    app.navigate(Route{menu::exports, {}});
  list_ui::show_error(error_, app.lang, "national.error");
  const float h = std::max(px(300), ImGui::GetContentRegionAvail().y - px(4));
  if (view == "sheet" && pid > 0 && hid > 0) {
    app.main_frame.ivd.sheet.draw(app, SheetTarget{pid, hid, true});
  } else if (view == "hospitals" && pid > 0 && !city.empty()) {
    ensure_cities(app, pid, prov);
    draw_hospitals(app, pid, city, h);
  } else if (view == "cities" && pid > 0 && !prov.empty()) {
    draw_cities(app, pid, prov, h);
  } else {
    draw_provinces(app, pid, h);
  }
  if (withdraw_.draw(app)) {
    prov_key_.clear();  // reload the list: the province shows 已撤回
    notice_ = Message::of("web.national.withdraw.done");
  }
}

void NationalScreen::draw_breadcrumbs(App& app, const Route& route) {
  const int64_t pid = route.int_param("project");
  const std::string prov = route.param("province"), city = route.param("city"), view = route.param("view");
  if (!prov.empty()) ensure_cities(app, pid, prov);
  if (!city.empty()) ensure_hospitals(app, pid, city);
  const Route base{kMenu, {{"view", "provinces"}, {"project", std::to_string(pid)}}};
  if (crumb(app, std::string(app.t("web.national.nation")) + " · " + project_name(pid), "national.crumb.nation"))
    app.navigate(base);
  if (!prov.empty()) {
    crumb_sep();
    const std::string name = province_.province_code == prov ? province_.province_name : prov;
    if (view == "cities")
      widgets::text(name);
    else if (crumb(app, name, "national.crumb.province"))
      app.navigate(Route{kMenu, {{"view", "cities"}, {"project", std::to_string(pid)}, {"province", prov}}});
  }
  if (!city.empty()) {
    crumb_sep();
    const std::string name = city_.city_code == city ? city_.city_name : city;
    if (view == "hospitals")
      widgets::text(name);
    else if (crumb(app, name, "national.crumb.city"))
      app.navigate(Route{kMenu,
                         {{"view", "hospitals"}, {"project", std::to_string(pid)}, {"province", prov}, {"city", city}}});
  }
  if (view == "sheet") {
    crumb_sep();
    std::string name = route.param("hospital");
    for (const auto& h : hospitals_)
      if (std::to_string(h.hospital_id) == route.param("hospital")) name = h.name;
    widgets::text(name);
    widgets::expose("national.crumb.hospital", name);
  }
  ImGui::Dummy(px(0, 2));
}

// [SECTION] query form

void NationalScreen::draw_query(App& app, float width) {
  widgets::FormGrid grid = list_ui::begin_query("##national.query", width);
  std::vector<widgets::ComboOption> projects;
  for (const auto& [id, name] : projects_) projects.push_back({std::to_string(id), name});
  if (form_project_.empty() && !projects_.empty()) form_project_ = std::to_string(default_project_);
  list_ui::query_combo(grid, app.t("web.national.q.project"), "##national.q.project", projects, &form_project_,
                       app.t("web.national.q.project_choose"));
  const bool entered = list_ui::query_text(grid, app.t("web.national.q.name"), "##national.q.name",
                                           app.t("web.national.q.name_hint"), &form_name_);
  std::vector<widgets::ComboOption> statuses = {{"", std::string(app.t("web.config.all"))}};
  for (const char* s : {province_status::pending, province_status::submitted, province_status::withdrawn})
    statuses.push_back({s, std::string(app.t(status_label_id("province", s)))});
  list_ui::query_combo(grid, app.t("web.national.q.status"), "##national.q.status", statuses, &form_status_,
                       app.t("web.config.all"));
  const list_ui::QueryAction a =
      list_ui::end_query(grid, entered, app.label("web.config.search", "national.search"),
                         app.label("web.config.reset", "national.reset"), !form_project_.empty());
  if (a.reset) {
    form_name_.clear();
    form_status_.clear();
  }
  if ((a.search || a.reset) && !form_project_.empty()) {
    notice_.clear();
    sent_name_ = form_name_;
    sent_status_ = form_status_;
    prov_key_.clear();  // 查询 always asks again
    const Route to{kMenu, {{"view", "provinces"}, {"project", form_project_}}};
    if (!(app.route == to)) app.navigate(to);
  }
}

// [SECTION] province list

void NationalScreen::draw_provinces(App& app, int64_t pid, float height) {
  if (pid > 0) ensure_provinces(app, pid);
  widgets::begin_card("##national.provinces", ImGui::GetCursorScreenPos(), ImGui::GetContentRegionAvail().x, 20.0f,
                      height);
  // 全国合计 and 汇总数据导出.
  if (pid > 0 && prov_key_.starts_with(std::to_string(pid) + "|")) {
    const std::string totals =
        app.tf("web.national.totals", {grouped(national_hospitals_), grouped(national_last_year_), grouped(national_demand_)});
    widgets::text(totals);
    widgets::expose("national.totals", totals);
    ImGui::SameLine();
  }
  // 汇总数据导出 as CSV (the manual's file) and as XLSX, both jobs of the 导出列表.
  const float bw = ImGui::CalcTextSize(app.t("web.national.export").data()).x + px(32);
  const float xw = ImGui::CalcTextSize(app.t("web.docs.national_xlsx").data()).x + px(32);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() +
                       std::max(0.0f, ImGui::GetContentRegionAvail().x - bw - xw - ImGui::GetStyle().ItemSpacing.x));
  ImGui::BeginDisabled(pid == 0 || exporting_);
  const bool xlsx = widgets::secondary_button(app.label("web.docs.national_xlsx", "national.export.xlsx").c_str(), xw,
                                              kControlHeight);
  ImGui::EndDisabled();
  if (xlsx) export_totals(app, pid, export_kind::ivd_national_xlsx);
  ImGui::SameLine();
  if (widgets::primary_button(app.label(exporting_ ? "web.national.exporting" : "web.national.export",
                                        "national.export")
                                  .c_str(),
                              bw, kControlHeight, pid > 0 && !exporting_))
    export_totals(app, pid, export_kind::ivd_national_csv);

  if (list_ui::begin_table("##national.provinces.table", 7, list_ui::table_height(false))) {
    list_ui::scroll_to_top(&scroll_top_);
    list_ui::setup_columns(app, {{"web.national.col.province", 1.0f},
                                 {"web.national.col.status", 1.0f},
                                 {"web.national.col.hospitals", 0.8f},
                                 {"web.national.col.last_year", 1.1f},
                                 {"web.national.col.demand", 1.1f},
                                 {"web.national.col.submitted_at", 1.4f},
                                 {"web.national.col.actions", 1.0f}});
    for (const ProvinceReport& p : provinces_) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      widgets::cell_text(p.province_name);
      ImGui::TableNextColumn();
      admin_ui::status_cell(app, "province", p.status, ("national.status." + p.province_code).c_str());
      if (!p.withdraw_reason.empty() && ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", app.tf("web.national.withdraw_reason", {p.withdraw_reason}).c_str());
      ImGui::TableNextColumn();
      widgets::cell_text(grouped(p.hospital_count));
      ImGui::TableNextColumn();
      widgets::cell_text(grouped(p.sums.last_year));
      ImGui::TableNextColumn();
      widgets::cell_text(grouped(p.sums.demand));
      ImGui::TableNextColumn();
      widgets::cell_text(submitted_text(p.submitted_at));
      ImGui::TableNextColumn();
      if (widgets::text_button(app.label("web.national.detail", "national.detail." + p.province_code).c_str(),
                               theme::kPrimary)) {
        notice_.clear();
        app.navigate(Route{kMenu, {{"view", "cities"}, {"project", std::to_string(pid)}, {"province", p.province_code}}});
      }
      if (province_allows("withdraw", p.status)) {  // core decides when 撤回 is offered
        ImGui::SameLine(0, px(14));
        if (widgets::text_button(app.label("web.national.withdraw", "national.withdraw." + p.province_code).c_str(),
                                 theme::kError)) {
          notice_.clear();
          withdraw_.open(pid, p);
        }
      }
    }
    list_ui::end_table();
    if (provinces_.empty() || pid == 0)
      list_ui::empty_table_message(app.t(pid == 0         ? "web.national.press_search"
                                         : prov_loading_ ? "web.config.loading"
                                                         : "web.config.empty"),
                                   "national.empty");
  }
  widgets::end_card();
}

// [SECTION] city list

void NationalScreen::draw_cities(App& app, int64_t pid, const std::string& prov, float height) {
  ensure_cities(app, pid, prov);
  widgets::begin_card("##national.cities", ImGui::GetCursorScreenPos(), ImGui::GetContentRegionAvail().x, 20.0f, height);
  if (province_.province_code == prov) {
    ImGui::AlignTextToFramePadding();
    widgets::text(province_.province_name, theme::kFontTitle);
    ImGui::SameLine(0, px(12));
    admin_ui::status_cell(app, "province", province_.status, "national.province.status");
    const std::string totals = app.tf("web.national.totals", {grouped(province_.hospital_count),
                                                              grouped(province_.sums.last_year),
                                                              grouped(province_.sums.demand)});
    widgets::text(totals, theme::kFontSmall, theme::kTextMuted);
    if (!province_.withdraw_reason.empty())
      widgets::text(app.tf("web.national.withdraw_reason", {province_.withdraw_reason}), theme::kFontSmall,
                    theme::kError);
  }
  if (list_ui::begin_table("##national.cities.table", 7, list_ui::table_height(false))) {
    list_ui::setup_columns(app, {{"web.national.col.city", 1.2f},
                                 {"web.national.col.status", 1.0f},
                                 {"web.national.col.hospitals", 0.8f},
                                 {"web.national.col.last_year", 1.1f},
                                 {"web.national.col.demand", 1.1f},
                                 {"web.national.col.submitted_at", 1.4f},
                                 {"web.national.col.actions", 0.6f}});
    for (const CityReport& c : cities_) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      widgets::cell_text(c.city_name);
      ImGui::TableNextColumn();
      admin_ui::status_cell(app, "city", c.status, ("national.city_status." + c.city_code).c_str());
      ImGui::TableNextColumn();
      widgets::cell_text(grouped(c.hospital_count));
      ImGui::TableNextColumn();
      widgets::cell_text(grouped(c.sums.last_year));
      ImGui::TableNextColumn();
      widgets::cell_text(grouped(c.sums.demand));
      ImGui::TableNextColumn();
      widgets::cell_text(submitted_text(c.submitted_at));
      ImGui::TableNextColumn();
      if (widgets::text_button(app.label("web.national.detail", "national.city." + c.city_code).c_str(), theme::kPrimary))
        app.navigate(Route{kMenu,
                           {{"view", "hospitals"}, {"project", std::to_string(pid)}, {"province", prov}, {"city", c.city_code}}});
    }
    list_ui::end_table();
    if (cities_.empty()) list_ui::empty_table_message(app.t(city_loading_ ? "web.config.loading" : "web.config.empty"), "national.cities.empty");
  }
  widgets::end_card();
}

// [SECTION] hospital list

void NationalScreen::draw_hospitals(App& app, int64_t pid, const std::string& city, float height) {
  ensure_hospitals(app, pid, city);
  widgets::begin_card("##national.hospitals", ImGui::GetCursorScreenPos(), ImGui::GetContentRegionAvail().x, 20.0f, height);
  if (city_.city_code == city) {
    ImGui::AlignTextToFramePadding();
    widgets::text(city_.city_name, theme::kFontTitle);
    ImGui::SameLine(0, px(12));
    admin_ui::status_cell(app, "city", city_.status, "national.city.status");
    widgets::text(app.tf("web.national.totals", {grouped(city_.hospital_count), grouped(city_.sums.last_year),
                                                 grouped(city_.sums.demand)}),
                  theme::kFontSmall, theme::kTextMuted);
  }
  if (list_ui::begin_table("##national.hospitals.table", 8, list_ui::table_height(true))) {
    list_ui::scroll_to_top(&scroll_top_);
    list_ui::setup_columns(app, {{"web.national.col.hospital_code", 0.9f},
                                 {"web.national.col.hospital", 2.0f},
                                 {"web.national.col.status", 0.9f},
                                 {"web.national.col.lines", 0.6f},
                                 {"web.national.col.last_year", 0.9f},
                                 {"web.national.col.demand", 0.9f},
                                 {"web.national.col.submitted_at", 1.3f},
                                 {"web.national.col.actions", 0.5f}});
    for (const HospitalRow& h : hospitals_) {
      const std::string id = std::to_string(h.hospital_id);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      widgets::cell_text(h.code);
      ImGui::TableNextColumn();
      widgets::cell_text(h.name);
      ImGui::TableNextColumn();
      admin_ui::status_cell(app, "sheet", h.status, ("national.sheet_status." + id).c_str());
      ImGui::TableNextColumn();
      widgets::cell_text(grouped(h.line_count));
      ImGui::TableNextColumn();
      widgets::cell_text(grouped(h.last_year));
      ImGui::TableNextColumn();
      widgets::cell_text(grouped(h.demand));
      ImGui::TableNextColumn();
      widgets::cell_text(h.submitted_text);
      ImGui::TableNextColumn();
      if (widgets::text_button(app.label("web.national.view", "national.hospital." + id).c_str(), theme::kPrimary)) {
        Route to = app.route;
        to.params["view"] = "sheet";
        to.params["hospital"] = id;
        app.navigate(to);
      }
    }
    list_ui::end_table();
    if (hospitals_.empty())
      list_ui::empty_table_message(app.t(hosp_loading_ ? "web.config.loading" : "web.config.empty"), "national.hospitals.empty");
  }
  if (const int page =
          list_ui::pager(app, "national.hospitals", hosp_page_, &hosp_page_size_, hosp_total_, hosp_loading_)) {
    hosp_page_ = page;
    hosp_key_.clear();  // ensure_hospitals asks for the new page next frame
  }
  widgets::end_card();
}

// [SECTION] loading

void NationalScreen::load_projects(App& app) {
  if (projects_loaded_ || projects_loading_) return;
  projects_loading_ = true;
  app.request("GET", "/ivd/projects?page_size=100", nullptr, [this, &app](const ApiReply& r) {
    projects_loading_ = false;
    projects_loaded_ = true;
    if (!r.ok()) {
      error_ = app.message_of(r);
      return;
    }
    // The newest 执行中 project is chosen first (else the newest).
    for (const auto& it : json_field::array(r.body, "items")) {
      projects_.push_back({json_field::integer(it, "id"), json_field::str(it, "name")});
      if (default_project_ == 0 && json_field::str(it, "status") == project_status::running)
        default_project_ = projects_.back().first;
    }
    if (default_project_ == 0 && !projects_.empty()) default_project_ = projects_.front().first;
  });
}

std::string NationalScreen::project_name(int64_t pid) const {
  for (const auto& [id, name] : projects_)
    if (id == pid) return name;
  return std::to_string(pid);
}

void NationalScreen::ensure_provinces(App& app, int64_t pid) {
  const std::string key = std::to_string(pid) + "|" + sent_name_ + "|" + sent_status_;
  if (prov_key_ == key) return;
  prov_key_ = key;
  prov_loading_ = true;
  error_.clear();
  provinces_.clear();
  if (form_project_.empty()) form_project_ = std::to_string(pid);
  app.request("GET",
              with_query("/ivd/projects/" + std::to_string(pid) + "/provinces",
                         {{"name", sent_name_}, {"status", sent_status_}}),
              nullptr, [this, key, &app](const ApiReply& r) {
                if (key != prov_key_) return;
                prov_loading_ = false;
                if (!r.ok()) {
                  error_ = app.message_of(r);
                  return;
                }
                const auto& n = r.body.is_object() && r.body.contains("national") ? r.body["national"] : nlohmann::json{};
                national_hospitals_ = json_field::integer(n, "hospital_count");
                national_last_year_ = json_field::integer(n, "last_year_total");
                national_demand_ = json_field::integer(n, "demand_total");
                for (const auto& it : json_field::array(r.body, "items")) provinces_.push_back(it.get<ProvinceReport>());
                scroll_top_ = true;
              });
}

void NationalScreen::ensure_cities(App& app, int64_t pid, const std::string& prov) {
  const std::string key = std::to_string(pid) + "|" + prov;
  if (city_key_ == key) return;
  city_key_ = key;
  city_loading_ = true;
  error_.clear();
  cities_.clear();
  app.request("GET", "/ivd/projects/" + std::to_string(pid) + "/provinces/" + prov + "/cities", nullptr,
              [this, key, &app](const ApiReply& r) {
                if (key != city_key_) return;
                city_loading_ = false;
                if (!r.ok()) {
                  error_ = app.message_of(r);
                  return;
                }
                if (r.body.contains("province")) province_ = r.body["province"].get<ProvinceReport>();
                for (const auto& it : json_field::array(r.body, "items")) cities_.push_back(it.get<CityReport>());
              });
}

void NationalScreen::ensure_hospitals(App& app, int64_t pid, const std::string& city) {
  const std::string key = std::to_string(pid) + "|" + city + "|" + std::to_string(hosp_page_) + "|" +
                          std::to_string(hosp_page_size_);
  if (hosp_key_ == key) return;
  if (!hosp_key_.starts_with(std::to_string(pid) + "|" + city + "|")) hosp_page_ = 1;  // another city: first page
  const std::string k = std::to_string(pid) + "|" + city + "|" + std::to_string(hosp_page_) + "|" +
                        std::to_string(hosp_page_size_);
  hosp_key_ = k;
  hosp_loading_ = true;
  error_.clear();
  app.request("GET",
              with_query("/ivd/projects/" + std::to_string(pid) + "/cities/" + city + "/hospitals",
                         {{"page", std::to_string(hosp_page_)}, {"page_size", std::to_string(hosp_page_size_)}}),
              nullptr, [this, k, &app](const ApiReply& r) {
                if (k != hosp_key_) return;
                hosp_loading_ = false;
                hospitals_.clear();
                if (!r.ok()) {
                  error_ = app.message_of(r);
                  return;
                }
                if (r.body.contains("city")) city_ = r.body["city"].get<CityReport>();
                hosp_total_ = json_field::integer(r.body, "total");
                for (const auto& it : json_field::array(r.body, "items"))
                  hospitals_.push_back({json_field::integer(it, "hospital_id"), json_field::str(it, "hospital_code"),
                                        json_field::str(it, "hospital_name"), json_field::str(it, "hospital_level"),
                                        json_field::str(it, "status"), json_field::str(it, "submitted_at_text"),
                                        json_field::integer(it, "line_count"),
                                        json_field::integer(it, "last_year_total"),
                                        json_field::integer(it, "demand_total")});
                scroll_top_ = true;
              });
}

// [SECTION] export

void NationalScreen::export_totals(App& app, int64_t pid, const char* kind) {
  // 汇总数据导出 runs as a job of the 导出列表 (IVD manual 全国报量数据 4-5): started here, downloaded there.
  exporting_ = true;
  notice_.clear();
  error_.clear();
  const nlohmann::json body = {{"kind", kind},
                               {"params", {{"project_id", pid}}},
                               {"title", project_name(pid)}};
  app.request("POST", "/exports", body, [this, &app](const ApiReply& r) {
    exporting_ = false;
    if (!r.ok()) {
      error_ = app.message_of(r);
      return;
    }
    notice_ = Message::of("web.exports.started", {export_job_name(r.body.get<ExportJob>(), app.lang)});
    export_started_ = true;
  });
}

// [SECTION] 撤回 dialog

void WithdrawDialog::open(int64_t project_id, const ProvinceReport& p) {
  const int last = request_;
  *this = WithdrawDialog{};
  request_ = last;
  project_id_ = project_id;
  province_ = p;
  open_request_ = true;
}

bool WithdrawDialog::draw(App& app) {
  if (!widgets::begin_modal("##national.withdraw.dlg", 560, &open_request_)) return false;
  if (done_) {
    ImGui::CloseCurrentPopup();
    widgets::end_modal();
    done_ = false;
    return true;
  }
  widgets::text(app.t("web.national.withdraw.title"), theme::kFontTitle);
  ImGui::Dummy(px(0, 2));
  widgets::text_wrapped(app.tf("web.national.withdraw.text", {province_.province_name}));
  ImGui::Dummy(px(0, 4));
  widgets::field_label(std::string(app.t("web.national.withdraw.reason")) + " *");
  const bool err_here = !error_.empty() && error_field_ == "reason" && error_value_ == reason_;
  if (err_here) ImGui::PushStyleColor(ImGuiCol_Border, theme::kError);
  ImGui::InputTextMultiline("##national.withdraw.reason", &reason_, ImVec2(-FLT_MIN, px(90)));
  if (err_here) ImGui::PopStyleColor();
  if (err_here) {
    ImGui::PushItemWidth(-FLT_MIN);
    ImGui::Dummy(px(0, 2));
    widgets::field_error(error_.text(app.lang), "national.withdraw.error.reason");
    ImGui::PopItemWidth();
  } else if (!error_.empty() && error_field_ != "reason") {
    widgets::error_box(error_.text(app.lang));
    widgets::expose("national.withdraw.error", error_.text(app.lang));
  }
  ImGui::Dummy(px(0, 6));
  const int b = widgets::modal_buttons(app.label("web.common.cancel", "national.withdraw.cancel").c_str(),
                                       app.label(submitting_ ? "web.config.submitting" : "web.national.withdraw.ok",
                                                 "national.withdraw.ok")
                                           .c_str(),
                                       !submitting_);
  if (b < 0) ImGui::CloseCurrentPopup();
  if (b > 0 && !submitting_) {
    submitting_ = true;
    error_.clear();
    const int req = ++request_;
    const std::string sent = reason_;
    app.request("POST",
                "/ivd/projects/" + std::to_string(project_id_) + "/provinces/" + province_.province_code + "/withdraw",
                {{"revision", province_.revision}, {"reason", reason_}}, [this, req, sent, &app](const ApiReply& r) {
                  if (req != request_) return;
                  submitting_ = false;
                  if (!r.ok()) {
                    error_ = app.message_of(r);
                    // A missing reason is the reason field's error (the server names no field for it).
                    error_field_ = r.field().empty() && r.code() == "ivd.review.reason_required" ? "reason" : r.field();
                    error_value_ = sent;
                    return;
                  }
                  done_ = true;
                });
  }
  widgets::end_modal();
  return false;
}

}  // namespace ivd::web
