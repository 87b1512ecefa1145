// Use cases over membership applications: public submission, staff review, and approval that
// registers the member organisation in the same transaction.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/membership/app/organization_use_cases.hpp"
#include "services/membership/domain/application.hpp"
#include "services/membership/storage/application_repository.hpp"
#include "services/membership/storage/organization_repository.hpp"
#include "services/membership/storage/reference_repository.hpp"

namespace iris::membership::app {

struct ApplicationListRequest {
  std::string status, country;
  int limit = 0;       // 0: the default (50); at most 200
  std::string cursor;  // a previous page's next_cursor; empty: first page
};

struct ApplicationList {
  std::vector<domain::MembershipApplication> items;
  std::string next_cursor;  // position JSON; empty on the last page
};

class ApplicationUseCases {
 public:
  ApplicationUseCases(db::Pool& pool, storage::ApplicationRepository& applications,
                      storage::OrganizationRepository& orgs,
                      storage::ReferenceRepository& reference)
      : pool_(pool), applications_(applications), orgs_(orgs), reference_(reference) {}

  // Anyone, no account needed.
  absl::StatusOr<domain::MembershipApplication> Submit(const Requester& who,
                                                       const domain::ApplicationSubmission& s);
  absl::StatusOr<domain::MembershipApplication> Get(const Requester& who, const std::string& id);
  absl::StatusOr<ApplicationList> List(const Requester& who, const ApplicationListRequest& req);
  // expected_version 0: no precondition.
  absl::StatusOr<domain::MembershipApplication> Approve(const Requester& who,
                                                        const std::string& id,
                                                        const std::string& note,
                                                        int64_t expected_version);
  absl::StatusOr<domain::MembershipApplication> Reject(const Requester& who,
                                                       const std::string& id,
                                                       const std::string& note,
                                                       int64_t expected_version);

 private:
  absl::StatusOr<domain::MembershipApplication> Decide(const Requester& who,
                                                       const std::string& id, bool approve,
                                                       const std::string& note,
                                                       int64_t expected_version);

  db::Pool& pool_;
  storage::ApplicationRepository& applications_;
  storage::OrganizationRepository& orgs_;
  storage::ReferenceRepository& reference_;
};

}  // namespace iris::membership::app
