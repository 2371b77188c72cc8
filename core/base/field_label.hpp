#pragma once
// Field labels a clerk can read. An error about a field names it in words of the message's language
// (缺少必填字段“名称” / Missing required field "Name"), while Error::field keeps the raw id ("name")
// for the UI to place the message next to the input. Labels are translation keys "field.<id>" in
// i18n_zh.cpp / i18n_en.cpp; an id without a label reads as itself.
#include <string>
#include <string_view>
#include <vector>

#include "core/base/i18n.hpp"
#include "core/base/result.hpp"

namespace ivd {

// The label of a field id in lang ("name" -> 名称 / Name); the id itself when there is none.
std::string field_label(Lang lang, std::string_view field);

// make_error for an error about `field`: {0} of the message is the field's label, in each language;
// more_args fill {1}, {2}...
Error make_field_error(ErrorKind kind, std::string code, std::string field, std::vector<std::string> more_args = {});

}  // namespace ivd
