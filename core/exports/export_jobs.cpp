#include "core/exports/export_jobs.hpp"

#include <charconv>

#include "core/base/civil_time.hpp"
#include "core/base/json_read.hpp"
#include "core/api/response_cache.hpp"
#include "core/exports/export_kinds.hpp"
#include "core/store/transaction.hpp"

namespace ivd {

using nlohmann::json;

namespace {

constexpr const char* kColumns =
    "id, kind, title, params, status, progress, created_at, finished_at, file_name, content_type, file_size, "
    "error_code, error_zh, error_en";

Error not_found() { return make_error(ErrorKind::not_found, "exports.job.not_found"); }

ExportJob job_of(const Stmt& row, int64_t retention_seconds) {
  ExportJob j;
  j.id = row.col_int(0);
  j.kind = row.col_text(1);
  j.title = row.col_text(2);
  j.params = json::parse(row.col_text(3), nullptr, false);
  if (!j.params.is_object()) j.params = json::object();
  j.status = row.col_text(4);
  j.progress = static_cast<int>(row.col_int(5));
  j.created_at = row.col_int(6);
  j.created_at_text = format_cst(j.created_at);
  j.finished_at = row.col_opt_int(7);
  j.expires_at = j.created_at + retention_seconds;
  j.expires_at_text = format_cst(j.expires_at);
  j.file_name = row.col_text(8);
  j.content_type = row.col_text(9);
  j.file_size = row.col_int(10);
  j.error_code = row.col_text(11);
  j.error_zh = row.col_text(12);
  j.error_en = row.col_text(13);
  return j;
}

Result<int64_t> retention_seconds(Db& db) {
  IVD_ASSIGN_OR_RETURN(auto days, export_retention_days(db));
  return days * 24 * 60 * 60;
}

}  // namespace

std::string export_status_label_id(std::string_view status) { return "exports.status." + std::string(status); }

StatusTone export_status_tone(std::string_view s) {
  if (s == export_status::running) return StatusTone::progress;
  if (s == export_status::done) return StatusTone::ok;
  if (s == export_status::failed) return StatusTone::bad;
  return StatusTone::neutral;
}

void to_json(json& j, const ExportJob& x) {
  j = json{{"id", x.id},
           {"kind", x.kind},
           {"title", x.title},
           {"params", x.params},
           {"status", x.status},
           {"progress", x.progress},
           {"created_at", x.created_at},
           {"created_at_text", x.created_at_text},
           {"finished_at", x.finished_at ? json(*x.finished_at) : json(nullptr)},
           {"expires_at", x.expires_at},
           {"expires_at_text", x.expires_at_text},
           {"file_name", x.file_name},
           {"content_type", x.content_type},
           {"file_size", x.file_size},
           {"error", x.error_code.empty() ? json(nullptr)
                                          : json{{"code", x.error_code},
                                                 {"message_zh", x.error_zh},
                                                 {"message_en", x.error_en}}}};
}

void from_json(const json& j, ExportJob& x) {
  x = ExportJob{};
  x.id = int_of(j, "id").value_or(0);
  x.kind = text_of(j, "kind");
  x.title = text_of(j, "title");
  if (auto it = j.find("params"); it != j.end() && it->is_object()) x.params = *it;
  x.status = text_of(j, "status");
  x.progress = static_cast<int>(int_of(j, "progress").value_or(0));
  x.created_at = int_of(j, "created_at").value_or(0);
  x.created_at_text = text_of(j, "created_at_text");
  x.finished_at = int_of(j, "finished_at");
  x.expires_at = int_of(j, "expires_at").value_or(0);
  x.expires_at_text = text_of(j, "expires_at_text");
  x.file_name = text_of(j, "file_name");
  x.content_type = text_of(j, "content_type");
  x.file_size = int_of(j, "file_size").value_or(0);
  if (auto it = j.find("error"); it != j.end() && it->is_object()) {
    x.error_code = text_of(*it, "code");
    x.error_zh = text_of(*it, "message_zh");
    x.error_en = text_of(*it, "message_en");
  }
}

std::string export_job_name(const ExportJob& job, Lang lang) {
  std::string name(tr(lang, export_kind_label_id(job.kind)));
  if (!job.title.empty()) name += trf(lang, "exports.name.title", {job.title});
  return name;
}

// ---- [SECTION] retention -------------------------------------------------------------------------------
Result<int64_t> export_retention_days(Db& db) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT value FROM app_settings WHERE key = 'export_retention_days'"));
  IVD_ASSIGN_OR_RETURN(bool row, st.step());
  if (!row) return kDefaultExportRetentionDays;
  const std::string v = st.col_text(0);
  int64_t days = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), days);
  if (ec != std::errc() || p != v.data() + v.size() || days < 1 || days > kMaxExportRetentionDays)
    return kDefaultExportRetentionDays;
  return days;
}

Status set_export_retention_days(Db& db, int64_t days) {
  if (days < 1 || days > kMaxExportRetentionDays)
    return make_error(ErrorKind::bad_request, "exports.retention.range", "days",
                      {"1", std::to_string(kMaxExportRetentionDays)});
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("INSERT INTO app_settings (key, value) VALUES ('export_retention_days', ?) "
                                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  return st.bind_all(std::to_string(days)).run();
}

// ---- [SECTION] the owner's operations ------------------------------------------------------------------
Result<ExportJob> start_export(Db& db, const Actor& actor, std::string_view kind, const json& params,
                               std::string_view title, int64_t now) {
  IVD_TRY(check_export_start(actor, kind, params));
  if (title.size() > kMaxExportTitleBytes)
    return make_error(ErrorKind::bad_request, "request.too_long", "title", {"title", std::to_string(kMaxExportTitleBytes)});
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("INSERT INTO export_jobs (owner_id, kind, title, params, created_at) "
                                           "VALUES (?, ?, ?, ?, ?)"));
  IVD_TRY(st.bind_all(actor.user_id, kind, title, dump_json(params), now).run());
  return own_export(db, actor, db.last_insert_id());
}

