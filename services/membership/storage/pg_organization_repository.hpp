// OrganizationRepository over membership.organizations.
#pragma once

#include "services/membership/storage/organization_repository.hpp"

namespace iris::membership::storage {

class PgOrganizationRepository : public OrganizationRepository {
 public:
  absl::StatusOr<domain::Organization> FindById(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Organization> FindForUpdate(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Organization> FindForShare(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Organization> Insert(db::Tx& tx, const domain::Organization& org) override;
  absl::StatusOr<domain::Organization> Update(db::Tx& tx, const domain::Organization& org,
                                              int64_t expected_version) override;
  absl::StatusOr<domain::Organization> SetStatus(db::Tx& tx, const std::string& id,
                                                 int64_t expected_version,
                                                 domain::OrganizationStatus status,
                                                 const std::string& note) override;
  absl::StatusOr<pagination::Rows<domain::Organization>> List(
      db::Tx& tx, const OrganizationQuery& query) override;
};

}  // namespace iris::membership::storage
