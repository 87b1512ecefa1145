// Use cases over membership applications: public submission, staff review, and approval that
// registers the member organisation in the same transaction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/membership/domain/application.hpp"
#include "services/membership/storage/application_repository.hpp"
#include "services/membership/storage/organization_repository.hpp"
#include "services/membership/storage/reference_cache.hpp"

namespace iris::membership::app {

struct ApplicationListRequest {
  std::vector<std::string> status, country;  // any of the values
  pagination::PageParams page;
};

// A new application and its status token (plaintext, in this answer only; the store keeps its
// SHA-256).
struct SubmittedApplication {
  domain::MembershipApplication application;
  std::string status_token;
};

class ApplicationUseCases {
 public:
  ApplicationUseCases(db::Pool& pool, storage::ApplicationRepository& applications,
                      storage::OrganizationRepository& orgs,
                      storage::ReferenceCache& reference_codes)
      : pool_(pool), applications_(applications), orgs_(orgs), reference_codes_(reference_codes) {}

  // Anyone, no account needed. The answer carries the application's status token: the
  // applicant follows its state with it (GetByStatusToken), no account needed either.
  absl::StatusOr<SubmittedApplication> Submit(const identity::Caller& caller,
                                              const domain::ApplicationSubmission& s);
  // The application whose status token this is; NOT_FOUND otherwise.
  absl::StatusOr<domain::MembershipApplication> GetByStatusToken(std::string_view token);
  absl::StatusOr<domain::MembershipApplication> Get(const identity::Caller& caller,
                                                    const std::string& id);
  absl::StatusOr<pagination::Page<domain::MembershipApplication>> List(
      const identity::Caller& caller, const ApplicationListRequest& req);
  // expected_version 0: no precondition.
  absl::StatusOr<domain::MembershipApplication> Approve(const identity::Caller& caller,
                                                        const std::string& id,
                                                        const std::string& note,
                                                        int64_t expected_version);
  absl::StatusOr<domain::MembershipApplication> Reject(const identity::Caller& caller,
                                                       const std::string& id,
                                                       const std::string& note,
                                                       int64_t expected_version);

 private:
  absl::StatusOr<domain::MembershipApplication> Decide(const identity::Caller& caller,
                                                       const std::string& id, bool approve,
                                                       const std::string& note,
                                                       int64_t expected_version);

  db::Pool& pool_;
  storage::ApplicationRepository& applications_;
  storage::OrganizationRepository& orgs_;
  storage::ReferenceCache& reference_codes_;
};

}  // namespace iris::membership::app
