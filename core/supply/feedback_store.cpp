// [SECTION] reading records
// [SECTION] input checks
// [SECTION] the duplicate rule
// [SECTION] 新增 and 编辑
// [SECTION] rows and details
#include "core/supply/feedback_store.hpp"

#include <algorithm>

#include "core/base/field_label.hpp"
#include "core/base/i18n.hpp"
#include "core/base/json_read.hpp"
#include "core/base/text.hpp"
#include "core/base/text_encoding.hpp"
#include "core/files/files.hpp"
#include "core/org/phone.hpp"
#include "core/store/event_log.hpp"
#include "core/store/transaction.hpp"
#include "core/supply/deadline.hpp"
#include "core/supply/feedback_flow.hpp"
#include "core/supply/products.hpp"

namespace ivd {

using nlohmann::json;

FeedbackScope FeedbackRecord::scope() const {
  return {hospital_id, city_code, province_code, reviewer_region, manufacturer_id, applicant_id, status};
}

// ---- [SECTION] reading records ----------------------------------------------------------------------------
namespace {
constexpr const char* kRecordSelect =
    "SELECT f.id, f.hospital_id, h.code, h.name, f.city_code, f.province_code, f.reviewer_region, f.serial, "
    "f.product_name, f.batch, f.manufacturer, f.applicant, f.manufacturer_id, f.applicant_id, f.problem_type, "
    "f.description, f.occurred_on, f.contact_name, f.contact_phone, f.status, f.feedback_day, f.deadline_day, "
    "f.interview_file_id, f.return_reason, f.handling, f.outcome, f.outcome_note, f.timed_out, f.revision, "
    "f.created_at, f.updated_at FROM supply_feedback f JOIN institutions h ON h.id = f.hospital_id";

FeedbackRecord read_record(const Stmt& r) {
  FeedbackRecord f;
  f.id = r.col_int(0);
  f.hospital_id = r.col_int(1);
  f.hospital_code = r.col_text(2);
  f.hospital_name = r.col_text(3);
  f.city_code = r.col_text(4);
  f.province_code = r.col_text(5);
  f.reviewer_region = r.col_text(6);
  f.serial = r.col_text(7);
  f.product_name = r.col_text(8);
  f.batch = r.col_text(9);
  f.manufacturer = r.col_text(10);
  f.applicant = r.col_text(11);
  f.manufacturer_id = r.col_int(12);
  f.applicant_id = r.col_int(13);
  f.problem_type = r.col_text(14);
  f.description = r.col_text(15);
  f.occurred_on = r.col_text(16);
  f.contact_name = r.col_text(17);
  f.contact_phone = r.col_text(18);
  f.status = r.col_text(19);
  f.feedback_day = r.col_int(20);
  f.deadline_day = r.col_opt_int(21);
  f.interview_file_id = r.col_opt_int(22);
  f.return_reason = r.col_text(23);
  f.handling = r.col_text(24);
  f.outcome = r.col_text(25);
  f.outcome_note = r.col_text(26);
  f.timed_out = r.col_int(27) != 0;
  f.revision = r.col_int(28);
  f.created_at = r.col_int(29);
  f.updated_at = r.col_int(30);
  return f;
}
}  // namespace

const char* feedback_record_select() { return kRecordSelect; }
FeedbackRecord read_feedback_record(const Stmt& row) { return read_record(row); }

Result<FeedbackRecord> load_feedback(Db& db, int64_t id) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(std::string(kRecordSelect) + " WHERE f.id = ?"));
  st.bind(1, id);
  IVD_ASSIGN_OR_RETURN(const bool found, st.step());
  if (!found) return supply_scope_forbidden();
  return read_record(st);
}

Result<FeedbackRecord> load_visible_feedback(Db& db, const Actor& actor, std::string_view menu, int64_t id) {
  // The side first: an account without one is refused alike for every id.
  if (supply_side(actor, menu) == SupplySide::none) return supply_role_forbidden();
  IVD_ASSIGN_OR_RETURN(auto r, load_feedback(db, id));
  IVD_TRY(check_feedback_visible(actor, menu, r.scope()));
  return r;
}

// ---- [SECTION] input checks -------------------------------------------------------------------------------
namespace {
// A string field of a request: absent or null reads "", anything but a string is 400 request.bad_field.
Result<std::string> body_text(const json& body, const char* field, size_t max_bytes) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string()) return make_error(ErrorKind::bad_request, "request.bad_field", field, {field});
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max_bytes || !is_valid_utf8(s))
    return make_error(ErrorKind::bad_request, "request.bad_field", field, {field});
  return s;
}

