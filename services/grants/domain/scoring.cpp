#include "services/grants/domain/scoring.hpp"

namespace iris::grants::domain {

int64_t WeightedSum(const std::vector<Weight>& weights, const std::map<std::string, int>& scores) {
  int64_t sum = 0;
  for (const Weight& w : weights) {
    auto it = scores.find(w.key);
    if (it != scores.end()) sum += static_cast<int64_t>(w.weight) * it->second;
  }
  return sum;
}

int64_t ScoreHundredths(int64_t weighted_sums, int64_t review_count) {
  // weighted_sums / review_count is already in hundredths (weights sum to 100); add half the
  // divisor before dividing to round half up (all values are non-negative).
  return (2 * weighted_sums + review_count) / (2 * review_count);
}

double ScoreValue(int64_t hundredths) { return static_cast<double>(hundredths) / 100.0; }

}  // namespace iris::grants::domain
