// [SECTION] the workflows: city and province reports (status/transition tables)
// [SECTION] loading reports, windows and locks
// [SECTION] writing a status change (through apply_transition)
// [SECTION] report JSON
// [SECTION] city actions (SPEC §2.3)
// [SECTION] province actions (SPEC §2.4)
// [SECTION] national actions (SPEC §2.5)
// [SECTION] lists
//
// The hospital sheet's own workflow (取消上报, 上报, 审核, 审核撤回 are its city rows) is the table at
// the top of sheet_store.cpp.
#include "core/ivd/review.hpp"

#include "core/base/text.hpp"
#include "core/ivd/files.hpp"
#include "core/ivd/scope.hpp"

namespace ivd {

using nlohmann::json;

// ---- [SECTION] the workflows ------------------------------------------------------------------------
namespace {
// A city's (or 省本级's) report to its province (IVD manual 市级/省级报量项目审核):
//
//   who       from                action           to         precondition
//   city      pending, rejected   submit           submitted  every hospital 审核通过 or 无需上报; city window
//   province  submitted           approve          approved   province 待提交/审核不通过; province window
//   province  submitted           reject           rejected   + a reason
//   province  approved, rejected  withdraw_review  submitted  province 待提交/审核不通过; province window
constexpr StatusTable kCityTable{
    .table = "ivd_city_reviews",
    .key_columns = {"project_id", "city_code"},
    .extra_columns = {"submitted_at", "reviewed_at", "review_reason"},
    .entity = ivd_entity::city,
};
constexpr std::string_view kCityStatuses[] = {city_status::pending, city_status::submitted, city_status::approved,
                                              city_status::rejected};
constexpr TransitionRule kCityRules[] = {
    {"city", city_status::pending, "submit", city_status::submitted, "all hospitals approved or not required"},
    {"city", city_status::rejected, "submit", city_status::submitted, "all hospitals approved or not required"},
    {"province", city_status::submitted, "approve", city_status::approved, "province open, window"},
    {"province", city_status::submitted, "reject", city_status::rejected, "province open, window, reason"},
    {"province", city_status::approved, "withdraw_review", city_status::submitted, "province open, window"},
    {"province", city_status::rejected, "withdraw_review", city_status::submitted, "province open, window"},
};
constexpr std::pair<std::string_view, std::string_view> kCityRefusals[] = {
    {"submit", "ivd.review.city_not_pending"},
    {"approve", "ivd.review.city_not_submitted"},
    {"reject", "ivd.review.city_not_submitted"},
    {"withdraw_review", "ivd.review.city_not_reviewed"},
};
constexpr Workflow kCityWorkflow{"ivd_city", kCityTable, kCityStatuses, kCityRules, kCityRefusals};

// A province's report to the nation (IVD manual 省级报量项目审核, 全国报量数据):
//
//   who       from                action    to         precondition
//   province  pending, withdrawn  submit    submitted  every city 审核通过; the stamped summary; window
//   nation    submitted           withdraw  withdrawn  + a reason
constexpr StatusTable kProvinceTable{
    .table = "ivd_province_reviews",
    .key_columns = {"project_id", "province_code"},
    .extra_columns = {"submitted_at", "summary_file_id", "withdrawn_at", "withdraw_reason"},
    .entity = ivd_entity::province,
};
constexpr std::string_view kProvinceStatuses[] = {province_status::pending, province_status::submitted,
                                                  province_status::withdrawn};
constexpr TransitionRule kProvinceRules[] = {
    {"province", province_status::pending, "submit", province_status::submitted, "all cities approved, summary"},
    {"province", province_status::withdrawn, "submit", province_status::submitted, "all cities approved, summary"},
    {"nation", province_status::submitted, "withdraw", province_status::withdrawn, "a reason"},
};
constexpr std::pair<std::string_view, std::string_view> kProvinceRefusals[] = {
    {"submit", "ivd.review.province_not_pending"},
    {"withdraw", "ivd.review.province_not_submitted"},
};
constexpr Workflow kProvinceWorkflow{"ivd_province", kProvinceTable, kProvinceStatuses, kProvinceRules,
                                     kProvinceRefusals};
}  // namespace

const Workflow& city_workflow() { return kCityWorkflow; }

// ---- [SECTION] loading reports, windows and locks ---------------------------------------------------
namespace {
constexpr size_t kMaxReason = 1500;  // bytes (500 CJK characters)
constexpr size_t kMaxBlockingListed = 100;

json opt_json(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }
std::string opt_text(const std::optional<int64_t>& v) { return v ? format_cst(*v) : std::string(); }

Result<CityReport> read_city(const Stmt& st) {
  CityReport c;
  c.project_id = st.col_int(0);
  c.city_code = st.col_text(1);
  c.province_code = st.col_text(2);
  c.status = st.col_text(3);
  c.hospital_count = st.col_int(4);
  c.sums = {st.col_int(5), st.col_int(6)};
  c.submitted_at = st.col_opt_int(7);
  c.reviewed_at = st.col_opt_int(8);
  c.review_reason = st.col_text(9);
  c.revision = st.col_int(10);
  c.updated_at = st.col_int(11);
  c.city_name = st.col_text(12);
  c.city_level = st.col_text(13);
  return c;
}
constexpr const char* kCitySelect =
    "SELECT c.project_id, c.city_code, c.province_code, c.status, c.hospital_count, c.last_year_total, "
    "c.demand_total, c.submitted_at, c.reviewed_at, c.review_reason, c.revision, c.updated_at, "
    "coalesce(r.name, ''), coalesce(r.level, '') FROM ivd_city_reviews c LEFT JOIN regions r ON r.code = c.city_code ";

Result<ProvinceReport> read_province(const Stmt& st) {
  ProvinceReport p;
  p.project_id = st.col_int(0);
  p.province_code = st.col_text(1);
  p.status = st.col_text(2);
  p.summary_file_id = st.col_opt_int(3);
  p.hospital_count = st.col_int(4);
  p.sums = {st.col_int(5), st.col_int(6)};
  p.submitted_at = st.col_opt_int(7);
  p.withdrawn_at = st.col_opt_int(8);
  p.withdraw_reason = st.col_text(9);
  p.revision = st.col_int(10);
  p.updated_at = st.col_int(11);
  p.province_name = st.col_text(12);
  return p;
}
constexpr const char* kProvinceSelect =
    "SELECT p.project_id, p.province_code, p.status, p.summary_file_id, p.hospital_count, p.last_year_total, "
    "p.demand_total, p.submitted_at, p.withdrawn_at, p.withdraw_reason, p.revision, p.updated_at, "
    "coalesce(r.name, '') FROM ivd_province_reviews p LEFT JOIN regions r ON r.code = p.province_code ";

Result<std::string> required_reason(std::string reason) {
  // The one trim (core/base/text.hpp): a reason of blanks is no reason.
  const std::string_view v = trim_space(reason);
  if (v.empty()) return make_error(ErrorKind::bad_request, "ivd.review.reason_required", "reason");
  if (v.size() > kMaxReason)
    return make_error(ErrorKind::bad_request, "request.too_long", "reason", {"reason", std::to_string(kMaxReason)});
  return std::string(v);
}

Status check_started(const Project& p, int64_t now) {
  if (now < p.times.fill_start)
    return ivd_error(ErrorKind::conflict, "ivd.review.not_started", {format_cst(p.times.fill_start)});
  return ok_status();
}

// City actions: until city_review_end, and again while the province has rejected the city.
Status check_city_window(const Project& p, const CityReport& c, int64_t now) {
  IVD_TRY(check_started(p, now));
  if (now < p.times.city_review_end || c.status == city_status::rejected) return ok_status();
  return ivd_error(ErrorKind::conflict, "ivd.review.city_window_closed", {format_cst(p.times.city_review_end)});
}

// Province actions: until province_review_end, and again after a national 撤回.
Status check_province_window(const Project& p, const ProvinceReport& r, int64_t now) {
  IVD_TRY(check_started(p, now));
  if (now < p.times.province_review_end || r.status == province_status::withdrawn) return ok_status();
  return ivd_error(ErrorKind::conflict, "ivd.review.province_window_closed", {format_cst(p.times.province_review_end)});
}

// IVD manual 市级报量项目审核 6 注2: only while the region's own status is 待提交 or 上级审核不通过.
Status check_city_open(const CityReport& c) {
  if (c.status == city_status::pending || c.status == city_status::rejected) return ok_status();
  Error e = ivd_error(ErrorKind::conflict, "ivd.review.city_locked");
  e.details = {{"city_status", c.status}};
  return e;
}

// IVD manual 省级报量项目审核 4 注2: only while the province is 待提交 or 审核不通过 (after a 撤回).
Status check_province_open(const ProvinceReport& r) {
  if (r.status == province_status::pending || r.status == province_status::withdrawn) return ok_status();
  Error e = ivd_error(ErrorKind::conflict, "ivd.review.province_locked");
  e.details = {{"province_status", r.status}};
  return e;
}

// The shared start of a city action on one hospital: project, sheet, scope, city report, window,
// city status and revision.
struct HospitalAction {
  Project project;
  SheetHeader sheet;
  CityReport city;
};
Result<HospitalAction> start_hospital_action(Db& db, const Actor& actor, int64_t project_id, int64_t hospital_id,
                                             int64_t revision, int64_t now) {
  IVD_ASSIGN_OR_RETURN(auto p, load_visible_project(db, actor, project_id));
  IVD_ASSIGN_OR_RETURN(auto h, load_sheet_header(db, project_id, hospital_id));
  IVD_TRY(check_city_reviewer(actor, h.city_code));
  IVD_ASSIGN_OR_RETURN(auto c, load_city_report(db, project_id, h.city_code));
  IVD_TRY(check_city_window(p, c, now));
  IVD_TRY(check_city_open(c));
  IVD_TRY(check_revision(revision, h.revision));
  return HospitalAction{std::move(p), std::move(h), std::move(c)};
}

Result<SheetHeader> reload(Db& db, const SheetHeader& h) { return load_sheet_header(db, h.project_id, h.hospital_id); }

// ---- [SECTION] writing a status change -------------------------------------------------------------
Status write_city_status(Db& db, const CityReport& c, const std::string& to, const std::string& action,
                         const std::string& reason, int64_t actor_id, int64_t now, bool submitted, bool reviewed) {
  TransitionRequest t;
  t.key = {c.project_id, c.city_code};
  t.entity_id = region_entity_id(c.project_id, c.city_code);
  t.expected_revision = c.revision;
  t.from = c.status;
  t.action = action;
  t.to = to;
  t.actor_id = actor_id;
  t.at = now;
  t.reason = reason;
  if (submitted) t.also_set.push_back({"submitted_at", now});
  if (reviewed) {
    t.also_set.push_back({"reviewed_at", now});
    t.also_set.push_back({"review_reason", reason});
  }
  return apply_transition(db, kCityWorkflow, t);
}

// The shared start of a province action on one of its cities.
struct CityAction {
  Project project;
  CityReport city;
  ProvinceReport province;
};
Result<CityAction> start_city_action(Db& db, const Actor& actor, int64_t project_id, std::string_view city_code,
                                     int64_t revision, int64_t now) {
  IVD_ASSIGN_OR_RETURN(auto p, load_visible_project(db, actor, project_id));
  IVD_ASSIGN_OR_RETURN(auto c, load_city_report(db, project_id, city_code));
  IVD_TRY(check_province_reviewer(actor, c.province_code));
  IVD_ASSIGN_OR_RETURN(auto r, load_province_report(db, project_id, c.province_code));
  IVD_TRY(check_province_window(p, r, now));
  IVD_TRY(check_province_open(r));
  IVD_TRY(check_revision(revision, c.revision));
  return CityAction{std::move(p), std::move(c), std::move(r)};
}

Status write_province_status(Db& db, const ProvinceReport& r, const std::string& to, const std::string& action,
                             const std::string& reason, int64_t actor_id, int64_t now,
                             std::optional<int64_t> summary_file_id) {
  TransitionRequest t;
  t.key = {r.project_id, r.province_code};
  t.entity_id = region_entity_id(r.project_id, r.province_code);
  t.expected_revision = r.revision;
  t.from = r.status;
  t.action = action;
  t.to = to;
  t.actor_id = actor_id;
  t.at = now;
  t.reason = reason;
  if (to == province_status::submitted) {
    t.also_set.push_back({"submitted_at", now});
    t.also_set.push_back({"summary_file_id", summary_file_id ? SqlValue(*summary_file_id) : SqlValue()});
  }
  if (to == province_status::withdrawn) {
    t.also_set.push_back({"withdrawn_at", now});
    t.also_set.push_back({"withdraw_reason", reason});
  }
  return apply_transition(db, kProvinceWorkflow, t);
}
}  // namespace

// ---- [SECTION] report JSON --------------------------------------------------------------------------
Result<CityReport> load_city_report(Db& db, int64_t project_id, std::string_view city_code) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(std::string(kCitySelect) + "WHERE c.project_id = ? AND c.city_code = ?"));
  st.bind(1, project_id).bind(2, city_code);
  IVD_ASSIGN_OR_RETURN(auto r, st.step());
  if (!r) return ivd_error(ErrorKind::not_found, "ivd.city.not_found", {std::string(city_code)});
  return read_city(st);
}

