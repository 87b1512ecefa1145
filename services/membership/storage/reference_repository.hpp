// What the reference use cases need from storage.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/membership/domain/reference.hpp"

namespace iris::membership::storage {

class ReferenceRepository {
 public:
  virtual ~ReferenceRepository() = default;
  virtual absl::StatusOr<std::vector<domain::Country>> ListCountries(db::Tx& tx) = 0;
  virtual absl::StatusOr<std::vector<domain::TargetGroup>> ListTargetGroups(db::Tx& tx) = 0;
  virtual absl::StatusOr<std::vector<domain::Language>> ListLanguages(db::Tx& tx) = 0;
  virtual absl::StatusOr<std::vector<domain::Network>> ListNetworks(db::Tx& tx) = 0;
  // NOT_FOUND when the country has no network.
  virtual absl::StatusOr<domain::Network> FindNetwork(db::Tx& tx, const std::string& country) = 0;
};

}  // namespace iris::membership::storage
