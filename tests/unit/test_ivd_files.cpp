// Uploads (SPEC §4): type by content, size limit, the reference row, who may attach and read.
#include "core/base/sha256.hpp"
#include "tests/unit/test_ivd_support.hpp"

using namespace ivd;
using namespace ivd::test;

TEST_CASE("file types are recognised by their magic bytes, not their names", "[ivd][files]") {
  CHECK(sniff_content_type("%PDF-1.7\n...") == FileType::pdf);
  CHECK(sniff_content_type(std::string(10, '\0') + "%PDF-1.4") == FileType::pdf);  // junk before the header
  CHECK(sniff_content_type(png_bytes()) == FileType::png);
  CHECK(sniff_content_type("\xFF\xD8\xFF\xE0....JFIF") == FileType::jpeg);
  CHECK(sniff_content_type("GIF89a") == FileType::unknown);
  CHECK(sniff_content_type("PK\x03\x04 word document") == FileType::unknown);
  CHECK(sniff_content_type("") == FileType::unknown);
  CHECK(sniff_content_type(std::string(2000, ' ') + "%PDF-1.4") == FileType::unknown);
}

TEST_CASE("a PDF starts with its header; executables are refused whatever follows", "[ivd][files]") {
  CHECK(sniff_content_type(" \r\n\t%PDF-1.4") == FileType::pdf);
  CHECK(sniff_content_type("\xEF\xBB\xBF%PDF-1.4") == FileType::pdf);        // UTF-8 BOM
  CHECK(sniff_content_type("\xEF\xBB\xBF\n %PDF-1.4") == FileType::pdf);
  CHECK(sniff_content_type("junk%PDF-1.4") == FileType::unknown);
  CHECK(sniff_content_type("<html>\n%PDF-1.4") == FileType::unknown);
  // An ELF binary carrying "%PDF-" at byte 104 (a polyglot) was stored as a PDF.
  std::string elf = std::string("\x7f" "ELF\x02\x01\x01", 7) + std::string(97, '\0');
  REQUIRE(elf.size() == 104);
  elf += "%PDF-1.4\n%%EOF\n";
  CHECK(sniff_content_type(elf) == FileType::unknown);
  for (std::string sig : {std::string("MZ"), std::string("\xFE\xED\xFA\xCE", 4), std::string("\xFE\xED\xFA\xCF", 4),
                          std::string("\xCE\xFA\xED\xFE", 4), std::string("\xCF\xFA\xED\xFE", 4),
                          std::string("\xCA\xFE\xBA\xBE", 4), std::string("#!/bin/sh")}) {
    CHECK(sniff_content_type(sig + "\n%PDF-1.4") == FileType::unknown);
    CHECK(sniff_content_type(sig + std::string("\x89PNG\r\n\x1a\n", 8)) == FileType::unknown);
  }
  World w(false);
  auto r = register_upload(w.db, w.hosp1, elf, "report.pdf", w.now());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "ivd.file.type_not_allowed");
  CHECK(w.count("SELECT count(*) FROM files") == 0);
}

TEST_CASE("uploads are limited to 20 MB by default and must not be empty", "[ivd][files]") {
  CHECK(check_upload_size(1).ok());
  CHECK(check_upload_size(kMaxUploadBytes).ok());
  auto big = check_upload_size(kMaxUploadBytes + 1);
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().code == "ivd.file.too_large");
  CHECK(big.error().kind == ErrorKind::too_large);
  CHECK(big.error().message_zh == "文件超过 20 MB 的大小限制");
  CHECK(check_upload_size(0).error().code == "ivd.file.empty");
}

TEST_CASE("register_upload records the hash, size, type and a clean name", "[ivd][files]") {
  World w(false);
  const std::string bytes = pdf_bytes("x");
  auto f = register_upload(w.db, w.hosp1, bytes, "C:\\Users\\张三\\承诺书.pdf", w.now());
  REQUIRE(f.ok());
  CHECK(f->sha256 == sha256_hex(bytes));
  CHECK(f->size == static_cast<int64_t>(bytes.size()));
  CHECK(f->content_type == "application/pdf");
  CHECK(f->name == "承诺书.pdf");
  auto loaded = load_file(w.db, f->id);
  REQUIRE(loaded.ok());
  CHECK(loaded->institution_id == w.h1);
  CHECK(loaded->uploaded_at == w.now());

  CHECK(register_upload(w.db, w.hosp1, "hello", "a.pdf").error().code == "ivd.file.type_not_allowed");
  CHECK(register_upload(w.db, w.hosp1, "", "a.pdf").error().code == "ivd.file.empty");
  CHECK(register_upload(w.db, w.hosp1, bytes, "a.pdf", 0, 10).error().code == "ivd.file.too_large");
  CHECK(w.count("SELECT count(*) FROM files") == 1);
}

TEST_CASE("a file can be attached only by its uploader's institution or region", "[ivd][files]") {
  World w(false);
  auto f = load_file(w.db, w.upload(w.hosp1, pdf_bytes()));
  REQUIRE(f.ok());
  CHECK(check_file_attachable(*f, w.hosp1).ok());
  Actor colleague = w.hosp1;  // another user of the same hospital
  colleague.user_id = 999;
  CHECK(check_file_attachable(*f, colleague).ok());
  CHECK(check_file_attachable(*f, w.hosp2).error().code == "ivd.file.not_yours");
  auto g = load_file(w.db, w.upload(w.prov_ah, pdf_bytes()));
  CHECK(check_file_attachable(*g, w.prov_ah).ok());
  CHECK(check_file_attachable(*g, w.prov_js).error().code == "ivd.file.not_yours");
  CHECK(check_file_kind(*f, false, "commitment_letter").ok());
  auto img = load_file(w.db, w.upload(w.hosp1, png_bytes(), "a.png"));
  CHECK(check_file_kind(*img, true, "demand_attachment").ok());
  CHECK(check_file_kind(*img, false, "commitment_letter").error().code == "ivd.file.wrong_type_pdf");
}

TEST_CASE("a file is readable by whoever may see the sheet that refers to it", "[ivd][files]") {
  World w;
  const auto submitted = w.fill_and_submit(w.hosp1);
  const int64_t file = *submitted.commitment_file_id;
  CHECK(authorize_file_read(w.db, w.hosp1, file).ok());
  CHECK(authorize_file_read(w.db, w.city_hf, file).ok());
  CHECK(authorize_file_read(w.db, w.prov_ah, file).ok());
  CHECK(authorize_file_read(w.db, w.super_admin, file).ok());
  CHECK(authorize_file_read(w.db, w.hosp2, file).error().code == "ivd.scope.forbidden");
  CHECK(authorize_file_read(w.db, w.city_wh, file).error().code == "ivd.scope.forbidden");
  CHECK(authorize_file_read(w.db, w.prov_js, file).error().code == "ivd.scope.forbidden");
  // Unknown ids answer exactly as forbidden ones (ids cannot be probed).
  const Error forbidden = authorize_file_read(w.db, w.hosp2, file).error();
  const Error unknown = authorize_file_read(w.db, w.hosp1, 424242).error();
  CHECK(unknown.kind == ErrorKind::forbidden);
  CHECK(error_to_json(unknown) == error_to_json(forbidden));
}
