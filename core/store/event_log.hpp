#pragma once
// The event log (SPEC §4: every state change is recorded: who, when, from, to, reason). The one writer
// of the events table; every domain records through it.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
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
};

Status record_event(Db& db, std::string_view entity, std::string_view entity_id, std::string_view action,
                    int64_t actor_id, int64_t at, std::string_view from_state, std::string_view to_state,
                    std::string_view reason = {});

// record_event for bulk writes (imports, initialisation): the same statement, prepared once.
class EventWriter {
 public:
  explicit EventWriter(Db& db) : db_(db) {}
  Status record(std::string_view entity, std::string_view entity_id, std::string_view action, int64_t actor_id,
                int64_t at, std::string_view from_state, std::string_view to_state, std::string_view reason = {});

 private:
  Db& db_;
  std::optional<Stmt> st_;
};
// Oldest first.
Result<std::vector<EventRow>> load_events(Db& db, std::string_view entity, std::string_view entity_id);
nlohmann::json events_to_json(const std::vector<EventRow>& events);

}  // namespace ivd
