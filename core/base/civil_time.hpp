#pragma once
// Civil time in China Standard Time. SPEC §4: times are shown in CST (UTC+8, no daylight saving).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ivd {

std::string format_cst(int64_t unix_seconds);  // "2026-05-28 10:00:00"
// Reads "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" (also with 'T') as CST.
std::optional<int64_t> parse_cst(std::string_view text);

}  // namespace ivd
