// The 400 a bad limit or cursor gets: INVALID_ARGUMENT, reason "malformed", one field error.
// Shared by the pagination tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "absl/status/status.h"
#include "libs/status/problem.hpp"
#include "libs/status/status.hpp"

namespace iris::pagination {

inline void ExpectMalformedField(const absl::Status& s, const std::string& field) {
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::HttpStatusFor(s), 400);
  auto detail = status::DetailOf(s);
  EXPECT_EQ(detail.reason(), "malformed");
  ASSERT_EQ(detail.errors_size(), 1);
  EXPECT_EQ(detail.errors(0).field(), field);
}

}  // namespace iris::pagination
