// The kit's audit listing over gRPC against real Postgres: a scratch schema migrated with the
// kit as a service's is, its audit_log filled with entries at chosen instants (ties included),
// and the Audit service a service registers, called as each role. Covers the order, paging from
// a position without gaps or repeats, every filter, totals and who may call.
#include <gtest/gtest.h>

#include <limits>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <google/protobuf/util/time_util.h>
#include <pqxx/nontransaction>

#include "libs/audit/audit_grpc.hpp"
#include "libs/db/migrator.hpp"
#include "libs/db/outbox.hpp"
#include "libs/db/sorted_statements.hpp"
#include "libs/db/testing/scratch_schema.hpp"
#include "libs/status/status.hpp"
#include "tests/support/rpc_server.hpp"

namespace iris::audit {
namespace {

using google::protobuf::Timestamp;
using google::protobuf::util::TimeUtil;
using identity::Caller;

Caller Admin() { return {"admin-1", "network_admin", "", "", {}, "rpc-audit"}; }

// T0 + seconds (and nanoseconds), the instants the entries below are recorded at.
Timestamp At(int seconds, int nanos = 0) {
  Timestamp t = TimeUtil::MicrosecondsToTimestamp(1741946400000000);  // 2025-03-14T10:00:00Z
  t.set_seconds(t.seconds() + seconds);
  t.set_nanos(nanos);
  return t;
}

// Seven entries, inserted in this order (ids 1..7, as n says); three share T0+1 s, as the entries
// of one transaction share its now(). The log's order is then 7 6 5 4 3 2 1 by (at desc, id desc).
constexpr const char* kEntries =
    "(1, 0, 'user-a', 'network_admin', 'req-1', 'create', 'organization', 'org-1', "
    " '{\"fields\": [\"name\"]}'),"
    "(2, 1, 'user-a', 'network_admin', 'req-2', 'suspend', 'organization', 'org-1', "
    " '{\"from\": \"active\", \"to\": \"suspended\"}'),"
    "(3, 1, 'user-b', 'national_coordinator', 'req-2', 'create', 'user', 'user-9', '{}'),"
    "(4, 1, 'user-b', 'national_coordinator', 'req-2', 'update', 'organization', 'org-2', "
    " '{\"fields\": [\"city\"]}'),"
    "(5, 2, NULL, NULL, 'req-3', 'create', 'membership_application', 'app-1', '{}'),"
    "(6, 3, 'user-a', 'network_admin', 'req-4', 'reinstate', 'organization', 'org-1', '{}'),"
    "(7, 4, 'operator', 'system', NULL, 'seed', 'demo', 'membership', '{\"rows\": 3}')";

class AuditRpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db::MigrateService(schema_.OwnerUrl(), schema_.name(), {}).ok());
    pqxx::connection conn(schema_.OwnerUrl());
    pqxx::nontransaction tx(conn);
    tx.exec("INSERT INTO " + schema_.name() +
            ".audit_log (at, actor, actor_role, request_id, action, subject_type, subject_id,"
            " changes) SELECT '2025-03-14T10:00:00Z'::timestamptz + s * interval '1 second',"
            " actor, role, request_id, action, subject_type, subject_id, changes::jsonb"
            " FROM (VALUES " +
            std::string(kEntries) +
            ") AS e (n, s, actor, role, request_id, action, subject_type, subject_id, changes)"
            " ORDER BY n");  // ids follow the list
    pool_ = std::make_unique<db::Pool>(db::PoolConfig{.url = schema_.OwnerUrl(), .size = 2},
                                       statements_.all());
    api_ = std::make_unique<AuditGrpc>(*pool_, "grants");
    server_ = std::make_unique<iris::testing::RpcServer>(
        "audit", std::vector<::grpc::Service*>{api_.get()}, [this] { return pool_->Ping(); });
    ASSERT_TRUE(server_->Start().ok());
    stub_ = v1::Audit::NewStub(server_->channel());
  }
  void TearDown() override { server_.reset(); }

  absl::Status List(const Caller& caller, const v1::ListAuditEventsRequest& req,
                    v1::ListAuditEventsResponse* out) {
    return iris::testing::CallAs(*stub_, caller, &v1::Audit::Stub::ListAuditEvents, req, out);
  }

  // The listed entries as "<subject_id>/<action>", in the answer's order.
  std::vector<std::string> Listed(const v1::ListAuditEventsRequest& req) {
    v1::ListAuditEventsResponse out;
    const auto s = List(Admin(), req, &out);
    EXPECT_TRUE(s.ok()) << s;
    return Names(out);
  }
  static std::vector<std::string> Names(const v1::ListAuditEventsResponse& out) {
    std::vector<std::string> names;
    for (const auto& e : out.items()) names.push_back(e.subject_id() + "/" + e.action());
    return names;
  }

  db::testing::ScratchSchema schema_{"t_audit"};
  db::StatementSet statements_{{}, {}, schema_.name()};
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<AuditGrpc> api_;
  std::unique_ptr<iris::testing::RpcServer> server_;
  std::unique_ptr<v1::Audit::Stub> stub_;
};

