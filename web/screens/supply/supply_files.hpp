#pragma once
// Files of the supply feedback (docs/api-supply.md: POST /supply/files, GET /supply/files/{fid}/content):
// an upload button (the browser's file picker, a progress bar while the bytes go up, the refusal where
// the clerk acted) and stored files as links that download them under their own names.
#include <cstdint>
#include <functional>
#include <string>

#include "core/files/files.hpp"
#include "web/message.hpp"

namespace ivd::web {

class App;

// The kinds the server stores (PDF, PNG, JPEG, decided by content): the picker's filter.
inline constexpr const char* kSupplyFileAccept = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

struct SupplyUpload {
  bool uploading = false;
  double progress = 0;      // 0..1 while uploading
  std::string picked_name;  // the file on its way up
  Message error;            // the refusal of the upload

  // [label] button, then the progress while uploading; the error under it. test_id "supply.form.attach"
  // gives "supply.form.attach.upload", ".progress", ".error". on_uploaded(file) when the server stored it.
  // Call it from a screen or dialog that outlives the upload (the callbacks point at this slot).
  void draw(App& app, const std::string& test_id, const char* label_id, bool enabled,
            std::function<void(const FileRef&)> on_uploaded);
};

// A stored file as a link (its name); a click downloads it. on_error: the refusal, for the caller.
void supply_file_link(App& app, const FileRef& f, const std::string& test_id, std::function<void(Message)> on_error);

// GET /supply/files/{fid}/content, saved under the stored name.
void download_supply_file(App& app, int64_t file_id, std::function<void(Message)> on_error);

// "1.2 MB", "356 KB".
std::string file_size_text(int64_t bytes);

}  // namespace ivd::web
