// The duplicate rule (SPEC §3, manual 医疗机构 注意事项 3): one open feedback per 流水号 and city (省本级:
// its 省本级), checked on 新增 and on 提交, released when the earlier flow ends — timeout included.
#include "tests/unit/test_supply_support.hpp"

using namespace ivd;
using namespace ivd::supply_test;

namespace {
constexpr const char* kMessage = "辖区已有医疗机构反映该中选药品供应问题，无需重复提交，请直接与上级医保部门联系！";

void require_duplicate(const Result<FeedbackDetail>& r) {
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "supply.duplicate");
  CHECK(http_status(r.error().kind) == 409);
  CHECK(r.error().message_zh == kMessage);
}
}  // namespace

TEST_CASE("two hospitals of one city: the second 新增 is refused with the exact message", "[supply][duplicate]") {
  SupplyWorld w;
  w.create(w.hosp1, "P001");
  const std::string before = w.snapshot();
  require_duplicate(create_feedback(w.db, w.svc, w.hosp2, w.input("P001"), true));
  // 新增 is refused even when only saving (the manual: 添加时提示).
  require_duplicate(create_feedback(w.db, w.svc, w.hosp2, w.input("P001"), false));
  // The same hospital cannot report it twice either.
  require_duplicate(create_feedback(w.db, w.svc, w.hosp1, w.input("P001"), false));
  CHECK(w.snapshot() == before);
  // Another 流水号 is fine.
  CHECK(create_feedback(w.db, w.svc, w.hosp2, w.input("P002"), true).ok());
}

TEST_CASE("two cities, and the 省本级, are separate scopes", "[supply][duplicate]") {
  SupplyWorld w;
  w.create(w.hosp1, "P001");                                              // 合肥
  CHECK(create_feedback(w.db, w.svc, w.hosp3, w.input("P001"), true).ok());  // 芜湖, same province
  CHECK(create_feedback(w.db, w.svc, w.hosp5, w.input("P001"), true).ok());  // 南京
  CHECK(create_feedback(w.db, w.svc, w.hosp4, w.input("P001"), true).ok());  // 安徽省省本级
  // A second 省本级 hospital of 安徽 shares the 省本级 scope.
  const int64_t h6 = w.institution("H6", "安徽省儿童医院", "hospital", "340099");
  const Actor hosp6 = w.make_actor("H6", Role::hospital, "340099", h6, {menu::supply_feedback});
  require_duplicate(create_feedback(w.db, w.svc, hosp6, w.input("P001"), true));
}

TEST_CASE("drafts do not block; 提交 is checked again", "[supply][duplicate]") {
  SupplyWorld w;
  const int64_t first = w.create(w.hosp1, "P001", false).row.id;  // a draft of 合肥 H1
  const int64_t second = w.create(w.hosp2, "P001", false).row.id;  // allowed: H1 has not submitted
  REQUIRE(submit_feedback(w.db, w.svc, w.hosp2, second, w.record(second).revision).ok());
  const std::string before = w.snapshot();
  require_duplicate(submit_feedback(w.db, w.svc, w.hosp1, first, w.record(first).revision));
  // 保存并提交 of the edited draft too.
  require_duplicate(update_feedback(w.db, w.svc, w.hosp1, first, w.record(first).revision, w.input("P001"), true));
  CHECK(w.snapshot() == before);
  CHECK(w.record(first).status == "draft");
  // 编辑 to another open 流水号 is refused at once; to a free one it is fine.
  const int64_t third = w.create(w.hosp1, "P004", false).row.id;
  require_duplicate(update_feedback(w.db, w.svc, w.hosp1, third, w.record(third).revision, w.input("P001"), false));
  CHECK(update_feedback(w.db, w.svc, w.hosp1, third, w.record(third).revision, w.input("P006"), false).ok());
}

TEST_CASE("the rule is released when the earlier flow ends or goes back to 待提交", "[supply][duplicate]") {
  SECTION("已解决") {
    SupplyWorld w;
    const int64_t id = w.create(w.hosp1, "P001").row.id;
    w.confirm(w.city_hf, id);
    w.answer(w.ent_a, id, true);
    require_duplicate(create_feedback(w.db, w.svc, w.hosp2, w.input("P001"), true));  // 待医疗机构确认 still open
    w.outcome(w.hosp1, id, true);
    CHECK(create_feedback(w.db, w.svc, w.hosp2, w.input("P001"), true).ok());
  }
  SECTION("未解决") {
    SupplyWorld w;
    const int64_t id = w.create(w.hosp1, "P001").row.id;
    w.confirm(w.city_hf, id);
    w.answer(w.ent_a, id, false);
    require_duplicate(create_feedback(w.db, w.svc, w.hosp2, w.input("P001"), true));  // 企业已确认 still open
    w.deliver(w.ent_a, id);
    w.outcome(w.hosp1, id, false);
    CHECK(create_feedback(w.db, w.svc, w.hosp2, w.input("P001"), true).ok());
  }
  SECTION("a timeout, read before any sweep") {
    SupplyWorld w;
    const int64_t id = w.create(w.hosp1, "P001").row.id;
    w.confirm(w.city_hf, id);  // deadline Wednesday 2026-06-03
    w.env.clock.advance(7 * kDay);  // the deadline day itself: still open
    require_duplicate(create_feedback(w.db, w.svc, w.hosp2, w.input("P001"), true));
    w.env.clock.advance(kDay);  // the day after: ended, though still stored as 待企业确认
    CHECK(w.record(id).status == "pending_enterprise");
    CHECK(create_feedback(w.db, w.svc, w.hosp2, w.input("P001"), true).ok());
  }
  SECTION("撤回 and 退回") {
    SupplyWorld w;
    const int64_t id = w.create(w.hosp1, "P001").row.id;
    REQUIRE(withdraw_feedback(w.db, w.svc, w.hosp1, id, w.record(id).revision).ok());
    const int64_t other = w.create(w.hosp2, "P001").row.id;
    ReviewInput ret{ReviewDecision::ret, std::nullopt, "重复反馈"};
    REQUIRE(review_feedback(w.db, w.svc, w.city_hf, other, w.record(other).revision, ret).ok());
    CHECK(submit_feedback(w.db, w.svc, w.hosp1, id, w.record(id).revision).ok());
  }
}
