// GET /v1/audit-events over several services: their pages merged into one order and one cursor.
// Fake services answer as the kit's Audit service does (libs/audit, tested against Postgres in
// audit_rpc_test), so walking the list page by page must give every entry of every service
// once, in order, at any page size; today only membership serves it, so the cross-service
// cases live here.
#include "services/gateway/routes/audit_merge.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <google/protobuf/util/time_util.h>

#include "libs/status/status.hpp"

namespace iris::gateway::audit {
namespace {

using google::protobuf::util::TimeUtil;

v1::AuditEvent Event(const std::string& service, int64_t at_us, int64_t id) {
  v1::AuditEvent e;
  e.set_service(service);
  *e.mutable_occurred_at() = TimeUtil::MicrosecondsToTimestamp(at_us);
  e.set_id(id);
  e.set_subject_id(service + "/" + std::to_string(id));
  return e;
}

// One service's log as the kit serves it: (at desc, id desc), entries strictly after the
// position, limit + 1 read to learn of more.
class FakeService {
 public:
  FakeService(std::string name, std::vector<int64_t> instants) : name_(std::move(name)) {
    for (size_t i = 0; i < instants.size(); ++i) {
      log_.push_back(Event(name_, instants[i], static_cast<int64_t>(i) + 1));
    }
    std::sort(log_.begin(), log_.end(), [](const auto& a, const auto& b) {
      return std::pair(TimeUtil::TimestampToMicroseconds(a.occurred_at()), a.id()) >
             std::pair(TimeUtil::TimestampToMicroseconds(b.occurred_at()), b.id());
    });
  }

  ServicePage Answer(const std::optional<Key>& after, int limit) const {
    ServicePage out{name_, {}};
    const auto position = after ? PositionFor(*after, name_) : v1::AuditPosition();
    for (const auto& e : log_) {
      const auto at = TimeUtil::TimestampToMicroseconds(e.occurred_at());
      if (after &&
          std::pair(at, e.id()) >=
              std::pair(TimeUtil::TimestampToMicroseconds(position.occurred_at()), position.id())) {
        continue;
      }
      if (out.page.items_size() == limit) {
        out.page.set_more(true);
        break;
      }
      *out.page.add_items() = e;
    }
    out.page.set_total(static_cast<int64_t>(log_.size()));
    out.page.set_total_exact(true);
    return out;
  }

  const std::vector<v1::AuditEvent>& log() const { return log_; }

