#pragma once
// The review workflow of a 报量项目 (SPEC §2.3-2.5; IVD manual 市级报量项目审核, 省级报量项目审核,
// 全国报量数据): the city reviews its hospitals and submits to the province, the province reviews its
// cities and submits to the nation with the stamped summary, the nation may withdraw a province.
// Every transition runs in one transaction, checks the record's revision, writes an event (who, when,
// from, to, reason) and keeps the totals (ivd_aggregates.hpp).
//
// Decisions the manual leaves open (written down here, SPEC asks to):
//  * Time windows: city actions are open from fill_start until city_review_end, and again while the
//    province has rejected the city (上级审核不通过: it must be able to fix and resubmit); province
//    actions until province_review_end, and again after a national 撤回.
//  * 取消上报 works on any hospital status but 无需上报 and remembers it; 上报 restores it (data kept).
//  * A city or 省本级 takes part when it has at least one hospital in the project; the province submits
//    when every such city is 审核通过.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/api/actor.hpp"
#include "core/store/db.hpp"
#include "core/ivd/aggregates.hpp"
#include "core/ivd/project.hpp"
#include "core/ivd/sheet_store.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"

namespace ivd {

struct CityReport {
  int64_t project_id = 0;
  std::string city_code;
  std::string city_name;
  std::string city_level;  // city | province_level (省本级)
  std::string province_code;
  std::string status;      // city_status id
  int64_t hospital_count = 0;
  Sums sums;
  std::optional<int64_t> submitted_at;
  std::optional<int64_t> reviewed_at;
  std::string review_reason;
  int64_t revision = 0;
  int64_t updated_at = 0;
  friend bool operator==(const CityReport&, const CityReport&) = default;
};

struct ProvinceReport {
  int64_t project_id = 0;
  std::string province_code;
  std::string province_name;
  std::string status;  // province_status id
  std::optional<int64_t> summary_file_id;  // 盖章的汇总数据
  int64_t hospital_count = 0;
  Sums sums;
  std::optional<int64_t> submitted_at;
  std::optional<int64_t> withdrawn_at;
  std::string withdraw_reason;
  int64_t revision = 0;
  int64_t updated_at = 0;
  friend bool operator==(const ProvinceReport&, const ProvinceReport&) = default;
};

// The wire types (docs/api-ivd.md CityReport, ProvinceReport): every field but project_id and
// updated_at, the sums as last_year_total / demand_total, and *_text (CST) that from_json ignores.
void to_json(nlohmann::json& j, const CityReport& c);
void from_json(const nlohmann::json& j, CityReport& c);
void to_json(nlohmann::json& j, const ProvinceReport& p);
void from_json(const nlohmann::json& j, ProvinceReport& p);

// 404 ivd.city.not_found / ivd.province.not_found.
Result<CityReport> load_city_report(Db& db, int64_t project_id, std::string_view city_code);
Result<ProvinceReport> load_province_report(Db& db, int64_t project_id, std::string_view province_code);
nlohmann::json city_report_to_json(const CityReport& c);
nlohmann::json province_report_to_json(const ProvinceReport& p);

// The city report's workflow (the table at the top of review.cpp); the sheet's is sheet_workflow().
const Workflow& city_workflow();

// One hospital of the city's list (GET .../cities/{city}/hospitals items): the sheet's status, totals
// and review; *_text (CST) is written, from_json ignores it.
struct HospitalReviewRow {
  int64_t hospital_id = 0;
  std::string hospital_code;
  std::string hospital_name;
  std::string hospital_level;
  std::string status;  // sheet_status id
  int64_t revision = 0;
  int64_t line_count = 0;
  Sums sums;
  std::optional<int64_t> submitted_at;
  std::optional<int64_t> reviewed_at;
  std::string review_reason;
  friend bool operator==(const HospitalReviewRow&, const HospitalReviewRow&) = default;
};
void to_json(nlohmann::json& j, const HospitalReviewRow& r);
void from_json(const nlohmann::json& j, HospitalReviewRow& r);

enum class Decision { approve, reject };
// "approve" / "reject" (also 通过 / 不通过); nullopt otherwise.
std::optional<Decision> parse_decision(std::string_view text);

// ---- city (SPEC §2.3): the city admin of the hospital's region, menu ivd.review ------------------
// Common refusals: 403 ivd.role.forbidden / ivd.scope.forbidden; 409 ivd.review.city_locked (the city
// has submitted: reviews change nothing until the province rejects); 409 ivd.review.city_window_closed;
// 409 revision.stale (the sheet's revision).
// 取消上报 → 无需上报 (409 ivd.review.already_not_required).
Result<SheetHeader> exclude_hospital(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                     int64_t hospital_id, int64_t revision);
// 上报: back to the status before 取消上报 (409 ivd.review.not_excluded).
Result<SheetHeader> include_hospital(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                     int64_t hospital_id, int64_t revision);
// 审核 of a 已提交 sheet (409 ivd.review.sheet_not_submitted); 不通过 needs a reason
// (400 ivd.review.reason_required).
Result<SheetHeader> review_hospital(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                    int64_t hospital_id, int64_t revision, Decision decision, std::string reason);
// 审核撤回: 审核通过 / 审核不通过 → 已提交 (409 ivd.review.sheet_not_reviewed), only while the city is 待提交
// or 上级审核不通过 (ivd.review.city_locked).
Result<SheetHeader> withdraw_hospital_review(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                             int64_t hospital_id, int64_t revision);
// 提交 to the province: every hospital that is not 无需上报 must be 审核通过
// (422 ivd.review.city_not_all_approved, details.blocking lists them); 409 ivd.review.city_not_pending
// when already submitted; revision of the city report.
Result<CityReport> submit_city(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                               std::string_view city_code, int64_t revision);

// ---- province (SPEC §2.4): the province admin of the city's province, menu ivd.review -------------
// Common refusals: 403; 409 ivd.review.province_locked (the province has submitted);
// 409 ivd.review.province_window_closed; revision.stale (the city report's revision).
// 审核 of a 已提交 city (409 ivd.review.city_not_submitted); 不通过 needs a reason.
Result<CityReport> review_city(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                               std::string_view city_code, int64_t revision, Decision decision, std::string reason);
// 审核撤回: 审核通过 / 审核不通过 → 已提交 (409 ivd.review.city_not_reviewed), only while the province is
// 待提交 or 审核不通过/已撤回 (ivd.review.province_locked).
Result<CityReport> withdraw_city_review(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                        std::string_view city_code, int64_t revision);
// 提交 to the nation: every city 审核通过 (422 ivd.review.province_not_all_approved, details.blocking),
// and the stamped summary uploaded (422 ivd.review.summary_required, field summary_file_id);
// 409 ivd.review.province_not_pending; revision of the province report.
Result<ProvinceReport> submit_province(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                       std::string_view province_code, int64_t revision,
                                       std::optional<int64_t> summary_file_id);

// ---- nation (SPEC §2.5): the super admin, menu ivd.national ---------------------------------------
// 撤回 a 已提交 province with a reason (409 ivd.review.province_not_submitted; 400 ivd.review.reason_required).
// Whether a province report in `status` allows `action` (submit, withdraw): the screens offer the
// button only then (the same table the actions above check).
bool province_allows(std::string_view action, std::string_view status);
Result<ProvinceReport> withdraw_province(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                         std::string_view province_code, int64_t revision, std::string reason);

// ---- lists: data only when called (the screens call them on 查询) --------------------------------
struct HospitalFilter {
  std::string name;    // part of the hospital name
  std::string code;    // part of the hospital code
  std::string status;  // sheet_status id or ""
};
// The city's hospitals with status, totals and submit time, the city report and counts per status.
Result<nlohmann::json> list_city_hospitals(Db& db, Services& svc, const Actor& actor, const Project& p,
                                           std::string_view city_code, const HospitalFilter& f, const Page& page);
struct RegionFilter {
  std::string name;    // part of the region name
  std::string status;  // city_status / province_status id or ""
};
// Per city (including 省本级): 医疗机构数量, 历史采购量, 采购需求量, status; and the province report.
Result<nlohmann::json> list_province_cities(Db& db, Services& svc, const Actor& actor, const Project& p,
                                            std::string_view province_code, const RegionFilter& f);
// Per province totals and status, and the national totals.
Result<nlohmann::json> list_national_provinces(Db& db, Services& svc, const Actor& actor, const Project& p,
                                               const RegionFilter& f);

}  // namespace ivd