Result<ProvinceReport> load_province_report(Db& db, int64_t project_id, std::string_view province_code) {
  IVD_ASSIGN_OR_RETURN(auto st,
                       db.prepare(std::string(kProvinceSelect) + "WHERE p.project_id = ? AND p.province_code = ?"));
  st.bind(1, project_id).bind(2, province_code);
  IVD_ASSIGN_OR_RETURN(auto r, st.step());
  if (!r) return ivd_error(ErrorKind::not_found, "ivd.province.not_found", {std::string(province_code)});
  return read_province(st);
}

namespace {
std::optional<int64_t> opt_int(const json& j, const char* key) {
  const json& v = j.at(key);
  return v.is_null() ? std::nullopt : std::optional<int64_t>(v.get<int64_t>());
}

// What every report and review row carries on the wire: its totals and when it was submitted (with the
// CST text, which from_json ignores).
void totals_to_json(json& j, const Sums& sums, const std::optional<int64_t>& submitted_at) {
  j["last_year_total"] = sums.last_year;
  j["demand_total"] = sums.demand;
  j["submitted_at"] = opt_json(submitted_at);
  j["submitted_at_text"] = opt_text(submitted_at);
}
void totals_from_json(const json& j, Sums& sums, std::optional<int64_t>& submitted_at) {
  j.at("last_year_total").get_to(sums.last_year);
  j.at("demand_total").get_to(sums.demand);
  submitted_at = opt_int(j, "submitted_at");
}
}  // namespace

