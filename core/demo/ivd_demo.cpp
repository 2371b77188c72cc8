// [SECTION] deterministic random source
// [SECTION] catalog generator
// [SECTION] sheets, names and events
// [SECTION] seed_ivd_demo
#include "core/demo/ivd_demo.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "core/ivd/aggregates.hpp"
#include "core/ivd/catalog.hpp"
#include "core/ivd/common.hpp"
#include "core/ivd/files.hpp"
#include "core/ivd/project.hpp"
#include "core/ivd/sheet/quantity.hpp"
#include "core/base/sha256.hpp"
#include "core/ivd/sheet/sheet_model.hpp"

namespace ivd {

namespace {

// splitmix64: tiny, good enough, and the same on every platform.
// ---- [SECTION] deterministic random source -------------------------------------------------------
struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return n == 0 ? 0 : next() % n; }
  bool chance(int percent) { return below(100) < static_cast<uint64_t>(percent); }
  template <class T, size_t N>
  const T& pick(const T (&a)[N]) { return a[below(N)]; }
};

// ---- [SECTION] catalog generator -----------------------------------------------------------------
struct Analyte {
  const char* category;     // 大项
  const char* subcategory;  // 小项
  const char* name;
};

// Common IVD analytes by 大项 / 小项 (names as they appear in Chinese registration certificates).
constexpr Analyte kAnalytes[] = {
    {"临床化学", "肝功能", "丙氨酸氨基转移酶"}, {"临床化学", "肝功能", "天门冬氨酸氨基转移酶"},
    {"临床化学", "肝功能", "总胆红素"}, {"临床化学", "肝功能", "直接胆红素"}, {"临床化学", "肝功能", "总蛋白"},
    {"临床化学", "肝功能", "白蛋白"}, {"临床化学", "肝功能", "γ-谷氨酰基转移酶"}, {"临床化学", "肝功能", "碱性磷酸酶"},
    {"临床化学", "肝功能", "总胆汁酸"}, {"临床化学", "肝功能", "前白蛋白"}, {"临床化学", "肾功能", "肌酐"},
    {"临床化学", "肾功能", "尿素"}, {"临床化学", "肾功能", "尿酸"}, {"临床化学", "肾功能", "胱抑素C"},
    {"临床化学", "肾功能", "β2-微球蛋白"}, {"临床化学", "肾功能", "视黄醇结合蛋白"},
    {"临床化学", "血脂", "总胆固醇"}, {"临床化学", "血脂", "甘油三酯"}, {"临床化学", "血脂", "高密度脂蛋白胆固醇"},
    {"临床化学", "血脂", "低密度脂蛋白胆固醇"}, {"临床化学", "血脂", "载脂蛋白A1"}, {"临床化学", "血脂", "载脂蛋白B"},
    {"临床化学", "血脂", "脂蛋白(a)"}, {"临床化学", "糖代谢", "葡萄糖"}, {"临床化学", "糖代谢", "糖化血红蛋白"},
    {"临床化学", "糖代谢", "糖化白蛋白"}, {"临床化学", "糖代谢", "果糖胺"}, {"临床化学", "心肌酶", "肌酸激酶"},
    {"临床化学", "心肌酶", "肌酸激酶同工酶"}, {"临床化学", "心肌酶", "乳酸脱氢酶"},
    {"临床化学", "心肌酶", "α-羟丁酸脱氢酶"}, {"临床化学", "电解质", "钾"}, {"临床化学", "电解质", "钠"},
    {"临床化学", "电解质", "氯"}, {"临床化学", "电解质", "钙"}, {"临床化学", "电解质", "镁"},
    {"临床化学", "电解质", "无机磷"}, {"临床化学", "特定蛋白", "免疫球蛋白G"}, {"临床化学", "特定蛋白", "免疫球蛋白A"},
    {"临床化学", "特定蛋白", "补体C3"}, {"临床化学", "特定蛋白", "补体C4"}, {"临床化学", "特定蛋白", "同型半胱氨酸"},
    {"免疫", "肿瘤标志物", "甲胎蛋白"}, {"免疫", "肿瘤标志物", "癌胚抗原"}, {"免疫", "肿瘤标志物", "糖类抗原125"},
    {"免疫", "肿瘤标志物", "糖类抗原19-9"}, {"免疫", "肿瘤标志物", "糖类抗原15-3"},
    {"免疫", "肿瘤标志物", "总前列腺特异性抗原"}, {"免疫", "肿瘤标志物", "游离前列腺特异性抗原"},
    {"免疫", "肿瘤标志物", "细胞角蛋白19片段"}, {"免疫", "肿瘤标志物", "神经元特异性烯醇化酶"},
    {"免疫", "肿瘤标志物", "胃泌素释放肽前体"}, {"免疫", "肿瘤标志物", "鳞状上皮细胞癌抗原"},
    {"免疫", "甲状腺功能", "促甲状腺激素"}, {"免疫", "甲状腺功能", "游离甲状腺素"},
    {"免疫", "甲状腺功能", "游离三碘甲状腺原氨酸"}, {"免疫", "甲状腺功能", "甲状腺球蛋白抗体"},
    {"免疫", "甲状腺功能", "甲状腺过氧化物酶抗体"}, {"免疫", "传染病", "乙型肝炎病毒表面抗原"},
    {"免疫", "传染病", "乙型肝炎病毒表面抗体"}, {"免疫", "传染病", "乙型肝炎病毒e抗原"},
    {"免疫", "传染病", "丙型肝炎病毒抗体"}, {"免疫", "传染病", "人类免疫缺陷病毒抗原抗体"},
    {"免疫", "传染病", "梅毒螺旋体抗体"}, {"免疫", "心脏标志物", "心肌肌钙蛋白I"},
    {"免疫", "心脏标志物", "心肌肌钙蛋白T"}, {"免疫", "心脏标志物", "N末端B型利钠肽原"}, {"免疫", "心脏标志物", "肌红蛋白"},
    {"免疫", "炎症标志物", "C反应蛋白"}, {"免疫", "炎症标志物", "降钙素原"}, {"免疫", "炎症标志物", "白细胞介素6"},
    {"免疫", "炎症标志物", "血清淀粉样蛋白A"}, {"免疫", "生殖激素", "人绒毛膜促性腺激素"},
    {"免疫", "生殖激素", "促卵泡生成素"}, {"免疫", "生殖激素", "促黄体生成素"}, {"免疫", "生殖激素", "孕酮"},
    {"免疫", "生殖激素", "雌二醇"}, {"免疫", "生殖激素", "抗缪勒管激素"}, {"免疫", "贫血", "铁蛋白"},
    {"免疫", "贫血", "维生素B12"}, {"免疫", "贫血", "叶酸"}, {"免疫", "骨代谢", "25-羟基维生素D"},
    {"分子诊断", "呼吸道病原体", "新型冠状病毒"}, {"分子诊断", "呼吸道病原体", "甲型流感病毒"},
    {"分子诊断", "呼吸道病原体", "乙型流感病毒"}, {"分子诊断", "呼吸道病原体", "呼吸道合胞病毒"},
    {"分子诊断", "呼吸道病原体", "肺炎支原体"}, {"分子诊断", "结核", "结核分枝杆菌"},
    {"分子诊断", "肝炎病毒", "乙型肝炎病毒DNA"}, {"分子诊断", "肝炎病毒", "丙型肝炎病毒RNA"},
    {"分子诊断", "妇科感染", "人乳头瘤病毒"}, {"分子诊断", "妇科感染", "沙眼衣原体"},
    {"分子诊断", "肿瘤基因", "EGFR基因突变"}, {"分子诊断", "肿瘤基因", "KRAS基因突变"},
    {"分子诊断", "肿瘤基因", "BRAF基因突变"}, {"分子诊断", "遗传病", "地中海贫血基因"},
    {"血液学", "凝血", "凝血酶原时间"}, {"血液学", "凝血", "活化部分凝血活酶时间"}, {"血液学", "凝血", "纤维蛋白原"},
    {"血液学", "凝血", "凝血酶时间"}, {"血液学", "凝血", "D-二聚体"}, {"血液学", "凝血", "纤维蛋白(原)降解产物"},
    {"血液学", "凝血", "抗凝血酶Ⅲ"}, {"血液学", "血型", "ABO/RhD血型"}, {"血液学", "血细胞分析", "网织红细胞"},
    {"微生物", "药敏", "细菌药物敏感性"}, {"微生物", "鉴定", "细菌鉴定"}, {"微生物", "真菌", "(1-3)-β-D葡聚糖"},
    {"微生物", "真菌", "曲霉菌半乳甘露聚糖"}, {"尿液分析", "尿液干化学", "尿液分析"},
    {"尿液分析", "尿液生化", "尿微量白蛋白"},
};

