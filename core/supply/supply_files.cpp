#include "core/supply/supply_files.hpp"

#include <vector>

#include "core/supply/feedback_store.hpp"
#include "core/supply/supply_scope.hpp"

namespace ivd {

Result<FileRef> authorize_supply_file_read(Db& db, const Actor& actor, int64_t file_id) {
  if (supply_side(actor, menu::supply_feedback) == SupplySide::none &&
      supply_side(actor, menu::supply_view) == SupplySide::none)
    return supply_role_forbidden();
  auto f = load_file(db, file_id);
  if (!f) return f.error().kind == ErrorKind::not_found ? supply_scope_forbidden() : f.error();
  if (check_file_attachable(*f, actor).ok()) return f;
  IVD_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT feedback_id FROM supply_feedback_files WHERE file_id = ?1 UNION "
      "SELECT id FROM supply_feedback WHERE interview_file_id = ?1"));
  st.bind(1, file_id);
  std::vector<int64_t> ids;
  IVD_TRY(st.each([&](const Stmt& row) { ids.push_back(row.col_int(0)); }));
  for (const int64_t id : ids) {
    IVD_ASSIGN_OR_RETURN(auto r, load_feedback(db, id));
    for (const char* menu : {menu::supply_feedback, menu::supply_view})
      if (check_feedback_visible(actor, menu, r.scope()).ok()) return f;
  }
  return supply_scope_forbidden();
}

}  // namespace ivd
