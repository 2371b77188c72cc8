#include "core/api/connection_status.hpp"

namespace ivd {

Link link_of(const LinkState& s) {
  if (!s.reachable || s.kiosk) return Link::offline;
  if (s.syncing) return Link::syncing;
  return Link::online;
}

std::string_view link_label_id(Link link) {
  switch (link) {
    case Link::online:
      return "kiosk.link.online";
    case Link::offline:
      return "kiosk.link.offline";
    case Link::syncing:
      return "kiosk.link.syncing";
  }
  return "kiosk.link.offline";
}

StatusTone link_tone(Link link) {
  switch (link) {
    case Link::online:
      return StatusTone::ok;
    case Link::syncing:
      return StatusTone::progress;
    case Link::offline:
      return StatusTone::bad;
  }
  return StatusTone::bad;
}

std::string link_text(Lang lang, const LinkState& s) {
  const Link link = link_of(s);
  std::string text(tr(lang, link_label_id(link)));
  if (s.unsent > 0) text += trf(lang, "kiosk.link.unsent", {std::to_string(s.unsent)});
  return text;
}

}  // namespace ivd
