#include "core/store/transition.hpp"

#include "core/store/event_log.hpp"
#include "core/store/transaction.hpp"

namespace ivd {

Status check_revision(int64_t expected, int64_t actual) {
  if (expected == actual) return ok_status();
  Error e = make_error(ErrorKind::conflict, "revision.stale", "revision");
  e.details = {{"expected", expected}, {"current", actual}};
  return e;
}

const TransitionRule* Workflow::find(std::string_view action, std::string_view from, std::string_view to) const {
  for (const auto& r : rules)
    if (r.action == action && r.from == from && r.to == to) return &r;
  return nullptr;
}

bool Workflow::allows(std::string_view action, std::string_view from) const {
  for (const auto& r : rules)
    if (r.action == action && r.from == from) return true;
  return false;
}

Error Workflow::refusal(std::string_view action, std::string_view from) const {
  for (const auto& [a, code] : refusals) {
    if (a != action) continue;
    Error e = make_error(ErrorKind::conflict, std::string(code));
    e.details = {{"status", std::string(from)}};
    return e;
  }
  return internal_error("workflow " + std::string(name) + ": no refusal code for action " + std::string(action));
}

namespace {

void bind_value(Stmt& st, int i, const SqlValue& v) {
  if (const auto* n = std::get_if<int64_t>(&v)) st.bind(i, *n);
  else if (const auto* s = std::get_if<std::string>(&v)) st.bind(i, *s);
  else st.bind_null(i);
}

bool is_extra_column(const StatusTable& t, const char* column) {
  for (const char* c : t.extra_columns)
    if (c && column && std::string_view(c) == column) return true;
  return false;
}

size_t key_count(const StatusTable& t) {
  size_t n = 0;
  while (n < StatusTable::kMaxKeys && t.key_columns[n]) ++n;
  return n;
}

// " WHERE k1 = ?n AND k2 = ?n+1 ...": the key columns bound from `first`.
std::string key_clause(const StatusTable& t, int first) {
  std::string w;
  for (size_t i = 0; i < key_count(t); ++i) {
    w += i == 0 ? " WHERE " : " AND ";
    w += t.key_columns[i];
    w += " = ?" + std::to_string(first + static_cast<int>(i));
  }
  return w;
}

// Why did the update change nothing? Stale revision, status moved on, or no such record.
Status diagnose(Db& db, const Workflow& wf, const TransitionRequest& t) {
  const StatusTable& tab = wf.table;
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(std::string("SELECT ") + tab.revision_column + ", " + tab.status_column +
                                           " FROM " + tab.table + key_clause(tab, 1)));
  for (size_t i = 0; i < t.key.size(); ++i) bind_value(st, static_cast<int>(i) + 1, t.key[i]);
  IVD_ASSIGN_OR_RETURN(const bool found, st.step());
  if (!found) return make_error(ErrorKind::not_found, "store.record_not_found");
  IVD_TRY(check_revision(t.expected_revision, st.col_int(0)));
  return wf.refusal(t.action, st.col_text(1));
}

}  // namespace

Status apply_transition(Db& db, const Workflow& wf, const TransitionRequest& t) {
  const StatusTable& tab = wf.table;
  if (!wf.allows(t.action, t.from)) return wf.refusal(t.action, t.from);
  if (!wf.find(t.action, t.from, t.to))
    return internal_error("workflow " + std::string(wf.name) + ": no rule " + t.from + " --" + t.action + "--> " + t.to);
  if (t.key.size() != key_count(tab)) return internal_error(std::string("transition on ") + tab.table + ": key size");
  for (const auto& c : t.also_set)
    if (!is_extra_column(tab, c.column))
      return internal_error(std::string("transition on ") + tab.table + ": column not in the descriptor");

  // ?1 to, ?2 at, ?3 expected revision, ?4 from, then the extra columns, then the key.
  std::string sql = std::string("UPDATE ") + tab.table + " SET " + tab.status_column + " = ?1, " +
                    tab.revision_column + " = " + tab.revision_column + " + 1";
  if (tab.updated_column) sql += std::string(", ") + tab.updated_column + " = ?2";
  int next = 5;
  for (const auto& c : t.also_set) sql += std::string(", ") + c.column + " = ?" + std::to_string(next++);
  const int first_key = next;
  sql += key_clause(tab, first_key);
  sql += std::string(" AND ") + tab.revision_column + " = ?3 AND " + tab.status_column + " = ?4";

  return transaction(db, [&]() -> Status {
    IVD_ASSIGN_OR_RETURN(auto st, db.prepare(sql));
    st.bind(1, t.to).bind(2, t.at).bind(3, t.expected_revision).bind(4, t.from);
    int i = 5;
    for (const auto& c : t.also_set) bind_value(st, i++, c.value);
    for (const auto& k : t.key) bind_value(st, i++, k);
    IVD_TRY(st.run());
    if (db.changes() != 1) return diagnose(db, wf, t);
    return record_event(db, tab.entity, t.entity_id, t.action, t.actor_id, t.at, t.from, t.to, t.reason);
  });
}

