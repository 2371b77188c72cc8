// The 导出列表 jobs of core/exports: kinds and who may start them, owner-only access (another user of
// the same province gets exactly the refusal of a missing id), the runner's steps, statuses with their
// labels and tones, retention and the routes over the dispatcher.
#include <catch_amalgamated.hpp>

#include "core/api/dispatcher.hpp"
#include "core/base/i18n.hpp"
#include "core/exports/export_jobs.hpp"
#include "core/exports/export_kinds.hpp"
#include "core/exports/export_routes.hpp"
#include "tests/unit/fakes.hpp"

using namespace ivd;
using nlohmann::json;

namespace {

// Users 1..3: the national admin, and two admins of the same province (安徽, 340000).
struct ExportsEnv : TestEnv {
  ExportsEnv() {
    for (int i = 1; i <= 3; ++i) {
      auto st = db.prepare("INSERT INTO users (id, username, user_type, password_hash, created_at, updated_at) "
                           "VALUES (?, ?, 'admin', 'x', 0, 0)");
      REQUIRE(st.ok());
      REQUIRE(st->bind_all(i, "user" + std::to_string(i)).run().ok());
    }
  }
  static Actor national() {
    Actor a;
    a.user_id = 1;
    a.role = Role::super_admin;
    a.menus = {menu::ivd_national, menu::exports, menu::users};
    return a;
  }
  static Actor province(int64_t id) {
    Actor a;
    a.user_id = id;
    a.role = Role::province_admin;
    a.region_code = "340000";
    a.menus = {menu::ivd_review, menu::supply_view, menu::exports};
    return a;
  }
  ExportJob start(const Actor& a, const char* kind, json params, std::string title = {}) {
    auto j = start_export(db, a, kind, params, title, clock.now());
    INFO((j.ok() ? std::string() : j.error().code));
    REQUIRE(j.ok());
    return *j;
  }
};

}  // namespace

TEST_CASE("every export kind has a label in both languages and a known menu", "[exports]") {
  REQUIRE_FALSE(export_kinds().empty());
  for (const auto& k : export_kinds()) {
    CHECK(has_text(Lang::zh, export_kind_label_id(k.id)));
    CHECK(has_text(Lang::en, export_kind_label_id(k.id)));
    CHECK(find_export_kind(k.id) == &k);
  }
  CHECK(find_export_kind("no.such.kind") == nullptr);
  for (const char* s : {export_status::running, export_status::done, export_status::failed}) {
    CHECK(has_text(Lang::zh, export_status_label_id(s)));
    CHECK(has_text(Lang::en, export_status_label_id(s)));
  }
  CHECK(tr(Lang::zh, export_status_label_id(export_status::running)) == "生成中");
  CHECK(tr(Lang::zh, export_status_label_id(export_status::done)) == "已完成");
  CHECK(tr(Lang::zh, export_status_label_id(export_status::failed)) == "失败");
  CHECK(export_status_tone(export_status::running) == StatusTone::progress);
  CHECK(export_status_tone(export_status::done) == StatusTone::ok);
  CHECK(export_status_tone(export_status::failed) == StatusTone::bad);
}

TEST_CASE("a kind is started only by a holder of its menu and of the 导出列表, with its parameters", "[exports]") {
  const Actor nat = ExportsEnv::national(), prov = ExportsEnv::province(2);
  CHECK(check_export_start(nat, export_kind::ivd_national_csv, {{"project_id", 1}}).ok());
  auto no_menu = check_export_start(prov, export_kind::ivd_national_csv, {{"project_id", 1}});
  REQUIRE_FALSE(no_menu.ok());
  CHECK(no_menu.error().code == "auth.menu_not_granted");
  CHECK(no_menu.error().kind == ErrorKind::forbidden);

  Actor no_list = nat;
  no_list.menus.erase(menu::exports);
  CHECK(check_export_start(no_list, export_kind::ivd_national_csv, {{"project_id", 1}}).error().code ==
        "auth.menu_not_granted");
  CHECK(startable_export_kinds(no_list).empty());

  auto missing = check_export_start(nat, export_kind::ivd_national_csv, json::object());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().field == "project_id");
  CHECK(check_export_start(nat, export_kind::ivd_national_csv, {{"project_id", "1"}}).error().field == "project_id");
  CHECK(check_export_start(prov, export_kind::ivd_province_pdf, {{"project_id", 1}}).error().field == "province");
  CHECK(check_export_start(prov, export_kind::ivd_province_pdf, {{"project_id", 1}, {"province", "340000"}}).ok());
  CHECK(check_export_start(nat, "no.such", json::object()).error().code == "exports.kind.unknown");
  CHECK(check_export_start(prov, export_kind::supply_feedback_csv, {{"status", "draft"}}).ok());
  CHECK(check_export_start(prov, export_kind::supply_feedback_csv, {{"status", json::array()}}).error().field ==
        "status");

  const auto kinds = startable_export_kinds(prov);
  CHECK(std::find(kinds.begin(), kinds.end(), export_kind::supply_feedback_csv) != kinds.end());
  CHECK(std::find(kinds.begin(), kinds.end(), export_kind::ivd_national_csv) == kinds.end());
}

