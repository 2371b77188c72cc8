#pragma once
// 首页 (SPEC §2, issue: 首页 says what is due): the running projects of the actor's province with
// their phase and the days left in it, and per project what the actor must act on, each with the
// screen (menu and view parameters) that acts on it. One route: GET /ivd/home.
//
//   hospital        its own sheet: to fill (未填报 / 暂存 while 填报中), to fix (审核不通过, with the
//                   reason), or its status
//   city / 省本级    sheets of its own region to review (已提交), and its report when the province
//                   rejected it (with the reason)
//   province        cities of its province to review (已提交), and its report when the nation
//                   withdrew it (with the reason)
//   super admin     provinces that submitted
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/api/actor.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"
#include "core/ivd/project.hpp"
#include "core/store/db.hpp"

namespace ivd {

namespace project_phase {  // labels: i18n ivd.project_phase.<id>
inline constexpr const char* not_started = "not_started";          // 未开始
inline constexpr const char* filling = "filling";                  // 填报中 (fill_start .. fill_end)
inline constexpr const char* city_review = "city_review";          // 市级审核中 (.. city_review_end)
inline constexpr const char* province_review = "province_review";  // 省级审核中 (.. province_review_end)
inline constexpr const char* ended = "ended";                      // 已结束
}  // namespace project_phase

struct PhaseAt {
  std::string phase;      // project_phase id
  int64_t phase_end = 0;  // when it ends (not_started: when filling starts); 0 when ended
  int64_t days_left = 0;  // whole days to phase_end, rounded up (a started day counts); 0 when ended
  friend bool operator==(const PhaseAt&, const PhaseAt&) = default;
};
PhaseAt project_phase_at(const ProjectTimes& t, int64_t now);

namespace home_task {  // labels: i18n ivd.home.task.<id> with {0} = count
inline constexpr const char* fill_sheet = "fill_sheet";                  // hospital: 未填报 / 暂存 while filling
inline constexpr const char* fix_sheet = "fix_sheet";                    // hospital: 审核不通过, fix and resubmit
inline constexpr const char* sheet_status = "sheet_status";              // hospital: nothing to do, its status
inline constexpr const char* review_sheets = "review_sheets";            // city: sheets 已提交
inline constexpr const char* city_rejected = "city_rejected";            // city: its report 上级审核不通过
inline constexpr const char* review_cities = "review_cities";            // province: cities 已提交
inline constexpr const char* province_withdrawn = "province_withdrawn";  // province: withdrawn by the nation
inline constexpr const char* provinces_submitted = "provinces_submitted";  // super admin
}  // namespace home_task

struct HomeTask {
  std::string kind;          // home_task id
  int64_t count = 0;         // how many (1 for a sheet or a report)
  bool due = false;          // the actor must act (shown highlighted)
  std::string status_label;  // i18n id of the status of the one record it is about ("" = a count), e.g. ivd.sheet_status.rejected
  std::string reason;        // reject / withdraw reason, as the reviewer wrote it
  std::string menu;          // the screen that acts on it
  std::map<std::string, std::string> params;  // its view parameters (view, project)
  friend bool operator==(const HomeTask&, const HomeTask&) = default;
};

struct HomeProject {
  int64_t id = 0;
  std::string name;
  int64_t year = 0;
  PhaseAt phase;
  std::vector<HomeTask> tasks;
  friend bool operator==(const HomeProject&, const HomeProject&) = default;
};

// The answer of GET /ivd/home: {projects: [{id, name, year, phase, phase_end, phase_end_text, days_left,
// tasks: [{kind, count, due, status_label, reason, menu, params}]}]}.
struct HomeSummary {
  std::vector<HomeProject> projects;
  friend bool operator==(const HomeSummary&, const HomeSummary&) = default;
};
void to_json(nlohmann::json& j, const HomeTask& t);
void from_json(const nlohmann::json& j, HomeTask& t);
void to_json(nlohmann::json& j, const HomeProject& p);
void from_json(const nlohmann::json& j, HomeProject& p);
void to_json(nlohmann::json& j, const HomeSummary& s);
void from_json(const nlohmann::json& j, HomeSummary& s);

// The running projects (执行中) the actor takes part in, newest first, with its tasks. An actor
// without an IVD menu gets no projects (not an error: 首页 is everyone's).
Result<HomeSummary> home_summary(Db& db, Services& svc, const Actor& actor);

}  // namespace ivd