void to_json(json& j, const CityReport& c) {
  j = {{"city_code", c.city_code},
       {"city_name", c.city_name},
       {"city_level", c.city_level},
       {"province_code", c.province_code},
       {"status", c.status},
       {"hospital_count", c.hospital_count},
       {"reviewed_at", opt_json(c.reviewed_at)},
       {"review_reason", c.review_reason},
       {"revision", c.revision}};
  totals_to_json(j, c.sums, c.submitted_at);
}

void from_json(const json& j, CityReport& c) {
  j.at("city_code").get_to(c.city_code);
  j.at("city_name").get_to(c.city_name);
  j.at("city_level").get_to(c.city_level);
  j.at("province_code").get_to(c.province_code);
  j.at("status").get_to(c.status);
  j.at("hospital_count").get_to(c.hospital_count);
  totals_from_json(j, c.sums, c.submitted_at);
  c.reviewed_at = opt_int(j, "reviewed_at");
  j.at("review_reason").get_to(c.review_reason);
  j.at("revision").get_to(c.revision);
}

void to_json(json& j, const ProvinceReport& p) {
  j = {{"province_code", p.province_code},
       {"province_name", p.province_name},
       {"status", p.status},
       {"summary_file_id", opt_json(p.summary_file_id)},
       {"hospital_count", p.hospital_count},
       {"withdrawn_at", opt_json(p.withdrawn_at)},
       {"withdraw_reason", p.withdraw_reason},
       {"revision", p.revision}};
  totals_to_json(j, p.sums, p.submitted_at);
}

