#include "web/offline/link_badge.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>

#include <string>

#include "core/api/connection_status.hpp"
#include "core/offline/outbox.hpp"
#include "web/app.hpp"
#include "web/platform/kiosk_bridge.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

namespace {

// Set by a click on the badge, taken by draw_outbox_dialog in the same frame.
bool& outbox_open_request() {
  static bool open = false;
  return open;
}

}  // namespace

float draw_link_badge(App& app, float x, float y_center) {
  const LinkState& state = app.link();
  const Link link = link_of(state);
  const std::string text = link_text(app.lang, state);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::PushFont(nullptr, theme::kFontSmall);
  const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
  const float dot = px(4), pad = px(10);
  const ImVec2 size(pad + dot * 2 + px(6) + ts.x + pad, ts.y + px(8));
  const ImVec2 p0(x, y_center - size.y * 0.5f), p1(x + size.x, y_center + size.y * 0.5f);
  // A white pill on the blue bar, the dot and the text in the colour of the link's tone.
  const ImU32 tone = theme::kStatusTone[static_cast<int>(link_tone(link))];
  dl->AddRectFilled(p0, p1, IM_COL32(255, 255, 255, 235), size.y * 0.5f);
  dl->AddCircleFilled(ImVec2(p0.x + pad + dot, y_center), dot, tone);
  ImGui::SetCursorScreenPos(ImVec2(p0.x + pad + dot * 2 + px(6), y_center - ts.y * 0.5f));
  widgets::text(text, theme::kFontSmall, tone);
  widgets::expose("kiosk.link", text);
  // The whole pill opens the list of changes not yet sent.
  ImGui::SetCursorScreenPos(p0);
  const bool clicked = ImGui::InvisibleButton("##kiosk.link.open", size);
  if (ImGui::IsItemHovered()) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::SetTooltip("%s", std::string(app.t("kiosk.link.hint")).c_str());
  }
  ImGui::PopFont();
  if (clicked) outbox_open_request() = true;
  return size.x;
}

namespace {

StorageUse g_storage;
bool g_storage_known = false;

}  // namespace

void draw_outbox_dialog(App& app) {
  bool& request = outbox_open_request();
  if (request) kiosk_bridge::request_usage();  // what is stored, shown once the browser answered
  if (!widgets::begin_modal("##kiosk.outbox", 640, &request)) return;
  widgets::text(app.t("kiosk.outbox.title"), theme::kFontTitle);
  widgets::text_wrapped(app.t("kiosk.link.hint"));
  ApiClient& client = app.api_client();
  const Outbox* box = client.outbox();
  std::string retry, discard;
  if (!box || box->empty()) {
    widgets::text(app.t("kiosk.outbox.empty"), 0, theme::kTextMuted);
    widgets::expose("kiosk.outbox.empty", app.t("kiosk.outbox.empty"));
  } else {
    for (size_t i = 0; i < box->size(); ++i) {
      const OutboxEntry& e = box->entries()[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::Separator();
      const std::string label = outbox_entry_label(app.lang, e);
      const std::string state = outbox_entry_state(app.lang, *box, i);
      widgets::text(label);
      const std::string key = "kiosk.outbox." + std::to_string(i);
      widgets::expose(key.c_str(), label + " · " + state);
      widgets::text_wrapped(state, 0, e.refused() ? theme::kError : theme::kTextMuted);
      if (e.refused()) {
        if (e.refused_code == "revision.stale") widgets::text_wrapped(app.t("kiosk.outbox.conflict_hint"));
        if (widgets::secondary_button(app.label("kiosk.outbox.retry", "kiosk.outbox.retry." + std::to_string(i)).c_str(), 0, 30))
          retry = e.change_id;
        ImGui::SameLine();
        if (widgets::secondary_button(app.label("kiosk.outbox.discard", "kiosk.outbox.discard." + std::to_string(i)).c_str(), 0, 30))
          discard = e.change_id;
      }
      ImGui::PopID();
    }
  }
  ImGui::Separator();
  if (g_storage_known) {
    const std::string line = storage_text(app.lang, g_storage);
    widgets::text_wrapped(line, theme::kFontSmall, theme::kTextMuted);
    widgets::expose("kiosk.storage", line);
  }
  if (widgets::primary_button(app.label("kiosk.outbox.close", "kiosk.outbox.close").c_str(), 0, 32) ||
      widgets::modal_escape_pressed())
    ImGui::CloseCurrentPopup();
  widgets::end_modal();
  if (!retry.empty()) client.retry_change(retry);
  if (!discard.empty()) client.discard_change(discard);
}

}  // namespace ivd::web

extern "C" EMSCRIPTEN_KEEPALIVE void web_kiosk_usage(double copy, double outbox, double used, double quota) {
  ivd::web::g_storage = {static_cast<int64_t>(copy), static_cast<int64_t>(outbox), static_cast<int64_t>(used),
                         static_cast<int64_t>(quota)};
  ivd::web::g_storage_known = true;
}
