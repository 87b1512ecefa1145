// The Range header of file downloads: one byte range is honoured, anything else ignored.
#include "services/gateway/routes/byte_range.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace iris::gateway {
namespace {

void ExpectRange(std::string_view header, int64_t offset, int64_t length) {
  const auto r = ParseRange(header);
  ASSERT_TRUE(r.has_value()) << header;
  EXPECT_EQ(r->offset, offset) << header;
  EXPECT_EQ(r->length, length) << header;
}

TEST(ByteRangeTest, TheThreeFormsOfOneRange) {
  ExpectRange("bytes=0-99", 0, 100);
  ExpectRange("bytes=100-100", 100, 1);
  ExpectRange("bytes=500-", 500, 0);   // to the end
  ExpectRange("bytes=-300", -1, 300);  // the last 300 bytes
  ExpectRange("bytes=-0", -1, 0);      // unsatisfiable: the service says 416
  ExpectRange("Bytes = 5-9 ", 5, 5);   // unit without case, optional whitespace
  ExpectRange("bytes=0-999999999999999999", 0, 1000000000000000000);
}

// Numbers past int64 are valid syntax: a first byte beyond any file is unsatisfiable (the
// service answers 416 for an offset at or past the size), a last byte beyond it means the end.
TEST(ByteRangeTest, NumbersBeyondAnyFile) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  ExpectRange("bytes=9223372036854775807-", kMax, 0);
  ExpectRange("bytes=18446744073709551616-", kMax, 0);
  ExpectRange("bytes=99999999999999999999999999-99999999999999999999999999", kMax, 0);
  ExpectRange("bytes=0-9999999999999999999", 0, 0);
  ExpectRange("bytes=5-9223372036854775807", 5, 0);
  ExpectRange("bytes=-99999999999999999999", -1, kMax);
  ExpectRange("bytes=0000000000000000000005-9", 5, 5);
  EXPECT_FALSE(ParseRange("bytes=99999999999999999999-9999999999999999999").has_value());
}

TEST(ByteRangeTest, WhatCannotBeHonouredIsIgnored) {
  for (std::string_view header :
       {"", "bytes", "bytes=", "bytes=-", "bytes=5-4", "bytes=0-1,5-6", "items=0-5", "bytes=a-b",
        "bytes=1-2-3", "bytes= -5x", "bytes=+1-2"}) {
    EXPECT_FALSE(ParseRange(header).has_value()) << header;
  }
}

}  // namespace
}  // namespace iris::gateway
