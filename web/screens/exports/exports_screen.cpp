// [SECTION] the list: hint, 刷新, 共 N 个, notice and error, the table, paging, the automatic refresh
// [SECTION] the table: 名称, 导出时间, 状态, 进度, 文件 / 失败原因, 保留至, 下载 / 删除
// [SECTION] requests: the list, the download, 删除 with its confirmation
#include "web/screens/exports/exports_screen.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "web/app.hpp"
#include "web/dialog_widgets.hpp"
#include "web/json_fields.hpp"
#include "web/list_widgets.hpp"
#include "web/platform/browser.hpp"
#include "web/replies.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

namespace {
using list_ui::kControlHeight;
constexpr double kRefreshSeconds = 1.5;  // how often the list looks again while something is 生成中

// A cell's text: cut with … (the whole text on hover), copied with a right click.
void cell(std::string_view s, ImU32 color = 0) {
  ImGui::TableNextColumn();
  widgets::cell_text(s.empty() ? "-" : s, color);
}
}  // namespace

// [SECTION] the list

void ExportsScreen::draw(App& app, const Route&) {
  // Opened again from the menu or a link (not drawn in the previous frame): the list is read afresh, so a
  // job started elsewhere meanwhile is there.
  const int frame = ImGui::GetFrameCount();
  if (frame > last_frame_ + 1 && !loading_) loaded_ = false;
  last_frame_ = frame;
  if (!loaded_ && !loading_) load(app, 1, false);
  // While a job is 生成中: look again shortly (the render loop is woken for it).
  if (running_ > 0 && !loading_) {
    const double now = browser::now_seconds();
    if (refresh_at_ == 0) refresh_at_ = now + kRefreshSeconds;
    if (now >= refresh_at_) {
      refresh_at_ = 0;
      load(app, page_, true);
    } else {
      app.wake_at(refresh_at_);
    }
  }

  const float w = ImGui::GetContentRegionAvail().x;
  const float h = std::max(px(220), ImGui::GetContentRegionAvail().y - px(4));
  widgets::begin_card("##exports.card", ImGui::GetCursorScreenPos(), w, 20.0f, h);
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  if (widgets::primary_button(app.label("web.exports.refresh", "exports.refresh").c_str(), px(88), kControlHeight,
                              !loading_))
    load(app, page_, false);
  ImGui::SameLine(0, px(14));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(7));
  widgets::text(app.tf("web.exports.hint", {std::to_string(retention_days_)}), theme::kFontSmall, theme::kTextMuted);
  const std::string total = running_ > 0 ? app.tf("web.exports.total", {std::to_string(total_)}) + " · " +
                                               app.tf("web.exports.running", {std::to_string(running_)})
                                         : app.tf("web.exports.total", {std::to_string(total_)});
  list_ui::total_text_right(right, total, "exports.total");
  list_ui::show_notice(notice_, app.lang, "exports.notice");
  list_ui::show_error(error_, app.lang, "exports.error");
  draw_table(app, list_ui::table_height(true, 90));
  if (const int page = list_ui::pager(app, "exports", page_, &page_size_, total_, loading_)) load(app, page, false);
  widgets::end_card();
  draw_delete_dialog(app);
}

// [SECTION] the table

void ExportsScreen::draw_table(App& app, float height) {
  const float gap = px(14);
  const float actions_w = list_ui::text_width(app.t("web.exports.download")) +
                          list_ui::text_width(app.t("web.exports.delete")) + gap + px(8);
  const float time_w = list_ui::text_width("2026-05-28 10:00:00") + px(4);
  const float status_w = std::max(list_ui::text_width(app.t("web.exports.col.status")),
                                  list_ui::text_width(app.t("exports.status.running"))) + px(22);
  if (list_ui::begin_table("##exports.table", 7, height, {{10, 8}})) {
    list_ui::setup_columns(app, {{"web.exports.col.name", 2.0f},
                                 list_ui::fixed_column("web.exports.col.time", time_w),
                                 list_ui::fixed_column("web.exports.col.status", status_w),
                                 list_ui::fixed_column("web.exports.col.progress", px(110)),
                                 {"web.exports.col.detail", 1.6f},
                                 list_ui::fixed_column("web.exports.col.expires", time_w),
                                 list_ui::fixed_column("web.exports.col.actions", actions_w)});
    list_ui::scroll_to_top(&scroll_to_top_);
    for (const ExportJob& job : rows_) {
      const std::string id = std::to_string(job.id);
      ImGui::TableNextRow();
      cell(export_job_name(job, app.lang));
      widgets::expose(("exports.name." + id).c_str(), export_job_name(job, app.lang));
      cell(job.created_at_text);
      ImGui::TableNextColumn();
      widgets::status_text(app.t(export_status_label_id(job.status)), static_cast<int>(export_status_tone(job.status)),
                           ("exports.status." + id).c_str());
      widgets::expose(("exports.tone." + id).c_str(), std::to_string(static_cast<int>(export_status_tone(job.status))));
      ImGui::TableNextColumn();
      {
        char overlay[16];
        std::snprintf(overlay, sizeof overlay, "%d%%", job.progress);
        ImGui::PushStyleColor(ImGuiCol_PlotHistogram, theme::kStatusTone[static_cast<int>(export_status_tone(job.status))]);
        ImGui::PushStyleColor(ImGuiCol_Text, job.progress >= 50 ? IM_COL32_WHITE : theme::kText);
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0, 0));
        ImGui::ProgressBar(static_cast<float>(job.progress) / 100.0f, ImVec2(-1, ImGui::GetTextLineHeight()), overlay);
        ImGui::PopStyleVar();
        ImGui::PopStyleColor(2);
        widgets::expose(("exports.progress." + id).c_str(), std::to_string(job.progress));
      }
      if (job.status == export_status::failed) {
        const std::string reason = Message::server(job.error_zh, job.error_en).text(app.lang);
        cell(reason, theme::kError);
        widgets::expose(("exports.reason." + id).c_str(), reason);
      } else if (job.status == export_status::done) {
        cell(job.file_name + "（" + app.tf("web.exports.size_kb", {list_ui::grouped((job.file_size + 1023) / 1024)}) +
                      "）");
      } else {
        cell("");
      }
      cell(job.expires_at_text);
      ImGui::TableNextColumn();
      draw_actions(app, job, gap);
    }
    list_ui::end_table();
  }
  if (rows_.empty())
    list_ui::empty_table_message(app.t(loaded_ && !loading_ ? "web.exports.empty" : "web.users.loading"),
                                 loaded_ && !loading_ ? "exports.empty" : nullptr);
}

