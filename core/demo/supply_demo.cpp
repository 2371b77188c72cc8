// [SECTION] products
// [SECTION] feedback plans
// [SECTION] seeding
#include "core/demo/supply_demo.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "core/accounts/sessions.hpp"
#include "core/base/csv.hpp"
#include "core/files/files.hpp"
#include "core/store/transaction.hpp"
#include "core/supply/deadline.hpp"
#include "core/supply/feedback_actions.hpp"
#include "core/supply/feedback_store.hpp"
#include "core/supply/products.hpp"

namespace ivd {

namespace {

// ---- [SECTION] products ------------------------------------------------------------------------------------
struct Drug {
  const char* generic_name;
  const char* dosage_form;
  const char* specs[2];  // one or two strengths
};

// Products of the national volume-based procurement (国家组织药品集中采购) as hospitals know them.
constexpr Drug kDrugs[] = {
    {"阿托伐他汀钙片", "片剂", {"10mg", "20mg"}},         {"瑞舒伐他汀钙片", "片剂", {"5mg", "10mg"}},
    {"苯磺酸氨氯地平片", "片剂", {"5mg", nullptr}},       {"厄贝沙坦片", "片剂", {"75mg", "150mg"}},
    {"缬沙坦胶囊", "胶囊剂", {"80mg", nullptr}},          {"硫酸氢氯吡格雷片", "片剂", {"75mg", "25mg"}},
    {"替格瑞洛片", "片剂", {"90mg", nullptr}},            {"利伐沙班片", "片剂", {"10mg", "20mg"}},
    {"盐酸二甲双胍片", "片剂", {"0.5g", nullptr}},        {"格列美脲片", "片剂", {"2mg", nullptr}},
    {"阿卡波糖片", "片剂", {"50mg", nullptr}},            {"恩替卡韦分散片", "片剂", {"0.5mg", nullptr}},
    {"富马酸替诺福韦二吡呋酯片", "片剂", {"300mg", nullptr}}, {"奥美拉唑肠溶胶囊", "胶囊剂", {"20mg", nullptr}},
    {"泮托拉唑钠肠溶片", "片剂", {"40mg", nullptr}},      {"蒙脱石散", "散剂", {"3g", nullptr}},
    {"阿莫西林胶囊", "胶囊剂", {"0.25g", "0.5g"}},        {"头孢呋辛酯片", "片剂", {"0.25g", nullptr}},
    {"左氧氟沙星片", "片剂", {"0.5g", nullptr}},          {"阿奇霉素片", "片剂", {"0.25g", nullptr}},
    {"布洛芬缓释胶囊", "胶囊剂", {"0.3g", nullptr}},      {"塞来昔布胶囊", "胶囊剂", {"0.2g", nullptr}},
    {"孟鲁司特钠片", "片剂", {"10mg", nullptr}},          {"氯雷他定片", "片剂", {"10mg", nullptr}},
    {"盐酸左西替利嗪片", "片剂", {"5mg", nullptr}},       {"吉非替尼片", "片剂", {"0.25g", nullptr}},
    {"甲磺酸伊马替尼片", "片剂", {"0.1g", nullptr}},      {"来曲唑片", "片剂", {"2.5mg", nullptr}},
    {"阿那曲唑片", "片剂", {"1mg", nullptr}},             {"奥氮平片", "片剂", {"5mg", "10mg"}},
    {"阿立哌唑片", "片剂", {"5mg", nullptr}},             {"草酸艾司西酞普兰片", "片剂", {"10mg", nullptr}},
    {"盐酸舍曲林片", "片剂", {"50mg", nullptr}},          {"左乙拉西坦片", "片剂", {"0.25g", "0.5g"}},
    {"普瑞巴林胶囊", "胶囊剂", {"75mg", nullptr}},        {"注射用头孢曲松钠", "注射剂", {"1g", nullptr}},
    {"注射用头孢他啶", "注射剂", {"1g", nullptr}},        {"注射用美罗培南", "注射剂", {"0.5g", nullptr}},
    {"盐酸右美托咪定注射液", "注射剂", {"2ml:0.2mg", nullptr}}, {"注射用帕瑞昔布钠", "注射剂", {"40mg", nullptr}},
    {"盐酸昂丹司琼注射液", "注射剂", {"4ml:8mg", nullptr}}, {"碘克沙醇注射液", "注射剂", {"100ml:32g", nullptr}},
    {"布地奈德吸入用混悬液", "吸入剂", {"2ml:1mg", nullptr}}, {"甲钴胺片", "片剂", {"0.5mg", nullptr}},
    {"非布司他片", "片剂", {"40mg", nullptr}},            {"托拉塞米片", "片剂", {"10mg", nullptr}},
    {"螺内酯片", "片剂", {"20mg", nullptr}},              {"琥珀酸美托洛尔缓释片", "片剂", {"47.5mg", nullptr}},
    {"富马酸比索洛尔片", "片剂", {"5mg", nullptr}},       {"坎地沙坦酯片", "片剂", {"8mg", nullptr}},
    {"硝苯地平控释片", "片剂", {"30mg", nullptr}},        {"依折麦布片", "片剂", {"10mg", nullptr}},
    {"盐酸氨溴索片", "片剂", {"30mg", nullptr}},          {"盐酸多奈哌齐片", "片剂", {"5mg", nullptr}},
    {"磷酸西格列汀片", "片剂", {"100mg", nullptr}},       {"达格列净片", "片剂", {"10mg", nullptr}},
    {"甘精胰岛素注射液", "注射剂", {"3ml:300单位", nullptr}}, {"门冬胰岛素注射液", "注射剂", {"3ml:300单位", nullptr}},
    {"碳酸氢钠片", "片剂", {"0.5g", nullptr}},            {"氯化钾缓释片", "片剂", {"0.5g", nullptr}},
};
constexpr const char* kBatchNumbers[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
constexpr std::string_view kBackupEvery = "every 8th product";  // see product_batch

struct Enterprise {
  int64_t id = 0;
  std::string code, name;
};

Result<std::vector<Enterprise>> enterprises_of(Db& db, const char* kind) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT id, code, name FROM institutions WHERE kind = ? ORDER BY id"));
  st.bind(1, kind);
  std::vector<Enterprise> out;
  IVD_TRY(st.each([&](const Stmt& r) { out.push_back({r.col_int(0), r.col_text(1), r.col_text(2)}); }));
  return out;
}

std::string product_serial(int i) {
  std::string n = std::to_string(100001 + i);
  return "YP" + n;
}

// One in eight products belongs to a 备供 batch (the manual's names, in turn), the others to 国采
// 第一批..第十批.
std::string product_batch(int i) {
  (void)kBackupEvery;
  if (i % 8 == 7) return std::string(kBackupBatches[(i / 8) % std::size(kBackupBatches)]);
  return std::string("国采第") + kBatchNumbers[(i / 3) % std::size(kBatchNumbers)] + "批";
}

// The demo enterprise E440300001 (the first manufacturer) makes every fourth product, so its user has
// feedback to answer; the others are spread over the remaining manufacturers; every fifth product is
// declared by an agent (申报企业 ≠ 生产企业).
struct ProductPlan {
  std::string serial, generic_name, dosage_form, spec, batch;
  size_t manufacturer = 0;
  std::optional<size_t> agent;
};

std::vector<ProductPlan> product_plans(size_t manufacturers, size_t agents) {
  std::vector<ProductPlan> out;
  int i = 0;
  for (const Drug& d : kDrugs) {
    for (const char* spec : d.specs) {
      if (!spec) continue;
      ProductPlan p{product_serial(i), d.generic_name, d.dosage_form, spec, product_batch(i), 0, std::nullopt};
      p.manufacturer = i % 4 == 0 || manufacturers < 2 ? 0 : 1 + static_cast<size_t>(i) % (manufacturers - 1);
      if (i % 5 == 2 && agents > 0) p.agent = static_cast<size_t>(i) % agents;
      out.push_back(std::move(p));
      ++i;
    }
  }
  return out;
}

}  // namespace

Result<std::string> supply_demo_products_csv(Db& db) {
  IVD_ASSIGN_OR_RETURN(auto makers, enterprises_of(db, "manufacturer"));
  IVD_ASSIGN_OR_RETURN(auto agents, enterprises_of(db, "agent"));
  if (makers.empty()) return make_error(ErrorKind::bad_request, "supply.demo.no_enterprises");
  std::string csv = csv_record({"流水号", "通用名", "剂型", "规格", "生产企业", "申报企业", "批次"});
  for (const auto& p : product_plans(makers.size(), agents.size())) {
    const Enterprise& m = makers[p.manufacturer];
    // Names as people type them: the match folds widths and spaces (products.hpp).
    csv += csv_record({p.serial, p.generic_name, p.dosage_form, p.spec, m.name,
                       p.agent ? agents[*p.agent].name : m.name, p.batch});
  }
  return csv;
}

namespace {

// ---- [SECTION] feedback plans -------------------------------------------------------------------------------
enum class Path {
  draft,              // 待提交
  returned,           // 待提交 after the admin's 退回
  pending_admin,      // 待管理机构确认
  pending_enterprise, // 待企业确认, confirmed today
  due_today,          // 待企业确认 on its deadline day (剩余处理天数 0)
  enterprise_confirmed,
  pending_hospital,
  resolved,
  unresolved,
  timed_out,          // the enterprise did not answer: the sweep writes 未解决（超时）
};

struct FeedbackPlan {
  const char* region;  // the hospital's region (a city or 省本级)
  int hospital;        // the n-th hospital of that region (by code)
  bool first_maker;    // a product of E440300001
  Path path;
  const char* problem;
  const char* description;
};

constexpr FeedbackPlan kPlans[] = {
    // 合肥市第一人民医院 (H34010000001): one of each.
    {"340100", 0, false, Path::draft, "shortage", "院内库存仅剩 3 天用量，配送企业称厂家暂停供货，请协调恢复供应。"},
    {"340100", 0, false, Path::returned, "late_delivery", "订单下达后 10 天仍未配送到院。"},
    {"340100", 0, false, Path::pending_admin, "shortage", "近一个月平台订单多次显示缺货，患者取药困难。"},
    {"340100", 0, true, Path::pending_enterprise, "late_delivery", "配送周期由 2 天延长至 7 天，影响门诊用药。"},
    {"340100", 0, true, Path::due_today, "shortage", "中选产品断供，临床只能使用非中选产品替代。"},
    {"340100", 0, true, Path::enterprise_confirmed, "quality", "部分批号药片出现裂片，已封存待查。"},
    {"340100", 0, false, Path::pending_hospital, "shortage", "连续两周未到货。"},
    {"340100", 0, false, Path::resolved, "late_delivery", "配送不及时，已联系配送企业。"},
    {"340100", 0, false, Path::unresolved, "price", "配送企业要求按非中选价格结算。"},
    {"340100", 0, true, Path::timed_out, "shortage", "缺货超过一个月，多次联系企业未果。"},
    // 合肥市 another hospital, 芜湖市, 安徽省省本级 (confirmed by the province admin).
    {"340100", 1, false, Path::pending_admin, "late_delivery", "急诊用药配送不及时。"},
    {"340100", 1, true, Path::resolved, "shortage", "短期缺货，企业已补货。"},
    {"340200", 0, false, Path::pending_admin, "shortage", "平台显示有货但配送企业无法供货。"},
    {"340200", 0, true, Path::pending_enterprise, "quality", "包装破损较多。"},
    {"340200", 0, false, Path::pending_hospital, "late_delivery", "配送时间不固定。"},
    {"340099", 0, false, Path::pending_admin, "shortage", "省级医院用量大，库存告急。"},
    {"340099", 0, true, Path::pending_enterprise, "late_delivery", "节假日前后配送中断。"},
    {"340099", 0, false, Path::resolved, "other", "配送企业变更后未及时通知医院。"},
    // 江苏省南京市, 广东省广州市 and 深圳市.
    {"320100", 0, false, Path::pending_admin, "shortage", "中选药品持续缺货。"},
    {"320100", 0, true, Path::pending_hospital, "late_delivery", "配送不及时。"},
    {"320100", 0, false, Path::unresolved, "quality", "效期过短（不足 6 个月）。"},
    {"440100", 0, false, Path::resolved, "shortage", "缺货一周，已恢复。"},
    {"440100", 0, true, Path::enterprise_confirmed, "late_delivery", "偏远院区配送不到位。"},
    {"440300", 0, false, Path::draft, "price", "配送费用争议。"},
    {"440300", 0, true, Path::timed_out, "shortage", "长期断供。"},
};

// A minimal PDF, distinct per name (attachments and 约谈记录 of the demo).
std::string demo_pdf(const std::string& title) {
  return "%PDF-1.4\n% supply demo: " + title +
         "\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
         "trailer << /Root 1 0 R >>\n%%EOF\n";
}

// A clock the seed sets back for the earlier steps of a flow.
struct SetClock : Clock {
  int64_t t = 0;
  int64_t now() override { return t; }
};

struct Seeder {
  Db& db;
  Services& real;
  SetClock clock;
  Services svc;
  SupplyDemoReport& report;
  std::map<std::string, Actor> actors;

