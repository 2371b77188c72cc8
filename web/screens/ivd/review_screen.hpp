#pragma once
// 报量项目审核 (menu ivd.review; IVD manual 市级 / 省级报量项目审核). Which view an account gets is core's
// review_level(actor): city and 省本级 accounts review the hospitals of their region, province admins the
// cities of their province. Every level is a route, so Back / Forward / reload keep the place:
//   {}                                  the projects to pick from
//   {project}                           the hospitals of the city (city level) or the cities (province)
//   {project, city}                     province: that city's hospitals, read-only
//   {view=sheet, project, hospital[, city]}  a hospital's sheet, read-only (SheetScreen)
#include <cstdint>
#include <string>
#include <vector>

#include "core/ivd/project.hpp"
#include "web/message.hpp"
#include "web/screens/ivd/review_cities.hpp"
#include "web/screens/ivd/review_hospitals.hpp"
#include "web/screens/route.hpp"

namespace ivd::web {

class App;

class ReviewScreen {
 public:
  void draw(App& app, const Route& route);
  void reset() { *this = ReviewScreen{}; }

 private:
  void draw_projects(App& app);
  void load_projects(App& app);
  void load_project(App& app, int64_t id);
  // The trail above a level: 项目 › 城市 › 医疗机构, each a link back to its level.
  void draw_trail(App& app, const Route& route);

  // The projects to pick from (GET /ivd/projects).
  std::vector<ProjectOnWire> projects_;
  bool projects_loading_ = false, projects_loaded_ = false;
  Message projects_error_;
  // The project of the route (GET /ivd/projects/{pid}) for its name.
  int64_t project_id_ = 0;
  std::string project_name_;
  int request_ = 0;

  HospitalList hospitals_;
  CityList cities_;
};

}  // namespace ivd::web
