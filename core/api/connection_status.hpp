#pragma once
// How the browser is connected to the server (issue 12, kiosk mode): 在线, 离线 or 同步中, with the
// number of changes not yet sent. The web shows what this decides; the rule and the words live here.
#include <string>
#include <string_view>

#include "core/base/i18n.hpp"
#include "core/base/status_tone.hpp"

namespace ivd {

enum class Link { online, offline, syncing };

// What the browser knows of its connection.
struct LinkState {
  bool reachable = true;  // the last request (or probe) got an answer from the server
  bool kiosk = false;     // started in kiosk mode on purpose: the local store is used, the server is not asked
  bool syncing = false;   // queued changes are being sent up
  int unsent = 0;         // changes kept locally and not yet accepted by the server
  int accepted = 0;       // changes the server accepted from the outbox since the page loaded (screens
                          // showing what they changed read it again when it moves)
};

// Offline when the server cannot be reached or kiosk mode is on; syncing only while reachable and
// sending; online otherwise.
Link link_of(const LinkState& s);
std::string_view link_label_id(Link link);  // i18n id: kiosk.link.online / offline / syncing
StatusTone link_tone(Link link);            // online ok, syncing progress, offline bad
// The top bar's text: "在线", "离线", "离线 · 3 项未同步", "同步中 · 3 项未同步".
std::string link_text(Lang lang, const LinkState& s);

// An HTTP status that says the server was not reached (0: no answer at all, network error, timeout).
constexpr bool status_means_unreachable(int status) { return status == 0; }
// While offline, the browser asks the server again after this many seconds.
inline constexpr double kLinkProbeSeconds = 3.0;

}  // namespace ivd
