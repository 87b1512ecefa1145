// Use cases over contact persons: authorise, validate, store, record outbox and audit (ids and
// field names only: a person's data never leaves its row), export and erase.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/membership/app/organization_use_cases.hpp"
#include "services/membership/domain/person.hpp"
#include "services/membership/storage/organization_repository.hpp"
#include "services/membership/storage/person_repository.hpp"
#include "services/membership/storage/reference_repository.hpp"

namespace iris::membership::app {

struct PersonList {
  std::vector<domain::Person> items;
  std::string next_cursor;  // position JSON; empty on the last page
};

struct PersonExport {
  domain::Person person;
  std::string organization_name;
  domain::Time exported_at;
};

class PersonUseCases {
 public:
  PersonUseCases(db::Pool& pool, storage::PersonRepository& people,
                 storage::OrganizationRepository& orgs, storage::ReferenceRepository& reference)
      : pool_(pool), people_(people), orgs_(orgs), reference_(reference) {}

  absl::StatusOr<domain::Person> Create(const Requester& who, const std::string& organization_id,
                                        const domain::PersonPatch& fields);
  absl::StatusOr<domain::Person> Get(const Requester& who, const std::string& id);
  // expected_version 0: no precondition.
  absl::StatusOr<domain::Person> Update(const Requester& who, const std::string& id,
                                        const domain::PersonPatch& fields,
                                        int64_t expected_version);
  // limit 0: the default (50); cursor: a previous page's next_cursor, empty for the first.
  absl::StatusOr<PersonList> List(const Requester& who, const std::string& organization_id,
                                  int limit, const std::string& cursor);
  // Deletes the person for good; the audit log keeps only the id.
  absl::Status Erase(const Requester& who, const std::string& id, int64_t expected_version);
  absl::StatusOr<PersonExport> Export(const Requester& who, const std::string& id);

 private:
  // The person's organisation when the caller handles its people; NOT_FOUND otherwise.
  absl::StatusOr<domain::Organization> OrganizationFor(db::Tx& tx, const Requester& who,
                                                       const std::string& organization_id);

  db::Pool& pool_;
  storage::PersonRepository& people_;
  storage::OrganizationRepository& orgs_;
  storage::ReferenceRepository& reference_;
};

}  // namespace iris::membership::app
