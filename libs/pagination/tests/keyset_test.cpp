// Keyset pages: the position codec, the limit and sort rules, limit + 1 rows -> next cursor,
// and totals.
#include "libs/pagination/keyset.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "libs/pagination/tests/expect_malformed.hpp"
#include "libs/status/problem.hpp"
#include "libs/status/status.hpp"
#include "libs/values/types.hpp"

namespace iris::pagination {
namespace {

constexpr const char* kId = "0b9f6c1e-5f0e-4c52-9a53-2e0f0c4b1f7d";

// A row as repositories return them: an id and the fields the list sorts by.
struct Row {
  std::string id;
  values::Time created_at;
  std::string name;
};

const std::array<SortField<Row>, 2> kSorts{{
    {"created_at", KeyKind::kInstant, "created_at",
     [](const Row& r) { return InstantKey(r.created_at); }},
    {"name", KeyKind::kText, "name", [](const Row& r) { return r.name; }},
}};

std::vector<Row> MakeRows(int n) {
  std::vector<Row> rows;
  for (int i = 0; i < n; ++i) {
    std::string id = kId;
    id.back() = static_cast<char>('0' + i % 10);
    rows.push_back({id, values::Time(std::chrono::microseconds(1000 + i)),
                    std::string(1, static_cast<char>('z' - i))});
  }
  return rows;
}

KeysetRequest Request(int limit, std::string sort = "", std::string cursor = "") {
  auto req = KeysetRequestOf(PageParams{limit, std::move(cursor), std::move(sort), false}, kSorts);
  EXPECT_TRUE(req.ok()) << req.status();
  return *req;
}

TEST(KeysetCodecTest, RoundTripsAPosition) {
  const Keyset k{"1714564800123456", kId};
  EXPECT_EQ(EncodeKeyset(k), std::string(R"({"i":")") + kId + R"(","k":"1714564800123456"})");
  auto back = DecodeKeyset(EncodeKeyset(k), KeyKind::kInstant);
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_TRUE(back->has_value());
  EXPECT_EQ(**back, k);
}

TEST(KeysetCodecTest, AnEmptyPositionIsTheFirstPage) {
  auto first = DecodeKeyset("", KeyKind::kText);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->has_value());
}

TEST(KeysetCodecTest, RejectsWrongTypesAndIdsThatAreNoUuid) {
  for (std::string_view bad :
       {"not json", "[]", "42", R"({"k":"1"})", R"({"i":"0b9f6c1e-5f0e-4c52-9a53-2e0f0c4b1f7d"})",
        R"({"c":"1","i":"0b9f6c1e-5f0e-4c52-9a53-2e0f0c4b1f7d"})",
        R"({"k":1,"i":"0b9f6c1e-5f0e-4c52-9a53-2e0f0c4b1f7d"})", R"({"k":"1","i":7})",
        R"({"k":"1","i":"x' OR 1=1 --"})", R"({"k":"1","i":"0b9f6c1e5f0e4c529a532e0f0c4b1f7d"})",
        // Keys that are no instant: they would be a database error, not a 400.
        R"({"k":"","i":"0b9f6c1e-5f0e-4c52-9a53-2e0f0c4b1f7d"})",
        R"({"k":"1.5","i":"0b9f6c1e-5f0e-4c52-9a53-2e0f0c4b1f7d"})",
        R"({"k":"2024-01-01","i":"0b9f6c1e-5f0e-4c52-9a53-2e0f0c4b1f7d"})"}) {
    SCOPED_TRACE(bad);
    ExpectMalformedField(DecodeKeyset(bad, KeyKind::kInstant).status(), "cursor");
  }
}

TEST(KeysetCodecTest, ChecksKeysByTheirKind) {
  const std::string id = kId;
  auto at = [&](std::string key) { return EncodeKeyset({std::move(key), id}); };
  EXPECT_TRUE(DecodeKeyset(at("2027-01-31"), KeyKind::kDate).ok());
  EXPECT_TRUE(DecodeKeyset(at("infinity"), KeyKind::kDate).ok());
  ExpectMalformedField(DecodeKeyset(at("31.01.2027"), KeyKind::kDate).status(), "cursor");
  EXPECT_TRUE(DecodeKeyset(at("Ćirilica"), KeyKind::kText).ok());
  ExpectMalformedField(DecodeKeyset(at(std::string("a\0b", 3)), KeyKind::kText).status(), "cursor");
  ExpectMalformedField(DecodeKeyset(at(std::string(5000, 'a')), KeyKind::kText).status(), "cursor");
}

TEST(KeysetCodecTest, DatesAndInstantsMustBeRealOnes) {
  const std::string id = kId;
  auto at = [&](std::string key) { return EncodeKeyset({std::move(key), id}); };
  EXPECT_TRUE(DecodeKeyset(at("2024-02-29"), KeyKind::kDate).ok());
  for (const char* bad :
       {"2023-02-29", "2027-13-01", "2027-00-10", "0000-01-01", "----------", "2027-1-011"}) {
    SCOPED_TRACE(bad);
    ExpectMalformedField(DecodeKeyset(at(bad), KeyKind::kDate).status(), "cursor");
  }
  EXPECT_TRUE(DecodeKeyset(at("-62135596800000000"), KeyKind::kInstant).ok());  // 0001-01-01
  ExpectMalformedField(DecodeKeyset(at("-62135596800000001"), KeyKind::kInstant).status(),
                       "cursor");
  ExpectMalformedField(DecodeKeyset(at("253402300800000000"), KeyKind::kInstant).status(),
                       "cursor");  // 10000-01-01
}

TEST(KeysetCodecTest, ACursorOfTheDaysBeforeSortingStillPagesByCreation) {
  const std::string legacy = std::string(R"({"c":1700000000000000,"i":")") + kId + "\"}";
  auto back = DecodeKeyset(legacy, KeyKind::kInstant);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(**back, (Keyset{"1700000000000000", kId}));
  ExpectMalformedField(DecodeKeyset(legacy, KeyKind::kText).status(), "cursor");
}

TEST(SortTest, PicksAFieldAndADirection) {
  const auto names = SortNamesOf(kSorts);
  auto parsed = ParseSort("", names);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->Name(), "created_at");
  parsed = ParseSort("-name", names);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->index, 1u);
  EXPECT_TRUE(parsed->descending);
  EXPECT_EQ(parsed->kind, KeyKind::kText);
  EXPECT_EQ(parsed->Name(), "-name");
}

