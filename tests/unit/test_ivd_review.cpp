// The review workflow (SPEC §2.3-2.5; IVD manual 市级报量项目审核, 省级报量项目审核, 全国报量数据).
#include "tests/unit/test_ivd_support.hpp"

using namespace ivd;
using namespace ivd::test;

TEST_CASE("the city approves a submitted hospital and rejects one with a required reason", "[ivd][review]") {
  World w;
  w.fill_and_submit(w.hosp1);
  w.fill_and_submit(w.hosp2);
  auto approved = review_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h1, w.sheet(w.h1).revision,
                                  Decision::approve, "");
  REQUIRE(approved.ok());
  CHECK(approved->status == sheet_status::approved);
  CHECK(approved->reviewed_at == w.now());

  auto no_reason = review_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h2, w.sheet(w.h2).revision,
                                   Decision::reject, "　 ");
  REQUIRE_FALSE(no_reason.ok());
  CHECK(no_reason.error().code == "ivd.review.reason_required");
  CHECK(no_reason.error().field == "reason");
  CHECK(w.sheet(w.h2).status == sheet_status::submitted);

  auto rejected = review_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h2, w.sheet(w.h2).revision,
                                  Decision::reject, "上年度数量与采购记录不符");
  REQUIRE(rejected.ok());
  CHECK(rejected->status == sheet_status::rejected);
  CHECK(rejected->review_reason == "上年度数量与采购记录不符");
  auto events = sheet_events(w.db, *rejected);
  REQUIRE(events.ok());
  const auto& last = events->back();
  CHECK(last.action == "reject");
  CHECK(last.from_state == "submitted");
  CHECK(last.to_state == "rejected");
  CHECK(last.reason == "上年度数量与采购记录不符");
  CHECK(last.actor_id == w.city_hf.user_id);
  CHECK(last.actor_name == "hf姓名");
}

TEST_CASE("only 已提交 sheets are reviewed", "[ivd][review]") {
  World w;
  auto r = review_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h1, 1, Decision::approve, "");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "ivd.review.sheet_not_submitted");
  CHECK(r.error().kind == ErrorKind::conflict);
}

TEST_CASE("a city admin cannot act on another city's hospital", "[ivd][review]") {
  World w;
  w.fill_and_submit(w.hosp3);  // 芜湖
  auto r = review_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h3, w.sheet(w.h3).revision, Decision::approve, "");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "ivd.scope.forbidden");
  CHECK(r.error().kind == ErrorKind::forbidden);
  CHECK(exclude_hospital(w.db, w.svc, w.prov_ah, w.project_id, w.h3, w.sheet(w.h3).revision).error().code ==
        "ivd.role.forbidden");  // province admins do not review hospitals
  // The 省本级 account reviews 省本级 hospitals like a city (IVD manual FAQ 2), and only those.
  w.fill_and_submit(w.hosp4);
  CHECK(review_hospital(w.db, w.svc, w.sbj_ah, w.project_id, w.h4, w.sheet(w.h4).revision, Decision::approve, "").ok());
  CHECK(review_hospital(w.db, w.svc, w.sbj_ah, w.project_id, w.h3, w.sheet(w.h3).revision, Decision::approve, "")
            .error()
            .code == "ivd.scope.forbidden");
}

TEST_CASE("取消上报 makes a hospital 无需上报 and 上报 restores its status with its data", "[ivd][review]") {
  World w;
  REQUIRE(save_draft(w.db, w.svc, w.hosp1, w.project_id, w.valid_lines(1)).ok());
  auto excluded = exclude_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h1, w.sheet(w.h1).revision);
  REQUIRE(excluded.ok());
  CHECK(excluded->status == sheet_status::not_required);
  CHECK(exclude_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h1, excluded->revision).error().code ==
        "ivd.review.already_not_required");
  CHECK(include_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h2, w.sheet(w.h2).revision).error().code ==
        "ivd.review.not_excluded");
  auto included = include_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h1, excluded->revision);
  REQUIRE(included.ok());
  CHECK(included->status == sheet_status::draft);
  CHECK(included->sums == Sums{150, 160});
  auto events = sheet_events(w.db, *included);
  REQUIRE(events->size() == 3);
  CHECK(events->at(1).action == "exclude");
  CHECK(events->at(1).to_state == "not_required");
  CHECK(events->at(2).action == "include");
  CHECK(events->at(2).to_state == "draft");
}

