#include "server/documents/table_files.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdlib.h>
#include <unistd.h>

#include "core/base/csv.hpp"

namespace ivd::documents {

std::string render_csv(const TableDocument& doc) {
  std::string out = "\xEF\xBB\xBF";
  std::vector<std::string> header;
  header.reserve(doc.columns.size());
  for (const auto& c : doc.columns) header.push_back(c.header);
  out += csv_record(header);
  for (const auto& r : doc.rows) out += csv_record(r.cells);
  return out;
}

namespace {

// Excel refuses these in a worksheet name, and names over 31 characters.
std::string sheet_name_of(const std::string& name) {
  std::string out;
  for (char c : name) out += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  // Cut at 31 characters (UTF-8 aware: count code points).
  size_t chars = 0, i = 0;
  for (; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) != 0x80 && chars++ == 31) break;
  }
  out.resize(i);
  return out.empty() ? std::string("Sheet1") : out;
}

bool parse_integer(const std::string& s, double& out) {
  if (s.empty()) return false;
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return false;
  out = static_cast<double>(v);
  return true;
}

}  // namespace

Status write_xlsx(const TableDocument& doc, const std::string& path, const std::function<void(double)>& on_progress) {
  lxw_workbook_options opts{};
  opts.constant_memory = LXW_TRUE;
  const std::string tmpdir = std::filesystem::path(path).parent_path().string();
  if (!tmpdir.empty()) opts.tmpdir = const_cast<char*>(tmpdir.c_str());
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &opts);
  if (!wb) return make_error(ErrorKind::internal, "docs.render_failed");
  const std::string name = sheet_name_of(doc.sheet_name.empty() ? doc.title : doc.sheet_name);
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xDDDDDD);
  format_set_border(head, LXW_BORDER_THIN);
  format_set_text_wrap(head);
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 14);

  lxw_row_t row = 0;
  for (size_t i = 0; i < doc.columns.size(); ++i)
    worksheet_set_column(ws, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i), std::clamp(doc.columns[i].width * 6, 6.0, 60.0), nullptr);
  if (!doc.heading.empty()) {  // a document with a heading block keeps it above the table
    worksheet_write_string(ws, row++, 0, doc.title.c_str(), title);
    for (const auto& h : doc.heading) {
      worksheet_write_string(ws, row, 0, h.label.c_str(), bold);
      worksheet_write_string(ws, row++, 1, h.value.c_str(), nullptr);
    }
    ++row;
  }
  for (size_t i = 0; i < doc.columns.size(); ++i)
    worksheet_write_string(ws, row, static_cast<lxw_col_t>(i), doc.columns[i].header.c_str(), head);
  worksheet_freeze_panes(ws, row + 1, 0);
  ++row;
  const size_t every = std::max<size_t>(doc.rows.size() / 20, 1000);
  for (size_t n = 0; n < doc.rows.size(); ++n, ++row) {
    const DocRow& r = doc.rows[n];
    lxw_format* f = r.kind == RowKind::line ? nullptr : bold;
    for (size_t i = 0; i < r.cells.size() && i < std::max<size_t>(doc.columns.size(), 1); ++i) {
      const std::string& v = r.cells[i];
      if (v.empty()) continue;
      double number = 0;
      if (i < doc.columns.size() && doc.columns[i].kind == CellKind::integer && parse_integer(v, number))
        worksheet_write_number(ws, row, static_cast<lxw_col_t>(i), number, f);
      else
        worksheet_write_string(ws, row, static_cast<lxw_col_t>(i), v.c_str(), f);
    }
    if (on_progress && n % every == 0) on_progress(static_cast<double>(n) / static_cast<double>(doc.rows.size()));
  }
  if (workbook_close(wb) != LXW_NO_ERROR) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    return make_error(ErrorKind::internal, "docs.render_failed");
  }
  if (on_progress) on_progress(1.0);
  return ok_status();
}

Result<std::string> render_xlsx(const TableDocument& doc, const std::string& tmp_dir) {
  std::string tmpl = (std::filesystem::path(tmp_dir.empty() ? std::filesystem::temp_directory_path().string() : tmp_dir) /
                      "doc_XXXXXX.xlsx").string();
  const int fd = mkstemps(tmpl.data(), 5);
  if (fd < 0) return make_error(ErrorKind::internal, "docs.render_failed");
  close(fd);
  auto done = write_xlsx(doc, tmpl);
  std::string bytes;
  if (done) {
    std::ifstream in(tmpl, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    bytes = s.str();
  }
  std::error_code ec;
  std::filesystem::remove(tmpl, ec);
  if (!done) return done.error();
  return bytes;
}

}  // namespace ivd::documents