TEST(SortTest, AnUnknownSortNamesEveryValueAllowed) {
  const auto names = SortNamesOf(kSorts);
  for (std::string_view bad : {"-", "nam", "+name", "name,created_at", "--name", "NAME"}) {
    SCOPED_TRACE(bad);
    const auto s = ParseSort(bad, names).status();
    ExpectMalformedField(s, "sort");
    EXPECT_NE(s.message().find("created_at, -created_at, name, -name"), std::string::npos)
        << s.message();
  }
}

TEST(KeysetRequestTest, ZeroMeansTheDefaultAndTheMaximumIsAllowed) {
  EXPECT_EQ(Request(0).limit, kDefaultLimit);
  EXPECT_EQ(Request(1).limit, 1);
  EXPECT_EQ(Request(kMaxLimit).limit, kMaxLimit);
  EXPECT_FALSE(Request(0).after.has_value());
}

TEST(KeysetRequestTest, RejectsLimitsOutsideTheRangeBeforeLookingAtTheCursor) {
  ExpectMalformedField(KeysetRequestOf(PageParams{-1, "", "", false}, kSorts).status(), "limit");
  ExpectMalformedField(
      KeysetRequestOf(PageParams{kMaxLimit + 1, "garbage", "", false}, kSorts).status(), "limit");
  ExpectMalformedField(KeysetRequestOf(PageParams{10, "garbage", "", false}, kSorts).status(),
                       "cursor");
  ExpectMalformedField(KeysetRequestOf(PageParams{10, "", "size", false}, kSorts).status(), "sort");
}

TEST(KeysetRequestTest, ReadsTheCursorWithTheKindOfTheSortsKey) {
  const std::string by_name = EncodeKeyset({"Beograd", kId});
  EXPECT_EQ(Request(10, "name", by_name).after, (Keyset{"Beograd", kId}));
  // The same position under the default (instant) order is not one.
  ExpectMalformedField(KeysetRequestOf(PageParams{10, by_name, "", false}, kSorts).status(),
                       "cursor");
}

TEST(PageOfTest, AnExtraRowMeansANextPageStartingAfterTheLastRowKept) {
  auto rows = MakeRows(RowsToFetch(3));
  const Row last_kept = rows[2];
  auto page = PageOf(Rows<Row>{std::move(rows), std::nullopt}, Request(3), kSorts);
  ASSERT_EQ(page.items.size(), 3u);
  EXPECT_EQ(page.next_cursor, EncodeKeyset({"1002", last_kept.id}));
}

TEST(PageOfTest, TheCursorKeepsTheKeyOfTheChosenOrder) {
  auto page = PageOf(Rows<Row>{MakeRows(3), std::nullopt}, Request(2, "-name"), kSorts);
  EXPECT_EQ(page.next_cursor, EncodeKeyset({page.items[1].name, page.items[1].id}));
}

