// Quantity cells, change percentages and contact phones of the hospital sheet.
#include <catch_amalgamated.hpp>

#include "core/ivd/sheet/quantity.hpp"
#include "core/org/phone.hpp"

using namespace ivd;

namespace {
Quantity ok(int64_t v) { return {QuantityStatus::ok, v}; }
const Quantity kBad{QuantityStatus::bad_format, 0};
const Quantity kRange{QuantityStatus::out_of_range, 0};
const Quantity kEmpty{};
}  // namespace

TEST_CASE("plain, full-width and grouped digits are read as the same number", "[sheet][quantity]") {
  REQUIRE(parse_quantity("123") == ok(123));
  REQUIRE(parse_quantity("１２３") == ok(123));
  REQUIRE(parse_quantity("1,234") == ok(1234));
  REQUIRE(parse_quantity("1，234") == ok(1234));       // U+FF0C full-width comma
  REQUIRE(parse_quantity("１，２３４") == ok(1234));
  REQUIRE(parse_quantity("1﹐234") == ok(1234));       // U+FE50 small comma
  REQUIRE(parse_quantity("12,345,678") == ok(12345678));
  REQUIRE(parse_quantity("999,999,999") == ok(999999999));
  REQUIRE(parse_quantity("999999999") == ok(999999999));
  REQUIRE(parse_quantity("0") == ok(0));
  REQUIRE(parse_quantity("0007") == ok(7));
  REQUIRE(parse_quantity("12３") == ok(123));  // mixed widths
}

TEST_CASE("surrounding spaces are trimmed and a blank cell is empty", "[sheet][quantity]") {
  REQUIRE(parse_quantity("  42 ") == ok(42));
  REQUIRE(parse_quantity("\t42\r\n") == ok(42));
  REQUIRE(parse_quantity("\xE3\x80\x80" "42\xE3\x80\x80") == ok(42));  // ideographic spaces
  REQUIRE(parse_quantity("\xC2\xA0" "42") == ok(42));                  // no-break space
  REQUIRE(parse_quantity("") == kEmpty);
  REQUIRE(parse_quantity("   ") == kEmpty);
  REQUIRE(parse_quantity("\xE3\x80\x80") == kEmpty);
  REQUIRE_FALSE(parse_quantity("").filled());
  REQUIRE(parse_quantity("").valid());
}

TEST_CASE("decimals, signs, letters and misplaced separators are refused", "[sheet][quantity]") {
  for (const char* t : {"12.5", "-1", "abc", "+5", "1e3", "0x10", "1 234", "12,34", "1,2345", ",123", "123,",
                        "1,,234", "１２.５", "五十", "12a", "1,234,56", "1234,567", "－1", "٣"}) {
    INFO(t);
    REQUIRE(parse_quantity(t) == kBad);
    REQUIRE(parse_quantity(t).filled());
  }
}

TEST_CASE("numbers above 999,999,999 are out of range however they are written", "[sheet][quantity]") {
  REQUIRE(parse_quantity("1000000000") == kRange);
  REQUIRE(parse_quantity("1,000,000,000") == kRange);
  REQUIRE(parse_quantity("１０００００００００") == kRange);
  REQUIRE(parse_quantity("99999999999999999999999999") == kRange);  // no overflow
  REQUIRE(parse_quantity("000000000999999999") == ok(999999999));   // leading zeros do not count
}

TEST_CASE("the change percentage is exact and rounded half away from zero", "[sheet][quantity]") {
  REQUIRE(change_percent_hundredths(100, 130) == 3000);
  REQUIRE(change_percent_hundredths(100, 70) == -3000);
  REQUIRE(change_percent_hundredths(3, 4) == 3333);
  REQUIRE(change_percent_hundredths(3, 5) == 6667);
  REQUIRE(change_percent_hundredths(3, 1) == -6667);
  REQUIRE(change_percent_hundredths(100, 0) == -10000);
  REQUIRE(change_percent_hundredths(999999999, 0) == -10000);
  REQUIRE(change_percent_hundredths(1, 999999999) == 9999999980000);
  REQUIRE_FALSE(change_percent_hundredths(0, 10).has_value());
  REQUIRE(change_percent(200, 250) == Catch::Approx(25.0));
  REQUIRE_FALSE(change_percent(0, 250).has_value());
  REQUIRE(format_hundredths(3550, true) == "+35.5");
  REQUIRE(format_hundredths(3000) == "30");
  REQUIRE(format_hundredths(-10000, true) == "-100");
  REQUIRE(format_hundredths(5) == "0.05");
  REQUIRE(format_hundredths(0, true) == "0");
  REQUIRE(format_hundredths(-3333) == "-33.33");
}