 private:
  std::string name_;
  std::vector<v1::AuditEvent> log_;
};

std::vector<std::string> Names(const v1::ListAuditEventsResponse& r) {
  std::vector<std::string> out;
  for (const auto& e : r.items()) out.push_back(e.subject_id());
  return out;
}

// Every page of the merged list at `limit`, walked with the positions Merge hands out.
std::vector<std::string> Walk(const std::vector<FakeService>& services, int limit,
                              size_t max_bytes = 1 << 20) {
  std::vector<std::string> walked;
  std::string position;
  for (int guard = 0; guard < 200; ++guard) {
    auto after = ParsePosition(position);
    EXPECT_TRUE(after.ok()) << after.status();
    std::vector<ServicePage> pages;
    for (const auto& s : services) pages.push_back(s.Answer(*after, limit));
    auto merged = Merge(std::move(pages), limit, max_bytes, 10000);
    EXPECT_TRUE(merged.ok()) << merged.status();
    EXPECT_LE(merged->response.items_size(), limit);
    EXPECT_GT(merged->response.items_size(), 0);
    for (const auto& name : Names(merged->response)) walked.push_back(name);
    if (merged->next_position.empty()) return walked;
    position = merged->next_position;
  }
  ADD_FAILURE() << "pages never ended";
  return walked;
}

// Three services whose logs interleave and tie: grants and membership both have entries at
// 100 and 300, documents at 300 too.
std::vector<FakeService> ThreeServices() {
  return {FakeService("membership", {100, 100, 200, 300, 300, 500}),
          FakeService("grants", {50, 100, 300, 400}), FakeService("documents", {300, 300, 600})};
}

TEST(AuditMergeTest, OrderIsNewestFirstThenServiceThenHigherId) {
  EXPECT_TRUE(Before(Key{2, "b", 1}, Key{1, "a", 9}));
  EXPECT_TRUE(Before(Key{1, "a", 1}, Key{1, "b", 9}));
  EXPECT_TRUE(Before(Key{1, "a", 9}, Key{1, "a", 1}));
  EXPECT_FALSE(Before(Key{1, "a", 1}, Key{1, "a", 1}));
}

TEST(AuditMergeTest, WalkingEveryPageGivesEveryEntryOnceInOrderAtAnyPageSize) {
  const auto services = ThreeServices();
  const std::vector<std::string> expected = {
      "documents/3",  "membership/6", "grants/4",     "documents/2",  "documents/1",
      "grants/3",     "membership/5", "membership/4", "membership/3", "grants/2",
      "membership/2", "membership/1", "grants/1"};
  for (int limit : {1, 2, 3, 4, 5, 7, 13, 50}) {
    SCOPED_TRACE(limit);
    EXPECT_EQ(Walk(services, limit), expected);
  }
}

TEST(AuditMergeTest, ABytesBoundStillMovesOnePerPage) {
  const auto services = ThreeServices();
  const auto walked = Walk(services, 50, /*max_bytes=*/1);
  EXPECT_EQ(walked.size(), 13u);
  EXPECT_EQ(walked.front(), "documents/3");
  EXPECT_EQ(walked.back(), "grants/1");
}

TEST(AuditMergeTest, EntriesAfterAPageWithMoreWaitForItsNextPage) {
  // membership sent its two newest and has more; grants' entry at 250 may come after
  // membership's next ones (at 260, say), so it is held back, and the cursor is membership's.
  ServicePage membership{"membership", {}};
  *membership.page.add_items() = Event("x", 300, 9);
  *membership.page.add_items() = Event("x", 270, 8);
  membership.page.set_more(true);
  ServicePage grants{"grants", {}};
  *grants.page.add_items() = Event("x", 280, 4);
  *grants.page.add_items() = Event("x", 250, 3);
  auto merged = Merge({membership, grants}, 10, 1 << 20, 10000);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(Names(merged->response),
            (std::vector<std::string>{"x/9", "x/4", "x/8"}));  // each named by its page
  EXPECT_EQ(merged->response.items(1).service(), "grants");
  EXPECT_TRUE(merged->response.more());
  EXPECT_EQ(merged->next_position, PositionText({270, "membership", 8}));
}

TEST(AuditMergeTest, TheLastPageHasNoCursor) {
  ServicePage only{"membership", {}};
  *only.page.add_items() = Event("membership", 300, 2);
  auto merged = Merge({only}, 1, 1 << 20, 10000);
  ASSERT_TRUE(merged.ok());
  EXPECT_FALSE(merged->response.more());
  EXPECT_EQ(merged->next_position, "");
  auto none = Merge({ServicePage{"membership", {}}}, 5, 1 << 20, 10000);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->response.items_size(), 0);
  EXPECT_EQ(none->next_position, "");
}

TEST(AuditMergeTest, APageWithMoreAndNoEntryIsAnError) {
  ServicePage broken{"membership", {}};
  broken.page.set_more(true);
  EXPECT_EQ(Merge({broken}, 5, 1 << 20, 10000).status().code(), absl::StatusCode::kInternal);
}

TEST(AuditMergeTest, TotalsAddUpToTheCap) {
  auto page = [](const std::string& service, int64_t total, bool exact) {
    ServicePage p{service, {}};
    p.page.set_total(total);
    p.page.set_total_exact(exact);
    return p;
  };
  auto merged = Merge({page("a", 4, true), page("b", 3, true)}, 5, 1 << 20, 10000);
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->total, 7);
  EXPECT_TRUE(merged->total_exact);
  merged = Merge({page("a", 6000, true), page("b", 6000, true)}, 5, 1 << 20, 10000);
  EXPECT_EQ(merged->total, 10000);
  EXPECT_FALSE(merged->total_exact);
  merged = Merge({page("a", 10000, false), page("b", 0, true)}, 5, 1 << 20, 10000);
  EXPECT_FALSE(merged->total_exact);
  // Not asked: no service counted.
  merged = Merge({ServicePage{"a", {}}}, 5, 1 << 20, 10000);
  EXPECT_FALSE(merged->total.has_value());
}

TEST(AuditMergeTest, EachServicesPageStartsWhereTheListLeftOff) {
  const Key after{1741946400000000, "grants", 17};
  EXPECT_EQ(PositionFor(after, "grants").id(), 17);
  EXPECT_EQ(PositionFor(after, "documents").id(), 0);  // before grants: its entries were listed
  EXPECT_EQ(PositionFor(after, "membership").id(), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(TimeUtil::ToString(PositionFor(after, "membership").occurred_at()),
            "2025-03-14T10:00:00Z");
}

TEST(AuditMergeTest, PositionsRoundTripAndAnythingElseIsAMalformedCursor) {
  const Key k{1741946400123456, "membership", 42};
  auto back = ParsePosition(PositionText(k));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(**back, k);
  auto first = ParsePosition("");
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->has_value());
  for (const std::string bad :
       {"not json", "[]", R"({"k":"1","s":"membership"})", R"({"k":"1","s":"membership","i":"-1"})",
        R"({"k":"x","s":"membership","i":"1"})", R"({"k":"1","s":"Membership","i":"1"})",
        R"({"k":1,"s":"membership","i":"1"})", R"({"k":"999999999999999999","s":"a","i":"1"})",
        R"({"k":"1","s":"","i":"1"})"}) {
    SCOPED_TRACE(bad);
    const auto s = ParsePosition(bad).status();
    EXPECT_TRUE(absl::IsInvalidArgument(s)) << s;
    EXPECT_EQ(status::DetailOf(s).errors(0).field(), "cursor");
  }
}

}  // namespace
}  // namespace iris::gateway::audit
