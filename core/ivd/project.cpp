// [SECTION] limits and field helpers
// [SECTION] input and time rules
// [SECTION] load and visibility
// [SECTION] 新增 and 统一配置
// [SECTION] 查询
// [SECTION] the wire type
#include "core/ivd/project.hpp"

#include <algorithm>
#include <cmath>

#include "core/api/dispatcher.hpp"
#include "core/ivd/aggregates.hpp"
#include "core/base/i18n.hpp"
#include "core/ivd/scope.hpp"
#include "core/accounts/permissions.hpp"

namespace ivd {

using nlohmann::json;

namespace {
// ---- [SECTION] limits and field helpers ----------------------------------------------------------
constexpr size_t kMaxName = 100;          // characters are checked in bytes: 100 CJK chars = 300 bytes
constexpr size_t kMaxDescription = 3000;
constexpr double kMaxThreshold = 1000;    // percent

const char* const kTimeFields[] = {"fill_start", "fill_end", "city_review_end", "province_review_end"};

int64_t time_at(const ProjectTimes& t, int i) {
  switch (i) {
    case 0: return t.fill_start;
    case 1: return t.fill_end;
    case 2: return t.city_review_end;
    default: return t.province_review_end;
  }
}

std::string time_label(int i) { return "ivd.project.field." + std::string(kTimeFields[i]); }

Error field_error(const char* code, const char* field, std::vector<std::string> args = {}) {
  return make_error(ErrorKind::bad_request, code, field, std::move(args));
}

Status read_opt_string(const json& body, const char* field, size_t max_len, std::optional<std::string>& out) {
  if (!body.contains(field)) return ok_status();
  IVD_ASSIGN_OR_RETURN(auto s, body_string(body, field, /*required=*/false, max_len));
  out = std::move(s);
  return ok_status();
}

Result<std::vector<std::string>> load_provinces(Db& db, int64_t project_id) {
  IVD_ASSIGN_OR_RETURN(
      auto st,
      db.prepare("SELECT province_code FROM ivd_project_provinces WHERE project_id = ? ORDER BY province_code"));
  st.bind(1, project_id);
  std::vector<std::string> out;
  IVD_TRY(st.each([&](const Stmt& row) {
    out.push_back(row.col_text(0));
  }));
  return out;
}

Status check_fields(const Project& p) {
  if (p.name.empty()) return field_error("request.missing_field", "name", {"name"});
  if (p.year < 2000 || p.year > 2100) return field_error("ivd.project.bad_year", "year");
  if (!std::isfinite(p.threshold_percent) || p.threshold_percent < 0 || p.threshold_percent > kMaxThreshold)
    return field_error("ivd.project.bad_threshold", "threshold_percent", {"0", "1000"});
  if (p.provinces.empty()) return field_error("ivd.project.no_province", "provinces");
  return check_time_order(p.times);
}

Status check_provinces_exist(Db& db, const std::vector<std::string>& codes) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT 1 FROM regions WHERE code = ? AND level = 'province'"));
  for (const auto& c : codes) {
    st.reset();
    st.bind(1, c);
    IVD_ASSIGN_OR_RETURN(auto r, st.step());
    if (!r) return make_error(ErrorKind::unprocessable, "ivd.project.unknown_province", "provinces", {c});
  }
  return ok_status();
}

Status write_provinces(Db& db, int64_t project_id, const std::vector<std::string>& codes) {
  IVD_TRY([&]() -> Status {
    IVD_ASSIGN_OR_RETURN(auto del, db.prepare("DELETE FROM ivd_project_provinces WHERE project_id = ?"));
    del.bind(1, project_id);
    return del.run();
  }());
  IVD_ASSIGN_OR_RETURN(auto ins,
                       db.prepare("INSERT INTO ivd_project_provinces (project_id, province_code) VALUES (?,?)"));
  for (const auto& c : codes) {
    ins.bind(1, project_id).bind(2, c);
    IVD_TRY(ins.run());
  }
  return ok_status();
}

// Before the start a province may leave the project: its (still empty) sheets and report rows go too.
Status drop_province_rows(Db& db, int64_t project_id, const std::string& province) {
  for (const char* sql : {"DELETE FROM ivd_sheets WHERE project_id = ?1 AND province_code = ?2",
                          "DELETE FROM ivd_city_reviews WHERE project_id = ?1 AND province_code = ?2",
                          "DELETE FROM ivd_province_reviews WHERE project_id = ?1 AND province_code = ?2",
                          "DELETE FROM ivd_cert_totals WHERE project_id = ?1 AND province_code = ?2"}) {
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare(sql));
    st.bind(1, project_id).bind(2, province);
    IVD_TRY(st.run());
  }
  return ok_status();
}

