#include "core/store/file_store.hpp"

namespace ivd {

bool is_sha256_name(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

Status MemoryFileStore::put(const std::string& sha256, std::string_view bytes) {
  if (!is_sha256_name(sha256)) return make_error(ErrorKind::bad_request, "ivd.file.not_found", {}, {"?"});
  std::lock_guard lock(mu_);
  files_[sha256] = std::string(bytes);
  return ok_status();
}

Result<std::string> MemoryFileStore::get(const std::string& sha256) {
  std::lock_guard lock(mu_);
  auto it = files_.find(sha256);
  if (it == files_.end()) return make_error(ErrorKind::not_found, "ivd.file.not_found", {}, {sha256.substr(0, 12)});
  return it->second;
}

size_t MemoryFileStore::count() const {
  std::lock_guard lock(mu_);
  return files_.size();
}

}  // namespace ivd