void ExportsScreen::draw_actions(App& app, const ExportJob& job, float gap) {
  const std::string id = std::to_string(job.id);
  // 下载 only for a finished file (core decides), greyed out otherwise.
  const bool can_download = export_downloadable(job) && downloading_ != job.id;
  const char* download_text = downloading_ == job.id ? "web.exports.downloading" : "web.exports.download";
  if (!can_download) ImGui::BeginDisabled();
  if (widgets::text_button(app.label(download_text, "exports.download." + id).c_str(),
                           can_download ? theme::kPrimary : theme::kTextMuted))
    download(app, job);
  if (!can_download) ImGui::EndDisabled();
  widgets::expose(("exports.can_download." + id).c_str(), export_downloadable(job) ? "1" : "0");
  ImGui::SameLine(0, gap);
  if (widgets::text_button(app.label("web.exports.delete", "exports.delete." + id).c_str(), theme::kError)) {
    notice_.clear();
    delete_job_ = job;
    delete_error_.clear();
    deleting_ = false;
    delete_open_ = true;
  }
}

// [SECTION] requests

void ExportsScreen::load(App& app, int page, bool keep_scroll) {
  loading_ = true;
  if (!keep_scroll) error_.clear();
  const int req = ++request_;
  const std::string path = with_query("/exports", {{"page", std::to_string(std::max(1, page))},
                                                   {"page_size", std::to_string(page_size_)}});
  app.request("GET", path, nullptr, [this, req, keep_scroll, &app](const ApiReply& r) {
    if (!accept_reply(app, r, req == request_, &loading_, &loaded_, &error_)) return;
    scroll_to_top_ = !keep_scroll;
    total_ = json_field::integer(r.body, "total");
    running_ = json_field::integer(r.body, "running");
    retention_days_ = json_field::integer(r.body, "retention_days", kDefaultExportRetentionDays);
    page_ = static_cast<int>(json_field::integer(r.body, "page", page_));
    rows_.clear();
    for (const auto& it : json_field::array(r.body, "items")) rows_.push_back(it.get<ExportJob>());
    refresh_at_ = 0;
    if (rows_.empty() && total_ > 0 && page_ > 1) load(app, static_cast<int>((total_ + page_size_ - 1) / page_size_), true);
  });
}

void ExportsScreen::download(App& app, const ExportJob& job) {
  downloading_ = job.id;
  notice_.clear();
  error_.clear();
  const std::string name = job.file_name;
  app.download("/exports/" + std::to_string(job.id) + "/download", name, [this, name, &app](const ApiReply& r) {
    downloading_ = 0;
    if (r.ok()) {
      notice_ = Message::of("web.exports.downloaded", {name});
      return;
    }
    error_ = r.unreachable() ? Message::of("web.exports.download_failed") : app.message_of(r);
    load(app, page_, true);  // e.g. removed meanwhile: the list shows it
  });
}

void ExportsScreen::draw_delete_dialog(App& app) {
  if (!widgets::begin_modal("##exports.delete.dlg", 460, &delete_open_)) return;
  const std::string name = export_job_name(delete_job_, app.lang);
  widgets::text(app.t("web.exports.delete_title"), theme::kFontTitle);
  ImGui::Dummy(px(0, 2));
  widgets::text_wrapped(app.tf("web.exports.delete_confirm", {name}));
  dialog_ui::refusal(delete_error_, app.lang, "exports.delete.error");
  ImGui::Dummy(px(0, 8));
  const int b = dialog_ui::buttons(app, "exports.delete", deleting_, "web.exports.delete", !deleting_);
  if (b < 0) ImGui::CloseCurrentPopup();
  if (b > 0 && !deleting_) {
    deleting_ = true;
    const int64_t id = delete_job_.id;
    app.request("DELETE", "/exports/" + std::to_string(id), nullptr, [this, name, &app](const ApiReply& r) {
      deleting_ = false;
      if (!r.ok() && r.code() != "exports.job.not_found") {
        delete_error_ = app.message_of(r);
        return;
      }
      delete_job_ = ExportJob{};
      notice_ = Message::of("web.exports.deleted", {name});
      load(app, page_, true);
    });
  }
  if (delete_job_.id == 0) ImGui::CloseCurrentPopup();
  widgets::end_modal();
}

}  // namespace ivd::web
