// [SECTION] header: the city report (status, totals), 历史记录, 提交
// [SECTION] query form and counts by status
// [SECTION] results: the table (row actions), paging
// [SECTION] requests and dialogs
#include "web/screens/ivd/review_hospitals.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/ivd/review_actions.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/list_widgets.hpp"
#include "web/replies.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using review_ui::kControlHeight;
using theme::px;

std::string HospitalList::base_path() const {
  return "/ivd/projects/" + std::to_string(project_id_) + "/cities/" + city_code_;
}

void HospitalList::draw(App& app, int64_t project_id, const std::string& city_code, bool own_view) {
  if (project_id != project_id_ || city_code != city_code_ || own_view != own_view_) {
    const int last = request_;
    *this = HospitalList{};
    request_ = last + 1;  // replies for the last city no longer concern this one
    project_id_ = project_id;
    city_code_ = city_code;
    own_view_ = own_view;
  }
  if (!loaded_ && !loading_) search(app, 1);
  const float w = ImGui::GetContentRegionAvail().x;
  draw_header(app, w);
  ImGui::Dummy(px(0, 4));
  draw_query(app, w);
  ImGui::Dummy(px(0, 4));
  const float h = std::max(px(220), ImGui::GetContentRegionAvail().y - px(4));
  draw_results(app, w, h);
  draw_dialogs(app);
}

// [SECTION] header

void HospitalList::draw_header(App& app, float width) {
  widgets::begin_card("##review.city.header", ImGui::GetCursorScreenPos(), width, 18.0f);
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  widgets::text(has_city_ ? city_.city_name : city_code_, theme::kFontTitle);
  const float gap = px(28);
  if (has_city_) {
    ImGui::SameLine(0, gap);
    review_ui::fact(app.t("web.review.city_status"), app.t(city_status_label_id(city_.status, own_view_)),
                    "review.city.status");
  }
  // The buttons at the right end of the title line.
  const std::string events = app.label("web.review.events", "review.city.events");
  const std::string submit = app.label("web.review.submit", "review.city.submit");
  const bool offers_submit = own_view_ && can_change_reviews_;
  const float bw = px(96);
  const float buttons_w = bw + (offers_submit ? bw + ImGui::GetStyle().ItemSpacing.x : 0);
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - buttons_w));
  if (widgets::secondary_button(events.c_str(), bw, kControlHeight))
    events_dialog_.open(app, base_path() + "/events", "ivd.city_status.",
                        app.tf("web.review.events_of", {has_city_ ? city_.city_name : city_code_}));
  if (offers_submit) {
    ImGui::SameLine();
    if (widgets::primary_button(submit.c_str(), bw, kControlHeight)) {
      notice_.clear();
      submit_dialog_.open(base_path() + "/submit", {{"revision", city_.revision}},
                          app.tf("web.review.confirm.city_submit", {city_.city_name}), "hospital_code",
                          "hospital_name", "ivd.sheet_status.");
    }
  }
  if (has_city_) {
    review_ui::report_totals(app, city_.hospital_count, city_.sums, city_.submitted_at, "review.city.last_year_total",
                             "review.city.demand_total");
    if (!city_.review_reason.empty()) {
      widgets::error_box(app.tf(own_view_ ? "web.review.upper_reason" : "web.review.reason_is", {city_.review_reason}));
      widgets::expose("review.city.reason", city_.review_reason);
    }
    if (own_view_ && can_change_reviews_ && !can_submit_)
      widgets::text(app.t("web.review.not_all_approved_hint"), theme::kFontSmall, theme::kTextMuted);
    if (own_view_ && !can_change_reviews_)
      widgets::text(app.t("web.review.city_closed_hint"), theme::kFontSmall, theme::kTextMuted);
  }
  widgets::end_card();
}

// [SECTION] query form and counts by status

