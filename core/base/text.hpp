#pragma once
// The one trim and the one width fold for text typed by people (form fields, CSV cells pasted from
// Excel or web pages, answers typed with a Chinese input method). Every parser uses these, so a value
// means the same whether it came through a form, an import or a sheet cell.
//
// Trimmable space (the set, decided once):
//   ASCII space U+0020, tab U+0009, CR U+000D, LF U+000A,
//   U+3000 IDEOGRAPHIC SPACE (the space key of Chinese input methods in full-width mode),
//   U+00A0 NO-BREAK SPACE (copied from web pages and Word).
// Width fold: U+FF01–U+FF5E (full-width ASCII forms: ０-９, Ａ-Ｚ, （）－＋ ...) become their ASCII
// counterparts U+0021–U+007E; U+3000 and U+00A0 become an ASCII space. Nothing else changes.
#include <string>
#include <string_view>

namespace ivd {

// Length in bytes of the trimmable space starting at text[i] (0: none there).
size_t space_length_at(std::string_view text, size_t i);
// Length in bytes of the trimmable space ending just before text[end] (0: none there).
size_t space_length_before(std::string_view text, size_t end);

// text without the trimmable space at both ends.
std::string_view trim_space(std::string_view text);
// true when text holds nothing but trimmable space.
inline bool is_blank(std::string_view text) { return trim_space(text).empty(); }

// text with full-width forms, U+3000 and U+00A0 folded to ASCII (see above).
std::string fold_width(std::string_view text);
// fold_width then trim_space: the form most parsers compare against.
std::string fold_trim(std::string_view text);

}  // namespace ivd
