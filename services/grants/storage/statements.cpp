#include "services/grants/storage/statements.hpp"

#include "grants_sql.hpp"
#include "libs/db/sorted_statements.hpp"
#include "services/grants/storage/application_repository.hpp"
#include "services/grants/storage/award_repository.hpp"
#include "services/grants/storage/call_repository.hpp"

namespace iris::grants::storage {

std::span<const db::Statement> Statements() {
  static const db::StatementSet set(
      sql::kAll,
      {
          // Sorted lists: {&sql::kXList, db::SortKeysOf(kXSorts)}
          {&sql::kApplicationsList, db::SortKeysOf(kApplicationSorts)},
          {&sql::kCallsList, db::SortKeysOf(kCallSorts)},
          {&sql::kAwardsList, db::SortKeysOf(kGrantSorts)},
      },
      "grants");
  return set.all();
}

}  // namespace iris::grants::storage