const char* method_for(std::string_view category, Rng& rng) {
  static constexpr const char* chem[] = {"速率法", "酶法", "比色法", "免疫比浊法", "氧化酶法"};
  static constexpr const char* immu[] = {"化学发光法", "电化学发光法", "磁微粒化学发光法", "酶联免疫吸附法", "胶体金法", "荧光免疫层析法"};
  static constexpr const char* mole[] = {"荧光PCR法", "PCR-荧光探针法", "恒温扩增法"};
  static constexpr const char* hema[] = {"凝固法", "免疫比浊法", "发色底物法", "微柱凝胶法"};
  static constexpr const char* micr[] = {"比浊法", "显色法", "微量肉汤稀释法"};
  static constexpr const char* urin[] = {"干化学法", "免疫比浊法"};
  if (category == "临床化学") return rng.pick(chem);
  if (category == "免疫") return rng.pick(immu);
  if (category == "分子诊断") return rng.pick(mole);
  if (category == "血液学") return rng.pick(hema);
  if (category == "微生物") return rng.pick(micr);
  return rng.pick(urin);
}

std::string product_name(const Analyte& a, const char* method) {
  std::string_view cat = a.category;
  if (cat == "分子诊断") return std::string(a.name) + "核酸检测试剂盒（" + method + "）";
  if (cat == "微生物" && std::string_view(a.subcategory) == "药敏") return std::string("细菌药物敏感性试验试剂盒（") + method + "）";
  if (std::string_view(a.subcategory) == "血型") return std::string("ABO/RhD血型检测卡（") + method + "）";
  return std::string(a.name) + "测定试剂盒（" + method + "）";
}

