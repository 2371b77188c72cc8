#include "web/platform/file_io.hpp"

namespace ivd::web::file_io {

// TODO(hospital pages): the browser halves (input type=file, Blob download).
void pick_file(const char*, std::function<void(std::string, std::string)>) {}
void save_file(std::string_view, std::string_view, std::string_view) {}

}  // namespace ivd::web::file_io
