#include "core/ivd/sheet/paste.hpp"

#include "core/base/text.hpp"
#include "core/ivd/sheet/quantity.hpp"

namespace ivd {

std::vector<std::vector<std::string>> parse_tsv(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  if (text.empty()) return rows;
  std::vector<std::string> row;
  std::string cell;
  size_t i = 0;
  const size_t n = text.size();
  bool at_cell_start = true;
  auto end_row = [&] {
    row.push_back(std::move(cell));
    cell.clear();
    rows.push_back(std::move(row));
    row.clear();
    at_cell_start = true;
  };
  while (i < n) {
    const char ch = text[i];
    if (at_cell_start && ch == '"') {
      // A quoted cell: up to the closing quote ("" is one quote); what follows the closing quote up to
      // the next tab or line end is kept as typed (Excel does the same).
      ++i;
      while (i < n) {
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            cell.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        cell.push_back(text[i++]);
      }
      at_cell_start = false;
      continue;
    }
    at_cell_start = false;
    if (ch == '\t') {
      row.push_back(std::move(cell));
      cell.clear();
      at_cell_start = true;
      ++i;
    } else if (ch == '\r' || ch == '\n') {
      i += (ch == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
      end_row();
      if (i == n) return rows;  // one trailing line end is ignored
    } else {
      cell.push_back(ch);
      ++i;
    }
  }
  end_row();
  return rows;
}

std::string to_tsv(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) out.push_back('\t');
      const std::string& cell = row[c];
      if (cell.find_first_of("\t\r\n\"") == std::string::npos) {
        out += cell;
        continue;
      }
      out.push_back('"');
      for (char ch : cell) {
        if (ch == '"') out.push_back('"');
        out.push_back(ch);
      }
      out.push_back('"');
    }
    out += "\r\n";
  }
  return out;
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Length of a thousands separator at text[i] (0: none): ',', '\'', ' ' (U+00A0 after fold_width),
// U+2009 THIN SPACE, U+202F NARROW NO-BREAK SPACE, U+FE50 SMALL COMMA.
size_t separator_at(std::string_view t, size_t i) {
  const char c = t[i];
  if (c == ',' || c == '\'' || c == ' ') return 1;
  if (t.substr(i, 3) == "\xE2\x80\x89" || t.substr(i, 3) == "\xE2\x80\xAF" || t.substr(i, 3) == "\xEF\xB9\x90") return 3;
  return 0;
}

}  // namespace

std::string normalise_quantity(std::string_view text) {
  const std::string folded = fold_trim(text);  // full-width digits, '，', '－', U+3000, U+00A0
  std::string_view t = folded;
  std::string digits;
  size_t i = 0;
  if (!t.empty() && t[0] == '-') {
    digits.push_back('-');
    ++i;
  }
  // 1-3 digits, then groups of exactly 3 digits each after one separator; anything else stays as typed.
  size_t group = 0, groups = 0;
  bool after_separator = false;
  for (; i < t.size();) {
    if (is_digit(t[i])) {
      digits.push_back(t[i++]);
      ++group;
      continue;
    }
    const size_t sep = separator_at(t, i);
    if (!sep) return folded;
    if (group == 0 || (groups == 0 ? group > 3 : group != 3)) return folded;
    ++groups;
    group = 0;
    after_separator = true;
    i += sep;
  }
  if (after_separator && group != 3) return folded;
  return digits;
}

PastePlan plan_paste(std::string_view tsv, std::span<const size_t> visible_lines, size_t first_row,
                     std::span<const std::optional<SheetField>> columns, size_t first_column) {
  PastePlan plan;
  const auto rows = parse_tsv(tsv);
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& text = rows[r][c];
      auto refuse = [&](const char* code) { plan.refused.push_back({r, c, text, code}); };
      const size_t row = first_row + r, col = first_column + c;
      if (row >= visible_lines.size()) {
        refuse("sheet.paste.beyond_rows");
        continue;
      }
      const std::optional<SheetField> field = col < columns.size() ? columns[col] : std::nullopt;
      const bool writable = field && (*field == SheetField::last_year || *field == SheetField::demand ||
                                      *field == SheetField::instrument || *field == SheetField::change_note);
      if (!writable) {
        // A blank cell over a read-only column (a whole row copied from the sheet) is no value: skipped.
        if (!is_blank(text)) refuse(col < columns.size() ? "sheet.paste.read_only_column" : "sheet.paste.beyond_columns");
        continue;
      }
      const size_t line = visible_lines[row];
      switch (*field) {
        case SheetField::last_year:
        case SheetField::demand: {
          std::string v = normalise_quantity(text);
          const Quantity q = parse_quantity(v);
          if (q.status == QuantityStatus::bad_format) refuse("sheet.paste.bad_quantity");
          else plan.cells.push_back({line, *field, q.status == QuantityStatus::empty ? std::string() : std::move(v)});
          break;
        }
        case SheetField::instrument: {
          std::string v = fold_trim(text);
          for (char& ch : v)
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
          if (v == "y") v = "yes";
          if (v == "n") v = "no";
          if (auto i = parse_instrument(v)) plan.cells.push_back({line, *field, std::string(instrument_text(*i))});
          else refuse("sheet.paste.bad_instrument");
          break;
        }
        default:
          plan.cells.push_back({line, *field, text});
          break;
      }
    }
  }
  return plan;
}

}  // namespace ivd
