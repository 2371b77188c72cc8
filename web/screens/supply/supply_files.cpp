#include "web/screens/supply/supply_files.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "core/base/base64.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/platform/file_io.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

namespace {
constexpr const char* kUploadPath = "/supply/files";
}  // namespace

void SupplyUpload::draw(App& app, const std::string& test_id, const char* label_id, bool enabled,
                        std::function<void(const FileRef&)> on_uploaded) {
  const bool needs_server = app.needs_server_now("POST", kUploadPath);
  ImGui::BeginDisabled(!enabled || uploading || needs_server);
  const bool pick = widgets::secondary_button(app.label(label_id, test_id + ".upload").c_str(), 0, 32.0f);
  ImGui::EndDisabled();
  if (needs_server) widgets::needs_server_note(app.t("offline.needs_server.short"), test_id + ".needs_server");
  if (pick) {
    error.clear();
    // In the frame of the click: the browser opens a picker only right after a gesture.
    file_io::pick_file(kSupplyFileAccept, [this, &app, on_uploaded](std::string name, std::string bytes) {
      uploading = true;
      progress = 0;
      picked_name = name;
      error.clear();
      app.upload_file(
          kUploadPath, name, bytes, [this](double f) { progress = f; },
          [this, &app, on_uploaded](const ApiReply& r) {
            uploading = false;
            if (!r.ok()) {
              error = app.message_of(r);
              return;
            }
            FileRef f;
            from_json(r.body, f);
            if (f.id <= 0) {
              error = Message::of("web.supply.bad_reply");
              return;
            }
            on_uploaded(f);
          });
    });
  }
  if (uploading) {
    ImGui::SameLine(0, px(12));
    const float w = std::min(px(220), std::max(px(100), ImGui::GetContentRegionAvail().x * 0.4f));
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(7));
    ImGui::ProgressBar(static_cast<float>(progress), ImVec2(w, px(18)), "");
    widgets::expose((test_id + ".progress").c_str(), std::to_string(static_cast<int>(progress * 100)));
    ImGui::SameLine(0, px(8));
    widgets::text(app.tf("web.supply.uploading", {picked_name, std::to_string(static_cast<int>(progress * 100))}),
                  theme::kFontSmall, theme::kTextMuted);
  }
  if (!error.empty()) widgets::field_error(error.text(app.lang), (test_id + ".error").c_str());
}

void supply_file_link(App& app, const FileRef& f, const std::string& test_id, std::function<void(Message)> on_error) {
  const std::string label = f.name + "##" + test_id;
  if (widgets::text_button(label.c_str(), theme::kPrimary)) download_supply_file(app, f.id, std::move(on_error));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.t("web.supply.download").data());
}

void download_supply_file(App& app, int64_t file_id, std::function<void(Message)> on_error) {
  app.request("GET", "/supply/files/" + std::to_string(file_id) + "/content", nullptr,
              [&app, on_error](const ApiReply& r) {
                if (!r.ok()) return on_error(app.message_of(r));
                auto bytes = base64_decode(json_field::str(r.body, "content_base64"));
                if (!bytes) return on_error(Message::of("web.supply.download_failed"));
                file_io::save_file(json_field::str(r.body, "name"), json_field::str(r.body, "content_type"), *bytes);
              });
}

std::string file_size_text(int64_t bytes) {
  char buf[32];
  if (bytes >= 1024 * 1024)
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  else
    std::snprintf(buf, sizeof buf, "%lld KB", static_cast<long long>((bytes + 1023) / 1024));
  return buf;
}

}  // namespace ivd::web
