// Use cases over contact persons: authorise, validate, store, record outbox and audit (ids and
// field names only: a person's data never leaves its row), export and erase.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/membership/domain/person.hpp"
#include "services/membership/storage/organization_repository.hpp"
#include "services/membership/storage/person_repository.hpp"
#include "services/membership/storage/reference_cache.hpp"

namespace iris::membership::app {

struct PersonExport {
  domain::Person person;
  std::string organization_name;
  domain::Time exported_at;
};

class PersonUseCases {
 public:
  PersonUseCases(db::Pool& pool, storage::PersonRepository& people,
                 storage::OrganizationRepository& orgs, storage::ReferenceCache& reference_codes)
      : pool_(pool), people_(people), orgs_(orgs), reference_codes_(reference_codes) {}

  absl::StatusOr<domain::Person> Create(const identity::Caller& caller,
                                        const std::string& organization_id,
                                        const domain::PersonPatch& fields);
  absl::StatusOr<domain::Person> Get(const identity::Caller& caller, const std::string& id);
  // expected_version 0: no precondition.
  absl::StatusOr<domain::Person> Update(const identity::Caller& caller, const std::string& id,
                                        const domain::PersonPatch& fields,
                                        int64_t expected_version);
  // limit 0: pagination::kDefaultLimit; cursor: a previous page's next_cursor, empty for the
  // first.
  absl::StatusOr<pagination::Page<domain::Person>> List(const identity::Caller& caller,
                                                        const std::string& organization_id,
                                                        const pagination::PageParams& page);
  // Deletes the person for good; the audit log keeps only the id.
  absl::Status Erase(const identity::Caller& caller, const std::string& id,
                     int64_t expected_version);
  absl::StatusOr<PersonExport> Export(const identity::Caller& caller, const std::string& id);

 private:
  // The person's organisation when the caller handles its people; NOT_FOUND otherwise.
  absl::StatusOr<domain::Organization> OrganizationFor(db::Tx& tx, const identity::Caller& caller,
                                                       const std::string& organization_id);
  // For a create or an update: the organisation, share-locked until the transaction ends, when
  // the caller handles its people and may change them now; NOT_FOUND ("organization not found")
  // or PERMISSION_DENIED for a member while it is suspended or withdrawn (CheckMemberMayWrite).
  absl::StatusOr<domain::Organization> OrganizationForChange(db::Tx& tx,
                                                             const identity::Caller& caller,
                                                             const std::string& organization_id);

  db::Pool& pool_;
  storage::PersonRepository& people_;
  storage::OrganizationRepository& orgs_;
  storage::ReferenceCache& reference_codes_;
};

}  // namespace iris::membership::app