std::vector<std::string> normalised(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

json project_event_snapshot(const Project& p) {
  return {{"name", p.name},
          {"year", p.year},
          {"threshold_percent", p.threshold_percent},
          {"fill_start", format_cst(p.times.fill_start)},
          {"fill_end", format_cst(p.times.fill_end)},
          {"city_review_end", format_cst(p.times.city_review_end)},
          {"province_review_end", format_cst(p.times.province_review_end)},
          {"provinces", p.provinces}};
}
}  // namespace

// ---- [SECTION] input and time rules --------------------------------------------------------------
Result<ProjectInput> project_input_from_json(const json& body) {
  ProjectInput in;
  IVD_TRY(read_opt_string(body, "name", kMaxName * 3, in.name));
  IVD_TRY(read_opt_string(body, "description", kMaxDescription, in.description));
  if (body.contains("year")) {
    IVD_ASSIGN_OR_RETURN(auto y, body_int(body, "year"));
    in.year = y;
  }
  if (auto it = body.find("threshold_percent"); it != body.end() && !it->is_null()) {
    if (!it->is_number()) return field_error("request.bad_field", "threshold_percent", {"threshold_percent"});
    in.threshold_percent = it->get<double>();
  }
  std::optional<int64_t>* slots[] = {&in.fill_start, &in.fill_end, &in.city_review_end, &in.province_review_end};
  for (int i = 0; i < 4; ++i) {
    if (!body.contains(kTimeFields[i]) || body[kTimeFields[i]].is_null()) continue;
    IVD_ASSIGN_OR_RETURN(auto t, body_time(body, kTimeFields[i]));
    *slots[i] = t;
  }
  if (auto it = body.find("provinces"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) return field_error("request.bad_field", "provinces", {"provinces"});
    std::vector<std::string> codes;
    for (const auto& c : *it) {
      if (!c.is_string()) return field_error("request.bad_field", "provinces", {"provinces"});
      codes.push_back(c.get<std::string>());
    }
    in.provinces = normalised(std::move(codes));
  }
  return in;
}

const char* project_status_at(const ProjectTimes& t, int64_t now) {
  if (now < t.fill_start) return project_status::not_started;
  if (now >= t.province_review_end) return project_status::ended;
  return project_status::running;
}

Status check_time_order(const ProjectTimes& t) {
  // 温馨提示: 填报开始时间 < 填报结束时间 < 市级审核截止时间 < 省级审核截止时间.
  for (int i = 0; i < 3; ++i) {
    if (time_at(t, i) >= time_at(t, i + 1)) {
      return ivd_label_error(ErrorKind::unprocessable, "ivd.project.time_order", kTimeFields[i + 1],
                             {time_label(i), time_label(i + 1)});
    }
  }
  return ok_status();
}

// ---- [SECTION] load and visibility ---------------------------------------------------------------
Result<Project> load_project(Db& db, int64_t project_id) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT id, name, year, description, threshold_percent, fill_start, fill_end, city_review_end, "
      "province_review_end, revision, created_at, updated_at FROM ivd_projects WHERE id = ?"));
  st.bind(1, project_id);
  IVD_ASSIGN_OR_RETURN(auto r, st.step());
  if (!r) return ivd_error(ErrorKind::not_found, "ivd.project.not_found");
  Project p;
  p.id = st.col_int(0);
  p.name = st.col_text(1);
  p.year = st.col_int(2);
  p.description = st.col_text(3);
  p.threshold_percent = st.col_double(4);
  p.times = {st.col_int(5), st.col_int(6), st.col_int(7), st.col_int(8)};
  p.revision = st.col_int(9);
  p.created_at = st.col_int(10);
  p.updated_at = st.col_int(11);
  IVD_ASSIGN_OR_RETURN(auto provinces, load_provinces(db, p.id));
  p.provinces = std::move(provinces);
  return p;
}

bool project_includes_province(const Project& p, std::string_view province_code) {
  return std::binary_search(p.provinces.begin(), p.provinces.end(), std::string(province_code));
}

Result<Project> load_visible_project(Db& db, const Actor& actor, int64_t project_id) {
  IVD_ASSIGN_OR_RETURN(auto p, load_project(db, project_id));
  if (actor.role == Role::super_admin) return p;
  if (!project_includes_province(p, province_of(actor.region_code)))
    return ivd_error(ErrorKind::not_found, "ivd.project.not_found");
  return p;
}