Result<ExportPage> list_exports(Db& db, const Actor& actor, const Page& page) {
  IVD_ASSIGN_OR_RETURN(auto keep, retention_seconds(db));
  ExportPage out;
  IVD_ASSIGN_OR_RETURN(auto count, db.prepare("SELECT count(*), coalesce(sum(status = 'running'), 0) "
                                              "FROM export_jobs WHERE owner_id = ?"));
  count.bind_all(actor.user_id);
  IVD_TRY(count.step());
  out.total = count.col_int(0);
  out.running = count.col_int(1);
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(std::string("SELECT ") + kColumns +
                                           " FROM export_jobs WHERE owner_id = ? ORDER BY id DESC LIMIT ? OFFSET ?"));
  st.bind_all(actor.user_id, page.page_size, page.offset());
  IVD_TRY(st.each([&](const Stmt& row) { out.items.push_back(job_of(row, keep)); }));
  return out;
}

Result<ExportJob> own_export(Db& db, const Actor& actor, int64_t id) {
  IVD_ASSIGN_OR_RETURN(auto keep, retention_seconds(db));
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(std::string("SELECT ") + kColumns +
                                           " FROM export_jobs WHERE id = ? AND owner_id = ?"));
  st.bind_all(id, actor.user_id);
  IVD_ASSIGN_OR_RETURN(bool row, st.step());
  if (!row) return not_found();
  return job_of(st, keep);
}

Result<ExportFile> own_export_file(Db& db, const Actor& actor, int64_t id) {
  IVD_ASSIGN_OR_RETURN(auto job, own_export(db, actor, id));
  if (!export_downloadable(job)) return make_error(ErrorKind::conflict, "exports.job.not_ready");
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT file_key FROM export_jobs WHERE id = ?"));
  st.bind_all(id);
  IVD_ASSIGN_OR_RETURN(bool row, st.step());
  if (!row) return not_found();
  return ExportFile{st.col_text(0), job.file_name, job.content_type, job.file_size};
}

Status delete_export(Db& db, const Actor& actor, int64_t id) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("DELETE FROM export_jobs WHERE id = ? AND owner_id = ?"));
  IVD_TRY(st.bind_all(id, actor.user_id).run());
  if (db.changes() == 0) return not_found();
  return ok_status();
}

// ---- [SECTION] the runner's side -----------------------------------------------------------------------
Result<std::optional<ClaimedExport>> claim_next_export(Db& db, int64_t now) {
  std::optional<ClaimedExport> out;
  IVD_TRY(transaction(db, [&]() -> Status {
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT id, owner_id, kind, params FROM export_jobs "
                                             "WHERE status = 'running' AND claimed_at IS NULL ORDER BY id LIMIT 1"));
    IVD_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return ok_status();
    ClaimedExport c{st.col_int(0), st.col_int(1), st.col_text(2), json::parse(st.col_text(3), nullptr, false)};
    if (!c.params.is_object()) c.params = json::object();
    st.reset();
    IVD_ASSIGN_OR_RETURN(auto up, db.prepare("UPDATE export_jobs SET claimed_at = ? WHERE id = ? AND claimed_at IS NULL"));
    IVD_TRY(up.bind_all(now, c.id).run());
    if (db.changes() == 1) out = std::move(c);
    return ok_status();
  }));
  return out;
}

Status set_export_progress(Db& db, int64_t id, int percent) {
  percent = percent < 0 ? 0 : percent > 100 ? 100 : percent;
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("UPDATE export_jobs SET progress = ? WHERE id = ? AND status = 'running'"));
  return st.bind_all(percent, id).run();
}

Result<bool> finish_export(Db& db, int64_t id, const ExportFile& file, int64_t now) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "UPDATE export_jobs SET status = 'done', progress = 100, finished_at = ?, file_key = ?, file_name = ?, "
      "content_type = ?, file_size = ? WHERE id = ? AND status = 'running'"));
  IVD_TRY(st.bind_all(now, file.key, file.file_name, file.content_type, file.size, id).run());
  return db.changes() == 1;
}

Status fail_export(Db& db, int64_t id, const Error& why, int64_t now) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "UPDATE export_jobs SET status = 'failed', finished_at = ?, error_code = ?, error_zh = ?, error_en = ? "
      "WHERE id = ? AND status = 'running'"));
  return st.bind_all(now, why.code, why.message_zh, why.message_en, id).run();
}

Result<int> fail_interrupted_exports(Db& db, int64_t now) {
  const Error why = make_error(ErrorKind::internal, "exports.interrupted");
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "UPDATE export_jobs SET status = 'failed', finished_at = ?, error_code = ?, error_zh = ?, error_en = ? "
      "WHERE status = 'running' AND claimed_at IS NOT NULL"));
  IVD_TRY(st.bind_all(now, why.code, why.message_zh, why.message_en).run());
  return db.changes();
}

Result<int> sweep_expired_exports(Db& db, int64_t now) {
  IVD_ASSIGN_OR_RETURN(auto keep, retention_seconds(db));
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("DELETE FROM export_jobs WHERE created_at + ? <= ?"));
  IVD_TRY(st.bind_all(keep, now).run());
  return db.changes();
}

Result<bool> export_file_in_use(Db& db, std::string_view key) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT 1 FROM export_jobs WHERE file_key = ?"));
  st.bind_all(key);
  IVD_ASSIGN_OR_RETURN(bool row, st.step());
  return row;
}

}  // namespace ivd
