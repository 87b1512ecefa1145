#include "services/notifications/storage/statements.hpp"

#include "libs/db/sorted_statements.hpp"
#include "notifications_sql.hpp"
#include "services/notifications/storage/inbox_repository.hpp"
#include "services/notifications/storage/webhook_repository.hpp"

namespace iris::notifications::storage {

std::span<const db::Statement> Statements() {
  static const db::StatementSet set(
      sql::kAll,
      {
          // Sorted lists: {&sql::kXList, db::SortKeysOf(kXSorts)}
          {&sql::kInboxList, db::SortKeysOf(kInboxSorts)},
          {&sql::kWebhookDeliveriesList, db::SortKeysOf(kDeliverySorts)},
          {&sql::kWebhookEndpointsList, db::SortKeysOf(kEndpointSorts)},
      },
      "notifications");
  return set.all();
}

}  // namespace iris::notifications::storage