const std::vector<std::string> kNewestFirst = {
    "membership/seed", "org-1/reinstate", "app-1/create", "org-2/update",
    "user-9/create",   "org-1/suspend",   "org-1/create"};

TEST_F(AuditRpcTest, NewestFirstAndAtOneInstantTheLaterEntryFirst) {
  EXPECT_EQ(Listed({}), kNewestFirst);
  v1::ListAuditEventsResponse out;
  ASSERT_TRUE(List(Admin(), {}, &out).ok());
  EXPECT_FALSE(out.more());
  EXPECT_FALSE(out.has_total());
  // Every column, as the service names it.
  const auto& suspend = out.items(5);
  EXPECT_EQ(suspend.id(), 2);
  EXPECT_EQ(suspend.service(), "grants");
  EXPECT_EQ(TimeUtil::ToString(suspend.occurred_at()), "2025-03-14T10:00:01Z");
  EXPECT_EQ(suspend.actor(), "user-a");
  EXPECT_EQ(suspend.actor_role(), "network_admin");
  EXPECT_EQ(suspend.request_id(), "req-2");
  EXPECT_EQ(suspend.type(), "organization.suspend");
  EXPECT_EQ(suspend.subject_type(), "organization");
  EXPECT_EQ(suspend.subject_id(), "org-1");
  EXPECT_EQ(suspend.changes().fields().at("to").string_value(), "suspended");
  // An anonymous change has no actor.
  EXPECT_EQ(out.items(2).actor(), "");
  EXPECT_EQ(out.items(2).actor_role(), "");
}

TEST_F(AuditRpcTest, PagesFromThePositionOfTheLastEntryWithoutGapsOrRepeats) {
  for (int limit : {1, 2, 3, 6, 7}) {
    SCOPED_TRACE(limit);
    std::vector<std::string> walked;
    v1::ListAuditEventsRequest req;
    req.set_limit(limit);
    for (int guard = 0; guard < 10; ++guard) {
      v1::ListAuditEventsResponse out;
      ASSERT_TRUE(List(Admin(), req, &out).ok());
      ASSERT_LE(out.items_size(), limit);
      for (const auto& name : Names(out)) walked.push_back(name);
      if (!out.more()) break;
      const auto& last = *out.items().rbegin();
      *req.mutable_after()->mutable_occurred_at() = last.occurred_at();
      req.mutable_after()->set_id(last.id());
    }
    EXPECT_EQ(walked, kNewestFirst);
  }
}

TEST_F(AuditRpcTest, APositionsIdDecidesTheEntriesOfItsInstant) {
  // What the gateway asks of a service ordered before or after the one a cursor names.
  v1::ListAuditEventsRequest req;
  *req.mutable_after()->mutable_occurred_at() = At(1);
  req.mutable_after()->set_id(0);
  EXPECT_EQ(Listed(req), (std::vector<std::string>{"org-1/create"}));
  req.mutable_after()->set_id(std::numeric_limits<int64_t>::max());
  EXPECT_EQ(Listed(req), (std::vector<std::string>{"org-2/update", "user-9/create", "org-1/suspend",
                                                   "org-1/create"}));
  req.mutable_after()->set_id(3);
  EXPECT_EQ(Listed(req), (std::vector<std::string>{"org-1/suspend", "org-1/create"}));
}

