#include "core/base/csv.hpp"

#include <algorithm>

#include "core/base/text.hpp"

namespace ivd {
namespace {

Error csv_error(const char* code, int line) {
  Error e = make_error(ErrorKind::bad_request, code, {}, {std::to_string(line)});
  e.details = {{"line", line}};
  return e;
}

bool blank(const std::vector<std::string>& fields) {
  return std::all_of(fields.begin(), fields.end(), [](const std::string& f) { return f.empty(); });
}

}  // namespace

Result<std::vector<CsvRow>> parse_csv(std::string_view text, CsvOptions options) {
  std::vector<CsvRow> rows;
  CsvRow current;
  std::string field;
  int line = 1;
  current.line = 1;
  bool in_quotes = false, was_quoted = false;
  int quote_line = 0;

  auto end_field = [&] {
    current.fields.push_back(std::move(field));
    field.clear();
    was_quoted = false;
  };
  auto end_record = [&] {
    end_field();
    bool comment = options.skip_comment_lines && !current.fields.front().empty() && current.fields.front()[0] == '#';
    if (!blank(current.fields) && !comment) rows.push_back(std::move(current));
    current = CsvRow{};
  };

  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < n && text[i + 1] == '"') {
          field += '"';
          i += 2;
          continue;
        }
        in_quotes = false;
        ++i;
        continue;
      }
      if (c == '\n' || (c == '\r' && !(i + 1 < n && text[i + 1] == '\n'))) ++line;
      field += c;
      ++i;
      continue;
    }
    if (c == ',') {
      end_field();
      ++i;
    } else if (c == '\r' || c == '\n') {
      i += (c == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
      end_record();
      current.line = ++line;
    } else if (c == '"') {
      if (!field.empty() || was_quoted) return csv_error("csv.bad_quote", line);
      in_quotes = was_quoted = true;
      quote_line = line;
      ++i;
    } else {
      if (was_quoted) return csv_error("csv.bad_quote", line);  // "abc"def
      field += c;
      ++i;
    }
  }
  if (in_quotes) return csv_error("csv.unterminated_quote", quote_line);
  if (!field.empty() || was_quoted || !current.fields.empty()) end_record();
  return rows;
}

std::string csv_field(std::string_view v) {
  // Surrounding space of any kind (core/base/text.hpp) is quoted so that it survives a reader that trims.
  bool quote = v.find_first_of(",\"\r\n") != std::string_view::npos || trim_space(v).size() != v.size();
  if (!quote) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

nlohmann::json row_issue(int line, std::string_view column, const std::string& code, const std::vector<std::string>& args) {
  Error e = make_error(ErrorKind::bad_request, code, std::string(column), args);
  return {{"line", line}, {"column", column}, {"code", code}, {"message_zh", e.message_zh}, {"message_en", e.message_en}};
}

std::string import_error_text(const Error& e) {
  std::string out = e.message_zh + " | " + e.message_en + "\n";
  if (!e.details.is_array()) return out;
  for (const auto& d : e.details) {
    const int line = d.value("line", 0);
    const std::string column = d.value("column", "");
    const std::string where_zh = "第 " + std::to_string(line) + " 行" + (column.empty() ? "" : " [" + column + "]");
    const std::string where_en = "line " + std::to_string(line) + (column.empty() ? "" : " [" + column + "]");
    out += "  " + where_zh + " " + d.value("message_zh", "") + " | " + where_en + " " + d.value("message_en", "") + "\n";
  }
  return out;
}

std::string csv_record(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += csv_field(fields[i]);
  }
  out += "\r\n";
  return out;
}

}  // namespace ivd
