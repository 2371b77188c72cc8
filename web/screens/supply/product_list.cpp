// [SECTION] query form
// [SECTION] results: 导入, 共 N 条, the table, paging
// [SECTION] import and its report
#include "web/screens/supply/product_list.hpp"

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

void ProductList::draw(App& app) {
  if (!loaded_ && !loading_) search(app, 1);
  const float w = ImGui::GetContentRegionAvail().x;
  draw_query(app, w);
  ImGui::Dummy(px(0, 4));
  draw_results(app, w, std::max(px(220), ImGui::GetContentRegionAvail().y - px(4)));
  draw_report(app);
}

// [SECTION] query form

void ProductList::draw_query(App& app, float width) {
  widgets::begin_card("##supply.products.query", ImGui::GetCursorScreenPos(), width, 18.0f);
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = px(16);
  const int cols = std::clamp(static_cast<int>((avail + gap) / (px(190) + gap)), 2, 5);
  bool submit = false, reset = false;
  const ImGuiInputTextFlags enter = ImGuiInputTextFlags_EnterReturnsTrue;
  widgets::FormGrid grid(cols, avail, gap, px(8));
  grid.cell();
  widgets::field_label(app.t("web.supply.f.serial"));
  submit |= ImGui::InputTextWithHint("##supply.products.q.serial", app.t("web.supply.q.serial_hint").data(),
                                     &form_.serial, enter);
  grid.cell();
  widgets::field_label(app.t("web.supply.f.generic_name"));
  submit |=
      ImGui::InputTextWithHint("##supply.products.q.name", app.t("web.supply.q.contains").data(), &form_.name, enter);
  grid.cell();
  widgets::field_label(app.t("web.supply.f.manufacturer"));
  submit |= ImGui::InputTextWithHint("##supply.products.q.manufacturer", app.t("web.supply.q.contains").data(),
                                     &form_.manufacturer, enter);
  grid.cell();
  widgets::field_label(app.t("web.supply.f.batch"));
  submit |=
      ImGui::InputTextWithHint("##supply.products.q.batch", app.t("web.supply.q.contains").data(), &form_.batch, enter);
  grid.cell(0);
  widgets::field_label(" ");
  const float bgap = ImGui::GetStyle().ItemSpacing.x;
  const float bw = std::min(px(96), (grid.width() - bgap) * 0.5f);
  submit |=
      widgets::primary_button(app.label("web.supply.search", "supply.products.search").c_str(), bw, kControlHeight);
  ImGui::SameLine(0, bgap);
  reset = widgets::secondary_button(app.label("web.supply.reset", "supply.products.reset").c_str(), bw, kControlHeight);
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

void ProductList::draw_results(App& app, float width, float height) {
  widgets::begin_card("##supply.products.results", ImGui::GetCursorScreenPos(), width, 18.0f, height);
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  if (widgets::primary_button(app.label(importing_ ? "web.supply.products.importing" : "web.supply.products.import",
                                        "supply.products.import")
                                  .c_str(),
                              0, kControlHeight, !importing_))
    file_io::pick_file(".csv,text/csv",
                       [this, &app](std::string name, std::string bytes) { import_csv(app, name, bytes); });
  ImGui::SameLine();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(7));
  widgets::text(app.t("web.supply.products.import_hint"), theme::kFontSmall, theme::kTextMuted);
  {
    const std::string total = app.tf("web.supply.products.total", {std::to_string(total_)});
    const float tw = widgets::text_size(total, theme::kFontSmall + 0.5f).x;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX() + px(16), right - tw));
    widgets::text(total, theme::kFontSmall + 0.5f, theme::kTextMuted);
    widgets::expose("supply.products.total", total);
  }
  if (!notice_.empty()) {
    widgets::success_box(notice_.text(app.lang));
    widgets::expose("supply.products.notice", notice_.text(app.lang));
  }
  if (!error_.empty()) {
    widgets::error_box(error_.text(app.lang));
    widgets::expose("supply.products.error", error_.text(app.lang));
  }
  const float pager_h = px(kControlHeight) + ImGui::GetStyle().ItemSpacing.y;
  auto width_of = [](std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; };
  if (supply_ui::begin_table("##supply.products.table", 8,
                             std::max(px(120), ImGui::GetContentRegionAvail().y - pager_h))) {
    const ImGuiTableColumnFlags fix = ImGuiTableColumnFlags_WidthFixed, grow = ImGuiTableColumnFlags_WidthStretch;
    ImGui::TableSetupColumn(app.t("web.supply.f.serial").data(), fix, width_of("YP0000000"));
    ImGui::TableSetupColumn(app.t("web.supply.f.generic_name").data(), grow, 1.2f);
    ImGui::TableSetupColumn(app.t("web.supply.f.dosage_form").data(), grow, 0.6f);
    ImGui::TableSetupColumn(app.t("web.supply.f.spec").data(), grow, 0.9f);
    ImGui::TableSetupColumn(app.t("web.supply.f.manufacturer").data(), grow, 1.3f);
    ImGui::TableSetupColumn(app.t("web.supply.f.applicant").data(), grow, 1.3f);
    ImGui::TableSetupColumn(app.t("web.supply.f.batch").data(), grow, 1.2f);
    ImGui::TableSetupColumn(app.t("web.supply.products.backup").data(), fix,
                            std::max(width_of(app.t("web.supply.products.backup")), width_of(app.t("web.supply.yes"))));
    ImGui::TableHeadersRow();
    if (scroll_top_) {
      ImGui::SetScrollY(0);
      scroll_top_ = false;
    }
    for (const Product& p : rows_) {
      ImGui::TableNextRow();
      ImGui::PushID(p.serial.c_str());
      supply_ui::cell(p.serial);
      widgets::expose(("supply.products.row." + p.serial).c_str(), p.product_name);
      supply_ui::cell(p.generic_name);
      supply_ui::cell(p.dosage_form);
      supply_ui::cell(p.spec);
      supply_ui::cell(p.manufacturer);
      supply_ui::cell(p.applicant);
      supply_ui::cell(p.batch);
      supply_ui::cell(p.backup ? app.t("web.supply.yes") : std::string_view(), p.backup ? theme::kError : 0);
      ImGui::PopID();
    }
    supply_ui::end_table();
    if (rows_.empty())
      supply_ui::table_message(app.t(loading_ || !loaded_ ? "web.supply.loading" : "web.supply.empty"),
                               loading_ || !loaded_ ? nullptr : "supply.products.empty");
  }
  supply_ui::pager(app, "supply.products", page_, page_size_, total_, loading_, [this, &app](int page, int size) {
    page_size_ = size;
    search(app, page);
  });
  widgets::end_card();
}