  Seeder(Db& d, Services& s, SupplyDemoReport& r)
      : db(d), real(s), svc{clock, s.random, s.hasher, s.captcha_painter, s.settings, s.files}, report(r) {}

  Result<Actor> actor(const std::string& username) {
    if (auto it = actors.find(username); it != actors.end()) return it->second;
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT id FROM users WHERE username = ?"));
    st.bind(1, username);
    IVD_ASSIGN_OR_RETURN(const bool found, st.step());
    if (!found) return make_error(ErrorKind::bad_request, "supply.demo.no_user", {}, {username});
    const int64_t id = st.col_int(0);
    st.reset();
    IVD_ASSIGN_OR_RETURN(auto a, load_actor(db, id));
    actors.emplace(username, a);
    return a;
  }

  Result<int64_t> upload(const Actor& a, const std::string& name) {
    const std::string bytes = demo_pdf(name);
    IVD_ASSIGN_OR_RETURN(auto f, register_upload(db, a, bytes, name, clock.t));
    report.files.push_back({f.sha256, bytes});
    return f.id;
  }

  Result<std::string> hospital_code(const char* region, int n) {
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
        "SELECT code FROM institutions WHERE kind = 'hospital' AND region_code = ? ORDER BY code LIMIT 1 OFFSET ?"));
    st.bind(1, region).bind(2, n);
    IVD_ASSIGN_OR_RETURN(const bool found, st.step());
    if (!found) return make_error(ErrorKind::bad_request, "supply.demo.no_hospital", {}, {region});
    return st.col_text(0);
  }

