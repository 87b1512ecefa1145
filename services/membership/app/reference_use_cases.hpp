// Use cases over reference data: read-only, public.
#pragma once

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/membership/domain/reference.hpp"
#include "services/membership/storage/reference_repository.hpp"

namespace iris::membership::app {

class ReferenceUseCases {
 public:
  ReferenceUseCases(db::Pool& pool, storage::ReferenceRepository& repo)
      : pool_(pool), repo_(repo) {}

  absl::StatusOr<std::vector<domain::Country>> Countries();
  absl::StatusOr<std::vector<domain::TargetGroup>> TargetGroups();
  absl::StatusOr<std::vector<domain::Language>> Languages();
  absl::StatusOr<std::vector<domain::Network>> Networks();
  // Country codes are matched case-insensitively ("rs" finds RS); others are NOT_FOUND.
  absl::StatusOr<domain::Network> Network(std::string_view country);

 private:
  db::Pool& pool_;
  storage::ReferenceRepository& repo_;
};

}  // namespace iris::membership::app
