// [SECTION] start, load, drafts
// [SECTION] form rules and saving
// [SECTION] drawing: 基础信息, 问题反馈, 附件, buttons
#include "web/screens/supply/feedback_form.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>

#include "core/base/text_encoding.hpp"
#include "core/supply/feedback_store.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/platform/local_store.hpp"
#include "web/screens/supply/supply_ui.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using nlohmann::json;
using supply_ui::kControlHeight;
using theme::px;

namespace {
// A day far ahead: no date typed can lie after it (the day is not known yet).
constexpr int64_t kNoDay = 1000000;
}  // namespace

// [SECTION] start, load, drafts

void FeedbackForm::start(App& app, int64_t id) {
  const int last = request_, gen = generation_ + 1;
  *this = FeedbackForm{};
  request_ = last;
  generation_ = gen;
  id_ = id;
  started_ = true;
  if (id_ > 0)
    load(app);  // then the draft, which only applies to the revision it was typed on
  else
    read_draft(app);
}

void FeedbackForm::load(App& app) {
  loading_ = true;
  const int req = ++request_;
  app.request("GET", "/supply/feedback/" + std::to_string(id_), nullptr, [this, req, &app](const ApiReply& r) {
    if (req != request_) return;
    loading_ = false;
    if (!r.ok()) {
      error_ = app.message_of(r);
      return;
    }
    FeedbackDetail d;
    from_json(r.body, d);
    loaded_ = true;
    revision_ = d.row.revision;
    editable_ = row_allows(d.row, supply_action::edit);  // core: only a 待提交 feedback of the caller's hospital
    Product p;
    p.serial = d.row.serial;
    p.product_name = d.row.product_name;
    p.manufacturer = d.row.manufacturer.value_or("");
    p.applicant = d.row.applicant.value_or("");
    p.batch = d.row.batch;
    product_ = p;
    problem_type_ = d.row.problem_type;
    description_ = d.description;
    occurred_on_ = d.occurred_on;
    contact_name_ = d.contact_name;
    contact_phone_ = d.contact_phone;
    attachments_ = d.attachments;
    if (editable_) read_draft(app);
  });
}

std::string FeedbackForm::draft_key(App& app) const {
  return "supply.form/" + app.actor().username + "/" + (id_ > 0 ? std::to_string(id_) : std::string("new"));
}

json FeedbackForm::draft_json() const {
  json d = {{"revision", revision_},       {"problem_type", problem_type_}, {"description", description_},
            {"occurred_on", occurred_on_}, {"contact_name", contact_name_}, {"contact_phone", contact_phone_}};
  if (product_) d["product"] = *product_;
  json files = json::array();
  for (const FileRef& f : attachments_) files.push_back(file_ref_to_json(f));
  d["attachments"] = files;
  return d;
}

void FeedbackForm::apply_draft(const json& d) {
  if (d.contains("product") && d["product"].is_object()) {
    Product p;
    from_json(d["product"], p);
    if (!p.serial.empty()) product_ = p;
  }
  problem_type_ = json_field::str(d, "problem_type");
  description_ = json_field::str(d, "description");
  occurred_on_ = json_field::str(d, "occurred_on");
  contact_name_ = json_field::str(d, "contact_name");
  contact_phone_ = json_field::str(d, "contact_phone");
  attachments_.clear();
  for (const json& f : json_field::array(d, "attachments")) {
    FileRef r;
    from_json(f, r);
    if (r.id > 0) attachments_.push_back(r);
  }
}

void FeedbackForm::read_draft(App& app) {
  const int gen = generation_;
  local_store::get(draft_key(app), [this, gen](std::optional<std::string> stored) {
    if (gen != generation_) return;
    draft_checked_ = true;
    if (!stored) return;
    const json d = json::parse(*stored, nullptr, false);
    // A draft typed on an older revision of the feedback is not laid over a newer one.
    if (!d.is_object() || json_field::integer(d, "revision") != revision_) return;
    const std::string now = draft_json().dump();
    apply_draft(d);
    stored_ = draft_json().dump();
    draft_restored_ = stored_ != now;
  });
}

