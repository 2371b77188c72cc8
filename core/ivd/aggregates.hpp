#pragma once
// Totals per hospital, city, province, nation and 注册证, maintained incrementally (DESIGN: "aggregates
// maintained so national totals never scan all lines"): every save of sheet lines and every status
// change that moves a hospital in or out of the counted set applies a delta to the summary rows.
//
// Counted set (IVD manual 省级报量项目审核 2 注2; SPEC §2.4): every hospital that is not 无需上报 —
// 审核通过, 已提交 and the ones not yet submitted (未填报, 暂存, 审核不通过).
//
//   ivd_sheets            per hospital: line_count, last_year_total, demand_total (its own data, always)
//   ivd_city_reviews      per city / 省本级: hospital_count, last_year_total, demand_total (counted set)
//   ivd_province_reviews  per province: the same
//   ivd_cert_totals       per province × 注册证: last_year_total, demand_total (counted set)
//   national              = the sum of the province rows (31 rows)
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/db.hpp"
#include "core/base/result.hpp"

namespace ivd {

struct Sums {
  int64_t last_year = 0;
  int64_t demand = 0;
  friend bool operator==(const Sums&, const Sums&) = default;
};
// {last_year, demand}.
void to_json(nlohmann::json& j, const Sums& s);
void from_json(const nlohmann::json& j, Sums& s);

struct TotalsDelta {
  int64_t hospitals = 0;
  Sums sums;
  std::map<std::string, Sums> by_cert;  // 注册证 -> change
  bool empty() const;
  void add_line(const std::string& cert, int64_t d_last, int64_t d_demand);
  TotalsDelta negated() const;
};

// Applies delta to the city, province and 注册证 rows of the sheet's region.
Status apply_totals_delta(Db& db, int64_t project_id, std::string_view city_code, std::string_view province_code,
                          const TotalsDelta& delta);

// What one sheet contributes while counted: hospitals = 1, its sums, its sums per 注册证.
Result<TotalsDelta> sheet_contribution(Db& db, int64_t project_id, int64_t sheet_id);

// Makes sure every hospital of a participating province has its sheet (未填报) and every city and
// province its report row, and updates hospital counts for new sheets. Called after project changes
// (force: the provinces may have changed) and before lists, so hospitals imported after the project
// was created appear too. Unforced it costs two index lookups when no institution was added since the
// last call (the project remembers the highest institution id it has seen).
Status ensure_project_rows(Db& db, int64_t project_id, int64_t now, bool force = false);

// Full recount from sheets and lines (demo seed after its batch inserts; repair tool).
Status rebuild_totals(Db& db, int64_t project_id);

// The maintained rows and a recount from scratch, for tests that check the increments.
struct TotalsSnapshot {
  std::map<std::string, std::pair<int64_t, Sums>> cities;     // city -> (hospital_count, sums)
  std::map<std::string, std::pair<int64_t, Sums>> provinces;  // province -> (hospital_count, sums)
  std::map<std::string, Sums> certs;                          // "province|cert" -> sums (zero rows dropped)
  std::map<int64_t, std::pair<int64_t, Sums>> sheets;         // sheet id -> (line_count, sums)
  friend bool operator==(const TotalsSnapshot&, const TotalsSnapshot&) = default;
};
Result<TotalsSnapshot> maintained_totals(Db& db, int64_t project_id);
Result<TotalsSnapshot> recounted_totals(Db& db, int64_t project_id);

// ---- reading the totals (no line scans) ------------------------------------------------------------
struct CertTotalRow {
  std::string province_code;
  std::string province_name;
  std::string category;      // 大项
  std::string subcategory;   // 小项
  std::string manufacturer;  // 生产企业
  std::string certificate;   // 注册证
  Sums sums;
  friend bool operator==(const CertTotalRow&, const CertTotalRow&) = default;
};
// CertTotal on the wire: {province_code, province_name, category, subcategory, manufacturer, certificate,
// last_year_total, demand_total}.
void to_json(nlohmann::json& j, const CertTotalRow& r);
void from_json(const nlohmann::json& j, CertTotalRow& r);
// 汇总数据导出 (IVD manual 全国报量数据 5; SPEC §2.5) as a file: UTF-8 with a BOM, the header
// 省份,大项,小项,生产企业,注册证,上年度采购总数量,下年度采购总数量 and one record per row in the given order.
std::string cert_totals_csv(const std::vector<CertTotalRow>& rows);
// Province × 注册证 rows with their catalog columns (national 汇总数据导出 CSV, SPEC §2.5); province_code
// "" = every participating province. Rows with zero totals are left out.
Result<std::vector<CertTotalRow>> cert_totals(Db& db, int64_t project_id, std::string_view province_code);
Sums national_sums(Db& db, int64_t project_id, int64_t* hospital_count);
nlohmann::json sums_to_json(const Sums& s);

}  // namespace ivd