Error field_error(const char* code, const char* field, std::vector<std::string> more = {}) {
  return make_field_error(ErrorKind::bad_request, code, field, std::move(more));  // {0}: the field's label
}
}  // namespace

Result<FeedbackInput> feedback_input_from_body(const json& body) {
  if (!body.is_object()) return make_error(ErrorKind::bad_request, "request.malformed_json");
  FeedbackInput in;
  // Byte limits far above the character limits (a CJK character is 3 bytes): the character limits are
  // feedback_input_errors'.
  IVD_ASSIGN_OR_RETURN(in.serial, body_text(body, "serial", 256));
  IVD_ASSIGN_OR_RETURN(in.problem_type, body_text(body, "problem_type", 64));
  IVD_ASSIGN_OR_RETURN(in.description, body_text(body, "description", kDescriptionMax * 4 + 64));
  IVD_ASSIGN_OR_RETURN(in.occurred_on, body_text(body, "occurred_on", 64));
  IVD_ASSIGN_OR_RETURN(in.contact_name, body_text(body, "contact_name", kContactMax * 4 + 64));
  IVD_ASSIGN_OR_RETURN(in.contact_phone, body_text(body, "contact_phone", kContactMax * 4 + 64));
  if (auto it = body.find("attachment_ids"); it != body.end() && !it->is_null()) {
    if (!it->is_array() || it->size() > 100)
      return make_error(ErrorKind::bad_request, "request.bad_field", "attachment_ids", {"attachment_ids"});
    for (const auto& v : *it) {
      if (!v.is_number_integer())
        return make_error(ErrorKind::bad_request, "request.bad_field", "attachment_ids", {"attachment_ids"});
      in.attachment_ids.push_back(v.get<int64_t>());
    }
  }
  in.serial = std::string(trim_space(in.serial));
  in.occurred_on = fold_trim(in.occurred_on);
  in.contact_name = std::string(trim_space(in.contact_name));
  in.contact_phone = std::string(trim_space(in.contact_phone));
  return in;
}

std::vector<Error> feedback_input_errors(const FeedbackInput& in, int64_t today) {
  std::vector<Error> out;
  if (is_blank(in.serial)) out.push_back(field_error("supply.feedback.required", "serial"));
  if (!is_problem_type(in.problem_type))
    out.push_back(make_error(ErrorKind::bad_request, "supply.feedback.bad_problem_type", "problem_type"));
  if (is_blank(in.description)) out.push_back(field_error("supply.feedback.required", "description"));
  else if (utf8_length(in.description) > kDescriptionMax)
    out.push_back(field_error("supply.feedback.too_long", "description", {std::to_string(kDescriptionMax)}));
  if (is_blank(in.occurred_on)) {
    out.push_back(field_error("supply.feedback.required", "occurred_on"));
  } else if (auto day = parse_date(fold_trim(in.occurred_on)); !day) {
    out.push_back(make_error(ErrorKind::bad_request, "supply.feedback.bad_date", "occurred_on"));
  } else if (*day > today) {
    out.push_back(make_error(ErrorKind::bad_request, "supply.feedback.future_date", "occurred_on"));
  }
  if (is_blank(in.contact_name)) out.push_back(field_error("supply.feedback.required", "contact_name"));
  else if (utf8_length(in.contact_name) > kContactMax)
    out.push_back(field_error("supply.feedback.too_long", "contact_name", {std::to_string(kContactMax)}));
  if (is_blank(in.contact_phone)) out.push_back(field_error("supply.feedback.required", "contact_phone"));
  else if (utf8_length(in.contact_phone) > kContactMax)
    out.push_back(field_error("supply.feedback.too_long", "contact_phone", {std::to_string(kContactMax)}));
  else if (!is_valid_phone(in.contact_phone))
    out.push_back(make_error(ErrorKind::bad_request, "supply.feedback.bad_phone", "contact_phone"));
  if (in.attachment_ids.size() > kAttachmentsMax)
    out.push_back(make_error(ErrorKind::bad_request, "supply.feedback.too_many_attachments", "attachment_ids",
                             {std::to_string(kAttachmentsMax)}));
  return out;
}

