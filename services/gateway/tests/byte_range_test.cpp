// The Range header of file downloads: one byte range is honoured, anything else ignored.
#include "services/gateway/routes/byte_range.hpp"

#include <gtest/gtest.h>

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

TEST(ByteRangeTest, WhatCannotBeHonouredIsIgnored) {
  for (std::string_view header :
       {"", "bytes", "bytes=", "bytes=-", "bytes=5-4", "bytes=0-1,5-6", "items=0-5", "bytes=a-b",
        "bytes=1-2-3", "bytes= -5x", "bytes=+1-2", "bytes=0-9999999999999999999"}) {
    EXPECT_FALSE(ParseRange(header).has_value()) << header;
  }
}

}  // namespace
}  // namespace iris::gateway