void from_json(const json& j, ProvinceReport& p) {
  j.at("province_code").get_to(p.province_code);
  j.at("province_name").get_to(p.province_name);
  j.at("status").get_to(p.status);
  p.summary_file_id = opt_int(j, "summary_file_id");
  j.at("hospital_count").get_to(p.hospital_count);
  totals_from_json(j, p.sums, p.submitted_at);
  p.withdrawn_at = opt_int(j, "withdrawn_at");
  j.at("withdraw_reason").get_to(p.withdraw_reason);
  j.at("revision").get_to(p.revision);
}

void to_json(json& j, const HospitalReviewRow& r) {
  j = {{"hospital_id", r.hospital_id},
       {"hospital_code", r.hospital_code},
       {"hospital_name", r.hospital_name},
       {"hospital_level", r.hospital_level},
       {"status", r.status},
       {"revision", r.revision},
       {"line_count", r.line_count},
       {"reviewed_at", opt_json(r.reviewed_at)},
       {"review_reason", r.review_reason}};
  totals_to_json(j, r.sums, r.submitted_at);
}

void from_json(const json& j, HospitalReviewRow& r) {
  j.at("hospital_id").get_to(r.hospital_id);
  j.at("hospital_code").get_to(r.hospital_code);
  j.at("hospital_name").get_to(r.hospital_name);
  j.at("hospital_level").get_to(r.hospital_level);
  j.at("status").get_to(r.status);
  j.at("revision").get_to(r.revision);
  j.at("line_count").get_to(r.line_count);
  totals_from_json(j, r.sums, r.submitted_at);
  r.reviewed_at = opt_int(j, "reviewed_at");
  j.at("review_reason").get_to(r.review_reason);
}

json city_report_to_json(const CityReport& c) { return c; }
json province_report_to_json(const ProvinceReport& p) { return p; }

std::optional<Decision> parse_decision(std::string_view t) {
  if (t == "approve" || t == "通过" || t == "审核通过") return Decision::approve;
  if (t == "reject" || t == "不通过" || t == "审核不通过") return Decision::reject;
  return std::nullopt;
}

// ---- [SECTION] city actions ------------------------------------------------------------------------------------------

