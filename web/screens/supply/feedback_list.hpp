#pragma once
// The list of supply feedback (GET /supply/feedback; manual 中选药品供应问题反馈 1 查询, and 中选药品供应问题
// 反馈查看): the query form (反馈日期 from–to, 流水号, 产品名称, 生产企业, 申报企业, 业务状态; enterprises get
// no enterprise fields), 新增反馈 for hospitals, 导出 for the province view, the table with 剩余处理天数
// (the row red at 0) and per row 查看 plus exactly the actions core offers, paging. What the menu offers
// this account is core's SupplyCaps.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/supply/supply_scope.hpp"
#include "core/supply/supply_types.hpp"
#include "web/message.hpp"
#include "web/screens/route.hpp"

namespace ivd::web {

class App;

class FeedbackList {
 public:
  // open_action(action, row): a row's action that is a dialog (the screen holds the dialogs).
  void draw(App& app, const Route& route, const SupplyCaps& caps,
            const std::function<void(const std::string&, const FeedbackRow&)>& open_action);
  // After an action or a save (menu: the list's menu, for a list not drawn yet).
  void reload(App& app, const std::string& menu) {
    if (menu_.empty()) menu_ = menu;
    search(app, page_, true);
  }
  void set_notice(Message m) { notice_ = std::move(m); }
  const std::vector<FeedbackRow>& rows() const { return rows_; }
  void reset() { *this = FeedbackList{}; }

 private:
  struct Query {
    std::string from, to, serial, product_name, manufacturer, applicant, status;
  };
  std::vector<std::pair<std::string, std::string>> query_params() const;
  void search(App& app, int page, bool keep_scroll = false);
  void export_csv(App& app);
  void export_xlsx(App& app);
  void draw_query(App& app, float width, const SupplyCaps& caps);
  void draw_results(App& app, const Route& route, float width, float height, const SupplyCaps& caps,
                    const std::function<void(const std::string&, const FeedbackRow&)>& open_action);
  void draw_table(App& app, const Route& route, float height, const SupplyCaps& caps,
                  const std::function<void(const std::string&, const FeedbackRow&)>& open_action);

  std::string menu_;  // the list belongs to this menu (supply.feedback or supply.view)
  Query form_, sent_;
  int page_ = 1;
  int page_size_ = 20;
  int64_t total_ = 0;
  std::vector<FeedbackRow> rows_;
  bool loading_ = false, loaded_ = false, scroll_top_ = false, exporting_ = false;
  int request_ = 0;
  int last_frame_ = -10;  // the frame the list was last drawn in
  Message error_, notice_;
};

}  // namespace ivd::web
