#pragma once
// Pieces the 报量项目审核 views share: table cells that cut long text with … (full text on hover), the
// table style, a status line, the event history dialog of a city or province report.
#include <imgui.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/event_log.hpp"
#include "web/message.hpp"

namespace ivd::web {

class App;

namespace review_ui {

inline constexpr float kControlHeight = 32.0f;  // CSS pixels, the height of an input

// Opens a table with the list style (row colours, borders, ScrollY, frozen header row).
bool begin_table(const char* id, int columns, float height);
void end_table();
// The next column's text on one line; cut with … when the column is narrower, the full text on hover.
void cell(std::string_view s);
// A label and a value side by side ("状态：已提交"), as in the report headers.
void fact(std::string_view label, std::string_view value, const char* test_id = nullptr);
// Quantities as the clerk reads them: 1,234,567.
std::string number(int64_t v);

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
