#include "core/demo/org_demo.hpp"

#include <cstdio>
#include <set>

#include "core/base/csv.hpp"
#include "core/accounts/initial_users.hpp"
#include "core/org/institutions.hpp"
#include "core/org/regions.hpp"
#include "core/store/transaction.hpp"

namespace ivd {
namespace {

// [SECTION] name parts

struct NamePattern {
  const char* suffix;
  const char* level;  // 医院等级
};

constexpr int kHospitalsPerProvince = 100;
constexpr int kProvinceLevelHospitals = 10;  // the rest are spread over the cities
constexpr int kCityAdminsPerProvince = 3;

// Province-level hospitals (省本级: belong to no city, IVD manual FAQ 2).
constexpr NamePattern kProvincePatterns[] = {
    {"人民医院", "三级甲等"},     {"中医院", "三级甲等"},     {"肿瘤医院", "三级甲等"}, {"儿童医院", "三级甲等"},
    {"妇幼保健院", "三级甲等"},   {"第二人民医院", "三级甲等"}, {"胸科医院", "三级乙等"}, {"精神卫生中心", "三级甲等"},
    {"口腔医院", "三级乙等"},     {"康复医院", "三级乙等"},
};

// City hospitals: public ones first (the first city of a province gets the most), then private ones,
// then district hospitals and community health centres built from kAreas.
constexpr NamePattern kCityPatterns[] = {
    {"第一人民医院", "三级甲等"}, {"中医院", "三级甲等"},       {"妇幼保健院", "三级乙等"}, {"第二人民医院", "三级乙等"},
    {"中心医院", "三级乙等"},     {"第三人民医院", "二级甲等"}, {"肿瘤医院", "三级乙等"},   {"儿童医院", "三级乙等"},
    {"传染病医院", "二级甲等"},   {"精神卫生中心", "二级甲等"}, {"口腔医院", "二级甲等"},   {"眼科医院", "二级甲等"},
    {"中西医结合医院", "二级甲等"}, {"第四人民医院", "二级甲等"}, {"骨科医院", "二级乙等"}, {"康复医院", "二级乙等"},
    {"胸科医院", "二级甲等"},     {"皮肤病医院", "二级乙等"},   {"第五人民医院", "二级乙等"}, {"结核病防治院", "二级乙等"},
    {"职业病防治院", "二级乙等"}, {"老年病医院", "二级乙等"},   {"仁和医院", "二级乙等"},   {"博爱医院", "二级乙等"},
    {"协和医院", "二级甲等"},     {"同仁医院", "二级乙等"},     {"济民医院", "一级甲等"},   {"华康医院", "一级甲等"},
    {"安康医院", "一级甲等"},     {"惠民医院", "一级甲等"},
};
constexpr const char* kAreas[] = {"城东", "城西", "城南", "城北", "城中", "新城", "高新区", "经开区", "滨江", "湖滨",
                                  "东湖", "西湖", "南湖", "北湖", "东关", "西关", "南关", "北关", "新华", "和平",
                                  "解放", "胜利", "长安", "永安", "太平", "兴隆", "朝阳", "青山", "白云", "金山",
                                  "龙山", "凤凰", "清河", "石桥", "桃园", "梅林", "松山", "杨柳", "柳湖", "花园"};
constexpr NamePattern kAreaPatterns[] = {{"人民医院", "二级乙等"}, {"社区卫生服务中心", "一级甲等"}};

// Enterprises: invented names (city + brand + form), registered in the city.
struct EnterpriseCity {
  const char* code;
  const char* name;
};
constexpr EnterpriseCity kEnterpriseCities[] = {
    {"440300", "深圳"}, {"310100", "上海"}, {"110100", "北京"}, {"330100", "杭州"}, {"410100", "郑州"},
    {"320500", "苏州"}, {"440100", "广州"}, {"320100", "南京"}, {"220100", "长春"}, {"350200", "厦门"},
    {"120100", "天津"}, {"420100", "武汉"}, {"510100", "成都"}, {"340100", "合肥"}, {"370100", "济南"},
};
constexpr const char* kBrands[] = {"康源", "瑞博", "华检", "联科", "安诺", "博晟", "德赛", "恒昌", "致远", "普瑞",
                                   "新航", "睿思", "明德", "泰和", "嘉禾", "天成", "诺康", "宏信", "卓越", "益康",
                                   "正元", "信达", "弘毅", "合源", "中衡", "百川", "汇达", "润生", "启明", "鼎盛"};
constexpr int kManufacturers = 20;
constexpr const char* kManufacturerForms[] = {"生物科技有限公司", "生物工程股份有限公司", "医疗电子股份有限公司",
                                              "诊断技术有限公司", "生物医药有限公司"};
constexpr const char* kAgentForms[] = {"医药有限公司", "医疗器械有限公司", "医疗科技贸易有限公司",
                                       "医药供应链管理有限公司", "医疗器械销售有限公司"};

// [SECTION] generation

std::string serial_code(char prefix, const std::string& region, int serial, int digits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", digits, serial);
  return std::string(1, prefix) + region + buf;
}

// The word hospital names start with: the city's own name, or for the pseudo-cities that have none
// (重庆市辖区/市辖县, 省直辖县级行政区划) the province's.
std::string city_label(const Region& city, const Region& province) {
  if (city.name.find("直辖") != std::string::npos || city.name.find("市辖") != std::string::npos) return province.name;
  return city.name;
}

// Appends hospitals for one region until `count` are made, skipping names already used in the province.
void add_hospitals(std::string& csv, const std::string& region_code, const std::string& label, int count,
                   bool province_level, std::set<std::string>& used) {
  struct Candidate {
    std::string name;
    const char* level;
  };
  std::vector<Candidate> candidates;
  if (province_level) {
    for (const auto& p : kProvincePatterns) candidates.push_back({label + p.suffix, p.level});
  } else {
    for (const auto& p : kCityPatterns) candidates.push_back({label + p.suffix, p.level});
    for (const char* area : kAreas)
      for (const auto& p : kAreaPatterns) candidates.push_back({label + area + p.suffix, p.level});
  }
  int serial = 0;
  for (size_t i = 0; i < candidates.size() && serial < count; ++i) {
    if (!used.insert(candidates[i].name).second) continue;
    ++serial;
    csv += csv_record({serial_code('H', region_code, serial, 5), candidates[i].name, "医疗机构", region_code,
                       candidates[i].level});
  }
}

std::string demo_institutions_csv(const std::vector<Region>& regions) {
  std::string csv = csv_record({"机构编码", "机构名称", "机构类型", "所属区划", "医院等级"});
  for (const auto& province : regions) {
    if (province.level != region_level::province) continue;
    std::vector<const Region*> cities;
    const Region* own = nullptr;  // 省本级
    for (const auto& r : regions) {
      if (r.parent_code != province.code) continue;
      if (r.level == region_level::city) cities.push_back(&r);
      else if (r.level == region_level::province_level) own = &r;
    }
    std::set<std::string> used;
    if (own) add_hospitals(csv, own->code, province.name, kProvinceLevelHospitals, true, used);
    const int for_cities = kHospitalsPerProvince - (own ? kProvinceLevelHospitals : 0);
    const int n = static_cast<int>(cities.size());
    for (int i = 0; i < n; ++i) {
      // Even spread; the remainder goes to the first cities (the capital comes first by code).
      int count = for_cities / n + (i < for_cities % n ? 1 : 0);
      add_hospitals(csv, cities[i]->code, city_label(*cities[i], province), count, false, used);
    }
  }
  int per_city[std::size(kEnterpriseCities)] = {};
  for (int i = 0; i < static_cast<int>(std::size(kBrands)); ++i) {
    const auto& city = kEnterpriseCities[i % std::size(kEnterpriseCities)];
    const bool manufacturer = i < kManufacturers;
    const char* form = manufacturer ? kManufacturerForms[i % std::size(kManufacturerForms)]
                                    : kAgentForms[i % std::size(kAgentForms)];
    int serial = ++per_city[i % std::size(kEnterpriseCities)];
    csv += csv_record({serial_code('E', city.code, serial, 3), std::string(city.name) + kBrands[i] + form,
                       manufacturer ? "生产企业" : "代理企业", city.code, ""});
  }
  return csv;
}

Result<int> count_rows(Db& db, const char* sql) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(sql));
  IVD_TRY(st.step());
  return static_cast<int>(st.col_int(0));
}

}  // namespace

