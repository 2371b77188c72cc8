#pragma once
// Revisions and status transitions (SPEC §4: a stale write is refused, never silently overwritten;
// every state change is recorded with who, when, from, to and reason).
//
// A workflow is data: the table it lives in (StatusTable, fixed in code) and its transitions
// (who, from, action, to, precondition). apply_transition() is the one step every workflow uses:
//
//   UPDATE <table> SET <status> = to, <revision> = <revision> + 1, <updated> = at, <extra> = ...
//   WHERE <key> = ... AND <revision> = expected AND <status> = from
//
// followed by the event (record_event), both inside one transaction(db, fn) step, so either both are
// written or neither. Table and column names come only from the StatusTable descriptor (string
// constants in code); every value is bound. A new workflow (supply feedback with its seven statuses)
// declares its own StatusTable and Workflow and uses the step unchanged.
#include <cstdint>
#include <cstddef>
#include <utility>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/base/result.hpp"
#include "core/store/db.hpp"

namespace ivd {

// 409 revision.stale (details: expected, current) when expected != actual.
Status check_revision(int64_t expected, int64_t actual);

// Where a workflow's records live. Every name is a constant in code, never input.
// Unused slots of the column arrays stay nullptr.
struct StatusTable {
  static constexpr size_t kMaxKeys = 4, kMaxExtra = 8;
  const char* table = nullptr;                   // e.g. "ivd_city_reviews"
  const char* key_columns[kMaxKeys] = {};        // e.g. {"project_id", "city_code"}
  const char* status_column = "status";
  const char* revision_column = "revision";
  const char* updated_column = "updated_at";     // nullptr: the table keeps no update time
  const char* extra_columns[kMaxExtra] = {};     // the only other columns a transition may set
  const char* entity = "";                       // events.entity of the records
};

// One row of a workflow's transition table.
struct TransitionRule {
  std::string_view who;           // the role that may take it (documentation; the domain checks scope)
  std::string_view from;          // status id before
  std::string_view action;        // the event action, e.g. "approve"
  std::string_view to;            // status id after
  std::string_view precondition;  // what else must hold (documentation; the domain checks it)
};

struct Workflow {
  std::string_view name;
  const StatusTable& table;
  std::span<const std::string_view> statuses;
  std::span<const TransitionRule> rules;
  // Per action: the 409 code answered when the record is not in a status the action starts from
  // (e.g. "approve" -> "ivd.review.sheet_not_submitted"). Pairs of {action, code}.
  std::span<const std::pair<std::string_view, std::string_view>> refusals;

  // The rule for (action, from, to), or nullptr.
  const TransitionRule* find(std::string_view action, std::string_view from, std::string_view to) const;
  // May action start from status `from`?
  bool allows(std::string_view action, std::string_view from) const;
  // 409 <refusal code of action> with details {status: from}.
  Error refusal(std::string_view action, std::string_view from) const;
};

using SqlValue = std::variant<std::monostate, int64_t, std::string>;  // monostate binds NULL

struct ColumnValue {
  const char* column;  // must be one of StatusTable::extra_columns
  SqlValue value;
};

struct TransitionRequest {
  std::vector<SqlValue> key;  // one value per StatusTable::key_columns, in order
  std::string entity_id;      // events.entity_id
  int64_t expected_revision = 0;
  std::string from;
  std::string action;
  std::string to;
  int64_t actor_id = 0;
  int64_t at = 0;
  std::string reason;
  std::vector<ColumnValue> also_set;  // further columns written with the status
};

// The status-transition step (see the top of this file). Refusals, with nothing written:
//  * 409 <workflow refusal code> (details.status) when (action, from, to) is not a rule of the workflow
//    from this status, or the record is no longer in status `from`;
//  * 409 revision.stale (details: expected, current) when the record's revision is not expected;
//  * 404 store.record_not_found when no record has the key.
// A column outside the descriptor, a missing refusal code or a failing event is an internal error; the
// update is rolled back with it. Runs as its own transaction step, or as a savepoint inside the
// caller's.
Status apply_transition(Db& db, const Workflow& wf, const TransitionRequest& t);

// The same step for every record in status `from` that matches a condition, at once: a periodic
// sweep (e.g. supply feedback past its deadline). One INSERT ... SELECT writes an event per record
// (entity_id = the key as text), one UPDATE moves them, in one transaction step; the revisions go up
// by one as in apply_transition. Only for tables with a single key column. `where` is constant SQL
// from code over the table's columns with plain ? placeholders, bound from where_args.
struct BulkTransitionRequest {
  std::string from;
  std::string action;
  std::string to;
  std::string where;
  std::vector<SqlValue> where_args;
  int64_t actor_id = 0;  // <= 0: the system
  int64_t at = 0;
  std::string reason;
  std::vector<ColumnValue> also_set;
};
// How many records moved.
Result<int64_t> apply_bulk_transition(Db& db, const Workflow& wf, const BulkTransitionRequest& t);

}  // namespace ivd
