// The browser's connection as core decides it (core/api/connection_status.hpp): 在线 / 离线 / 同步中 and
// the count of changes not yet sent.
#include <catch_amalgamated.hpp>

#include "core/api/connection_status.hpp"

using namespace ivd;

TEST_CASE("connection status: reachability, kiosk mode and a running sync decide the link") {
  CHECK(link_of({}) == Link::online);
  CHECK(link_of({.reachable = false}) == Link::offline);
  CHECK(link_of({.reachable = true, .kiosk = true}) == Link::offline);
  CHECK(link_of({.reachable = true, .syncing = true}) == Link::syncing);
  // A sync cannot run while the server is out of reach: offline wins.
  CHECK(link_of({.reachable = false, .syncing = true}) == Link::offline);
  CHECK(link_tone(Link::online) == StatusTone::ok);
  CHECK(link_tone(Link::syncing) == StatusTone::progress);
  CHECK(link_tone(Link::offline) == StatusTone::bad);
  CHECK(status_means_unreachable(0));
  CHECK_FALSE(status_means_unreachable(503));
  CHECK_FALSE(status_means_unreachable(401));
}

TEST_CASE("connection status: the top bar's words in both languages, with the unsent count") {
  CHECK(link_text(Lang::zh, {}) == "在线");
  CHECK(link_text(Lang::zh, {.reachable = false}) == "离线");
  CHECK(link_text(Lang::zh, {.reachable = false, .unsent = 3}) == "离线 · 3 项未同步");
  CHECK(link_text(Lang::zh, {.reachable = true, .syncing = true, .unsent = 12}) == "同步中 · 12 项未同步");
  CHECK(link_text(Lang::en, {.reachable = false, .unsent = 1}) == "Offline · 1 not sent");
  CHECK(link_text(Lang::en, {}) == "Online");
  for (Link l : {Link::online, Link::offline, Link::syncing}) {
    CHECK(has_text(Lang::zh, link_label_id(l)));
    CHECK(has_text(Lang::en, link_label_id(l)));
  }
}
