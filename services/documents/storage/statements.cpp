#include "services/documents/storage/statements.hpp"

#include "documents_sql.hpp"
#include "libs/db/sorted_statements.hpp"
#include "services/documents/storage/campaign_repository.hpp"
#include "services/documents/storage/document_repository.hpp"

namespace iris::documents::storage {

std::span<const db::Statement> Statements() {
  static const db::StatementSet set(sql::kAll,
                                    {
                                        {&sql::kDocumentsList, db::SortKeysOf(kDocumentSorts)},
                                        {&sql::kCampaignsList, db::SortKeysOf(kCampaignSorts)},
                                    },
                                    "documents");
  return set.all();
}

}  // namespace iris::documents::storage