Result<SheetHeader> exclude_hospital(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                     int64_t hospital_id, int64_t revision) {
  const int64_t now = svc.clock.now();
  return transaction(db, [&]() -> Result<SheetHeader> {
    IVD_ASSIGN_OR_RETURN(auto a, start_hospital_action(db, actor, project_id, hospital_id, revision, now));
    // IVD manual 市级报量项目审核 3: 取消上报 → 无需上报 (not reviewed, not counted).
    if (!sheet_workflow().allows("exclude", a.sheet.status)) return sheet_workflow().refusal("exclude", a.sheet.status);
    IVD_TRY(write_sheet_status(db, a.sheet, {sheet_status::not_required, "exclude", "", false, false, {}},
                               actor.user_id, now));
    return reload(db, a.sheet);
  });
}

Result<SheetHeader> include_hospital(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                     int64_t hospital_id, int64_t revision) {
  const int64_t now = svc.clock.now();
  return transaction(db, [&]() -> Result<SheetHeader> {
    IVD_ASSIGN_OR_RETURN(auto a, start_hospital_action(db, actor, project_id, hospital_id, revision, now));
    // IVD manual 市级报量项目审核 4: 上报 reverses 取消上报; the data was kept.
    if (!sheet_workflow().allows("include", a.sheet.status)) return sheet_workflow().refusal("include", a.sheet.status);
    std::string to = a.sheet.status_before_exclusion.empty() ? std::string(sheet_status::not_filled)
                                                              : a.sheet.status_before_exclusion;
    IVD_TRY(write_sheet_status(db, a.sheet, {to, "include", "", false, false, {}}, actor.user_id, now));
    return reload(db, a.sheet);
  });
}

Result<SheetHeader> review_hospital(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                    int64_t hospital_id, int64_t revision, Decision decision, std::string reason) {
  const int64_t now = svc.clock.now();
  if (decision == Decision::reject) {
    // IVD manual 市级报量项目审核 5: 数据有误选择“审核不通过”并填写原因.
    IVD_ASSIGN_OR_RETURN(auto r, required_reason(std::move(reason)));
    reason = std::move(r);
  } else if (reason.size() > kMaxReason) {
    return make_error(ErrorKind::bad_request, "request.too_long", "reason", {"reason", std::to_string(kMaxReason)});
  }
  return transaction(db, [&]() -> Result<SheetHeader> {
    IVD_ASSIGN_OR_RETURN(auto a, start_hospital_action(db, actor, project_id, hospital_id, revision, now));
    // 注2: 无需上报的医院不需要审核; only 已提交 sheets are reviewed.
    const bool approve = decision == Decision::approve;
    const char* action = approve ? "approve" : "reject";
    if (!sheet_workflow().allows(action, a.sheet.status)) return sheet_workflow().refusal(action, a.sheet.status);
    IVD_TRY(write_sheet_status(db, a.sheet,
                               {approve ? sheet_status::approved : sheet_status::rejected,
                                action, reason, false, true,
                                approve ? std::string() : reason},
                               actor.user_id, now));
    return reload(db, a.sheet);
  });
}

Result<SheetHeader> withdraw_hospital_review(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                             int64_t hospital_id, int64_t revision) {
  const int64_t now = svc.clock.now();
  return transaction(db, [&]() -> Result<SheetHeader> {
    // start_hospital_action checks 注2: the city must be 待提交 or 上级审核不通过.
    IVD_ASSIGN_OR_RETURN(auto a, start_hospital_action(db, actor, project_id, hospital_id, revision, now));
    // IVD manual 市级报量项目审核 6 注1: 审核通过 / 审核不通过 → 已提交, to be reviewed again.
    if (!sheet_workflow().allows("withdraw_review", a.sheet.status))
      return sheet_workflow().refusal("withdraw_review", a.sheet.status);
    IVD_TRY(write_sheet_status(db, a.sheet, {sheet_status::submitted, "withdraw_review", "", false, false, {}},
                               actor.user_id, now));
    return reload(db, a.sheet);
  });
}