TEST_CASE("the threshold compares exactly at its boundary", "[sheet][quantity]") {
  const int64_t t30 = threshold_hundredths(30);
  REQUIRE(t30 == 3000);
  REQUIRE_FALSE(change_needs_note(100, 130, t30));  // exactly 30 %: not above
  REQUIRE(change_needs_note(100, 131, t30));
  REQUIRE_FALSE(change_needs_note(100, 70, t30));
  REQUIRE(change_needs_note(100, 69, t30));
  REQUIRE(change_needs_note(0, 1, t30));            // new demand
  REQUIRE_FALSE(change_needs_note(0, 0, t30));
  REQUIRE(change_needs_note(3, 4, threshold_hundredths(33.33)));   // 33.333.. % > 33.33 %
  REQUIRE_FALSE(change_needs_note(3, 4, threshold_hundredths(33.34)));
  REQUIRE(change_needs_note(999999999, 1, t30));
  REQUIRE(threshold_hundredths(12.5) == 1250);
  REQUIRE(threshold_hundredths(-3) == 0);
  REQUIRE(threshold_hundredths(std::nan("")) == 0);
  REQUIRE(threshold_hundredths(1e300) == 100'000'000);
}

TEST_CASE("mainland mobile numbers are accepted as contact phones", "[sheet][phone]") {
  for (const char* p : {"13812345678", "19912345678", "+86 13812345678", "+8613812345678", "86-13812345678",
                        "１３８１２３４５６７８", " 13812345678 "}) {
    INFO(p);
    REQUIRE(classify_phone(p) == PhoneKind::mobile);
  }
}

TEST_CASE("landlines with area code and optional extension are accepted", "[sheet][phone]") {
  for (const char* p : {"0551-12345678", "010-1234567", "010-12345678", "021-87654321", "0755 8765432",
                        "01012345678", "055112345678", "(0551)12345678", "（0551）12345678", "0551－12345678",
                        "0551-12345678-801", "0551-12345678转801", "010-12345678-123456"}) {
    INFO(p);
    REQUIRE(classify_phone(p) == PhoneKind::landline);
  }
}

TEST_CASE("other phone texts are refused", "[sheet][phone]") {
  for (const char* p : {"", "  ", "12345678901", "1381234567", "138123456789", "23812345678", "12345678",
                        "0551-123456", "0551-123456789", "0551-02345678", "0551-12345678-", "0551-12345678-1234567",
                        "011-12345678", "0-12345678", "(0551-12345678", "phone", "138 1234 5678", "0551--12345678",
                        "+1 13812345678", "13812345678x"}) {
    INFO(p);
    REQUIRE(classify_phone(p) == PhoneKind::invalid);
    REQUIRE_FALSE(is_valid_phone(p));
  }
}

TEST_CASE("arbitrary bytes never upset the quantity and phone readers", "[sheet][quantity][phone]") {
  // Truncated UTF-8 sequences and stray bytes around the multi-byte forms the readers look for.
  const unsigned char pieces[] = {'0', '9', ',', ' ', '-', '(', ')', '+', 0xEF, 0xBC, 0xB9, 0x90, 0x8C,
                                  0x8D, 0xE3, 0x80, 0xC2, 0xA0, 0xE8, 0xBD, 0xAC, 0xF0, 0xFF, 0x00};
  uint64_t s = 12345;
  for (int n = 0; n < 20000; ++n) {
    std::string t;
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    const size_t len = (s >> 33) % 12;
    for (size_t i = 0; i < len; ++i) {
      s = s * 6364136223846793005ull + 1442695040888963407ull;
      t += static_cast<char>(pieces[(s >> 33) % sizeof(pieces)]);
    }
    const Quantity q = parse_quantity(t);
    REQUIRE(q.value >= 0);
    REQUIRE(q.value <= kMaxQuantity);
    if (q.status != QuantityStatus::ok) REQUIRE(q.value == 0);
    (void)classify_phone(t);
  }
}
