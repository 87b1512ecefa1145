// ReferenceRepository over the membership schema.
#pragma once

#include "services/membership/storage/reference_repository.hpp"

namespace iris::membership::storage {

class PgReferenceRepository : public ReferenceRepository {
 public:
  absl::StatusOr<std::vector<domain::Country>> ListCountries(db::Tx& tx) override;
  absl::StatusOr<std::vector<domain::TargetGroup>> ListTargetGroups(db::Tx& tx) override;
  absl::StatusOr<std::vector<domain::Language>> ListLanguages(db::Tx& tx) override;
  absl::StatusOr<std::vector<domain::Network>> ListNetworks(db::Tx& tx) override;
  absl::StatusOr<domain::Network> FindNetwork(db::Tx& tx, const std::string& country) override;
};

}  // namespace iris::membership::storage
