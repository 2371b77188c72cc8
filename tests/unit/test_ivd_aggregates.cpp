// Totals per hospital, city, province, nation and 注册证, maintained incrementally (DESIGN; SPEC §2.4).
#include "core/ivd/aggregates.hpp"
#include "tests/unit/test_ivd_support.hpp"

using namespace ivd;
using namespace ivd::test;

namespace {
void require_consistent(World& w) {
  auto kept = maintained_totals(w.db, w.project_id);
  auto recount = recounted_totals(w.db, w.project_id);
  REQUIRE(kept.ok());
  REQUIRE(recount.ok());
  CHECK(kept->sheets == recount->sheets);
  CHECK(kept->cities == recount->cities);
  CHECK(kept->provinces == recount->provinces);
  CHECK(kept->certs == recount->certs);
}
}  // namespace

TEST_CASE("无需上报 hospitals are excluded from city, province, national and 注册证 totals", "[ivd][aggregates]") {
  World w;
  w.fill_and_submit(w.hosp1);  // 150 / 160
  SheetPatch p;
  p.revision = 1;
  p.lines.push_back({"S001", "1000", "1000", Instrument::yes, ""});
  REQUIRE(save_draft(w.db, w.svc, w.hosp2, w.project_id, p).ok());  // 暂存 counts too (not yet submitted)
  CHECK(w.city("340100").hospital_count == 2);
  CHECK(w.city("340100").sums == Sums{1150, 1160});
  CHECK(w.province("340000").sums == Sums{1150, 1160});

  REQUIRE(exclude_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h2, w.sheet(w.h2).revision).ok());
  CHECK(w.city("340100").hospital_count == 1);
  CHECK(w.city("340100").sums == Sums{150, 160});
  CHECK(w.province("340000").hospital_count == 3);
  CHECK(w.province("340000").sums == Sums{150, 160});
  int64_t hospitals = 0;
  CHECK(national_sums(w.db, w.project_id, &hospitals) == Sums{150, 160});
  CHECK(hospitals == 4);
  auto certs = cert_totals(w.db, w.project_id, "340000");
  REQUIRE(certs.ok());
  REQUIRE(certs->size() == 2);  // ordered like the export: 大项, 小项, 生产企业, 注册证
  CHECK(certs->at(0).certificate == "C2");
  CHECK(certs->at(0).sums == Sums{50, 50});
  CHECK(certs->at(1).certificate == "C1");
  CHECK(certs->at(1).sums == Sums{100, 110});
  CHECK(certs->at(1).category == "生化");
  CHECK(certs->at(1).subcategory == "肝功能");
  CHECK(certs->at(1).manufacturer == "甲生物");
  CHECK(w.sheet(w.h2).sums == Sums{1000, 1000});  // the hospital keeps its own data
  require_consistent(w);

  REQUIRE(include_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h2, w.sheet(w.h2).revision).ok());
  CHECK(w.city("340100").sums == Sums{1150, 1160});
  CHECK(cert_totals(w.db, w.project_id, "340000")->at(1).sums == Sums{1100, 1110});
  require_consistent(w);
}

