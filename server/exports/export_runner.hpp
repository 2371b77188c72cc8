#pragma once
// The job runner of the 导出列表: a few worker threads, each on a database connection of its own, that
// take the 生成中 jobs one by one and produce their files with the registered producers, so a large
// export never holds a request thread or the API's writer connection. A file is written under a
// temporary name and renamed into place only when complete, so a job that fails leaves no partial
// file; the failure reason is kept with the job. A sweep removes jobs past the retention period and
// every file in the folder that no job refers to any more (deleted jobs, leftovers of a crash).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/base/result.hpp"
#include "core/base/services.hpp"
#include "core/exports/export_jobs.hpp"
#include "server/exports/export_producers.hpp"

namespace ivd {

struct ExportRunnerOptions {
  std::string db_path;               // the database file (the runner opens its own connections)
  std::filesystem::path folder;      // where finished files live (created if missing)
  int workers = 1;                   // jobs produced at the same time
  std::chrono::milliseconds poll{200};        // how often an idle worker looks for new jobs
  std::chrono::seconds sweep_every{60};       // retention sweep; 0 = only sweep_now()
};

class ExportRunner {
 public:
  ExportRunner(ExportRunnerOptions options, Services& svc, const ProducerRegistry& producers);
  ~ExportRunner();  // stops the threads; a job under way is finished first
  ExportRunner(const ExportRunner&) = delete;
  ExportRunner& operator=(const ExportRunner&) = delete;

  // Wakes an idle worker at once (e.g. right after a job was started).
  void wake();
  // The retention sweep now: removes the expired jobs, then files no job refers to. Returns how many
  // jobs were removed.
  Result<int> sweep_now();
  // The folder of the finished files (the download route reads from it).
  const std::filesystem::path& folder() const { return opts_.folder; }
  // Jobs finished (done or failed) since start: tests wait on it.
  int64_t finished_count() const { return finished_.load(); }

 private:
  void work();
  void sweep_loop();
  void run_job(Db& db, const ClaimedExport& job);
  void remove_orphans(Db& db);

  ExportRunnerOptions opts_;
  Services& svc_;
  const ProducerRegistry& producers_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  int64_t wakes_ = 0;
  std::mutex files_mu_;
  std::set<std::string> placing_;  // keys renamed into place whose job is not yet marked done
  std::atomic<int64_t> finished_{0};
  std::vector<std::thread> threads_;  // last: start once the members above exist
};

}  // namespace ivd
