// If-None-Match and byte ranges of a file download, decided from its size and digest.
#include "services/documents/domain/file_ranges.hpp"

#include <gtest/gtest.h>

#include "proto/iris/documents/v1/file_transfer.hpp"

namespace iris::documents::domain {
namespace {

const std::string kSha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

TEST(NoneMatchTest, StarStrongWeakAndListsMatch) {
  EXPECT_EQ(v1::FileEtag(kSha), "\"" + kSha + "\"");
  EXPECT_TRUE(NoneMatchHits({"*"}, kSha));
  EXPECT_TRUE(NoneMatchHits({"\"" + kSha + "\""}, kSha));
  EXPECT_TRUE(NoneMatchHits({"W/\"" + kSha + "\""}, kSha));
  EXPECT_TRUE(NoneMatchHits({"\"other\", W/\"" + kSha + "\""}, kSha));
  EXPECT_TRUE(NoneMatchHits({"\"other\"", " \"" + kSha + "\" "}, kSha));
  EXPECT_FALSE(NoneMatchHits({}, kSha));
  EXPECT_FALSE(NoneMatchHits({kSha}, kSha));  // unquoted is not its tag
  EXPECT_FALSE(NoneMatchHits({"\"" + kSha.substr(1) + "\""}, kSha));
  EXPECT_FALSE(NoneMatchHits({"w/\"" + kSha + "\""}, kSha));  // W/ is case-sensitive
}

ByteRange Range(int64_t size, bool has, int64_t offset, int64_t length) {
  auto r = ResolveRange(size, has, offset, length);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : ByteRange{-1, -1};
}

void ExpectRange(ByteRange r, int64_t offset, int64_t length) {
  EXPECT_EQ(r.offset, offset);
  EXPECT_EQ(r.length, length);
}

TEST(ResolveRangeTest, WholeFromToAndSuffix) {
  ExpectRange(Range(100, false, 0, 0), 0, 100);
  ExpectRange(Range(100, false, 500, 7), 0, 100);  // no range: offsets ignored
  ExpectRange(Range(100, true, 0, 0), 0, 100);     // bytes=0-
  ExpectRange(Range(100, true, 10, 0), 10, 90);    // bytes=10-
  ExpectRange(Range(100, true, 10, 5), 10, 5);     // bytes=10-14
  ExpectRange(Range(100, true, 99, 1), 99, 1);
  ExpectRange(Range(100, true, 90, 50), 90, 10);   // clipped to the end
  ExpectRange(Range(100, true, -1, 30), 70, 30);   // bytes=-30
  ExpectRange(Range(100, true, -1, 300), 0, 100);  // a suffix longer than the file
  ExpectRange(Range(0, true, 5, 0), 0, 0);         // an empty file has nothing to refuse
}

TEST(ResolveRangeTest, NothingSelectedIsOutOfRange) {
  for (auto [offset, length] :
       std::vector<std::pair<int64_t, int64_t>>{{100, 0}, {100, 1}, {1000, 5}, {-1, 0}, {0, -1}}) {
    auto r = ResolveRange(100, true, offset, length);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kOutOfRange) << offset << " " << length;
  }
}

}  // namespace
}  // namespace iris::documents::domain
