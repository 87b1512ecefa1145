// VersionRepository over documents.versions and the listing of documents.files.
#pragma once

#include "libs/db/row.hpp"
#include "services/documents/storage/version_repository.hpp"

namespace iris::documents::storage {

class PgVersionRepository : public VersionRepository {
 public:
  absl::StatusOr<domain::Version> Find(db::Tx& tx, const std::string& document_id,
                                       int number) override;
  absl::StatusOr<domain::Version> FindForUpdate(db::Tx& tx, const std::string& document_id,
                                                int number) override;
  absl::StatusOr<std::vector<domain::Version>> List(db::Tx& tx, const std::string& document_id,
                                                    bool published_only) override;
  absl::StatusOr<int> FileCount(db::Tx& tx, const std::string& document_id, int number) override;
  absl::StatusOr<domain::Version> Insert(db::Tx& tx, const std::string& document_id, int number,
                                         const std::string& change_note) override;
  absl::Status Publish(db::Tx& tx, const std::string& document_id, int number) override;
};

// A version (without files) from a row returning {{versions_columns}}.
domain::Version VersionFromRow(const db::Row& r);

}  // namespace iris::documents::storage