std::vector<std::string> make_manufacturers(Rng& rng) {
  static constexpr const char* places[] = {"北京", "上海", "深圳", "广州", "杭州", "南京", "苏州", "合肥", "武汉", "成都",
                                           "长沙", "厦门", "天津", "重庆", "西安", "郑州", "宁波", "珠海", "长春", "济南"};
  static constexpr const char* cores[] = {"康瑞", "华检", "安诺", "博晟", "精准", "汇生", "迪安", "科华", "英诺", "泰普",
                                          "睿达", "明德", "新源", "正和", "瀚宇", "利德", "德赛", "海思", "云康", "普康"};
  static constexpr const char* kinds[] = {"生物技术", "生物科技", "医疗科技", "诊断技术", "生物工程", "医学科技"};
  std::set<std::string> seen;
  std::vector<std::string> out;
  while (out.size() < 60) {
    std::string n = std::string(rng.pick(places)) + rng.pick(cores) + rng.pick(kinds) + (rng.chance(20) ? "股份有限公司" : "有限公司");
    if (seen.insert(n).second) out.push_back(std::move(n));
  }
  // A few importers (进口注册证 belong to their foreign makers).
  for (const char* n : {"罗氏诊断产品（上海）有限公司", "西门子医学诊断产品（上海）有限公司", "雅培（上海）诊断产品贸易有限公司",
                        "贝克曼库尔特商贸（中国）有限公司", "希森美康医用电子（上海）有限公司"})
    out.emplace_back(n);
  return out;
}

