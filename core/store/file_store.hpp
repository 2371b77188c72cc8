#pragma once
// Where the bytes of uploaded files live: outside the database, named by their SHA-256 (SPEC §2.2:
// "stored by content hash outside the database"). The database keeps only the reference (core/ivd_files).
// The server stores them on disk next to the database; tests and the offline kiosk keep them in memory.
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/base/result.hpp"

namespace ivd {

class FileStore {
 public:
  virtual ~FileStore() = default;
  // Stores bytes under sha256 (lower-case hex). Storing the same hash twice is harmless.
  virtual Status put(const std::string& sha256, std::string_view bytes) = 0;
  // The bytes, or 404 ivd.file.not_found when nothing is stored under sha256.
  virtual Result<std::string> get(const std::string& sha256) = 0;
};

class MemoryFileStore final : public FileStore {
 public:
  Status put(const std::string& sha256, std::string_view bytes) override;
  Result<std::string> get(const std::string& sha256) override;
  size_t count() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::string> files_;
};

// True for 64 lower-case hex digits: the only names a store accepts (no path tricks).
bool is_sha256_name(std::string_view s);

}  // namespace ivd
