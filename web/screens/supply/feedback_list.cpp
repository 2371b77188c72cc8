// [SECTION] query form
// [SECTION] results: 新增反馈 / 导出, 共 N 条, the table, paging
// [SECTION] requests
#include "web/screens/supply/feedback_list.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/base/base64.hpp"
#include "web/app.hpp"
#include "web/replies.hpp"
#include "web/json_fields.hpp"
#include "web/platform/file_io.hpp"
#include "web/screens/supply/supply_ui.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using supply_ui::kControlHeight;
using theme::px;

namespace {
constexpr ImU32 kAlertRowBg = IM_COL32(253, 232, 232, 255);  // a row at 剩余处理天数 0 or 未解决
}  // namespace

void FeedbackList::draw(App& app, const Route& route, const SupplyCaps& caps,
                        const std::function<void(const std::string&, const FeedbackRow&)>& open_action) {
  if (menu_.empty()) {
    menu_ = route.menu;
  } else if (menu_ != route.menu) {  // another menu's list: start afresh
    const int last = request_;
    *this = FeedbackList{};
    request_ = last + 1;
    menu_ = route.menu;
  }
  if (!loaded_ && !loading_) search(app, 1);
  // Back from a detail page or the form: the rows as they are now, on the same page.
  else if (loaded_ && !loading_ && last_frame_ != ImGui::GetFrameCount() - 1)
    search(app, page_, true);
  last_frame_ = ImGui::GetFrameCount();
  const float w = ImGui::GetContentRegionAvail().x;
  draw_query(app, w, caps);
  ImGui::Dummy(px(0, 4));
  const float h = std::max(px(220), ImGui::GetContentRegionAvail().y - px(4));
  draw_results(app, route, w, h, caps, open_action);
}

// [SECTION] query form

