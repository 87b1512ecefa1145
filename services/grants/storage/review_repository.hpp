// What the review use cases need from storage: reviewer assignments, reviews and the
// application's score kept with them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/grants/domain/review.hpp"

namespace iris::grants::storage {

// The sums an application's score is made of.
struct ReviewTotals {
  int64_t weighted_sums = 0;  // Σ of its reviews' weighted sums (hundredths)
  int64_t review_count = 0;
};

class ReviewRepository {
 public:
  virtual ~ReviewRepository() = default;

  // A new assignment; assigning twice is the pool's ALREADY_EXISTS (primary key).
  virtual absl::StatusOr<domain::ReviewerAssignment> Assign(db::Tx& tx,
                                                            const std::string& application_id,
                                                            const std::string& reviewer_id,
                                                            const std::string& reviewer_name) = 0;
  // In the order they were assigned.
  virtual absl::StatusOr<std::vector<domain::ReviewerAssignment>> ListAssignments(
      db::Tx& tx, const std::string& application_id) = 0;

  // A new review; a second by the same reviewer is the pool's ALREADY_EXISTS (unique).
  virtual absl::StatusOr<domain::Review> Insert(db::Tx& tx, const domain::Review& r) = 0;
  // The application's reviews in the order they were written; only `reviewer_id`'s when set.
  virtual absl::StatusOr<std::vector<domain::Review>> List(
      db::Tx& tx, const std::string& application_id,
      const std::optional<std::string>& reviewer_id) = 0;
  virtual absl::StatusOr<ReviewTotals> Totals(db::Tx& tx, const std::string& application_id) = 0;
  // applications.score (none: NULL) and review_count, as a new version of the application.
  virtual absl::Status SetApplicationScore(db::Tx& tx, const std::string& application_id,
                                           std::optional<int64_t> score_hundredths,
                                           int64_t review_count) = 0;
};

}  // namespace iris::grants::storage