void ProductList::search(App& app, int page) {
  loading_ = true;
  error_.clear();
  const int req = ++request_;
  const std::string path = with_query("/supply/products", {{"serial", sent_.serial},
                                                           {"name", sent_.name},
                                                           {"manufacturer", sent_.manufacturer},
                                                           {"batch", sent_.batch},
                                                           {"page", std::to_string(std::max(1, page))},
                                                           {"page_size", std::to_string(page_size_)}});
  app.request("GET", path, nullptr, [this, req, &app](const ApiReply& r) {
    if (!accept_reply(app, r, req == request_, &loading_, &loaded_, &error_)) return;
    ProductPage p;
    from_json(r.body, p);
    rows_ = std::move(p.items);
    total_ = p.total;
    page_ = static_cast<int>(std::max<int64_t>(1, p.page));
    scroll_top_ = true;
  });
}

// [SECTION] import and its report

void ProductList::import_csv(App& app, const std::string& name, const std::string& bytes) {
  importing_ = true;
  notice_.clear();
  error_.clear();
  app.request(
      "POST", "/supply/products/import", {{"csv_base64", base64_encode(bytes)}}, [this, name, &app](const ApiReply& r) {
        importing_ = false;
        if (!r.ok()) {
          const nlohmann::json details =
              r.body.is_object() && r.body.contains("details") ? r.body["details"] : nlohmann::json();
          const nlohmann::json& list = json_field::array(details, "issues");
          if (list.empty()) {
            error_ = app.message_of(r);
            return;
          }
          issues_.clear();
          for (const auto& d : list)
            issues_.push_back({json_field::integer(d, "line"), json_field::str(d, "column"), json_field::str(d, "code"),
                               Message::server(json_field::str(d, "message_zh"), json_field::str(d, "message_en"))});
          report_file_ = name;
          report_message_ = app.message_of(r);
          report_open_ = true;
          return;
        }
        ProductImportCounts c;
        from_json(r.body, c);
        notice_ = Message::of("web.supply.products.imported", {name, std::to_string(c.inserted),
                                                               std::to_string(c.updated), std::to_string(c.unchanged)});
        search(app, 1);
      });
}

void ProductList::draw_report(App& app) {
  if (!widgets::begin_modal("##supply.import.dlg", 860, &report_open_)) return;
  widgets::text(app.t("web.supply.products.report_title"), theme::kFontTitle);
  widgets::text(report_file_, theme::kFontSmall, theme::kTextMuted);
  ImGui::Dummy(px(0, 2));
  widgets::error_box(report_message_.text(app.lang));
  widgets::expose("supply.import.error", report_message_.text(app.lang));
  const std::string count = app.tf("web.supply.products.issue_count", {std::to_string(issues_.size())});
  widgets::text(count, theme::kFontSmall, theme::kTextMuted);
  widgets::expose("supply.import.issue_count", count);
  const float h = std::min(px(360), ImGui::GetMainViewport()->Size.y * 0.5f);
  if (supply_ui::begin_table("##supply.import.issues", 3, h)) {
    ImGui::TableSetupColumn(app.t("web.supply.products.col.line").data(), ImGuiTableColumnFlags_WidthStretch, 0.4f);
    ImGui::TableSetupColumn(app.t("web.supply.products.col.column").data(), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(app.t("web.supply.products.col.message").data(), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(issues_.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const Issue& is = issues_[static_cast<size_t>(i)];
        ImGui::TableNextRow();
        supply_ui::cell(std::to_string(is.line));
        widgets::expose(("supply.import.issue." + std::to_string(i)).c_str(),
                        std::to_string(is.line) + "|" + is.column + "|" + is.code);
        supply_ui::cell(is.column);
        supply_ui::cell(is.message.text(app.lang), theme::kError);
      }
    supply_ui::end_table();
  }
  ImGui::Dummy(px(0, 6));
  const float bw = px(104);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - bw);
  if (widgets::primary_button(app.label("web.supply.close", "supply.import.close").c_str(), bw, 38.0f) ||
      widgets::modal_escape_pressed())
    ImGui::CloseCurrentPopup();
  widgets::end_modal();
}

}  // namespace ivd::web
