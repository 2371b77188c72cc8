#pragma once
// Upload bytes on disk: <root>/<first 2 hex digits>/<sha256>. Written to a temporary file, fsynced, renamed,
// and the folder fsynced, so neither a crash nor a power cut leaves half a file under a valid name.
#include <filesystem>

#include "core/store/file_store.hpp"

namespace ivd {

class DiskFileStore final : public FileStore {
 public:
  explicit DiskFileStore(std::filesystem::path root) : root_(std::move(root)) {}
  Status put(const std::string& sha256, std::string_view bytes) override;
  Result<std::string> get(const std::string& sha256) override;
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path path_of(const std::string& sha256) const;
  std::filesystem::path root_;
};

}  // namespace ivd