TEST_CASE("审核撤回 returns a reviewed sheet to 已提交 while the city is 待提交", "[ivd][review]") {
  World w;
  w.fill_and_submit(w.hosp1);
  w.approve(w.city_hf, w.h1);
  auto r = withdraw_hospital_review(w.db, w.svc, w.city_hf, w.project_id, w.h1, w.sheet(w.h1).revision);
  REQUIRE(r.ok());
  CHECK(r->status == sheet_status::submitted);
  CHECK(withdraw_hospital_review(w.db, w.svc, w.city_hf, w.project_id, w.h1, r->revision).error().code ==
        "ivd.review.sheet_not_reviewed");
}

TEST_CASE("审核撤回 is refused after the city submitted", "[ivd][review]") {
  World w;
  w.hefei_submitted();
  auto r = withdraw_hospital_review(w.db, w.svc, w.city_hf, w.project_id, w.h1, w.sheet(w.h1).revision);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "ivd.review.city_locked");
  CHECK(r.error().kind == ErrorKind::conflict);
  CHECK(r.error().details["city_status"] == "submitted");
  CHECK(w.sheet(w.h1).status == sheet_status::approved);
  // Nothing else changes either while the city is submitted.
  CHECK(exclude_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h2, w.sheet(w.h2).revision).error().code ==
        "ivd.review.city_locked");
  // Once the province approved the city, still locked.
  REQUIRE(review_city(w.db, w.svc, w.prov_ah, w.project_id, "340100", w.city("340100").revision, Decision::approve, "").ok());
  CHECK(withdraw_hospital_review(w.db, w.svc, w.city_hf, w.project_id, w.h1, w.sheet(w.h1).revision).error().code ==
        "ivd.review.city_locked");
}

TEST_CASE("审核撤回 is allowed again when the province rejects the city (上级审核不通过)", "[ivd][review]") {
  World w;
  w.hefei_submitted();
  REQUIRE(review_city(w.db, w.svc, w.prov_ah, w.project_id, "340100", w.city("340100").revision, Decision::reject,
                      "第一人民医院数量偏高")
              .ok());
  CHECK(w.city("340100").status == city_status::rejected);
  CHECK(w.city("340100").review_reason == "第一人民医院数量偏高");
  auto r = withdraw_hospital_review(w.db, w.svc, w.city_hf, w.project_id, w.h1, w.sheet(w.h1).revision);
  REQUIRE(r.ok());
  REQUIRE(review_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h1, r->revision, Decision::reject, "请核对").ok());
  // The hospital corrects and resubmits; the city approves and submits again.
  auto fix = submit_sheet(w.db, w.svc, w.hosp1, w.project_id, w.valid_lines(w.sheet(w.h1).revision));
  REQUIRE(fix.ok());
  w.approve(w.city_hf, w.h1);
  auto again = submit_city(w.db, w.svc, w.city_hf, w.project_id, "340100", w.city("340100").revision);
  REQUIRE(again.ok());
  CHECK(again->status == city_status::submitted);
}

TEST_CASE("the city cannot submit while one hospital is still 已提交", "[ivd][review]") {
  World w;
  w.fill_and_submit(w.hosp1);
  w.fill_and_submit(w.hosp2);
  w.approve(w.city_hf, w.h1);
  auto r = submit_city(w.db, w.svc, w.city_hf, w.project_id, "340100", w.city("340100").revision);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "ivd.review.city_not_all_approved");
  CHECK(r.error().kind == ErrorKind::unprocessable);
  REQUIRE(r.error().details["blocking"].size() == 1);
  CHECK(r.error().details["blocking"][0]["hospital_code"] == "H2");
  CHECK(r.error().details["blocking"][0]["status"] == "submitted");
  CHECK(r.error().message_zh.find("1 家医疗机构") != std::string::npos);
  CHECK(w.city("340100").status == city_status::pending);
}

