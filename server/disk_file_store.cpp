#include "server/disk_file_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <iterator>
#include <system_error>
#include <thread>

namespace ivd {
namespace fs = std::filesystem;

namespace {
// Writes the whole file and fsyncs it (POSIX: close() alone does not put the bytes on the disk).
bool write_synced(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  return ::close(fd) == 0 && synced;
}

// A rename is durable only once the folder holding the new name is synced.
bool sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  return synced;
}
}  // namespace

fs::path DiskFileStore::path_of(const std::string& sha256) const { return root_ / sha256.substr(0, 2) / sha256; }

Status DiskFileStore::put(const std::string& sha256, std::string_view bytes) {
  if (!is_sha256_name(sha256)) return make_error(ErrorKind::bad_request, "ivd.file.not_found", {}, {"?"});
  const fs::path target = path_of(sha256);
  std::error_code ec;
  if (fs::is_regular_file(target, ec) && fs::file_size(target, ec) == bytes.size()) return ok_status();
  const bool new_folder = fs::create_directories(target.parent_path(), ec);
  if (ec) return make_error(ErrorKind::internal, "ivd.file.store_unavailable");
  if (new_folder && !sync_directory(target.parent_path().parent_path()))
    return make_error(ErrorKind::internal, "ivd.file.store_unavailable");
  fs::path tmp = target;
  tmp += ".tmp" + std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
  // The bytes reach the disk before the name does, and the name before the caller commits the database
  // row that refers to it: a power cut never leaves a row pointing at a missing or truncated file.
  if (!write_synced(tmp, bytes)) {
    fs::remove(tmp, ec);
    return make_error(ErrorKind::internal, "ivd.file.store_unavailable");
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return make_error(ErrorKind::internal, "ivd.file.store_unavailable");
  }
  if (!sync_directory(target.parent_path())) return make_error(ErrorKind::internal, "ivd.file.store_unavailable");
  return ok_status();
}

Result<std::string> DiskFileStore::get(const std::string& sha256) {
  if (!is_sha256_name(sha256)) return make_error(ErrorKind::not_found, "ivd.file.not_found", {}, {"?"});
  std::ifstream in(path_of(sha256), std::ios::binary);
  if (!in) return make_error(ErrorKind::not_found, "ivd.file.not_found", {}, {sha256.substr(0, 12)});
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace ivd
