// What the version use cases (and the file use cases) need from storage: versions, their
// files as listed, and publication.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/documents/domain/version.hpp"

namespace iris::documents::storage {

class VersionRepository {
 public:
  virtual ~VersionRepository() = default;
  // Version `number` of the document with its files; NOT_FOUND when there is none.
  virtual absl::StatusOr<domain::Version> Find(db::Tx& tx, const std::string& document_id,
                                               int number) = 0;
  // As Find (without files), its row locked; take the document's lock first.
  virtual absl::StatusOr<domain::Version> FindForUpdate(db::Tx& tx, const std::string& document_id,
                                                        int number) = 0;
  // Every version of the document by number, with files; `published_only` for readers.
  virtual absl::StatusOr<std::vector<domain::Version>> List(db::Tx& tx,
                                                            const std::string& document_id,
                                                            bool published_only) = 0;
  // How many files the version holds (0 for version 0).
  virtual absl::StatusOr<int> FileCount(db::Tx& tx, const std::string& document_id, int number) = 0;
  // Inserts version `number` and makes it the document's latest (the caller holds the
  // document's lock and checked number = latest + 1); returns the document's new state.
  virtual absl::StatusOr<domain::Version> Insert(db::Tx& tx, const std::string& document_id,
                                                 int number, const std::string& change_note) = 0;
  // Sets published_at of version `number` (once).
  virtual absl::Status Publish(db::Tx& tx, const std::string& document_id, int number) = 0;
};

}  // namespace iris::documents::storage
