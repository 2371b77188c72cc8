#pragma once
// 填报数据导出 (IVD manual 报量项目管理 5): a hospital's sheet summed by 注册证, as a CSV file a clerk
// opens in Excel or WPS (UTF-8 with BOM, CRLF), and the file name it is saved under. The data is the
// answer of GET /ivd/projects/{pid}/sheet/certificates (sheet_by_certificate); the PDF version to be
// signed and stamped comes later.
#include <nlohmann/json.hpp>
#include <string>

#include "core/base/i18n.hpp"

namespace ivd {

// One record per line of the sheet, grouped by 注册证 as in the answer, each group followed by a
// 小计 record of its totals, and a 合计 record at the end. Column headers and the 小计 / 合计 labels are
// in `lang`. Unknown or missing keys of the answer give empty cells (never throws).
std::string fill_export_csv(const nlohmann::json& certificates_answer, Lang lang);

// "<医院名>_<项目名>_填报数据.csv" (the words of `lang`); characters a file system refuses (\ / : * ? " < > |
// and control characters) become "_".
std::string fill_export_file_name(const nlohmann::json& certificates_answer, Lang lang);

}  // namespace ivd
