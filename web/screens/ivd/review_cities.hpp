#pragma once
// The cities (and 省本级) of the province in a project (GET /ivd/projects/{pid}/provinces/{prov}/cities;
// IVD manual 省级报量项目审核): the province report's status and totals, the national withdraw reason,
// the query form, per city 详情 (its hospitals) and what core's city_actions allows; the upload of the
// stamped summary (盖章的汇总数据) and 提交 to the nation.
#include <cstdint>
#include <string>
#include <vector>

#include "core/ivd/review.hpp"
#include "web/message.hpp"
#include "web/screens/ivd/review_common.hpp"
#include "web/screens/ivd/review_dialogs.hpp"

namespace ivd::web {

class App;

class CityList {
 public:
  void draw(App& app, int64_t project_id, const std::string& province_code);

 private:
  struct Query {
    std::string name, status;
  };
  struct Summary {  // the stamped summary picked and uploaded
    int64_t file_id = 0;
    std::string name;
    bool uploading = false;
    double progress = 0;
    Message error;
  };
  void search(App& app);
  void draw_header(App& app, float width);
  void draw_summary(App& app);
  void draw_query(App& app, float width);
  void draw_table(App& app, float height);
  void draw_dialogs(App& app);
  void upload(App& app);
  std::string base_path() const;

  int64_t project_id_ = 0;
  std::string province_code_;
  Query form_, sent_;
  std::vector<CityReport> rows_;
  bool has_province_ = false;
  ProvinceReport province_;
  bool can_submit_ = false, can_change_reviews_ = false;
  bool loading_ = false, loaded_ = false, scroll_top_ = false;
  int request_ = 0;
  int upload_request_ = 0;
  Summary summary_;
  Message error_, notice_;

  ActionDialog action_dialog_;
  SubmitDialog submit_dialog_;
  EventsDialog events_dialog_;
};

}  // namespace ivd::web