Result<DemoSeedCounts> seed_demo(Db& db, Services& svc) {
  return transaction(db, [&]() -> Result<DemoSeedCounts> {
    IVD_TRY(seed_regions(db));
    IVD_ASSIGN_OR_RETURN(auto regions, all_regions(db));
    IVD_TRY(import_institutions(db, demo_institutions_csv(regions), svc.clock.now()));

    DemoSeedCounts counts;
    auto add = [&](Result<UserSeedCounts> r) -> Status {
      IVD_ASSIGN_OR_RETURN(const UserSeedCounts added, std::move(r));
      counts.users_created += added.created;
      return ok_status();
    };
    IVD_TRY(add(ensure_province_admins(db, svc)));
    std::vector<std::string> city_codes;
    for (const auto& province : regions) {
      if (province.level != region_level::province) continue;
      int cities = 0;
      for (const auto& r : regions) {
        if (r.parent_code != province.code) continue;
        if (r.level == region_level::province_level || (r.level == region_level::city && cities++ < kCityAdminsPerProvince))
          city_codes.push_back(r.code);
      }
    }
    IVD_TRY(add(ensure_city_admins(db, svc, city_codes)));
    IVD_TRY(add(ensure_hospital_users(db, svc)));
    IVD_TRY(add(ensure_enterprise_users(db, svc)));

    IVD_ASSIGN_OR_RETURN(auto hospitals, count_rows(db, "SELECT count(*) FROM institutions WHERE kind = 'hospital'"));
    IVD_ASSIGN_OR_RETURN(auto enterprises,
                         count_rows(db, "SELECT count(*) FROM institutions WHERE kind <> 'hospital'"));
    counts.hospitals = hospitals;
    counts.enterprises = enterprises;
    return counts;
  });
}

std::vector<DemoLogin> demo_logins() {
  return {
      {"admin", "超级管理员（全国）", "super admin (national)"},
      {"admin_34", "省级管理员：安徽省", "province admin: Anhui"},
      {"city_340100", "市级管理员：合肥市", "city admin: Hefei"},
      {"city_340099", "省本级账号：安徽省省本级", "province-level (省本级) account: Anhui"},
      {"H34010000001", "医疗机构：合肥市第一人民医院", "hospital: 合肥市第一人民医院 (Hefei)"},
      {"H34009900001", "医疗机构（省本级）：安徽省人民医院", "province-level hospital: 安徽省人民医院"},
      {"E440300001", "生产企业：深圳康源生物科技有限公司", "manufacturer: 深圳康源生物科技有限公司"},
  };
}

}  // namespace ivd
