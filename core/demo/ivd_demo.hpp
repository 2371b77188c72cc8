#pragma once
// Demo IVD data for trying the product (README, browser tests, kiosk mode): one 执行中 报量项目 with a
// catalog of ~2,000 流水号 over ~800 注册证 (realistic 大项 / 小项 / product names / enterprises), and a
// sheet for every hospital already in the database (core/demo_seed.hpp creates ~100 per province) in
// every status, with cities and provinces at every review stage:
//   1st participating province: every city 审核通过, the province 已提交 (with the stamped summary);
//   2nd: the same, then withdrawn by the nation (已撤回, with a reason);
//   3rd: every city 审核通过, the province ready to submit (待提交);
//   4th: one city 已提交, one 审核通过, one 上级审核不通过, the rest still reviewing;
//   others: hospitals in every status (未填报, 暂存, 已提交, 审核通过, 审核不通过, 无需上报), cities 待提交.
// Deterministic (same data every run for the same clock and options), idempotent (a project with the
// demo name already there: nothing happens), and fast: batch inserts in one transaction, totals
// rebuilt once at the end.
#include <cstdint>
#include <string>
#include <vector>

#include "core/store/db.hpp"
#include "core/base/result.hpp"
#include "core/base/services.hpp"

namespace ivd {

struct IvdDemoOptions {
  std::string project_name = "2026年度省际联盟体外诊断试剂报量";
  int64_t year = 2026;
  int serials = 2000;        // 流水号 in the catalog
  int certificates = 800;    // 注册证 they share
  int min_lines = 10;        // products a filling hospital reports, at least
  int max_lines = 60;        // ... and at most
  uint64_t seed = 20260601;  // the same seed gives the same data
};

// Files the demo refers to (承诺书, 采购需求量附件, 在用仪器说明文件, 盖章的汇总数据): the caller stores the
// bytes under their SHA-256 like any upload, so downloads work.
struct IvdDemoFile {
  std::string sha256;
  std::string bytes;
};

struct IvdDemoReport {
  bool created = false;  // false: the demo project was already there
  int64_t project_id = 0;
  int catalog_rows = 0;
  int sheets = 0;
  int lines = 0;
  std::vector<IvdDemoFile> files;
};

// Needs regions and hospitals in the database (seed_demo); users are optional (events then carry no
// actor). Participating provinces: every province with at least one hospital.
Status seed_ivd_demo(Db& db, Services& svc, const IvdDemoOptions& options = {}, IvdDemoReport* report = nullptr);

}  // namespace ivd
