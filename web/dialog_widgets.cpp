#include "web/dialog_widgets.hpp"

#include <imgui.h>

#include "web/app.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web::dialog_ui {

void refusal(const Message& m, Lang lang, const char* test_id) {
  if (m.empty()) return;
  ImGui::Dummy(theme::px(0, 2));
  const std::string text = m.text(lang);
  widgets::error_box(text);
  widgets::expose(test_id, text);
}

int buttons(App& app, const std::string& id, bool busy, const char* busy_text_id, bool ok_enabled) {
  const std::string cancel = app.label("web.common.cancel", id + ".cancel");
  const std::string ok = app.label(busy ? busy_text_id : "web.common.ok", id + ".ok");
  return widgets::modal_buttons(cancel.c_str(), ok.c_str(), ok_enabled);
}

}  // namespace ivd::web::dialog_ui
