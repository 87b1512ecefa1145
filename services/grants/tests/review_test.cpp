// Rules of reviews: scores for exactly the call's criteria, 0..10; who may be assigned; the
// application's score as the rounded weighted mean of its reviews.
#include "services/grants/domain/review.hpp"

#include <gtest/gtest.h>

#include <set>

namespace iris::grants::domain {
namespace {

const std::vector<Weight> kCriteria{
    {"relevance", 40}, {"feasibility", 35}, {"value_for_money", 25}};

std::set<std::string> Fields(const std::vector<InvalidField>& problems) {
  std::set<std::string> out;
  for (const auto& p : problems) out.insert(p.field);
  return out;
}

ReviewSubmission Scores(std::map<std::string, int64_t> scores) {
  ReviewSubmission s;
  s.scores = std::move(scores);
  s.comment = "  Clear need.  ";
  return s;
}

TEST(ReviewTest, AReviewScoresEveryCriterionAndGetsItsWeightedMean) {
  Review r;
  EXPECT_TRUE(DraftReview(Scores({{"relevance", 8}, {"feasibility", 7}, {"value_for_money", 7}}),
                          kCriteria, &r)
                  .empty());
  // 8*40 + 7*35 + 7*25 = 740 -> 7.40
  EXPECT_EQ(r.score_hundredths, 740);
  EXPECT_EQ(r.comment, "Clear need.");
  EXPECT_EQ(r.scores.at("relevance"), 8);
}

TEST(ReviewTest, ScoresMustHaveExactlyTheCriterionKeysEach0To10) {
  Review r;
  auto problems =
      DraftReview(Scores({{"relevance", 11}, {"feasibility", -1}, {"budget", 5}}), kCriteria, &r);
  EXPECT_EQ(Fields(problems), (std::set<std::string>{"scores.relevance", "scores.feasibility",
                                                     "scores.budget", "scores.value_for_money"}));
  EXPECT_EQ(Fields(DraftReview(ReviewSubmission{}, kCriteria, &r)),
            (std::set<std::string>{"scores"}));
  // A number too large for an int is refused, not wrapped into range.
  EXPECT_EQ(Fields(DraftReview(
                Scores({{"relevance", 4294967301}, {"feasibility", 1}, {"value_for_money", 1}}),
                kCriteria, &r)),
            (std::set<std::string>{"scores.relevance"}));
  EXPECT_TRUE(DraftReview(Scores({{"relevance", 0}, {"feasibility", 10}, {"value_for_money", 0}}),
                          kCriteria, &r)
                  .empty());
}

TEST(ReviewTest, CommentAndServerFields) {
  auto s = Scores({{"relevance", 1}, {"feasibility", 1}, {"value_for_money", 1}});
  s.comment = std::string(4001, 'x');
  s.read_only_sent = {"score"};
  s.unknown_sent = {"verdict"};
  Review r;
  EXPECT_EQ(Fields(DraftReview(s, kCriteria, &r)),
            (std::set<std::string>{"comment", "score", "verdict"}));
}

TEST(ReviewTest, WhoMayBeAssigned) {
  Application a;
  a.organization_id = "org-1";
  std::string message;
  EXPECT_EQ(
      RefuseReviewer({.exists = false, .role = "", .organization_id = "", .name = ""}, a, &message),
      "reviewer_id");
  EXPECT_EQ(
      RefuseReviewer({.exists = true, .role = "member", .organization_id = "org-2", .name = "M"}, a,
                     &message),
      "reviewer_id");
  EXPECT_EQ(
      RefuseReviewer({.exists = true, .role = "reviewer", .organization_id = "org-1", .name = "R"},
                     a, &message),
      "reviewer_conflict_of_interest");
  EXPECT_EQ(
      RefuseReviewer({.exists = true, .role = "reviewer", .organization_id = "org-2", .name = "R"},
                     a, &message),
      "");
  EXPECT_EQ(RefuseReviewer({.exists = true, .role = "reviewer", .organization_id = "", .name = "R"},
                           a, &message),
            "");
  EXPECT_EQ(RefuseReviewer({.exists = true,
                            .role = "reviewer",
                            .organization_id = "org-2",
                            .name = "R",
                            .disabled = true},
                           a, &message),
            "reviewer_id");
  EXPECT_NE(message.find("disabled"), std::string::npos);
}

TEST(ReviewTest, TheApplicationScoreIsTheRoundedMeanOfItsReviews) {
  EXPECT_FALSE(ApplicationScore(0, 0));
  EXPECT_EQ(ApplicationScore(740, 1), 740);
  // 7.40 and 7.31 -> 7.355 -> 7.36 (half up)
  EXPECT_EQ(ApplicationScore(740 + 731, 2), 736);
  // 7.40, 7.31, 7.30 -> 7.3366... -> 7.34
  EXPECT_EQ(ApplicationScore(740 + 731 + 730, 3), 734);
  EXPECT_DOUBLE_EQ(ScoreValue(*ApplicationScore(740 + 731, 2)), 7.36);
}

}  // namespace
}  // namespace iris::grants::domain
