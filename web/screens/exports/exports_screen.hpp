#pragma once
// 导出列表 (menu exports; IVD manual 报量项目审核 6, 全国报量数据 5): the clerk's own export jobs, newest
// first, with name, time, status in its colour, progress, the file or the failure reason, how long the
// file is kept, and 下载 / 删除 (with confirmation). While a job is 生成中 the list refreshes itself.
// What a status reads and which jobs may be downloaded come from core (core/exports/export_jobs.hpp).
#include <cstdint>
#include <string>
#include <vector>

#include "core/exports/export_jobs.hpp"
#include "web/message.hpp"
#include "web/screens/route.hpp"

namespace ivd::web {

class App;

class ExportsScreen {
 public:
  void draw(App& app, const Route& route);

 private:
  void load(App& app, int page, bool keep_scroll);
  void draw_table(App& app, float height);
  void draw_actions(App& app, const ExportJob& job, float gap);
  void download(App& app, const ExportJob& job);
  void draw_delete_dialog(App& app);

  std::vector<ExportJob> rows_;
  int64_t total_ = 0;
  int64_t running_ = 0;
  int64_t retention_days_ = kDefaultExportRetentionDays;
  int page_ = 1;
  int page_size_ = 20;
  bool loading_ = false;
  bool loaded_ = false;
  int last_frame_ = -2;  // the ImGui frame this screen was last drawn in
  bool scroll_to_top_ = false;
  int request_ = 0;
  double refresh_at_ = 0;  // browser::now_seconds() of the next automatic refresh (while 生成中)
  Message error_, notice_;
  int64_t downloading_ = 0;  // the job whose file is on its way

  // 删除 confirmation
  bool delete_open_ = false;
  bool deleting_ = false;
  ExportJob delete_job_;
  Message delete_error_;
};

}  // namespace ivd::web
