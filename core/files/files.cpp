#include "core/files/files.hpp"

#include "core/base/json_read.hpp"

#include "core/base/sha256.hpp"

namespace ivd {

namespace {
Error file_error(ErrorKind kind, std::string code, std::vector<std::string> args = {}, std::string field = {}) {
  return make_error(kind, std::move(code), std::move(field), std::move(args));
}

// Signatures of executables (ELF, PE/DOS "MZ", Mach-O thin and fat/Java class, scripts): a file that
// starts with one is refused whatever follows, so a polyglot cannot pass as a document.
bool is_executable(std::string_view b) {
  static constexpr std::string_view kSignatures[] = {
      std::string_view("\x7f" "ELF", 4),
      std::string_view("MZ", 2),
      std::string_view("\xFE\xED\xFA\xCE", 4),  // Mach-O 32-bit, big-endian
      std::string_view("\xFE\xED\xFA\xCF", 4),  // Mach-O 64-bit, big-endian
      std::string_view("\xCE\xFA\xED\xFE", 4),  // Mach-O 32-bit, little-endian
      std::string_view("\xCF\xFA\xED\xFE", 4),  // Mach-O 64-bit, little-endian
      std::string_view("\xCA\xFE\xBA\xBE", 4),  // Mach-O universal (and Java class files)
      std::string_view("#!", 2),
  };
  for (auto sig : kSignatures)
    if (b.substr(0, sig.size()) == sig) return true;
  return false;
}
}  // namespace

FileType sniff_content_type(std::string_view b) {
  if (is_executable(b)) return FileType::unknown;
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return FileType::png;
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
      static_cast<unsigned char>(b[2]) == 0xFF)
    return FileType::jpeg;
  // A PDF starts with "%PDF-"; only a UTF-8 byte order mark and PDF white-space (PDF 32000-1 Table 1:
  // NUL, HT, LF, FF, CR, SP) may come before it, within the first 1024 bytes. Searching those bytes for
  // the header, as lenient readers do, would let any other file carry it further in.
  std::string_view head = b.substr(0, 1024);
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  const size_t start = head.find_first_not_of(std::string_view(" \t\r\n\f\0", 6));
  if (start != std::string_view::npos && head.substr(start, 5) == "%PDF-") return FileType::pdf;
  return FileType::unknown;
}

std::string_view content_type_name(FileType t) {
  switch (t) {
    case FileType::pdf: return "application/pdf";
    case FileType::png: return "image/png";
    case FileType::jpeg: return "image/jpeg";
    case FileType::unknown: break;
  }
  return "";
}

Status check_upload_size(size_t size, size_t max_bytes) {
  if (size == 0) return file_error(ErrorKind::bad_request, "ivd.file.empty", {}, "file");
  if (size > max_bytes)
    return file_error(ErrorKind::too_large, "ivd.file.too_large", {std::to_string(max_bytes / (1024 * 1024))}, "file");
  return ok_status();
}

nlohmann::json file_ref_to_json(const FileRef& f) {
  return {{"id", f.id},         {"sha256", f.sha256},           {"size", f.size},
          {"content_type", f.content_type}, {"name", f.name}, {"uploaded_at", f.uploaded_at}};
}

void from_json(const nlohmann::json& j, FileRef& f) {
  f = FileRef{};
  if (!j.is_object()) return;
  f.id = int_of(j, "id").value_or(0);
  f.sha256 = text_of(j, "sha256");
  f.size = int_of(j, "size").value_or(0);
  f.content_type = text_of(j, "content_type");
  f.name = text_of(j, "name");
  f.uploaded_at = int_of(j, "uploaded_at").value_or(0);
}

