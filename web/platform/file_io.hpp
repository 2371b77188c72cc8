#pragma once
// Files between the clerk's computer and the app: the browser's file picker, downloads saved under
// their proper (Chinese) file names, and uploads that report their progress. The JS halves live in
// shell/file_io.js (window.ivdFiles).
#include <functional>
#include <string>
#include <string_view>

namespace ivd::web::file_io {

// Opens the browser's file picker (accept: e.g. ".pdf,application/pdf"). When the clerk picked a file,
// on_picked(name, bytes) runs between frames; nothing runs when the picker is cancelled. Call it while
// handling the clerk's click or key (the frame that saw it): the browser opens a picker only within
// the short "user activation" window after a gesture.
void pick_file(const char* accept, std::function<void(std::string name, std::string bytes)> on_picked);

// Saves bytes as a download named file_name (UTF-8, e.g. "合肥市第一人民医院_填报数据.csv").
void save_file(std::string_view file_name, std::string_view mime_type, std::string_view bytes);

// POSTs a JSON body with XMLHttpRequest so the upload reports progress: on_progress(0..1) while the
// bytes go up, then on_done(HTTP status (0 = unreachable), response text). Both run between frames
// (browser events) and wake the render loop. token: the X-Session-Token header ("" = none).
void post_json_with_progress(const std::string& url, const std::string& token, const std::string& json_body,
                             std::function<void(double fraction)> on_progress,
                             std::function<void(int status, std::string text)> on_done);

// GETs url with the session token and saves the answer as a download named file_name (binary routes
// such as the 导出列表's files); on_done(HTTP status (0 = unreachable), "" or the refusal's JSON text)
// runs between frames.
void download_url(const std::string& url, const std::string& token, const std::string& file_name,
                  std::function<void(int status, std::string text)> on_done);

}  // namespace ivd::web::file_io
