#pragma once
// 报量项目管理 list (view=list): the hospital's projects (GET /ivd/projects, 项目名称 / 年度 query,
// paging) with the project's phase and dates and the status of the hospital's sheet
// (GET /ivd/projects/{pid}/sheet per row); per row 填报, 提交, 审核状态查看 and 填报数据导出.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ivd/project.hpp"
#include "core/ivd/sheet_store.hpp"
#include "web/message.hpp"

namespace ivd::web {

class App;

class FillList {
 public:
  // names: project id -> name, filled for the views' headers.
  void draw(App& app, std::map<int64_t, std::string>& names);
  void refresh() { loaded_ = false; }  // shown again: the same query, the statuses of now

 private:
  struct Query {
    std::string name, year;
  };
  struct Row {
    ProjectOnWire project;
    std::optional<SheetHeaderOnWire> sheet;  // absent until its reply came (or when refused)
    Message sheet_error;
  };
  void search(App& app, int page, std::map<int64_t, std::string>& names);
  void draw_query(App& app, float width, std::map<int64_t, std::string>& names);
  void draw_table(App& app, float height);

  Query form_, sent_;
  int page_ = 1;
  int page_size_ = 10;
  int64_t total_ = 0;
  std::vector<Row> rows_;
  bool loading_ = false;
  bool loaded_ = false;
  bool scroll_top_ = false;  // a new query shows its first row
  int request_ = 0;
  Message error_;
  Message notice_;
};

}  // namespace ivd::web
