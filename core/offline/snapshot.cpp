#include "core/offline/snapshot.hpp"

#include <array>
#include <string_view>

#include "core/api/dispatcher.hpp"
#include "core/base/base64.hpp"
#include "core/ivd/common.hpp"
#include "core/store/schema.hpp"
#include "core/supply/feedback_flow.hpp"

namespace ivd {
namespace {

// The hospital's region and every region above it (city, province), as a table `up(code)`.
constexpr std::string_view kUp =
    "WITH RECURSIVE params(h, u, es, ef) AS (SELECT ?1, ?2, ?3, ?4), "  // every statement takes all four
    "up(code) AS (SELECT region_code FROM src.institutions WHERE id = ?1 "
    "UNION SELECT r.parent_code FROM src.regions r JOIN up ON r.code = up.code WHERE r.parent_code IS NOT NULL) ";
// The projects of the hospital's province (and those it already has a sheet in).
constexpr std::string_view kProjects =
    "(SELECT project_id FROM src.ivd_project_provinces WHERE province_code IN (SELECT code FROM up) "
    "UNION SELECT project_id FROM src.ivd_sheets WHERE hospital_id = ?1)";
constexpr std::string_view kSheets = "(SELECT id FROM src.ivd_sheets WHERE hospital_id = ?1)";
constexpr std::string_view kFeedback = "(SELECT id FROM src.supply_feedback WHERE hospital_id = ?1)";
constexpr std::string_view kEvents =
    "((entity = ?3 AND entity_id IN (SELECT CAST(id AS TEXT) FROM src.ivd_sheets WHERE hospital_id = ?1)) "
    "OR (entity = ?4 AND entity_id IN (SELECT CAST(id AS TEXT) FROM src.supply_feedback WHERE hospital_id = ?1)))";

struct TableScope {
  const char* table;
  std::string where;  // ?1 hospital id, ?2 user id, ?3 ivd sheet entity, ?4 supply feedback entity
};

std::vector<TableScope> scopes() {
  const std::string projects(kProjects), sheets(kSheets), feedback(kFeedback);
  // Its uploads and every file its sheets and feedback name (a 约谈记录 the city uploaded).
  const std::string files =
      "(SELECT id FROM src.files WHERE institution_id = ?1 OR uploaded_by = ?2 "
      "UNION SELECT file_id FROM src.supply_feedback_files WHERE feedback_id IN " + feedback +
      " UNION SELECT interview_file_id FROM src.supply_feedback WHERE hospital_id = ?1 "
      "UNION SELECT file_id FROM src.ivd_sheet_cert_docs WHERE sheet_id IN " + sheets +
      " UNION SELECT commitment_file_id FROM src.ivd_sheets WHERE hospital_id = ?1 "
      "UNION SELECT demand_file_id FROM src.ivd_sheets WHERE hospital_id = ?1)";
  return {
      {"regions", "1"},
      {"institutions", "id = ?1 OR kind IN ('manufacturer', 'agent')"},
      // The user, and those its rows name (who reviewed its sheet, created a project, uploaded a file):
      // their names only, see kForget.
      {"users", "id = ?2 OR id IN (SELECT actor_id FROM src.events WHERE " + std::string(kEvents) +
                    ") OR id IN (SELECT created_by FROM src.ivd_projects WHERE id IN " + projects +
                    ") OR id IN (SELECT uploaded_by FROM src.files WHERE id IN " + files + ")"},
      {"user_menus", "user_id = ?2"},
      {"app_settings", "1"},
      {"calendar_years", "1"},
      {"calendar_days", "1"},
      {"files", "id IN " + files},
      {"ivd_projects", "id IN " + projects},
      {"ivd_project_provinces", "project_id IN " + projects},
      {"ivd_catalog", "project_id IN " + projects},
      {"ivd_sheets", "hospital_id = ?1"},
      {"ivd_sheet_lines", "sheet_id IN " + sheets},
      {"ivd_sheet_cert_docs", "sheet_id IN " + sheets},
      {"supply_products", "1"},
      {"supply_feedback", "hospital_id = ?1"},
      {"supply_feedback_files", "feedback_id IN " + feedback},
      {"events", std::string(kEvents)},
  };
}

// What the browser never keeps of a user: any password hash (the offline unlock has its own salted
// verifier), and the phone of anyone else.
constexpr std::string_view kForget = "UPDATE main.users SET password_hash = '', phone = CASE WHEN id = ?2 THEN phone ELSE '' END";

// The file behind a connection's main database; "" for an in-memory one.
Result<std::string> file_of(Db& db) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT file FROM pragma_database_list WHERE name = 'main'"));
  IVD_ASSIGN_OR_RETURN(bool row, st.step());
  return row ? st.col_text(0) : std::string();
}

}  // namespace

