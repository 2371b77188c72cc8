#pragma once
// The detail page of one feedback ({view=detail, id}; manual 管理机构 2 查看, 生产/代理企业 2 查看): the
// product and the problem as the hospital reported it, the attachments (downloads under their names),
// the admin's 约谈记录 and 退回原因, the enterprise's 处理情况, the hospital's result, and the history of
// every step (who, when, from, to, reason). The buttons are exactly the actions core offers the caller.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/supply/supply_scope.hpp"
#include "core/supply/supply_types.hpp"
#include "web/message.hpp"
#include "web/screens/route.hpp"

namespace ivd::web {

class App;

class FeedbackDetailPage {
 public:
  void draw(App& app, const Route& route, const SupplyCaps& caps,
            const std::function<void(const std::string&, const FeedbackRow&)>& open_action);
  void reload(App& app) { load(app); }
  void set_notice(Message m) { notice_ = std::move(m); }
  const std::optional<FeedbackDetail>& detail() const { return detail_; }
  void reset() { *this = FeedbackDetailPage{}; }

 private:
  void load(App& app);
  void draw_header(App& app, const Route& route, float width,
                   const std::function<void(const std::string&, const FeedbackRow&)>& open_action);
  void draw_facts(App& app, float width, const SupplyCaps& caps);
  void draw_events(App& app, float width);

  int64_t id_ = 0;
  std::string menu_;
  std::optional<FeedbackDetail> detail_;
  bool loading_ = false;
  int request_ = 0;
  int last_frame_ = -10;  // the frame the page was last drawn in
  Message error_, notice_;
};

}  // namespace ivd::web
