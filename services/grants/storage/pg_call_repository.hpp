// CallRepository over grants.calls and grants.call_allocations.
#pragma once

#include "services/grants/storage/call_repository.hpp"

namespace iris::grants::storage {

class PgCallRepository : public CallRepository {
 public:
  absl::StatusOr<domain::GrantCall> FindById(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::GrantCall> FindForUpdate(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::GrantCall> Insert(db::Tx& tx, const domain::GrantCall& c) override;
  absl::StatusOr<domain::GrantCall> Update(db::Tx& tx, const domain::GrantCall& c, int64_t version,
                                           bool allocations_changed) override;
  absl::StatusOr<domain::GrantCall> SetStatus(db::Tx& tx, const std::string& id,
                                              domain::CallStatus from, domain::CallStatus to,
                                              const std::string& note) override;
  absl::StatusOr<std::vector<MovedApplication>> StartReview(db::Tx& tx,
                                                            const std::string& call_id) override;
  absl::StatusOr<int64_t> CountUnderReview(db::Tx& tx, const std::string& call_id) override;
  absl::StatusOr<pagination::Rows<domain::GrantCall>> List(db::Tx& tx, const CallQuery& q) override;
};

}  // namespace iris::grants::storage
