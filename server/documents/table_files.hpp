#pragma once
// A table document (core/files/table_document.hpp) as CSV and as XLSX. Native only.
//   CSV: UTF-8 with a BOM and CRLF (Excel and WPS on Chinese Windows open it right), the header record
//        and then the rows; the title and heading lines are not part of a CSV.
//   XLSX: libxlsxwriter in constant-memory mode (rows are streamed to the file, so 50,000+ rows keep a
//        flat memory); the heading lines above the table when there are any, the header row bold and
//        frozen, integer columns as numbers (so Excel sums them), group / subtotal / total rows bold.
#include <functional>
#include <string>

#include "core/base/result.hpp"
#include "core/files/table_document.hpp"

namespace ivd::documents {

std::string render_csv(const TableDocument& doc);

// Writes the workbook to path (replacing it). on_progress: fraction of rows written. Error
// docs.render_failed when libxlsxwriter fails (the partial file is removed).
Status write_xlsx(const TableDocument& doc, const std::string& path,
                  const std::function<void(double)>& on_progress = {});
// The same, as bytes (through a temporary file in tmp_dir, removed afterwards).
Result<std::string> render_xlsx(const TableDocument& doc, const std::string& tmp_dir);

}  // namespace ivd::documents
