#pragma once
// 审核状态查看 (view=status; IVD manual 报量项目管理 7): the sheet's status, its totals and dates, the
// reason of an 审核不通过 in plain view, and the history of the sheet (GET .../sheet/events: when, who,
// what, from which status to which, the reason).
#include <cstdint>
#include <optional>
#include <vector>

#include "core/ivd/sheet_store.hpp"
#include "core/store/event_log.hpp"
#include "web/message.hpp"

namespace ivd::web {

class App;

class FillStatus {
 public:
  void draw(App& app, int64_t project_id);
  void reopen() { project_id_ = 0; }  // entered again: load afresh

 private:
  void load(App& app);
  void draw_events(App& app, float height);

  int64_t project_id_ = 0;
  bool loading_ = false;
  bool loaded_ = false;
  int request_ = 0;
  std::optional<SheetHeaderOnWire> sheet_;
  std::vector<EventRow> events_;
  Message error_;
};

}  // namespace ivd::web
