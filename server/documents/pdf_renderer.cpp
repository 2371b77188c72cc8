// [SECTION] page geometry and fonts
// [SECTION] text measuring and drawing
// [SECTION] the plan: rows placed on pages (one measuring pass, so "共 m 页" is known before drawing)
// [SECTION] drawing
#include "server/documents/pdf_renderer.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace ivd::documents {
namespace {

// ---- [SECTION] page geometry and fonts ----------------------------------------------------------------------

// A4 in points (1/72 inch).
constexpr double kPageW = 595.276, kPageH = 841.890;
constexpr double kMarginX = 36, kMarginTop = 40, kMarginBottom = 46;
constexpr double kFooterY = kPageH - 28;
constexpr double kPadX = 3, kPadY = 2.5;
constexpr double kTableFont = 8.5, kTitleFont = 15, kHeadingFont = 9.5, kParagraphFont = 11, kFooterFont = 8;
constexpr double kStampLine = 30;  // height of a signature line: room to sign and stamp

struct Fonts {
  PangoFontDescription* regular = nullptr;
  PangoFontDescription* bold = nullptr;
  PangoFontDescription* title = nullptr;
  PangoFontDescription* heading = nullptr;
  PangoFontDescription* paragraph = nullptr;
  PangoFontDescription* footer = nullptr;
  explicit Fonts(const std::string& family) {
    auto make = [&](double size, bool is_bold) {
      PangoFontDescription* d = pango_font_description_new();
      pango_font_description_set_family(d, family.c_str());
      pango_font_description_set_size(d, static_cast<int>(size * PANGO_SCALE));
      pango_font_description_set_weight(d, is_bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      return d;
    };
    regular = make(kTableFont, false);
    bold = make(kTableFont, true);
    title = make(kTitleFont, true);
    heading = make(kHeadingFont, false);
    paragraph = make(kParagraphFont, false);
    footer = make(kFooterFont, false);
  }
  ~Fonts() {
    for (auto* d : {regular, bold, title, heading, paragraph, footer}) pango_font_description_free(d);
  }
  Fonts(const Fonts&) = delete;
  Fonts& operator=(const Fonts&) = delete;
};

// ---- [SECTION] text measuring and drawing --------------------------------------------------------------------

// One PangoLayout reused for every piece of text (creating a layout per cell costs more than the text).
class Text {
 public:
  explicit Text(cairo_t* cr) : cr_(cr), layout_(pango_cairo_create_layout(cr)) {
    // Pango assumes 96 dpi; a PDF surface is in points: without this a 9 pt font comes out at 12 pt.
    pango_cairo_context_set_resolution(pango_layout_get_context(layout_), 72.0);
    pango_layout_context_changed(layout_);
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
  }
  ~Text() { g_object_unref(layout_); }
  Text(const Text&) = delete;
  Text& operator=(const Text&) = delete;