TEST_F(AuditRpcTest, FiltersByActor) {
  v1::ListAuditEventsRequest req;
  req.set_actor("user-a");
  EXPECT_EQ(Listed(req),
            (std::vector<std::string>{"org-1/reinstate", "org-1/suspend", "org-1/create"}));
  req.set_actor("nobody");
  EXPECT_TRUE(Listed(req).empty());
}

TEST_F(AuditRpcTest, FiltersBySubjectId) {
  v1::ListAuditEventsRequest req;
  req.set_subject("org-1");
  EXPECT_EQ(Listed(req),
            (std::vector<std::string>{"org-1/reinstate", "org-1/suspend", "org-1/create"}));
  // The subject id, not its type.
  req.set_subject("organization");
  EXPECT_TRUE(Listed(req).empty());
}

TEST_F(AuditRpcTest, FiltersByTypeOrSubjectTypeAnyOfSeveral) {
  v1::ListAuditEventsRequest req;
  req.add_type("organization");
  EXPECT_EQ(Listed(req), (std::vector<std::string>{"org-1/reinstate", "org-2/update",
                                                   "org-1/suspend", "org-1/create"}));
  req.clear_type();
  req.add_type("organization.suspend");
  EXPECT_EQ(Listed(req), (std::vector<std::string>{"org-1/suspend"}));
  req.add_type("user");
  req.add_type("membership_application.create");
  EXPECT_EQ(Listed(req),
            (std::vector<std::string>{"app-1/create", "user-9/create", "org-1/suspend"}));
  // An action alone is not a type.
  req.clear_type();
  req.add_type("suspend");
  EXPECT_TRUE(Listed(req).empty());
}

TEST_F(AuditRpcTest, FiltersTogetherAllApply) {
  v1::ListAuditEventsRequest req;
  req.set_actor("user-a");
  req.set_subject("org-1");
  req.add_type("organization.reinstate");
  req.add_type("organization.create");
  *req.mutable_to() = At(3);
  EXPECT_EQ(Listed(req), (std::vector<std::string>{"org-1/create"}));
}

TEST_F(AuditRpcTest, FromIsInclusiveAndToExclusiveAtAnyPrecision) {
  v1::ListAuditEventsRequest req;
  *req.mutable_from() = At(1);
  *req.mutable_to() = At(2);
  EXPECT_EQ(Listed(req),
            (std::vector<std::string>{"org-2/update", "user-9/create", "org-1/suspend"}));
  // A nanosecond past T0+1 s: the entries at T0+1 s are before `from`, and before `to`.
  *req.mutable_from() = At(1, 1);
  EXPECT_EQ(Listed(req), std::vector<std::string>{});
  req.clear_from();
  *req.mutable_to() = At(1, 1);
  EXPECT_EQ(Listed(req), (std::vector<std::string>{"org-2/update", "user-9/create", "org-1/suspend",
                                                   "org-1/create"}));
  // An empty range is no error.
  *req.mutable_from() = At(2);
  *req.mutable_to() = At(2);
  EXPECT_EQ(Listed(req), std::vector<std::string>{});
}

TEST_F(AuditRpcTest, TheFirstAndLastInstantsATimestampHoldsAreNoErrors) {
  v1::ListAuditEventsRequest req;
  req.mutable_from()->set_seconds(TimeUtil::kTimestampMinSeconds);
  req.mutable_to()->set_seconds(TimeUtil::kTimestampMaxSeconds);
  req.mutable_to()->set_nanos(999999999);  // rounded up: the first microsecond of year 10000
  EXPECT_EQ(Listed(req), kNewestFirst);
  *req.mutable_from() = req.to();
  EXPECT_EQ(Listed(req), std::vector<std::string>{});
}

