#pragma once
// Numbered schema migrations, applied in order at start inside one transaction each.
#include "core/store/db.hpp"

namespace ivd {

struct Migration {
  int number;
  const char* name;
  const char* sql;
};

Status migrate(Db& db);
Result<int> schema_version(Db& db);
int latest_schema_version();

}  // namespace ivd
