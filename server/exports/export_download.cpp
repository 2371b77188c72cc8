#include "server/exports/export_download.hpp"

#include <fstream>
#include <memory>

#include "core/api/response_cache.hpp"
#include "core/base/json_read.hpp"
#include "core/exports/export_jobs.hpp"

namespace ivd {
namespace fs = std::filesystem;

namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(dump_json(body), kJson);
  res.set_header("Cache-Control", "no-store");
}

// Names the runner gives files: digits, letters, '-' and one '.': nothing that leaves the folder.
bool safe_key(const std::string& key) {
  if (key.empty() || key.size() > 100 || key[0] == '.') return false;
  for (char c : key)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.'))
      return false;
  return true;
}

}  // namespace

std::string content_disposition(const std::string& file_name) {
  std::string ascii, encoded;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : file_name) {
    const bool plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
                       c == '-' || c == '_';
    if (plain) ascii += static_cast<char>(c);
    else if ((c & 0xC0) != 0x80) ascii += '_';  // one '_' per character, not per UTF-8 byte
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  if (ascii.empty()) ascii = "export";
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

void add_export_download_route(httplib::Server& server, Api& api, fs::path folder) {
  server.Get(R"(/api/v1/exports/([^/]+)/download)", [&api, folder](const httplib::Request& req,
                                                                      httplib::Response& res) {
    ApiRequest ar;
    ar.method = "GET";
    ar.path = "/exports/" + req.matches[1].str() + "/file";
    ar.session_token = req.get_header_value("X-Session-Token");
    ApiResponse r = api.handle(ar);
    if (r.status != 200) return send_json(res, r.status, r.body);
    const std::string key = text_of(r.body, "key");
    const fs::path path = folder / key;
    std::error_code ec;
    const auto size = safe_key(key) ? fs::file_size(path, ec) : 0;
    auto in = std::make_shared<std::ifstream>(path, std::ios::binary);
    if (!safe_key(key) || ec || !*in)
      return send_json(res, 404, error_to_json(make_error(ErrorKind::not_found, "exports.file.missing")));
    res.status = 200;
    res.set_header("Content-Disposition", content_disposition(text_of(r.body, "file_name")));
    res.set_header("Cache-Control", "no-store");
    const std::string type = text_of(r.body, "content_type");
    res.set_content_provider(static_cast<size_t>(size), type.empty() ? "application/octet-stream" : type,
                             [in](size_t offset, size_t length, httplib::DataSink& sink) {
                               char buf[64 * 1024];
                               in->seekg(static_cast<std::streamoff>(offset));
                               const size_t n = std::min(length, sizeof buf);
                               in->read(buf, static_cast<std::streamsize>(n));
                               const auto got = in->gcount();
                               if (got <= 0) return false;
                               return sink.write(buf, static_cast<size_t>(got));
                             });
  });
}

}  // namespace ivd