// ---- [SECTION] the duplicate rule -------------------------------------------------------------------------
Status check_no_duplicate(Db& db, std::string_view city_code, std::string_view serial, int64_t except_id, int64_t today) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT 1 FROM supply_feedback WHERE city_code = ?1 AND serial = ?2 AND id <> ?3 AND "
      "(status IN ('pending_admin', 'pending_hospital') OR "
      "(status IN ('pending_enterprise', 'enterprise_confirmed') AND deadline_day >= ?4)) LIMIT 1"));
  st.bind(1, city_code).bind(2, serial).bind(3, except_id).bind(4, today);
  IVD_ASSIGN_OR_RETURN(const bool found, st.step());
  st.reset();
  if (found) return make_error(ErrorKind::conflict, "supply.duplicate", "serial");
  return ok_status();
}

// ---- [SECTION] 新增 and 编辑 --------------------------------------------------------------------------------
namespace {

// The hospital's place: its region (city or 省本级), province and the region whose admin confirms.
struct HospitalPlace {
  std::string city_code, province_code, reviewer_region;
};

Result<HospitalPlace> hospital_place(Db& db, int64_t hospital_id) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT r.code, r.level, r.parent_code FROM institutions i JOIN regions r ON r.code = i.region_code "
      "WHERE i.id = ? AND i.kind = 'hospital'"));
  st.bind(1, hospital_id);
  IVD_ASSIGN_OR_RETURN(const bool found, st.step());
  if (!found) return supply_role_forbidden();  // a hospital user bound to no hospital with a region
  HospitalPlace p;
  p.city_code = st.col_text(0);
  p.province_code = st.col_text(2);
  // 省本级 hospitals report to their province admin (manual 管理机构 注意事项 2).
  p.reviewer_region = st.col_text(1) == "province_level" ? p.province_code : p.city_code;
  return p;
}

Status first_error(std::vector<Error> errors) {
  if (errors.empty()) return ok_status();
  Error first = errors.front();
  json all = json::array();
  for (const auto& e : errors) all.push_back(error_to_json(e));
  first.details = {{"errors", std::move(all)}};
  return first;
}

// The attachments, each a file the hospital may attach, PDF or image.
Result<std::vector<int64_t>> checked_attachments(Db& db, const Actor& actor, const std::vector<int64_t>& ids) {
  std::vector<int64_t> out;
  for (const int64_t id : ids) {
    if (std::find(out.begin(), out.end(), id) != out.end()) continue;  // the same file twice: once
    IVD_ASSIGN_OR_RETURN(auto f, load_attachable_file(db, actor, id, "attachment_ids"));
    IVD_TRY(check_file_kind(f, /*allow_images=*/true, "attachment_ids"));
    out.push_back(id);
  }
  return out;
}

Status write_attachments(Db& db, int64_t feedback_id, const std::vector<int64_t>& ids) {
  IVD_ASSIGN_OR_RETURN(auto del, db.prepare("DELETE FROM supply_feedback_files WHERE feedback_id = ?"));
  IVD_TRY(del.bind(1, feedback_id).run());
  IVD_ASSIGN_OR_RETURN(auto ins, db.prepare(
      "INSERT INTO supply_feedback_files (feedback_id, position, file_id) VALUES (?, ?, ?)"));
  for (size_t i = 0; i < ids.size(); ++i) IVD_TRY(ins.bind_all(feedback_id, static_cast<int64_t>(i), ids[i]).run());
  return ok_status();
}

// What 新增 and 编辑 check before writing anything: the input, the product, the attachments.
struct CheckedInput {
  FeedbackInput in;
  Product product;
  std::vector<int64_t> attachments;
};
Result<CheckedInput> check_input(Db& db, const Actor& actor, const FeedbackInput& in, int64_t today) {
  IVD_TRY(first_error(feedback_input_errors(in, today)));
  CheckedInput c;
  c.in = in;
  c.in.occurred_on = format_date(*parse_date(fold_trim(in.occurred_on)));
  IVD_ASSIGN_OR_RETURN(c.product, selectable_product(db, in.serial));
  IVD_ASSIGN_OR_RETURN(c.attachments, checked_attachments(db, actor, in.attachment_ids));
  return c;
}

Status require_hospital(const Actor& actor) {
  if (supply_side(actor, menu::supply_feedback) != SupplySide::hospital) return supply_role_forbidden();
  return ok_status();
}

