#include "server/exports/export_runner.hpp"

#include <cstdio>
#include <fstream>

#include "core/accounts/sessions.hpp"
#include "core/api/request.hpp"
#include "core/exports/export_jobs.hpp"
#include "core/exports/export_kinds.hpp"

namespace ivd {
namespace fs = std::filesystem;

namespace {

constexpr const char* kTempSuffix = ".part";

void log_line(const std::string& text) { std::fprintf(stderr, "exports: %s\n", text.c_str()); }

// A file's name in the folder: the job id, random hex (not guessable from the id) and the format.
std::string file_key(Services& svc, int64_t job_id, const std::string& format) {
  return std::to_string(job_id) + "-" + to_hex(svc.random.bytes(8)) + "." + format;
}

bool write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.flush();
  return static_cast<bool>(out);
}

}  // namespace

ExportRunner::ExportRunner(ExportRunnerOptions options, Services& svc, const ProducerRegistry& producers)
    : opts_(std::move(options)), svc_(svc), producers_(producers) {
  std::error_code ec;
  fs::create_directories(opts_.folder, ec);
  // Before any worker starts: jobs a previous run was producing will never finish.
  if (auto db = Db::open(opts_.db_path)) {
    if (auto n = fail_interrupted_exports(*db, svc_.clock.now()); n && *n > 0)
      log_line(std::to_string(*n) + " interrupted job(s) marked failed");
    remove_orphans(*db);  // also the temporary files of those jobs
  }
  for (int i = 0; i < std::max(1, opts_.workers); ++i) threads_.emplace_back([this] { work(); });
  if (opts_.sweep_every.count() > 0) threads_.emplace_back([this] { sweep_loop(); });
}

ExportRunner::~ExportRunner() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

void ExportRunner::wake() {
  {
    std::lock_guard lock(mu_);
    ++wakes_;
  }
  wake_.notify_all();
}

void ExportRunner::work() {
  auto opened = Db::open(opts_.db_path);
  if (!opened) return log_line("cannot open the database: " + opened.error().message_en);
  Db db = std::move(opened.value());
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    auto claimed = claim_next_export(db, svc_.clock.now());
    if (!claimed) log_line("claiming a job failed: " + claimed.error().message_en);
    if (claimed && claimed->has_value()) {
      run_job(db, **claimed);
      lock.lock();
      continue;  // there may be more
    }
    lock.lock();
    const int64_t seen = wakes_;
    wake_.wait_for(lock, opts_.poll, [&] { return stop_ || wakes_ != seen; });
  }
}

void ExportRunner::run_job(Db& db, const ClaimedExport& job) {
  const auto fail = [&](const Error& why) {
    if (auto s = fail_export(db, job.id, why, svc_.clock.now()); !s)
      log_line("recording the failure of job " + std::to_string(job.id) + " failed: " + s.error().message_en);
    ++finished_;
  };
  const ExportKind* kind = find_export_kind(job.kind);
  const Producer* producer = producers_.find(job.kind);
  if (!kind || !producer) return fail(make_error(ErrorKind::unavailable, "exports.kind.unavailable"));
  auto actor = load_actor(db, job.owner_id);
  if (!actor) return fail(actor.error());

  const std::string key = file_key(svc_, job.id, kind->format);
  ExportProgress progress;
  progress.temp_file = opts_.folder / (key + kTempSuffix);
  int last_percent = 0;
  progress.report = [&](int percent) {
    if (percent <= last_percent) return;
    last_percent = percent;
    (void)set_export_progress(db, job.id, percent);  // progress is best effort
  };
  const auto drop_temp = [&] {
    std::error_code ec;
    fs::remove(progress.temp_file, ec);
  };

  Result<Document> doc = make_error(ErrorKind::internal, "internal");
  try {
    doc = (*producer)(db, svc_, *actor, job.params, progress);
  } catch (const std::exception& e) {
    doc = internal_error(std::string("export producer ") + job.kind + " threw: " + e.what());
  }
  if (!doc) {
    drop_temp();
    return fail(doc.error());
  }
  if (!doc->written_to_temp && !write_file(progress.temp_file, doc->bytes)) {
    drop_temp();
    log_line("writing " + progress.temp_file.string() + " failed");
    return fail(make_error(ErrorKind::internal, "exports.write_failed"));
  }
  std::error_code ec;
  const auto size = fs::file_size(progress.temp_file, ec);
  if (ec) {
    drop_temp();
    return fail(make_error(ErrorKind::internal, "exports.write_failed"));
  }
  {
    std::lock_guard lock(files_mu_);
    placing_.insert(key);  // the sweep must not take it for an orphan before the job says done
  }
  fs::rename(progress.temp_file, opts_.folder / key, ec);
  if (ec) {
    drop_temp();
    std::lock_guard lock(files_mu_);
    placing_.erase(key);
    log_line("renaming " + progress.temp_file.string() + " failed: " + ec.message());
    return fail(make_error(ErrorKind::internal, "exports.write_failed"));
  }
  auto finished = finish_export(db, job.id, {key, doc->file_name, doc->content_type, static_cast<int64_t>(size)},
                                svc_.clock.now());
  if (!finished || !*finished) {
    fs::remove(opts_.folder / key, ec);  // deleted meanwhile, or the record failed: no file without a job
    if (!finished) fail(finished.error());
  }
  {
    std::lock_guard lock(files_mu_);
    placing_.erase(key);
  }
  if (finished) ++finished_;
}

void ExportRunner::remove_orphans(Db& db) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(opts_.folder, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    const std::string name = entry.path().filename().string();
    // Under the lock from the check to the removal: a worker marks a file as being placed before it
    // renames it into place and unmarks it once its job says done, so a file is never taken for an
    // orphan in between.
    std::lock_guard lock(files_mu_);
    if (placing_.count(name)) continue;
    bool keep = false;
    if (name.ends_with(kTempSuffix)) {
      // A temporary file of a job under way right now is kept; one of a job that is gone or finished is not.
      const auto job = parse_int(std::string_view(name).substr(0, name.find('-')));
      auto st = db.prepare("SELECT 1 FROM export_jobs WHERE id = ? AND status = 'running' AND claimed_at IS NOT NULL");
      if (st && job) {
        st->bind_all(*job);
        auto row = st->step();
        keep = row && *row;
      }
    } else {
      auto used = export_file_in_use(db, name);
      keep = !used || *used;  // when in doubt, keep
    }
    if (!keep) fs::remove(entry.path(), ec);
  }
}

Result<int> ExportRunner::sweep_now() {
  IVD_ASSIGN_OR_RETURN(auto db, Db::open(opts_.db_path));
  IVD_ASSIGN_OR_RETURN(int removed, sweep_expired_exports(db, svc_.clock.now()));
  remove_orphans(db);
  return removed;
}

void ExportRunner::sweep_loop() {
  std::unique_lock lock(mu_);
  while (!wake_.wait_for(lock, opts_.sweep_every, [this] { return stop_; })) {
    lock.unlock();
    auto n = sweep_now();
    if (!n) log_line("retention sweep failed: " + n.error().message_en);
    else if (*n > 0) log_line(std::to_string(*n) + " expired export(s) removed");
    lock.lock();
  }
}

}  // namespace ivd
