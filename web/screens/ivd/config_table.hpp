#pragma once
// Pieces the super admin's screens (报量项目配置, 全国报量数据) share beyond the list widgets
// (web/list_widgets.hpp): a status cell in its core label and tone colour, and numbers as they show.
#include <string>
#include <string_view>

namespace ivd::web {

class App;

namespace admin_ui {

// A status of kind project | province | city | sheet: its label (i18n ivd.<kind>_status.<id>) in the
// colour of its core tone; exposed as test_id when given.
void status_cell(App& app, std::string_view kind, std::string_view status, const char* test_id = nullptr);

// A decimal without trailing zeros: 30, 12.5.
std::string number_text(double v);

}  // namespace admin_ui
}  // namespace ivd::web