namespace {
// Keeps the last path component, drops control characters, caps the length (bytes, on a UTF-8
// boundary). An empty result becomes "file".
std::string clean_name(std::string name) {
  if (auto p = name.find_last_of("/\\"); p != std::string::npos) name = name.substr(p + 1);
  std::string out;
  for (unsigned char c : name)
    if (c >= 0x20 && c != 0x7F) out += static_cast<char>(c);
  constexpr size_t kMax = 200;
  if (out.size() > kMax) {
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out.empty() ? "file" : out;
}
}  // namespace

Result<FileRef> register_upload(Db& db, const Actor& actor, std::string_view bytes, std::string name, int64_t now,
                                size_t max_bytes) {
  IVD_TRY(check_upload_size(bytes.size(), max_bytes));
  const FileType t = sniff_content_type(bytes);
  if (t == FileType::unknown) return file_error(ErrorKind::bad_request, "ivd.file.type_not_allowed", {}, "file");
  FileRef f;
  f.sha256 = sha256_hex(bytes);
  f.size = static_cast<int64_t>(bytes.size());
  f.content_type = std::string(content_type_name(t));
  f.name = clean_name(std::move(name));
  f.uploaded_by = actor.user_id;
  f.institution_id = actor.institution_id;
  f.region_code = actor.region_code;
  f.uploaded_at = now;
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "INSERT INTO files (sha256, size, content_type, original_name, uploaded_by, institution_id, region_code, "
      "uploaded_at) VALUES (?,?,?,?,?,?,?,?)"));
  st.bind(1, f.sha256).bind(2, f.size).bind(3, f.content_type).bind(4, f.name);
  if (actor.user_id > 0) st.bind(5, actor.user_id); else st.bind_null(5);
  st.bind(6, f.institution_id).bind(7, f.region_code).bind(8, f.uploaded_at);
  IVD_TRY(st.run());
  f.id = db.last_insert_id();
  return f;
}

Result<FileRef> load_file(Db& db, int64_t file_id) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT id, sha256, size, content_type, original_name, coalesce(uploaded_by, 0), institution_id, "
      "coalesce(region_code, ''), uploaded_at FROM files WHERE id = ?"));
  st.bind(1, file_id);
  IVD_ASSIGN_OR_RETURN(auto r, st.step());
  if (!r) return file_error(ErrorKind::not_found, "ivd.file.not_found", {std::to_string(file_id)});
  FileRef f;
  f.id = st.col_int(0);
  f.sha256 = st.col_text(1);
  f.size = st.col_int(2);
  f.content_type = st.col_text(3);
  f.name = st.col_text(4);
  f.uploaded_by = st.col_int(5);
  f.institution_id = st.col_opt_int(6);
  f.region_code = st.col_text(7);
  f.uploaded_at = st.col_int(8);
  return f;
}

Status check_file_attachable(const FileRef& f, const Actor& actor) {
  if (f.uploaded_by != 0 && f.uploaded_by == actor.user_id) return ok_status();
  if (actor.institution_id && f.institution_id && *actor.institution_id == *f.institution_id) return ok_status();
  if (actor.user_type == "admin" && !f.institution_id && !actor.region_code.empty() &&
      f.region_code == actor.region_code)
    return ok_status();
  return file_error(ErrorKind::forbidden, "ivd.file.not_yours", {std::to_string(f.id)});
}

Status check_file_kind(const FileRef& f, bool allow_images, const char* field) {
  if (f.content_type == "application/pdf") return ok_status();
  if (allow_images && (f.content_type == "image/png" || f.content_type == "image/jpeg")) return ok_status();
  return file_error(ErrorKind::bad_request, allow_images ? "ivd.file.wrong_type_pdf_or_image" : "ivd.file.wrong_type_pdf",
                   {field}, field);
}

Result<FileRef> load_attachable_file(Db& db, const Actor& actor, int64_t file_id, const char* field) {
  auto f = load_file(db, file_id);
  Status allowed = f ? check_file_attachable(*f, actor) : Status(Unit{});
  if (f && allowed) return f;
  if (!f && f.error().kind != ErrorKind::not_found) return f.error();
  // Unknown and not-yours read the same, so file ids cannot be probed.
  return file_error(ErrorKind::forbidden, "ivd.file.not_yours", {std::to_string(file_id)}, field);
}

}  // namespace ivd
