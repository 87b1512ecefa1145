// Keyset pages: the position codec, the limit rules and limit + 1 rows -> next cursor.
#include "libs/pagination/keyset.hpp"

#include <gtest/gtest.h>

#include "libs/pagination/tests/expect_malformed.hpp"
#include "libs/status/problem.hpp"
#include "libs/status/status.hpp"
#include "libs/values/types.hpp"

namespace iris::pagination {
namespace {

constexpr const char* kId = "0b9f6c1e-5f0e-4c52-9a53-2e0f0c4b1f7d";

// A row as repositories return them: created_at and id are all PageOf looks at.
struct Row {
  std::string id;
  values::Time created_at;
};

std::vector<Row> Rows(int n) {
  std::vector<Row> rows;
  for (int i = 0; i < n; ++i) {
    std::string id = kId;
    id.back() = static_cast<char>('0' + i % 10);
    rows.push_back({id, values::Time(std::chrono::microseconds(1000 + i))});
  }
  return rows;
}

TEST(KeysetCodecTest, RoundTripsAPosition) {
  const Keyset k{1714564800123456, kId};
  EXPECT_EQ(EncodeKeyset(k), std::string(R"({"c":1714564800123456,"i":")") + kId + "\"}");
  auto back = DecodeKeyset(EncodeKeyset(k));
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_TRUE(back->has_value());
  EXPECT_EQ(**back, k);
}

TEST(KeysetCodecTest, AnEmptyPositionIsTheFirstPage) {
  auto first = DecodeKeyset("");
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->has_value());
}

TEST(KeysetCodecTest, RejectsWrongTypesAndIdsThatAreNoUuid) {
  for (std::string_view bad :
       {"not json", "[]", "42", R"({"c":1})", R"({"i":"0b9f6c1e-5f0e-4c52-9a53-2e0f0c4b1f7d"})",
        R"({"c":"1","i":"0b9f6c1e-5f0e-4c52-9a53-2e0f0c4b1f7d"})",
        R"({"c":1.5,"i":"0b9f6c1e-5f0e-4c52-9a53-2e0f0c4b1f7d"})", R"({"c":1,"i":7})",
        R"({"c":1,"i":"x' OR 1=1 --"})", R"({"c":1,"i":"0b9f6c1e5f0e4c529a532e0f0c4b1f7d"})"}) {
    SCOPED_TRACE(bad);
    ExpectMalformedField(DecodeKeyset(bad).status(), "cursor");
  }
}

TEST(KeysetRequestTest, ZeroMeansTheDefaultAndTheMaximumIsAllowed) {
  EXPECT_EQ(KeysetRequestOf(0, "")->limit, kDefaultLimit);
  EXPECT_EQ(KeysetRequestOf(1, "")->limit, 1);
  EXPECT_EQ(KeysetRequestOf(kMaxLimit, "")->limit, kMaxLimit);
  EXPECT_FALSE(KeysetRequestOf(0, "")->after.has_value());
}

TEST(KeysetRequestTest, RejectsLimitsOutsideTheRangeBeforeLookingAtTheCursor) {
  ExpectMalformedField(KeysetRequestOf(-1, "").status(), "limit");
  ExpectMalformedField(KeysetRequestOf(kMaxLimit + 1, "garbage").status(), "limit");
  ExpectMalformedField(KeysetRequestOf(10, "garbage").status(), "cursor");
}

TEST(KeysetRequestTest, CarriesTheDecodedPosition) {
  auto req = KeysetRequestOf(10, EncodeKeyset({42, kId}));
  ASSERT_TRUE(req.ok()) << req.status();
  EXPECT_EQ(req->after, (Keyset{42, kId}));
}

TEST(PageOfTest, AnExtraRowMeansANextPageStartingAfterTheLastRowKept) {
  auto rows = Rows(RowsToFetch(3));
  const Keyset last_kept = KeysetOf(rows[2]);
  auto page = PageOf(std::move(rows), 3);
  ASSERT_EQ(page.items.size(), 3u);
  EXPECT_EQ(page.next_cursor, EncodeKeyset(last_kept));
  EXPECT_EQ(last_kept.created_at_us, 1002);
}

TEST(PageOfTest, NoExtraRowMeansTheLastPage) {
  EXPECT_TRUE(PageOf(Rows(3), 3).next_cursor.empty());
  EXPECT_EQ(PageOf(Rows(2), 3).items.size(), 2u);
  EXPECT_TRUE(PageOf(Rows(0), 3).next_cursor.empty());
}

TEST(PageOfTest, WalkingPagesVisitsEveryRowOnce) {
  const auto all = Rows(7);
  std::vector<std::string> seen;
  std::optional<Keyset> after;
  for (int guard = 0; guard < 10; ++guard) {
    std::vector<Row> fetched;  // what the repository's SQL would return
    for (const auto& r : all) {
      if (after && KeysetOf(r).created_at_us <= after->created_at_us) continue;
      if (static_cast<int>(fetched.size()) < RowsToFetch(3)) fetched.push_back(r);
    }
    auto page = PageOf(std::move(fetched), 3);
    for (const auto& r : page.items) seen.push_back(r.id);
    if (page.next_cursor.empty()) break;
    auto next = KeysetRequestOf(3, page.next_cursor);
    ASSERT_TRUE(next.ok()) << next.status();
    after = next->after;
  }
  ASSERT_EQ(seen.size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(seen[i], all[i].id);
}

TEST(FillPageTest, StopsAtTheByteBoundWithTheCursorOfTheLastItemSent) {
  auto page = PageOf(Rows(8), 5);
  std::vector<std::string> sent;
  auto add = [&](const Row& r) {
    sent.push_back(r.id);
    return size_t{400};
  };
  const std::string next = FillPage(page, add, 1000);  // 400 + 400 + 400 >= 1000: three
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(next, EncodeKeyset(KeysetOf(page.items[2])));
}

TEST(FillPageTest, UnderTheBoundThePagesOwnCursorStands) {
  auto page = PageOf(Rows(8), 5);
  size_t calls = 0;
  EXPECT_EQ(FillPage(
                page, [&](const Row&) { return ++calls, size_t{10}; }, 1000),
            page.next_cursor);
  EXPECT_EQ(calls, 5u);
  auto last = PageOf(Rows(3), 5);
  EXPECT_EQ(FillPage(last, [](const Row&) { return size_t{10}; }), "");
}

TEST(FillPageTest, OneHugeItemIsStillSentSoThePageMovesOn) {
  auto page = PageOf(Rows(3), 5);
  size_t calls = 0;
  auto next = FillPage(
      page, [&](const Row&) { return ++calls, size_t{5000}; }, 1000);
  EXPECT_EQ(calls, 1u);
  EXPECT_EQ(next, EncodeKeyset(KeysetOf(page.items[0])));
}

}  // namespace
}  // namespace iris::pagination