void FeedbackList::draw_query(App& app, float width, const SupplyCaps& caps) {
  widgets::begin_card("##supply.query", ImGui::GetCursorScreenPos(), width, 18.0f);
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = px(16);
  const int cols = std::clamp(static_cast<int>((avail + gap) / (px(200) + gap)), 2, 4);
  bool submit = false, reset = false;
  const ImGuiInputTextFlags enter = ImGuiInputTextFlags_EnterReturnsTrue;
  widgets::FormGrid grid(cols, avail, gap, px(8));

  // 反馈日期: from 至 to
  grid.cell();
  widgets::field_label(app.t("web.supply.q.date"));
  {
    const std::string_view to = app.t("web.supply.q.date_to");
    const float tw = ImGui::CalcTextSize(to.data(), to.data() + to.size()).x;
    const float sp = px(6);
    const float iw = (grid.width() - tw - 2 * sp) * 0.5f;
    ImGui::SetNextItemWidth(iw);
    submit |= ImGui::InputTextWithHint("##supply.q.from", app.t("web.supply.q.date_hint").data(), &form_.from, enter);
    ImGui::SameLine(0, sp);
    ImGui::AlignTextToFramePadding();
    widgets::text(to, 0, theme::kTextMuted);
    ImGui::SameLine(0, sp);
    ImGui::SetNextItemWidth(iw);
    submit |= ImGui::InputTextWithHint("##supply.q.to", app.t("web.supply.q.date_hint").data(), &form_.to, enter);
  }
  grid.cell();
  widgets::field_label(app.t("web.supply.f.serial"));
  submit |=
      ImGui::InputTextWithHint("##supply.q.serial", app.t("web.supply.q.serial_hint").data(), &form_.serial, enter);
  grid.cell();
  widgets::field_label(app.t("web.supply.f.product_name"));
  submit |=
      ImGui::InputTextWithHint("##supply.q.product", app.t("web.supply.q.contains").data(), &form_.product_name, enter);
  if (caps.shows_enterprise_columns) {
    grid.cell();
    widgets::field_label(app.t("web.supply.f.manufacturer"));
    submit |= ImGui::InputTextWithHint("##supply.q.manufacturer", app.t("web.supply.q.contains").data(),
                                       &form_.manufacturer, enter);
    grid.cell();
    widgets::field_label(app.t("web.supply.f.applicant"));
    submit |= ImGui::InputTextWithHint("##supply.q.applicant", app.t("web.supply.q.contains").data(), &form_.applicant,
                                       enter);
  }
  grid.cell();
  widgets::field_label(app.t("web.supply.f.status"));
  std::vector<widgets::ComboOption> statuses = {{"", std::string(app.t("web.supply.all"))}};
  for (std::string_view s : supply_statuses())  // core's statuses, in the order of the flow
    statuses.push_back({std::string(s), std::string(app.t(supply_status_label_id(s)))});
  widgets::combo("##supply.q.status", statuses, &form_.status, app.t("web.supply.all"));

  grid.cell(0);
  widgets::field_label(" ");
  const float bgap = ImGui::GetStyle().ItemSpacing.x;
  const float bw = std::min(px(96), (grid.width() - bgap) * 0.5f);
  submit |= widgets::primary_button(app.label("web.supply.search", "supply.search").c_str(), bw, kControlHeight);
  ImGui::SameLine(0, bgap);
  reset = widgets::secondary_button(app.label("web.supply.reset", "supply.reset").c_str(), bw, kControlHeight);
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

// [SECTION] results

void FeedbackList::draw_results(App& app, const Route& route, float width, float height, const SupplyCaps& caps,
                                const std::function<void(const std::string&, const FeedbackRow&)>& open_action) {
  widgets::begin_card("##supply.results", ImGui::GetCursorScreenPos(), width, 18.0f, height);
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  bool buttons = false;
  if (caps.can_add) {
    if (widgets::primary_button(app.label("web.supply.add", "supply.add").c_str(), 0, kControlHeight)) {
      notice_.clear();
      app.navigate(Route{route.menu, {{"view", "new"}}});
    }
    buttons = true;
  }
  if (caps.can_export) {
    if (buttons) ImGui::SameLine();
    if (widgets::primary_button(
            app.label(exporting_ ? "web.supply.exporting" : "web.supply.export", "supply.export").c_str(), 0,
            kControlHeight, !exporting_))
      export_csv(app);
    ImGui::SameLine();
    ImGui::BeginDisabled(exporting_);
    if (widgets::secondary_button(app.label("web.docs.export_xlsx", "supply.export.xlsx").c_str(), 0, kControlHeight))
      export_xlsx(app);
    ImGui::EndDisabled();
    buttons = true;
  }
  {
    const std::string total = app.tf("web.supply.total", {std::to_string(total_)});
    const float tw = widgets::text_size(total, theme::kFontSmall + 0.5f).x;
    if (buttons)
      ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - tw));
    else
      ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right - tw));
    widgets::text(total, theme::kFontSmall + 0.5f, theme::kTextMuted);
    widgets::expose("supply.total", total);
  }
  if (!notice_.empty()) {
    widgets::success_box(notice_.text(app.lang));
    widgets::expose("supply.notice", notice_.text(app.lang));
  }
  if (!error_.empty()) {
    widgets::error_box(error_.text(app.lang));
    widgets::expose("supply.error", error_.text(app.lang));
  }
  const float pager_h = px(kControlHeight) + ImGui::GetStyle().ItemSpacing.y;
  draw_table(app, route, std::max(px(120), ImGui::GetContentRegionAvail().y - pager_h), caps, open_action);
  supply_ui::pager(app, "supply.list", page_, page_size_, total_, loading_, [this, &app](int page, int size) {
    page_size_ = size;
    search(app, page);
  });
  widgets::end_card();
}