Result<CityReport> submit_city(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                               std::string_view city_code, int64_t revision) {
  const int64_t now = svc.clock.now();
  return transaction(db, [&]() -> Result<CityReport> {
    IVD_ASSIGN_OR_RETURN(auto p, load_visible_project(db, actor, project_id));
    IVD_TRY(check_city_reviewer(actor, city_code));
    IVD_TRY(ensure_project_rows(db, project_id, now));
    IVD_ASSIGN_OR_RETURN(auto c, load_city_report(db, project_id, city_code));
    IVD_TRY(check_city_window(p, c, now));
    if (!kCityWorkflow.allows("submit", c.status)) return kCityWorkflow.refusal("submit", c.status);
    IVD_TRY(check_revision(revision, c.revision));
    // IVD manual 市级报量项目审核 7 注: every hospital but 无需上报 must be 审核通过.
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
        "SELECT s.hospital_id, i.code, i.name, s.status FROM ivd_sheets s JOIN institutions i ON i.id = s.hospital_id "
        "WHERE s.project_id = ? AND s.city_code = ? AND s.status NOT IN ('approved', 'not_required') "
        "ORDER BY i.code"));
    st.bind(1, project_id).bind(2, city_code);
    json blocking = json::array();
    size_t count = 0;
    IVD_TRY(st.each([&](const Stmt& row) {
      if (++count <= kMaxBlockingListed)
        blocking.push_back({{"hospital_id", row.col_int(0)},
                            {"hospital_code", row.col_text(1)},
                            {"hospital_name", row.col_text(2)},
                            {"status", row.col_text(3)}});
    }));
    if (count > 0) {
      Error e = ivd_error(ErrorKind::unprocessable, "ivd.review.city_not_all_approved", {std::to_string(count)});
      e.details = {{"count", count}, {"blocking", std::move(blocking)}};
      return e;
    }
    IVD_TRY(write_city_status(db, c, city_status::submitted, "submit", "", actor.user_id, now, true, false));
    return load_city_report(db, project_id, city_code);
  });
}

// ---- [SECTION] province actions --------------------------------------------------------------------------------------

Result<CityReport> review_city(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                               std::string_view city_code, int64_t revision, Decision decision, std::string reason) {
  const int64_t now = svc.clock.now();
  if (decision == Decision::reject) {
    // IVD manual 省级报量项目审核 3.2: 数据有误选择“审核不通过”并填写原因.
    IVD_ASSIGN_OR_RETURN(auto r, required_reason(std::move(reason)));
    reason = std::move(r);
  } else if (reason.size() > kMaxReason) {
    return make_error(ErrorKind::bad_request, "request.too_long", "reason", {"reason", std::to_string(kMaxReason)});
  }
  return transaction(db, [&]() -> Result<CityReport> {
    IVD_ASSIGN_OR_RETURN(auto a, start_city_action(db, actor, project_id, city_code, revision, now));
    const bool approve = decision == Decision::approve;
    const char* action = approve ? "approve" : "reject";
    if (!kCityWorkflow.allows(action, a.city.status)) return kCityWorkflow.refusal(action, a.city.status);
    IVD_TRY(write_city_status(db, a.city, approve ? city_status::approved : city_status::rejected,
                              action, approve ? std::string() : reason, actor.user_id, now,
                              false, true));
    return load_city_report(db, project_id, city_code);
  });
}

Result<CityReport> withdraw_city_review(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                        std::string_view city_code, int64_t revision) {
  const int64_t now = svc.clock.now();
  return transaction(db, [&]() -> Result<CityReport> {
    IVD_ASSIGN_OR_RETURN(auto a, start_city_action(db, actor, project_id, city_code, revision, now));
    // IVD manual 省级报量项目审核 4 注1: 审核过的数据撤回到“已提交”状态，重新审核.
    if (!kCityWorkflow.allows("withdraw_review", a.city.status))
      return kCityWorkflow.refusal("withdraw_review", a.city.status);
    IVD_TRY(write_city_status(db, a.city, city_status::submitted, "withdraw_review", "", actor.user_id, now, false,
                              false));
    return load_city_report(db, project_id, city_code);
  });
}

Result<ProvinceReport> submit_province(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                       std::string_view province_code, int64_t revision,
                                       std::optional<int64_t> summary_file_id) {
  const int64_t now = svc.clock.now();
  return transaction(db, [&]() -> Result<ProvinceReport> {
    IVD_ASSIGN_OR_RETURN(auto p, load_visible_project(db, actor, project_id));
    IVD_TRY(check_province_reviewer(actor, province_code));
    IVD_TRY(ensure_project_rows(db, project_id, now));
    IVD_ASSIGN_OR_RETURN(auto r, load_province_report(db, project_id, province_code));
    IVD_TRY(check_province_window(p, r, now));
    if (!kProvinceWorkflow.allows("submit", r.status)) return kProvinceWorkflow.refusal("submit", r.status);
    IVD_TRY(check_revision(revision, r.revision));
    // IVD manual 省级报量项目审核 7 注: 当前区域下各市级业务状态必须是“审核通过”的才可以提交.
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
        "SELECT c.city_code, coalesce(g.name, ''), c.status FROM ivd_city_reviews c "
        "LEFT JOIN regions g ON g.code = c.city_code WHERE c.project_id = ? AND c.province_code = ? "
        "AND c.status != 'approved' ORDER BY c.city_code"));
    st.bind(1, project_id).bind(2, province_code);
    json blocking = json::array();
    IVD_TRY(st.each([&](const Stmt& row) {
      blocking.push_back({{"city_code", row.col_text(0)}, {"city_name", row.col_text(1)}, {"status", row.col_text(2)}});
    }));
    if (!blocking.empty()) {
      Error e = ivd_error(ErrorKind::unprocessable, "ivd.review.province_not_all_approved",
                          {std::to_string(blocking.size())});
      e.details = {{"count", blocking.size()}, {"blocking", std::move(blocking)}};
      return e;
    }
    // 7: 上传盖章的汇总数据, then 提交.
    if (!summary_file_id)
      return make_error(ErrorKind::unprocessable, "ivd.review.summary_required", "summary_file_id");
    IVD_ASSIGN_OR_RETURN(const FileRef f, load_attachable_file(db, actor, *summary_file_id, "summary_file_id"));
    IVD_TRY(check_file_kind(f, /*allow_images=*/true, "summary_file_id"));
    IVD_TRY(write_province_status(db, r, province_status::submitted, "submit", "", actor.user_id, now,
                                  summary_file_id));
    return load_province_report(db, project_id, province_code);
  });
}