void FeedbackForm::store_draft(App& app) {
  if (!draft_checked_ || !editable_) return;
  const std::string now = draft_json().dump();
  if (now == stored_) return;
  stored_ = now;
  local_store::put(draft_key(app), now);
}

void FeedbackForm::discard_draft(App& app) {
  local_store::remove(draft_key(app));
  const int64_t id = id_;
  start(app, id);
}

// [SECTION] form rules and saving

FeedbackInput FeedbackForm::input() const {
  FeedbackInput in;
  in.serial = product_ ? product_->serial : std::string();
  in.problem_type = problem_type_;
  in.description = description_;
  in.occurred_on = occurred_on_;
  in.contact_name = contact_name_;
  in.contact_phone = contact_phone_;
  for (const FileRef& f : attachments_) in.attachment_ids.push_back(f.id);
  return in;
}

std::string FeedbackForm::field_value(std::string_view field) const {
  return json(input()).value(std::string(field), json()).dump();
}

void FeedbackForm::check() {
  problems_.clear();
  if (!tried_) return;
  // core: every problem at once (the server refuses with the same rules). An unknown day leaves the
  // "not after today" rule to the server.
  for (const Error& e : feedback_input_errors(input(), today_ > 0 ? today_ : kNoDay))
    problems_.emplace_back(e.field, Message::server(e.message_zh, e.message_en));
}

bool FeedbackForm::required(std::string_view field) const {
  // The fields core asks for: those an empty form is refused at.
  for (const Error& e : feedback_input_errors(FeedbackInput{}, kNoDay))
    if (e.field == field) return true;
  return false;
}

const Message* FeedbackForm::error_at(std::string_view field) const {
  if (field.empty()) return nullptr;
  for (const auto& [f, m] : problems_)
    if (f == field) return &m;
  // The server's refusal at a field, until the clerk changes that field.
  if (!error_.empty() && error_field_ == field && field_value(field) == error_value_) return &error_;
  return nullptr;
}

void FeedbackForm::save(App& app, bool submit) {
  if (submitting_) return;
  error_.clear();
  error_field_.clear();
  tried_ = true;
  check();
  if (!problems_.empty()) {
    scroll_to_error_ = true;
    return;
  }
  json body = input();
  body["submit"] = submit;
  std::string method = "POST", path = "/supply/feedback";
  if (id_ > 0) {
    method = "PUT";
    path += "/" + std::to_string(id_);
    body["revision"] = revision_;
  }
  submitting_ = true;
  const int req = ++request_;
  const std::string key = draft_key(app);
  app.request(method, path, body, [this, req, key, submit, &app](const ApiReply& r) {
    if (req != request_) return;
    submitting_ = false;
    if (!r.ok()) {
      error_ = app.message_of(r);
      // A conflict (the duplicate rule, a stale or no longer editable feedback) is about the whole
      // feedback: it shows at the buttons, where the clerk acted; other refusals at the field they name.
      error_field_ = r.status == 409 ? std::string() : r.field();
      error_value_ = field_value(error_field_);
      scroll_to_error_ = true;
      if (r.code() == "revision.stale") error_ = Message::of("web.supply.form.stale");
      return;
    }
    FeedbackDetail d;
    from_json(r.body, d);
    local_store::remove(key);
    stored_.clear();
    draft_checked_ = false;  // nothing more is stored for this form
    outcome_ = {true, d.row.id,
                r.queued ? Message::of("offline.queued")
                         : Message::of(submit ? "web.supply.done.save_submit" : "web.supply.done.save", {d.row.product_name})};
  });
}

// [SECTION] drawing

void FeedbackForm::show_error(App& app, const Message* e, const char* field) {
  if (!e) return;
  widgets::field_error(e->text(app.lang), (std::string("supply.form.error.") + field).c_str());
  if (scroll_to_error_) {  // the first field in error after 保存 comes into view
    ImGui::SetScrollHereY(0.3f);
    scroll_to_error_ = false;
  }
}

