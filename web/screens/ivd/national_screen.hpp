#pragma once
// 全国报量数据 (super admin, menu ivd.national; IVD manual 全国报量数据, SPEC §2.5): a query form (项目,
// 省份名称, 状态); the province list shows after 查询 (manual 注1: 默认不展示数据) — a route that names the
// project (after 查询, Back, reload, a deep link) loads it directly. Drill-down province → cities →
// hospitals → the hospital's sheet read-only, each level a route (view, project, province, city,
// hospital) with breadcrumbs; 撤回 of a submitted province with a reason; 汇总数据导出 as CSV.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/ivd/review.hpp"
#include "web/message.hpp"
#include "web/screens/route.hpp"

namespace ivd::web {

class App;

// 撤回 of a province (confirmation with a required reason; the server's refusal shows in the dialog).
class WithdrawDialog {
 public:
  void open(int64_t project_id, const ProvinceReport& p);
  // Returns true on the frame it closes after a success.
  bool draw(App& app);

 private:
  bool open_request_ = false;
  int64_t project_id_ = 0;
  ProvinceReport province_;
  std::string reason_;
  Message error_;
  std::string error_field_, error_value_;  // the error shows while the field holds the value it was about
  bool submitting_ = false, done_ = false;
  int request_ = 0;
};

class NationalScreen {
 public:
  void draw(App& app, const Route& route);
  void reset() { *this = NationalScreen{}; }

 private:
  struct HospitalRow {
    int64_t hospital_id = 0;
    std::string code, name, level, status, submitted_text;
    int64_t line_count = 0, last_year = 0, demand = 0;
  };
  void load_projects(App& app);
  void draw_query(App& app, float width);
  void draw_breadcrumbs(App& app, const Route& route);
  void draw_provinces(App& app, int64_t pid, float height);
  void draw_cities(App& app, int64_t pid, const std::string& prov, float height);
  void draw_hospitals(App& app, int64_t pid, const std::string& city, float height);
  void ensure_provinces(App& app, int64_t pid);
  void ensure_cities(App& app, int64_t pid, const std::string& prov);
  void ensure_hospitals(App& app, int64_t pid, const std::string& city);
  void export_totals(App& app, int64_t pid, const char* kind);
  std::string project_name(int64_t pid) const;

  // projects of the query's drop-down
  std::vector<std::pair<int64_t, std::string>> projects_;
  int64_t default_project_ = 0;
  bool projects_loading_ = false, projects_loaded_ = false;
  // the query as typed, and as sent with 查询
  std::string form_project_, form_name_, form_status_;
  std::string sent_name_, sent_status_;
  // each level's data, with the key it was loaded for ("" = nothing)
  std::string prov_key_, city_key_, hosp_key_;
  int64_t national_hospitals_ = 0, national_last_year_ = 0, national_demand_ = 0;
  std::vector<ProvinceReport> provinces_;
  ProvinceReport province_;  // of the city list
  std::vector<CityReport> cities_;
  CityReport city_;  // of the hospital list
  std::vector<HospitalRow> hospitals_;
  int hosp_page_ = 1, hosp_page_size_ = 50;
  int64_t hosp_total_ = 0;
  bool prov_loading_ = false, city_loading_ = false, hosp_loading_ = false;
  bool scroll_top_ = false, exporting_ = false;
  bool export_started_ = false;  // the notice says a job was started: offer the way to the 导出列表
  int request_ = 0;
  Message error_, notice_;
  WithdrawDialog withdraw_;
};

}  // namespace ivd::web
