#pragma once
// Uploaded files (SPEC §4 Uploads), shared by every domain that takes attachments (IVD sheets and
// reports, supply feedback): core keeps a reference (content hash, size, type, original name,
// who uploaded it) in the files table; the bytes live outside the database, stored by the server
// under their SHA-256. Types are decided by content (magic bytes), never by the name or the header
// the browser sends.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/api/actor.hpp"
#include "core/store/db.hpp"
#include "core/base/result.hpp"

namespace ivd {

enum class FileType { pdf, png, jpeg, unknown };

// By magic bytes: "%PDF-" at the start (after at most a UTF-8 BOM and whitespace), PNG's 8-byte
// signature, JPEG's FF D8 FF. A file that starts with an executable's signature (ELF, MZ, Mach-O,
// "#!") is unknown whatever follows it.
FileType sniff_content_type(std::string_view bytes);
std::string_view content_type_name(FileType t);  // "application/pdf", "image/png", "image/jpeg", ""

inline constexpr size_t kMaxUploadBytes = 20u * 1024 * 1024;  // SPEC §4: 20 MB default

// Errors: ivd.file.empty (400), ivd.file.too_large (413, args: the limit in MB).
Status check_upload_size(size_t size, size_t max_bytes = kMaxUploadBytes);

struct FileRef {
  int64_t id = 0;
  std::string sha256;        // lower-case hex: the name the bytes are stored under
  int64_t size = 0;
  std::string content_type;  // application/pdf | image/png | image/jpeg
  std::string name;          // original file name (without any directory part)
  int64_t uploaded_by = 0;
  std::optional<int64_t> institution_id;  // the uploader's institution (hospital users)
  std::string region_code;                // the uploader's region
  int64_t uploaded_at = 0;
};
nlohmann::json file_ref_to_json(const FileRef& f);
// Reads the wire form above ({id, sha256, size, content_type, name, uploaded_at}; missing fields stay
// default) — what the browser gets back from an upload or a file read.
void from_json(const nlohmann::json& j, FileRef& f);

// Each domain decides who may read a file by the records that refer to it (core/ivd/files.hpp,
// core/supply/supply_files.hpp); the error codes are the ivd.file.* ones for every domain.

// Checks size and type (PDF, PNG or JPEG), computes the SHA-256 and records the reference. The caller
// (the server's upload route) writes the bytes to disk under f.sha256. now: svc.clock.now().
// Errors: ivd.file.empty, ivd.file.too_large, ivd.file.type_not_allowed (400).
Result<FileRef> register_upload(Db& db, const Actor& actor, std::string_view bytes, std::string name,
                                int64_t now = 0, size_t max_bytes = kMaxUploadBytes);

// 404 ivd.file.not_found.
Result<FileRef> load_file(Db& db, int64_t file_id);

// May actor attach the file to a record it edits? Only files uploaded by the actor itself, by a user
// of the same institution (hospital users), or by an admin account of the same region.
// 403 ivd.file.not_yours.
Status check_file_attachable(const FileRef& f, const Actor& actor);

// The file for attaching to a record: 403 ivd.file.not_yours (field set) both when the id is unknown
// and when check_file_attachable refuses, so ids cannot be probed.
Result<FileRef> load_attachable_file(Db& db, const Actor& actor, int64_t file_id, const char* field);

// Which kinds a field accepts (SPEC §2.2 R-SUBMIT-FIELDS: 承诺书 PDF; 采购需求量附件 PDF or image).
// 400 ivd.file.wrong_type naming field.
Status check_file_kind(const FileRef& f, bool allow_images, const char* field);

}  // namespace ivd