FormOutcome FeedbackForm::draw(App& app, const Route& route, int64_t today) {
  today_ = today;
  const int64_t id = route.param("view") == "edit" ? route.int_param("id") : 0;
  if (!started_ || id != id_) start(app, id);
  if (outcome_.done) {
    FormOutcome out = std::move(outcome_);
    started_ = false;  // the next visit starts afresh
    outcome_ = {};
    return out;
  }
  // Title line: 新增反馈 / 编辑反馈, and 返回 at the right.
  {
    const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
    const ImVec2 at = ImGui::GetCursorPos();
    const float bw = px(88);
    ImGui::SetCursorPos(ImVec2(std::max(at.x, right - bw), at.y));
    if (widgets::secondary_button(app.label("web.supply.back", "supply.form.back").c_str(), bw, kControlHeight))
      app.navigate(Route{route.menu, {}});
    const float below = ImGui::GetCursorPosY();
    const float th = widgets::text_size("A", theme::kFontTitle).y;
    ImGui::SetCursorPos(ImVec2(at.x, at.y + (px(kControlHeight) - th) * 0.5f));
    widgets::text(app.t(id_ > 0 ? "web.supply.form.edit_title" : "web.supply.form.new_title"), theme::kFontTitle);
    if (draft_restored_) {  // what was typed before a reload is back; it may be thrown away
      ImGui::SameLine(0, px(16));
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (th - ImGui::GetTextLineHeight()) * 0.5f);
      widgets::text(app.t("web.supply.form.draft_restored"), theme::kFontSmall + 0.5f, theme::kPrimary);
      widgets::expose("supply.form.draft_restored", app.t("web.supply.form.draft_restored"));
      ImGui::SameLine(0, px(10));
      if (widgets::text_button(app.label("web.supply.form.discard_draft", "supply.form.discard_draft").c_str(),
                               theme::kPrimary))
        discard_draft(app);
    }
    ImGui::SetCursorPosY(below);
  }
  if (id_ > 0 && !loaded_) {
    if (!error_.empty()) {
      widgets::error_box(error_.text(app.lang));
      widgets::expose("supply.form.error", error_.text(app.lang));
    } else {
      widgets::text(app.t("web.supply.loading"), 0, theme::kTextMuted);
    }
    return {};
  }
  if (!editable_) {
    widgets::info_box(app.t("web.supply.form.not_editable"));
    widgets::expose("supply.form.not_editable", app.t("web.supply.form.not_editable"));
  }
  check();  // after a first 保存: each error goes as soon as its field is corrected

  // The form scrolls; the buttons stay under it.
  const float w = ImGui::GetContentRegionAvail().x;
  const bool bar_error = !error_.empty() && error_at(error_field_) == nullptr;
  const float bar_error_h =
      bar_error ? ImGui::CalcTextSize(error_.text(app.lang).c_str(), nullptr, false, w - px(30)).y + px(28) : 0;
  const float buttons_h = px(kControlHeight + 16) + bar_error_h;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, px(8, 6));  // room for the cards' shadows
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() - px(8));
  ImGui::BeginChild("##supply.form.body",
                    ImVec2(w + px(16), std::max(px(200), ImGui::GetContentRegionAvail().y - buttons_h)),
                    ImGuiChildFlags_AlwaysUseWindowPadding, ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar();
  const float cw = ImGui::GetContentRegionAvail().x - px(10);  // room for the scrollbar
  ImGui::BeginDisabled(!editable_ || submitting_);
  draw_product(app, cw);
  ImGui::Dummy(px(0, 4));
  draw_problem(app, cw);
  ImGui::EndDisabled();
  ImGui::EndChild();
  draw_buttons(app);

  if (const auto p = picker_.draw(app)) {
    product_ = *p;
    if (error_field_ == "serial") error_.clear();
  }
  store_draft(app);
  return {};
}