// ---- [SECTION] 新增 and 统一配置 -----------------------------------------------------------------------
Result<Project> create_project(Db& db, Services& svc, const Actor& actor, const ProjectInput& in) {
  IVD_TRY(check_project_config(actor));
  if (!in.name) return field_error("request.missing_field", "name", {"name"});
  if (!in.year) return field_error("request.missing_field", "year", {"year"});
  if (!in.threshold_percent) return field_error("request.missing_field", "threshold_percent", {"threshold_percent"});
  const std::optional<int64_t>* times[] = {&in.fill_start, &in.fill_end, &in.city_review_end, &in.province_review_end};
  for (int i = 0; i < 4; ++i)
    if (!*times[i]) return field_error("request.missing_field", kTimeFields[i], {kTimeFields[i]});
  if (!in.provinces) return field_error("ivd.project.no_province", "provinces");
  Project p;
  p.name = *in.name;
  p.year = *in.year;
  p.description = in.description.value_or("");
  p.threshold_percent = *in.threshold_percent;
  p.times = {*in.fill_start, *in.fill_end, *in.city_review_end, *in.province_review_end};
  p.provinces = *in.provinces;
  IVD_TRY(check_fields(p));
  const int64_t now = svc.clock.now();
  return transaction(db, [&]() -> Result<Project> {
    IVD_TRY(check_provinces_exist(db, p.provinces));
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
        "INSERT INTO ivd_projects (name, year, description, threshold_percent, fill_start, fill_end, "
        "city_review_end, province_review_end, revision, created_by, created_at, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,1,?,?,?)"));
    st.bind_all(p.name, p.year, p.description, p.threshold_percent, p.times.fill_start, p.times.fill_end,
                 p.times.city_review_end, p.times.province_review_end);
    if (actor.user_id > 0) st.bind(9, actor.user_id); else st.bind_null(9);
    st.bind(10, now).bind(11, now);
    IVD_TRY(st.run());
    p.id = db.last_insert_id();
    p.revision = 1;
    p.created_at = p.updated_at = now;
    IVD_TRY(write_provinces(db, p.id, p.provinces));
    IVD_TRY(ensure_project_rows(db, p.id, now, /*force=*/true));
    IVD_TRY(record_event(db, ivd_entity::project, std::to_string(p.id), "create", actor.user_id, now, "",
                         project_status_at(p.times, now), project_event_snapshot(p).dump()));
    return p;
  });
}

Result<Project> update_project(Db& db, Services& svc, const Actor& actor, int64_t project_id, int64_t revision,
                               const ProjectInput& in) {
  IVD_TRY(check_project_config(actor));
  const int64_t now = svc.clock.now();
  return transaction(db, [&]() -> Result<Project> {
    IVD_ASSIGN_OR_RETURN(auto cur, load_project(db, project_id));
    IVD_TRY(check_revision(revision, cur.revision));
    Project p = cur;
    if (in.name) p.name = *in.name;
    if (in.year) p.year = *in.year;
    if (in.description) p.description = *in.description;
    if (in.threshold_percent) p.threshold_percent = *in.threshold_percent;
    if (in.fill_start) p.times.fill_start = *in.fill_start;
    if (in.fill_end) p.times.fill_end = *in.fill_end;
    if (in.city_review_end) p.times.city_review_end = *in.city_review_end;
    if (in.province_review_end) p.times.province_review_end = *in.province_review_end;
    if (in.provinces) p.provinces = *in.provinces;
    IVD_TRY(check_fields(p));

    const char* status = project_status_at(cur.times, now);
    const bool started = std::string_view(status) != project_status::not_started;
    // IVD manual 报量项目配置 4 注2: 状态是“执行中”或“已结束”的项目，“需求量阈值”不可以修改.
    if (started && p.threshold_percent != cur.threshold_percent)
      return make_error(ErrorKind::unprocessable, "ivd.project.threshold_locked", "threshold_percent");
    // SPEC §2.1: times can change, but not be moved into the past for a phase that already ended.
    for (int i = 0; i < 4; ++i) {
      const int64_t before = time_at(cur.times, i), after = time_at(p.times, i);
      if (before == after) continue;
      if (i == 0 && before <= now)  // filling already began: moving its start would rewrite history
        return make_error(ErrorKind::unprocessable, "ivd.project.start_locked", kTimeFields[0]);
      if (after <= now)
        return ivd_label_error(ErrorKind::unprocessable, "ivd.project.time_in_past", kTimeFields[i], {time_label(i)});
    }
    std::vector<std::string> removed;
    std::set_difference(cur.provinces.begin(), cur.provinces.end(), p.provinces.begin(), p.provinces.end(),
                        std::back_inserter(removed));
    if (!removed.empty() && started)
      return make_error(ErrorKind::unprocessable, "ivd.project.province_locked", "provinces", {removed.front()});
    IVD_TRY(check_provinces_exist(db, p.provinces));

    IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
        "UPDATE ivd_projects SET name = ?, year = ?, description = ?, threshold_percent = ?, fill_start = ?, "
        "fill_end = ?, city_review_end = ?, province_review_end = ?, revision = revision + 1, updated_at = ? "
        "WHERE id = ? AND revision = ?"));
    st.bind_all(p.name, p.year, p.description, p.threshold_percent, p.times.fill_start, p.times.fill_end,
                 p.times.city_review_end, p.times.province_review_end, now, p.id, revision);
    IVD_TRY(st.run());
    if (db.changes() != 1) return check_revision(revision, -1).error();
    for (const auto& code : removed) IVD_TRY(drop_province_rows(db, p.id, code));
    IVD_TRY(write_provinces(db, p.id, p.provinces));
    IVD_TRY(ensure_project_rows(db, p.id, now, /*force=*/true));
    IVD_TRY(record_event(db, ivd_entity::project, std::to_string(p.id), "configure", actor.user_id, now, status,
                         project_status_at(p.times, now), project_event_snapshot(p).dump()));
    p.revision = cur.revision + 1;
    p.updated_at = now;
    return p;
  });
}