// ---- [SECTION] national actions ----------------------------------------------------------------------------------------

bool province_allows(std::string_view action, std::string_view status) {
  return kProvinceWorkflow.allows(action, status);
}

Result<ProvinceReport> withdraw_province(Db& db, Services& svc, const Actor& actor, int64_t project_id,
                                         std::string_view province_code, int64_t revision, std::string reason) {
  const int64_t now = svc.clock.now();
  IVD_TRY(check_national(actor));
  IVD_ASSIGN_OR_RETURN(auto why, required_reason(std::move(reason)));
  return transaction(db, [&]() -> Result<ProvinceReport> {
    IVD_TRY(load_visible_project(db, actor, project_id));
    IVD_ASSIGN_OR_RETURN(auto r, load_province_report(db, project_id, province_code));
    // SPEC §2.5: 撤回 a submitted province (with reason) so it can correct and resubmit.
    if (!kProvinceWorkflow.allows("withdraw", r.status)) return kProvinceWorkflow.refusal("withdraw", r.status);
    IVD_TRY(check_revision(revision, r.revision));
    IVD_TRY(write_province_status(db, r, province_status::withdrawn, "withdraw", why, actor.user_id, now,
                                  std::nullopt));
    return load_province_report(db, project_id, province_code);
  });
}

// ---- [SECTION] lists -----------------------------------------------------------------------------------------

Result<json> list_city_hospitals(Db& db, Services& svc, const Actor& actor, const Project& p,
                                 std::string_view city_code, const HospitalFilter& f, const Page& page) {
  const int64_t now = svc.clock.now();
  IVD_TRY(transaction(db, [&] { return ensure_project_rows(db, p.id, now); }));
  auto c = load_city_report(db, p.id, city_code);
  if (!c) {
    // A city with no hospital in the project has no report row: refuse like any other city first.
    IVD_ASSIGN_OR_RETURN(auto region, db.prepare("SELECT parent_code FROM regions WHERE code = ?"));
    region.bind(1, city_code);
    IVD_ASSIGN_OR_RETURN(auto found, region.step());
    if (found) IVD_TRY(check_city_read(actor, city_code, region.col_text(0)));
    return c.error();
  }
  IVD_TRY(check_city_read(actor, c->city_code, c->province_code));
  std::string where = " WHERE s.project_id = ?1 AND s.city_code = ?2";
  if (!f.name.empty()) where += " AND i.name LIKE ?3 ESCAPE '\\'";
  if (!f.code.empty()) where += " AND i.code LIKE ?4 ESCAPE '\\'";
  if (!f.status.empty()) where += " AND s.status = ?5";
  auto bind = [&](Stmt& st) {
    st.bind(1, p.id).bind(2, city_code);
    if (!f.name.empty()) st.bind(3, like_pattern(f.name));
    if (!f.code.empty()) st.bind(4, like_pattern(f.code));
    if (!f.status.empty()) st.bind(5, f.status);
  };
  const std::string from = " FROM ivd_sheets s JOIN institutions i ON i.id = s.hospital_id";
  IVD_ASSIGN_OR_RETURN(auto count, db.prepare("SELECT count(*)" + from + where));
  bind(count);
  if (auto r = count.step(); !r) return r.error();
  const int64_t total = count.col_int(0);
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT s.hospital_id, i.code, i.name, i.level, s.status, s.revision, s.line_count, s.last_year_total, "
      "s.demand_total, s.submitted_at, s.reviewed_at, s.review_reason" +
      from + where + " ORDER BY i.code LIMIT ?6 OFFSET ?7"));
  bind(st);
  st.bind(6, page.page_size).bind(7, page.offset());
  json items = json::array();
  IVD_TRY(st.each([&](const Stmt& row) {
    HospitalReviewRow h;
    h.hospital_id = row.col_int(0);
    h.hospital_code = row.col_text(1);
    h.hospital_name = row.col_text(2);
    h.hospital_level = row.col_text(3);
    h.status = row.col_text(4);
    h.revision = row.col_int(5);
    h.line_count = row.col_int(6);
    h.sums = {row.col_int(7), row.col_int(8)};
    h.submitted_at = row.col_opt_int(9);
    h.reviewed_at = row.col_opt_int(10);
    h.review_reason = row.col_text(11);
    items.push_back(h);
  }));
  // Counts per status (sheets of one city, not lines).
  IVD_ASSIGN_OR_RETURN(
      auto counts,
      db.prepare("SELECT status, count(*) FROM ivd_sheets WHERE project_id = ? AND city_code = ? GROUP BY status"));
  counts.bind(1, p.id).bind(2, city_code);
  json by_status = json::object();
  int64_t blocking = 0;
  IVD_TRY(counts.each([&](const Stmt& row) {
    const std::string s = row.col_text(0);
    by_status[s] = row.col_int(1);
    if (s != sheet_status::approved && s != sheet_status::not_required) blocking += row.col_int(1);
  }));
  const bool open = c->status == city_status::pending || c->status == city_status::rejected;
  return json{{"city", city_report_to_json(*c)},
              {"counts", std::move(by_status)},
              {"can_submit", open && blocking == 0 && check_city_window(p, *c, now).ok()},
              {"can_change_reviews", open && check_city_window(p, *c, now).ok()},
              {"total", total},
              {"page", page.page},
              {"page_size", page.page_size},
              {"items", std::move(items)}};
}

