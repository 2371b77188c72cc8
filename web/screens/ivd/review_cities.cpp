// [SECTION] header: the province report, the national withdraw reason, 历史记录, the summary, 提交
// [SECTION] query form
// [SECTION] the table of cities (详情, 审核通过 / 审核不通过 / 审核撤回)
// [SECTION] requests and dialogs
#include "web/screens/ivd/review_cities.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/base/civil_time.hpp"
#include "core/ivd/review_actions.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/platform/file_io.hpp"
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
  const std::string total = app.tf("web.review.total", {std::to_string(rows_.size())});
  widgets::text(total, theme::kFontSmall + 0.5f, theme::kTextMuted);
  widgets::expose("review.c.total", total);
  if (!notice_.empty()) {
    widgets::success_box(notice_.text(app.lang));
    widgets::expose("review.notice", notice_.text(app.lang));
  }
  if (!error_.empty()) {
    widgets::error_box(error_.text(app.lang));
    widgets::expose("review.error", error_.text(app.lang));
  }
  draw_table(app, std::max(px(120), ImGui::GetContentRegionAvail().y));
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
  const float bw = px(96);
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - bw));
  if (widgets::secondary_button(app.label("web.review.events", "review.prov.events").c_str(), bw, kControlHeight))
    events_dialog_.open(app, base_path() + "/events", "ivd.province_status.",
                        app.tf("web.review.events_of", {has_province_ ? province_.province_name : province_code_}));
  if (has_province_) {
    review_ui::fact(app.t("web.review.hospital_count"), review_ui::number(province_.hospital_count));
    ImGui::SameLine(0, gap);
    review_ui::fact(app.t("web.review.last_year_total"), review_ui::number(province_.sums.last_year));
    ImGui::SameLine(0, gap);
    review_ui::fact(app.t("web.review.demand_total"), review_ui::number(province_.sums.demand));
    ImGui::SameLine(0, gap);
    review_ui::fact(app.t("web.review.submitted_at"),
                    province_.submitted_at ? format_cst(*province_.submitted_at) : std::string());
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
  widgets::begin_card("##review.c.query", ImGui::GetCursorScreenPos(), width, 18.0f);
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = px(16);
  const int cols = std::clamp(static_cast<int>((avail + gap) / (px(220) + gap)), 2, 4);
  bool submit = false, reset = false;
  widgets::FormGrid grid(cols, avail, gap, px(8));
  grid.cell();
  widgets::field_label(app.t("web.review.q.city"));
  submit |= ImGui::InputTextWithHint("##review.q.city", app.t("web.review.q.city_hint").data(), &form_.name,
                                     ImGuiInputTextFlags_EnterReturnsTrue);
  grid.cell();
  widgets::field_label(app.t("web.review.q.status"));
  std::vector<widgets::ComboOption> statuses = {{"", std::string(app.t("web.review.all"))}};
  for (const std::string& s : city_status_ids()) statuses.push_back({s, std::string(app.t("ivd.city_status." + s))});
  widgets::combo("##review.q.city_status", statuses, &form_.status, app.t("web.review.all"));
  grid.cell(0);
  widgets::field_label(" ");
  const float bgap = ImGui::GetStyle().ItemSpacing.x;
  const float bw = std::min(px(96), (grid.width() - bgap) * 0.5f);
  submit |= widgets::primary_button(app.label("web.review.search", "review.search").c_str(), bw, kControlHeight);
  ImGui::SameLine(0, bgap);
  reset = widgets::secondary_button(app.label("web.review.reset", "review.reset").c_str(), bw, kControlHeight);
  grid.end();
  widgets::end_card();
  if (reset) {
    form_ = Query{};
    submit = true;
  }
  if (submit) {
    notice_.clear();
    sent_ = form_;
    search(app);
  }
}

// [SECTION] the table of cities

