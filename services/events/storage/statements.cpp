#include "services/events/storage/statements.hpp"

#include "events_sql.hpp"
#include "libs/db/sorted_statements.hpp"
#include "services/events/storage/event_repository.hpp"
#include "services/events/storage/programme_repository.hpp"
#include "services/events/storage/registration_repository.hpp"

namespace iris::events::storage {

std::span<const db::Statement> Statements() {
  static const db::StatementSet set(
      sql::kAll,
      {
          // Sorted lists: {&sql::kXList, db::SortKeysOf(kXSorts)}
          {&sql::kEventsList, db::SortKeysOf(kEventSorts)},
          {&sql::kSessionsList, db::SortKeysOf(kSessionSorts)},
          {&sql::kRegistrationsList, db::SortKeysOf(kRegistrationSorts)},
          {&sql::kProgrammesList, db::SortKeysOf(kProgrammeSorts)},
          {&sql::kPlacementsList, db::SortKeysOf(kPlacementSorts)},
          {&sql::kMentoringSessionsList, db::SortKeysOf(kMentoringSessionSorts)},
      },
      "events");
  return set.all();
}

}  // namespace iris::events::storage
