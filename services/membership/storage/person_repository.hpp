// What the people use cases need from storage.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/membership/domain/person.hpp"

namespace iris::membership::storage {

// The orders of an organisation's people; the first is the default.
inline const std::array<pagination::SortField<domain::Person>, 2> kPersonSorts{{
    {"created_at", pagination::KeyKind::kInstant, "people.created_at",
     [](const domain::Person& p) { return pagination::InstantKey(p.created_at); }},
    {"name", pagination::KeyKind::kText, R"(people.name COLLATE "und-x-icu")",
     [](const domain::Person& p) { return p.name; }},
}};

class PersonRepository {
 public:
  virtual ~PersonRepository() = default;
  // NOT_FOUND when no person has this id (a malformed id included).
  virtual absl::StatusOr<domain::Person> FindById(db::Tx& tx, const std::string& id) = 0;
  // As FindById, locking the row until the transaction ends.
  virtual absl::StatusOr<domain::Person> FindForUpdate(db::Tx& tx, const std::string& id) = 0;
  virtual absl::StatusOr<domain::Person> Insert(db::Tx& tx, const domain::Person& person) = 0;
  // Writes the client-writable fields when the stored version is still `expected_version`
  // (otherwise FAILED_PRECONDITION "stale_version"); consent_changed dates the consent anew.
  virtual absl::StatusOr<domain::Person> Update(db::Tx& tx, const domain::Person& person,
                                                int64_t expected_version, bool consent_changed) = 0;
  // Deletes the row at `expected_version`; FAILED_PRECONDITION "stale_version" otherwise.
  virtual absl::Status Delete(db::Tx& tx, const std::string& id, int64_t expected_version) = 0;
  // Up to pagination::RowsToFetch(page.limit) of the organisation's people in the page's
  // order after its position, and the total when asked; pagination::PageOf makes the page.
  virtual absl::StatusOr<pagination::Rows<domain::Person>> List(
      db::Tx& tx, const std::string& organization_id, const pagination::KeysetRequest& page) = 0;
};

}  // namespace iris::membership::storage
