#pragma once
// Demo data of the supply-problem feedback (README "Demo logins", browser tests):
//   * ~130 national selected products (国家中选项目) of the 国采 batches, with realistic generic names,
//     dosage forms and strengths, made by the demo enterprises (some declared by an agent), and about
//     one in eight in a 备供 batch (never selectable);
//   * feedback in every status, across several cities of 安徽省, 江苏省 and 广东省 and the 省本级 of 安徽省:
//     待提交 (one returned with a reason), 待管理机构确认, 待企业确认 (one confirmed today, one on its
//     deadline day: 剩余处理天数 0), 企业已确认, 待医疗机构确认, 已解决, 未解决, 未解决（超时） (written
//     by the sweep); the demo enterprise E440300001 has items to confirm and to submit.
// Everything goes through the regular import and flow functions (the transition step, events, the
// duplicate rule), with the clock set back for the earlier steps. Needs seed_demo first (regions,
// hospitals, enterprises, users). Idempotent: nothing happens when products exist already.
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/result.hpp"
#include "core/base/services.hpp"
#include "core/store/db.hpp"

namespace ivd {

struct SupplyDemoFile {
  std::string sha256;
  std::string bytes;
};

struct SupplyDemoReport {
  bool created = false;
  int products = 0;
  int backup_products = 0;
  int feedback = 0;
  std::vector<SupplyDemoFile> files;  // attachments and 约谈记录: the caller stores them like uploads
};

Status seed_supply_demo(Db& db, Services& svc, SupplyDemoReport* report = nullptr);

// The products CSV of the demo (the import's format), for tests and the bench.
Result<std::string> supply_demo_products_csv(Db& db);

}  // namespace ivd
