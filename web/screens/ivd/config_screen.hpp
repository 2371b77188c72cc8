#pragma once
// 报量项目配置 (super admin, menu ivd.config; IVD manual 报量项目配置, SPEC §2.1): the project list with
// its query (名称, 年度, 状态) and paging, 新增 and 统一配置 (config_dialogs), and per project (route
// view=project&project=N) its details, event history, catalog import with the per-row error report,
// the catalog browse table and 目录下载 (config_project.cpp).
#include <cstdint>
#include <string>
#include <vector>

#include "core/ivd/catalog.hpp"
#include "core/ivd/project.hpp"
#include "core/store/event_log.hpp"
#include "web/message.hpp"
#include "web/screens/ivd/config_dialogs.hpp"
#include "web/screens/route.hpp"

namespace ivd::web {

class App;

class ConfigScreen {
 public:
  void draw(App& app, const Route& route);
  void reset() { *this = ConfigScreen{}; }

 private:
  // ---- the list (config_screen.cpp) ----
  struct Query {
    std::string name, year, status;
  };
  void draw_list(App& app);
  void draw_query(App& app, float width);
  void draw_table(App& app, float height);
  void search(App& app, int page);

  Query form_, sent_;
  int page_ = 1, page_size_ = 10;
  int64_t total_ = 0;
  std::vector<ProjectOnWire> rows_;
  bool loading_ = false, loaded_ = false, scroll_top_ = false;
  int request_ = 0;
  Message error_, notice_;

  // ---- one project (config_project.cpp) ----
  void draw_project(App& app, int64_t pid, const Route& route);
  void load_project(App& app, int64_t pid);
  void load_events(App& app);
  void search_catalog(App& app, int page);
  void import_catalog(App& app, const std::string& name, const std::string& bytes);
  void download_catalog(App& app);
  void draw_catalog(App& app, float height);  // fills the rest of the card
  void draw_events(App& app, float height);

  int64_t pid_ = 0;  // the project shown (0 = none loaded)
  ProjectOnWire project_;
  int64_t catalog_size_ = 0;
  bool project_loading_ = false;
  Message project_error_, project_notice_;
  std::vector<EventRow> events_;
  bool events_loading_ = false;
  // catalog browse
  std::string cat_q_, cat_serial_, cat_cert_, cat_sent_q_, cat_sent_serial_, cat_sent_cert_;
  int cat_page_ = 1, cat_page_size_ = 50;
  int64_t cat_total_ = 0;
  std::vector<CatalogRow> cat_rows_;
  bool cat_loading_ = false, cat_scroll_top_ = false;
  bool importing_ = false, downloading_ = false;
  int project_request_ = 0;

  // ---- dialogs ----
  ProjectFormDialog form_dialog_;
  ImportReportDialog import_report_;
};

}  // namespace ivd::web
