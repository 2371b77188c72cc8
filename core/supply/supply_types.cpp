#include "core/supply/supply_types.hpp"

#include <algorithm>

#include "core/base/json_read.hpp"

namespace ivd {

using nlohmann::json;

// ---- statuses --------------------------------------------------------------------------------------
namespace {
constexpr std::string_view kStatuses[] = {supply_status::draft,           supply_status::pending_admin,
                                          supply_status::pending_enterprise, supply_status::enterprise_confirmed,
                                          supply_status::pending_hospital, supply_status::resolved,
                                          supply_status::unresolved};
constexpr std::string_view kProblemTypes[] = {"shortage", "late_delivery", "quality", "price", "other"};
}  // namespace

std::span<const std::string_view> supply_statuses() { return kStatuses; }

bool is_supply_status(std::string_view id) {
  return std::find(std::begin(kStatuses), std::end(kStatuses), id) != std::end(kStatuses);
}

bool is_ended_status(std::string_view s) { return s == supply_status::resolved || s == supply_status::unresolved; }

bool is_deadline_status(std::string_view s) {
  return s == supply_status::pending_enterprise || s == supply_status::enterprise_confirmed;
}

std::string supply_status_label_id(std::string_view status, bool timed_out) {
  if (timed_out && status == supply_status::unresolved) return "supply.status.unresolved_timeout";
  return "supply.status." + std::string(status);
}

StatusTone supply_status_tone(std::string_view s) {
  if (s == supply_status::resolved) return StatusTone::ok;
  if (s == supply_status::unresolved) return StatusTone::bad;
  if (is_supply_status(s)) return StatusTone::progress;
  return StatusTone::neutral;
}

std::span<const std::string_view> problem_types() { return kProblemTypes; }

bool is_problem_type(std::string_view id) {
  return std::find(std::begin(kProblemTypes), std::end(kProblemTypes), id) != std::end(kProblemTypes);
}

std::string problem_type_label_id(std::string_view id) { return "supply.problem." + std::string(id); }
std::string supply_action_label_id(std::string_view action) { return "supply.action." + std::string(action); }
std::string supply_event_label_id(std::string_view action) { return "supply.event." + std::string(action); }

// ---- products ----------------------------------------------------------------------------------------
void to_json(json& j, const Product& p) {
  j = {{"serial", p.serial},
       {"generic_name", p.generic_name},
       {"dosage_form", p.dosage_form},
       {"spec", p.spec},
       {"product_name", p.product_name},
       {"manufacturer", p.manufacturer},
       {"manufacturer_id", p.manufacturer_id},
       {"applicant", p.applicant},
       {"applicant_id", p.applicant_id},
       {"batch", p.batch},
       {"backup", p.backup}};
}

void from_json(const json& j, Product& p) {
  p = Product{};
  if (!j.is_object()) return;
  p.serial = text_of(j, "serial");
  p.generic_name = text_of(j, "generic_name");
  p.dosage_form = text_of(j, "dosage_form");
  p.spec = text_of(j, "spec");
  p.product_name = text_of(j, "product_name");
  p.manufacturer = text_of(j, "manufacturer");
  p.manufacturer_id = int_of(j, "manufacturer_id").value_or(0);
  p.applicant = text_of(j, "applicant");
  p.applicant_id = int_of(j, "applicant_id").value_or(0);
  p.batch = text_of(j, "batch");
  p.backup = bool_of(j, "backup");
}

namespace {
template <class T>
void page_from_json(const json& j, int64_t& total, int64_t& page, int64_t& page_size, std::vector<T>& items) {
  items.clear();
  if (!j.is_object()) return;
  total = int_of(j, "total").value_or(0);
  page = int_of(j, "page").value_or(1);
  page_size = int_of(j, "page_size").value_or(20);
  if (auto it = j.find("items"); it != j.end() && it->is_array())
    for (const auto& e : *it) items.push_back(e.get<T>());
}
}  // namespace

void to_json(json& j, const ProductPage& p) {
  j = {{"total", p.total}, {"page", p.page}, {"page_size", p.page_size}, {"items", p.items}};
}
void from_json(const json& j, ProductPage& p) {
  p = ProductPage{};
  page_from_json(j, p.total, p.page, p.page_size, p.items);
}

void to_json(json& j, const ProductImportCounts& c) {
  j = {{"inserted", c.inserted}, {"updated", c.updated}, {"unchanged", c.unchanged}};
}
void from_json(const json& j, ProductImportCounts& c) {
  c = ProductImportCounts{};
  if (!j.is_object()) return;
  c.inserted = static_cast<int>(int_of(j, "inserted").value_or(0));
  c.updated = static_cast<int>(int_of(j, "updated").value_or(0));
  c.unchanged = static_cast<int>(int_of(j, "unchanged").value_or(0));
}

// ---- feedback ------------------------------------------------------------------------------------------
void to_json(json& j, const FeedbackInput& in) {
  j = {{"serial", in.serial},
       {"problem_type", in.problem_type},
       {"description", in.description},
       {"occurred_on", in.occurred_on},
       {"contact_name", in.contact_name},
       {"contact_phone", in.contact_phone},
       {"attachment_ids", in.attachment_ids}};
}

void from_json(const json& j, FeedbackInput& in) {
  in = FeedbackInput{};
  if (!j.is_object()) return;
  in.serial = text_of(j, "serial");
  in.problem_type = text_of(j, "problem_type");
  in.description = text_of(j, "description");
  in.occurred_on = text_of(j, "occurred_on");
  in.contact_name = text_of(j, "contact_name");
  in.contact_phone = text_of(j, "contact_phone");
  if (auto it = j.find("attachment_ids"); it != j.end() && it->is_array())
    for (const auto& v : *it)
      if (v.is_number_integer()) in.attachment_ids.push_back(v.get<int64_t>());
}

void to_json(json& j, const FeedbackRow& r) {
  j = {{"id", r.id},
       {"revision", r.revision},
       {"status", r.status},
       {"timed_out", r.timed_out},
       {"serial", r.serial},
       {"product_name", r.product_name},
       {"batch", r.batch},
       {"hospital_code", r.hospital_code},
       {"hospital_name", r.hospital_name},
       {"city_code", r.city_code},
       {"problem_type", r.problem_type},
       {"feedback_date", r.feedback_date},
       {"actions", r.actions}};
  if (r.manufacturer) j["manufacturer"] = *r.manufacturer;
  if (r.applicant) j["applicant"] = *r.applicant;
  if (r.remaining_days) j["remaining_days"] = *r.remaining_days;
  if (r.deadline_date) j["deadline_date"] = *r.deadline_date;
  if (r.outcome) j["outcome"] = *r.outcome;
}

void from_json(const json& j, FeedbackRow& r) {
  r = FeedbackRow{};
  if (!j.is_object()) return;
  r.id = int_of(j, "id").value_or(0);
  r.revision = int_of(j, "revision").value_or(0);
  r.status = text_of(j, "status");
  r.timed_out = bool_of(j, "timed_out");
  r.serial = text_of(j, "serial");
  r.product_name = text_of(j, "product_name");
  if (auto it = j.find("manufacturer"); it != j.end() && it->is_string()) r.manufacturer = it->get<std::string>();
  if (auto it = j.find("applicant"); it != j.end() && it->is_string()) r.applicant = it->get<std::string>();
  r.batch = text_of(j, "batch");
  r.hospital_code = text_of(j, "hospital_code");
  r.hospital_name = text_of(j, "hospital_name");
  r.city_code = text_of(j, "city_code");
  r.problem_type = text_of(j, "problem_type");
  r.feedback_date = text_of(j, "feedback_date");
  if (auto d = int_of(j, "remaining_days")) r.remaining_days = static_cast<int>(*d);
  if (auto it = j.find("deadline_date"); it != j.end() && it->is_string()) r.deadline_date = it->get<std::string>();
  if (auto it = j.find("outcome"); it != j.end() && it->is_string()) r.outcome = it->get<std::string>();
  r.actions = texts_of(j, "actions");
}

bool row_alert(const FeedbackRow& r) {
  return r.status == supply_status::unresolved || (r.remaining_days && *r.remaining_days <= 0);
}

std::string row_status_label_id(const FeedbackRow& r) { return supply_status_label_id(r.status, r.timed_out); }
StatusTone row_status_tone(const FeedbackRow& r) { return supply_status_tone(r.status); }

bool row_allows(const FeedbackRow& r, std::string_view action) {
  return std::find(r.actions.begin(), r.actions.end(), action) != r.actions.end();
}

void to_json(json& j, const FeedbackPage& p) {
  j = {{"total", p.total}, {"page", p.page}, {"page_size", p.page_size}, {"items", p.items}};
}
void from_json(const json& j, FeedbackPage& p) {
  p = FeedbackPage{};
  page_from_json(j, p.total, p.page, p.page_size, p.items);
}

void to_json(json& j, const FeedbackDetail& d) {
  to_json(j, d.row);
  j["description"] = d.description;
  j["occurred_on"] = d.occurred_on;
  j["contact_name"] = d.contact_name;
  j["contact_phone"] = d.contact_phone;
  json files = json::array();
  for (const auto& f : d.attachments) files.push_back(file_ref_to_json(f));
  j["attachments"] = std::move(files);
  if (d.interview_file) j["interview_file"] = file_ref_to_json(*d.interview_file);
  j["return_reason"] = d.return_reason;
  j["handling"] = d.handling;
  j["outcome_note"] = d.outcome_note;
  j["events"] = events_to_json(d.events);
}

void from_json(const json& j, FeedbackDetail& d) {
  d = FeedbackDetail{};
  if (!j.is_object()) return;
  from_json(j, d.row);
  d.description = text_of(j, "description");
  d.occurred_on = text_of(j, "occurred_on");
  d.contact_name = text_of(j, "contact_name");
  d.contact_phone = text_of(j, "contact_phone");
  if (auto it = j.find("attachments"); it != j.end() && it->is_array())
    for (const auto& f : *it) d.attachments.push_back(f.get<FileRef>());
  if (auto it = j.find("interview_file"); it != j.end() && it->is_object()) d.interview_file = it->get<FileRef>();
  d.return_reason = text_of(j, "return_reason");
  d.handling = text_of(j, "handling");
  d.outcome_note = text_of(j, "outcome_note");
  if (auto it = j.find("events"); it != j.end() && it->is_array())
    for (const auto& e : *it) {
      if (!e.is_object()) continue;
      EventRow ev;  // tolerant, unlike the event log's own reader
      ev.id = int_of(e, "id").value_or(0);
      ev.action = text_of(e, "action");
      ev.actor_id = int_of(e, "actor_id").value_or(0);
      ev.actor_name = text_of(e, "actor_name");
      ev.at = int_of(e, "at").value_or(0);
      ev.from_state = text_of(e, "from_state");
      ev.to_state = text_of(e, "to_state");
      ev.reason = text_of(e, "reason");
      d.events.push_back(std::move(ev));
    }
}

}  // namespace ivd
