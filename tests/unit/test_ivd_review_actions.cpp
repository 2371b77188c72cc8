// What the 报量项目审核 screens offer: the view per account and the row actions per status, derived
// from the workflow tables (IVD manual 市级 / 省级报量项目审核).
#include <catch_amalgamated.hpp>

#include <algorithm>

#include "core/ivd/common.hpp"
#include "core/ivd/review.hpp"
#include "core/ivd/review_actions.hpp"
#include "core/ivd/scope.hpp"

using namespace ivd;

namespace {
Actor admin(Role role, std::string region, std::set<std::string> menus) {
  Actor a;
  a.user_type = "admin";
  a.role = role;
  a.region_code = std::move(region);
  a.menus = std::move(menus);
  return a;
}
using A = ReviewAction;
}  // namespace

TEST_CASE("review_level: city and 省本级 accounts review hospitals, province admins review cities", "[ivd][review]") {
  CHECK(review_level(admin(Role::city_admin, "340100", {menu::ivd_review})) == ReviewLevel::city);
  CHECK(review_level(admin(Role::city_admin, "340099", {menu::ivd_review})) == ReviewLevel::city);  // 省本级
  CHECK(review_level(admin(Role::province_admin, "340000", {menu::ivd_review})) == ReviewLevel::province);
  // Without the menu, or another kind of account: no review view.
  CHECK(review_level(admin(Role::city_admin, "340100", {})) == ReviewLevel::none);
  CHECK(review_level(admin(Role::super_admin, "000000", {menu::ivd_review, menu::ivd_national})) == ReviewLevel::none);
  Actor h = admin(Role::hospital, "340100", {menu::ivd_review, menu::ivd_fill});
  h.user_type = "hospital";
  CHECK(review_level(h) == ReviewLevel::none);
}

TEST_CASE("hospital_actions follow the sheet workflow's city rows", "[ivd][review]") {
  using V = std::vector<A>;
  CHECK(hospital_actions(sheet_status::submitted, true) == V{A::approve, A::reject, A::exclude});
  CHECK(hospital_actions(sheet_status::approved, true) == V{A::withdraw_review, A::exclude});
  CHECK(hospital_actions(sheet_status::rejected, true) == V{A::withdraw_review, A::exclude});
  CHECK(hospital_actions(sheet_status::draft, true) == V{A::exclude});
  CHECK(hospital_actions(sheet_status::not_filled, true) == V{A::exclude});
  CHECK(hospital_actions(sheet_status::not_required, true) == V{A::include});
  CHECK(hospital_actions("unknown", true).empty());
  // The city has submitted (or its window closed): nothing to change.
  CHECK(hospital_actions(sheet_status::submitted, false).empty());
  CHECK(hospital_actions(sheet_status::not_required, false).empty());
}

TEST_CASE("every offered hospital action is one the workflow allows, and the reverse", "[ivd][review]") {
  for (const std::string& s : sheet_status_ids())
    for (A a : {A::approve, A::reject, A::withdraw_review, A::exclude, A::include}) {
      const auto offered = hospital_actions(s, true);
      const bool shown = std::find(offered.begin(), offered.end(), a) != offered.end();
      CHECK(shown == sheet_workflow().allows(review_action_id(a), s));
    }
}

TEST_CASE("city_actions follow the city workflow's province rows", "[ivd][review]") {
  using V = std::vector<A>;
  CHECK(city_actions(city_status::submitted, true) == V{A::approve, A::reject});
  CHECK(city_actions(city_status::approved, true) == V{A::withdraw_review});
  CHECK(city_actions(city_status::rejected, true) == V{A::withdraw_review});
  CHECK(city_actions(city_status::pending, true).empty());  // only the city itself submits
  CHECK(city_actions(city_status::submitted, false).empty());
}

TEST_CASE("status ids and the city's own label of a rejection", "[ivd][review]") {
  CHECK(sheet_status_ids() == std::vector<std::string>{"not_filled", "draft", "submitted", "approved", "rejected",
                                                      "not_required"});
  CHECK(city_status_ids() == std::vector<std::string>{"pending", "submitted", "approved", "rejected"});
  CHECK(city_status_label_id(city_status::rejected, true) == "ivd.city_status.rejected.own");
  CHECK(city_status_label_id(city_status::rejected, false) == "ivd.city_status.rejected");
  CHECK(city_status_label_id(city_status::pending, true) == "ivd.city_status.pending");
  CHECK(review_action_id(A::withdraw_review) == "withdraw_review");
}

TEST_CASE("HospitalReviewRow round-trips through its wire form", "[ivd][review][wire]") {
  HospitalReviewRow r;
  r.hospital_id = 17;
  r.hospital_code = "H34010000001";
  r.hospital_name = "合肥市第一人民医院";
  r.hospital_level = "三级甲等";
  r.status = sheet_status::rejected;
  r.revision = 4;
  r.line_count = 12;
  r.sums = {1200, 1500};
  r.submitted_at = 1700000000;
  r.review_reason = "请核实";
  nlohmann::json j = r;
  CHECK(j["last_year_total"] == 1200);
  CHECK(j["reviewed_at"].is_null());
  CHECK(j.contains("submitted_at_text"));
  CHECK(j.get<HospitalReviewRow>() == r);
}
