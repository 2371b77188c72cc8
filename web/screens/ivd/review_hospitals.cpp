// [SECTION] header: the city report (status, totals), 历史记录, 提交
// [SECTION] query form and counts by status
// [SECTION] results: the table (row actions), paging
// [SECTION] requests and dialogs
#include "web/screens/ivd/review_hospitals.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/base/civil_time.hpp"
#include "core/ivd/review_actions.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using review_ui::kControlHeight;
using theme::px;

namespace {
constexpr int kPageSizes[] = {10, 20, 50, 100};
}  // namespace

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
    review_ui::fact(app.t("web.review.hospital_count"), review_ui::number(city_.hospital_count));
    ImGui::SameLine(0, gap);
    review_ui::fact(app.t("web.review.last_year_total"), review_ui::number(city_.sums.last_year),
                    "review.city.last_year_total");
    ImGui::SameLine(0, gap);
    review_ui::fact(app.t("web.review.demand_total"), review_ui::number(city_.sums.demand), "review.city.demand_total");
    ImGui::SameLine(0, gap);
    review_ui::fact(app.t("web.review.submitted_at"),
                    city_.submitted_at ? format_cst(*city_.submitted_at) : std::string());
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
  widgets::begin_card("##review.h.query", ImGui::GetCursorScreenPos(), width, 18.0f);
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = px(16);
  const int cols = std::clamp(static_cast<int>((avail + gap) / (px(220) + gap)), 2, 4);
  bool submit = false, reset = false;
  const ImGuiInputTextFlags enter = ImGuiInputTextFlags_EnterReturnsTrue;
  widgets::FormGrid grid(cols, avail, gap, px(8));
  grid.cell();
  widgets::field_label(app.t("web.review.q.name"));
  submit |= ImGui::InputTextWithHint("##review.q.name", app.t("web.review.q.name_hint").data(), &form_.name, enter);
  grid.cell();
  widgets::field_label(app.t("web.review.q.code"));
  submit |= ImGui::InputTextWithHint("##review.q.code", app.t("web.review.q.code_hint").data(), &form_.code, enter);
  grid.cell();
  widgets::field_label(app.t("web.review.q.status"));
  std::vector<widgets::ComboOption> statuses = {{"", std::string(app.t("web.review.all"))}};
  for (const std::string& s : sheet_status_ids()) statuses.push_back({s, std::string(app.t("ivd.sheet_status." + s))});
  widgets::combo("##review.q.status", statuses, &form_.status, app.t("web.review.all"));
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
  const std::string total = app.tf("web.review.total", {std::to_string(total_)});
  const float tw = widgets::text_size(total, theme::kFontSmall + 0.5f).x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - tw));
  widgets::text(total, theme::kFontSmall + 0.5f, theme::kTextMuted);
  widgets::expose("review.h.total", total);
  if (!notice_.empty()) {
    widgets::success_box(notice_.text(app.lang));
    widgets::expose("review.notice", notice_.text(app.lang));
  }
  if (!error_.empty()) {
    widgets::error_box(error_.text(app.lang));
    widgets::expose("review.error", error_.text(app.lang));
  }
  const float pager_h = px(kControlHeight) + ImGui::GetStyle().ItemSpacing.y;
  draw_table(app, std::max(px(120), ImGui::GetContentRegionAvail().y - pager_h));
  draw_pager(app);
  widgets::end_card();
}