void HospitalList::draw_query(App& app, float width) {
  widgets::FormGrid grid = list_ui::begin_query("##review.h.query", width, review_ui::kQueryLayout);
  bool entered = list_ui::query_text(grid, app.t("web.review.q.name"), "##review.q.name",
                                     app.t("web.review.q.name_hint"), &form_.name);
  entered |= list_ui::query_text(grid, app.t("web.review.q.code"), "##review.q.code", app.t("web.review.q.code_hint"),
                                 &form_.code);
  list_ui::query_combo(grid, app.t("web.review.q.status"), "##review.q.status",
                       review_ui::status_options(app, "ivd.sheet_status.", sheet_status_ids()), &form_.status,
                       app.t("web.review.all"));
  const list_ui::QueryAction a = list_ui::end_query(grid, entered, app.label("web.review.search", "review.search"),
                                                    app.label("web.review.reset", "review.reset"));
  if (a.apply(form_)) {
    notice_.clear();
    sent_ = form_;
    search(app, 1);
  }
}

// Counts by status: a click shows that status only (全部: every status).
void HospitalList::draw_counts(App& app) {
  int64_t all = 0;
  for (const auto& [s, n] : counts_) all += n;
  auto chip = [&](const std::string& key, const std::string& text, int64_t n) {
    const std::string label = text + " " + std::to_string(n) + "##review.count." + (key.empty() ? "all" : key);
    const bool active = sent_.status == key;
    const bool clicked = active ? widgets::primary_button(label.c_str(), 0, 28.0f)
                                : widgets::secondary_button(label.c_str(), 0, 28.0f);
    if (clicked) {
      form_.status = key;
      sent_.status = key;
      search(app, 1);
    }
  };
  chip("", std::string(app.t("web.review.all")), all);
  for (const std::string& s : sheet_status_ids()) {
    ImGui::SameLine(0, px(8));
    chip(s, std::string(app.t("ivd.sheet_status." + s)), counts_.count(s) ? counts_[s] : 0);
  }
}

// [SECTION] results

void HospitalList::draw_results(App& app, float width, float height) {
  widgets::begin_card("##review.h.results", ImGui::GetCursorScreenPos(), width, 18.0f, height);
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  draw_counts(app);
  list_ui::total_text_right(right, app.tf("web.review.total", {std::to_string(total_)}), "review.h.total");
  list_ui::show_notice(notice_, app.lang, "review.notice");
  list_ui::show_error(error_, app.lang, "review.error");
  draw_table(app, list_ui::table_height(true));
  const list_ui::PagerLook pager_look{"web.review", true, 110, 80};
  if (const int page = list_ui::pager(app, "review.h", page_, &page_size_, total_, loading_, pager_look))
    search(app, page);
  widgets::end_card();
}