// ---- [SECTION] 查询 --------------------------------------------------------------------------------
Result<ProjectList> list_projects(Db& db, const Actor& actor, int64_t now, const ProjectFilter& f, const Page& page) {
  std::string where = " WHERE 1=1";
  if (!f.name.empty()) where += " AND p.name LIKE ?1 ESCAPE '\\'";
  if (f.year) where += " AND p.year = ?2";
  if (f.status == project_status::not_started) where += " AND p.fill_start > ?3";
  else if (f.status == project_status::running) where += " AND p.fill_start <= ?3 AND p.province_review_end > ?3";
  else if (f.status == project_status::ended) where += " AND p.province_review_end <= ?3";
  else if (!f.status.empty()) return field_error("request.bad_field", "status", {"status"});
  if (actor.role != Role::super_admin)
    where += " AND EXISTS (SELECT 1 FROM ivd_project_provinces pp WHERE pp.project_id = p.id AND pp.province_code = ?4)";
  auto bind = [&](Stmt& st) {
    if (!f.name.empty()) st.bind(1, like_pattern(f.name));
    if (f.year) st.bind(2, *f.year);
    if (!f.status.empty()) st.bind(3, now);
    if (actor.role != Role::super_admin) st.bind(4, province_of(actor.region_code));
  };
  ProjectList out;
  IVD_ASSIGN_OR_RETURN(auto count, db.prepare("SELECT count(*) FROM ivd_projects p" + where));
  bind(count);
  if (auto r = count.step(); !r) return r.error();
  out.total = count.col_int(0);
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT p.id FROM ivd_projects p" + where +
                                           " ORDER BY p.year DESC, p.id DESC LIMIT ?5 OFFSET ?6"));
  bind(st);
  st.bind(5, page.page_size).bind(6, page.offset());
  std::vector<int64_t> ids;
  IVD_TRY(st.each([&](const Stmt& row) {
    ids.push_back(row.col_int(0));
  }));
  for (int64_t id : ids) {
    IVD_ASSIGN_OR_RETURN(auto p, load_project(db, id));
    out.items.push_back(std::move(p));
  }
  return out;
}

// ---- [SECTION] the wire type ---------------------------------------------------------------------
void to_json(json& j, const ProjectOnWire& w) {
  const Project& p = w.project;
  j = {{"id", p.id},
       {"name", p.name},
       {"year", p.year},
       {"description", p.description},
       {"threshold_percent", p.threshold_percent},
       {"provinces", p.provinces},
       {"status", w.status},
       // SPEC §2.1: the threshold cannot change once 执行中 or 已结束.
       {"threshold_editable", w.threshold_editable()},
       {"revision", p.revision},
       {"created_at", p.created_at},
       {"updated_at", p.updated_at}};
  for (int i = 0; i < 4; ++i) {
    j[kTimeFields[i]] = time_at(p.times, i);
    j[std::string(kTimeFields[i]) + "_text"] = format_cst(time_at(p.times, i));
  }
}

void from_json(const json& j, ProjectOnWire& w) {
  Project& p = w.project;
  j.at("id").get_to(p.id);
  j.at("name").get_to(p.name);
  j.at("year").get_to(p.year);
  j.at("description").get_to(p.description);
  j.at("threshold_percent").get_to(p.threshold_percent);
  j.at("provinces").get_to(p.provinces);
  j.at("status").get_to(w.status);
  j.at("revision").get_to(p.revision);
  j.at("created_at").get_to(p.created_at);
  j.at("updated_at").get_to(p.updated_at);
  j.at("fill_start").get_to(p.times.fill_start);
  j.at("fill_end").get_to(p.times.fill_end);
  j.at("city_review_end").get_to(p.times.city_review_end);
  j.at("province_review_end").get_to(p.times.province_review_end);
}

json project_to_json(const Project& p, int64_t now) { return ProjectOnWire{p, project_status_at(p.times, now)}; }

}  // namespace ivd