TEST_CASE("a job is its owner's alone: another admin of the same province gets the refusal of a missing id",
          "[exports][scope]") {
  ExportsEnv env;
  const Actor owner = ExportsEnv::province(2), neighbour = ExportsEnv::province(3);
  auto job = env.start(owner, export_kind::supply_feedback_csv, json::object(), "安徽省");
  CHECK(job.status == export_status::running);
  CHECK(job.progress == 0);
  CHECK(export_job_name(job, Lang::zh) == "中选药品供应问题反馈导出（CSV）（安徽省）");

  auto theirs = own_export(env.db, neighbour, job.id);
  auto missing = own_export(env.db, neighbour, job.id + 100);
  REQUIRE_FALSE(theirs.ok());
  REQUIRE_FALSE(missing.ok());
  CHECK(theirs.error().code == "exports.job.not_found");
  CHECK(error_to_json(theirs.error()) == error_to_json(missing.error()));
  CHECK(own_export_file(env.db, neighbour, job.id).error().code == "exports.job.not_found");
  CHECK(delete_export(env.db, neighbour, job.id).error().code == "exports.job.not_found");
  CHECK(list_exports(env.db, neighbour, Page{})->total == 0);
  CHECK(own_export(env.db, owner, job.id).ok());  // untouched by the refusals
}

TEST_CASE("the runner claims, reports progress and finishes; the file is downloadable only once done", "[exports]") {
  ExportsEnv env;
  const Actor owner = ExportsEnv::national();
  auto job = env.start(owner, export_kind::ivd_national_csv, {{"project_id", 7}});
  CHECK(own_export_file(env.db, owner, job.id).error().code == "exports.job.not_ready");

  auto claimed = claim_next_export(env.db, env.clock.now());
  REQUIRE(claimed.ok());
  REQUIRE(claimed->has_value());
  CHECK((*claimed)->id == job.id);
  CHECK((*claimed)->owner_id == 1);
  CHECK((*claimed)->params.at("project_id") == 7);
  CHECK_FALSE(claim_next_export(env.db, env.clock.now())->has_value());  // nobody claims it twice

  REQUIRE(set_export_progress(env.db, job.id, 40).ok());
  CHECK(own_export(env.db, owner, job.id)->progress == 40);
  env.clock.advance(3);
  auto done = finish_export(env.db, job.id, {"1-abc.csv", "项目_全国汇总数据.csv", "text/csv", 1234}, env.clock.now());
  REQUIRE(done.ok());
  CHECK(*done);
  auto after = own_export(env.db, owner, job.id);
  CHECK(after->status == export_status::done);
  CHECK(after->progress == 100);
  CHECK(after->file_name == "项目_全国汇总数据.csv");
  CHECK(after->finished_at == env.clock.now());
  auto file = own_export_file(env.db, owner, job.id);
  REQUIRE(file.ok());
  CHECK(file->key == "1-abc.csv");
  CHECK(file->size == 1234);
  CHECK(*export_file_in_use(env.db, "1-abc.csv"));
  CHECK_FALSE(*export_file_in_use(env.db, "2-abc.csv"));
  // Finished jobs stay finished.
  REQUIRE(fail_export(env.db, job.id, make_error(ErrorKind::internal, "exports.write_failed"), env.clock.now()).ok());
  CHECK(own_export(env.db, owner, job.id)->status == export_status::done);
}

TEST_CASE("a failed job shows 失败 with its reason in both languages and has no file", "[exports]") {
  ExportsEnv env;
  const Actor owner = ExportsEnv::national();
  auto job = env.start(owner, export_kind::ivd_national_csv, {{"project_id", 7}});
  REQUIRE(claim_next_export(env.db, env.clock.now())->has_value());
  REQUIRE(fail_export(env.db, job.id, make_error(ErrorKind::not_found, "exports.kind.unavailable"), env.clock.now()).ok());
  auto after = own_export(env.db, owner, job.id);
  CHECK(after->status == export_status::failed);
  CHECK(after->error_code == "exports.kind.unavailable");
  CHECK(after->error_zh == tr(Lang::zh, "exports.kind.unavailable"));
  CHECK(after->error_en == tr(Lang::en, "exports.kind.unavailable"));
  CHECK(own_export_file(env.db, owner, job.id).error().code == "exports.job.not_ready");
  // A job deleted while running: the runner learns it when finishing.
  auto second = env.start(owner, export_kind::ivd_national_csv, {{"project_id", 7}});
  REQUIRE(claim_next_export(env.db, env.clock.now())->has_value());
  REQUIRE(delete_export(env.db, owner, second.id).ok());
  CHECK_FALSE(*finish_export(env.db, second.id, {"k", "n", "t", 1}, env.clock.now()));
}

