// ApplicationRepository over membership.membership_applications.
#pragma once

#include "services/membership/storage/application_repository.hpp"

namespace iris::membership::storage {

class PgApplicationRepository : public ApplicationRepository {
 public:
  absl::StatusOr<domain::MembershipApplication> FindById(db::Tx& tx,
                                                         const std::string& id) override;
  absl::StatusOr<domain::MembershipApplication> FindForUpdate(db::Tx& tx,
                                                              const std::string& id) override;
  absl::StatusOr<domain::MembershipApplication> FindByStatusToken(
      db::Tx& tx, const std::string& token_hash) override;
  absl::StatusOr<domain::MembershipApplication> Insert(
      db::Tx& tx, const domain::MembershipApplication& a,
      const std::string& status_token_hash) override;
  absl::StatusOr<domain::MembershipApplication> Decide(db::Tx& tx, const std::string& id,
                                                       domain::ApplicationStatus status,
                                                       const std::string& note,
                                                       const std::string& organization_id) override;
  absl::StatusOr<pagination::Rows<domain::MembershipApplication>> List(
      db::Tx& tx, const ApplicationQuery& q) override;
};

}  // namespace iris::membership::storage
