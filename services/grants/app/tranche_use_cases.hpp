// Use cases of a grant's payment tranches: network admins plan, pay and cancel them; staff and
// the grantee organisation read them.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "services/grants/domain/tranche.hpp"
#include "services/grants/storage/award_repository.hpp"
#include "services/grants/storage/report_repository.hpp"
#include "services/grants/storage/tranche_repository.hpp"

namespace iris::grants::app {

class TrancheUseCases {
 public:
  TrancheUseCases(db::Pool& pool, storage::AwardRepository& awards,
                  storage::TrancheRepository& tranches, storage::ReportRepository& reports)
      : pool_(pool), awards_(awards), tranches_(tranches), reports_(reports) {}

  // Under the grant's row lock: the tranches' sum never passes the grant ("over_award").
  absl::StatusOr<domain::Tranche> Create(const identity::Caller& caller,
                                         const std::string& grant_id,
                                         const domain::TrancheInput& in);
  absl::StatusOr<std::vector<domain::Tranche>> List(const identity::Caller& caller,
                                                    const std::string& grant_id);
  // planned -> paid, today in the network's time zone; "report_not_accepted" while the report
  // it requires is not accepted.
  absl::StatusOr<domain::Tranche> Pay(const identity::Caller& caller, const std::string& id,
                                      const std::string& note, int64_t expected_version);
  absl::StatusOr<domain::Tranche> Cancel(const identity::Caller& caller, const std::string& id,
                                         const std::string& note, int64_t expected_version);

 private:
  absl::StatusOr<domain::Tranche> Settle(const identity::Caller& caller, const std::string& id,
                                         domain::TrancheStatus to, const std::string& note,
                                         int64_t expected_version);

  db::Pool& pool_;
  storage::AwardRepository& awards_;
  storage::TrancheRepository& tranches_;
  storage::ReportRepository& reports_;
};

}  // namespace iris::grants::app