TEST_CASE("incremental totals equal a full recount after random edits and status changes", "[ivd][aggregates]") {
  World w;
  uint64_t seed = 12345;
  auto next = [&](uint64_t n) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return (seed >> 33) % n;
  };
  const std::vector<std::pair<Actor*, int64_t>> hospitals = {
      {&w.hosp1, w.h1}, {&w.hosp2, w.h2}, {&w.hosp3, w.h3}, {&w.hosp4, w.h4}, {&w.hosp5, w.h5}};
  const char* serials[] = {"S001", "S002", "S003", "S004", "S005", "S006", "S007", "S008"};
  const char* texts[] = {"", "0", "7", "120", "1,000", "x9", "９９", "5"};
  for (int step = 0; step < 300; ++step) {
    auto& [actor, hid] = hospitals[next(hospitals.size())];
    const SheetHeader h = w.sheet(hid);
    const Actor& city = hid == w.h1 || hid == w.h2 ? w.city_hf
                        : hid == w.h3             ? w.city_wh
                        : hid == w.h4             ? w.sbj_ah
                                                  : w.city_nj;
    switch (next(4)) {
      case 0:
      case 1: {  // edit a few lines (as typed, valid or not)
        SheetPatch p;
        p.revision = h.revision;
        std::set<std::string> used;
        for (uint64_t k = 0, n = 1 + next(3); k < n; ++k) {
          const std::string s = serials[next(8)];
          if (!used.insert(s).second) continue;
          p.lines.push_back({s, texts[next(8)], texts[next(8)], next(2) ? Instrument::yes : Instrument::none,
                             std::nullopt});
        }
        (void)save_draft(w.db, w.svc, *actor, w.project_id, p);  // may be refused (locked, excluded)
        break;
      }
      case 2:
        (void)exclude_hospital(w.db, w.svc, city, w.project_id, hid, h.revision);
        break;
      default:
        (void)include_hospital(w.db, w.svc, city, w.project_id, hid, h.revision);
        break;
    }
  }
  require_consistent(w);
  auto kept = maintained_totals(w.db, w.project_id);
  // And a rebuild from scratch writes the same numbers.
  REQUIRE(rebuild_totals(w.db, w.project_id).ok());
  auto rebuilt = maintained_totals(w.db, w.project_id);
  CHECK(*kept == *rebuilt);
}

TEST_CASE("the national rows sum each province by 注册证", "[ivd][aggregates]") {
  World w;
  w.fill_and_submit(w.hosp1);
  w.fill_and_submit(w.hosp5);
  auto rows = cert_totals(w.db, w.project_id, "");
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 4);  // 2 provinces × (C1, C2)
  CHECK(rows->at(0).province_code == "320000");
  CHECK(rows->at(0).province_name == "江苏省");
  CHECK(rows->at(2).province_code == "340000");
  CHECK(rows->at(3).certificate == "C1");
  CHECK(rows->at(3).sums == Sums{100, 110});
}

TEST_CASE("hospitals imported after the project was created get their sheet on the next list", "[ivd][aggregates]") {
  World w;
  insert_hospital(w.db, "H6", "340200");
  auto list = list_city_hospitals(w.db, w.svc, w.city_wh, w.project(), "340200", {}, Page{});
  REQUIRE(list.ok());
  CHECK((*list)["total"] == 2);
  CHECK(w.city("340200").hospital_count == 2);
  CHECK(w.province("340000").hospital_count == 5);
  require_consistent(w);
}

TEST_CASE("a big patch (read in bulk) with repeated and cleared serials keeps the totals exact", "[ivd][aggregates]") {
  World w;
  const char* serials[] = {"S001", "S002", "S003", "S004", "S005", "S006", "S007", "S008"};
  SheetPatch first;
  first.revision = w.sheet(w.h1).revision;
  for (int i = 0; i < 80; ++i)  // each serial 10 times; the last occurrence wins
    first.lines.push_back({serials[i % 8], std::to_string(10 + i), std::to_string(20 + i), Instrument::yes, ""});
  auto saved = save_draft(w.db, w.svc, w.hosp1, w.project_id, first);
  REQUIRE(saved.ok());
  CHECK(saved->header.line_count == 8);
  // last occurrences: i = 72..79 -> last_year 82..89, demand 92..99
  CHECK(saved->header.sums == Sums{82 + 83 + 84 + 85 + 86 + 87 + 88 + 89, 92 + 93 + 94 + 95 + 96 + 97 + 98 + 99});
  require_consistent(w);

  SheetPatch second;
  second.revision = saved->header.revision;
  for (int i = 0; i < 70; ++i) {  // S001 cleared then refilled, S002 cleared for good, others edited
    const char* serial = serials[i % 8];
    if (std::string(serial) == "S002" || (std::string(serial) == "S001" && i < 64))
      second.lines.push_back({serial, "", "", Instrument::none, ""});
    else
      second.lines.push_back({serial, "1", "2", Instrument::yes, ""});
  }
  auto again = save_draft(w.db, w.svc, w.hosp1, w.project_id, second);
  REQUIRE(again.ok());
  CHECK(again->header.line_count == 7);  // S002 removed; S001 refilled by i = 64
  CHECK(again->header.sums == Sums{7, 14});
  require_consistent(w);
}