void HospitalList::draw_table(App& app, float height) {
  const float link_gap = px(12);
  // Room for 查看 and the longest set of actions a row can have.
  const float actions_w =
      list_ui::text_width(app.t("web.review.view")) +
      (own_view_ ? review_ui::longest_actions(app, sheet_status_ids(), hospital_actions, link_gap) : 0.0f) + px(4);
  if (!list_ui::begin_table("##review.h.table", 8, height)) return;
  list_ui::scroll_to_top(&scroll_top_);
  list_ui::setup_columns(app, {list_ui::fixed_column("web.review.col.code", list_ui::text_width("H34010000001")),
                               {"web.review.col.hospital", 1.8f},
                               list_ui::fixed_column("web.review.col.status",
                                                     review_ui::widest_label(app, "ivd.sheet_status.", sheet_status_ids())),
                               {"web.review.col.last_year", 0.7f},
                               {"web.review.col.demand", 0.7f},
                               list_ui::fixed_column("web.review.col.submitted_at", review_ui::minutes_width()),
                               {"web.review.col.reason", 1.1f},
                               list_ui::fixed_column("web.review.col.actions", actions_w)});
  for (const HospitalReviewRow& h : rows_) {
    ImGui::TableNextRow();
    ImGui::PushID(static_cast<int>(h.hospital_id));
    list_ui::cell(h.hospital_code);
    list_ui::cell(h.hospital_name);
    const std::string status = std::string(app.t("ivd.sheet_status." + h.status));
    list_ui::cell(status);
    widgets::expose(("review.h.status." + h.hospital_code).c_str(), status);
    list_ui::cell(list_ui::grouped(h.sums.last_year));
    list_ui::cell(list_ui::grouped(h.sums.demand));
    list_ui::cell(review_ui::minutes(h.submitted_at));
    list_ui::cell(h.review_reason);
    ImGui::TableNextColumn();
    if (widgets::text_button(app.label("web.review.view", "review.h.view." + h.hospital_code).c_str(),
                             theme::kPrimary)) {
      Route r = app.route.with("view", "sheet").with("hospital", std::to_string(h.hospital_id));
      app.navigate(r);
    }
    if (own_view_) {
      if (const auto a = review_ui::action_links(app, hospital_actions(h.status, can_change_reviews_), "review.h.",
                                                 h.hospital_code, link_gap)) {
        notice_.clear();
        action_dialog_.open(*a, {"/ivd/projects/" + std::to_string(project_id_) + "/hospitals/" +
                                     std::to_string(h.hospital_id),
                                 h.hospital_name, h.hospital_code, h.revision});
      }
    }
    ImGui::PopID();
  }
  list_ui::end_table();
  if (rows_.empty()) review_ui::empty_message(app, loading_ || !loaded_);
}

// [SECTION] requests and dialogs

void HospitalList::search(App& app, int page) {
  loading_ = true;
  error_.clear();
  const int req = ++request_;
  const std::string path = with_query(base_path() + "/hospitals", {{"name", sent_.name},
                                                                   {"code", sent_.code},
                                                                   {"status", sent_.status},
                                                                   {"page", std::to_string(std::max(1, page))},
                                                                   {"page_size", std::to_string(page_size_)}});
  app.request("GET", path, nullptr, [this, req, &app](const ApiReply& r) {
    if (!accept_reply(app, r, req == request_, &loading_, &loaded_, &error_)) return;
    try {
      city_ = r.body.at("city").get<CityReport>();
      has_city_ = true;
      counts_.clear();
      for (const auto& [k, v] : r.body.at("counts").items())
        if (v.is_number_integer()) counts_[k] = v.get<int64_t>();
      std::vector<HospitalReviewRow> rows;
      for (const auto& it : json_field::array(r.body, "items")) rows.push_back(it.get<HospitalReviewRow>());
      rows_ = std::move(rows);
    } catch (const std::exception&) {
      error_ = Message::of("web.review.bad_reply");
      return;
    }
    can_submit_ = json_field::boolean(r.body, "can_submit");
    can_change_reviews_ = json_field::boolean(r.body, "can_change_reviews");
    total_ = json_field::integer(r.body, "total");
    scroll_top_ = true;
    page_ = static_cast<int>(json_field::integer(r.body, "page", 1));
    for (const auto& h : rows_) action_dialog_.update_revision(h.hospital_code, h.revision);
    if (rows_.empty() && total_ > 0 && page_ > 1) search(app, static_cast<int>((total_ + page_size_ - 1) / page_size_));
  });
}

void HospitalList::draw_dialogs(App& app) {
  events_dialog_.draw(app);
  const ReviewOutcome outcomes[] = {action_dialog_.draw(app), submit_dialog_.draw(app)};
  for (const ReviewOutcome& o : outcomes) {
    if (!o.notice.empty()) notice_ = o.notice;
    if (!o.jump.empty()) {  // a hospital that blocks 提交: show it
      form_ = Query{};
      form_.code = o.jump;
      sent_ = form_;
      search(app, 1);
    } else if (o.reload) {
      search(app, page_);
    }
  }
}

}  // namespace ivd::web