std::vector<CatalogRow> make_catalog(const IvdDemoOptions& o, Rng& rng) {
  static constexpr const char* liquid[] = {"2×50ml", "4×50ml", "2×20ml", "4×20ml", "R1:2×60ml R2:1×30ml",
                                           "R1:4×45ml R2:2×25ml", "R1:1×80ml R2:1×20ml", "10×4ml", "6×10ml"};
  static constexpr const char* kits[] = {"100人份/盒", "50人份/盒", "48人份/盒", "24人份/盒", "96测试/盒",
                                         "200测试/盒", "20人份/盒", "25人份/盒", "192测试/盒"};
  static constexpr const char* local_prefix[] = {"皖械注准", "苏械注准", "浙械注准", "粤械注准", "京械注准", "沪械注准"};
  const auto makers = make_manufacturers(rng);
  const int certs = std::max(1, o.certificates);
  const int serials = std::clamp(o.serials, certs, certs * 6);
  // Spread the serials: one per certificate, the rest at random (a 注册证 has several 规格/包装).
  std::vector<int> per_cert(static_cast<size_t>(certs), 1);
  for (int i = certs; i < serials; ++i) {
    auto& n = per_cert[rng.below(static_cast<uint64_t>(certs))];
    if (n < 6) ++n;
    else --i;  // at most 6 specs per certificate; place it elsewhere
  }
  std::vector<CatalogRow> rows;
  rows.reserve(static_cast<size_t>(serials));
  int serial = 100001;
  for (int c = 0; c < certs; ++c) {
    const Analyte& a = kAnalytes[static_cast<size_t>(c) % std::size(kAnalytes)];
    const char* method = method_for(a.category, rng);
    const size_t maker_index = rng.below(makers.size());
    const bool imported = maker_index >= makers.size() - 5;
    const bool kit = std::string_view(a.category) != "临床化学";
    // 注册证编号: 国械注准 / 国械注进 + year + class digit + product code + serial; 省械注准 for class II.
    std::string cert;
    const int year = 2015 + static_cast<int>(rng.below(10));
    if (imported) cert = "国械注进" + std::to_string(year) + "3" + std::to_string(40 + c % 10) + std::to_string(1000 + c);
    else if (rng.chance(25)) cert = std::string(rng.pick(local_prefix)) + std::to_string(year) + "2" + std::to_string(40 + c % 10) + std::to_string(1000 + c);
    else cert = "国械注准" + std::to_string(year) + "3" + std::to_string(40 + c % 10) + std::to_string(1000 + c);
    const std::string name = product_name(a, method);
    std::set<std::string> specs;
    for (int k = 0; k < per_cert[static_cast<size_t>(c)]; ++k) {
      std::string spec = kit ? rng.pick(kits) : rng.pick(liquid);
      while (!specs.insert(spec).second) spec = std::string(kit ? rng.pick(kits) : rng.pick(liquid)) + "（" + std::to_string(k + 1) + "）";
      rows.push_back({std::to_string(serial++), a.category, a.subcategory, name, spec, cert, makers[maker_index]});
    }
  }
  return rows;
}

// What each participating province and city is doing in the demo.
enum class ProvinceStage { submitted, withdrawn, ready, reviewing, filling };
enum class CityStage { approved, submitted, rejected, filling };

// ---- [SECTION] sheets, names and events ----------------------------------------------------------
struct SheetRow {
  int64_t id, hospital_id;
  std::string city, province;
};

struct Stmts {
  Stmt line, sheet;
  EventWriter event;
};

constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"};
constexpr const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明"};
constexpr const char* kNotes[] = {"新增检测项目，预计检测量上升", "科室扩建，门诊量增加", "仪器更换，改用其他品牌试剂",
                                  "检测项目调整，需求量下降", "开展新业务，首年采购", "上年度疫情影响，采购量偏低"};
constexpr const char* kRejectReasons[] = {"上年度采购总数量与采购记录不符，请核实", "部分产品需求量增幅较大，请补充增降幅说明",
                                          "采购需求量附件未盖章，请重新上传"};

std::string typed(int64_t v, Rng& rng) {
  // Users type plain digits, sometimes with thousands separators (SPEC §2.2: normalised).
  std::string s = std::to_string(v);
  if (v >= 1000 && rng.chance(15)) s.insert(s.size() - 3, ",");
  return s;
}

Status add_event(Stmts& s, const std::string& entity_id, const char* entity, const char* action, int64_t actor,
                 int64_t at, const std::string& from, const std::string& to, const std::string& reason) {
  return s.event.write({entity, entity_id, action, actor, at, from, to, reason});
}

}  // namespace

