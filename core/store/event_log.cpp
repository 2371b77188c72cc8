#include "core/store/event_log.hpp"

#include "core/base/civil_time.hpp"

namespace ivd {

Result<EventWriter> EventWriter::open(Db& db) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("INSERT INTO events (entity, entity_id, action, actor_id, at, from_state, "
                                           "to_state, reason) VALUES (?,?,?,?,?,?,?,?)"));
  return EventWriter(std::move(st));
}

Status EventWriter::write(const NewEvent& e) {
  // Stmt::bind(string_view) binds an empty view as '' (never NULL), so the views bind as they are.
  st_.bind(1, e.entity).bind(2, e.entity_id).bind(3, e.action);
  if (e.actor_id > 0) st_.bind(4, e.actor_id); else st_.bind_null(4);
  st_.bind(5, e.at).bind(6, e.from_state).bind(7, e.to_state).bind(8, e.reason);
  return st_.run();
}

Status record_event(Db& db, std::string_view entity, std::string_view entity_id, std::string_view action,
                    int64_t actor_id, int64_t at, std::string_view from_state, std::string_view to_state,
                    std::string_view reason) {
  IVD_ASSIGN_OR_RETURN(auto writer, EventWriter::open(db));
  return writer.write({entity, entity_id, action, actor_id, at, from_state, to_state, reason});
}

Result<std::vector<EventRow>> load_events(Db& db, std::string_view entity, std::string_view entity_id) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT e.id, e.action, coalesce(e.actor_id, 0), coalesce(nullif(u.name, ''), u.username, ''), e.at, "
      "e.from_state, e.to_state, e.reason FROM events e LEFT JOIN users u ON u.id = e.actor_id "
      "WHERE e.entity = ? AND e.entity_id = ? ORDER BY e.at, e.id"));
  st.bind(1, entity).bind(2, entity_id);
  std::vector<EventRow> out;
  IVD_TRY(st.each([&](const Stmt& r) {
    out.push_back({r.col_int(0), r.col_text(1), r.col_int(2), r.col_text(3), r.col_int(4), r.col_text(5),
                   r.col_text(6), r.col_text(7)});
  }));
  return out;
}
void to_json(nlohmann::json& j, const EventRow& e) {
  j = {{"id", e.id},
       {"action", e.action},
       {"actor_id", e.actor_id},
       {"actor_name", e.actor_name},
       {"at", e.at},
       {"at_text", format_cst(e.at)},
       {"from_state", e.from_state},
       {"to_state", e.to_state},
       {"reason", e.reason}};
}

void from_json(const nlohmann::json& j, EventRow& e) {
  j.at("id").get_to(e.id);
  j.at("action").get_to(e.action);
  j.at("actor_id").get_to(e.actor_id);
  j.at("actor_name").get_to(e.actor_name);
  j.at("at").get_to(e.at);
  j.at("from_state").get_to(e.from_state);
  j.at("to_state").get_to(e.to_state);
  j.at("reason").get_to(e.reason);
}

nlohmann::json events_to_json(const std::vector<EventRow>& events) {
  auto arr = nlohmann::json::array();
  for (const auto& e : events) arr.push_back(e);
  return arr;
}

}  // namespace ivd
