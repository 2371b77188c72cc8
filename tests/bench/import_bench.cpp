// Institutions import time for a large file (SPEC §1 import; operators may load a whole country).
// Generates a CSV of N institutions in memory (hospitals over every city and 省本级, 5% enterprises),
// imports it into a fresh file database under the temp folder, and prints seconds for: the first
// import (all inserts), the same file again (all unchanged), a file with every name changed (all
// updates), the same file encoded as GBK, and creating one user per hospital.
// Usage: import_bench [rows=50000]
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/csv.hpp"
#include "core/accounts/initial_users.hpp"
#include "core/org/institutions.hpp"
#include "core/org/regions.hpp"
#include "core/store/schema.hpp"
#include "core/base/text_encoding.hpp"
#include "tests/unit/fakes.hpp"

using namespace ivd;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// CPU seconds of this process: on a busy machine wall time mostly measures the other processes.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

std::string make_csv(int rows, const std::vector<std::string>& regions, const char* name_suffix) {
  std::string csv = csv_record({"机构编码", "机构名称", "机构类型", "所属区划", "医院等级"});
  csv.reserve(static_cast<size_t>(rows) * 70);
  for (int i = 0; i < rows; ++i) {
    const std::string& region = regions[static_cast<size_t>(i) % regions.size()];
    if (i % 20 == 19) {
      csv += csv_record({"E" + std::to_string(1000000 + i), "测试生物科技有限公司" + std::to_string(i) + name_suffix,
                         i % 40 == 39 ? "代理企业" : "生产企业", "", ""});
    } else {
      csv += csv_record({"H" + region + std::to_string(100000 + i), "测试第" + std::to_string(i) + "人民医院" + name_suffix,
                         "医疗机构", region, i % 3 ? "二级甲等" : "三级甲等"});
    }
  }
  return csv;
}

bool report(const char* what, const Result<ImportCounts>& r, double s, double cpu) {
  if (!r) {
    std::printf("%s failed: %s\n", what, r.error().message_en.c_str());
    return false;
  }
  std::printf("%-28s %7.3f s wall %7.3f s cpu  (inserted %d, updated %d, unchanged %d, %s)\n", what, s, cpu, r->inserted, r->updated,
              r->unchanged, std::string(encoding_name(r->encoding)).c_str());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const int rows = argc > 1 ? std::atoi(argv[1]) : 50000;
  const auto path = std::filesystem::temp_directory_path() / "ivd_import_bench.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  auto db = Db::open(path.string());
  if (!db || !migrate(*db) || !seed_regions(*db)) return std::puts("setup failed"), 1;

  std::vector<std::string> regions;
  {
    auto st = db->prepare("SELECT code FROM regions WHERE level IN ('city', 'province_level') ORDER BY code");
    while (*st->step()) regions.push_back(st->col_text(0));
  }
  const std::string csv = make_csv(rows, regions, "");
  const std::string renamed = make_csv(rows, regions, "（新）");
  auto gbk = utf8_to_gbk(renamed);
  if (!gbk) return std::puts("GBK encoding failed"), 1;
  std::printf("institutions import benchmark: %d rows, %.1f MB CSV, database %s\n", rows, csv.size() / 1e6,
              path.string().c_str());

  FakeClock clock;
  // Each import is timed on its own (argument evaluation order would otherwise decide what is timed).
  auto timed_import = [&](const char* what, const std::string& bytes) {
    auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_seconds();
    auto r = import_institutions(*db, bytes, clock.now());
    const double cpu = cpu_seconds() - c0;
    return report(what, r, seconds_since(t0), cpu);
  };
  if (!timed_import("first import (inserts)", csv)) return 1;
  if (!timed_import("same file again", csv)) return 1;
  if (!timed_import("every name changed (GBK)", *gbk)) return 1;

  CountingRandom random;
  PlainHasher hasher;
  TextCaptchaPainter painter;
  Services svc{clock, random, hasher, painter};
  auto t0 = std::chrono::steady_clock::now();
  const double c0 = cpu_seconds();
  auto users = ensure_hospital_users(*db, svc);
  if (!users) return std::printf("users failed: %s\n", users.error().message_en.c_str()), 1;
  std::printf("%-28s %7.3f s wall %7.3f s cpu  (%d users)\n", "one user per hospital", seconds_since(t0),
              cpu_seconds() - c0, users->created);
  return 0;
}
