// The supply wire types (the browser reads replies with them) and what each side's screen offers.
#include "core/supply/supply_scope.hpp"
#include "core/supply/supply_types.hpp"
#include "tests/unit/test_supply_support.hpp"

using namespace ivd;
using namespace ivd::supply_test;
using nlohmann::json;

TEST_CASE("supply wire types read back what they write, and tolerate anything else", "[supply][wire]") {
  SupplyWorld w;
  const int64_t id = w.create(w.hosp1, "P002").row.id;
  w.confirm(w.city_hf, id);
  auto d = feedback_detail(w.db, w.svc, w.hosp1, menu::supply_feedback, id);
  REQUIRE(d.ok());
  const json j = *d;
  CHECK(j["remaining_days"] == 5);
  CHECK(j["interview_file"].is_object());
  CHECK_FALSE(j.contains("outcome"));
  const FeedbackDetail back = j.get<FeedbackDetail>();
  CHECK(back.row == d->row);
  CHECK(back.events.size() == d->events.size());
  CHECK(back.events.back().action == "confirm");
  CHECK(back.interview_file->id == d->interview_file->id);
  CHECK(json(back) == j);

  auto page = query_products(w.db, {}, Page{1, 3});
  REQUIRE(page.ok());
  const ProductPage pp = json(*page).get<ProductPage>();
  REQUIRE(pp.items.size() == 3);
  CHECK(pp.items[1] == page->items[1]);
  CHECK(pp.total == 6);

  FeedbackInput in = w.input("P001");
  in.attachment_ids = {3, 4};
  CHECK(json(in).get<FeedbackInput>() == in);

  // Garbage never throws: every field reads as its default.
  for (const json& bad : {json(nullptr), json(5), json::array({1}), json{{"id", "x"}, {"actions", 3}, {"events", "no"}},
                          json{{"attachments", json::array({1, "x"})}, {"remaining_days", "5"}}}) {
    FeedbackDetail fd = bad.get<FeedbackDetail>();
    CHECK(fd.row.id == 0);
    CHECK_FALSE(fd.row.remaining_days.has_value());
    CHECK(bad.get<FeedbackPage>().items.empty());
    CHECK(bad.get<Product>().serial.empty());
  }
}

TEST_CASE("each side's screen: who adds, imports, exports, sees which columns, acts at all", "[supply][wire]") {
  SupplyWorld w;
  auto caps = [&](const Actor& a, std::string_view m = menu::supply_feedback) { return supply_caps(a, m); };
  CHECK(caps(w.hosp1).side == SupplySide::hospital);
  CHECK(caps(w.hosp1).can_add);
  CHECK_FALSE(caps(w.hosp1).shows_hospital_columns);
  CHECK(caps(w.hosp1).shows_enterprise_columns);
  CHECK_FALSE(caps(w.hosp1).read_only);
  CHECK(caps(w.city_hf).side == SupplySide::reviewer);
  CHECK_FALSE(caps(w.city_hf).can_add);
  CHECK(caps(w.prov_ah).side == SupplySide::reviewer);
  CHECK(caps(w.prov_ah, menu::supply_view).side == SupplySide::viewer);
  CHECK(caps(w.prov_ah, menu::supply_view).can_export);
  CHECK(caps(w.prov_ah, menu::supply_view).read_only);
  CHECK(caps(w.sbj_ah).side == SupplySide::none);
  CHECK(caps(w.ent_a).side == SupplySide::enterprise);
  CHECK_FALSE(caps(w.ent_a).shows_enterprise_columns);
  CHECK(caps(w.super_admin).can_import_products);
  CHECK(caps(w.super_admin).read_only);
  CHECK(caps(w.super_admin, menu::supply_view).side == SupplySide::none);  // province admins only
  CHECK(caps(w.city_hf, menu::supply_view).side == SupplySide::none);
  Actor no_menu = w.hosp2;
  no_menu.menus.clear();
  CHECK(caps(no_menu).side == SupplySide::none);
}
