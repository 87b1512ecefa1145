// PersonRepository over membership.people.
#pragma once

#include "services/membership/storage/person_repository.hpp"

namespace iris::membership::storage {

class PgPersonRepository : public PersonRepository {
 public:
  absl::StatusOr<domain::Person> FindById(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Person> FindForUpdate(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Person> Insert(db::Tx& tx, const domain::Person& person) override;
  absl::StatusOr<domain::Person> Update(db::Tx& tx, const domain::Person& person,
                                        int64_t expected_version, bool consent_changed) override;
  absl::Status Delete(db::Tx& tx, const std::string& id, int64_t expected_version) override;
  absl::StatusOr<pagination::Rows<domain::Person>> List(
      db::Tx& tx, const std::string& organization_id,
      const pagination::KeysetRequest& page) override;
};

}  // namespace iris::membership::storage
