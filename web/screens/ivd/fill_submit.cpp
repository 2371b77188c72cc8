// [SECTION] loading: the sheet, the report of what blocks 提交
// [SECTION] the list of what is missing
// [SECTION] the form: 联系人, 联系方式, 承诺书, 采购需求量附件, 在用仪器说明文件
// [SECTION] 暂存, 提交 and refusals
#include "web/screens/ivd/fill_submit.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>

#include "core/ivd/sheet/sheet_model.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/list_widgets.hpp"
#include "web/replies.hpp"
#include "web/screens/ivd/fill_files.hpp"
#include "web/screens/ivd/fill_screen.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using nlohmann::json;
using theme::px;

namespace {

using list_ui::kControlHeight;
constexpr int kReportPageSize = 500;  // lines with errors listed at once; more are counted

const std::string& message_in(const SheetItemOnWire& it, Lang lang) {
  return lang == Lang::en && !it.message_en.empty() ? it.message_en : it.message_zh;
}

std::optional<FileRef> file_of(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_object()) return std::nullopt;
  FileRef f;
  from_json(j[key], f);
  if (f.id <= 0) return std::nullopt;
  return f;
}

// "*" in the error colour, then the label.
void required_label(std::string_view text) {
  widgets::text("*", theme::kFontSmall + 0.5f, theme::kError);
  ImGui::SameLine(0, px(3));
  widgets::field_label(text);
}

}  // namespace

void FillSubmit::draw(App& app, int64_t project_id, const Route&) {
  if (project_id != project_id_) {
    // Upload callbacks in flight point at the slots: keep their nodes (a moved map keeps them).
    auto slots = std::move(doc_slots_);
    *this = FillSubmit{};
    doc_slots_ = std::move(slots);
    for (auto& [cert, slot] : doc_slots_) slot.error.clear();
    project_id_ = project_id;
  }
  if (!loaded_ && !loading_) load(app);
  if (!sheet_) {
    if (error_.empty()) widgets::text(app.t("web.fill.loading"), 0, theme::kTextMuted);
    list_ui::show_error(error_, app.lang, "fill.submit.error");
    return;
  }
  const float w = ImGui::GetContentRegionAvail().x;
  if (!sheet_->editable && sheet_->not_editable.is_object()) {
    const std::string why = json_field::str(sheet_->not_editable, app.lang == Lang::en ? "message_en" : "message_zh");
    widgets::info_box(why);
    widgets::expose("fill.submit.locked", why);
    ImGui::Dummy(px(0, 4));
  }
  draw_missing(app, w);
  ImGui::Dummy(px(0, 4));
  draw_form(app, w);
  draw_confirm(app);
}

// [SECTION] loading

void FillSubmit::load(App& app) {
  loading_ = true;
  const int req = request_ = next_fill_request();
  app.request("GET", "/ivd/projects/" + std::to_string(project_id_) + "/sheet", nullptr,
              [this, req, &app](const ApiReply& r) {
                if (!accept_reply(app, r, req == request_, &loading_, &loaded_, &error_)) return;
                try {
                  sheet_ = r.body.get<SheetHeaderOnWire>();
                } catch (const std::exception&) {
                  error_ = Message::of("web.fill.bad_reply");
                  return;
                }
                if (!contact_dirty_) {
                  contact_ = sheet_->header.contact_name;
                  phone_ = sheet_->header.contact_phone;
                }
                commitment_ = file_of(r.body, "commitment_letter_file");
                demand_ = file_of(r.body, "demand_attachment_file");
                for (auto& [cert, file] : docs_) file.reset();
                for (const json& d : json_field::array(r.body, "instrument_docs")) {
                  FileRef f;
                  f.id = json_field::integer(d, "file_id");
                  f.name = json_field::str(d, "name");
                  f.content_type = json_field::str(d, "content_type");
                  f.size = json_field::integer(d, "size");
                  const std::string cert = json_field::str(d, "certificate");
                  if (f.id > 0 && !cert.empty()) docs_[cert] = f;
                }
                load_report(app);
              });
}

void FillSubmit::load_report(App& app) {
  const int req = request_;
  const std::string path =
      with_query("/ivd/projects/" + std::to_string(project_id_) + "/sheet/lines",
                 {{"mode", "submit"}, {"errors_only", "1"}, {"page", "1"}, {"page_size", std::to_string(kReportPageSize)}});
  app.request("GET", path, nullptr, [this, req, &app](const ApiReply& r) {
    if (req != request_) return;
    if (!r.ok()) {
      error_ = app.message_of(r);
      return;
    }
    error_lines_.clear();
    error_lines_total_ = json_field::integer(r.body, "total");
    for (const json& it : json_field::array(r.body, "items")) {
      try {
        error_lines_.push_back(it.get<SheetLineOnWire>());
      } catch (const std::exception&) {
      }
    }
    // Certificates whose 在用仪器说明文件 is missing get an upload slot (those with one already have it).
    for (const auto& line : error_lines_)
      for (const auto& item : line.items)
        if (item.field == field_name(SheetField::instrument_doc) && !item.certificate.empty())
          docs_.try_emplace(item.certificate);
    report_loaded_ = true;
  });
}

