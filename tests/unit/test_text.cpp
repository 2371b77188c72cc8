// core/base/text: the one trim and width fold, and every parser that reads typed text agreeing on it
// (U+00A0 and U+3000 are space wherever a person's input is read).
#include <catch_amalgamated.hpp>

#include "core/accounts/sessions.hpp"
#include "core/base/csv.hpp"
#include "core/base/text.hpp"
#include "core/base/text_encoding.hpp"
#include "core/ivd/sheet/quantity.hpp"
#include "core/ivd/sheet/sheet_model.hpp"
#include "core/org/institutions.hpp"
#include "core/org/phone.hpp"
#include "core/org/regions.hpp"
#include "tests/unit/fakes.hpp"

using namespace ivd;

namespace {
const std::string kNbsp = "\xC2\xA0";        // U+00A0 NO-BREAK SPACE
const std::string kIdeo = "\xE3\x80\x80";    // U+3000 IDEOGRAPHIC SPACE
const std::vector<std::string> kSpaces = {" ", "\t", "\r\n", kNbsp, kIdeo, kNbsp + " " + kIdeo};
}  // namespace

TEST_CASE("trim_space removes the documented set of spaces at both ends only", "[text]") {
  CHECK(trim_space(" \t\r\n" + kNbsp + kIdeo + "a b" + kIdeo + kNbsp + "\n") == "a b");
  CHECK(trim_space("a" + kIdeo + "b") == "a" + kIdeo + "b");  // inner space stays
  CHECK(trim_space(kIdeo + kNbsp).empty());
  CHECK(is_blank(kIdeo + " " + kNbsp));
  CHECK_FALSE(is_blank("\xE3\x80\x81"));  // U+3001 、 is not a space
  CHECK(trim_space("\xC2") == "\xC2");   // a broken sequence is left alone
  CHECK(trim_space("").empty());
}

TEST_CASE("fold_width maps U+FF01..U+FF5E to ASCII and U+3000, U+00A0 to a space", "[text]") {
  CHECK(fold_width("\xEF\xBC\x81") == "!");                              // U+FF01 ！
  CHECK(fold_width("\xEF\xBD\x9E") == "~");                              // U+FF5E ～
  CHECK(fold_width("\xEF\xBC\x91\xEF\xBC\x93\xEF\xBC\x98") == "138");    // １３８
  CHECK(fold_width("\xEF\xBC\xA1\xEF\xBD\x82") == "Ab");                 // Ａｂ
  CHECK(fold_width("a" + kIdeo + "b" + kNbsp + "c") == "a b c");
  CHECK(fold_width("\xEF\xBD\x9F") == "\xEF\xBD\x9F");  // U+FF5F is outside the range
  CHECK(fold_width("中文") == "中文");
  CHECK(fold_trim(kIdeo + "\xEF\xBC\xA1\xEF\xBC\xA2" + kNbsp) == "AB");
}

TEST_CASE("every parser reads U+00A0 and U+3000 around a value as space", "[text]") {
  for (const auto& pad : kSpaces) {
    INFO("pad bytes: " << pad.size());
    // sheet cells: quantity and 是/否
    CHECK(parse_quantity(pad + "1,234" + pad) == Quantity{QuantityStatus::ok, 1234});
    CHECK(parse_instrument(pad + "是" + pad) == Instrument::yes);
    CHECK(parse_instrument(pad + "no" + pad) == Instrument::no);
    CHECK(parse_instrument(pad) == Instrument::none);
    // phone numbers (forms and imports)
    CHECK(classify_phone(pad + "13800138000" + pad) == PhoneKind::mobile);
    CHECK(classify_phone(pad + "0551-62620000" + pad) == PhoneKind::landline);
    // a CSV field written with surrounding space of any kind keeps it (quoted) and reads back the same
    const std::string value = pad + "x" + pad;
    const std::string record = csv_record({value, "y"});
    CHECK(record.front() == '"');
    auto rows = parse_csv(record);
    REQUIRE(rows.ok());
    CHECK(rows->at(0).fields.at(0) == value);
    // an upload of nothing but spaces is empty
    CHECK(decode_text_file(pad + pad).error().code == "file.empty");
  }
}

TEST_CASE("the institution import trims U+00A0 and U+3000 like ASCII spaces", "[text][institutions]") {
  TestEnv env;
  REQUIRE(seed_regions(env.db).ok());
  const std::string csv = "机构编码,机构名称,机构类型,所属区划,医院等级\r\n" + kNbsp + "H34010000001" + kIdeo +
                          "," + kIdeo + "合肥市第一人民医院" + kNbsp + "," + kNbsp + "医疗机构," + kIdeo + "340100" +
                          kNbsp + ",三级甲等" + kIdeo + "\r\n";
  auto counts = import_institutions(env.db, csv, env.clock.now());
  INFO((counts.ok() ? std::string() : counts.error().message_en));
  REQUIRE(counts.ok());
  auto found = find_institution(env.db, "H34010000001");
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  CHECK((*found)->name == "合肥市第一人民医院");
  CHECK((*found)->region_code == "340100");
  CHECK((*found)->level == "三级甲等");
}

TEST_CASE("a captcha answer typed in full width or with U+00A0, U+3000 around it is accepted", "[text][accounts]") {
  for (const auto& pad : kSpaces) {
    TestEnv env;
    auto c = issue_captcha(env.db, env.services);
    REQUIRE(c.ok());
    const std::string answer = c->png.substr(4);  // the fake painter writes "PNG:" + code
    // full-width lower case of every character (Ａ = U+FF21 = EF BC A1, ａ = U+FF41 = EF BD 81, ０ = EF BC 90)
    std::string typed = pad;
    for (char ch : answer) {
      if (ch >= 'A' && ch <= 'Z') {
        const unsigned cp = 0xFF41 + static_cast<unsigned>(ch - 'A');
        typed += static_cast<char>(0xEF);
        typed += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        typed += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        const unsigned cp = 0xFF10 + static_cast<unsigned>(ch - '0');
        typed += static_cast<char>(0xEF);
        typed += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        typed += static_cast<char>(0x80 | (cp & 0x3F));
      }
    }
    typed += pad;
    CHECK(verify_captcha(env.db, env.services, c->id, typed).ok());
  }
}
