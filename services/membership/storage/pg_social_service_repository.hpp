// SocialServiceRepository over membership.social_services.
#pragma once

#include "services/membership/storage/social_service_repository.hpp"

namespace iris::membership::storage {

class PgSocialServiceRepository : public SocialServiceRepository {
 public:
  absl::StatusOr<domain::SocialService> FindById(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::SocialService> FindForUpdate(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::SocialService> Insert(db::Tx& tx, const domain::SocialService& s) override;
  absl::StatusOr<domain::SocialService> Update(db::Tx& tx, const domain::SocialService& s,
                                               int64_t expected_version) override;
  absl::Status Delete(db::Tx& tx, const std::string& id, int64_t expected_version) override;
  absl::StatusOr<pagination::Rows<domain::SocialService>> List(
      db::Tx& tx, const SocialServiceQuery& q) override;
  absl::StatusOr<std::vector<ServiceCategory>> ListCategories(db::Tx& tx) override;
};

}  // namespace iris::membership::storage
