#pragma once
// A4 PDF of a table document (core/files/table_document.hpp) on Pango + Cairo: CJK text shaped by
// Pango and embedded as subset fonts (WenQuanYi Micro Hei from fonts-wqy-microhei: a TrueType font, which
// Cairo subsets reliably; Cairo's subset of the CFF font Noto Sans CJK SC Regular loses the glyph of 如
// (U+5982) as poppler draws it, so that font is not used here), the title and heading
// block on the first page, running paragraphs, the table with its header row repeated on every page,
// long cell text wrapped inside its cell (never cut), groups and subtotal rows, the signature-and-stamp
// block at the end and "第 n 页 / 共 m 页" at the foot of every page. Native only: never in core or wasm.
#include <functional>
#include <string>

#include "core/base/result.hpp"
#include "core/files/table_document.hpp"

namespace ivd::documents {

struct PdfOptions {
  std::string font_family = "WenQuanYi Micro Hei";
  // Called with the fraction of rows drawn (0..1) from time to time.
  std::function<void(double)> on_progress;
};

// The PDF's bytes. Error docs.pdf_failed (internal) when Cairo reports a failure.
Result<std::string> render_pdf(const TableDocument& doc, const PdfOptions& options = {});

}  // namespace ivd::documents