TEST_CASE("the city submits when every hospital is 审核通过 or 无需上报", "[ivd][review]") {
  World w;
  w.fill_and_submit(w.hosp1);
  w.approve(w.city_hf, w.h1);
  REQUIRE(exclude_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h2, w.sheet(w.h2).revision).ok());
  auto c = w.city("340100");
  auto r = submit_city(w.db, w.svc, w.city_hf, w.project_id, "340100", c.revision);
  REQUIRE(r.ok());
  CHECK(r->status == city_status::submitted);
  CHECK(r->submitted_at == w.now());
  CHECK(r->revision == c.revision + 1);
  auto twice = submit_city(w.db, w.svc, w.city_hf, w.project_id, "340100", r->revision);
  CHECK(twice.error().code == "ivd.review.city_not_pending");
  auto events = load_events(w.db, ivd_entity::city, region_entity_id(w.project_id, "340100"));
  REQUIRE(events->size() == 1);
  CHECK(events->at(0).action == "submit");
  CHECK(events->at(0).from_state == "pending");
  CHECK(events->at(0).to_state == "submitted");
}

TEST_CASE("a stale city submit is refused with revision.stale", "[ivd][review]") {
  World w;
  REQUIRE(exclude_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h1, 1).ok());
  REQUIRE(exclude_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h2, 1).ok());
  auto r = submit_city(w.db, w.svc, w.city_hf, w.project_id, "340100", 7);
  CHECK(r.error().code == "revision.stale");
  CHECK(w.city("340100").status == city_status::pending);
  // A stale hospital action too.
  CHECK(include_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h1, 1).error().code == "revision.stale");
}

TEST_CASE("the province reviews a submitted city; 不通过 needs a reason", "[ivd][review]") {
  World w;
  w.hefei_submitted();
  CHECK(review_city(w.db, w.svc, w.prov_ah, w.project_id, "340200", w.city("340200").revision, Decision::approve, "")
            .error()
            .code == "ivd.review.city_not_submitted");
  CHECK(review_city(w.db, w.svc, w.prov_ah, w.project_id, "340100", w.city("340100").revision, Decision::reject, "")
            .error()
            .code == "ivd.review.reason_required");
  auto ok = review_city(w.db, w.svc, w.prov_ah, w.project_id, "340100", w.city("340100").revision, Decision::approve, "");
  REQUIRE(ok.ok());
  CHECK(ok->status == city_status::approved);
  auto back = withdraw_city_review(w.db, w.svc, w.prov_ah, w.project_id, "340100", ok->revision);
  REQUIRE(back.ok());
  CHECK(back->status == city_status::submitted);
  CHECK(withdraw_city_review(w.db, w.svc, w.prov_ah, w.project_id, "340100", back->revision).error().code ==
        "ivd.review.city_not_reviewed");
}

TEST_CASE("a province admin cannot touch another province", "[ivd][review]") {
  World w;
  w.fill_and_submit(w.hosp5);
  w.approve(w.city_nj, w.h5);
  REQUIRE(submit_city(w.db, w.svc, w.city_nj, w.project_id, "320100", w.city("320100").revision).ok());
  auto r = review_city(w.db, w.svc, w.prov_ah, w.project_id, "320100", w.city("320100").revision, Decision::approve, "");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "ivd.scope.forbidden");
  CHECK(submit_province(w.db, w.svc, w.prov_ah, w.project_id, "320000", 1, std::nullopt).error().code ==
        "ivd.scope.forbidden");
  CHECK(review_city(w.db, w.svc, w.city_hf, w.project_id, "320100", w.city("320100").revision, Decision::approve, "")
            .error()
            .code == "ivd.role.forbidden");
}

TEST_CASE("the province cannot submit while a city is not 审核通过", "[ivd][review]") {
  World w;
  w.hefei_submitted();
  REQUIRE(review_city(w.db, w.svc, w.prov_ah, w.project_id, "340100", w.city("340100").revision, Decision::approve, "").ok());
  const int64_t file = w.upload(w.prov_ah, pdf_bytes("stamped"));
  auto r = submit_province(w.db, w.svc, w.prov_ah, w.project_id, "340000", w.province("340000").revision, file);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "ivd.review.province_not_all_approved");
  CHECK(r.error().details["count"] == 2);  // 芜湖 and 省本级 are still 待提交
}