bool may_work_offline(const Actor& actor) { return actor.role == Role::hospital && actor.institution_id.has_value(); }

Result<std::string> extract_hospital_scope(Db& db, const Actor& hospital) {
  if (!may_work_offline(hospital)) return make_error(ErrorKind::forbidden, "offline.hospital_only");
  IVD_ASSIGN_OR_RETURN(const std::string file, file_of(db));
  if (file.empty()) return internal_error("offline snapshot: the database is not a file");
  IVD_ASSIGN_OR_RETURN(const int version, schema_version(db));

  // A fresh database of the same schema; the rows come from the source file attached read-only beside
  // it. Rows may point outside the scope (the admin who created a project): foreign keys are not
  // checked while copying.
  IVD_ASSIGN_OR_RETURN(Db out, Db::open(":memory:"));
  IVD_TRY(migrate(out));
  IVD_ASSIGN_OR_RETURN(const int out_version, schema_version(out));
  if (out_version != version) return internal_error("offline snapshot: schema version differs");
  IVD_TRY(out.exec("PRAGMA foreign_keys = OFF"));
  {
    IVD_ASSIGN_OR_RETURN(auto attach, out.prepare("ATTACH DATABASE ?1 AS src"));
    attach.bind(1, std::string_view(file));
    IVD_TRY(attach.step());
  }
  Status copied = out.exec("BEGIN");
  for (const TableScope& t : scopes()) {
    if (!copied.ok()) break;
    const std::string sql = std::string(kUp) + "INSERT INTO main." + t.table + " SELECT * FROM src." + t.table +
                            " WHERE " + t.where;
    auto st = out.prepare(sql);
    if (!st.ok()) {
      copied = st.error();
      break;
    }
    st->bind(1, *hospital.institution_id).bind(2, hospital.user_id);
    st->bind(3, std::string_view(ivd_entity::sheet)).bind(4, std::string_view(kFeedbackEntity));
    auto r = st->step();
    if (!r.ok()) copied = r.error();
  }
  if (copied.ok()) {
    auto forget = out.prepare(kForget);
    if (forget.ok()) {
      forget->bind(2, hospital.user_id);
      auto r = forget->step();
      if (!r.ok()) copied = r.error();
    } else {
      copied = forget.error();
    }
  }
  if (copied.ok())
    copied = out.exec("COMMIT");
  else
    (void)out.exec("ROLLBACK");
  (void)out.exec("DETACH DATABASE src");
  IVD_TRY(copied);
  IVD_TRY(out.exec("PRAGMA foreign_keys = ON"));
  return out.serialize();
}

void to_json(nlohmann::json& j, const OfflineSnapshot& s) {
  j = {{"schema_version", s.schema_version}, {"taken_at", s.taken_at}, {"bytes", s.bytes}, {"user_id", s.user_id},
       {"db_base64", s.db_base64}};
}

void from_json(const nlohmann::json& j, OfflineSnapshot& s) {
  s = {};
  if (!j.is_object()) return;
  s.schema_version = j.value("schema_version", 0);
  s.taken_at = j.value("taken_at", int64_t{0});
  s.bytes = j.value("bytes", int64_t{0});
  s.user_id = j.value("user_id", int64_t{0});
  s.db_base64 = j.value("db_base64", std::string());
}

void register_offline_routes(Api& api) {
  api.add("GET", "/offline/snapshot", Access::user, [](ApiContext& c) -> Result<nlohmann::json> {
    IVD_ASSIGN_OR_RETURN(const std::string bytes, extract_hospital_scope(c.db, c.me()));
    IVD_ASSIGN_OR_RETURN(const int version, schema_version(c.db));
    OfflineSnapshot s{version, c.svc.clock.now(), static_cast<int64_t>(bytes.size()), c.me().user_id,
                      base64_encode(bytes)};
    return nlohmann::json(s);
  });
}

}  // namespace ivd
