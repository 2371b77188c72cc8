#pragma once
// The event log (SPEC §4: every state change is recorded: who, when, from, to, reason). The one writer
// of the events table; every domain records through it.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/db.hpp"

namespace ivd {

struct EventRow {
  int64_t id = 0;
  std::string action;
  int64_t actor_id = 0;
  std::string actor_name;  // users.name, or the username when the name is empty
  int64_t at = 0;
  std::string from_state;
  std::string to_state;
  std::string reason;
  friend bool operator==(const EventRow&, const EventRow&) = default;
};
// The event row on the wire: the fields above plus at_text (CST), which from_json ignores.
void to_json(nlohmann::json& j, const EventRow& e);
void from_json(const nlohmann::json& j, EventRow& e);

// One event to write (SPEC §4: who, when, from, to, reason). actor_id <= 0: the system (stored NULL).
struct NewEvent {
  std::string_view entity;
  std::string_view entity_id;
  std::string_view action;
  int64_t actor_id = 0;
  int64_t at = 0;
  std::string_view from_state;
  std::string_view to_state;
  std::string_view reason;
};

// The writer of the events table: prepares its statement once, so bulk writers (the demo seed, imports)
// write many events with it; record_event writes one through it.
class EventWriter {
 public:
  static Result<EventWriter> open(Db& db);
  Status write(const NewEvent& e);

 private:
  explicit EventWriter(Stmt st) : st_(std::move(st)) {}
  Stmt st_;
};

Status record_event(Db& db, std::string_view entity, std::string_view entity_id, std::string_view action,
                    int64_t actor_id, int64_t at, std::string_view from_state, std::string_view to_state,
                    std::string_view reason = {});
// Oldest first.
Result<std::vector<EventRow>> load_events(Db& db, std::string_view entity, std::string_view entity_id);
nlohmann::json events_to_json(const std::vector<EventRow>& events);

}  // namespace ivd