void FeedbackForm::draw_product(App& app, float width) {
  widgets::begin_card("##supply.form.product", ImGui::GetCursorScreenPos(), width, 18.0f);
  widgets::text(app.t("web.supply.form.basic"), theme::kFontTitle - 2);
  ImGui::Dummy(px(0, 2));
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = px(16);
  const int cols = avail > px(760) ? 3 : 2;
  widgets::FormGrid grid(cols, avail, gap, px(10));
  grid.cell();
  widgets::field_label(app.t("web.supply.f.serial"), required("serial"));
  {
    const Message* e = error_at("serial");
    const std::string choose = app.label("web.supply.form.choose", "supply.form.pick");
    const float bw = ImGui::CalcTextSize(choose.c_str(), nullptr, true).x + px(28);
    std::string serial = product_ ? product_->serial : std::string();
    ImGui::SetNextItemWidth(grid.width() - bw - px(8));
    if (e) ImGui::PushStyleColor(ImGuiCol_Border, theme::kError);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, theme::kPageBg);
    ImGui::InputTextWithHint("##supply.form.serial", app.t("web.supply.form.serial_hint").data(), &serial,
                             ImGuiInputTextFlags_ReadOnly);
    ImGui::PopStyleColor(e ? 2 : 1);
    widgets::expose("supply.form.serial_value", serial);
    ImGui::SameLine(0, px(8));
    if (widgets::primary_button(choose.c_str(), bw, kControlHeight)) picker_.open(app);
    show_error(app, e, "serial");
  }
  auto fact = [&](const char* label_id, const std::string& value, const char* test_id) {
    grid.cell();
    widgets::field_label(app.t(label_id));
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(6));
    widgets::cell_text(value.empty() ? std::string_view("-") : std::string_view(value));
    widgets::expose(test_id, value);
  };
  fact("web.supply.f.product_name", product_ ? product_->product_name : "", "supply.form.product_name");
  fact("web.supply.f.manufacturer", product_ ? product_->manufacturer : "", "supply.form.manufacturer");
  fact("web.supply.f.applicant", product_ ? product_->applicant : "", "supply.form.applicant");
  fact("web.supply.f.batch", product_ ? product_->batch : "", "supply.form.batch");
  grid.end();
  widgets::end_card();
}

void FeedbackForm::draw_problem(App& app, float width) {
  widgets::begin_card("##supply.form.problem", ImGui::GetCursorScreenPos(), width, 18.0f);
  widgets::text(app.t("web.supply.form.problem"), theme::kFontTitle - 2);
  ImGui::Dummy(px(0, 2));
  auto label = [&](const char* text_id, const char* field) {
    widgets::field_label(app.t(text_id), required(field));
    return error_at(field);
  };
  auto error_here = [&](const Message* e, const char* field) { show_error(app, e, field); };
  auto input = [&](const char* id, const char* hint_id, std::string* value, const Message* e, int flags = 0) {
    if (e) ImGui::PushStyleColor(ImGuiCol_Border, theme::kError);
    ImGui::InputTextWithHint(id, app.t(hint_id).data(), value, flags);
    if (e) ImGui::PopStyleColor();
  };
  const float avail = ImGui::GetContentRegionAvail().x;
  const int cols = avail > px(760) ? 4 : 2;
  widgets::FormGrid grid(cols, avail, px(16), px(10));
  grid.cell();
  {
    const Message* e = label("web.supply.f.problem_type", "problem_type");
    std::vector<widgets::ComboOption> types;
    for (std::string_view t : problem_types())
      types.push_back({std::string(t), std::string(app.t(problem_type_label_id(t)))});
    if (e) ImGui::PushStyleColor(ImGuiCol_Border, theme::kError);
    widgets::combo("##supply.form.problem_type", types, &problem_type_, app.t("web.supply.form.choose_hint"));
    if (e) ImGui::PopStyleColor();
    error_here(e, "problem_type");
  }
  grid.cell();
  {
    const Message* e = label("web.supply.f.occurred_on", "occurred_on");
    input("##supply.form.occurred_on", "web.supply.q.date_hint", &occurred_on_, e, ImGuiInputTextFlags_CharsNoBlank);
    error_here(e, "occurred_on");
  }
  grid.cell();
  {
    const Message* e = label("web.supply.f.contact_name", "contact_name");
    input("##supply.form.contact_name", "web.supply.form.contact_name_hint", &contact_name_, e);
    error_here(e, "contact_name");
  }
  grid.cell();
  {
    const Message* e = label("web.supply.f.contact_phone", "contact_phone");
    input("##supply.form.contact_phone", "web.supply.form.contact_phone_hint", &contact_phone_, e,
          ImGuiInputTextFlags_CharsNoBlank);
    error_here(e, "contact_phone");
  }
  grid.cell(cols);
  {
    const Message* e = label("web.supply.f.description", "description");
    if (e) ImGui::PushStyleColor(ImGuiCol_Border, theme::kError);
    ImGui::InputTextMultiline("##supply.form.description", &description_, ImVec2(grid.width(), px(84)));
    if (e) ImGui::PopStyleColor();
    widgets::text(
        app.tf("web.supply.form.count", {std::to_string(utf8_length(description_)), std::to_string(kDescriptionMax)}),
        theme::kFontSmall, theme::kTextMuted);
    error_here(e, "description");
  }
  grid.end();
  ImGui::Dummy(px(0, 2));
  draw_attachments(app);
  widgets::end_card();
}

