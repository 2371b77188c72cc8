#include "web/screens/supply/product_picker.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "web/app.hpp"
#include "web/replies.hpp"
#include "web/screens/supply/supply_ui.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using supply_ui::kControlHeight;
using theme::px;

namespace {
constexpr const char* kPopup = "##supply.picker.dlg";
}  // namespace

void ProductPicker::open(App& app) {
  const int last = request_;
  *this = ProductPicker{};
  request_ = last;
  open_request_ = true;
  focus_ = true;
  search(app, 1);
}

void ProductPicker::search(App& app, int page) {
  loading_ = true;
  error_.clear();
  const int req = ++request_;
  const std::string path = with_query("/supply/products", {{"serial", sent_serial_},
                                                           {"name", sent_name_},
                                                           {"manufacturer", sent_manufacturer_},
                                                           {"page", std::to_string(std::max(1, page))},
                                                           {"page_size", std::to_string(page_size_)}});
  app.request("GET", path, nullptr, [this, req, &app](const ApiReply& r) {
    if (!accept_reply(app, r, req == request_, &loading_, &loaded_, &error_)) return;
    ProductPage p;
    from_json(r.body, p);
    items_ = std::move(p.items);
    total_ = p.total;
    page_ = static_cast<int>(std::max<int64_t>(1, p.page));
    scroll_top_ = true;
  });
}

std::optional<Product> ProductPicker::draw(App& app) {
  if (!widgets::begin_modal(kPopup, 1040, &open_request_)) return std::nullopt;
  std::optional<Product> chosen;
  widgets::text(app.t("web.supply.picker.title"), theme::kFontTitle);
  widgets::text(app.t("web.supply.picker.hint"), theme::kFontSmall, theme::kTextMuted);
  ImGui::Dummy(px(0, 2));

  // The query: 流水号, 通用名, 生产企业, 查询 / 重置.
  {
    const float avail = ImGui::GetContentRegionAvail().x;
    const float gap = px(12);
    const int cols = avail > px(640) ? 4 : 2;
    widgets::FormGrid grid(cols, avail, gap, px(6));
    bool submit = false, reset = false;
    const ImGuiInputTextFlags enter = ImGuiInputTextFlags_EnterReturnsTrue;
    grid.cell();
    widgets::field_label(app.t("web.supply.f.serial"));
    if (focus_) {
      ImGui::SetKeyboardFocusHere();
      focus_ = false;
    }
    submit |=
        ImGui::InputTextWithHint("##supply.picker.q.serial", app.t("web.supply.q.serial_hint").data(), &serial_, enter);
    grid.cell();
    widgets::field_label(app.t("web.supply.f.generic_name"));
    submit |= ImGui::InputTextWithHint("##supply.picker.q.name", app.t("web.supply.q.contains").data(), &name_, enter);
    grid.cell();
    widgets::field_label(app.t("web.supply.f.manufacturer"));
    submit |= ImGui::InputTextWithHint("##supply.picker.q.manufacturer", app.t("web.supply.q.contains").data(),
                                       &manufacturer_, enter);
    grid.cell(0);
    widgets::field_label(" ");
    const float bgap = ImGui::GetStyle().ItemSpacing.x;
    const float bw = std::min(px(88), (grid.width() - bgap) * 0.5f);
    submit |=
        widgets::primary_button(app.label("web.supply.search", "supply.picker.search").c_str(), bw, kControlHeight);
    ImGui::SameLine(0, bgap);
    reset = widgets::secondary_button(app.label("web.supply.reset", "supply.picker.reset").c_str(), bw, kControlHeight);
    grid.end();
    if (reset) serial_.clear(), name_.clear(), manufacturer_.clear(), submit = true;
    if (submit) {
      sent_serial_ = serial_;
      sent_name_ = name_;
      sent_manufacturer_ = manufacturer_;
      search(app, 1);
    }
  }
  if (!error_.empty()) {
    widgets::error_box(error_.text(app.lang));
    widgets::expose("supply.picker.error", error_.text(app.lang));
  }

  // The list: a 备供 product is shown disabled with its reason.
  const float table_h = std::clamp(ImGui::GetMainViewport()->Size.y - px(330), px(160), px(460));
  auto width_of = [](std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; };
  const float act_w =
      std::max(width_of(app.t("web.supply.picker.choose")), width_of(app.t("web.supply.picker.backup"))) + px(8);
  if (supply_ui::begin_table("##supply.picker.table", 6, table_h)) {
    const ImGuiTableColumnFlags fix = ImGuiTableColumnFlags_WidthFixed, grow = ImGuiTableColumnFlags_WidthStretch;
    ImGui::TableSetupColumn(app.t("web.supply.f.serial").data(), fix, width_of("YP0000000"));
    ImGui::TableSetupColumn(app.t("web.supply.f.product_name").data(), grow, 1.8f);
    ImGui::TableSetupColumn(app.t("web.supply.f.manufacturer").data(), grow, 1.2f);
    ImGui::TableSetupColumn(app.t("web.supply.f.applicant").data(), grow, 1.2f);
    ImGui::TableSetupColumn(app.t("web.supply.f.batch").data(), grow, 1.0f);
    ImGui::TableSetupColumn(app.t("web.supply.col.actions").data(), fix, act_w);
    ImGui::TableHeadersRow();
    if (scroll_top_) {
      ImGui::SetScrollY(0);
      scroll_top_ = false;
    }
    for (const Product& p : items_) {
      ImGui::TableNextRow();
      ImGui::PushID(p.serial.c_str());
      const ImU32 c = p.backup ? theme::kTextMuted : 0;
      supply_ui::cell(p.serial, c);
      supply_ui::cell(p.product_name, c);
      supply_ui::cell(p.manufacturer, c);
      supply_ui::cell(p.applicant, c);
      supply_ui::cell(p.batch, c);
      ImGui::TableNextColumn();
      if (p.backup) {
        // Never selectable (manual 医疗机构 注意事项 1): disabled, with the reason on hover.
        ImGui::BeginDisabled();
        widgets::text_button(app.label("web.supply.picker.backup", "supply.picker.backup." + p.serial).c_str(),
                             theme::kTextMuted, false);
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
          ImGui::SetTooltip("%s", app.t("web.supply.picker.backup_reason").data());
      } else if (widgets::text_button(app.label("web.supply.picker.choose", "supply.picker.pick." + p.serial).c_str(),
                                      theme::kPrimary)) {
        chosen = p;
      }
      ImGui::PopID();
    }
    supply_ui::end_table();
    if (items_.empty())
      supply_ui::table_message(app.t(loading_ || !loaded_ ? "web.supply.loading" : "web.supply.picker.none"),
                               loading_ || !loaded_ ? nullptr : "supply.picker.empty");
  }
  widgets::text(app.t("web.supply.picker.backup_note"), theme::kFontSmall, theme::kTextMuted);
  supply_ui::pager(app, "supply.picker", page_, page_size_, total_, loading_, [this, &app](int page, int size) {
    page_size_ = size;
    search(app, page);
  });
  ImGui::Dummy(px(0, 4));
  const float bw = px(104);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - bw);
  const bool close = widgets::secondary_button(app.label("web.supply.close", "supply.picker.close").c_str(), bw, 38.0f);
  // Escape closes the picker only when nothing inside it (a drop-down, a field being edited) took it.
  const bool escape = widgets::modal_escape_pressed();
  if (close || escape || chosen) {
    ++request_;
    ImGui::CloseCurrentPopup();
  }
  widgets::end_modal();
  return chosen;
}

}  // namespace ivd::web
