// DocumentRepository over documents.documents (and, for the search vectors, documents.files).
#pragma once

#include "libs/db/row.hpp"
#include "services/documents/storage/document_repository.hpp"

namespace iris::documents::storage {

class PgDocumentRepository : public DocumentRepository {
 public:
  absl::StatusOr<domain::Document> FindById(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Document> FindForUpdate(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Document> Insert(db::Tx& tx, const domain::Document& d) override;
  absl::StatusOr<domain::Document> Update(db::Tx& tx, const domain::Document& d,
                                          int64_t version) override;
  absl::StatusOr<domain::Document> SetStatus(db::Tx& tx, const std::string& id,
                                             domain::DocumentStatus from, domain::DocumentStatus to,
                                             const std::string& note,
                                             bool publishes_latest) override;
  absl::Status RefreshSearch(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<pagination::Rows<domain::Document>> List(db::Tx& tx,
                                                          const DocumentQuery& q) override;
  absl::StatusOr<std::vector<domain::Document>> Search(db::Tx& tx, const SearchQuery& q) override;
  absl::StatusOr<std::vector<FacetCount>> Facets(db::Tx& tx, const SearchQuery& q) override;
  absl::StatusOr<std::vector<std::string>> VisibleIds(db::Tx& tx, const Viewer& viewer,
                                                      const std::vector<std::string>& ids) override;
};

// A document from a row of any documents_*.sql statement returning {{documents_columns}}.
absl::StatusOr<domain::Document> DocumentFromRow(const db::Row& r);

}  // namespace iris::documents::storage