  // Height of text wrapped to width (points).
  double height(const std::string& text, const PangoFontDescription* font, double width) {
    set(text, font, width, PANGO_ALIGN_LEFT);
    int w = 0, h = 0;
    pango_layout_get_size(layout_, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  void draw(const std::string& text, const PangoFontDescription* font, double x, double y, double width,
            PangoAlignment align = PANGO_ALIGN_LEFT) {
    set(text, font, width, align);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout_);
  }

 private:
  void set(const std::string& text, const PangoFontDescription* font, double width, PangoAlignment align) {
    pango_layout_set_font_description(layout_, font);
    pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_alignment(layout_, align);
    pango_layout_set_text(layout_, text.data(), static_cast<int>(text.size()));
  }
  cairo_t* cr_;
  PangoLayout* layout_;
};

// ---- [SECTION] the plan --------------------------------------------------------------------------------------

struct Placed {
  int page = 0;
  double y = 0;
  double h = 0;
};

struct Plan {
  std::vector<double> col_x, col_w;  // column left edges and widths
  double header_h = 0;
  double intro_h = 0;                // title, heading and paragraphs on page 1
  std::vector<Placed> rows;
  std::vector<double> header_y;      // per page: where the table header is drawn (< 0: no header)
  int stamp_page = 0;
  double stamp_y = 0;
  int pages = 1;
};

const PangoFontDescription* row_font(const Fonts& f, RowKind k) { return k == RowKind::line ? f.regular : f.bold; }

double row_height(Text& text, const Fonts& f, const Plan& plan, const TableDocument& doc, const DocRow& r) {
  double h = 0;
  if (r.kind == RowKind::group) {
    const double w = plan.col_x.back() + plan.col_w.back() - plan.col_x.front() - 2 * kPadX;
    h = text.height(r.cells.empty() ? std::string() : r.cells[0], f.bold, w);
  } else {
    for (size_t i = 0; i < doc.columns.size() && i < r.cells.size(); ++i)
      if (!r.cells[i].empty()) h = std::max(h, text.height(r.cells[i], row_font(f, r.kind), plan.col_w[i] - 2 * kPadX));
  }
  return std::max(h, kTableFont * 1.45) + 2 * kPadY;
}

double heading_block_height(Text& text, const Fonts& f, const TableDocument& doc) {
  const double width = kPageW - 2 * kMarginX;
  double h = 0;
  if (!doc.title.empty()) h += text.height(doc.title, f.title, width) + 10;
  for (size_t i = 0; i < doc.heading.size(); i += 2) {
    double line = 0;
    for (size_t j = i; j < std::min(i + 2, doc.heading.size()); ++j)
      line = std::max(line, text.height(doc.heading[j].label + "：" + doc.heading[j].value, f.heading, width / 2 - 6));
    h += line + 3;
  }
  if (!doc.heading.empty()) h += 6;
  for (const auto& p : doc.paragraphs) h += text.height(p, f.paragraph, width) + 9;
  return h;
}

Plan make_plan(Text& text, const Fonts& f, const TableDocument& doc) {
  Plan plan;
  const double width = kPageW - 2 * kMarginX, bottom = kPageH - kMarginBottom;
  double sum = 0;
  for (const auto& c : doc.columns) sum += c.width > 0 ? c.width : 1;
  double x = kMarginX;
  for (const auto& c : doc.columns) {
    const double w = width * (c.width > 0 ? c.width : 1) / sum;
    plan.col_x.push_back(x);
    plan.col_w.push_back(w);
    x += w;
  }
  plan.intro_h = heading_block_height(text, f, doc);
  double y = kMarginTop + plan.intro_h;
  int page = 0;
  plan.header_y.push_back(-1);
  if (!doc.columns.empty()) {
    for (size_t i = 0; i < doc.columns.size(); ++i)
      plan.header_h = std::max(plan.header_h, text.height(doc.columns[i].header, f.bold, plan.col_w[i] - 2 * kPadX));
    plan.header_h += 2 * kPadY;
    auto new_page = [&] {
      ++page;
      plan.header_y.push_back(kMarginTop);
      y = kMarginTop + plan.header_h;
    };
    if (y + plan.header_h > bottom) {
      ++page;
      plan.header_y.push_back(-1);
      y = kMarginTop;
    }
    plan.header_y[page] = y;
    y += plan.header_h;
    plan.rows.reserve(doc.rows.size());
    std::vector<double> heights;
    heights.reserve(doc.rows.size());
    for (const auto& r : doc.rows) heights.push_back(row_height(text, f, plan, doc, r));
    for (size_t i = 0; i < doc.rows.size(); ++i) {
      double need = heights[i];
      // A group heading is never left alone at the foot of a page: it moves with its first line.
      if (doc.rows[i].kind == RowKind::group && i + 1 < doc.rows.size()) need += heights[i + 1];
      const bool at_top = y <= kMarginTop + plan.header_h + 0.01;
      if (y + need > bottom && !at_top) new_page();
      plan.rows.push_back({page, y, heights[i]});
      y += heights[i];
    }
  }
  if (!doc.stamp.empty()) {
    const double stamp_h = 18 + kStampLine * static_cast<double>(doc.stamp.size());
    if (y + stamp_h > bottom) {
      ++page;
      plan.header_y.push_back(-1);
      y = kMarginTop;
    }
    plan.stamp_page = page;
    plan.stamp_y = y + 18;
  }
  plan.pages = page + 1;
  return plan;
}

// ---- [SECTION] drawing ---------------------------------------------------------------------------------------

void fill_rect(cairo_t* cr, double x, double y, double w, double h, double grey) {
  cairo_set_source_rgb(cr, grey, grey, grey);
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
}

void stroke_cells(cairo_t* cr, const Plan& plan, double y, double h, bool spans) {
  cairo_set_line_width(cr, 0.5);
  if (spans) {
    cairo_rectangle(cr, plan.col_x.front(), y, plan.col_x.back() + plan.col_w.back() - plan.col_x.front(), h);
  } else {
    for (size_t i = 0; i < plan.col_x.size(); ++i) cairo_rectangle(cr, plan.col_x[i], y, plan.col_w[i], h);
  }
  cairo_stroke(cr);
}

void draw_header(cairo_t* cr, Text& text, const Fonts& f, const Plan& plan, const TableDocument& doc, double y) {
  fill_rect(cr, plan.col_x.front(), y, plan.col_x.back() + plan.col_w.back() - plan.col_x.front(), plan.header_h, 0.86);
  for (size_t i = 0; i < doc.columns.size(); ++i)
    text.draw(doc.columns[i].header, f.bold, plan.col_x[i] + kPadX, y + kPadY, plan.col_w[i] - 2 * kPadX, PANGO_ALIGN_CENTER);
  stroke_cells(cr, plan, y, plan.header_h, false);
}

void draw_row(cairo_t* cr, Text& text, const Fonts& f, const Plan& plan, const TableDocument& doc, const DocRow& r,
              const Placed& at) {
  const double left = plan.col_x.front(), full = plan.col_x.back() + plan.col_w.back() - left;
  if (r.kind == RowKind::group) {
    fill_rect(cr, left, at.y, full, at.h, 0.94);
    text.draw(r.cells.empty() ? std::string() : r.cells[0], f.bold, left + kPadX, at.y + kPadY, full - 2 * kPadX);
    stroke_cells(cr, plan, at.y, at.h, true);
    return;
  }
  if (r.kind != RowKind::line) fill_rect(cr, left, at.y, full, at.h, r.kind == RowKind::total ? 0.9 : 0.96);
  for (size_t i = 0; i < doc.columns.size() && i < r.cells.size(); ++i) {
    if (r.cells[i].empty()) continue;
    const PangoAlignment align = doc.columns[i].kind == CellKind::integer ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
    text.draw(r.cells[i], row_font(f, r.kind), plan.col_x[i] + kPadX, at.y + kPadY, plan.col_w[i] - 2 * kPadX, align);
  }
  stroke_cells(cr, plan, at.y, at.h, false);
}

void draw_intro(Text& text, const Fonts& f, const TableDocument& doc) {
  const double width = kPageW - 2 * kMarginX;
  double y = kMarginTop;
  if (!doc.title.empty()) {
    text.draw(doc.title, f.title, kMarginX, y, width, PANGO_ALIGN_CENTER);
    y += text.height(doc.title, f.title, width) + 10;
  }
  for (size_t i = 0; i < doc.heading.size(); i += 2) {
    double line = 0;
    for (size_t j = i; j < std::min(i + 2, doc.heading.size()); ++j) {
      const std::string s = doc.heading[j].label + "：" + doc.heading[j].value;
      text.draw(s, f.heading, kMarginX + static_cast<double>(j - i) * width / 2, y, width / 2 - 6);
      line = std::max(line, text.height(s, f.heading, width / 2 - 6));
    }
    y += line + 3;
  }
  if (!doc.heading.empty()) y += 6;
  for (const auto& p : doc.paragraphs) {
    text.draw(p, f.paragraph, kMarginX, y, width);
    y += text.height(p, f.paragraph, width) + 9;
  }
}

void draw_stamp(cairo_t* cr, Text& text, const Fonts& f, const TableDocument& doc, double y) {
  // The block sits in the right half of the page, a line to sign on after each label.
  const double x = kPageW / 2 + 10, w = kPageW - kMarginX - x;
  cairo_set_line_width(cr, 0.5);
  for (const auto& label : doc.stamp) {
    text.draw(label, f.heading, x, y + kStampLine - 16, w);
    cairo_move_to(cr, x + w * 0.42, y + kStampLine - 3);
    cairo_line_to(cr, x + w, y + kStampLine - 3);
    cairo_stroke(cr);
    y += kStampLine;
  }
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<std::string> render_pdf(const TableDocument& doc, const PdfOptions& options) {
  std::string out;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_pdf_surface_create_for_stream(append_to_string, &out, kPageW, kPageH), cairo_surface_destroy);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "IVD reporting platform");
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), cairo_destroy);
  {
    Fonts fonts(options.font_family);
    Text text(cr.get());
    const Plan plan = make_plan(text, fonts, doc);
    size_t next = 0;
    const size_t report_every = std::max<size_t>(doc.rows.size() / 20, 200);
    for (int page = 0; page < plan.pages; ++page) {
      cairo_set_source_rgb(cr.get(), 0, 0, 0);
      if (page == 0) draw_intro(text, fonts, doc);
      if (plan.header_y[page] >= 0) draw_header(cr.get(), text, fonts, plan, doc, plan.header_y[page]);
      for (; next < plan.rows.size() && plan.rows[next].page == page; ++next) {
        draw_row(cr.get(), text, fonts, plan, doc, doc.rows[next], plan.rows[next]);
        if (options.on_progress && next % report_every == 0)
          options.on_progress(static_cast<double>(next) / static_cast<double>(plan.rows.size()));
      }
      if (!doc.stamp.empty() && plan.stamp_page == page) draw_stamp(cr.get(), text, fonts, doc, plan.stamp_y);
      if (!doc.page_label.empty())
        text.draw(page_footer(doc.page_label, page + 1, plan.pages), fonts.footer, kMarginX, kFooterY,
                  kPageW - 2 * kMarginX, PANGO_ALIGN_CENTER);
      cairo_show_page(cr.get());
    }
  }
  const cairo_status_t st = cairo_status(cr.get());
  cr.reset();
  cairo_surface_finish(surface.get());
  if (st != CAIRO_STATUS_SUCCESS || cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    return make_error(ErrorKind::internal, "docs.render_failed");
  surface.reset();
  if (options.on_progress) options.on_progress(1.0);
  return out;
}

}  // namespace ivd::documents