void FeedbackList::draw_table(App& app, const Route& route, float height, const SupplyCaps& caps,
                              const std::function<void(const std::string&, const FeedbackRow&)>& open_action) {
  const float link_gap = px(12);
  auto width_of = [](std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; };
  // Room for 查看 and the longest set of actions a row of this page has.
  float actions_w = width_of(app.t("web.supply.view"));
  {
    float longest = 0;
    for (const FeedbackRow& r : rows_) {
      float w = 0;
      for (const std::string& a : r.actions) w += width_of(app.t(supply_action_label_id(a))) + link_gap;
      longest = std::max(longest, w);
    }
    actions_w += longest + px(4);
  }
  float status_w = width_of(app.t(supply_status_label_id(supply_status::unresolved, true)));
  for (std::string_view s : supply_statuses())
    status_w = std::max(status_w, width_of(app.t(supply_status_label_id(s))));
  status_w += px(14);  // the dot

  const int columns = 7 + (caps.shows_enterprise_columns ? 2 : 0) + (caps.shows_hospital_columns ? 1 : 0);
  if (!supply_ui::begin_table("##supply.table", columns, height)) return;
  const ImGuiTableColumnFlags fix = ImGuiTableColumnFlags_WidthFixed, grow = ImGuiTableColumnFlags_WidthStretch;
  // A fixed column is as wide as its header or its widest value.
  auto fixed = [&](const char* header_id, std::string_view widest) {
    ImGui::TableSetupColumn(app.t(header_id).data(), ImGuiTableColumnFlags_WidthFixed,
                            std::max(width_of(app.t(header_id)), width_of(widest)));
  };
  fixed("web.supply.f.serial", "YP0000000");
  ImGui::TableSetupColumn(app.t("web.supply.f.product_name").data(), grow, 1.6f);
  if (caps.shows_enterprise_columns) {
    ImGui::TableSetupColumn(app.t("web.supply.f.manufacturer").data(), grow, 1.1f);
    ImGui::TableSetupColumn(app.t("web.supply.f.applicant").data(), grow, 1.1f);
  }
  if (caps.shows_hospital_columns) ImGui::TableSetupColumn(app.t("web.supply.f.hospital").data(), grow, 1.2f);
  ImGui::TableSetupColumn(app.t("web.supply.f.problem_type").data(), grow, 0.7f);
  fixed("web.supply.f.feedback_date", "2026-12-31");
  ImGui::TableSetupColumn(app.t("web.supply.f.status").data(), fix, status_w);
  fixed("web.supply.f.remaining_days", "00");
  ImGui::TableSetupColumn(app.t("web.supply.col.actions").data(), fix, actions_w);
  ImGui::TableHeadersRow();
  if (scroll_top_) {
    ImGui::SetScrollY(0);
    scroll_top_ = false;
  }
  for (const FeedbackRow& r : rows_) {
    ImGui::TableNextRow();
    const std::string id = std::to_string(r.id);
    ImGui::PushID(static_cast<int>(r.id));
    const bool alert = row_alert(r);  // core: 剩余处理天数 0, or 未解决
    if (alert) {
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, kAlertRowBg);
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, kAlertRowBg);
    }
    const ImU32 text_color = alert ? theme::kError : 0;
    supply_ui::cell(r.serial, text_color);
    widgets::expose(("supply.row.serial." + id).c_str(), r.serial);
    if (alert) widgets::expose(("supply.row.alert." + id).c_str(), "1");
    supply_ui::cell(r.product_name, text_color);
    if (caps.shows_enterprise_columns) {
      supply_ui::cell(r.manufacturer.value_or(""), text_color);
      supply_ui::cell(r.applicant.value_or(""), text_color);
    }
    if (caps.shows_hospital_columns) supply_ui::cell(r.hospital_name, text_color);
    supply_ui::cell(app.t(problem_type_label_id(r.problem_type)), text_color);
    supply_ui::cell(r.feedback_date, text_color);
    ImGui::TableNextColumn();
    widgets::status_text(app.t(row_status_label_id(r)), static_cast<int>(row_status_tone(r)),
                         ("supply.row.status." + id).c_str());
    widgets::expose(("supply.row.tone." + id).c_str(), std::to_string(static_cast<int>(row_status_tone(r))));
    supply_ui::cell(r.remaining_days ? std::to_string(*r.remaining_days) : std::string(),
                    r.remaining_days && *r.remaining_days == 0 ? theme::kError : text_color);
    widgets::expose(("supply.row.days." + id).c_str(), r.remaining_days ? std::to_string(*r.remaining_days) : "");
    ImGui::TableNextColumn();
    if (widgets::text_button(app.label("web.supply.view", "supply.row.view." + id).c_str(), theme::kPrimary)) {
      notice_.clear();
      app.navigate(Route{route.menu, {{"view", "detail"}, {"id", id}}});
    }
    for (const std::string& a : r.actions) {  // exactly what core offers the caller now
      ImGui::SameLine(0, link_gap);
      if (widgets::text_button(app.label(supply_action_label_id(a), "supply.row." + a + "." + id).c_str(),
                               theme::kPrimary)) {
        notice_.clear();
        if (a == supply_action::edit)
          app.navigate(Route{route.menu, {{"view", "edit"}, {"id", id}}});
        else
          open_action(a, r);
      }
    }
    ImGui::PopID();
  }
  supply_ui::end_table();
  if (rows_.empty())
    supply_ui::table_message(app.t(loading_ || !loaded_ ? "web.supply.loading" : "web.supply.empty"),
                             loading_ || !loaded_ ? nullptr : "supply.empty");
}

