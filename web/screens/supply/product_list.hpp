#pragma once
// 国家中选项目 ({view=products}; the super admin's side of 中选药品供应问题反馈, SPEC §3 Product list): the
// products with a query (流水号, 通用名, 生产企业, 批次) and paging, and 导入 of a CSV file (UTF-8 or GBK,
// all-or-nothing): a refused file shows every bad cell with its line and column.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/supply/supply_types.hpp"
#include "web/message.hpp"

namespace ivd::web {

class App;

class ProductList {
 public:
  void draw(App& app);

 private:
  struct Query {
    std::string serial, name, manufacturer, batch;
  };
  struct Issue {
    int64_t line = 0;
    std::string column, code;
    Message message;
  };
  void search(App& app, int page);
  void import_csv(App& app, const std::string& name, const std::string& bytes);
  void draw_query(App& app, float width);
  void draw_results(App& app, float width, float height);
  void draw_report(App& app);

  Query form_, sent_;
  int page_ = 1;
  int page_size_ = 20;
  int64_t total_ = 0;
  std::vector<Product> rows_;
  bool loading_ = false, loaded_ = false, scroll_top_ = false, importing_ = false;
  int request_ = 0;
  Message error_, notice_;
  // The import report of a refused file.
  bool report_open_ = false;
  std::string report_file_;
  Message report_message_;
  std::vector<Issue> issues_;
};

}  // namespace ivd::web
