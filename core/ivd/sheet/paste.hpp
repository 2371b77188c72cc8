#pragma once
// Paste and copy as with Excel and WPS (issue 9 §4): a rectangular tab-separated block lands at the
// cursor; full-width digits and thousands separators are normalised; the cells that could not take
// their value are listed; the selected cells copy back as TSV.
//
//
// Decisions: a quantity that is not a whole number after normalise_quantity ("12.5", "-3", "12,34",
// "abc") is refused and listed, the cell unchanged; a whole number above the limit lands in the cell,
// where R-QTY-FORMAT marks it. Instrument cells take 是/否/yes/no/Y/N (any case, full width) or blank.
// A blank pasted cell over a read-only column is skipped silently (a row copied with its catalog
// columns); a non-blank one is refused. A blank pasted cell over an editable one clears it.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/ivd/sheet/sheet_rules.hpp"

namespace ivd {

// Rows of cells of a TSV block: CRLF/LF/CR line ends, one trailing line end ignored, quoted cells
// ("a<TAB>b", "" for a quote, line breaks inside quotes) as Excel writes them.
std::vector<std::vector<std::string>> parse_tsv(std::string_view text);
// The block back as TSV (cells holding tab, line break or quote are quoted), rows ended by CRLF.
std::string to_tsv(const std::vector<std::vector<std::string>>& rows);

// A pasted quantity as the sheet keeps it: spaces trimmed (incl. U+3000, U+00A0), full-width digits and
// signs folded, thousands separators (",", "，", "'", thin and narrow spaces between digit groups)
// removed: "１，２００" -> "1200". Anything else is left as typed.
std::string normalise_quantity(std::string_view text);

struct PastedCell {
  size_t line;  // index into the sheet's lines
  SheetField field;
  std::string value;  // normalised
};
struct RefusedCell {
  size_t row, column;  // position in the pasted block (0-based)
  std::string text;    // the pasted text
  std::string code;    // i18n id of the reason: sheet.paste.beyond_rows, sheet.paste.read_only_column,
                       // sheet.paste.bad_instrument, sheet.paste.bad_quantity,
                       // sheet.paste.beyond_columns (past the last column)
};
struct PastePlan {
  std::vector<PastedCell> cells;
  std::vector<RefusedCell> refused;
};

// Where a block goes: rows follow the screen's row order (visible_lines: line index per row as
// filtered and sorted), columns the screen's column order (columns: the field of each column, nullopt
// for a read-only column such as 产品名称). The block's top-left cell lands at (first_row, first_column).
// Cells are listed row by row, left to right.
PastePlan plan_paste(std::string_view tsv, std::span<const size_t> visible_lines, size_t first_row,
                     std::span<const std::optional<SheetField>> columns, size_t first_column);

}  // namespace ivd