void CityList::draw_table(App& app, float height) {
  const float link_gap = px(12);
  float longest = 0;
  for (const std::string& s : city_status_ids()) {
    float w = 0;
    for (ReviewAction a : city_actions(s, true))
      w += ImGui::CalcTextSize(app.t("ivd.event." + std::string(review_action_id(a))).data()).x + link_gap;
    longest = std::max(longest, w);
  }
  const float actions_w = ImGui::CalcTextSize(app.t("web.review.detail").data()).x + longest + px(12);
  if (!review_ui::begin_table("##review.c.table", 8, height)) return;
  if (scroll_top_) {
    ImGui::SetScrollY(0);
    scroll_top_ = false;
  }
  auto fixed = [](std::string_view widest) { return ImGui::CalcTextSize(widest.data(), widest.data() + widest.size()).x; };
  float status_w = 0;
  for (const std::string& st : city_status_ids()) status_w = std::max(status_w, fixed(app.t("ivd.city_status." + st)));
  const ImGuiTableColumnFlags fix = ImGuiTableColumnFlags_WidthFixed, grow = ImGuiTableColumnFlags_WidthStretch;
  ImGui::TableSetupColumn(app.t("web.review.col.city").data(), grow, 1.3f);
  ImGui::TableSetupColumn(app.t("web.review.col.status").data(), fix, status_w);
  ImGui::TableSetupColumn(app.t("web.review.col.hospital_count").data(), grow, 0.7f);
  ImGui::TableSetupColumn(app.t("web.review.col.last_year").data(), grow, 0.8f);
  ImGui::TableSetupColumn(app.t("web.review.col.demand").data(), grow, 0.8f);
  ImGui::TableSetupColumn(app.t("web.review.col.submitted_at").data(), fix, fixed("2026-12-31 23:59"));
  ImGui::TableSetupColumn(app.t("web.review.col.reason").data(), grow, 1.3f);
  ImGui::TableSetupColumn(app.t("web.review.col.actions").data(), fix, actions_w);
  ImGui::TableHeadersRow();
  for (const CityReport& c : rows_) {
    ImGui::TableNextRow();
    ImGui::PushID(c.city_code.c_str());
    review_ui::cell(c.city_name);
    const std::string status(app.t("ivd.city_status." + c.status));
    review_ui::cell(status);
    widgets::expose(("review.c.status." + c.city_code).c_str(), status);
    review_ui::cell(review_ui::number(c.hospital_count));
    review_ui::cell(review_ui::number(c.sums.last_year));
    review_ui::cell(review_ui::number(c.sums.demand));
    review_ui::cell(c.submitted_at ? format_cst(*c.submitted_at).substr(0, 16) : std::string());
    review_ui::cell(c.review_reason);
    ImGui::TableNextColumn();
    if (widgets::text_button(app.label("web.review.detail", "review.c.view." + c.city_code).c_str(), theme::kPrimary))
      app.navigate(app.route.with("city", c.city_code).with("view", "hospitals"));
    for (ReviewAction a : city_actions(c.status, can_change_reviews_)) {
      const std::string id(review_action_id(a));
      ImGui::SameLine(0, link_gap);
      const ImU32 color = a == ReviewAction::reject ? theme::kError : theme::kPrimary;
      if (widgets::text_button(app.label("ivd.event." + id, "review.c." + id + "." + c.city_code).c_str(), color)) {
        notice_.clear();
        action_dialog_.open(a, {"/ivd/projects/" + std::to_string(project_id_) + "/cities/" + c.city_code, c.city_name,
                                c.city_code, c.revision});
      }
    }
    ImGui::PopID();
  }
  review_ui::end_table();
  if (rows_.empty()) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const std::string_view msg = app.t(loading_ || !loaded_ ? "web.review.loading" : "web.review.empty");
    const ImVec2 ts = ImGui::CalcTextSize(msg.data(), msg.data() + msg.size());
    ImGui::GetWindowDrawList()->AddText(ImVec2((a.x + b.x - ts.x) * 0.5f, a.y + std::min(px(80), (b.y - a.y) * 0.5f)),
                                        theme::kTextMuted, msg.data(), msg.data() + msg.size());
  }
}

// [SECTION] requests and dialogs

void CityList::search(App& app) {
  loading_ = true;
  error_.clear();
  const int req = ++request_;
  const std::string path = with_query(base_path() + "/cities", {{"name", sent_.name}, {"status", sent_.status}});
  app.request("GET", path, nullptr, [this, req, &app](const ApiReply& r) {
    if (req != request_) return;
    loading_ = false;
    loaded_ = true;
    if (!r.ok()) {
      error_ = app.message_of(r);
      return;
    }
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