// ---- [SECTION] seed_ivd_demo ---------------------------------------------------------------------
Status seed_ivd_demo(Db& db, Services& svc, const IvdDemoOptions& o, IvdDemoReport* report) {
  IvdDemoReport local;
  IvdDemoReport& rep = report ? *report : local;
  rep = {};
  {
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT id FROM ivd_projects WHERE name = ?"));
    st.bind(1, o.project_name);
    IVD_ASSIGN_OR_RETURN(auto r, st.step());
    if (r) {
      rep.project_id = st.col_int(0);
      return ok_status();  // idempotent: the demo is already there
    }
  }
  const int64_t now = svc.clock.now();
  Rng rng{o.seed};

  // Who acts in the events: the users of the demo accounts, when they exist.
  std::unordered_map<int64_t, int64_t> hospital_user;
  std::unordered_map<std::string, int64_t> admin_user;
  {
    IVD_ASSIGN_OR_RETURN(
        auto st, db.prepare("SELECT id, user_type, coalesce(region_code, ''), institution_id FROM users ORDER BY id"));
    IVD_TRY(st.each([&](const Stmt& row) {
      if (row.col_text(1) == "admin") admin_user.emplace(row.col_text(2), row.col_int(0));
      else if (auto inst = row.col_opt_int(3)) hospital_user.emplace(*inst, row.col_int(0));
    }));
  }
  auto admin_of = [&](const std::string& region) {
    auto it = admin_user.find(region);
    return it == admin_user.end() ? int64_t{0} : it->second;
  };

  std::vector<std::string> provinces;
  {
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
        "SELECT DISTINCT r.parent_code FROM institutions i JOIN regions r ON r.code = i.region_code "
        "JOIN regions p ON p.code = r.parent_code AND p.level = 'province' WHERE i.kind = 'hospital' ORDER BY 1"));
    IVD_TRY(st.each([&](const Stmt& row) {
      provinces.push_back(row.col_text(0));
    }));
  }
  if (provinces.empty()) return ivd_error(ErrorKind::bad_request, "ivd.demo.no_hospitals");

  return transaction(db, [&]() -> Status {
    // The project: filling began 10 days ago (执行中).
    Actor system;
    system.user_id = admin_of("000000");
    system.role = Role::super_admin;
    system.region_code = "000000";
    system.menus = {menu::ivd_config};
    ProjectInput in;
    in.name = o.project_name;
    in.year = o.year;
    in.description = "演示数据：各省医疗机构上报上年度采购总数量与下年度采购需求量，市级、省级医保局逐级审核。";
    in.threshold_percent = 30;
    in.fill_start = now - 10 * 86400;
    in.fill_end = now + 20 * 86400;
    in.city_review_end = now + 35 * 86400;
    in.province_review_end = now + 50 * 86400;
    in.provinces = provinces;
    IVD_ASSIGN_OR_RETURN(auto project, create_project(db, svc, system, in));
    const int64_t pid = project.id;
    const int64_t t0 = *in.fill_start;
    rep.project_id = pid;

    const auto catalog = make_catalog(o, rng);
    IVD_TRY(upsert_catalog_rows(db, pid, catalog));
    rep.catalog_rows = static_cast<int>(catalog.size());

    // Demo uploads, shared by the demo sheets (the caller stores the bytes).
    auto demo_file = [&](const std::string& body, const char* name) -> Result<int64_t> {
      const std::string bytes = "%PDF-1.4\n% " + body + "\n%%EOF\n";
      IVD_ASSIGN_OR_RETURN(auto f, register_upload(db, system, bytes, name, t0));
      rep.files.push_back({f.sha256, bytes});
      return f.id;
    };
    IVD_ASSIGN_OR_RETURN(auto letter, demo_file("demo commitment letter", "承诺书.pdf"));
    IVD_ASSIGN_OR_RETURN(auto scan, demo_file("demo signed demand export", "采购需求量附件.pdf"));
    IVD_ASSIGN_OR_RETURN(auto doc, demo_file("demo instrument statement", "在用仪器说明.pdf"));
    IVD_ASSIGN_OR_RETURN(auto stamped, demo_file("demo stamped province summary", "盖章汇总数据.pdf"));

    std::vector<SheetRow> sheets;
    {
      IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
          "SELECT s.id, s.hospital_id, s.city_code, s.province_code FROM ivd_sheets s JOIN regions r ON "
          "r.code = s.city_code WHERE s.project_id = ? ORDER BY s.province_code, r.level = 'province_level', "
          "s.city_code, s.hospital_id"));
      st.bind(1, pid);
      IVD_TRY(st.each([&](const Stmt& row) {
        sheets.push_back({row.col_int(0), row.col_int(1), row.col_text(2), row.col_text(3)});
      }));
    }
    // Stages of provinces (by code order) and of the cities of the 4th one.
    std::map<std::string, ProvinceStage> province_stage;
    for (size_t i = 0; i < provinces.size(); ++i) {
      static constexpr ProvinceStage order[] = {ProvinceStage::submitted, ProvinceStage::withdrawn, ProvinceStage::ready,
                                                ProvinceStage::reviewing};
      province_stage[provinces[i]] = i < std::size(order) ? order[i] : ProvinceStage::filling;
    }
    std::map<std::string, CityStage> city_stage;
    std::map<std::string, std::string> province_of_city;
    std::map<std::string, int> city_index;
    for (const auto& s : sheets) {
      if (city_stage.count(s.city)) continue;
      province_of_city[s.city] = s.province;
      const int k = city_index[s.province]++;
      switch (province_stage[s.province]) {
        case ProvinceStage::submitted:
        case ProvinceStage::withdrawn:
        case ProvinceStage::ready: city_stage[s.city] = CityStage::approved; break;
        case ProvinceStage::reviewing:
          city_stage[s.city] = k == 0 ? CityStage::submitted : k == 1 ? CityStage::approved
                               : k == 2                   ? CityStage::rejected
                                                          : CityStage::filling;
          break;
        case ProvinceStage::filling: city_stage[s.city] = CityStage::filling; break;
      }
    }

    IVD_ASSIGN_OR_RETURN(Stmt line_insert, db.prepare(
        "INSERT INTO ivd_sheet_lines (sheet_id, serial, last_year_text, demand_text, last_year, demand, instrument, "
        "change_note) VALUES (?,?,?,?,?,?,?,?)"));
    IVD_ASSIGN_OR_RETURN(Stmt sheet_update, db.prepare(
        "UPDATE ivd_sheets SET status = ?, status_before_exclusion = ?, contact_name = ?, contact_phone = ?, "
        "commitment_file_id = ?, demand_file_id = ?, submitted_at = ?, reviewed_at = ?, review_reason = ?, "
        "revision = ?, updated_at = ? WHERE id = ?"));
    // Events go through the event log's one writer (prepared once for the whole seed).
    IVD_ASSIGN_OR_RETURN(EventWriter events, EventWriter::open(db));
    Stmts s{std::move(line_insert), std::move(sheet_update), std::move(events)};
    IVD_ASSIGN_OR_RETURN(auto docs,
                         db.prepare("INSERT INTO ivd_sheet_cert_docs (sheet_id, cert, file_id) VALUES (?,?,?)"));

    const int64_t threshold = threshold_hundredths(in.threshold_percent.value_or(30));
    for (const auto& sh : sheets) {
      const CityStage cs = city_stage[sh.city];
      // The hospital's status.
      std::string status;
      if (cs != CityStage::filling) {
        status = rng.chance(5) ? sheet_status::not_required : sheet_status::approved;
      } else {
        const uint64_t d = rng.below(100);
        status = d < 15   ? sheet_status::not_filled
                 : d < 35 ? sheet_status::draft
                 : d < 65 ? sheet_status::submitted
                 : d < 85 ? sheet_status::approved
                 : d < 95 ? sheet_status::rejected
                          : sheet_status::not_required;
      }
      const bool excluded = status == sheet_status::not_required;
      const bool has_lines = status != sheet_status::not_filled && (!excluded || rng.chance(30));
      const bool drafting = status == sheet_status::draft;
      const int64_t hospital_actor = hospital_user.count(sh.hospital_id) ? hospital_user[sh.hospital_id] : 0;
      const int64_t city_actor = admin_of(sh.city);
      const std::string eid = std::to_string(sh.id);
      int revision = 1;
      int64_t at = t0 + static_cast<int64_t>(rng.below(3 * 86400));

      // Lines: min_lines..max_lines products, one 是否有在用仪器 per 注册证.
      if (has_lines) {
        std::map<std::string, Instrument> per_cert;
        std::set<size_t> chosen;
        const int lo = std::max(1, o.min_lines), hi = std::max(lo, o.max_lines);
        const size_t n = static_cast<size_t>(lo) + rng.below(static_cast<uint64_t>(hi - lo + 1));
        while (chosen.size() < std::min(n, catalog.size())) chosen.insert(rng.below(catalog.size()));
        for (size_t idx : chosen) {
          const CatalogRow& row = catalog[idx];
          int64_t last = rng.chance(10) ? 0 : 10 + static_cast<int64_t>(rng.below(3000)) * (rng.chance(20) ? 10 : 1);
          int64_t demand = last == 0 ? 10 + static_cast<int64_t>(rng.below(500))
                                     : last * (80 + static_cast<int64_t>(rng.below(46))) / 100;
          if (last > 0 && rng.chance(8)) demand = last * 16 / 10;
          auto [it, fresh] = per_cert.emplace(row.certificate, Instrument::yes);
          // A draft may say 否 for a product bought for the first time (the 说明文件 comes later).
          if (fresh && drafting && last == 0 && rng.chance(40)) it->second = Instrument::no;
          if (it->second == Instrument::no) last = 0;
          std::string note;
          if (change_needs_note(last, demand, threshold) && (!drafting || rng.chance(50))) note = rng.pick(kNotes);
          s.line.bind(1, sh.id).bind(2, row.serial).bind(3, typed(last, rng)).bind(4, typed(demand, rng));
          s.line.bind(5, last).bind(6, demand).bind(7, it->second == Instrument::no ? "no" : "yes").bind(8, note);
          IVD_TRY(s.line.run());
          ++rep.lines;
        }
        for (const auto& [cert, inst] : per_cert) {
          if (inst != Instrument::no || rng.chance(50)) continue;
          docs.bind(1, sh.id).bind(2, cert).bind(3, doc);
          IVD_TRY(docs.run());
        }
        IVD_TRY(add_event(s, eid, ivd_entity::sheet, "save_draft", hospital_actor, at, sheet_status::not_filled,
                          sheet_status::draft, ""));
        ++revision;
      }
      const bool submitted = status == sheet_status::submitted || status == sheet_status::approved ||
                             status == sheet_status::rejected || (excluded && has_lines && rng.chance(50));
      std::optional<int64_t> submitted_at, reviewed_at;
      std::string from = has_lines ? sheet_status::draft : sheet_status::not_filled;
      if (submitted && has_lines) {
        at += 3600 + static_cast<int64_t>(rng.below(3 * 86400));
        submitted_at = at;
        IVD_TRY(add_event(s, eid, ivd_entity::sheet, "submit", hospital_actor, at, from, sheet_status::submitted, ""));
        from = sheet_status::submitted;
        ++revision;
      }
      std::string reason;
      if ((status == sheet_status::approved || status == sheet_status::rejected) && submitted_at) {
        at += 3600 + static_cast<int64_t>(rng.below(2 * 86400));
        reviewed_at = at;
        const bool ok = status == sheet_status::approved;
        if (!ok) reason = rng.pick(kRejectReasons);
        IVD_TRY(add_event(s, eid, ivd_entity::sheet, ok ? "approve" : "reject", city_actor, at, from, status, reason));
        from = status;
        ++revision;
      }
      if (excluded) {
        at += 3600;
        IVD_TRY(add_event(s, eid, ivd_entity::sheet, "exclude", city_actor, at, from, status, ""));
        ++revision;
      }
      const bool with_submission = submitted_at.has_value();
      s.sheet.bind(1, status).bind(2, excluded ? from : std::string());
      if (with_submission) {
        s.sheet.bind(3, std::string(rng.pick(kSurnames)) + rng.pick(kGiven) + (rng.chance(50) ? rng.pick(kGiven) : ""));
        s.sheet.bind(4, "13" + std::to_string(100000000 + rng.below(900000000)));
        s.sheet.bind(5, letter).bind(6, scan);
      } else {
        s.sheet.bind(3, "").bind(4, "").bind_null(5).bind_null(6);
      }
      s.sheet.bind(7, submitted_at).bind(8, reviewed_at).bind(9, reason).bind(10, revision).bind(11, at).bind(12, sh.id);
      IVD_TRY(s.sheet.run());
      ++rep.sheets;
    }

    // Cities and provinces at their stages, with their events.
    IVD_ASSIGN_OR_RETURN(auto city_update, db.prepare(
        "UPDATE ivd_city_reviews SET status = ?, submitted_at = ?, reviewed_at = ?, review_reason = ?, revision = ?, "
        "updated_at = ? WHERE project_id = ? AND city_code = ?"));
    const int64_t city_submit_at = now - 36 * 3600, province_review_at = now - 24 * 3600;
    for (const auto& [city, stage] : city_stage) {
      if (stage == CityStage::filling) continue;
      const std::string& province = province_of_city[city];
      const std::string eid = region_entity_id(pid, city);
      IVD_TRY(add_event(s, eid, ivd_entity::city, "submit", admin_of(city), city_submit_at, city_status::pending,
                        city_status::submitted, ""));
      int revision = 2;
      std::string status = city_status::submitted, reason;
      std::optional<int64_t> reviewed;
      if (stage != CityStage::submitted) {
        status = stage == CityStage::approved ? city_status::approved : city_status::rejected;
        if (stage == CityStage::rejected) reason = "个别医疗机构需求量增幅异常，请核实后重新提交";
        reviewed = province_review_at;
        IVD_TRY(add_event(s, eid, ivd_entity::city, stage == CityStage::approved ? "approve" : "reject",
                          admin_of(province), province_review_at, city_status::submitted, status, reason));
        ++revision;
      }
      city_update.bind(1, status).bind(2, city_submit_at).bind(3, reviewed).bind(4, reason).bind(5, revision);
      city_update.bind(6, reviewed.value_or(city_submit_at)).bind(7, pid).bind(8, city);
      IVD_TRY(city_update.run());
    }
    IVD_ASSIGN_OR_RETURN(auto province_update, db.prepare(
        "UPDATE ivd_province_reviews SET status = ?, summary_file_id = ?, submitted_at = ?, withdrawn_at = ?, "
        "withdraw_reason = ?, revision = ?, updated_at = ? WHERE project_id = ? AND province_code = ?"));
    for (const auto& [province, stage] : province_stage) {
      if (stage != ProvinceStage::submitted && stage != ProvinceStage::withdrawn) continue;
      const std::string eid = region_entity_id(pid, province);
      const int64_t submit_at = now - 12 * 3600;
      IVD_TRY(add_event(s, eid, ivd_entity::province, "submit", admin_of(province), submit_at,
                        province_status::pending, province_status::submitted, ""));
      int revision = 2;
      std::string status = province_status::submitted, reason;
      std::optional<int64_t> withdrawn_at;
      if (stage == ProvinceStage::withdrawn) {
        status = province_status::withdrawn;
        reason = "部分地市数据与上年度差异较大，请复核后重新提交";
        withdrawn_at = now - 6 * 3600;
        IVD_TRY(add_event(s, eid, ivd_entity::province, "withdraw", admin_of("000000"), *withdrawn_at,
                          province_status::submitted, status, reason));
        ++revision;
      }
      province_update.bind(1, status).bind(2, stamped).bind(3, submit_at).bind(4, withdrawn_at).bind(5, reason);
      province_update.bind(6, revision).bind(7, withdrawn_at.value_or(submit_at)).bind(8, pid).bind(9, province);
      IVD_TRY(province_update.run());
    }
    rep.created = true;
    return rebuild_totals(db, pid);
  });
}

}  // namespace ivd
