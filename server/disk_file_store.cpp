#include "server/disk_file_store.hpp"

#include <fstream>
#include <iterator>
#include <system_error>
#include <thread>

namespace ivd {
namespace fs = std::filesystem;

fs::path DiskFileStore::path_of(const std::string& sha256) const { return root_ / sha256.substr(0, 2) / sha256; }

Status DiskFileStore::put(const std::string& sha256, std::string_view bytes) {
  if (!is_sha256_name(sha256)) return make_error(ErrorKind::bad_request, "ivd.file.not_found", {}, {"?"});
  const fs::path target = path_of(sha256);
  std::error_code ec;
  if (fs::is_regular_file(target, ec) && fs::file_size(target, ec) == bytes.size()) return ok_status();
  fs::create_directories(target.parent_path(), ec);
  if (ec) return make_error(ErrorKind::internal, "ivd.file.store_unavailable");
  fs::path tmp = target;
  tmp += ".tmp" + std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      fs::remove(tmp, ec);
      return make_error(ErrorKind::internal, "ivd.file.store_unavailable");
    }
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return make_error(ErrorKind::internal, "ivd.file.store_unavailable");
  }
  return ok_status();
}

Result<std::string> DiskFileStore::get(const std::string& sha256) {
  if (!is_sha256_name(sha256)) return make_error(ErrorKind::not_found, "ivd.file.not_found", {}, {"?"});
  std::ifstream in(path_of(sha256), std::ios::binary);
  if (!in) return make_error(ErrorKind::not_found, "ivd.file.not_found", {}, {sha256.substr(0, 12)});
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace ivd
