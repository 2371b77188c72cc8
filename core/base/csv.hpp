#pragma once
// RFC 4180 CSV, as written by Excel and LibreOffice: fields separated by commas, records by CRLF, LF
// or CR; a field in double quotes may hold commas, line breaks and doubled quotes (""). Works on UTF-8
// text (decode uploads first with core/text_encoding).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.hpp"

namespace ivd {

struct CsvRow {
  int line = 0;  // 1-based line of the file where the record starts (what a text editor shows)
  std::vector<std::string> fields;
};

struct CsvOptions {
  bool skip_comment_lines = false;  // records whose first character is '#' (generated assets)
};

// Blank records (an empty line, or only empty fields such as ",,," left by Excel) are skipped.
// Errors (ErrorKind::bad_request, details = {"line": n}): csv.unterminated_quote (a quoted field never
// closes; line = where it opened), csv.bad_quote (a quote inside an unquoted field, or text after a
// closing quote).
Result<std::vector<CsvRow>> parse_csv(std::string_view text, CsvOptions options = {});

// One field quoted when needed (comma, quote, CR/LF, leading/trailing space), and one record.
std::string csv_field(std::string_view value);
std::string csv_record(const std::vector<std::string>& fields);  // ends with "\r\n"

// One problem of an imported row, the element of Error::details for imports (SPEC §1: "reports row
// numbers of bad rows"): {line, column, code, message_zh, message_en}; column is the header as written
// in the file ("" when the whole row is concerned). args fill {0}, {1}... of the message.
nlohmann::json row_issue(int line, std::string_view column, const std::string& code, const std::vector<std::string>& args = {});

// Plain-text report of an import error for the command line: the message, then one line per problem
// ("  第 3 行 [机构名称] “机构名称”不能为空 | line 3 [机构名称] "机构名称" is required").
std::string import_error_text(const Error& e);

}  // namespace ivd
