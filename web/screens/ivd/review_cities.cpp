// [SECTION] header: the province report, the national withdraw reason, 历史记录, the summary, 提交
// [SECTION] query form
// [SECTION] the table of cities (详情, 审核通过 / 审核不通过 / 审核撤回)
// [SECTION] requests and dialogs
#include "web/screens/ivd/review_cities.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/ivd/review_actions.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/list_widgets.hpp"
#include "web/platform/file_io.hpp"
#include "web/replies.hpp"
#include "web/screens/ivd/fill_files.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using review_ui::kControlHeight;
using theme::px;

std::string CityList::base_path() const {
  return "/ivd/projects/" + std::to_string(project_id_) + "/provinces/" + province_code_;
}

void CityList::draw(App& app, int64_t project_id, const std::string& province_code) {
  if (project_id != project_id_ || province_code != province_code_) {
    const int last = request_, last_upload = upload_request_;
    *this = CityList{};
    request_ = last + 1;
    upload_request_ = last_upload + 1;
    project_id_ = project_id;
    province_code_ = province_code;
  }
  if (!loaded_ && !loading_) search(app);
  const float w = ImGui::GetContentRegionAvail().x;
  draw_header(app, w);
  ImGui::Dummy(px(0, 4));
  draw_query(app, w);
  ImGui::Dummy(px(0, 4));
  const float h = std::max(px(200), ImGui::GetContentRegionAvail().y - px(4));
  widgets::begin_card("##review.c.results", ImGui::GetCursorScreenPos(), w, 18.0f, h);
  list_ui::total_text(app.tf("web.review.total", {std::to_string(rows_.size())}), "review.c.total");
  list_ui::show_notice(notice_, app.lang, "review.notice");
  list_ui::show_error(error_, app.lang, "review.error");
  draw_table(app, list_ui::table_height(false));
  widgets::end_card();
  draw_dialogs(app);
}

// [SECTION] header

void CityList::draw_header(App& app, float width) {
  widgets::begin_card("##review.prov.header", ImGui::GetCursorScreenPos(), width, 18.0f);
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  const float gap = px(28);
  widgets::text(has_province_ ? province_.province_name : province_code_, theme::kFontTitle);
  if (has_province_) {
    ImGui::SameLine(0, gap);
    review_ui::fact(app.t("web.review.province_status"), app.t("ivd.province_status." + province_.status),
                    "review.prov.status");
  }
  const float bw = px(96), ew = px(120);
  // 汇总数据导出 (IVD manual 报量项目审核 5): the province's PDF by 注册证, to print, sign, stamp and upload.
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - bw - px(8) - ew));
  if (widgets::secondary_button(app.label("web.docs.province_export", "review.prov.export").c_str(), ew, kControlHeight)) {
    notice_.clear();
    error_.clear();
    download_document(app, base_path() + "/certificates/pdf", [this](Message err, std::string name) {
      if (!err.empty()) error_ = std::move(err);
      else notice_ = Message::of("web.docs.downloaded", {name});
    });
  }
  ImGui::SameLine(0, px(8));
  if (widgets::secondary_button(app.label("web.review.events", "review.prov.events").c_str(), bw, kControlHeight))
    events_dialog_.open(app, base_path() + "/events", "ivd.province_status.",
                        app.tf("web.review.events_of", {has_province_ ? province_.province_name : province_code_}));
  if (has_province_) {
    review_ui::report_totals(app, province_.hospital_count, province_.sums, province_.submitted_at);
    // After a national 撤回 the province reads why (SPEC §2.5).
    if (!province_.withdraw_reason.empty()) {
      widgets::error_box(app.tf("web.review.withdraw_reason", {province_.withdraw_reason}));
      widgets::expose("review.prov.withdraw_reason", province_.withdraw_reason);
    }
    if (can_change_reviews_) draw_summary(app);
  }
  widgets::end_card();
}

