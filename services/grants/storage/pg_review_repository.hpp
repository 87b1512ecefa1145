// ReviewRepository over grants.reviewer_assignments and grants.reviews.
#pragma once

#include "services/grants/storage/review_repository.hpp"

namespace iris::grants::storage {

class PgReviewRepository : public ReviewRepository {
 public:
  absl::StatusOr<domain::ReviewerAssignment> Assign(db::Tx& tx, const std::string& application_id,
                                                    const std::string& reviewer_id,
                                                    const std::string& reviewer_name) override;
  absl::StatusOr<std::vector<domain::ReviewerAssignment>> ListAssignments(
      db::Tx& tx, const std::string& application_id) override;
  absl::StatusOr<domain::Review> Insert(db::Tx& tx, const domain::Review& r) override;
  absl::StatusOr<std::vector<domain::Review>> List(
      db::Tx& tx, const std::string& application_id,
      const std::optional<std::string>& reviewer_id) override;
  absl::StatusOr<ReviewTotals> Totals(db::Tx& tx, const std::string& application_id) override;
  absl::Status SetApplicationScore(db::Tx& tx, const std::string& application_id,
                                   std::optional<int64_t> score_hundredths,
                                   int64_t review_count) override;
};

}  // namespace iris::grants::storage
