// How reviews become scores (API.md "Details settled: calls"): each criterion is scored 0..10,
// a review's score is the weighted mean of its criteria (weights sum to 100), and an
// application's score is the mean of its reviews' weighted means, rounded half up to two
// decimals. Integer arithmetic throughout, so the same scores always give the same ranking.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace iris::grants::domain {

inline constexpr int kMinScore = 0;
inline constexpr int kMaxScore = 10;

// One criterion's key and weight, as the call defines them.
struct Weight {
  std::string key;
  int weight = 0;
};

// Σ weight × score over the call's criteria: 0..1000 (a weighted mean of 7.35 is 735).
// Every key of `weights` must be in `scores` (the review's rules check it first).
int64_t WeightedSum(const std::vector<Weight>& weights, const std::map<std::string, int>& scores);

// The score in hundredths (735 for 7.35) of `review_count` reviews whose weighted sums add up to
// `weighted_sums`: round-half-up of weighted_sums / review_count. review_count must be > 0.
int64_t ScoreHundredths(int64_t weighted_sums, int64_t review_count);

// 735 -> 7.35 (what the API shows; exact for two decimals after rounding to a double).
double ScoreValue(int64_t hundredths);

}  // namespace iris::grants::domain
