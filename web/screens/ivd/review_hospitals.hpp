#pragma once
// The hospitals of one city in a project (GET /ivd/projects/{pid}/cities/{city}/hospitals; IVD manual
// 市级报量项目审核): the city report's status and totals, counts by status (a click filters), the query
// form, the table with paging (list_widgets). In the city's own view (city and 省本级 accounts) each row offers what
// core's hospital_actions allows, and the city submits; in the province's drill-down it is read-only.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/ivd/review.hpp"
#include "web/message.hpp"
#include "web/screens/ivd/review_common.hpp"
#include "web/screens/ivd/review_dialogs.hpp"

namespace ivd::web {

class App;

class HospitalList {
 public:
  // own_view: the city's own list (actions, 提交); else read-only.
  void draw(App& app, int64_t project_id, const std::string& city_code, bool own_view);

 private:
  struct Query {
    std::string name, code, status;
  };
  void search(App& app, int page);
  void draw_header(App& app, float width);
  void draw_query(App& app, float width);
  void draw_counts(App& app);
  void draw_results(App& app, float width, float height);
  void draw_table(App& app, float height);
  void draw_dialogs(App& app);
  std::string base_path() const;

  int64_t project_id_ = 0;
  std::string city_code_;
  bool own_view_ = false;
  Query form_, sent_;
  int page_ = 1;
  int page_size_ = 20;
  int64_t total_ = 0;
  std::vector<HospitalReviewRow> rows_;
  bool has_city_ = false;
  CityReport city_;
  std::map<std::string, int64_t> counts_;
  bool can_submit_ = false, can_change_reviews_ = false;
  bool loading_ = false, loaded_ = false, scroll_top_ = false;
  int request_ = 0;
  Message error_, notice_;

  ActionDialog action_dialog_;
  SubmitDialog submit_dialog_;
  EventsDialog events_dialog_;
};

}  // namespace ivd::web