// [SECTION] the list of what is missing

std::vector<SheetItemOnWire> FillSubmit::submission_items() const {
  Sheet s;
  s.submission.contact_name = contact_;
  s.submission.contact_phone = phone_;
  if (commitment_) s.submission.commitment_letter = std::to_string(commitment_->id);
  if (demand_) s.submission.demand_attachment = std::to_string(demand_->id);
  std::vector<SheetItemOnWire> out;
  for (const SheetItem& it : validate_sheet(s, SheetMode::submit).items) out.push_back(on_wire(it));
  return out;
}

void FillSubmit::draw_missing(App& app, float width) {
  const auto fields = submission_items();
  size_t count = fields.size();
  for (const auto& line : error_lines_)
    for (const auto& item : line.items) count += item.severity == severity_name(Severity::error) ? 1 : 0;
  const int64_t unlisted = std::max<int64_t>(0, error_lines_total_ - static_cast<int64_t>(error_lines_.size()));

  widgets::begin_card("##fill.missing", ImGui::GetCursorScreenPos(), width, 20.0f);
  if (!report_loaded_) {
    widgets::text(app.t("web.fill.loading"), 0, theme::kTextMuted);
    widgets::end_card();
    return;
  }
  if (count == 0 && unlisted == 0) {
    widgets::success_box(app.t("web.fill.missing.none"));
    widgets::expose("fill.missing.none", app.t("web.fill.missing.none"));
    widgets::end_card();
    return;
  }
  const std::string title = app.tf("web.fill.missing.title", {std::to_string(count)});
  widgets::text(title, theme::kFontSize + 1, theme::kError);
  widgets::expose("fill.missing.title", title);
  ImGui::Dummy(px(0, 2));

  // One item: a bullet, the message, and a 前往 link to its place.
  auto item_row = [&](const std::string& key, const std::string& text) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float lh = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + px(4), p.y + lh * 0.5f), px(3), theme::kError);
    ImGui::SetCursorScreenPos(ImVec2(p.x + px(14), p.y));
    const std::string go = app.label("web.fill.goto", "fill.goto." + key);
    const float go_w = ImGui::CalcTextSize(go.c_str(), nullptr, true).x + px(16);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(px(120), ImGui::GetContentRegionAvail().x - go_w));
    widgets::text(text);
    ImGui::PopTextWrapPos();
    widgets::expose(("fill.missing." + key).c_str(), text);
    ImGui::SameLine(0, px(12));
    return widgets::text_button(go.c_str(), theme::kPrimary);
  };

  const float list_max = std::max(px(120), ImGui::GetMainViewport()->Size.y * 0.3f);
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(FLT_MAX, list_max));
  ImGui::BeginChild("##fill.missing.list", ImVec2(0, 0), ImGuiChildFlags_AutoResizeY);
  for (const auto& it : fields)
    if (item_row(it.field, message_in(it, app.lang))) {
      focus_ = it.field;
      show_field_errors_ = true;
    }
  for (const auto& line : error_lines_)
    for (const auto& it : line.items) {
      if (it.severity != severity_name(Severity::error)) continue;
      if (it.field == field_name(SheetField::instrument_doc)) {
        if (item_row("doc." + it.certificate, message_in(it, app.lang))) focus_ = "doc." + it.certificate;
        continue;
      }
      const std::string text = app.tf("web.fill.missing.line", {line.row.serial, message_in(it, app.lang)});
      if (item_row("line." + line.row.serial + "." + it.field, text))
        app.navigate(fill_route(project_id_, "sheet").with("serial", line.row.serial).with("field", it.field));
    }
  if (unlisted > 0) {
    const std::string more = app.tf("web.fill.missing.more", {std::to_string(unlisted)});
    widgets::text(more, theme::kFontSmall, theme::kTextMuted);
    widgets::expose("fill.missing.more", more);
  }
  ImGui::EndChild();
  widgets::end_card();
}

// [SECTION] the form

