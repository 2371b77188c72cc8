#include "web/screens/accounts/user_pickers.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/accounts/permissions.hpp"
#include "web/app.hpp"
#include "web/json_fields.hpp"
#include "web/theme.hpp"
#include "web/widgets.hpp"

namespace ivd::web {

using theme::px;

// [SECTION] regions

const std::vector<Region>* RegionCache::children(App& app, const std::string& parent) {
  Entry& e = by_parent[parent];
  if (e.loaded) return &e.items;
  if (!e.loading) {
    e.loading = true;
    app.request("GET", with_query("/regions", {{"parent", parent}}), nullptr, [this, parent](const ApiReply& r) {
      Entry& entry = by_parent[parent];
      entry.loading = false;
      entry.loaded = true;  // a refusal leaves the list empty rather than asking again every frame
      if (!r.ok()) return;
      for (const auto& it : json_field::array(r.body, "items"))
        entry.items.push_back({json_field::str(it, "code"), json_field::str(it, "name"), json_field::str(it, "level"),
                               json_field::boolean(it, "filterable"), json_field::boolean(it, "assignable")});
    });
  }
  return nullptr;
}

const Region* RegionCache::find(const std::string& code) const {
  for (const auto& [parent, e] : by_parent)
    for (const auto& r : e.items)
      if (r.code == code) return &r;
  return nullptr;
}

std::string RegionCache::name_of(const std::string& code) const {
  const Region* r = find(code);
  return r ? r->name : std::string();
}

void RegionPicker::set(const std::string& code) {
  province = is_national_code(code) ? std::string() : province_of(code);
  city = is_national_code(code) ? std::string() : code;
}

std::string RegionPicker::value(RegionPickMode mode) const {
  if (mode == RegionPickMode::admin) return city;
  return city.empty() ? province : city;
}

bool RegionPicker::draw(App& app, RegionCache& cache, const char* id, RegionPickMode mode, bool error, float width) {
  const Actor& a = app.actor();
  const bool filter = mode == RegionPickMode::filter;
  const bool national = is_national_code(a.region_code);
  const bool own_city = !national && province_of(a.region_code) != a.region_code;  // city or 省本级 actor
  const std::string before = value(mode);

  // Provinces: those the server marks as within the actor's view (every one for the national level,
  // else the actor's own, fixed).
  std::vector<widgets::ComboOption> provinces;
  if (filter && national) provinces.push_back({"", std::string(app.t("web.users.all"))});
  const std::vector<Region>* all = cache.children(app, "000000");
  if (all)
    for (const auto& p : *all)
      if (p.filterable) provinces.push_back({p.code, p.name});
  if (!national) province = province_of(a.region_code);

  // Cities of the chosen province: in the query those the actor can see, in the form those where it
  // may manage an admin (and the province itself when it may manage a province admin) -- the flags
  // the server sets from core's permissions (region_offered).
  std::vector<widgets::ComboOption> cities;
  const std::vector<Region>* children = province.empty() ? nullptr : cache.children(app, province);
  if (filter && !own_city) cities.push_back({"", std::string(app.t("web.users.all"))});
  const Region* chosen = province.empty() ? nullptr : cache.find(province);
  if (!filter && chosen && chosen->assignable) {
    const std::string name = cache.name_of(province);
    cities.push_back({province, app.tf("web.users.f.province_itself", {name.empty() ? province : name})});
  }
  if (children)
    for (const auto& c : *children) {
      if (filter ? c.filterable : c.assignable) cities.push_back({c.code, c.name});
    }
  if (filter && own_city) city = a.region_code;

  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float w = std::max(px(60), (width - gap) * 0.5f);
  const std::string placeholder(app.t(filter ? "web.users.all" : "web.users.f.choose"));
  const std::string loading(app.t("web.users.loading"));
  const std::string base(id);
  if (error) ImGui::PushStyleColor(ImGuiCol_Border, theme::kError);
  ImGui::SetNextItemWidth(w);
  if (widgets::combo(("##" + base + ".province").c_str(), provinces, &province, all ? placeholder : loading, national))
    city.clear();
  ImGui::SameLine(0, gap);
  ImGui::SetNextItemWidth(w);
  widgets::combo(("##" + base + ".city").c_str(), cities, &city, children || province.empty() ? placeholder : loading,
                 !province.empty() && !(filter && own_city));
  if (error) ImGui::PopStyleColor();
  return value(mode) != before;
}

// [SECTION] institutions

void InstitutionPicker::set(int64_t institution_id, const std::string& institution_name,
                            const std::string& institution_code) {
  const int last = request;
  *this = InstitutionPicker{};
  request = last;  // answers to earlier searches must stay stale
  id = institution_id;
  name = institution_name;
  code = institution_code;
  text = institution_name;
}

void InstitutionPicker::search(App& app, std::string_view kind) {
  const int req = ++request;
  searching = true;
  error.clear();
  app.request("GET", with_query("/institutions", {{"kind", std::string(kind)}, {"q", text}}), nullptr,
              [this, req, &app](const ApiReply& r) {
                if (req != request) return;  // a newer search was sent meanwhile
                searching = false;
                searched = true;
                results.clear();
                if (!r.ok()) {
                  error = app.message_of(r);
                  return;
                }
                for (const auto& it : json_field::array(r.body, "items"))
                  results.push_back({json_field::integer(it, "id"), json_field::str(it, "code"),
                                     json_field::str(it, "name"), json_field::str(it, "region_code")});
              });
}

bool InstitutionPicker::draw(App& app, const char* widget_id, std::string_view kind, bool error_border) {
  bool changed = false;
  const std::string base = std::string(widget_id).substr(2);  // without the leading ##
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (error_border) ImGui::PushStyleColor(ImGuiCol_Border, theme::kError);
  const bool edited = ImGui::InputTextWithHint(widget_id, app.t("web.users.f.institution_hint").data(), &text);
  const bool activated = ImGui::IsItemActivated();
  if (error_border) ImGui::PopStyleColor();
  if (edited) {
    if (id && text != name) {
      id.reset();
      name.clear();
      code.clear();
      changed = true;
    }
    open = true;
    search(app, kind);
  } else if (activated && !id) {
    open = true;
    if (!searched && !searching) search(app, kind);
  }

  if (open) {
    if (!error.empty()) {
      widgets::error_box(error.text(app.lang));
    } else if (results.empty()) {
      widgets::text(app.t(searching || !searched ? "web.users.f.searching" : "web.users.f.institution_none"),
                    theme::kFontSmall, searching ? theme::kTextMuted : theme::kError);
      if (!searching && searched) widgets::expose((base + ".none").c_str(), app.t("web.users.f.institution_none"));
    } else {
      const float row_h = px(30);
      const float rows = static_cast<float>(std::min<size_t>(results.size(), 6));
      ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, px(4, 4));
      ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
      ImGui::BeginChild((base + ".list").c_str(), ImVec2(-FLT_MIN, rows * row_h + px(8)),
                        ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding);
      for (const auto& r : results) {
        const std::string label = r.name + "（" + r.code + "）##" + base + ".opt." + r.code;
        if (ImGui::Selectable(label.c_str(), false, 0, ImVec2(0, row_h))) {
          set(r.id, r.name, r.code);
          changed = true;
        }
      }
      ImGui::EndChild();
      ImGui::PopStyleVar(2);
    }
  }
  if (id) widgets::text(app.tf("web.users.f.institution_chosen", {name, code}), theme::kFontSmall, theme::kSuccess);
  // IVD manual FAQ 1: institutions are imported by the operators; the form cannot create one.
  ImGui::PushTextWrapPos(0.0f);
  widgets::text(app.t("web.users.f.institution_import"), theme::kFontSmall, theme::kTextMuted);
  ImGui::PopTextWrapPos();
  return changed;
}

}  // namespace ivd::web
