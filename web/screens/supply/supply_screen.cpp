#include "web/screens/supply/supply_screen.hpp"

#include <imgui.h>

#include "core/base/civil_time.hpp"
#include "core/base/work_calendar.hpp"
#include "core/supply/supply_scope.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

void SupplyScreen::draw(App& app, const Route& route) {
  const SupplyCaps caps = supply_caps(app.actor(), route.menu);  // core decides what this menu offers
  if (caps.side == SupplySide::none) {
    widgets::error_box(app.t("supply.role.forbidden"));
    return;
  }
  if (!calendar_asked_) load_calendar(app);
  if (!calendar_warning_.empty()) {
    const std::string warning = calendar_warning_.text(app.lang);
    widgets::info_box(warning);
    widgets::expose("supply.calendar.warning", warning);
  }
  const std::string view = route.param("view");
  auto open_action = [this, &app](const std::string& action, const FeedbackRow& row) {
    action_.open(app, action, row);
  };

  if (caps.can_import_products) draw_tabs(app, route);
  if (view == "products" && caps.can_import_products) {
    products_.draw(app);
  } else if ((view == "new" || view == "edit") && caps.can_add) {
    const FormOutcome o = form_.draw(app, route, today_);
    if (o.done) {
      // Back to the list with what was done; the finished form is not a step Back returns to.
      list_.set_notice(o.notice);
      list_.reload(app, route.menu);
      app.navigate(Route{route.menu, {}}, true);
    }
  } else if (view == "detail" && route.int_param("id") > 0) {
    detail_.draw(app, route, caps, open_action);
  } else {
    list_.draw(app, route, caps, open_action);
  }

  // An action went through (or the feedback was stale): the list and the page show it afresh.
  const SupplyOutcome o = action_.draw(app);
  if (o.reload) {
    list_.reload(app, route.menu);
    if (view == "detail") detail_.reload(app);
  }
  if (!o.notice.empty()) {
    list_.set_notice(o.notice);
    detail_.set_notice(o.notice);
  }
  for (const FeedbackRow& r : list_.rows()) action_.update(r);
  if (detail_.detail()) action_.update(detail_.detail()->row);
}

// 反馈列表 / 国家中选项目 for the super admin, kept in the route.
void SupplyScreen::draw_tabs(App& app, const Route& route) {
  const bool products = route.param("view") == "products";
  auto tab = [&](const char* text_id, const char* id, bool active, Route to) {
    const std::string label = app.label(text_id, id);
    const bool clicked =
        active ? widgets::primary_button(label.c_str(), 0, 32.0f) : widgets::secondary_button(label.c_str(), 0, 32.0f);
    if (clicked && !active) app.navigate(std::move(to));
  };
  tab("web.supply.tab.feedback", "supply.tab.feedback", !products, Route{route.menu, {}});
  ImGui::SameLine(0, px(8));
  tab("web.supply.tab.products", "supply.tab.products", products, Route{route.menu, {{"view", "products"}}});
  ImGui::Dummy(px(0, 4));
}

void SupplyScreen::load_calendar(App& app) {
  calendar_asked_ = true;
  app.request("GET", "/supply/calendar", nullptr, [this](const ApiReply& r) {
    if (!r.ok()) return;
    CalendarInfo c;
    from_json(r.body, c);
    today_ = parse_date(c.today).value_or(0);
    // A year within the next month the official calendar does not cover (administrators only):
    // counting falls back to weekends there.
    const nlohmann::json w = r.body.is_object() && r.body.contains("warning") ? r.body["warning"] : nlohmann::json();
    calendar_warning_ =
        w.is_object() ? Message::server(json_field::str(w, "message_zh"), json_field::str(w, "message_en")) : Message{};
  });
}

}  // namespace ivd::web
