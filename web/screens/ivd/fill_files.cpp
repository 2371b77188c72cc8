#include "web/screens/ivd/fill_files.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/base/base64.hpp"
#include "web/app.hpp"
#include "web/replies.hpp"
#include "web/json_fields.hpp"
#include "web/platform/file_io.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

void UploadSlot::draw(App& app, const std::string& test_id, const char* accept, const std::optional<FileRef>& current,
                      bool enabled, std::function<void(const FileRef&)> on_uploaded) {
  if (highlight) {
    ImGui::SetScrollHereY(0.3f);
    highlight = false;
  }
  const char* text_id = current ? "web.fill.reupload" : "web.fill.upload";
  const bool needs_server = app.needs_server_now("POST", "/ivd/files");
  ImGui::BeginDisabled(!enabled || uploading || needs_server);
  const bool pick = widgets::secondary_button(app.label(text_id, test_id + ".upload").c_str(), px(112), 32.0f);
  ImGui::EndDisabled();
  if (needs_server) widgets::needs_server_note(app.t("offline.needs_server.short"), test_id + ".needs_server");
  if (pick) {
    error.clear();
    // Called in the frame that handled the click: the browser still sees the clerk's gesture.
    file_io::pick_file(accept, [this, &app, on_uploaded](std::string name, std::string bytes) {
      uploading = true;
      progress = 0;
      picked_name = name;
      error.clear();
      app.upload_file("/ivd/files", name, bytes, [this](double f) { progress = f; },
                      [this, &app, on_uploaded](const ApiReply& r) {
                        uploading = false;
                        if (!r.ok()) {
                          error = app.message_of(r);
                          return;
                        }
                        FileRef f;
                        from_json(r.body, f);
                        on_uploaded(f);
                      });
    });
  }
  ImGui::SameLine(0, px(12));
  if (uploading) {
    const std::string pct = app.tf("web.fill.uploading", {picked_name, std::to_string(static_cast<int>(progress * 100))});
    const float w = std::min(px(260), std::max(px(120), ImGui::GetContentRegionAvail().x * 0.5f));
    ImGui::AlignTextToFramePadding();
    ImGui::ProgressBar(static_cast<float>(progress), ImVec2(w, px(18)), "");
    widgets::expose((test_id + ".progress").c_str(), std::to_string(static_cast<int>(progress * 100)));
    ImGui::SameLine(0, px(8));
    widgets::text(pct, theme::kFontSmall, theme::kTextMuted);
  } else if (current) {
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(6));
    const std::string label = current->name + "##" + test_id + ".file";
    if (widgets::text_button(label.c_str(), theme::kPrimary))
      download_stored_file(app, current->id, [this](Message m) { error = std::move(m); });
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.t("web.fill.download").data());
  } else {
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(6));
    widgets::text(app.t("web.fill.not_uploaded"), theme::kFontSmall, theme::kTextMuted);
    widgets::expose((test_id + ".file").c_str(), "");
  }
  if (!error.empty()) widgets::field_error(error.text(app.lang), (test_id + ".error").c_str());
}

void download_stored_file(App& app, int64_t file_id, std::function<void(Message)> on_error) {
  app.request("GET", "/ivd/files/" + std::to_string(file_id) + "/content", nullptr,
              [&app, on_error](const ApiReply& r) {
                if (!r.ok()) return on_error(app.message_of(r));
                auto bytes = base64_decode(json_field::str(r.body, "content_base64"));
                if (!bytes) return on_error(Message::of("web.fill.download_failed"));
                file_io::save_file(json_field::str(r.body, "name"), json_field::str(r.body, "content_type"), *bytes);
              });
}

int next_fill_request() {
  static int n = 0;
  return ++n;
}

void export_fill_data(App& app, int64_t project_id, std::function<void(Message, std::string)> on_done) {
  download_document(app, "/ivd/projects/" + std::to_string(project_id) + "/sheet/certificates/pdf", std::move(on_done));
}


}  // namespace ivd::web
