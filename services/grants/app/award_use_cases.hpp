// Use cases of grants awarded: the award decision (one transaction under the call's row lock)
// and the public reading of grants.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/grants/domain/award.hpp"
#include "services/grants/storage/award_repository.hpp"

namespace iris::grants::app {

struct GrantListRequest {
  std::vector<std::string> call_id, organization_id, country;  // any of the values
  pagination::PageParams page;
};

class AwardUseCases {
 public:
  AwardUseCases(db::Pool& pool, storage::AwardRepository& awards) : pool_(pool), awards_(awards) {}

  // Network admins. under_review -> awarded while the call is closed, within the call's budget
  // and the country's allocation, checked under the call's row lock so concurrent awards never
  // pass them together. expected_version (the application's) 0: no precondition.
  absl::StatusOr<domain::Grant> Award(const identity::Caller& caller,
                                      const std::string& application_id,
                                      const domain::AwardInput& in, int64_t expected_version);
  // Grants are public: anyone reads them.
  absl::StatusOr<domain::Grant> Get(const std::string& id);
  absl::StatusOr<pagination::Page<domain::Grant>> List(const GrantListRequest& req);

 private:
  db::Pool& pool_;
  storage::AwardRepository& awards_;
};

}  // namespace iris::grants::app
