#pragma once
// Text files uploaded by operators (CSV imports): UTF-8 with or without BOM, or GBK as saved by Excel
// on Chinese Windows ("CSV (逗号分隔)" writes the ANSI code page, CP936). Decoding is done here, without
// the OS (no iconv), from a table generated at build time from glibc's GBK charmap
// (scripts/make_gbk_table.mjs), so the browser build decodes exactly like the server.
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.hpp"

namespace ivd {

enum class TextEncoding { utf8, utf8_bom, gbk };
std::string_view encoding_name(TextEncoding e);  // "UTF-8", "UTF-8 (BOM)", "GBK"

struct DecodedText {
  std::string utf8;
  TextEncoding encoding = TextEncoding::utf8;
};

// Valid UTF-8 (with or without BOM) is taken as UTF-8, anything else is decoded as GBK.
// Errors (ErrorKind::bad_request): file.empty (no bytes, or only a BOM / whitespace), file.binary
// (NUL or other control bytes, or the signature of a PNG/JPEG/PDF/ZIP/XLSX/XLS file; an Excel
// workbook gets a hint to save it as CSV), file.encoding (neither UTF-8 nor GBK).
Result<DecodedText> decode_text_file(std::string_view bytes);

bool is_valid_utf8(std::string_view bytes);
// Strict CP936/GBK: ASCII, 0x80 = €, two-byte pairs of the charmap. nullopt on any other byte.
std::optional<std::string> gbk_to_utf8(std::string_view bytes);
// The reverse, for tests and for exports read by Excel. nullopt when a character has no GBK form.
std::optional<std::string> utf8_to_gbk(std::string_view utf8);
// Number of code points (limits such as "name ≤ 100 characters" count characters, not bytes).
size_t utf8_length(std::string_view utf8);

}  // namespace ivd