Result<json> list_province_cities(Db& db, Services& svc, const Actor& actor, const Project& p,
                                  std::string_view province_code, const RegionFilter& f) {
  const int64_t now = svc.clock.now();
  IVD_TRY(check_province_read(actor, province_code));
  IVD_TRY(transaction(db, [&] { return ensure_project_rows(db, p.id, now); }));
  IVD_ASSIGN_OR_RETURN(auto prov, load_province_report(db, p.id, province_code));
  std::string where = "WHERE c.project_id = ?1 AND c.province_code = ?2";
  if (!f.name.empty()) where += " AND r.name LIKE ?3 ESCAPE '\\'";
  if (!f.status.empty()) where += " AND c.status = ?4";
  // Cities first, then 省本级 (the order of the regions table's children).
  IVD_ASSIGN_OR_RETURN(
      auto st, db.prepare(std::string(kCitySelect) + where + " ORDER BY r.level = 'province_level', c.city_code"));
  st.bind(1, p.id).bind(2, province_code);
  if (!f.name.empty()) st.bind(3, like_pattern(f.name));
  if (!f.status.empty()) st.bind(4, f.status);
  json items = json::array();
  IVD_TRY(st.each([&](const Stmt& row) { items.push_back(city_report_to_json(*read_city(row))); }));
  IVD_ASSIGN_OR_RETURN(auto pending, db.prepare(
      "SELECT count(*) FROM ivd_city_reviews WHERE project_id = ? AND province_code = ? AND status != 'approved'"));
  pending.bind(1, p.id).bind(2, province_code);
  if (auto r = pending.step(); !r) return r.error();
  const bool open = check_province_open(prov).ok() && check_province_window(p, prov, now).ok();
  return json{{"province", province_report_to_json(prov)},
              {"can_submit", open && pending.col_int(0) == 0},
              {"can_change_reviews", open},
              {"total", items.size()},
              {"items", std::move(items)}};
}

Result<json> list_national_provinces(Db& db, Services& svc, const Actor& actor, const Project& p,
                                     const RegionFilter& f) {
  IVD_TRY(check_national(actor));
  IVD_TRY(transaction(db, [&] { return ensure_project_rows(db, p.id, svc.clock.now()); }));
  std::string where = "WHERE p.project_id = ?1";
  if (!f.name.empty()) where += " AND r.name LIKE ?2 ESCAPE '\\'";
  if (!f.status.empty()) where += " AND p.status = ?3";
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(std::string(kProvinceSelect) + where + " ORDER BY p.province_code"));
  st.bind(1, p.id);
  if (!f.name.empty()) st.bind(2, like_pattern(f.name));
  if (!f.status.empty()) st.bind(3, f.status);
  json items = json::array();
  IVD_TRY(st.each([&](const Stmt& row) { items.push_back(province_report_to_json(*read_province(row))); }));
  int64_t hospitals = 0;
  const Sums sums = national_sums(db, p.id, &hospitals);
  return json{{"national", {{"hospital_count", hospitals}, {"last_year_total", sums.last_year}, {"demand_total", sums.demand}}},
              {"total", items.size()},
              {"items", std::move(items)}};
}

}  // namespace ivd