void CityList::draw_summary(App& app) {
  ImGui::Dummy(px(0, 4));
  widgets::field_label(std::string(app.t("web.review.summary")) + " *");
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  const float bw = px(120);
  ImGui::BeginDisabled(summary_.uploading);
  if (widgets::secondary_button(app.label("web.review.summary_pick", "review.prov.upload").c_str(), bw, kControlHeight))
    upload(app);
  ImGui::EndDisabled();
  ImGui::SameLine(0, px(12));
  if (summary_.uploading) {
    ImGui::ProgressBar(static_cast<float>(summary_.progress), ImVec2(px(200), px(kControlHeight * 0.6f)));
  } else if (summary_.file_id) {
    widgets::text(summary_.name.empty() ? app.t("web.review.summary_on_file") : summary_.name, 0, theme::kSuccess);
    widgets::expose("review.prov.summary_name", summary_.name);
  } else {
    widgets::text(app.t("web.review.summary_none"), 0, theme::kTextMuted);
  }
  // 提交 at the right end of the upload line.
  const float sw = px(96);
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - sw));
  if (widgets::primary_button(app.label("web.review.submit", "review.prov.submit").c_str(), sw, kControlHeight)) {
    notice_.clear();
    summary_.error.clear();
    nlohmann::json body = {{"revision", province_.revision}};
    body["summary_file_id"] = summary_.file_id ? nlohmann::json(summary_.file_id) : nlohmann::json(nullptr);
    submit_dialog_.open(base_path() + "/submit", body,
                        app.tf("web.review.confirm.province_submit", {province_.province_name}), "city_code",
                        "city_name", "ivd.city_status.");
  }
  if (!summary_.error.empty()) widgets::field_error(summary_.error.text(app.lang), "review.prov.summary.error");
  if (!can_submit_) widgets::text(app.t("web.review.cities_not_approved_hint"), theme::kFontSmall, theme::kTextMuted);
}

void CityList::upload(App& app) {
  file_io::pick_file(".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg",
                     [this, &app](std::string name, std::string bytes) {
                       summary_.error.clear();
                       summary_.uploading = true;
                       summary_.progress = 0;
                       const int req = ++upload_request_;
                       app.upload_file(
                           "/ivd/files", name, bytes,
                           [this, req](double p) {
                             if (req == upload_request_) summary_.progress = p;
                           },
                           [this, req, name, &app](const ApiReply& r) {
                             if (req != upload_request_) return;
                             summary_.uploading = false;
                             if (!r.ok()) {
                               summary_.error = app.message_of(r);
                               return;
                             }
                             summary_.file_id = json_field::integer(r.body, "id");
                             summary_.name = json_field::str(r.body, "name");
                             if (summary_.name.empty()) summary_.name = name;
                           });
                     });
}

// [SECTION] query form

void CityList::draw_query(App& app, float width) {
  widgets::FormGrid grid = list_ui::begin_query("##review.c.query", width, review_ui::kQueryLayout);
  const bool entered = list_ui::query_text(grid, app.t("web.review.q.city"), "##review.q.city",
                                           app.t("web.review.q.city_hint"), &form_.name);
  list_ui::query_combo(grid, app.t("web.review.q.status"), "##review.q.city_status",
                       review_ui::status_options(app, "ivd.city_status.", city_status_ids()), &form_.status,
                       app.t("web.review.all"));
  const list_ui::QueryAction a = list_ui::end_query(grid, entered, app.label("web.review.search", "review.search"),
                                                    app.label("web.review.reset", "review.reset"));
  if (a.apply(form_)) {
    notice_.clear();
    sent_ = form_;
    search(app);
  }
}

// [SECTION] the table of cities

