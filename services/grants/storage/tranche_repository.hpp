// What the tranche use cases need from storage.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/grants/domain/tranche.hpp"

namespace iris::grants::storage {

class TrancheRepository {
 public:
  virtual ~TrancheRepository() = default;
  virtual absl::StatusOr<domain::Tranche> Insert(db::Tx& tx, const domain::Tranche& t) = 0;
  // NOT_FOUND when no tranche has this id (a malformed id included).
  virtual absl::StatusOr<domain::Tranche> FindById(db::Tx& tx, const std::string& id) = 0;
  virtual absl::StatusOr<domain::Tranche> FindForUpdate(db::Tx& tx, const std::string& id) = 0;
  virtual absl::StatusOr<std::vector<domain::Tranche>> ListByGrant(db::Tx& tx,
                                                                   const std::string& grant_id) = 0;
  // planned -> paid (on `paid_on`) or cancelled; "invalid_transition" when no longer planned.
  virtual absl::StatusOr<domain::Tranche> Settle(db::Tx& tx, const std::string& id,
                                                 domain::TrancheStatus to,
                                                 const std::optional<domain::LocalDate>& paid_on,
                                                 const std::string& note) = 0;
};

}  // namespace iris::grants::storage
