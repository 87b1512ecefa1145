// The largest amount grants accepts anywhere: 10^13 minor units (EUR 100 billion). Far above
// any grant scheme, and low enough that no sum of a call's amounts (budget, allocations,
// requests, awards, tranches) can overflow a 64-bit integer in C++ or a bigint in Postgres.
#pragma once

#include <cstdint>

namespace iris::grants::domain {

inline constexpr int64_t kMaxAmount = 10'000'000'000'000;

}  // namespace iris::grants::domain
