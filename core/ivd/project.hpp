#pragma once
// 报量项目 (SPEC §2.1, IVD manual 报量项目配置): name, year, description, participating provinces,
// 需求量阈值 and the time configuration. Created and changed (统一配置) by the super admin; its status
// (未开始 / 执行中 / 已结束) is derived from the clock, never stored.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/api/actor.hpp"
#include "core/store/db.hpp"
#include "core/ivd/common.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"

namespace ivd {

struct ProjectTimes {
  int64_t fill_start = 0;           // 填报开始时间: hospitals may fill from here
  int64_t fill_end = 0;             // 填报结束时间
  int64_t city_review_end = 0;      // 市级审核截止时间 (also the end of re-filling after 审核不通过)
  int64_t province_review_end = 0;  // 省级审核截止时间: the project is 已结束 from here
  friend bool operator==(const ProjectTimes&, const ProjectTimes&) = default;
};

struct Project {
  int64_t id = 0;
  std::string name;
  int64_t year = 0;
  std::string description;
  double threshold_percent = 0;  // 需求量阈值, percent
  ProjectTimes times;
  std::vector<std::string> provinces;  // participating province codes, sorted
  int64_t revision = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  friend bool operator==(const Project&, const Project&) = default;
};

// The project on the wire (docs/api-ivd.md Project): its fields, the four times with *_text (CST, which
// from_json ignores), the status at the time of the answer and threshold_editable (derived from it).
struct ProjectOnWire {
  Project project;
  std::string status;  // project_status id
  // 需求量阈值 may change only while 未开始 (IVD manual 报量项目配置 4 注2).
  bool threshold_editable() const { return status == project_status::not_started; }
  friend bool operator==(const ProjectOnWire&, const ProjectOnWire&) = default;
};
void to_json(nlohmann::json& j, const ProjectOnWire& w);
void from_json(const nlohmann::json& j, ProjectOnWire& w);

// The fields of 新增 / 统一配置. For an update, absent fields keep their current value.
struct ProjectInput {
  std::optional<std::string> name;
  std::optional<int64_t> year;
  std::optional<std::string> description;
  std::optional<double> threshold_percent;
  std::optional<int64_t> fill_start, fill_end, city_review_end, province_review_end;
  std::optional<std::vector<std::string>> provinces;
};

// Body: {name, year, description, threshold_percent, fill_start, fill_end, city_review_end,
// province_review_end (unix seconds or "YYYY-MM-DD HH:MM[:SS]" CST), provinces: ["340000", ...]}.
Result<ProjectInput> project_input_from_json(const nlohmann::json& body);

// 未开始 before fill_start, 已结束 from province_review_end on, 执行中 in between (SPEC §2.1).
const char* project_status_at(const ProjectTimes& t, int64_t now);

// The times must increase (温馨提示): fill_start < fill_end < city_review_end < province_review_end.
// 422 ivd.project.time_order with field = the later time of the first bad pair and both labels as
// arguments.
Status check_time_order(const ProjectTimes& t);

// Both need the super admin with 报量项目配置 (ivd.config). Every participating province gets its
// report rows and every hospital there its (未填报) sheet.
// create errors: field checks (400), ivd.project.time_order, ivd.project.unknown_province.
Result<Project> create_project(Db& db, Services& svc, const Actor& actor, const ProjectInput& in);
// 统一配置 (IVD manual 报量项目配置 4 注2; SPEC §2.1): the threshold is locked once 执行中 or 已结束
// (ivd.project.threshold_locked); times may change but a changed time must lie in the future
// (ivd.project.time_in_past) and fill_start cannot move once filling began (ivd.project.start_locked);
// provinces may be added at any time but removed only before the start (ivd.project.province_locked).
// Guarded by revision (revision.stale).
Result<Project> update_project(Db& db, Services& svc, const Actor& actor, int64_t project_id, int64_t revision,
                               const ProjectInput& in);

// 404 ivd.project.not_found.
Result<Project> load_project(Db& db, int64_t project_id);
// A participant may read the project: the super admin always, others when their province takes part.
// 404 ivd.project.not_found otherwise (not revealing other provinces' projects).
Result<Project> load_visible_project(Db& db, const Actor& actor, int64_t project_id);
bool project_includes_province(const Project& p, std::string_view province_code);

struct ProjectFilter {
  std::string name;    // part of the name
  std::optional<int64_t> year;
  std::string status;  // project_status id or ""
};
struct ProjectList {
  int64_t total = 0;
  std::vector<Project> items;
};
// Newest first. Non-super actors see only projects their province takes part in.
Result<ProjectList> list_projects(Db& db, const Actor& actor, int64_t now, const ProjectFilter& f, const Page& page);

nlohmann::json project_to_json(const Project& p, int64_t now);

}  // namespace ivd
