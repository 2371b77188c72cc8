#include "web/screens/ivd/sheet_screen.hpp"

#include "web/app.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

void SheetScreen::draw(App& app, const SheetTarget&) {
  widgets::info_box(app.tf("web.main.placeholder", {std::string(app.menu_title("ivd.fill"))}));
}

}  // namespace ivd::web
