// AwardRepository over grants.grants (and the award's reads and writes of calls, allocations
// and applications).
#pragma once

#include "services/grants/storage/award_repository.hpp"

namespace iris::grants::storage {

class PgAwardRepository : public AwardRepository {
 public:
  absl::StatusOr<std::string> CallOfApplication(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::AwardCall> LockCall(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::AwardApplication> LockApplication(db::Tx& tx,
                                                           const std::string& id) override;
  absl::StatusOr<std::optional<domain::Allocation>> LockAllocation(
      db::Tx& tx, const std::string& call_id, const std::string& country) override;
  absl::StatusOr<int> AddToCall(db::Tx& tx, const std::string& call_id, int64_t amount) override;
  absl::Status AddToAllocation(db::Tx& tx, const std::string& call_id, const std::string& country,
                               int64_t amount) override;
  absl::StatusOr<int> NextContractSequence(db::Tx& tx, int year) override;
  absl::StatusOr<int64_t> MarkApplicationAwarded(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Grant> Insert(db::Tx& tx, const domain::Grant& g) override;
  absl::StatusOr<domain::Grant> FindById(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Grant> FindForUpdate(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Grant> AddToSums(db::Tx& tx, const std::string& id, int64_t planned,
                                          int64_t paid) override;
  absl::StatusOr<pagination::Rows<domain::Grant>> List(db::Tx& tx, const GrantQuery& q) override;
};

}  // namespace iris::grants::storage