// [SECTION] requests

std::vector<std::pair<std::string, std::string>> FeedbackList::query_params() const {
  return {{"from", sent_.from},
          {"to", sent_.to},
          {"serial", sent_.serial},
          {"product_name", sent_.product_name},
          {"manufacturer", sent_.manufacturer},
          {"applicant", sent_.applicant},
          {"status", sent_.status}};
}

void FeedbackList::search(App& app, int page, bool keep_scroll) {
  loading_ = true;
  error_.clear();
  const int req = ++request_;
  auto params = query_params();
  params.push_back({"page", std::to_string(std::max(1, page))});
  params.push_back({"page_size", std::to_string(page_size_)});
  params.push_back({"menu", menu_});
  app.request("GET", with_query("/supply/feedback", params), nullptr,
              [this, req, keep_scroll, &app](const ApiReply& r) {
                if (!accept_reply(app, r, req == request_, &loading_, &loaded_, &error_)) return;
                FeedbackPage p;
                from_json(r.body, p);
                rows_ = std::move(p.items);
                total_ = p.total;
                page_ = static_cast<int>(std::max<int64_t>(1, p.page));
                scroll_top_ = !keep_scroll;
                // The page ran past the end (the list shrank since): the last page instead.
                if (rows_.empty() && total_ > 0 && page_ > 1)
                  search(app, static_cast<int>((total_ + page_size_ - 1) / page_size_));
              });
}

// 导出 (manual 中选药品供应问题反馈查看 2): the filtered rows as CSV (UTF-8 with BOM) made by the server,
// saved under its Chinese file name.
void FeedbackList::export_csv(App& app) {
  exporting_ = true;
  notice_.clear();
  error_.clear();
  auto params = query_params();
  params.push_back({"menu", menu_});
  app.request("GET", with_query("/supply/feedback/export", params), nullptr, [this, &app](const ApiReply& r) {
    exporting_ = false;
    if (!r.ok()) {
      error_ = app.message_of(r);
      return;
    }
    const std::string name = json_field::str(r.body, "filename");
    auto bytes = base64_decode(json_field::str(r.body, "csv_base64"));
    if (name.empty() || !bytes) {
      error_ = Message::of("web.supply.bad_reply");
      return;
    }
    file_io::save_file(name, "text/csv;charset=utf-8", *bytes);
    notice_ = Message::of("web.supply.exported", {name});
  });
}

// 导出 as XLSX: the same rows, made by the server's document writer.
void FeedbackList::export_xlsx(App& app) {
  exporting_ = true;
  notice_.clear();
  error_.clear();
  auto params = query_params();
  params.push_back({"menu", menu_});
  download_document(app, with_query("/supply/feedback/export/xlsx", params), [this](Message err, std::string name) {
    exporting_ = false;
    if (!err.empty()) error_ = std::move(err);
    else notice_ = Message::of("web.supply.exported", {name});
  });
}

}  // namespace ivd::web
