#pragma once
// Files between the clerk's computer and the app: the browser's file picker, and downloads saved
// under their proper (Chinese) file names. The JS halves live in the shell.
#include <functional>
#include <string>
#include <string_view>

namespace ivd::web::file_io {

// Opens the browser's file picker (accept: e.g. ".pdf,application/pdf"). When the clerk picked a file,
// on_picked(name, bytes) runs between frames; nothing runs when the picker is cancelled.
void pick_file(const char* accept, std::function<void(std::string name, std::string bytes)> on_picked);

// Saves bytes as a download named file_name (UTF-8, e.g. "合肥市第一人民医院_填报数据.csv").
void save_file(std::string_view file_name, std::string_view mime_type, std::string_view bytes);

}  // namespace ivd::web::file_io
