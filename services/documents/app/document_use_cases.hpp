// Use cases over documents: members draft and submit for their own organisation, staff create
// for any, network admins and the coordinator of a document's single country publish and
// archive; anyone reads what is published; the list searches titles, summaries and file text
// with facets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "libs/members/directory.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/documents/domain/document.hpp"
#include "services/documents/domain/document_workflow.hpp"
#include "services/documents/storage/document_repository.hpp"
#include "services/documents/storage/version_repository.hpp"

namespace iris::documents::app {

inline constexpr size_t kMaxQueryChars = 200;
// How deep a ranked list pages (by offset): relevance beyond this is noise, and an offset
// costs every row before it.
inline constexpr int kMaxSearchOffset = 10000;

struct DocumentListRequest {
  std::vector<std::string> kind, country, topic, language, status;  // any of the values
  std::vector<int> year;
  std::string q;
  pagination::PageParams page;
};

struct DocumentList {
  pagination::Page<domain::Document> page;
  // With q: counts by kind, country, year and topic over every match the caller sees.
  std::optional<std::vector<storage::FacetCount>> facets;
};

class DocumentUseCases {
 public:
  DocumentUseCases(db::Pool& pool, storage::DocumentRepository& documents,
                   storage::VersionRepository& versions, members::MembershipDirectory& membership)
      : pool_(pool), documents_(documents), versions_(versions), membership_(membership) {}

  // Members (their own organisation among organization_ids; none sent: theirs), network admins
  // and coordinators (their country among countries), at least one organisation, each an
  // active member (asked of membership; 503 when it does not answer, nothing written).
  absl::StatusOr<domain::Document> Create(const identity::Caller& caller,
                                          const domain::DocumentPatch& fields);
  // NOT_FOUND to whoever may not see it (domain::CanSee).
  absl::StatusOr<domain::Document> Get(const identity::Caller& caller, const std::string& id);
  // Its editors while draft (staff alone while in review). expected_version 0: none.
  absl::StatusOr<domain::Document> Update(const identity::Caller& caller, const std::string& id,
                                          const domain::DocumentPatch& fields,
                                          int64_t expected_version);
  absl::StatusOr<DocumentList> List(const identity::Caller& caller, const DocumentListRequest& req);
  // submit, publish (also a revision's), archive.
  absl::StatusOr<domain::Document> Act(const identity::Caller& caller, const std::string& id,
                                       domain::DocumentVerb verb, const std::string& note,
                                       int64_t expected_version);

 private:
  // Asks membership about the organisations `next` names that `before` did not; `sent`, the
  // list as the client sent it, names the elements in problems.
  absl::Status CheckOrganizations(const identity::Caller& caller, const domain::Document& next,
                                  const domain::Document* before,
                                  const std::optional<std::vector<std::string>>& sent);
  absl::StatusOr<DocumentList> Search(const identity::Caller& caller, storage::SearchQuery q,
                                      const pagination::PageParams& page, status::Validator& v);

  db::Pool& pool_;
  storage::DocumentRepository& documents_;
  storage::VersionRepository& versions_;
  members::MembershipDirectory& membership_;
};

// Why `caller` may not change `d` as it is: NOT_FOUND when it may not see it, 401 anonymous,
// 403 when it is none of its editors, else 409 invalid_transition (the state forbids it).
absl::Status RefuseChange(const identity::Caller& caller, const domain::Document& d,
                          std::string_view what);

}  // namespace iris::documents::app
