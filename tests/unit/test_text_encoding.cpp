// core/text_encoding: UTF-8 (with or without BOM) and GBK uploads, without the OS.
#include <catch_amalgamated.hpp>

#include "core/base/text_encoding.hpp"

using namespace ivd;

TEST_CASE("valid UTF-8 is taken as UTF-8, a BOM is removed and reported", "[encoding]") {
  auto plain = decode_text_file("code,name\nH1,合肥\n");
  REQUIRE(plain.ok());
  CHECK(plain->encoding == TextEncoding::utf8);
  CHECK(plain->utf8 == "code,name\nH1,合肥\n");

  auto bom = decode_text_file("\xEF\xBB\xBF" "code,name\nH1,合肥\n");
  REQUIRE(bom.ok());
  CHECK(bom->encoding == TextEncoding::utf8_bom);
  CHECK(bom->utf8 == "code,name\nH1,合肥\n");
}

TEST_CASE("GBK bytes as saved by Excel on Chinese Windows decode to UTF-8", "[encoding]") {
  // "中文" in GBK, and the header row of an institutions file (bytes from the GBK code table).
  CHECK(gbk_to_utf8("\xD6\xD0\xCE\xC4") == std::optional<std::string>("中文"));
  auto r = decode_text_file("\xBB\xFA\xB9\xB9\xB1\xE0\xC2\xEB,\xBB\xFA\xB9\xB9\xC3\xFB\xB3\xC6\r\n");
  REQUIRE(r.ok());
  CHECK(r->encoding == TextEncoding::gbk);
  CHECK(r->utf8 == "机构编码,机构名称\r\n");
  CHECK(gbk_to_utf8("\x80") == std::optional<std::string>("€"));  // CP936 single-byte euro
}

TEST_CASE("utf8_to_gbk and gbk_to_utf8 are inverse over the whole table", "[encoding]") {
  std::string text = "合肥市第一人民医院，（省本级）三级甲等 ABC-123 “引号”、〇㈠";
  auto gbk = utf8_to_gbk(text);
  REQUIRE(gbk.has_value());
  CHECK_FALSE(is_valid_utf8(*gbk));
  CHECK(gbk_to_utf8(*gbk) == std::optional<std::string>(text));
  CHECK(gbk->substr(0, 4) == "\xBA\xCF\xB7\xCA");  // 合肥
  CHECK_FALSE(utf8_to_gbk("😀").has_value());     // outside GBK
}

TEST_CASE("bytes that are neither UTF-8 nor GBK are refused", "[encoding]") {
  CHECK_FALSE(gbk_to_utf8("\xD6").has_value());      // lead byte without trail
  CHECK_FALSE(gbk_to_utf8("\xFF\xA1").has_value());  // 0xFF is never a lead byte
  auto r = decode_text_file("abc\xFF\xFF");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "file.encoding");
  auto bom_then_gbk = decode_text_file("\xEF\xBB\xBF\xD6\xD0");
  REQUIRE_FALSE(bom_then_gbk.ok());
  CHECK(bom_then_gbk.error().code == "file.encoding");
}

TEST_CASE("empty files, pictures, PDFs and Excel workbooks are named as such", "[encoding]") {
  CHECK(decode_text_file("").error().code == "file.empty");
  CHECK(decode_text_file("\xEF\xBB\xBF").error().code == "file.empty");
  CHECK(decode_text_file(" \r\n\r\n").error().code == "file.empty");
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  CHECK(decode_text_file(png).error().code == "file.binary");
  CHECK(decode_text_file("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n").error().code == "file.binary");
  CHECK(decode_text_file(std::string("PK\x03\x04\x14\0\x06\0", 8)).error().code == "file.excel_workbook");
  CHECK(decode_text_file("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").error().code == "file.excel_workbook");
  CHECK(decode_text_file(std::string("a,b\0c", 5)).error().code == "file.binary");
  CHECK(decode_text_file("\xFF\xFE" "a\0").error().code == "file.encoding");  // UTF-16
}

TEST_CASE("UTF-8 validation rejects overlongs, surrogates and truncated sequences", "[encoding]") {
  CHECK(is_valid_utf8("ascii 中文 €"));
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(is_valid_utf8("\xE4\xB8"));          // truncated 中
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  CHECK(utf8_length("合肥ab") == 4);
}
