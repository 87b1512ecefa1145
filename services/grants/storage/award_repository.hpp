// What the award, tranche and report use cases need of grants and of the call and application
// an award is decided on (read with this area's own statements).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/grants/domain/award.hpp"

namespace iris::grants::storage {

struct GrantQuery {
  std::vector<std::string> call_id, organization_id, country;  // any of the values; empty: all
  pagination::KeysetRequest page;
};

// The orders of a list of grants; the first is the default.
inline const std::array<pagination::SortField<domain::Grant>, 1> kGrantSorts{{
    {"created_at", pagination::KeyKind::kInstant, "grants.created_at",
     [](const domain::Grant& g) { return pagination::InstantKey(g.created_at); }},
}};

class AwardRepository {
 public:
  virtual ~AwardRepository() = default;

  // The call of an application; NOT_FOUND when no application has this id.
  virtual absl::StatusOr<std::string> CallOfApplication(db::Tx& tx, const std::string& id) = 0;
  // Row locks, taken in this order (call, application, allocation) by every award.
  virtual absl::StatusOr<domain::AwardCall> LockCall(db::Tx& tx, const std::string& id) = 0;
  virtual absl::StatusOr<domain::AwardApplication> LockApplication(db::Tx& tx,
                                                                   const std::string& id) = 0;
  // nullopt when the call has no allocation for the country.
  virtual absl::StatusOr<std::optional<domain::Allocation>> LockAllocation(
      db::Tx& tx, const std::string& call_id, const std::string& country) = 0;
  // Adds `amount` to the call (and its grant count): the grant's sequence number.
  // FAILED_PRECONDITION "over_budget" when the budget would be passed.
  virtual absl::StatusOr<int> AddToCall(db::Tx& tx, const std::string& call_id, int64_t amount) = 0;
  // FAILED_PRECONDITION "over_allocation" when the allocation would be passed.
  virtual absl::Status AddToAllocation(db::Tx& tx, const std::string& call_id,
                                       const std::string& country, int64_t amount) = 0;
  // The next contract sequence number of `year`, across calls; the year stays locked until
  // the transaction ends, so concurrent awards never take one number twice.
  virtual absl::StatusOr<int> NextContractSequence(db::Tx& tx, int year) = 0;
  // under_review -> awarded: the application's new version; "invalid_transition" otherwise.
  virtual absl::StatusOr<int64_t> MarkApplicationAwarded(db::Tx& tx, const std::string& id) = 0;
  virtual absl::StatusOr<domain::Grant> Insert(db::Tx& tx, const domain::Grant& g) = 0;

  // NOT_FOUND when no grant has this id (a malformed id included).
  virtual absl::StatusOr<domain::Grant> FindById(db::Tx& tx, const std::string& id) = 0;
  virtual absl::StatusOr<domain::Grant> FindForUpdate(db::Tx& tx, const std::string& id) = 0;
  // Moves the grant's tranche sums (under its row lock); FAILED_PRECONDITION "over_award"
  // when they would leave 0..amount.
  virtual absl::StatusOr<domain::Grant> AddToSums(db::Tx& tx, const std::string& id,
                                                  int64_t planned, int64_t paid) = 0;
  virtual absl::StatusOr<pagination::Rows<domain::Grant>> List(db::Tx& tx, const GrantQuery& q) = 0;
};

}  // namespace iris::grants::storage