void HospitalList::draw_table(App& app, float height) {
  const float link_gap = px(12);
  // Room for 查看 and the longest set of actions a row can have.
  float actions_w = ImGui::CalcTextSize(app.t("web.review.view").data()).x;
  if (own_view_) {
    float longest = 0;
    for (const std::string& s : sheet_status_ids()) {
      float w = 0;
      for (ReviewAction a : hospital_actions(s, true))
        w += ImGui::CalcTextSize(app.t("ivd.event." + std::string(review_action_id(a))).data()).x + link_gap;
      longest = std::max(longest, w);
    }
    actions_w += longest;
  }
  actions_w += px(4);
  if (!review_ui::begin_table("##review.h.table", 8, height)) return;
  if (scroll_top_) {
    ImGui::SetScrollY(0);
    scroll_top_ = false;
  }
  auto fixed = [](std::string_view widest) { return ImGui::CalcTextSize(widest.data(), widest.data() + widest.size()).x; };
  float status_w = 0;
  for (const std::string& st : sheet_status_ids()) status_w = std::max(status_w, fixed(app.t("ivd.sheet_status." + st)));
  const ImGuiTableColumnFlags fix = ImGuiTableColumnFlags_WidthFixed, grow = ImGuiTableColumnFlags_WidthStretch;
  ImGui::TableSetupColumn(app.t("web.review.col.code").data(), fix, fixed("H34010000001"));
  ImGui::TableSetupColumn(app.t("web.review.col.hospital").data(), grow, 1.8f);
  ImGui::TableSetupColumn(app.t("web.review.col.status").data(), fix, status_w);
  ImGui::TableSetupColumn(app.t("web.review.col.last_year").data(), grow, 0.7f);
  ImGui::TableSetupColumn(app.t("web.review.col.demand").data(), grow, 0.7f);
  ImGui::TableSetupColumn(app.t("web.review.col.submitted_at").data(), fix, fixed("2026-12-31 23:59"));
  ImGui::TableSetupColumn(app.t("web.review.col.reason").data(), grow, 1.1f);
  ImGui::TableSetupColumn(app.t("web.review.col.actions").data(), fix, actions_w);
  ImGui::TableHeadersRow();
  for (const HospitalReviewRow& h : rows_) {
    ImGui::TableNextRow();
    ImGui::PushID(static_cast<int>(h.hospital_id));
    review_ui::cell(h.hospital_code);
    review_ui::cell(h.hospital_name);
    const std::string status = std::string(app.t("ivd.sheet_status." + h.status));
    review_ui::cell(status);
    widgets::expose(("review.h.status." + h.hospital_code).c_str(), status);
    review_ui::cell(review_ui::number(h.sums.last_year));
    review_ui::cell(review_ui::number(h.sums.demand));
    review_ui::cell(h.submitted_at ? format_cst(*h.submitted_at).substr(0, 16) : std::string());
    review_ui::cell(h.review_reason);
    ImGui::TableNextColumn();
    if (widgets::text_button(app.label("web.review.view", "review.h.view." + h.hospital_code).c_str(),
                             theme::kPrimary)) {
      Route r = app.route.with("view", "sheet").with("hospital", std::to_string(h.hospital_id));
      app.navigate(r);
    }
    if (own_view_) {
      for (ReviewAction a : hospital_actions(h.status, can_change_reviews_)) {
        const std::string id(review_action_id(a));
        ImGui::SameLine(0, link_gap);
        const ImU32 color = a == ReviewAction::reject || a == ReviewAction::exclude ? theme::kError : theme::kPrimary;
        if (widgets::text_button(app.label("ivd.event." + id, "review.h." + id + "." + h.hospital_code).c_str(),
                                 color)) {
          notice_.clear();
          action_dialog_.open(a, {"/ivd/projects/" + std::to_string(project_id_) + "/hospitals/" +
                                      std::to_string(h.hospital_id),
                                  h.hospital_name, h.hospital_code, h.revision});
        }
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

void HospitalList::draw_pager(App& app) {
  const int pages = static_cast<int>(std::max<int64_t>(1, (total_ + page_size_ - 1) / page_size_));
  const std::string prev = app.label("web.review.prev", "review.h.prev");
  const std::string next = app.label("web.review.next", "review.h.next");
  const std::string where = app.tf("web.review.page", {std::to_string(page_), std::to_string(pages)});
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float combo_w = px(110);
  const float bw = px(80);
  const float total_w = combo_w + bw * 2 + ImGui::CalcTextSize(where.c_str()).x + gap * 4;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - total_w));
  std::vector<widgets::ComboOption> sizes;
  for (int s : kPageSizes) sizes.push_back({std::to_string(s), app.tf("web.review.page_size", {std::to_string(s)})});
  std::string size = std::to_string(page_size_);
  ImGui::SetNextItemWidth(combo_w);
  if (widgets::combo("##review.h.page_size", sizes, &size, "")) {
    page_size_ = std::stoi(size);
    search(app, 1);
  }
  ImGui::SameLine(0, gap);
  ImGui::BeginDisabled(page_ <= 1 || loading_);
  if (widgets::secondary_button(prev.c_str(), bw, kControlHeight)) search(app, page_ - 1);
  ImGui::EndDisabled();
  ImGui::SameLine(0, gap);
  widgets::text(where, 0, theme::kTextMuted);
  widgets::expose("review.h.page", where);
  ImGui::SameLine(0, gap);
  ImGui::BeginDisabled(page_ >= pages || loading_);
  if (widgets::secondary_button(next.c_str(), bw, kControlHeight)) search(app, page_ + 1);
  ImGui::EndDisabled();
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
    if (req != request_) return;
    loading_ = false;
    loaded_ = true;
    if (!r.ok()) {
      error_ = app.message_of(r);
      return;
    }
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
