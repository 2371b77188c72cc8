// 新增 / 统一配置 of a 报量项目 (IVD manual 报量项目配置 3 and 4) and the import error report.
// [SECTION] opening and field errors
// [SECTION] submit
// [SECTION] drawing the form
// [SECTION] import error report
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>

#include "core/base/civil_time.hpp"
#include "web/app.hpp"
#include "web/dialog_widgets.hpp"
#include "web/json_fields.hpp"
#include "web/screens/ivd/config_dialogs.hpp"
#include "web/screens/ivd/config_table.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

namespace {
constexpr const char* kFormPopup = "##config.form.dlg";
constexpr const char* kReportPopup = "##config.import_report.dlg";
constexpr const char* kTimeFields[] = {"fill_start", "fill_end", "city_review_end", "province_review_end"};

int64_t time_of(const ProjectTimes& t, int i) {
  return i == 0 ? t.fill_start : i == 1 ? t.fill_end : i == 2 ? t.city_review_end : t.province_review_end;
}
// "2026-06-01 08:00" (minutes; the seconds only when the time has some).
std::string time_text(int64_t t) {
  std::string s = format_cst(t);
  if (s.size() == 19 && s.ends_with(":00")) s.resize(16);
  return s;
}
}  // namespace

// [SECTION] opening and field errors

void ProjectFormDialog::clear() {
  const int last = request_;
  RegionCache keep = std::move(regions_);
  *this = ProjectFormDialog{};
  request_ = last;
  regions_ = std::move(keep);
}

void ProjectFormDialog::open_add() {
  clear();
  open_request_ = true;
}

void ProjectFormDialog::open_configure(const ProjectOnWire& p) {
  clear();
  configuring_ = true;
  original_ = p;
  f_.name = p.project.name;
  f_.year = std::to_string(p.project.year);
  f_.description = p.project.description;
  f_.threshold = admin_ui::number_text(p.project.threshold_percent);
  for (int i = 0; i < 4; ++i) f_.times[i] = time_text(time_of(p.project.times, i));
  f_.provinces.insert(p.project.provinces.begin(), p.project.provinces.end());
  open_request_ = true;
}

std::string ProjectFormDialog::value_of(const std::string& field) const {
  if (field == "name") return f_.name;
  if (field == "year") return f_.year;
  if (field == "description") return f_.description;
  if (field == "threshold_percent") return f_.threshold;
  for (int i = 0; i < 4; ++i)
    if (field == kTimeFields[i]) return f_.times[i];
  if (field == "provinces") {
    std::string all;
    for (const auto& p : f_.provinces) all += p + ",";
    return all;
  }
  return {};
}

void ProjectFormDialog::set_error(const std::string& field, Message m) { errors_[field] = {std::move(m), value_of(field)}; }

// [SECTION] submit

