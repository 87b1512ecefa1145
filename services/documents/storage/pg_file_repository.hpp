// FileRepository over documents.files (storage/sql/files_*.sql).
#pragma once

#include "libs/db/row.hpp"
#include "services/documents/storage/file_repository.hpp"

namespace iris::documents::storage {

class PgFileRepository : public FileRepository {
 public:
  absl::StatusOr<std::optional<StoredFile>> Find(db::Tx& tx, const std::string& document_id,
                                                 int version, const std::string& name) override;
  absl::StatusOr<domain::File> Insert(db::Tx& tx, const std::string& document_id, int version,
                                      const FileContent& content) override;
  absl::StatusOr<domain::File> Replace(db::Tx& tx, const std::string& document_id, int version,
                                       const FileContent& content) override;
};

// A file from a row of any statement returning {{files_columns}}.
domain::File FileFromRow(const db::Row& r);

}  // namespace iris::documents::storage