TEST_CASE("the province cannot submit without the stamped summary upload", "[ivd][review]") {
  World w;
  w.anhui_cities_approved();
  auto r = submit_province(w.db, w.svc, w.prov_ah, w.project_id, "340000", w.province("340000").revision, std::nullopt);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "ivd.review.summary_required");
  CHECK(r.error().field == "summary_file_id");
  CHECK(r.error().message_zh == "请先上传盖章的汇总数据，再提交");
  CHECK(w.province("340000").status == province_status::pending);
  const int64_t foreign = w.upload(w.prov_js, pdf_bytes());
  CHECK(submit_province(w.db, w.svc, w.prov_ah, w.project_id, "340000", w.province("340000").revision, foreign)
            .error()
            .code == "ivd.file.not_yours");
  auto unknown = submit_province(w.db, w.svc, w.prov_ah, w.project_id, "340000", w.province("340000").revision,
                                 foreign + 1000);
  CHECK(unknown.error().kind == ErrorKind::forbidden);
  CHECK(unknown.error().code == "ivd.file.not_yours");
  CHECK(unknown.error().field == "summary_file_id");

  const int64_t file = w.upload(w.prov_ah, pdf_bytes("stamped"));
  auto ok = submit_province(w.db, w.svc, w.prov_ah, w.project_id, "340000", w.province("340000").revision, file);
  REQUIRE(ok.ok());
  CHECK(ok->status == province_status::submitted);
  CHECK(ok->summary_file_id == file);
  // Submitted: the province can neither review nor withdraw city reviews any more.
  CHECK(withdraw_city_review(w.db, w.svc, w.prov_ah, w.project_id, "340100", w.city("340100").revision).error().code ==
        "ivd.review.province_locked");
}

TEST_CASE("the nation withdraws a submitted province with a reason; the province corrects and resubmits",
          "[ivd][review]") {
  World w;
  w.anhui_cities_approved();
  const int64_t file = w.upload(w.prov_ah, pdf_bytes("stamped"));
  REQUIRE(submit_province(w.db, w.svc, w.prov_ah, w.project_id, "340000", w.province("340000").revision, file).ok());
  CHECK(withdraw_province(w.db, w.svc, w.super_admin, w.project_id, "340000", w.province("340000").revision, "")
            .error()
            .code == "ivd.review.reason_required");
  CHECK(withdraw_province(w.db, w.svc, w.prov_ah, w.project_id, "340000", w.province("340000").revision, "x")
            .error()
            .code == "ivd.role.forbidden");
  auto withdrawn = withdraw_province(w.db, w.svc, w.super_admin, w.project_id, "340000",
                                     w.province("340000").revision, "芜湖市数据需核实");
  REQUIRE(withdrawn.ok());
  CHECK(withdrawn->status == province_status::withdrawn);
  CHECK(withdrawn->withdraw_reason == "芜湖市数据需核实");
  CHECK(withdraw_province(w.db, w.svc, w.super_admin, w.project_id, "340000", withdrawn->revision, "again")
            .error()
            .code == "ivd.review.province_not_submitted");
  // The province may again withdraw its city reviews (状态为“审核不通过”) and resubmit.
  REQUIRE(withdraw_city_review(w.db, w.svc, w.prov_ah, w.project_id, "340200", w.city("340200").revision).ok());
  REQUIRE(review_city(w.db, w.svc, w.prov_ah, w.project_id, "340200", w.city("340200").revision, Decision::approve, "").ok());
  auto again = submit_province(w.db, w.svc, w.prov_ah, w.project_id, "340000", w.province("340000").revision, file);
  REQUIRE(again.ok());
  auto events = load_events(w.db, ivd_entity::province, region_entity_id(w.project_id, "340000"));
  REQUIRE(events->size() == 3);
  CHECK(events->at(1).action == "withdraw");
  CHECK(events->at(1).reason == "芜湖市数据需核实");
  CHECK(events->at(2).from_state == "withdrawn");
}