void FillSubmit::draw_form(App& app, float width) {
  const bool editable = sheet_->editable;
  const auto items = submission_items();
  auto local_error = [&](SheetField f) -> std::string {
    if (!show_field_errors_) return {};
    for (const auto& it : items)
      if (it.field == field_name(f)) return message_in(it, app.lang);
    return {};
  };
  auto show_errors = [&](SheetField f, const char* test_id) {
    const std::string name(field_name(f));
    if (auto it = field_errors_.find(name); it != field_errors_.end() && !it->second.empty()) {
      widgets::field_error(it->second.text(app.lang), test_id);
      return;
    }
    const std::string e = local_error(f);
    if (!e.empty()) widgets::field_error(e, test_id);
  };

  widgets::begin_card("##fill.form", ImGui::GetCursorScreenPos(), width, 20.0f);
  widgets::text(app.t("web.fill.form.title"), theme::kFontSize + 1);
  ImGui::Dummy(px(0, 2));
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = px(16);
  ImGui::BeginDisabled(!editable);
  widgets::FormGrid grid(avail > px(640) ? 2 : 1, avail, gap, px(10));
  grid.cell();
  required_label(app.t("web.fill.contact"));
  if (focus_ == field_name(SheetField::contact_name)) {
    ImGui::SetScrollHereY(0.3f);
    ImGui::SetKeyboardFocusHere();
    focus_.clear();
  }
  if (ImGui::InputTextWithHint("##fill.contact", app.t("web.fill.contact_hint").data(), &contact_)) {
    contact_dirty_ = true;
    field_errors_.erase(std::string(field_name(SheetField::contact_name)));
  }
  if (ImGui::IsItemDeactivated()) show_field_errors_ = true;
  show_errors(SheetField::contact_name, "fill.contact.error");
  grid.cell();
  required_label(app.t("web.fill.phone"));
  if (focus_ == field_name(SheetField::contact_phone)) {
    ImGui::SetScrollHereY(0.3f);
    ImGui::SetKeyboardFocusHere();
    focus_.clear();
  }
  if (ImGui::InputTextWithHint("##fill.phone", app.t("web.fill.phone_hint").data(), &phone_)) {
    contact_dirty_ = true;
    field_errors_.erase(std::string(field_name(SheetField::contact_phone)));
  }
  if (ImGui::IsItemDeactivated()) show_field_errors_ = true;
  show_errors(SheetField::contact_phone, "fill.phone.error");
  grid.end();
  ImGui::EndDisabled();

  // Uploads: one row each, the label above.
  auto upload_row = [&](SheetField f, const char* label_id, const char* hint_id, const std::string& test_id,
                        const char* accept, UploadSlot& slot, const std::optional<FileRef>& current, json patch_key) {
    ImGui::Dummy(px(0, 6));
    if (focus_ == field_name(f)) {
      slot.highlight = true;
      focus_.clear();
    }
    required_label(app.t(label_id));
    ImGui::SameLine(0, px(8));
    widgets::text(app.t(hint_id), theme::kFontSmall, theme::kTextMuted);
    slot.draw(app, test_id, accept, current, editable, [this, &app, &slot, patch_key](const FileRef& file) {
      json patch = patch_key;
      for (auto& [k, v] : patch.items())
        if (v.is_object())  // instrument_docs: {"<注册证>": id}
          for (auto& [c, id] : v.items()) id = file.id;
        else
          v = file.id;
      attach(app, patch, &slot);
    });
    if (slot.error.empty()) show_errors(f, (test_id + ".missing").c_str());
  };
  upload_row(SheetField::commitment_letter, "web.fill.commitment", "web.fill.pdf_only", "fill.commitment",
             ".pdf,application/pdf", commitment_slot_, commitment_, json{{"commitment_letter", 0}});
  upload_row(SheetField::demand_attachment, "web.fill.demand_attachment", "web.fill.pdf_or_image",
             "fill.demand_attachment", ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg", demand_slot_,
             demand_, json{{"demand_attachment", 0}});

  ImGui::Dummy(px(0, 8));
  widgets::text(app.t("web.fill.instrument_docs"), theme::kFontSize);
  if (docs_.empty()) {
    widgets::text(app.t("web.fill.instrument_docs.none"), theme::kFontSmall, theme::kTextMuted);
    widgets::expose("fill.docs.none", app.t("web.fill.instrument_docs.none"));
  }
  for (auto& [cert, file] : docs_) {
    UploadSlot& slot = doc_slots_[cert];
    if (focus_ == "doc." + cert) {
      slot.highlight = true;
      focus_.clear();
    }
    ImGui::Dummy(px(0, 4));
    widgets::text(app.tf("web.fill.instrument_doc_for", {cert}), theme::kFontSmall + 0.5f);
    slot.draw(app, "fill.doc." + cert, ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg", file, editable,
              [this, &app, &slot, cert = cert](const FileRef& f) {
                attach(app, json{{"instrument_docs", {{cert, f.id}}}}, &slot);
              });
  }

  // Buttons and what they did.
  ImGui::Dummy(px(0, 10));
  list_ui::show_notice(notice_, app.lang, "fill.submit.notice");
  list_ui::show_error(error_, app.lang, "fill.submit.error");
  const float bgap = ImGui::GetStyle().ItemSpacing.x;
  const bool submit_needs_server =
      app.needs_server_now("POST", "/ivd/projects/" + std::to_string(project_id_) + "/sheet/submit");
  ImGui::BeginDisabled(!editable || busy_);
  if (widgets::secondary_button(app.label("web.fill.save", "fill.save").c_str(), px(104), kControlHeight)) save(app);
  ImGui::SameLine(0, bgap);
  ImGui::BeginDisabled(submit_needs_server);
  if (widgets::primary_button(app.label("web.fill.submit", "fill.submit").c_str(), px(104), kControlHeight)) {
    notice_.clear();
    error_.clear();
    show_field_errors_ = true;
    confirm_open_ = true;
  }
  ImGui::EndDisabled();
  ImGui::EndDisabled();
  if (submit_needs_server) {
    widgets::text_wrapped(app.t(kNeedsServerCode), 0, theme::kTextMuted);
    widgets::expose("fill.submit.needs_server", app.t(kNeedsServerCode));
  }
  widgets::end_card();
}

