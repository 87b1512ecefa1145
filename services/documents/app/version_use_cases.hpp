// Use cases over a document's versions: its editors create the next one (sealing the one
// before), readers list and read the versions they may see with their files.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "services/documents/domain/document.hpp"
#include "services/documents/domain/version.hpp"
#include "services/documents/storage/document_repository.hpp"
#include "services/documents/storage/version_repository.hpp"

namespace iris::documents::app {

// Versions as one caller sees them, with the document they belong to (for `sealed`).
struct VersionList {
  domain::Document document;
  std::vector<domain::Version> versions;
};

class VersionUseCases {
 public:
  VersionUseCases(db::Pool& pool, storage::DocumentRepository& documents,
                  storage::VersionRepository& versions)
      : pool_(pool), documents_(documents), versions_(versions) {}

  // The next number (1 for the first) by who may revise the document now
  // (domain::CanRevise); 409 when it is archived or its latest version has no file yet.
  absl::StatusOr<VersionList> Create(const identity::Caller& caller, const std::string& document_id,
                                     const std::string& change_note);
  // By number; readers who may not see it unpublished: the published versions only.
  absl::StatusOr<VersionList> List(const identity::Caller& caller, const std::string& document_id);
  // NOT_FOUND for a version the caller may not see.
  absl::StatusOr<VersionList> Get(const identity::Caller& caller, const std::string& document_id,
                                  int number);

 private:
  db::Pool& pool_;
  storage::DocumentRepository& documents_;
  storage::VersionRepository& versions_;
};

}  // namespace iris::documents::app
