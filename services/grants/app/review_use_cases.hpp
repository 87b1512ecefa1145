// Use cases of the review: network admins assign reviewers (membership says who the user is),
// assigned reviewers score once, the application's score follows in the same transaction, and
// staff read a call's ranking.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "libs/members/directory.hpp"
#include "services/grants/domain/application.hpp"
#include "services/grants/domain/review.hpp"
#include "services/grants/storage/application_repository.hpp"
#include "services/grants/storage/review_repository.hpp"

namespace iris::grants::app {

struct RankedApplication {
  int rank = 0;
  domain::Application application;
};

class ReviewUseCases {
 public:
  ReviewUseCases(db::Pool& pool, storage::ApplicationRepository& applications,
                 storage::ReviewRepository& reviews, members::MembershipDirectory& membership)
      : pool_(pool), applications_(applications), reviews_(reviews), membership_(membership) {}

  absl::StatusOr<domain::ReviewerAssignment> AssignReviewer(const identity::Caller& caller,
                                                            const std::string& application_id,
                                                            const std::string& reviewer_id);
  absl::StatusOr<std::vector<domain::ReviewerAssignment>> ListReviewers(
      const identity::Caller& caller, const std::string& application_id);
  absl::StatusOr<domain::Review> CreateReview(const identity::Caller& caller,
                                              const std::string& application_id,
                                              const domain::ReviewSubmission& s);
  absl::StatusOr<std::vector<domain::Review>> ListReviews(const identity::Caller& caller,
                                                          const std::string& application_id);
  // Network admins the whole call; coordinators the rows of their country, ranked among
  // themselves.
  absl::StatusOr<std::vector<RankedApplication>> Ranking(const identity::Caller& caller,
                                                         const std::string& call_id);

 private:
  db::Pool& pool_;
  storage::ApplicationRepository& applications_;
  storage::ReviewRepository& reviews_;
  members::MembershipDirectory& membership_;
};

}  // namespace iris::grants::app
