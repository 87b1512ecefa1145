#include "services/grants/domain/review.hpp"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace iris::grants::domain {

bool IsReadOnlyReviewField(std::string_view field) {
  return field == "id" || field == "application_id" || field == "reviewer_id" || field == "score" ||
         field == "version" || field == "created_at" || field == "updated_at";
}

std::vector<InvalidField> DraftReview(const ReviewSubmission& s,
                                      const std::vector<Weight>& criteria, Review* out) {
  std::vector<InvalidField> problems;
  for (const auto& f : s.read_only_sent) {
    problems.push_back({f, "is read-only; the server sets it"});
  }
  for (const auto& f : s.unknown_sent) {
    problems.push_back({f, "is not a field of a review"});
  }
  out->scores.clear();
  if (!s.scores) {
    problems.push_back({"scores", "is required: a score from 0 to 10 for every criterion"});
  } else {
    for (const auto& [key, value] : *s.scores) {
      bool known = false;
      for (const Weight& w : criteria) known = known || w.key == key;
      if (!known) {
        problems.push_back({"scores." + key, "is not a criterion of this call"});
      } else if (value < kMinScore || value > kMaxScore) {
        problems.push_back({"scores." + key, absl::StrCat("must be an integer from ", kMinScore,
                                                          " to ", kMaxScore)});
      } else {
        out->scores[key] = static_cast<int>(value);
      }
    }
    for (const Weight& w : criteria) {
      if (!s.scores->count(w.key)) {
        problems.push_back({"scores." + w.key, absl::StrCat("is required: a score from ", kMinScore,
                                                            " to ", kMaxScore)});
      }
    }
  }
  out->comment = s.comment ? std::string(absl::StripAsciiWhitespace(*s.comment)) : "";
  if (values::CharCount(out->comment) > kMaxComment) {
    problems.push_back({"comment", absl::StrCat("must be at most ", kMaxComment, " characters")});
  }
  if (problems.empty())
    out->score_hundredths = ScoreHundredths(WeightedSum(criteria, out->scores), 1);
  return problems;
}

std::string RefuseReviewer(const ReviewerFacts& r, const Application& a, std::string* message) {
  if (!r.exists) {
    *message = "is not a user";
    return "reviewer_id";
  }
  if (r.role != identity::kReviewer) {
    *message = "must be a user with role reviewer (this user is " + r.role + ")";
    return "reviewer_id";
  }
  if (r.disabled) {
    *message = "this reviewer's account is disabled: a network admin enables it first";
    return "reviewer_id";
  }
  if (!r.organization_id.empty() && r.organization_id == a.organization_id) {
    *message = "the reviewer belongs to the applicant organisation: a conflict of interest";
    return "reviewer_conflict_of_interest";
  }
  return "";
}

std::optional<int64_t> ApplicationScore(int64_t weighted_sums, int64_t review_count) {
  if (review_count <= 0) return std::nullopt;
  return ScoreHundredths(weighted_sums, review_count);
}

}  // namespace iris::grants::domain