  // The account that confirms: the city admin, or the province admin for 省本级 hospitals.
  std::string reviewer_of(const std::string& region) {
    if (region.substr(2) == "0099") return "admin_" + region.substr(0, 2);
    return "city_" + region;
  }

  // A day, at `hour` CST, as unix seconds.
  static int64_t at(int64_t day, int hour) { return day * 86400 - 8 * 3600 + hour * 3600; }

  Status run(const FeedbackPlan& plan, const std::string& serial, const std::string& maker_code) {
    const int64_t now = real.clock.now(), today = cst_day(now);
    const auto cal = work_calendar();
    IVD_ASSIGN_OR_RETURN(const std::string code, hospital_code(plan.region, plan.hospital));
    IVD_ASSIGN_OR_RETURN(const Actor hospital, actor(code));
    IVD_ASSIGN_OR_RETURN(const Actor reviewer, actor(reviewer_of(plan.region)));
    IVD_ASSIGN_OR_RETURN(const Actor maker, actor(maker_code));

    // When the admin confirms: today for a fresh item; the latest day whose deadline is still today or
    // later for the item due today; days or weeks back for the items further on.
    int64_t confirm_day = today - 2;
    switch (plan.path) {
      case Path::pending_enterprise: confirm_day = today; break;
      case Path::due_today:
        confirm_day = today;
        for (int back = 1; back < 30 && deadline_after(*cal, today - back) >= today; ++back) confirm_day = today - back;
        break;
      case Path::pending_hospital: confirm_day = today - 6; break;
      case Path::resolved:
      case Path::unresolved: confirm_day = today - 20; break;
      case Path::timed_out: confirm_day = today - 25; break;
      default: break;
    }
    int64_t t = at(confirm_day - 1, 9);  // 新增 and 提交 the day before
    if (plan.path == Path::draft || plan.path == Path::pending_admin || plan.path == Path::returned) t = at(today - 1, 9);
    clock.t = std::min(t, now);

    FeedbackInput in;
    in.serial = serial;
    in.problem_type = plan.problem;
    in.description = plan.description;
    in.occurred_on = format_date(cst_day(clock.t) - 3);
    in.contact_name = "王建国";
    in.contact_phone = "0551-62283456";
    IVD_ASSIGN_OR_RETURN(const int64_t attachment, upload(hospital, "缺货情况说明_" + code + ".pdf"));
    in.attachment_ids = {attachment};
    const bool submit = plan.path != Path::draft;
    IVD_ASSIGN_OR_RETURN(auto d, create_feedback(db, svc, hospital, in, submit));
    ++report.feedback;
    if (plan.path == Path::draft || plan.path == Path::pending_admin) return ok_status();

    if (plan.path == Path::returned) {
      clock.t = std::min(clock.t + 3 * 3600, now);
      ReviewInput r{ReviewDecision::ret, std::nullopt, "问题描述不完整，请补充缺货时间和涉及的订单号后重新提交。"};
      IVD_ASSIGN_OR_RETURN(d, review_feedback(db, svc, reviewer, d.row.id, d.row.revision, r));
      return ok_status();
    }
    clock.t = std::min(at(confirm_day, 10), now);
    IVD_ASSIGN_OR_RETURN(const int64_t interview, upload(reviewer, "约谈记录_" + code + ".pdf"));
    ReviewInput confirm{ReviewDecision::confirm, interview, "已约谈配送企业，请生产企业尽快处理。"};
    IVD_ASSIGN_OR_RETURN(d, review_feedback(db, svc, reviewer, d.row.id, d.row.revision, confirm));
    if (plan.path == Path::pending_enterprise || plan.path == Path::due_today || plan.path == Path::timed_out)
      return ok_status();

    clock.t = std::min(at(confirm_day + 1, 15), now);
    const bool deliver_later = plan.path == Path::enterprise_confirmed;
    IVD_ASSIGN_OR_RETURN(d, answer_feedback(db, svc, maker, d.row.id, d.row.revision,
                                            "已安排补货，预计 3 个工作日内送达，并调整配送企业的配送计划。",
                                            !deliver_later));
    if (plan.path == Path::enterprise_confirmed || plan.path == Path::pending_hospital) return ok_status();

    clock.t = std::min(at(confirm_day + 3, 11), now);
    const bool resolved = plan.path == Path::resolved;
    IVD_ASSIGN_OR_RETURN(d, record_outcome(db, svc, hospital, d.row.id, d.row.revision, resolved,
                                           resolved ? "已到货，问题解决。" : "仍未到货，问题未解决。"));
    return ok_status();
  }
};

}  // namespace

