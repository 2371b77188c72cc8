#pragma once
// Files on the hospital's pages: an upload slot (the browser's file picker, a progress bar while the
// bytes go up, the stored file as a download link, the refusal where the clerk acted), downloads of a
// stored file under its own name, and the documents the server makes at once (填报数据导出 PDF, 承诺书模板).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/ivd/files.hpp"
#include "web/message.hpp"

namespace ivd::web {

class App;

struct UploadSlot {
  bool uploading = false;
  double progress = 0;      // 0..1 while uploading
  std::string picked_name;  // the file on its way up
  Message error;            // refusal of the upload, or of attaching the uploaded file
  bool highlight = false;   // scrolled to from the list of what is missing: drawn framed once

  // One row: [上传] (or 重新上传 when a file is there), the stored file as a link that downloads it, the
  // progress bar while uploading, the error under it. accept: the picker's filter, e.g. ".pdf".
  // on_uploaded(file) runs when the server stored the bytes (attach it to the sheet there).
  // test_id: "fill.commitment" gives "fill.commitment.upload", ".file", ".progress", ".error".
  void draw(App& app, const std::string& test_id, const char* accept, const std::optional<FileRef>& current,
            bool enabled, std::function<void(const FileRef&)> on_uploaded);
};

// GET /ivd/files/{id}/content, saved under the stored name. on_error: the refusal, for the caller to show.
void download_stored_file(App& app, int64_t file_id, std::function<void(Message)> on_error);

// A number for a request of the hospital's pages, unique for the whole session (a view that was reset
// never takes an older reply for its own).
int next_fill_request();

// 填报数据导出: the PDF by 注册证 to sign and stamp (GET .../sheet/certificates/pdf), saved under its name.
void export_fill_data(App& app, int64_t project_id, std::function<void(Message, std::string)> on_done);

}  // namespace ivd::web