void ProjectFormDialog::submit(App& app) {
  if (submitting_) return;
  errors_.clear();
  // Completeness, every field at once (the words of the form); every rule is the server's (core/ivd/project).
  auto required = [&](const char* field, const std::string& value, const char* label_id) {
    if (value.find_first_not_of(' ') == std::string::npos)
      set_error(field, Message::of("web.config.f.required", {std::string(app.t(label_id))}));
  };
  required("name", f_.name, "web.config.f.name");
  required("year", f_.year, "web.config.f.year");
  required("threshold_percent", f_.threshold, "web.config.f.threshold");
  for (int i = 0; i < 4; ++i)
    required(kTimeFields[i], f_.times[i], ("ivd.project.field." + std::string(kTimeFields[i])).c_str());
  if (f_.provinces.empty()) set_error("provinces", Message::of("web.config.f.need_provinces"));
  if (!errors_.empty()) return;

  nlohmann::json body = nlohmann::json::object();
  const Project& o = original_.project;
  auto number_or_text = [](const std::string& s) -> nlohmann::json {
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end && *end == '\0' && end != s.c_str()) return v;
    return s;  // the server names the field and what is wrong with it
  };
  if (!configuring_ || f_.name != o.name) body["name"] = f_.name;
  if (!configuring_ || f_.year != std::to_string(o.year)) {
    char* end = nullptr;
    const long long y = std::strtoll(f_.year.c_str(), &end, 10);
    body["year"] = end && *end == '\0' ? nlohmann::json(y) : nlohmann::json(f_.year);
  }
  if (!configuring_ || f_.description != o.description) body["description"] = f_.description;
  if (!configuring_ || f_.threshold != admin_ui::number_text(o.threshold_percent))
    body["threshold_percent"] = number_or_text(f_.threshold);
  for (int i = 0; i < 4; ++i) {
    const auto t = parse_cst(f_.times[i]);
    if (!configuring_ || !t || *t != time_of(o.times, i)) body[kTimeFields[i]] = f_.times[i];
  }
  const std::set<std::string> before(o.provinces.begin(), o.provinces.end());
  if (!configuring_ || f_.provinces != before)
    body["provinces"] = std::vector<std::string>(f_.provinces.begin(), f_.provinces.end());

  std::string method = "POST", path = "/ivd/projects";
  if (configuring_) {
    method = "PUT";
    path += "/" + std::to_string(o.id);
    body["revision"] = o.revision;
  }
  submitting_ = true;
  const int req = ++request_;
  app.request(method, path, body, [this, req, &app](const ApiReply& r) {
    if (req != request_) return;
    submitting_ = false;
    if (!r.ok()) {
      set_error(r.field(), app.message_of(r));
      return;
    }
    outcome_ = {true, Message::of(configuring_ ? "web.config.done_configure" : "web.config.done_add", {f_.name})};
  });
}

// [SECTION] drawing the form