TEST_CASE("city actions close at city_review_end unless the province reopened the city", "[ivd][review]") {
  World w;
  w.fill_and_submit(w.hosp1);
  w.fill_and_submit(w.hosp2);
  w.env.clock.advance(25 * kDay);  // past city_review_end, before province_review_end
  auto late = review_hospital(w.db, w.svc, w.city_hf, w.project_id, w.h1, w.sheet(w.h1).revision, Decision::approve, "");
  REQUIRE_FALSE(late.ok());
  CHECK(late.error().code == "ivd.review.city_window_closed");
  w.env.clock.advance(-25 * kDay);
  w.approve(w.city_hf, w.h1);
  w.approve(w.city_hf, w.h2);
  REQUIRE(submit_city(w.db, w.svc, w.city_hf, w.project_id, "340100", w.city("340100").revision).ok());
  w.env.clock.advance(25 * kDay);
  REQUIRE(review_city(w.db, w.svc, w.prov_ah, w.project_id, "340100", w.city("340100").revision, Decision::reject, "请核实").ok());
  CHECK(withdraw_hospital_review(w.db, w.svc, w.city_hf, w.project_id, w.h1, w.sheet(w.h1).revision).ok());
  w.env.clock.advance(10 * kDay);  // project ended
  CHECK(review_city(w.db, w.svc, w.prov_ah, w.project_id, "340200", w.city("340200").revision, Decision::approve, "")
            .error()
            .code == "ivd.review.province_window_closed");
}

TEST_CASE("the city list shows its hospitals with status and totals and the province list its cities",
          "[ivd][review]") {
  World w;
  w.fill_and_submit(w.hosp1);
  REQUIRE(save_draft(w.db, w.svc, w.hosp2, w.project_id, w.valid_lines(1)).ok());
  auto list = list_city_hospitals(w.db, w.svc, w.city_hf, w.project(), "340100", {}, Page{});
  REQUIRE(list.ok());
  CHECK((*list)["total"] == 2);
  CHECK((*list)["items"][0]["hospital_code"] == "H1");
  CHECK((*list)["items"][0]["status"] == "submitted");
  CHECK((*list)["items"][0]["demand_total"] == 160);
  CHECK((*list)["counts"]["draft"] == 1);
  CHECK((*list)["can_submit"] == false);
  CHECK((*list)["city"]["hospital_count"] == 2);
  CHECK((*list)["city"]["demand_total"] == 320);
  auto filtered = list_city_hospitals(w.db, w.svc, w.city_hf, w.project(), "340100", {"", "", "draft"}, Page{});
  CHECK((*filtered)["total"] == 1);
  CHECK(list_city_hospitals(w.db, w.svc, w.city_wh, w.project(), "340100", {}, Page{}).error().code ==
        "ivd.scope.forbidden");
  CHECK(list_city_hospitals(w.db, w.svc, w.prov_ah, w.project(), "340100", {}, Page{}).ok());  // city detail
  CHECK(list_city_hospitals(w.db, w.svc, w.prov_js, w.project(), "340100", {}, Page{}).error().code ==
        "ivd.scope.forbidden");

  auto cities = list_province_cities(w.db, w.svc, w.prov_ah, w.project(), "340000", {});
  REQUIRE(cities.ok());
  CHECK((*cities)["total"] == 3);
  CHECK((*cities)["items"][0]["city_name"] == "合肥市");
  CHECK((*cities)["items"][2]["city_level"] == "province_level");
  CHECK((*cities)["province"]["demand_total"] == 320);
  CHECK(list_province_cities(w.db, w.svc, w.prov_js, w.project(), "340000", {}).error().code == "ivd.scope.forbidden");

  auto nation = list_national_provinces(w.db, w.svc, w.super_admin, w.project(), {});
  REQUIRE(nation.ok());
  CHECK((*nation)["total"] == 2);
  CHECK((*nation)["national"]["hospital_count"] == 5);
  CHECK((*nation)["national"]["demand_total"] == 320);
  CHECK(list_national_provinces(w.db, w.svc, w.prov_ah, w.project(), {}).error().code == "ivd.role.forbidden");
}
