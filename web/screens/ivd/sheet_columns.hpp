#pragma once
// The columns of the sheet table, in the order of the IVD manual's 填报 page, except that 产品名称
// follows 流水号 so both stay frozen at the left while the others scroll.
#include <array>
#include <optional>
#include <string_view>

#include "core/ivd/sheet/sheet_rules.hpp"

namespace ivd::web {

struct SheetColumn {
  std::string_view key;       // test ids and filters: "serial", "demand", ...
  std::string_view title_id;  // i18n id of the header
  float width_css;
  std::optional<SheetField> field;  // the editable cell's field; nullopt = read-only (catalog, computed)
};

enum SheetCol : int {
  kColSerial, kColProduct, kColCategory, kColSubcategory, kColSpec, kColCertificate, kColManufacturer,
  kColLastYear, kColDemand, kColChange, kColInstrument, kColNote, kColumnCount
};

inline const std::array<SheetColumn, kColumnCount>& sheet_columns() {
  static const std::array<SheetColumn, kColumnCount> cols = {{
      {"serial", "ivd.catalog.column.serial", 110, std::nullopt},
      {"product_name", "ivd.catalog.column.product_name", 160, std::nullopt},
      {"category", "ivd.catalog.column.category", 70, std::nullopt},
      {"subcategory", "ivd.catalog.column.subcategory", 80, std::nullopt},
      {"spec", "ivd.catalog.column.spec", 90, std::nullopt},
      {"certificate", "ivd.catalog.column.certificate", 140, std::nullopt},
      {"manufacturer", "ivd.catalog.column.manufacturer", 120, std::nullopt},
      {"last_year", "sheet.field.last_year", 120, SheetField::last_year},
      {"demand", "sheet.field.demand", 120, SheetField::demand},
      {"change", "web.sheet.col.change", 100, std::nullopt},
      {"instrument", "sheet.field.instrument", 110, SheetField::instrument},
      {"change_note", "sheet.field.change_note", 200, SheetField::change_note},
  }};
  return cols;
}

// The column showing a field's cell (the change note column for R-THRESHOLD items on change_note, ...).
inline int column_of(SheetField f) {
  for (int c = 0; c < kColumnCount; ++c)
    if (sheet_columns()[c].field == f) return c;
  return kColSerial;
}

}  // namespace ivd::web