// 提交 inside the caller's transaction: the duplicate rule, then the transition.
Status submit_in_transaction(Db& db, const Actor& actor, const FeedbackRecord& r, int64_t revision, int64_t now) {
  const int64_t today = cst_day(now);
  IVD_TRY(check_no_duplicate(db, r.city_code, r.serial, r.id, today));
  TransitionRequest t;
  t.key = {r.id};
  t.entity_id = std::to_string(r.id);
  t.expected_revision = revision;
  t.from = supply_status::draft;
  t.action = "submit";
  t.to = supply_status::pending_admin;
  t.actor_id = actor.user_id;
  t.at = now;
  // 反馈日期 is the day the feedback reaches the admin; a new 提交 clears the last 退回原因.
  t.also_set.push_back({"feedback_day", today});
  t.also_set.push_back({"return_reason", SqlValue(std::in_place_type<std::string>)});
  return apply_transition(db, feedback_workflow(), t);
}

}  // namespace

Status submit_feedback_step(Db& db, const Actor& actor, const FeedbackRecord& r, int64_t revision, int64_t now) {
  return submit_in_transaction(db, actor, r, revision, now);
}

Result<FeedbackDetail> create_feedback(Db& db, Services& svc, const Actor& actor, const FeedbackInput& in, bool submit) {
  IVD_TRY(require_hospital(actor));
  const int64_t now = svc.clock.now(), today = cst_day(now);
  IVD_ASSIGN_OR_RETURN(auto place, hospital_place(db, *actor.institution_id));
  IVD_ASSIGN_OR_RETURN(auto c, check_input(db, actor, in, today));
  IVD_ASSIGN_OR_RETURN(const int64_t id, transaction(db, [&]() -> Result<int64_t> {
    // 新增 is refused too, not only 提交 (manual 医疗机构 注意事项 3: "添加时提示").
    IVD_TRY(check_no_duplicate(db, place.city_code, c.product.serial, 0, today));
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
        "INSERT INTO supply_feedback (hospital_id, city_code, province_code, reviewer_region, serial, product_name, "
        "batch, manufacturer, manufacturer_id, applicant, applicant_id, problem_type, description, occurred_on, "
        "contact_name, contact_phone, status, feedback_day, created_by, created_at, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'draft',?,?,?,?)"));
    st.bind_all(*actor.institution_id, place.city_code, place.province_code, place.reviewer_region, c.product.serial,
                c.product.product_name, c.product.batch, c.product.manufacturer, c.product.manufacturer_id,
                c.product.applicant, c.product.applicant_id, c.in.problem_type, c.in.description, c.in.occurred_on,
                c.in.contact_name, c.in.contact_phone, today, actor.user_id, now, now);
    IVD_TRY(st.run());
    const int64_t new_id = db.last_insert_id();
    IVD_TRY(write_attachments(db, new_id, c.attachments));
    IVD_TRY(record_event(db, kFeedbackEntity, std::to_string(new_id), "create", actor.user_id, now, "",
                         supply_status::draft));
    if (submit) {
      IVD_ASSIGN_OR_RETURN(auto r, load_feedback(db, new_id));
      IVD_TRY(submit_in_transaction(db, actor, r, r.revision, now));
    }
    return new_id;
  }));
  return feedback_detail(db, svc, actor, menu::supply_feedback, id);
}

