#pragma once
// The 联系方式 (contact phone) of a sheet submission: SPEC §2.2 R-SUBMIT-FIELDS asks for a mainland mobile
// number or a landline with its area code. Pure text check, no look-up of real number ranges.
#include <string_view>

namespace ivd {

enum class PhoneKind { invalid, mobile, landline };

// Accepted, after trimming spaces and reading full-width digits, '－', '（', '）' as their ASCII forms:
//  * mobile: 1[3-9] and 9 more digits, optionally after "+86" / "86" and an optional '-' or space:
//    13812345678, +86 13812345678;
//  * landline: area code, optional '-' or space (or the area code in parentheses), local number of 7 or
//    8 digits not starting with 0, optional extension after '-' or '转' (1-6 digits):
//    0551-12345678, 010-1234567, 01012345678, (0551)12345678, 0551-12345678-801, 0551-12345678转801.
//    Area codes: 010, 02X (3 digits), or 0 + 3 digits starting 3-9 (e.g. 0551, 0755), so the split is
//    unambiguous even without a separator.
PhoneKind classify_phone(std::string_view text);
inline bool is_valid_phone(std::string_view text) { return classify_phone(text) != PhoneKind::invalid; }

}  // namespace ivd
