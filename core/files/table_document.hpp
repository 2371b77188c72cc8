#pragma once
// The content of a generated document (填报数据导出, 汇总数据导出, 目录下载, 导出 of feedback, 承诺书模板) as
// a plain table model: core decides the title, the heading lines, the columns and their headers, the
// rows with their groups and subtotals, and the labels of the signature-and-stamp block; the server
// renders the model as PDF, XLSX or CSV (server/documents) and decides nothing about the content.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ivd {

enum class CellKind {
  text,     // written as text everywhere (codes such as 流水号 keep their leading zeros)
  integer,  // a whole number: right-aligned in PDF, a number cell in XLSX (sums work in Excel)
};

struct DocColumn {
  std::string header;
  CellKind kind = CellKind::text;
  double width = 1;  // relative width on the PDF page and in XLSX (characters ≈ width × 6)
};

enum class RowKind {
  line,      // an ordinary row, one cell per column
  group,     // the heading of a group (e.g. one 注册证): cells[0] spans the whole table
  subtotal,  // 小计 of the group above (emphasised)
  total,     // 合计 of the document (emphasised)
};

struct DocRow {
  RowKind kind = RowKind::line;
  std::vector<std::string> cells;  // one per column (group: one)
};

struct HeadingLine {
  std::string label;  // "医疗机构"
  std::string value;  // "北京协和医院"
};

struct TableDocument {
  std::string title;                   // centred above everything
  std::vector<HeadingLine> heading;    // "label：value" lines under the title
  std::vector<std::string> paragraphs; // running text before the table (letters such as 承诺书)
  std::vector<DocColumn> columns;      // empty: no table
  std::vector<DocRow> rows;
  std::vector<std::string> stamp;      // labels of the signature-and-stamp block at the end, e.g. 院长签字：
  std::string page_label;              // footer, "{0}" = this page, "{1}" = page count; "" = none
  std::string sheet_name;              // name of the XLSX worksheet (≤ 31 characters)
};

// "第 {0} 页 / 共 {1} 页" filled in (the footer of page `page` of `pages`).
std::string page_footer(std::string_view label, int page, int pages);

// A file name part with the characters a file system refuses (\ / : * ? " < > | and control characters)
// replaced by "_".
std::string safe_file_part(std::string_view s);

}  // namespace ivd