DialogOutcome ProjectFormDialog::draw(App& app) {
  if (!widgets::begin_modal(kFormPopup, 820, &open_request_)) return {};
  if (auto finished = close_when_done(outcome_)) {
    clear();
    return *finished;
  }
  widgets::text(app.t(configuring_ ? "web.config.configure_title" : "web.config.add_title"), theme::kFontTitle);
  ImGui::Dummy(px(0, 2));
  // The fields scroll inside the dialog on a small screen; the buttons stay in view.
  const float body_max = std::max(px(200), ImGui::GetMainViewport()->Size.y - px(150));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(FLT_MAX, body_max));
  ImGui::BeginChild("##config.form.body", ImVec2(0, 0), ImGuiChildFlags_AutoResizeY, ImGuiWindowFlags_NoSavedSettings);

  // An error shows while its field still holds the value it was about.
  auto error_at = [&](const char* field) -> const Message* {
    auto it = errors_.find(field);
    return it != errors_.end() && it->second.second == value_of(field) ? &it->second.first : nullptr;
  };
  auto label = [&](const char* label_id, bool required) {
    widgets::field_label(required ? std::string(app.t(label_id)) + " *" : std::string(app.t(label_id)));
  };
  auto show_error = [&](const char* field) {
    if (const Message* m = error_at(field))
      widgets::field_error(m->text(app.lang), (std::string("config.form.error.") + field).c_str());
  };
  auto input = [&](const char* field, const char* hint_id, std::string* value, bool enabled = true) {
    const bool err = error_at(field) != nullptr;
    if (err) ImGui::PushStyleColor(ImGuiCol_Border, theme::kError);
    ImGui::BeginDisabled(!enabled);
    ImGui::InputTextWithHint((std::string("##config.form.") + field).c_str(), app.t(hint_id).data(), value);
    ImGui::EndDisabled();
    if (err) ImGui::PopStyleColor();
  };

  {
    widgets::FormGrid grid(3, ImGui::GetContentRegionAvail().x, px(16), px(10));
    grid.cell(2);
    label("web.config.f.name", true);
    input("name", "web.config.f.name_hint", &f_.name);
    show_error("name");
    grid.cell();
    label("web.config.f.year", true);
    input("year", "web.config.f.year_hint", &f_.year);
    show_error("year");
    grid.cell(2);
    label("web.config.f.description", false);
    input("description", "web.config.f.description_hint", &f_.description);
    show_error("description");
    grid.cell();
    label("web.config.f.threshold", true);
    // 统一配置: the threshold is locked once the project is 执行中 or 已结束 (manual 4 注2; the project says).
    const bool threshold_open = !configuring_ || original_.threshold_editable();
    input("threshold_percent", "web.config.f.threshold_hint", &f_.threshold, threshold_open);
    if (!threshold_open) {
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::CalcItemWidth());
      widgets::text(app.t("ivd.project.threshold_locked"), theme::kFontSmall, theme::kTextMuted);
      ImGui::PopTextWrapPos();
      widgets::expose("config.form.threshold_locked", app.t("ivd.project.threshold_locked"));
    }
    show_error("threshold_percent");
    grid.end();
  }

  // 时间配置: one row per time with its 说明 (manual 3 注1), then the 温馨提示 (manual 4 注1).
  ImGui::Dummy(px(0, 4));
  widgets::field_label(app.t("web.config.f.times"));
  if (ImGui::BeginTable("##config.form.times", 3, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn(app.t("web.config.f.time_item").data(), ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn(app.t("web.config.f.time_value").data(), ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn(app.t("web.config.f.time_note").data(), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableHeadersRow();
    for (int i = 0; i < 4; ++i) {
      const std::string field = kTimeFields[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      widgets::text(std::string(app.t("ivd.project.field." + field)) + " *");
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-FLT_MIN);
      input(field.c_str(), "web.config.f.time_hint", &f_.times[i]);
      if (const Message* m = error_at(field.c_str())) {
        ImGui::PushItemWidth(-FLT_MIN);
        ImGui::Dummy(px(0, 2));
        widgets::field_error(m->text(app.lang), ("config.form.error." + field).c_str());
        ImGui::PopItemWidth();
      }
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      widgets::text_wrapped(app.t("ivd.project.hint." + field), theme::kFontSmall, theme::kTextMuted);
    }
    ImGui::EndTable();
  }
  ImGui::Dummy(px(0, 2));
  widgets::text_wrapped(app.t("ivd.project.time_rule"), theme::kFontSmall, theme::kError);
  widgets::expose("config.form.time_rule", app.t("ivd.project.time_rule"));

  // 参与省份: every province of the region list, ticked ones take part.
  ImGui::Dummy(px(0, 4));
  widgets::field_label(std::string(app.t("web.config.f.provinces")) + " *");
  if (const std::vector<Region>* all = regions_.children(app, "000000")) {
    ImGui::SameLine(0, px(16));
    if (widgets::text_button(app.label("web.config.f.all_provinces", "config.form.provinces.all").c_str(),
                             theme::kPrimary))
      for (const auto& p : *all) f_.provinces.insert(p.code);
    ImGui::SameLine(0, px(12));
    if (widgets::text_button(app.label("web.config.f.no_provinces", "config.form.provinces.none").c_str(),
                             theme::kPrimary))
      f_.provinces.clear();
    const int cols = std::max(2, static_cast<int>(ImGui::GetContentRegionAvail().x / px(150)));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, px(3, 3));
    if (ImGui::BeginTable("##config.form.provinces", cols, ImGuiTableFlags_SizingStretchSame)) {
      for (const auto& p : *all) {
        ImGui::TableNextColumn();
        bool on = f_.provinces.count(p.code) > 0;
        if (ImGui::Checkbox((p.name + "##config.form.province." + p.code).c_str(), &on)) {
          if (on)
            f_.provinces.insert(p.code);
          else
            f_.provinces.erase(p.code);
        }
      }
      ImGui::EndTable();
    }
    ImGui::PopStyleVar();
  } else {
    widgets::text(app.t("web.config.loading"), theme::kFontSmall, theme::kTextMuted);
  }
  if (const Message* m = error_at("provinces")) {
    ImGui::PushItemWidth(-FLT_MIN);
    widgets::field_error(m->text(app.lang), "config.form.error.provinces");
    ImGui::PopItemWidth();
  }

  // A refusal that names no field of the form (stale revision, network): above the buttons.
  for (const auto& [field, e] : errors_) {
    const bool at_field = field == "name" || field == "year" || field == "description" ||
                          field == "threshold_percent" || field == "provinces" ||
                          std::find(std::begin(kTimeFields), std::end(kTimeFields), field) != std::end(kTimeFields);
    if (at_field) continue;
    dialog_ui::refusal(e.first, app.lang, "config.form.error");
  }

  ImGui::EndChild();
  ImGui::Dummy(px(0, 6));
  const int b = dialog_ui::buttons(app, "config.form", submitting_, "web.config.submitting", !submitting_);
  if (b > 0) submit(app);
  if (b < 0) {
    ImGui::CloseCurrentPopup();
    clear();
  }
  widgets::end_modal();
  return {};
}

// [SECTION] import error report

void ImportReportDialog::open(std::string file_name, Message message, const nlohmann::json& details) {
  file_name_ = std::move(file_name);
  message_ = std::move(message);
  issues_.clear();
  if (details.is_array())
    for (const auto& d : details)
      issues_.push_back({json_field::integer(d, "line"), json_field::str(d, "column"), json_field::str(d, "code"),
                         Message::server(json_field::str(d, "message_zh"), json_field::str(d, "message_en"))});
  open_request_ = true;
}

void ImportReportDialog::draw(App& app) {
  if (!widgets::begin_modal(kReportPopup, 860, &open_request_)) return;
  widgets::text(app.t("web.config.import.report_title"), theme::kFontTitle);
  widgets::text(file_name_, theme::kFontSmall, theme::kTextMuted);
  ImGui::Dummy(px(0, 2));
  widgets::error_box(message_.text(app.lang));
  widgets::expose("config.import.error", message_.text(app.lang));
  const std::string count = app.tf("web.config.import.issue_count", {std::to_string(issues_.size())});
  widgets::text(count, theme::kFontSmall, theme::kTextMuted);
  widgets::expose("config.import.issue_count", count);
  const float h = std::min(px(360), ImGui::GetMainViewport()->Size.y * 0.5f);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, px(10, 6));
  if (ImGui::BeginTable("##config.import.issues", 3, flags, ImVec2(0, h))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(app.t("web.config.import.col.line").data(), ImGuiTableColumnFlags_WidthStretch, 0.4f);
    ImGui::TableSetupColumn(app.t("web.config.import.col.column").data(), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(app.t("web.config.import.col.message").data(), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(issues_.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const Issue& is = issues_[static_cast<size_t>(i)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        widgets::cell_text(std::to_string(is.line));
        widgets::expose(("config.import.issue." + std::to_string(i)).c_str(),
                        std::to_string(is.line) + "|" + is.column + "|" + is.code);
        ImGui::TableNextColumn();
        widgets::cell_text(is.column);
        ImGui::TableNextColumn();
        widgets::cell_text(is.message.text(app.lang), theme::kError);
      }
    ImGui::EndTable();
  }
  ImGui::PopStyleVar();
  ImGui::Dummy(px(0, 6));
  const float bw = px(104);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - bw);
  if (widgets::primary_button(app.label("web.config.close", "config.import.close").c_str(), bw, 38.0f) ||
      (ImGui::IsKeyPressed(ImGuiKey_Escape) && ImGui::IsWindowFocused()))
    ImGui::CloseCurrentPopup();
  widgets::end_modal();
}

}  // namespace ivd::web
