#include "core/store/event_log.hpp"

#include "core/base/civil_time.hpp"

namespace ivd {

Status record_event(Db& db, std::string_view entity, std::string_view entity_id, std::string_view action,
                    int64_t actor_id, int64_t at, std::string_view from_state, std::string_view to_state,
                    std::string_view reason) {
  return EventWriter(db).record(entity, entity_id, action, actor_id, at, from_state, to_state, reason);
}

Status EventWriter::record(std::string_view entity, std::string_view entity_id, std::string_view action,
                           int64_t actor_id, int64_t at, std::string_view from_state, std::string_view to_state,
                           std::string_view reason) {
  if (!st_) {
    auto prepared = db_.prepare(
        "INSERT INTO events (entity, entity_id, action, actor_id, at, from_state, to_state, reason) "
        "VALUES (?,?,?,?,?,?,?,?)");
    if (!prepared) return prepared.error();
    st_.emplace(std::move(prepared).value());
  }
  Stmt* st = &*st_;
  // std::string copies: an empty string_view may have a null data pointer, which SQLite binds as NULL.
  st->bind(1, std::string(entity)).bind(2, std::string(entity_id)).bind(3, std::string(action));
  if (actor_id > 0) st->bind(4, actor_id); else st->bind_null(4);
  st->bind(5, at).bind(6, std::string(from_state)).bind(7, std::string(to_state)).bind(8, std::string(reason));
  return st->run();
}

Result<std::vector<EventRow>> load_events(Db& db, std::string_view entity, std::string_view entity_id) {
  auto st = db.prepare(
      "SELECT e.id, e.action, coalesce(e.actor_id, 0), coalesce(nullif(u.name, ''), u.username, ''), e.at, "
      "e.from_state, e.to_state, e.reason FROM events e LEFT JOIN users u ON u.id = e.actor_id "
      "WHERE e.entity = ? AND e.entity_id = ? ORDER BY e.at, e.id");
  if (!st) return st.error();
  st->bind(1, entity).bind(2, entity_id);
  std::vector<EventRow> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) break;
    out.push_back({st->col_int(0), st->col_text(1), st->col_int(2), st->col_text(3), st->col_int(4),
                   st->col_text(5), st->col_text(6), st->col_text(7)});
  }
  return out;
}

nlohmann::json events_to_json(const std::vector<EventRow>& events) {
  auto arr = nlohmann::json::array();
  for (const auto& e : events) {
    arr.push_back({{"id", e.id},
                   {"action", e.action},
                   {"actor_id", e.actor_id},
                   {"actor_name", e.actor_name},
                   {"at", e.at},
                   {"at_text", format_cst(e.at)},
                   {"from_state", e.from_state},
                   {"to_state", e.to_state},
                   {"reason", e.reason}});
  }
  return arr;
}

}  // namespace ivd