void FillSubmit::draw_confirm(App& app) {
  const std::string id = app.label("web.fill.confirm.title", "fill.confirm");
  if (!widgets::begin_modal(id.c_str(), 440, &confirm_open_)) return;
  widgets::text(app.t("web.fill.confirm.title"), theme::kFontTitle);
  ImGui::Dummy(px(0, 6));
  widgets::text_wrapped(app.tf("web.fill.confirm.text", {sheet_ ? sheet_->header.hospital_name : std::string()}));
  ImGui::Dummy(px(0, 12));
  const int b = widgets::modal_buttons(app.label("web.fill.cancel", "fill.confirm.cancel").c_str(),
                                       app.label("web.fill.confirm.ok", "fill.confirm.ok").c_str());
  if (b != 0) ImGui::CloseCurrentPopup();
  if (b == 1) submit(app);
  widgets::end_modal();
}

// [SECTION] 暂存, 提交 and refusals

json FillSubmit::base_patch() const {
  return json{{"revision", sheet_ ? sheet_->header.revision : 0}, {"contact_name", contact_}, {"contact_phone", phone_}};
}

void FillSubmit::attach(App& app, json patch, UploadSlot* slot) {
  patch["revision"] = sheet_ ? sheet_->header.revision : 0;
  app.request("POST", "/ivd/projects/" + std::to_string(project_id_) + "/sheet/draft", patch,
              [this, &app, slot](const ApiReply& r) {
                if (!r.ok()) {
                  slot->error = app.message_of(r);
                  return;
                }
                slot->error.clear();
                load(app);  // the stored file, the new revision and what is still missing
              });
}

void FillSubmit::save(App& app) {
  notice_.clear();
  error_.clear();
  busy_ = true;
  app.request("POST", "/ivd/projects/" + std::to_string(project_id_) + "/sheet/draft", base_patch(),
              [this, &app](const ApiReply& r) {
                busy_ = false;
                if (!r.ok()) return show_refusal(app, r);
                contact_dirty_ = false;
                field_errors_.clear();
                notice_ = Message::of("web.fill.saved");
                load(app);
              });
}

void FillSubmit::submit(App& app) {
  busy_ = true;
  app.request("POST", "/ivd/projects/" + std::to_string(project_id_) + "/sheet/submit", base_patch(),
              [this, &app](const ApiReply& r) {
                busy_ = false;
                if (!r.ok()) {
                  show_refusal(app, r);
                  load(app);  // the report shows what the rules refused, where it belongs
                  return;
                }
                contact_dirty_ = false;
                const int64_t pid = project_id_;
                reopen();  // the next visit reloads
                app.navigate(fill_route(pid, "status"));
              });
}

void FillSubmit::show_refusal(App& app, const ApiReply& r) {
  const std::string field = r.field();
  const Message m = app.message_of(r);
  if (field == field_name(SheetField::commitment_letter)) commitment_slot_.error = m;
  else if (field == field_name(SheetField::demand_attachment)) demand_slot_.error = m;
  else if (field == field_name(SheetField::contact_name) || field == field_name(SheetField::contact_phone))
    field_errors_[field] = m;
  error_ = m;  // also at the buttons, where the clerk acted
}

}  // namespace ivd::web
