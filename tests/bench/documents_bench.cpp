// Generated documents (issue 11 "Measure and report", targets in brackets), on a national database of
// H hospitals × L lines over 2,000 注册证, built once and kept in the temp folder for later runs:
//   1. national 汇总数据导出 CSV      (produce_national_csv)   time and peak memory   [< 2 s]
//   2. national 汇总数据导出 XLSX     (produce_national_xlsx, streamed to a file)  time and peak memory
//   3. province 汇总数据导出 PDF of the province with the most 注册证 (2,000)    time and peak memory  [< 5 s]
// Each document is made in a fresh process (this program run again with --one KIND), so its peak
// memory (getrusage maxrss) is the document's own, not the database build's.
// Usage: documents_bench [hospitals=50000] [lines=300]
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/accounts/initial_users.hpp"
#include "core/accounts/sessions.hpp"
#include "core/base/csv.hpp"
#include "core/demo/ivd_demo.hpp"
#include "core/org/institutions.hpp"
#include "core/org/regions.hpp"
#include "core/store/schema.hpp"
#include "server/documents/producers.hpp"
#include "tests/unit/fakes.hpp"

using namespace ivd;
using Steady = std::chrono::steady_clock;

namespace {

double ms_since(Steady::time_point t0) { return std::chrono::duration<double, std::milli>(Steady::now() - t0).count(); }

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "documents_bench: %s\n", what.c_str());
  std::exit(1);
}

template <class T>
T need(Result<T> r, const char* what) {
  if (!r) die(std::string(what) + ": " + r.error().message_en);
  return std::move(r.value());
}

std::string hospitals_csv(Db& db, int count) {
  std::vector<std::string> regions;
  auto st = need(db.prepare("SELECT code FROM regions WHERE level IN ('city', 'province_level') ORDER BY code"), "regions");
  while (need(st.step(), "regions")) regions.push_back(st.col_text(0));
  std::string csv = csv_record({"机构编码", "机构名称", "机构类型", "所属区划", "医院等级"});
  for (int i = 0; i < count; ++i) {
    const std::string& region = regions[static_cast<size_t>(i) % regions.size()];
    csv += csv_record({"H" + region + std::to_string(100000 + i), "基准测试第" + std::to_string(i) + "医院", "医疗机构",
                       region, "二级甲等"});
  }
  return csv;
}

void build_database(const std::string& path, Services& svc, int hospitals, int lines) {
  const auto t0 = Steady::now();
  auto db = need(Db::open(path), "open");
  if (!migrate(db) || !seed_regions(db)) die("schema or regions failed");
  need(import_institutions(db, hospitals_csv(db, hospitals), svc.clock.now()), "import");
  need(ensure_super_admin(db, svc), "super admin");
  IvdDemoOptions o;
  o.serials = std::max(5000, lines);
  o.certificates = 2000;
  o.min_lines = lines;
  o.max_lines = lines;
  if (auto s = seed_ivd_demo(db, svc, o); !s) die("demo: " + s.error().message_en);
  std::printf("built the database in %.1f s\n", ms_since(t0) / 1000);
}

int64_t scalar(Db& db, const std::string& sql) {
  auto st = need(db.prepare(sql), sql.c_str());
  if (!need(st.step(), sql.c_str())) die("no row: " + sql);
  return st.col_int(0);
}

// One document in this process: prints "KIND ms rows bytes maxrss_kb".
int one(const std::string& kind, const std::string& path) {
  FakeClock clock;
  CountingRandom random;
  PlainHasher hasher;
  TextCaptchaPainter painter;
  Services svc{clock, random, hasher, painter};
  auto db = need(Db::open(path), "open");
  const int64_t pid = scalar(db, "SELECT max(id) FROM ivd_projects");
  const Actor admin = need(load_actor(db, scalar(db, "SELECT id FROM users WHERE username = 'admin'")), "admin");
  nlohmann::json params = {{"project_id", pid}};
  const std::string out = (std::filesystem::temp_directory_path() / ("documents_bench_out_" + std::to_string(getpid()))).string();
  documents::Producer produce;
  std::string rows_sql = "SELECT count(*) FROM ivd_cert_totals WHERE project_id = " + std::to_string(pid);
  if (kind == "national.csv") {
    produce = documents::produce_national_csv;
  } else if (kind == "national.xlsx") {
    produce = documents::produce_national_xlsx;
    params["out_path"] = out;
  } else if (kind == "province.pdf") {
    // The province with the most 注册证 (2,000 when every certificate is reported there).
    auto st = need(db.prepare("SELECT province_code FROM ivd_cert_totals WHERE project_id = ? GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"), "prov");
    st.bind(1, pid);
    if (!need(st.step(), "prov")) die("no province");
    params["province"] = st.col_text(0);
    rows_sql += " AND province_code = '" + st.col_text(0) + "'";
    produce = documents::produce_province_pdf;
  } else {
    die("unknown kind " + kind);
  }
  const int64_t rows = scalar(db, rows_sql);
  documents::Progress progress;
  const auto t0 = Steady::now();
  auto doc = need(produce(db, svc, admin, params, progress), kind.c_str());
  const double ms = ms_since(t0);
  const auto size = doc.file.empty() ? doc.bytes.size() : std::filesystem::file_size(doc.file);
  std::error_code ec;
  std::filesystem::remove(out, ec);
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("%s %.0f %lld %zu %ld\n", kind.c_str(), ms, static_cast<long long>(rows), static_cast<size_t>(size), ru.ru_maxrss);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--one") return one(argv[2], argv[3]);
  const int hospitals = argc > 1 ? std::atoi(argv[1]) : 50000;
  const int lines = argc > 2 ? std::atoi(argv[2]) : 300;
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("documents_bench_" + std::to_string(hospitals) + "x" + std::to_string(lines) + ".db")).string();
  if (!std::filesystem::exists(path)) {
    FakeClock clock;
    CountingRandom random;
    PlainHasher hasher;
    TextCaptchaPainter painter;
    Services svc{clock, random, hasher, painter};
    build_database(path + ".part", svc, hospitals, lines);
    std::filesystem::rename(path + ".part", path);
  }
  std::printf("database: %d hospitals x %d lines (%s)\n", hospitals, lines, path.c_str());
  std::printf("%-14s %10s %8s %12s %12s %s\n", "document", "time", "rows", "bytes", "peak memory", "target");
  for (const char* kind : {"national.csv", "national.xlsx", "province.pdf"}) {
    const std::string cmd = "'" + std::string(argv[0]) + "' --one " + kind + " '" + path + "'";
    FILE* p = popen(cmd.c_str(), "r");
    char line[512] = {};
    const bool got = p && std::fgets(line, sizeof line, p);
    if (p) pclose(p);
    char name[64] = {};
    double ms = 0;
    long long rows = 0;
    size_t bytes = 0;
    long kb = 0;
    if (!got || std::sscanf(line, "%63s %lf %lld %zu %ld", name, &ms, &rows, &bytes, &kb) != 5) die(std::string("run failed: ") + kind);
    const char* target = std::string(kind) == "national.csv" ? "< 2 s" : std::string(kind) == "province.pdf" ? "< 5 s" : "";
    std::printf("%-14s %8.0f ms %8lld %12zu %9.1f MB %s\n", kind, ms, rows, bytes, static_cast<double>(kb) / 1024, target);
  }
  return 0;
}
