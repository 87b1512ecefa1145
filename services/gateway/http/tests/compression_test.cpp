// gzip negotiation and output; the output is read back with zlib's own inflate.
#include "services/gateway/http/compression.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/support/gunzip.hpp"

namespace iris::gateway::http {
namespace {

using iris::testing::Gunzip;

TEST(CompressionTest, GzipIsTakenWhenTheClientAllowsIt) {
  for (const char* yes : {"gzip", "GZIP", "deflate, gzip;q=0.5", "x-gzip", "*", "br, *;q=0.1",
                          "gzip ; q=1.0", " gzip"}) {
    EXPECT_TRUE(AcceptsGzip(yes)) << yes;
  }
  for (const char* no : {"", "identity", "br", "deflate", "gzip;q=0", "gzip;q=0.000", "*;q=0",
                         "gzip;q=0, *", "gzip;q=abc", "gzip;q=2"}) {
    EXPECT_FALSE(AcceptsGzip(no)) << no;
  }
}

TEST(CompressionTest, AGzipMemberInflatesToTheSameBytes) {
  std::string json = "{\"items\":[";
  for (int i = 0; i < 500; ++i) json += "{\"name\":\"Udruženje " + std::to_string(i) + "\"},";
  json += "{}]}";
  auto gz = Gzip(json);
  ASSERT_TRUE(gz.has_value());
  EXPECT_LT(gz->size(), json.size() / 4);
  EXPECT_EQ(static_cast<unsigned char>((*gz)[0]), 0x1f);  // the gzip magic (RFC 1952)
  EXPECT_EQ(static_cast<unsigned char>((*gz)[1]), 0x8b);
  EXPECT_EQ(Gunzip(*gz), json);
  EXPECT_EQ(Gunzip(*Gzip("")), "");
}

TEST(CompressionTest, AContentTagChangesWithAnyByte) {
  const std::string a = "{\"items\":[1,2,3]}";
  std::string b = a;
  b[10] = '9';
  EXPECT_EQ(ContentTag(a), ContentTag(std::string(a)));
  EXPECT_NE(ContentTag(a), ContentTag(b));
  EXPECT_NE(ContentTag(a), ContentTag(a + " "));
  for (char c : ContentTag(a))
    EXPECT_TRUE(std::isxdigit(static_cast<unsigned char>(c)) || c == '-');
}

}  // namespace
}  // namespace iris::gateway::http
