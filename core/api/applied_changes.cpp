#include "core/api/applied_changes.hpp"

namespace ivd {

Result<std::optional<std::string>> applied_change(Db& db, int64_t user_id, const std::string& change_id) {
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare("SELECT answer FROM applied_changes WHERE user_id = ? AND change_id = ?"));
  st.bind_all(user_id, change_id);
  IVD_ASSIGN_OR_RETURN(bool row, st.step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(st.col_text(0));
}

Status remember_applied_change(Db& db, int64_t user_id, const std::string& change_id, const std::string& answer,
                               int64_t now) {
  IVD_ASSIGN_OR_RETURN(auto old, db.prepare("DELETE FROM applied_changes WHERE user_id = ? AND applied_at < ?"));
  old.bind_all(user_id, now - kAppliedChangeDays * 86400);
  IVD_TRY(old.run());
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "INSERT OR REPLACE INTO applied_changes (user_id, change_id, answer, applied_at) VALUES (?, ?, ?, ?)"));
  st.bind_all(user_id, change_id, answer, now);
  return st.run();
}

}  // namespace ivd
