// Reviews of grant applications (API.md "Details settled: Reviewers", "Calls"): network admins
// assign reviewers, each assigned reviewer scores every criterion of the call once, 0..10, and
// the application's score is the weighted mean of its reviews (domain/scoring.hpp).
// Pure rules: no I/O, no proto.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "libs/identity/caller.hpp"
#include "services/grants/domain/application.hpp"
#include "services/grants/domain/scoring.hpp"

namespace iris::grants::domain {

inline constexpr size_t kMaxComment = 4000;

struct ReviewerAssignment {
  std::string application_id;
  std::string reviewer_id;
  std::string reviewer_name;
  Time assigned_at;
  bool reviewed = false;
};

struct Review {
  std::string id;
  std::string application_id;
  std::string reviewer_id;
  std::map<std::string, int> scores;  // criterion key -> 0..10
  std::string comment;
  int64_t score_hundredths = 0;  // this review's weighted mean (7.35 -> 735)
  int64_t version = 1;
  Time created_at;
  Time updated_at;
};

// What a reviewer sends. Scores arrive as the client wrote them (wider than int, so a huge
// number is refused rather than wrapped).
struct ReviewSubmission {
  std::optional<std::map<std::string, int64_t>> scores;
  std::optional<std::string> comment;
  std::vector<std::string> read_only_sent;
  std::vector<std::string> unknown_sent;
};

bool IsReadOnlyReviewField(std::string_view field);

// The review from a submission against the call's criteria: exactly the criterion keys, each an
// integer 0..10 (problems named "scores.<key>"), a comment of at most 4000 characters; fills
// `out` (scores, comment, score_hundredths).
std::vector<InvalidField> DraftReview(const ReviewSubmission& s,
                                      const std::vector<Weight>& criteria, Review* out);

// The assigned reviewer's own view of the rules: a user whose role is not reviewer cannot be
// assigned; one of the applicant's organisation has a conflict of interest.
struct ReviewerFacts {
  bool exists = false;
  std::string role;
  std::string organization_id;
  std::string name;
  bool disabled = false;
};
// "" when the user may be assigned to review `a`; else the problem's kind: "reviewer_id"
// (not a reviewer: 422) or "reviewer_conflict_of_interest" (409), with `message` set.
std::string RefuseReviewer(const ReviewerFacts& r, const Application& a, std::string* message);

// The application's score once its reviews' weighted sums add up to `weighted_sums` over
// `review_count` reviews (none: no score).
std::optional<int64_t> ApplicationScore(int64_t weighted_sums, int64_t review_count);

}  // namespace iris::grants::domain
