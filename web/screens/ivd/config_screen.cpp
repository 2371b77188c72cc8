#include "web/screens/ivd/config_screen.hpp"

#include "web/app.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

void ConfigScreen::draw(App& app, const Route& route) {
  widgets::info_box(app.tf("web.main.placeholder", {std::string(app.menu_title(route.menu))}));
}

}  // namespace ivd::web
