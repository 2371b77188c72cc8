#include "web/screens/ivd/config_table.hpp"

#include <string>

#include "core/ivd/common.hpp"
#include "web/app.hpp"
#include "web/widgets.hpp"

namespace ivd::web::admin_ui {

void status_cell(App& app, std::string_view kind, std::string_view status, const char* test_id) {
  widgets::status_text(app.t(status_label_id(kind, status)), static_cast<int>(status_tone(kind, status)), test_id);
}

std::string number_text(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace ivd::web::admin_ui
