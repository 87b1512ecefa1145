// TrancheRepository over grants.tranches.
#pragma once

#include "services/grants/storage/tranche_repository.hpp"

namespace iris::grants::storage {

class PgTrancheRepository : public TrancheRepository {
 public:
  absl::StatusOr<domain::Tranche> Insert(db::Tx& tx, const domain::Tranche& t) override;
  absl::StatusOr<domain::Tranche> FindById(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Tranche> FindForUpdate(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<std::vector<domain::Tranche>> ListByGrant(db::Tx& tx,
                                                           const std::string& grant_id) override;
  absl::StatusOr<domain::Tranche> Settle(db::Tx& tx, const std::string& id,
                                         domain::TrancheStatus to,
                                         const std::optional<domain::LocalDate>& paid_on,
                                         const std::string& note) override;
};

}  // namespace iris::grants::storage
