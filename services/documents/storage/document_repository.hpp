// What the document use cases (and the file use cases) need from storage: documents, their
// search vectors and the search with its facets.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/documents/domain/document.hpp"

namespace iris::documents::storage {

// Who asks, as the statements see it (_documents_sees_unpublished.sql).
struct Viewer {
  bool admin = false;
  std::string coordinator_country;  // '' none
  std::string member_organization;  // '' none
};
Viewer ViewerOf(const identity::Caller& caller);

struct DocumentFilters {
  std::vector<std::string> kind, country, topic, language, status;  // any of; empty: all
  std::vector<std::string> year;                                    // decimal years
};

struct DocumentQuery {
  Viewer viewer;
  DocumentFilters filters;
  pagination::KeysetRequest page;
};

// A ranked search: the page from `offset`, `limit` + 1 rows (one more tells whether more
// follow).
struct SearchQuery {
  Viewer viewer;
  DocumentFilters filters;
  std::string q;
  int limit = pagination::kDefaultLimit;
  int offset = 0;
};

struct FacetCount {
  std::string facet;  // kind | country | year | topic
  std::string value;
  int64_t count = 0;
};

// The orders of a list of documents without q; the first is the default order's field (the
// use case asks for it descending). Indexed (V001: documents_updated_at).
inline const std::array<pagination::SortField<domain::Document>, 1> kDocumentSorts{{
    {"updated_at", pagination::KeyKind::kInstant, "documents.updated_at",
     [](const domain::Document& d) { return pagination::InstantKey(d.updated_at); }},
}};

class DocumentRepository {
 public:
  virtual ~DocumentRepository() = default;
  // NOT_FOUND when no document has this id (a malformed id included).
  virtual absl::StatusOr<domain::Document> FindById(db::Tx& tx, const std::string& id) = 0;
  // As FindById, locking the document's row until the transaction ends: every change of the
  // document, its versions and files takes it first.
  virtual absl::StatusOr<domain::Document> FindForUpdate(db::Tx& tx, const std::string& id) = 0;
  virtual absl::StatusOr<domain::Document> Insert(db::Tx& tx, const domain::Document& d) = 0;
  // Writes the writable fields if the version is still `version`; FAILED_PRECONDITION
  // "stale_version" otherwise.
  virtual absl::StatusOr<domain::Document> Update(db::Tx& tx, const domain::Document& d,
                                                  int64_t version) = 0;
  // From `from` to `to` with the note; `publishes_latest`: the latest version becomes the
  // published one. FAILED_PRECONDITION "invalid_transition" when it is no longer in `from`.
  virtual absl::StatusOr<domain::Document> SetStatus(db::Tx& tx, const std::string& id,
                                                     domain::DocumentStatus from,
                                                     domain::DocumentStatus to,
                                                     const std::string& note,
                                                     bool publishes_latest) = 0;
  // Recomputes search_all and search_public (documents_refresh_search.sql): after every change
  // of metadata, files or publication, in its transaction.
  virtual absl::Status RefreshSearch(db::Tx& tx, const std::string& id) = 0;
  virtual absl::StatusOr<pagination::Rows<domain::Document>> List(db::Tx& tx,
                                                                  const DocumentQuery& q) = 0;
  virtual absl::StatusOr<std::vector<domain::Document>> Search(db::Tx& tx,
                                                               const SearchQuery& q) = 0;
  virtual absl::StatusOr<std::vector<FacetCount>> Facets(db::Tx& tx, const SearchQuery& q) = 0;
  // Which of `ids` name documents the viewer sees.
  virtual absl::StatusOr<std::vector<std::string>> VisibleIds(
      db::Tx& tx, const Viewer& viewer, const std::vector<std::string>& ids) = 0;
};

}  // namespace iris::documents::storage
