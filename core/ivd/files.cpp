#include "core/ivd/files.hpp"

#include "core/ivd/common.hpp"
#include "core/ivd/scope.hpp"

namespace ivd {

namespace {
Error file_forbidden() { return ivd_error(ErrorKind::forbidden, "ivd.scope.forbidden"); }
}  // namespace

Result<FileRef> authorize_file_read(Db& db, const Actor& actor, int64_t file_id) {
  auto f = load_file(db, file_id);
  if (!f) return f.error().kind == ErrorKind::not_found ? file_forbidden() : f.error();
  if (check_file_attachable(*f, actor).ok()) return f;
  // Sheets that refer to the file (承诺书, 采购需求量附件, 在用仪器说明文件).
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT s.hospital_id, s.city_code, s.province_code FROM ivd_sheets s WHERE s.commitment_file_id = ?1 "
      "OR s.demand_file_id = ?1 UNION SELECT s.hospital_id, s.city_code, s.province_code FROM ivd_sheet_cert_docs d "
      "JOIN ivd_sheets s ON s.id = d.sheet_id WHERE d.file_id = ?1"));
  st.bind(1, file_id);
  bool readable = false;
  IVD_TRY(st.each([&](const Stmt& row) {
    const std::string city = row.col_text(1), province = row.col_text(2);
    readable = readable || check_sheet_read(actor, {row.col_int(0), city, province}).ok();
  }));
  if (readable) return f;
  // Province reports that refer to it (盖章的汇总数据).
  IVD_ASSIGN_OR_RETURN(auto pr, db.prepare("SELECT province_code FROM ivd_province_reviews WHERE summary_file_id = ?"));
  pr.bind(1, file_id);
  IVD_TRY(pr.each([&](const Stmt& row) {
    readable = readable || check_province_read(actor, row.col_text(0)).ok();
  }));
  if (readable) return f;
  return file_forbidden();
}

}  // namespace ivd