Result<int64_t> apply_bulk_transition(Db& db, const Workflow& wf, const BulkTransitionRequest& t) {
  const StatusTable& tab = wf.table;
  if (!wf.find(t.action, t.from, t.to))
    return internal_error("workflow " + std::string(wf.name) + ": no rule " + t.from + " --" + t.action + "--> " + t.to);
  if (key_count(tab) != 1) return internal_error(std::string("bulk transition on ") + tab.table + ": one key column");
  for (const auto& c : t.also_set)
    if (!is_extra_column(tab, c.column))
      return internal_error(std::string("bulk transition on ") + tab.table + ": column not in the descriptor");
  // ?1 entity, ?2 action, ?3 actor, ?4 at, ?5 to, ?6 reason, ?7 from, then the condition's values.
  const std::string events = std::string("INSERT INTO events (entity, entity_id, action, actor_id, at, from_state, "
                                         "to_state, reason) SELECT ?1, CAST(") + tab.key_columns[0] +
                             " AS TEXT), ?2, ?3, ?4, " + tab.status_column + ", ?5, ?6 FROM " + tab.table +
                             " WHERE " + tab.status_column + " = ?7 AND (" + t.where + ") ORDER BY " +
                             tab.key_columns[0];  // events in key order: their index grows at its end
  // ?1 to, ?2 at, the extra columns, then from and the condition's values.
  std::string update = std::string("UPDATE ") + tab.table + " SET " + tab.status_column + " = ?1, " +
                       tab.revision_column + " = " + tab.revision_column + " + 1";
  if (tab.updated_column) update += std::string(", ") + tab.updated_column + " = ?2";
  int next = 3;
  for (const auto& c : t.also_set) update += std::string(", ") + c.column + " = ?" + std::to_string(next++);
  // The records by key (the IN list is sorted), so the table is walked in order rather than jumped about.
  update += std::string(" WHERE ") + tab.key_columns[0] + " IN (SELECT " + tab.key_columns[0] + " FROM " + tab.table +
            " WHERE " + tab.status_column + " = ?" + std::to_string(next) + " AND (" + t.where + "))";
  return transaction(db, [&]() -> Result<int64_t> {
    IVD_ASSIGN_OR_RETURN(auto ev, db.prepare(events));
    ev.bind(1, tab.entity).bind(2, t.action);
    if (t.actor_id > 0) ev.bind(3, t.actor_id); else ev.bind_null(3);
    ev.bind(4, t.at).bind(5, t.to).bind(6, t.reason).bind(7, t.from);
    for (size_t i = 0; i < t.where_args.size(); ++i) bind_value(ev, static_cast<int>(8 + i), t.where_args[i]);
    IVD_TRY(ev.run());
    const int64_t recorded = db.changes();
    IVD_ASSIGN_OR_RETURN(auto up, db.prepare(update));
    up.bind(1, t.to).bind(2, t.at);
    int i = 3;
    for (const auto& c : t.also_set) bind_value(up, i++, c.value);
    up.bind(i++, t.from);
    for (const auto& v : t.where_args) bind_value(up, i++, v);
    IVD_TRY(up.run());
    if (db.changes() != recorded)
      return internal_error(std::string("bulk transition on ") + tab.table + ": events and updates differ");
    return recorded;
  });
}

}  // namespace ivd
