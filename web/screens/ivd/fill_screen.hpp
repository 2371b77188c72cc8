#pragma once
// 报量项目管理 (hospital, menu ivd.fill; IVD manual 报量项目管理): the view comes from the route —
//   view=list (default)          the hospital's projects with the status of its sheet (FillList)
//   view=sheet&project=P         the sheet (SheetScreen), optionally serial=<流水号>&field=<field> to focus a cell
//   view=submit&project=P        the 提交 page (FillSubmit)
//   view=status&project=P        审核状态查看 (FillStatus)
// Every view but the list has a header with the way back to the list.
#include <cstdint>
#include <map>
#include <string>

#include "web/screens/ivd/fill_list.hpp"
#include "web/screens/ivd/fill_status.hpp"
#include "web/screens/ivd/fill_submit.hpp"
#include "web/screens/ivd/sheet_screen.hpp"
#include "web/screens/route.hpp"

namespace ivd::web {

class App;

class FillScreen {
 public:
  void draw(App& app, const Route& route);
  void reset() { *this = FillScreen{}; }

 private:
  // Back link and where the clerk is: 报量项目管理 / <project> / <view>.
  void draw_header(App& app, int64_t project_id, std::string_view view_text_id);
  void focus_routed_cell(SheetScreen& sheet, const Route& route);
  const std::string& project_name(App& app, int64_t project_id);

  FillList list_;
  FillSubmit submit_;
  FillStatus status_;
  std::map<int64_t, std::string> project_names_;  // for the header; filled by the list or fetched
  std::map<int64_t, bool> name_requested_;
  std::string last_view_ = "-";  // the view drawn last frame: entering a view loads it afresh
  int64_t last_project_ = -1;
  std::string jumped_to_;  // the serial:field of the route the sheet's cursor was last put on
};

// The route of a view of a project (view: "sheet", "submit", "status").
Route fill_route(int64_t project_id, std::string view);

}  // namespace ivd::web