TEST(PageOfTest, NoExtraRowMeansTheLastPage) {
  EXPECT_TRUE(PageOf(Rows<Row>{MakeRows(3), {}}, Request(3), kSorts).next_cursor.empty());
  EXPECT_EQ(PageOf(Rows<Row>{MakeRows(2), {}}, Request(3), kSorts).items.size(), 2u);
  EXPECT_TRUE(PageOf(Rows<Row>{MakeRows(0), {}}, Request(3), kSorts).next_cursor.empty());
}

TEST(PageOfTest, CarriesTheTotal) {
  auto page = PageOf(Rows<Row>{MakeRows(2), TotalOf(2)}, Request(3), kSorts);
  ASSERT_TRUE(page.total.has_value());
  EXPECT_EQ(page.total->count, 2);
  EXPECT_TRUE(page.total->exact);
  EXPECT_FALSE(PageOf(Rows<Row>{MakeRows(2), {}}, Request(3), kSorts).total.has_value());
}

TEST(TotalTest, CountsExactlyUpToTheCapAndSaysWhenItStopped) {
  EXPECT_EQ(TotalOf(0).count, 0);
  EXPECT_TRUE(TotalOf(kTotalCap).exact);
  EXPECT_EQ(TotalOf(kTotalCap).count, kTotalCap);
  EXPECT_FALSE(TotalOf(kTotalCap + 1).exact);
  EXPECT_EQ(TotalOf(kTotalCap + 1).count, kTotalCap);
}

// What a repository's SQL does: rows after the position in the order, limit + 1 of them.
std::vector<Row> Fetch(std::vector<Row> all, const KeysetRequest& req) {
  auto key = kSorts[req.order.index].key;
  std::sort(all.begin(), all.end(), [&](const Row& a, const Row& b) {
    auto ka = std::make_pair(key(a), a.id), kb = std::make_pair(key(b), b.id);
    return req.order.descending ? kb < ka : ka < kb;
  });
  std::vector<Row> out;
  for (const auto& r : all) {
    if (req.after) {
      auto k = std::make_pair(key(r), r.id), at = std::make_pair(req.after->key, req.after->id);
      if (req.order.descending ? !(k < at) : !(at < k)) continue;
    }
    if (static_cast<int>(out.size()) < RowsToFetch(req.limit)) out.push_back(r);
  }
  return out;
}

TEST(PageOfTest, WalkingPagesVisitsEveryRowOnceInEveryOrder) {
  const auto all = MakeRows(7);
  for (std::string sort : {"", "-created_at", "name", "-name"}) {
    SCOPED_TRACE(sort);
    std::vector<std::string> seen;
    KeysetRequest req = Request(3, sort);
    for (int guard = 0; guard < 10; ++guard) {
      auto page = PageOf(Rows<Row>{Fetch(all, req), {}}, req, kSorts);
      for (const auto& r : page.items) seen.push_back(r.id);
      if (page.next_cursor.empty()) break;
      req = Request(3, sort, page.next_cursor);
    }
    auto expected = Fetch(all, Request(kMaxLimit, sort));
    ASSERT_EQ(seen.size(), all.size());
    for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(seen[i], expected[i].id);
  }
}

TEST(FillPageTest, StopsAtTheByteBoundWithTheCursorOfTheLastItemSent) {
  auto page = PageOf(Rows<Row>{MakeRows(8), {}}, Request(5), kSorts);
  std::vector<std::string> sent;
  auto add = [&](const Row& r) {
    sent.push_back(r.id);
    return size_t{400};
  };
  const std::string next = FillPage(page, add, 1000);  // 400 + 400 + 400 >= 1000: three
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(next, page.position(page.items[2]));
}

TEST(FillPageTest, UnderTheBoundThePagesOwnCursorStands) {
  auto page = PageOf(Rows<Row>{MakeRows(8), {}}, Request(5), kSorts);
  size_t calls = 0;
  EXPECT_EQ(FillPage(
                page, [&](const Row&) { return ++calls, size_t{10}; }, 1000),
            page.next_cursor);
  EXPECT_EQ(calls, 5u);
  auto last = PageOf(Rows<Row>{MakeRows(3), {}}, Request(5), kSorts);
  EXPECT_EQ(FillPage(last, [](const Row&) { return size_t{10}; }), "");
}

TEST(FillPageTest, OneHugeItemIsStillSentSoThePageMovesOn) {
  auto page = PageOf(Rows<Row>{MakeRows(3), {}}, Request(5), kSorts);
  size_t calls = 0;
  auto next = FillPage(
      page, [&](const Row&) { return ++calls, size_t{5000}; }, 1000);
  EXPECT_EQ(calls, 1u);
  EXPECT_EQ(next, EncodeKeyset({"1000", page.items[0].id}));
}

}  // namespace
}  // namespace iris::pagination
