#pragma once
// Quantities typed into a hospital sheet (上年度采购总数量, 下年度采购需求量) and the change percentage
// between them. Pure functions on integers: the browser (wasm) and the server (native) get the same
// answer bit for bit, so no floating point decides anything here.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/text.hpp"

namespace ivd {

// SPEC §2.2: quantities are non-negative integers up to 999,999,999.
inline constexpr int64_t kMaxQuantity = 999'999'999;

enum class QuantityStatus : uint8_t {
  empty,         // nothing but spaces: the cell is not filled
  ok,            // value holds the number
  bad_format,    // not a non-negative integer (letters, sign, decimal point, misplaced separator...)
  out_of_range,  // an integer above kMaxQuantity
};

struct Quantity {
  QuantityStatus status = QuantityStatus::empty;
  int64_t value = 0;  // 0 unless status == ok

  bool filled() const { return status != QuantityStatus::empty; }
  bool valid() const { return status == QuantityStatus::ok || status == QuantityStatus::empty; }
  friend bool operator==(const Quantity&, const Quantity&) = default;
};

// Parses a quantity cell as a user typed it.
//  * surrounding spaces are trimmed (trim_space, core/base/text.hpp);
//  * full-width digits ０-９ (U+FF10..U+FF19) count as 0-9;
//  * thousands separators ',' (U+002C), '，' (U+FF0C, the full-width comma) and '﹐' (U+FE50) are
//    accepted only where a thousands separator belongs: 1-3 digits, then groups of exactly 3 digits
//    ("1,234", "12,345,678"). "12,34" is refused: in a reporting form it is more likely a typo or a
//    decimal comma than a thousands separator, and a silent misreading of a purchase volume is worse
//    than asking again;
//  * leading zeros are allowed ("007" = 7);
//  * anything else (sign, decimal point, letters, inner spaces) is bad_format; more than nine
//    significant digits is out_of_range.
Quantity parse_quantity(std::string_view text);

// trim_space and is_blank: core/base/text.hpp (the one trim of every parser).

// Change of demand against last year, in hundredths of a percent, rounded half away from zero:
// (demand - last) / last * 100 * 100. nullopt when last <= 0 (no base to compare with).
std::optional<int64_t> change_percent_hundredths(int64_t last, int64_t demand);

// The same as a double for display: (demand - last) / last * 100. nullopt when last <= 0.
std::optional<double> change_percent(int64_t last, int64_t demand);

// The 需求量阈值 in hundredths of a percent (30 -> 3000, 12.5 -> 1250); NaN and negatives count as 0,
// values above kMaxThresholdPercent as kMaxThresholdPercent.
inline constexpr double kMaxThresholdPercent = 1'000'000.0;
int64_t threshold_hundredths(double percent);

// SPEC §2.2 R-THRESHOLD: last > 0 and |demand - last| / last * 100 > threshold, or last = 0 and
// demand > 0. Exact integer arithmetic (no rounding at the boundary).
bool change_needs_note(int64_t last, int64_t demand, int64_t threshold_hundredths);

// Hundredths of a percent as text, trailing zeros dropped: 3550 -> "35.5", 3000 -> "30", 5 -> "0.05".
// with_sign adds '+' before positive values ("+35.5"); negative values always carry '-'.
std::string format_hundredths(int64_t hundredths, bool with_sign = false);

}  // namespace ivd