TEST_CASE("jobs a stopped runner left behind become 失败 at the next start; unclaimed ones wait", "[exports]") {
  ExportsEnv env;
  const Actor owner = ExportsEnv::national();
  auto first = env.start(owner, export_kind::ivd_national_csv, {{"project_id", 7}});
  auto second = env.start(owner, export_kind::ivd_national_csv, {{"project_id", 8}});
  REQUIRE(claim_next_export(env.db, env.clock.now())->has_value());
  CHECK(*fail_interrupted_exports(env.db, env.clock.now()) == 1);
  CHECK(own_export(env.db, owner, first.id)->error_code == "exports.interrupted");
  CHECK(own_export(env.db, owner, second.id)->status == export_status::running);
  CHECK((*claim_next_export(env.db, env.clock.now()))->id == second.id);
}

TEST_CASE("retention: 7 days by default, configurable, the sweep removes older jobs", "[exports][retention]") {
  ExportsEnv env;
  CHECK(*export_retention_days(env.db) == 7);
  const Actor owner = ExportsEnv::national();
  auto old = env.start(owner, export_kind::ivd_national_csv, {{"project_id", 7}});
  CHECK(old.expires_at == old.created_at + 7 * 86400);
  env.clock.advance(2 * 86400);
  auto recent = env.start(owner, export_kind::ivd_national_csv, {{"project_id", 7}});
  env.clock.advance(5 * 86400 - 1);
  CHECK(*sweep_expired_exports(env.db, env.clock.now()) == 0);
  env.clock.advance(1);
  CHECK(*sweep_expired_exports(env.db, env.clock.now()) == 1);
  CHECK_FALSE(own_export(env.db, owner, old.id).ok());
  CHECK(own_export(env.db, owner, recent.id).ok());

  CHECK(set_export_retention_days(env.db, 0).error().code == "exports.retention.range");
  CHECK(set_export_retention_days(env.db, 366).error().code == "exports.retention.range");
  REQUIRE(set_export_retention_days(env.db, 1).ok());
  CHECK(*export_retention_days(env.db) == 1);
  CHECK(own_export(env.db, owner, recent.id)->expires_at == recent.created_at + 86400);
  CHECK(*sweep_expired_exports(env.db, env.clock.now()) == 1);
  CHECK(list_exports(env.db, owner, Page{})->total == 0);
}

TEST_CASE("ExportJob travels as JSON and back unchanged", "[exports][wire]") {
  ExportJob j;
  j.id = 5;
  j.kind = export_kind::ivd_national_csv;
  j.title = "2026 年";
  j.params = {{"project_id", 3}};
  j.status = export_status::failed;
  j.progress = 30;
  j.created_at = 100;
  j.created_at_text = "x";
  j.finished_at = 200;
  j.expires_at = 300;
  j.expires_at_text = "y";
  j.error_code = "exports.write_failed";
  j.error_zh = "写入失败";
  j.error_en = "write failed";
  CHECK(json(j).get<ExportJob>() == j);
  ExportJob empty;
  CHECK(json(empty).get<ExportJob>() == empty);
  CHECK(json::object().get<ExportJob>().status.empty());  // tolerant of missing fields
}

TEST_CASE("the routes list, start, read, refuse and delete the caller's own jobs", "[exports][api]") {
  ExportsEnv env;
  Api api{env.db, env.services};
  register_export_routes(api);
  api.set_session_resolver([](Db&, Services&, const std::string& token) -> Result<Actor> {
    if (token == "nat") return ExportsEnv::national();
    if (token == "p2") return ExportsEnv::province(2);
    if (token == "p3") return ExportsEnv::province(3);
    return make_error(ErrorKind::unauthorized, "auth.not_logged_in");
  });
  auto call = [&](std::string method, std::string path, json body, std::string token) {
    return api.handle({method, path, body.is_null() ? "" : body.dump(), {}, token});
  };
  auto started = call("POST", "/exports", {{"kind", export_kind::supply_feedback_csv}, {"title", "安徽省"}}, "p2");
  REQUIRE(started.status == 200);
  const int64_t id = started.body.at("id");
  CHECK(started.body.at("status") == "running");

  auto refused = call("POST", "/exports", {{"kind", export_kind::ivd_national_csv}, {"params", {{"project_id", 1}}}}, "p2");
  CHECK(refused.status == 403);
  CHECK(call("POST", "/exports", {{"kind", "x"}}, "p2").body.at("code") == "exports.kind.unknown");

  auto list = call("GET", "/exports", nullptr, "p2");
  CHECK(list.body.at("total") == 1);
  CHECK(list.body.at("running") == 1);
  CHECK(list.body.at("items")[0].at("id") == id);
  CHECK(call("GET", "/exports", nullptr, "p3").body.at("total") == 0);

  const std::string path = "/exports/" + std::to_string(id);
  auto other = call("GET", path, nullptr, "p3");
  auto none = call("GET", "/exports/99999", nullptr, "p3");
  auto junk = call("GET", "/exports/abc", nullptr, "p3");
  CHECK(other.status == 404);
  CHECK(other.body == none.body);
  CHECK(other.body == junk.body);
  CHECK(call("GET", path + "/file", nullptr, "p3").body == none.body);
  CHECK(call("DELETE", path, nullptr, "p3").body == none.body);
  CHECK(call("GET", path + "/file", nullptr, "p2").status == 409);
  CHECK(call("DELETE", path, nullptr, "p2").status == 200);
  CHECK(call("GET", path, nullptr, "p2").status == 404);
}
