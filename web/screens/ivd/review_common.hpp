#pragma once
// Pieces the 报量项目审核 views share (beyond web/list_widgets.hpp): a label and its value, the totals of
// a report, the widths of the status and action columns, a row's action links, the event history
// dialog of a city or province report.
#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ivd/review.hpp"
#include "core/ivd/review_actions.hpp"
#include "core/store/event_log.hpp"
#include "web/list_widgets.hpp"
#include "web/message.hpp"

namespace ivd::web {

class App;

namespace review_ui {

using list_ui::kControlHeight;

// The query card of the review lists.
inline constexpr list_ui::QueryLayout kQueryLayout{18, 220, 4, 8};
// The options of a status filter: 全部, then each status (label ids <prefix><status>).
std::vector<widgets::ComboOption> status_options(App& app, const std::string& prefix,
                                                 const std::vector<std::string>& statuses);
// A time in minutes (CST "2026-11-21 07:25"), empty when absent; minutes_width(): the column's width.
std::string minutes(const std::optional<int64_t>& t);
float minutes_width();

// A label and a value side by side ("状态：已提交"), as in the report headers.
void fact(std::string_view label, std::string_view value, const char* test_id = nullptr);
// The totals line of a city or province report: 医院数, 上年总量, 需求总量, 提交时间 (the totals exposed
// as last_year_id / demand_id when given).
void report_totals(App& app, int64_t hospital_count, const Sums& sums, const std::optional<int64_t>& submitted_at,
                   const char* last_year_id = nullptr, const char* demand_id = nullptr);

// The width of the widest label of a status list (label ids <prefix><status>), for a fixed column.
float widest_label(App& app, const std::string& prefix, const std::vector<std::string>& statuses);
// The width of the longest set of action links a row can have (each label and the gap before it):
// actions_of(status, true) over every status.
float longest_actions(App& app, const std::vector<std::string>& statuses,
                      std::vector<ReviewAction> (*actions_of)(std::string_view, bool), float link_gap);
// The action links of a row after what the cell holds (审核不通过 and 取消上报 in red), test ids
// "<test_prefix><action>.<code>". Returns the action clicked.
std::optional<ReviewAction> action_links(App& app, const std::vector<ReviewAction>& actions,
                                         const std::string& test_prefix, const std::string& code, float link_gap);
// 加载中… or 暂无数据 in the middle of a review table left empty (after end_table).
void empty_message(App& app, bool loading);

}  // namespace review_ui

// 历史记录 of a city or province report (GET .../events): when, who, what, from → to, reason.
class EventsDialog {
 public:
  // path: "/ivd/projects/3/cities/340100/events"; status_prefix: "ivd.city_status." (labels of from/to).
  void open(App& app, std::string path, std::string status_prefix, std::string title);
  void draw(App& app);

 private:
  bool open_request_ = false;
  bool loading_ = false;
  int request_ = 0;
  std::string title_, status_prefix_;
  std::vector<EventRow> events_;
  Message error_;
};

}  // namespace ivd::web