TEST_F(AuditRpcTest, BadFiltersAreOneMalformedAnswerNamingEach) {
  v1::ListAuditEventsRequest req;
  *req.mutable_from() = At(3);
  *req.mutable_to() = At(2);
  req.add_type("Organization");
  req.add_type("organization.suspend.now");
  req.set_actor(std::string(kMaxFilterLength + 1, 'a'));
  v1::ListAuditEventsResponse out;
  const auto s = List(Admin(), req, &out);
  EXPECT_TRUE(absl::IsInvalidArgument(s)) << s;
  const auto detail = status::DetailOf(s);
  EXPECT_EQ(detail.reason(), "malformed");
  std::multiset<std::string> fields;
  for (const auto& e : detail.errors()) fields.insert(e.field());
  EXPECT_EQ(fields, (std::multiset<std::string>{"actor", "from", "type", "type"}));

  req = {};
  req.set_limit(201);
  const auto limit = List(Admin(), req, &out);
  EXPECT_TRUE(absl::IsInvalidArgument(limit)) << limit;
  EXPECT_EQ(status::DetailOf(limit).errors(0).field(), "limit");
}

TEST_F(AuditRpcTest, CountsEveryMatchOnEveryPage) {
  v1::ListAuditEventsRequest req;
  req.set_limit(2);
  req.set_include_total(true);
  req.add_type("organization");
  v1::ListAuditEventsResponse first, second;
  ASSERT_TRUE(List(Admin(), req, &first).ok());
  EXPECT_EQ(first.total(), 4);
  EXPECT_TRUE(first.total_exact());
  EXPECT_TRUE(first.more());
  *req.mutable_after()->mutable_occurred_at() = first.items(1).occurred_at();
  req.mutable_after()->set_id(first.items(1).id());
  ASSERT_TRUE(List(Admin(), req, &second).ok());
  EXPECT_EQ(second.total(), 4);
  EXPECT_EQ(Names(second), (std::vector<std::string>{"org-1/suspend", "org-1/create"}));
  EXPECT_FALSE(second.more());
}

TEST_F(AuditRpcTest, OnlyNetworkAdminsMayRead) {
  v1::ListAuditEventsResponse out;
  EXPECT_TRUE(absl::IsUnauthenticated(List(Caller{}, {}, &out)));
  for (const Caller& c : {Caller{"coord-1", "national_coordinator", "", "RS", {}, "rpc-audit"},
                          Caller{"member-1", "member", "org-1", "", {}, "rpc-audit"},
                          Caller{"partner-1", "partner", "", "", {"read"}, "rpc-audit"}}) {
    SCOPED_TRACE(c.role);
    EXPECT_TRUE(absl::IsPermissionDenied(List(c, {}, &out)));
  }
  // A refused caller learns nothing of the filters' errors either.
  v1::ListAuditEventsRequest bad;
  bad.set_limit(-1);
  EXPECT_TRUE(absl::IsPermissionDenied(
      List(Caller{"member-1", "member", "org-1", "", {}, "rpc-audit"}, bad, &out)));
}

TEST_F(AuditRpcTest, ListsWhatRecordChangeWrote) {
  Caller admin = Admin();
  admin.request_id = "req-recorded";
  db::Change change;
  change.type = "grants.call.opened";
  change.subject_type = "call";
  change.subject_id = "call-1";
  change.action = "open";
  change.audit = {{"fields", {"status"}}, {"version", 2}};
  ASSERT_TRUE(
      pool_->Write([&](db::Tx& tx) { return db::RecordChange(tx, schema_.name(), admin, change); })
          .ok());
  v1::ListAuditEventsRequest req;
  req.add_type("call.open");
  v1::ListAuditEventsResponse out;
  ASSERT_TRUE(List(Admin(), req, &out).ok());
  ASSERT_EQ(out.items_size(), 1);
  const auto& e = out.items(0);
  EXPECT_EQ(e.id(), 8);
  EXPECT_EQ(e.actor(), "admin-1");
  EXPECT_EQ(e.actor_role(), "network_admin");
  EXPECT_EQ(e.request_id(), "req-recorded");
  EXPECT_EQ(e.type(), "call.open");
  EXPECT_EQ(e.changes().fields().at("version").number_value(), 2);
  // Recorded now: the newest entry.
  EXPECT_EQ(Listed({}).front(), "call-1/open");
}

}  // namespace
}  // namespace iris::audit
