// [SECTION] the migrations, oldest first
// [SECTION] versions and migrate
#include "core/store/schema.hpp"

#include "core/store/transaction.hpp"

#include <span>
#include <string>

namespace ivd {
namespace {

// Append new migrations at the end with the next number; never edit one that has shipped.
// ---- [SECTION] the migrations, oldest first ------------------------------------------------------
constexpr Migration kMigrations[] = {
    {1, "organisation and accounts", R"sql(
CREATE TABLE regions (
  code TEXT PRIMARY KEY,                 -- 6-digit national code
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('national','province','city','province_level')),
  parent_code TEXT REFERENCES regions(code)
);
CREATE INDEX regions_parent ON regions(parent_code);

CREATE TABLE institutions (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('hospital','manufacturer','agent')),
  region_code TEXT REFERENCES regions(code),
  level TEXT NOT NULL DEFAULT ''
);
CREATE INDEX institutions_region ON institutions(region_code);
CREATE INDEX institutions_name ON institutions(name);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  user_type TEXT NOT NULL CHECK (user_type IN ('admin','hospital','enterprise')),
  region_code TEXT REFERENCES regions(code),          -- admin: its region; others: their institution's
  institution_id INTEGER REFERENCES institutions(id),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  disabled INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  revision INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX users_region ON users(region_code);
CREATE INDEX users_name ON users(name);

CREATE TABLE user_menus (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  menu TEXT NOT NULL,
  PRIMARY KEY (user_id, menu)
) WITHOUT ROWID;

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,           -- hex SHA-like digest of the bearer token; the token itself is never stored
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE captchas (
  id TEXT PRIMARY KEY,
  answer TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE login_failures (
  username TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX login_failures_user ON login_failures(username, at);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,                  -- 'user', 'sheet', 'city', ...
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,
  actor_id INTEGER,
  at INTEGER NOT NULL,
  from_state TEXT NOT NULL DEFAULT '',
  to_state TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_entity ON events(entity, entity_id);
)sql"},
    {2, "login locks and settings", R"sql(
-- A lock is kept per typed username, known or not, so a locked unknown name answers exactly like a
-- locked real account (SPEC §1: errors never tell whether the username exists). users.locked_until
-- mirrors it for real accounts so user management can show it.
CREATE TABLE login_locks (
  username TEXT PRIMARY KEY,
  locked_until INTEGER NOT NULL
) WITHOUT ROWID;

-- Operator settings chosen at init (e.g. the initial password, SPEC §1 "configurable").
CREATE TABLE app_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql"},
    {3, "ivd projects, catalog, sheets, reviews, totals and files", R"sql(
-- Uploaded files (SPEC §4): the bytes are stored outside the database under their SHA-256.
CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size INTEGER NOT NULL CHECK (size > 0),
  content_type TEXT NOT NULL,
  original_name TEXT NOT NULL,
  uploaded_by INTEGER REFERENCES users(id),
  institution_id INTEGER REFERENCES institutions(id),
  region_code TEXT NOT NULL DEFAULT '',
  uploaded_at INTEGER NOT NULL
);
CREATE INDEX files_sha256 ON files(sha256);

-- 报量项目 (SPEC §2.1); its status is derived from the clock and the times.
CREATE TABLE ivd_projects (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  year INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  threshold_percent REAL NOT NULL,
  fill_start INTEGER NOT NULL,
  fill_end INTEGER NOT NULL,
  city_review_end INTEGER NOT NULL,
  province_review_end INTEGER NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (fill_start < fill_end AND fill_end < city_review_end AND city_review_end < province_review_end)
);

CREATE TABLE ivd_project_provinces (
  project_id INTEGER NOT NULL REFERENCES ivd_projects(id) ON DELETE CASCADE,
  province_code TEXT NOT NULL REFERENCES regions(code),
  PRIMARY KEY (project_id, province_code)
) WITHOUT ROWID;

-- 目录: one row per 流水号; several 流水号 share one 注册证 (cert).
CREATE TABLE ivd_catalog (
  project_id INTEGER NOT NULL REFERENCES ivd_projects(id) ON DELETE CASCADE,
  serial TEXT NOT NULL,
  category TEXT NOT NULL,
  subcategory TEXT NOT NULL DEFAULT '',
  product_name TEXT NOT NULL,
  spec TEXT NOT NULL DEFAULT '',
  cert TEXT NOT NULL,
  manufacturer TEXT NOT NULL,
  PRIMARY KEY (project_id, serial)
) WITHOUT ROWID;
CREATE INDEX ivd_catalog_cert ON ivd_catalog(project_id, cert);

-- A hospital's sheet; line_count / last_year_total / demand_total are maintained on every save.
CREATE TABLE ivd_sheets (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES ivd_projects(id) ON DELETE CASCADE,
  hospital_id INTEGER NOT NULL REFERENCES institutions(id),
  city_code TEXT NOT NULL REFERENCES regions(code),
  province_code TEXT NOT NULL REFERENCES regions(code),
  status TEXT NOT NULL DEFAULT 'not_filled'
    CHECK (status IN ('not_filled','draft','submitted','approved','rejected','not_required')),
  status_before_exclusion TEXT NOT NULL DEFAULT '',
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  commitment_file_id INTEGER REFERENCES files(id),
  demand_file_id INTEGER REFERENCES files(id),
  line_count INTEGER NOT NULL DEFAULT 0,
  last_year_total INTEGER NOT NULL DEFAULT 0,
  demand_total INTEGER NOT NULL DEFAULT 0,
  submitted_at INTEGER,
  reviewed_at INTEGER,
  review_reason TEXT NOT NULL DEFAULT '',
  revision INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (project_id, hospital_id)
);
CREATE INDEX ivd_sheets_city ON ivd_sheets(project_id, city_code, status);
CREATE INDEX ivd_sheets_province ON ivd_sheets(project_id, province_code);

-- Lines keep the quantities as typed (drafts never lose input) and their value when valid.
CREATE TABLE ivd_sheet_lines (
  sheet_id INTEGER NOT NULL REFERENCES ivd_sheets(id) ON DELETE CASCADE,
  serial TEXT NOT NULL,
  last_year_text TEXT NOT NULL DEFAULT '',
  demand_text TEXT NOT NULL DEFAULT '',
  last_year INTEGER,
  demand INTEGER,
  instrument TEXT NOT NULL DEFAULT '' CHECK (instrument IN ('','yes','no')),
  change_note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (sheet_id, serial)
) WITHOUT ROWID;

-- 在用仪器说明文件 per 注册证.
CREATE TABLE ivd_sheet_cert_docs (
  sheet_id INTEGER NOT NULL REFERENCES ivd_sheets(id) ON DELETE CASCADE,
  cert TEXT NOT NULL,
  file_id INTEGER NOT NULL REFERENCES files(id),
  PRIMARY KEY (sheet_id, cert)
) WITHOUT ROWID;

-- A city's (or 省本级's) report to its province, with the totals of its counted hospitals.
CREATE TABLE ivd_city_reviews (
  project_id INTEGER NOT NULL REFERENCES ivd_projects(id) ON DELETE CASCADE,
  city_code TEXT NOT NULL REFERENCES regions(code),
  province_code TEXT NOT NULL REFERENCES regions(code),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','submitted','approved','rejected')),
  hospital_count INTEGER NOT NULL DEFAULT 0,
  last_year_total INTEGER NOT NULL DEFAULT 0,
  demand_total INTEGER NOT NULL DEFAULT 0,
  submitted_at INTEGER,
  reviewed_at INTEGER,
  review_reason TEXT NOT NULL DEFAULT '',
  revision INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (project_id, city_code)
);
CREATE INDEX ivd_city_reviews_province ON ivd_city_reviews(project_id, province_code);

-- A province's report to the nation.
CREATE TABLE ivd_province_reviews (
  project_id INTEGER NOT NULL REFERENCES ivd_projects(id) ON DELETE CASCADE,
  province_code TEXT NOT NULL REFERENCES regions(code),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','submitted','withdrawn')),
  summary_file_id INTEGER REFERENCES files(id),
  hospital_count INTEGER NOT NULL DEFAULT 0,
  last_year_total INTEGER NOT NULL DEFAULT 0,
  demand_total INTEGER NOT NULL DEFAULT 0,
  submitted_at INTEGER,
  withdrawn_at INTEGER,
  withdraw_reason TEXT NOT NULL DEFAULT '',
  revision INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (project_id, province_code)
);

-- Totals per province and 注册证 (national CSV export, province PDF export).
CREATE TABLE ivd_cert_totals (
  project_id INTEGER NOT NULL REFERENCES ivd_projects(id) ON DELETE CASCADE,
  province_code TEXT NOT NULL,
  cert TEXT NOT NULL,
  last_year_total INTEGER NOT NULL DEFAULT 0,
  demand_total INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, province_code, cert)
) WITHOUT ROWID;
)sql"},
    {4, "catalog pages in 流水号 order without sorting; sheet sync marker", R"sql(
CREATE INDEX ivd_catalog_order ON ivd_catalog(project_id, length(serial), serial);
-- The highest institution id ensure_project_rows has seen: lists skip the sheet sync when it is current.
ALTER TABLE ivd_projects ADD COLUMN synced_institution_id INTEGER NOT NULL DEFAULT 0;
)sql"},
    {5, "working-day calendar years imported by operators", R"sql(
-- Years of the working-day calendar imported with `server import calendar` (core/store/calendar_store):
-- each overrides the embedded chinese-days data for that year (core/base/work_calendar.hpp).
CREATE TABLE calendar_years (
  year INTEGER PRIMARY KEY,
  imported_at INTEGER NOT NULL
);
-- The imported days; year = the imported year a row belongs to (a row may lie in late December of the
-- year before, a working Saturday for 元旦), so re-importing a year replaces exactly its rows.
CREATE TABLE calendar_days (
  year INTEGER NOT NULL REFERENCES calendar_years(year) ON DELETE CASCADE,
  day TEXT NOT NULL,                     -- YYYY-MM-DD
  kind TEXT NOT NULL CHECK (kind IN ('workday','holiday')),
  PRIMARY KEY (year, day)
) WITHOUT ROWID;
)sql"},
    {6, "supply feedback: selected products, feedback, attachments", R"sql(
-- 国家中选项目 (SPEC §3): one row per 流水号; enterprises are institutions (matched at import).
CREATE TABLE supply_products (
  serial TEXT PRIMARY KEY,
  generic_name TEXT NOT NULL,
  dosage_form TEXT NOT NULL DEFAULT '',
  spec TEXT NOT NULL DEFAULT '',
  manufacturer_id INTEGER NOT NULL REFERENCES institutions(id),
  applicant_id INTEGER NOT NULL REFERENCES institutions(id),
  batch TEXT NOT NULL,
  backup INTEGER NOT NULL DEFAULT 0 CHECK (backup IN (0, 1)),
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- 中选药品供应问题反馈. The product's fields are copied at 新增 / 编辑 (SPEC §3); city_code is the
-- hospital's region (a city or 省本级: the scope of the duplicate rule), reviewer_region the region whose
-- admin confirms (the city, or the province for 省本级 hospitals). Days are CST day numbers.
CREATE TABLE supply_feedback (
  id INTEGER PRIMARY KEY,
  hospital_id INTEGER NOT NULL REFERENCES institutions(id),
  city_code TEXT NOT NULL REFERENCES regions(code),
  province_code TEXT NOT NULL REFERENCES regions(code),
  reviewer_region TEXT NOT NULL REFERENCES regions(code),
  serial TEXT NOT NULL,
  product_name TEXT NOT NULL,
  batch TEXT NOT NULL,
  manufacturer TEXT NOT NULL,
  manufacturer_id INTEGER NOT NULL REFERENCES institutions(id),
  applicant TEXT NOT NULL,
  applicant_id INTEGER NOT NULL REFERENCES institutions(id),
  problem_type TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  occurred_on TEXT NOT NULL,
  contact_name TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','pending_admin','pending_enterprise',
    'enterprise_confirmed','pending_hospital','resolved','unresolved')),
  -- The status as of the last step a person took: the same as status, except that the deadline sweep
  -- leaves it (待企业确认 / 企业已确认, with timed_out set). The lists filter and count on it — a passed
  -- deadline reads 未解决 either way — so the sweep touches no list index and stays fast.
  list_status TEXT NOT NULL DEFAULT 'draft',
  feedback_day INTEGER NOT NULL,            -- 反馈日期: the last 提交 (the creation day until then)
  confirmed_at INTEGER,                     -- the admin's 确认
  deadline_day INTEGER,                     -- set by the admin's 确认
  interview_file_id INTEGER REFERENCES files(id),
  return_reason TEXT NOT NULL DEFAULT '',
  handling TEXT NOT NULL DEFAULT '',
  outcome_note TEXT NOT NULL DEFAULT '',
  timed_out INTEGER NOT NULL DEFAULT 0 CHECK (timed_out IN (0, 1)),
  revision INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- One index per scope of the lists: the scope column, then what the lists filter and sort on, so that
-- counting and picking a page read no rows (list_status, deadline_day for the timeout read as 未解决,
-- feedback_day, and the searched 流水号 and 产品名称; the province view also 生产企业 and 申报企业; the
-- 申报企业 arm of an enterprise's list also the 生产企业 id). None holds status or timed_out, so the
-- sweep moves nothing in them; the open index finds what the sweep moves, and serves the super admin.
CREATE INDEX supply_feedback_hospital ON supply_feedback(hospital_id, list_status, deadline_day, feedback_day, serial,
  product_name);
CREATE INDEX supply_feedback_reviewer ON supply_feedback(reviewer_region, list_status, deadline_day, feedback_day,
  serial, product_name);
CREATE INDEX supply_feedback_province ON supply_feedback(province_code, list_status, deadline_day, feedback_day,
  serial, product_name, manufacturer, applicant);
CREATE INDEX supply_feedback_manufacturer ON supply_feedback(manufacturer_id, list_status, deadline_day, feedback_day,
  serial, product_name);
CREATE INDEX supply_feedback_applicant ON supply_feedback(applicant_id, list_status, deadline_day, feedback_day,
  serial, product_name, manufacturer_id);
CREATE INDEX supply_feedback_open ON supply_feedback(list_status, timed_out, deadline_day, feedback_day);
CREATE INDEX supply_feedback_duplicate ON supply_feedback(city_code, serial);

-- 附件 of a feedback, in the order given.
CREATE TABLE supply_feedback_files (
  feedback_id INTEGER NOT NULL REFERENCES supply_feedback(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  file_id INTEGER NOT NULL REFERENCES files(id),
  PRIMARY KEY (feedback_id, position)
) WITHOUT ROWID;
CREATE INDEX supply_feedback_files_file ON supply_feedback_files(file_id);
CREATE INDEX supply_feedback_interview ON supply_feedback(interview_file_id) WHERE interview_file_id IS NOT NULL;
)sql"},
    {7, "export jobs of the 导出列表", R"sql(
-- One background export (core/exports/export_jobs.hpp): its owner alone sees it. status is running
-- (生成中) from the start until the runner has renamed the written file into place (done, 已完成) or
-- given up (failed, 失败, with the reason in both languages). claimed_at: a runner works on it.
CREATE TABLE export_jobs (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  params TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running','done','failed')),
  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  claimed_at INTEGER,
  created_at INTEGER NOT NULL,
  finished_at INTEGER,
  file_key TEXT NOT NULL DEFAULT '',
  file_name TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL DEFAULT '',
  file_size INTEGER NOT NULL DEFAULT 0,
  error_code TEXT NOT NULL DEFAULT '',
  error_zh TEXT NOT NULL DEFAULT '',
  error_en TEXT NOT NULL DEFAULT ''
);
CREATE INDEX export_jobs_owner ON export_jobs(owner_id, id);
CREATE INDEX export_jobs_queue ON export_jobs(status, claimed_at, id);
CREATE INDEX export_jobs_created ON export_jobs(created_at);
CREATE INDEX export_jobs_file ON export_jobs(file_key) WHERE file_key <> '';
)sql"},
    {8, "changes applied from a browser's offline queue", R"sql(
-- core/api/applied_changes.hpp: a change sent again with the same id is answered, not applied twice.
CREATE TABLE applied_changes (
  user_id INTEGER NOT NULL,
  change_id TEXT NOT NULL,
  answer TEXT NOT NULL,
  applied_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, change_id)
) WITHOUT ROWID;
CREATE INDEX applied_changes_at ON applied_changes(user_id, applied_at);
)sql"},
};

}  // namespace

// ---- [SECTION] versions and migrate --------------------------------------------------------------
int latest_schema_version() { return std::span(kMigrations).back().number; }

Result<int> schema_version(Db& db) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("PRAGMA user_version"));
  IVD_TRY(st.step());
  return static_cast<int>(st.col_int(0));
}

Status migrate(Db& db) {
  IVD_ASSIGN_OR_RETURN(auto current, schema_version(db));
  for (const auto& m : kMigrations) {
    if (m.number <= current) continue;
    IVD_TRY(transaction(db, [&]() -> Status {
      IVD_TRY(db.exec(m.sql));
      return db.exec("PRAGMA user_version = " + std::to_string(m.number));
    }));
  }
  return ok_status();
}

}  // namespace ivd