void FeedbackForm::draw_attachments(App& app) {
  widgets::field_label(app.t("web.supply.f.attachments"), required("attachment_ids"));
  ImGui::Dummy(px(0, 2));
  const int gen = generation_;
  upload_.draw(app, "supply.form.attach", "web.supply.form.add_attachment", attachments_.size() < kAttachmentsMax,
               [this, gen](const FileRef& f) {
                 if (gen == generation_) attachments_.push_back(f);
               });
  ImGui::SameLine(0, px(12));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(7));
  widgets::text(app.tf("web.supply.form.attachments_hint", {std::to_string(kAttachmentsMax)}), theme::kFontSmall,
                theme::kTextMuted);
  int remove = -1;
  for (size_t i = 0; i < attachments_.size(); ++i) {
    const FileRef& f = attachments_[i];
    const std::string n = std::to_string(i);
    supply_file_link(app, f, "supply.form.attach.file." + n, [this](Message m) { upload_.error = std::move(m); });
    ImGui::SameLine(0, px(10));
    widgets::text(file_size_text(f.size), theme::kFontSmall, theme::kTextMuted);
    ImGui::SameLine(0, px(14));
    if (widgets::text_button(app.label("web.supply.form.remove", "supply.form.attach.remove." + n).c_str(),
                             theme::kError))
      remove = static_cast<int>(i);
  }
  if (remove >= 0) attachments_.erase(attachments_.begin() + remove);
  show_error(app, error_at("attachment_ids"), "attachment_ids");
}

void FeedbackForm::draw_buttons(App& app) {
  // A refusal not at one of the fields (the duplicate rule, a stale revision, the network): here,
  // where the clerk pressed the button.
  if (!error_.empty() && error_at(error_field_) == nullptr) {
    widgets::error_box(error_.text(app.lang));
    widgets::expose("supply.form.error", error_.text(app.lang));
  }
  if (tried_ && !problems_.empty()) {
    const std::string n = app.tf("web.supply.form.problem_count", {std::to_string(problems_.size())});
    widgets::text(n, theme::kFontSmall, theme::kError);
    widgets::expose("supply.form.problem_count", n);
    ImGui::SameLine();
  }
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float bw = px(96), bw2 = px(124);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - bw - bw2 - gap));
  const bool enabled = editable_ && !submitting_ && !upload_.uploading;
  if (widgets::primary_button(
          app.label(submitting_ ? "web.supply.sending" : "web.supply.form.save", "supply.form.save").c_str(), bw, 36.0f,
          enabled))
    save(app, false);
  ImGui::SameLine(0, gap);
  const std::string path = id_ > 0 ? "/supply/feedback/" + std::to_string(id_) : "/supply/feedback";
  const bool submit_needs_server = app.needs_server_now(id_ > 0 ? "PUT" : "POST", path, json{{"submit", true}});
  if (widgets::primary_button(app.label("web.supply.form.save_submit", "supply.form.save_submit").c_str(), bw2, 36.0f,
                              enabled && !submit_needs_server))
    save(app, true);
  if (submit_needs_server) {
    widgets::text_wrapped(app.t(kNeedsServerCode), theme::kFontSmall, theme::kTextMuted);
    widgets::expose("supply.form.needs_server", app.t(kNeedsServerCode));
  }
}

}  // namespace ivd::web
