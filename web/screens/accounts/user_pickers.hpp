#pragma once
// The pickers of 用户管理 (SPEC §1): a region cascade (province → city / 省本级) loaded from
// GET /regions?parent=CODE, and a searchable institution picker (GET /institutions?kind=&q=).
// Which regions are offered is the core's decision (permissions.hpp: region_within, can_manage).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "web/message.hpp"

namespace ivd::web {

class App;

struct Region {
  std::string code, name, level;
  bool filterable = false;  // the server says: the user list may be narrowed to it
  bool assignable = false;  // the server says: an admin the user adds may be given it
};

// Children of a region, asked for once per session and kept (the region list does not change while
// the app runs).
struct RegionCache {
  struct Entry {
    bool loading = false;
    bool loaded = false;
    std::vector<Region> items;
  };
  std::map<std::string, Entry> by_parent;

  // The region of a code among those loaded, or nullptr.
  const Region* find(const std::string& code) const;
  // The children of parent, or nullptr while they are loading (the first call starts loading).
  const std::vector<Region>* children(App& app, const std::string& parent);
  // Name of a loaded region ("" when not loaded yet).
  std::string name_of(const std::string& code) const;
};

enum class RegionPickMode {
  filter,  // the query form: 全部 allowed, any region the actor can see
  admin,   // the region of a new or edited 医保机构 user: only regions the actor may manage an admin in
};

// Two drop-downs side by side (province, then city / 省本级 / the province itself), full width.
struct RegionPicker {
  std::string province;  // code, "" = 全部 / not chosen
  std::string city;      // code, "" = 全部 / not chosen; in admin mode the province code = the province itself

  void clear() { *this = RegionPicker{}; }
  // Sets the picker to a region code (a province, city or 省本级).
  void set(const std::string& code);
  // The chosen region: filter mode the narrowest chosen ("" = all), admin mode the city slot only.
  std::string value(RegionPickMode mode) const;
  // id: widget id prefix, e.g. "users.q.region" -> "##users.q.region.province" / ".city"; width: of
  // both drop-downs together. Returns true when the choice changed.
  bool draw(App& app, RegionCache& cache, const char* id, RegionPickMode mode, bool error, float width);
};

struct Institution {
  int64_t id = 0;
  std::string code, name, region_code;
};

// A search field with a result list under it. kind: hospital | enterprise.
struct InstitutionPicker {
  std::string text;
  std::optional<int64_t> id;  // the chosen institution
  std::string name, code;     // of the chosen institution
  std::vector<Institution> results;
  bool open = false;       // the result list shows
  bool searching = false;  // a search is under way
  bool searched = false;   // results hold the answer of a search
  int request = 0;         // number of the latest search; older answers are dropped
  Message error;

  void clear() { *this = InstitutionPicker{}; }
  void set(int64_t institution_id, const std::string& institution_name, const std::string& institution_code);
  // Returns true when the chosen institution changed.
  bool draw(App& app, const char* id, std::string_view kind, bool error_border);

 private:
  void search(App& app, std::string_view kind);
};

}  // namespace ivd::web