Result<FeedbackDetail> update_feedback(Db& db, Services& svc, const Actor& actor, int64_t id, int64_t revision,
                                       const FeedbackInput& in, bool submit) {
  IVD_TRY(require_hospital(actor));
  IVD_ASSIGN_OR_RETURN(auto r, load_visible_feedback(db, actor, menu::supply_feedback, id));
  const int64_t now = svc.clock.now(), today = cst_day(now);
  if (r.status != supply_status::draft)
    return make_error(ErrorKind::conflict, "supply.feedback.not_editable");
  IVD_TRY(check_revision(revision, r.revision));
  IVD_ASSIGN_OR_RETURN(auto c, check_input(db, actor, in, today));
  IVD_TRY(transaction(db, [&]() -> Status {
    // Another 流水号 is like a new feedback of it: the duplicate rule applies at once.
    if (c.product.serial != r.serial) IVD_TRY(check_no_duplicate(db, r.city_code, c.product.serial, r.id, today));
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
        "UPDATE supply_feedback SET serial = ?, product_name = ?, batch = ?, manufacturer = ?, manufacturer_id = ?, "
        "applicant = ?, applicant_id = ?, problem_type = ?, description = ?, occurred_on = ?, contact_name = ?, "
        "contact_phone = ?, revision = revision + 1, updated_at = ? WHERE id = ? AND revision = ? AND status = 'draft'"));
    st.bind_all(c.product.serial, c.product.product_name, c.product.batch, c.product.manufacturer,
                c.product.manufacturer_id, c.product.applicant, c.product.applicant_id, c.in.problem_type,
                c.in.description, c.in.occurred_on, c.in.contact_name, c.in.contact_phone, now, r.id, revision);
    IVD_TRY(st.run());
    if (db.changes() != 1) {  // changed since it was read
      IVD_ASSIGN_OR_RETURN(auto now_stored, load_feedback(db, r.id));
      if (now_stored.status != supply_status::draft) return make_error(ErrorKind::conflict, "supply.feedback.not_editable");
      return check_revision(revision, now_stored.revision);
    }
    IVD_TRY(write_attachments(db, r.id, c.attachments));
    IVD_TRY(record_event(db, kFeedbackEntity, std::to_string(r.id), "edit", actor.user_id, now, supply_status::draft,
                         supply_status::draft));
    if (submit) {
      IVD_ASSIGN_OR_RETURN(auto fresh, load_feedback(db, r.id));
      IVD_TRY(submit_in_transaction(db, actor, fresh, fresh.revision, now));
    }
    return ok_status();
  }));
  return feedback_detail(db, svc, actor, menu::supply_feedback, id);
}

// ---- [SECTION] rows and details --------------------------------------------------------------------------
FeedbackRow feedback_row(const FeedbackRecord& r, const Actor& actor, std::string_view menu, int64_t today,
                         const WorkCalendar& cal) {
  FeedbackRow row;
  const EffectiveStatus eff = effective_status(r.status, r.timed_out, r.deadline_day, today);
  row.id = r.id;
  row.revision = r.revision;
  row.status = eff.status;
  row.timed_out = eff.timed_out;
  row.serial = r.serial;
  row.product_name = r.product_name;
  if (supply_side(actor, menu) != SupplySide::enterprise) {
    row.manufacturer = r.manufacturer;
    row.applicant = r.applicant;
  }
  row.batch = r.batch;
  row.hospital_code = r.hospital_code;
  row.hospital_name = r.hospital_name;
  row.city_code = r.city_code;
  row.problem_type = r.problem_type;
  row.feedback_date = format_date(r.feedback_day);
  if (r.deadline_day) {
    row.deadline_date = format_date(*r.deadline_day);
    if (is_deadline_status(eff.status)) row.remaining_days = remaining_workdays(cal, today, *r.deadline_day);
  }
  if (!r.outcome.empty()) row.outcome = r.outcome;
  FeedbackScope scope = r.scope();
  row.actions = feedback_actions(actor, menu, scope, eff.status);
  return row;
}

Result<FeedbackDetail> feedback_detail(Db& db, Services& svc, const Actor& actor, std::string_view menu, int64_t id) {
  IVD_ASSIGN_OR_RETURN(auto r, load_visible_feedback(db, actor, menu, id));
  return feedback_detail_of(db, svc, actor, menu, r);
}

Result<FeedbackDetail> feedback_detail_of(Db& db, Services& svc, const Actor& actor, std::string_view menu,
                                          const FeedbackRecord& r) {
  const auto cal = work_calendar();
  FeedbackDetail d;
  d.row = feedback_row(r, actor, menu, cst_day(svc.clock.now()), *cal);
  d.description = r.description;
  d.occurred_on = r.occurred_on;
  d.contact_name = r.contact_name;
  d.contact_phone = r.contact_phone;
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT file_id FROM supply_feedback_files WHERE feedback_id = ? ORDER BY position"));
  st.bind(1, r.id);
  std::vector<int64_t> ids;
  IVD_TRY(st.each([&](const Stmt& row) { ids.push_back(row.col_int(0)); }));
  for (const int64_t fid : ids) {
    IVD_ASSIGN_OR_RETURN(auto f, load_file(db, fid));
    d.attachments.push_back(std::move(f));
  }
  if (r.interview_file_id) {
    IVD_ASSIGN_OR_RETURN(auto f, load_file(db, *r.interview_file_id));
    d.interview_file = std::move(f);
  }
  d.return_reason = r.return_reason;
  d.handling = r.handling;
  d.outcome_note = r.outcome_note;
  IVD_ASSIGN_OR_RETURN(d.events, load_events(db, kFeedbackEntity, std::to_string(r.id)));
  return d;
}

}  // namespace ivd