// ---- [SECTION] seeding ------------------------------------------------------------------------------------------
Status seed_supply_demo(Db& db, Services& svc, SupplyDemoReport* report_out) {
  SupplyDemoReport local;
  SupplyDemoReport& report = report_out ? *report_out : local;
  return transaction(db, [&]() -> Status {
    {
      IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT count(*) FROM supply_products"));
      IVD_TRY(st.step());
      if (st.col_int(0) > 0) return ok_status();  // seeded already
    }
    IVD_ASSIGN_OR_RETURN(auto makers, enterprises_of(db, "manufacturer"));
    IVD_ASSIGN_OR_RETURN(auto agents, enterprises_of(db, "agent"));
    IVD_ASSIGN_OR_RETURN(const std::string csv, supply_demo_products_csv(db));
    IVD_ASSIGN_OR_RETURN(auto counts, import_products_csv(db, csv, svc.clock.now()));
    report.created = true;
    report.products = counts.inserted;
    const auto plans = product_plans(makers.size(), agents.size());
    for (const auto& p : plans) report.backup_products += is_backup_batch(p.batch) ? 1 : 0;

    // Each plan its own selectable product (no two open items of one 流水号 in a city), of the first
    // manufacturer when the plan says so.
    size_t next_first = 0, next_other = 0;
    auto pick = [&](bool first) -> std::pair<std::string, std::string> {
      size_t& next = first ? next_first : next_other;
      for (; next < plans.size(); ++next) {
        const auto& p = plans[next];
        if (is_backup_batch(p.batch) || (p.manufacturer == 0) != first) continue;
        return {plans[next++].serial, makers[p.manufacturer].code};
      }
      return {};
    };
    Seeder seeder(db, svc, report);
    for (const auto& plan : kPlans) {
      auto [serial, maker] = pick(plan.first_maker);
      if (serial.empty()) return make_error(ErrorKind::internal, "supply.demo.products");
      IVD_TRY(seeder.run(plan, serial, maker));
    }
    IVD_TRY(sweep_timeouts(db, svc.clock.now()));  // the timed-out ones, as the server's sweep would
    return ok_status();
  });
}

}  // namespace ivd