void CityList::draw_table(App& app, float height) {
  const float link_gap = px(12);
  const float actions_w = list_ui::text_width(app.t("web.review.detail")) +
                          review_ui::longest_actions(app, city_status_ids(), city_actions, link_gap) + px(12);
  if (!list_ui::begin_table("##review.c.table", 8, height)) return;
  list_ui::scroll_to_top(&scroll_top_);
  list_ui::setup_columns(app, {{"web.review.col.city", 1.3f},
                               list_ui::fixed_column("web.review.col.status",
                                                     review_ui::widest_label(app, "ivd.city_status.", city_status_ids())),
                               {"web.review.col.hospital_count", 0.7f},
                               {"web.review.col.last_year", 0.8f},
                               {"web.review.col.demand", 0.8f},
                               list_ui::fixed_column("web.review.col.submitted_at", review_ui::minutes_width()),
                               {"web.review.col.reason", 1.3f},
                               list_ui::fixed_column("web.review.col.actions", actions_w)});
  for (const CityReport& c : rows_) {
    ImGui::TableNextRow();
    ImGui::PushID(c.city_code.c_str());
    list_ui::cell(c.city_name);
    const std::string status(app.t("ivd.city_status." + c.status));
    list_ui::cell(status);
    widgets::expose(("review.c.status." + c.city_code).c_str(), status);
    list_ui::cell(list_ui::grouped(c.hospital_count));
    list_ui::cell(list_ui::grouped(c.sums.last_year));
    list_ui::cell(list_ui::grouped(c.sums.demand));
    list_ui::cell(review_ui::minutes(c.submitted_at));
    list_ui::cell(c.review_reason);
    ImGui::TableNextColumn();
    if (widgets::text_button(app.label("web.review.detail", "review.c.view." + c.city_code).c_str(), theme::kPrimary))
      app.navigate(app.route.with("city", c.city_code).with("view", "hospitals"));
    if (const auto a = review_ui::action_links(app, city_actions(c.status, can_change_reviews_), "review.c.",
                                               c.city_code, link_gap)) {
      notice_.clear();
      action_dialog_.open(*a, {"/ivd/projects/" + std::to_string(project_id_) + "/cities/" + c.city_code, c.city_name,
                               c.city_code, c.revision});
    }
    ImGui::PopID();
  }
  list_ui::end_table();
  if (rows_.empty()) review_ui::empty_message(app, loading_ || !loaded_);
}

// [SECTION] requests and dialogs

void CityList::search(App& app) {
  loading_ = true;
  error_.clear();
  const int req = ++request_;
  const std::string path = with_query(base_path() + "/cities", {{"name", sent_.name}, {"status", sent_.status}});
  app.request("GET", path, nullptr, [this, req, &app](const ApiReply& r) {
    if (!accept_reply(app, r, req == request_, &loading_, &loaded_, &error_)) return;
    try {
      province_ = r.body.at("province").get<ProvinceReport>();
      has_province_ = true;
      std::vector<CityReport> rows;
      for (const auto& it : json_field::array(r.body, "items")) rows.push_back(it.get<CityReport>());
      rows_ = std::move(rows);
    } catch (const std::exception&) {
      error_ = Message::of("web.review.bad_reply");
      return;
    }
    can_submit_ = json_field::boolean(r.body, "can_submit");
    can_change_reviews_ = json_field::boolean(r.body, "can_change_reviews");
    // The summary sent last time (a resubmission after 撤回) stays attached until another is uploaded.
    if (!summary_.file_id && !summary_.uploading && province_.summary_file_id) {
      summary_.file_id = *province_.summary_file_id;
      const int64_t fid = summary_.file_id;
      app.request("GET", "/ivd/files/" + std::to_string(fid), nullptr, [this, fid](const ApiReply& f) {
        if (f.ok() && summary_.file_id == fid) summary_.name = json_field::str(f.body, "name");
      });
    }
    scroll_top_ = true;
    for (const auto& c : rows_) action_dialog_.update_revision(c.city_code, c.revision);
  });
}

void CityList::draw_dialogs(App& app) {
  events_dialog_.draw(app);
  const ReviewOutcome outcomes[] = {action_dialog_.draw(app), submit_dialog_.draw(app)};
  for (const ReviewOutcome& o : outcomes) {
    if (!o.notice.empty()) notice_ = o.notice;
    if (!o.field_error.empty()) summary_.error = o.field_error;
    if (!o.jump.empty()) {  // a city that blocks 提交: open its hospitals
      app.navigate(app.route.with("city", o.jump).with("view", "hospitals"));
    } else if (o.reload) {
      search(app);
    }
  }
}

}  // namespace ivd::web
