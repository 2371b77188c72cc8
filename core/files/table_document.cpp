#include "core/files/table_document.hpp"

namespace ivd {

std::string page_footer(std::string_view label, int page, int pages) {
  std::string out;
  out.reserve(label.size() + 8);
  for (size_t i = 0; i < label.size(); ++i) {
    if (label[i] == '{' && i + 2 < label.size() && label[i + 2] == '}' && (label[i + 1] == '0' || label[i + 1] == '1')) {
      out += std::to_string(label[i + 1] == '0' ? page : pages);
      i += 2;
    } else {
      out += label[i];
    }
  }
  return out;
}

std::string safe_file_part(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    const bool bad = c < 0x20 || c == 0x7f || c == '\\' || c == '/' || c == ':' || c == '*' || c == '?' ||
                     c == '"' || c == '<' || c == '>' || c == '|';
    out += bad ? '_' : static_cast<char>(c);
  }
  return out;
}

}  // namespace ivd
