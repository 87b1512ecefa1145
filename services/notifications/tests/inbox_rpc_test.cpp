// Notifications over gRPC: Publish stores a valid batch and refuses a batch with one bad
// message whole (nothing stored), the change feed's cursor, limit and who may read it, the
// topics, and subscriptions' errors named all at once.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "iris/notifications/v1/notifications.grpc.pb.h"
#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "notifications_migrations.hpp"
#include "services/notifications/app/feed_use_cases.hpp"
#include "services/notifications/app/inbox_use_cases.hpp"
#include "services/notifications/app/intake.hpp"
#include "services/notifications/app/subscription_use_cases.hpp"
#include "services/notifications/rpc/notifications_grpc.hpp"
#include "services/notifications/storage/pg_inbox_repository.hpp"
#include "services/notifications/storage/pg_message_repository.hpp"
#include "services/notifications/storage/pg_subscription_repository.hpp"
#include "services/notifications/storage/statements.hpp"
#include "services/notifications/tests/mail_fixture.hpp"
#include "tests/support/rpc_server.hpp"

namespace iris::notifications {
namespace {

using iris::identity::Caller;
using Stub = v1::Notifications::Stub;
using testing::NewUuid;

Caller Admin() { return {.subject = NewUuid(), .role = "network_admin", .request_id = "rpc-n"}; }
Caller Partner() { return {.subject = NewUuid(), .role = "partner", .request_id = "rpc-n"}; }
Caller Member() {
  return {
      .subject = NewUuid(), .role = "member", .organization_id = NewUuid(), .request_id = "rpc-n"};
}
Caller Anonymous() { return {.request_id = "rpc-n"}; }

v1::OutboxMessage Outbox(const std::string& type, const std::string& payload = "{}") {
  v1::OutboxMessage m;
  m.set_id(NewUuid());
  m.set_type(type);
  m.set_subject_id(NewUuid());
  m.mutable_occurred_at()->set_seconds(1893456000);
  m.set_payload_json(payload);
  m.set_position(7);
  return m;
}

std::vector<std::string> ErrorFields(const absl::Status& s) {
  std::vector<std::string> out;
  const auto detail = status::DetailOf(s);  // named: the loop would outlive a temporary
  for (const auto& e : detail.errors()) out.push_back(e.field());
  return out;
}

class InboxRpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db::MigrateService(testing::DatabaseUrl(), "notifications", migrations::kAll).ok());
    server_ = std::make_unique<iris::testing::RpcServer>(
        "notifications", std::vector<::grpc::Service*>{&api_}, [this] { return pool_.Ping(); });
    ASSERT_TRUE(server_->Start().ok());
    stub_ = v1::Notifications::NewStub(server_->channel());
  }
  void TearDown() override { server_.reset(); }

  template <typename Req, typename Resp>
  absl::Status Call(const Caller& caller,
                    ::grpc::Status (Stub::*method)(::grpc::ClientContext*, const Req&, Resp*),
                    const Req& req, Resp* out) {
    return iris::testing::CallAs(*stub_, caller, method, req, out);
  }

  int64_t Stored(const std::vector<std::string>& ids) {
    auto n = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<int64_t> {
      return tx
          .ExecSql("SELECT count(*) FROM notifications.messages WHERE id::text = ANY('" +
                   db::TextArray(ids) + "'::text[])")[0][0]
          .as<int64_t>();
    });
    return n.ok() ? *n : -1;
  }

  db::Pool pool_{db::PoolConfig{.url = testing::DatabaseUrl(), .size = 2}, storage::Statements()};
  storage::PgMessageRepository message_repo_;
  storage::PgInboxRepository inbox_repo_;
  storage::PgSubscriptionRepository subscription_repo_;
  app::Wakeup mail_wakeup_, webhook_wakeup_;
  app::Intake intake_{pool_, message_repo_, mail_wakeup_, webhook_wakeup_};
  app::InboxUseCases inbox_{pool_, inbox_repo_};
  app::SubscriptionUseCases subscriptions_{pool_, subscription_repo_};
  app::FeedUseCases feed_{pool_, message_repo_};
  rpc::NotificationsGrpc api_{intake_, inbox_, subscriptions_, feed_};
  std::unique_ptr<iris::testing::RpcServer> server_;
  std::unique_ptr<Stub> stub_;
};

TEST_F(InboxRpcTest, PublishStoresAValidBatchOnceAndCountsARedelivery) {
  v1::PublishRequest req;
  req.set_source("grants");
  *req.add_messages() = Outbox("grants.call.opened", R"({"status":"open"})");
  *req.add_messages() = Outbox("grants.call.updated");
  v1::PublishResponse out;
  ASSERT_TRUE(Call(Anonymous(), &Stub::Publish, req, &out).ok());
  EXPECT_EQ(out.stored(), 2);
  EXPECT_EQ(out.duplicates(), 0);
  ASSERT_TRUE(Call(Anonymous(), &Stub::Publish, req, &out).ok());
  EXPECT_EQ(out.stored(), 0);
  EXPECT_EQ(out.duplicates(), 2);
}

TEST_F(InboxRpcTest, OneBadMessageRefusesTheWholeBatch) {
  v1::PublishRequest req;
  req.set_source("grants");
  *req.add_messages() = Outbox("grants.call.opened");
  *req.add_messages() = Outbox("membership.user.created");  // not grants'
  auto broken = Outbox("grants.call.updated", "{not json");
  broken.set_id("42");
  *req.add_messages() = broken;
  v1::PublishResponse out;
  const auto s = Call(Anonymous(), &Stub::Publish, req, &out);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
  EXPECT_EQ(ErrorFields(s), (std::vector<std::string>{"messages[1].type", "messages[2].id",
                                                      "messages[2].payload_json"}));
  EXPECT_EQ(Stored({req.messages(0).id(), req.messages(1).id()}), 0);

  req.set_source("nobody");
  req.clear_messages();
  *req.add_messages() = Outbox("nobody.thing.done");
  const auto unknown = Call(Anonymous(), &Stub::Publish, req, &out);
  EXPECT_EQ(unknown.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorFields(unknown), std::vector<std::string>{"source"});
  EXPECT_EQ(Stored({req.messages(0).id()}), 0);
}

TEST_F(InboxRpcTest, TheFeedResumesFromItsCursorForPartnersAndStaffOnly) {
  v1::ListChangesResponse start;
  ASSERT_TRUE(Call(Admin(), &Stub::ListChanges, v1::ListChangesRequest{}, &start).ok());
  // Walk to the end, then publish three changes and one reminder (not a change).
  std::string cursor = start.next_cursor();
  for (;;) {
    v1::ListChangesRequest req;
    req.set_after(cursor);
    req.set_limit(500);
    v1::ListChangesResponse page;
    ASSERT_TRUE(Call(Partner(), &Stub::ListChanges, req, &page).ok());
    if (page.items().empty()) {
      EXPECT_EQ(page.next_cursor(), cursor);
      break;
    }
    cursor = page.next_cursor();
  }
  v1::PublishRequest pub;
  pub.set_source("grants");
  for (const char* type :
       {"grants.call.opened", "grants.call.closing", "grants.call.updated", "grants.call.closed"}) {
    *pub.add_messages() = Outbox(type);
  }
  v1::PublishResponse stored;
  ASSERT_TRUE(Call(Anonymous(), &Stub::Publish, pub, &stored).ok());

  // Other tests may publish meanwhile: follow the feed in pages of 2 and keep ours, in order.
  std::set<std::string> ours;
  for (const auto& m : pub.messages()) ours.insert(m.subject_id());
  std::vector<std::string> seen;
  v1::ListChangesRequest req;
  req.set_after(cursor);
  req.set_limit(2);
  for (int pages = 0; pages < 100 && seen.size() < 3; ++pages) {
    v1::ListChangesResponse page;
    ASSERT_TRUE(Call(pages % 2 ? Admin() : Partner(), &Stub::ListChanges, req, &page).ok());
    ASSERT_LE(page.items_size(), 2);
    if (page.items().empty()) break;
    EXPECT_EQ(page.next_cursor(), page.items(page.items_size() - 1).cursor());
    EXPECT_GT(std::stoll(page.items(0).cursor()), std::stoll(req.after()));
    for (const auto& c : page.items()) {
      if (ours.contains(c.subject_id())) seen.push_back(c.type());
    }
    req.set_after(page.next_cursor());
  }
  // The reminder is not a change.
  EXPECT_EQ(seen, (std::vector<std::string>{"grants.call.opened", "grants.call.updated",
                                            "grants.call.closed"}));

  v1::ListChangesResponse out;
  EXPECT_EQ(Call(Member(), &Stub::ListChanges, req, &out).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Call(Anonymous(), &Stub::ListChanges, req, &out).code(),
            absl::StatusCode::kUnauthenticated);
  for (const char* bad : {"abc", "-1", "99999999999999999999"}) {
    req.set_after(bad);
    const auto s = Call(Admin(), &Stub::ListChanges, req, &out);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(status::DetailOf(s).reason(), "malformed") << bad;
  }
  req.set_after("0");
  req.set_limit(501);
  EXPECT_EQ(ErrorFields(Call(Admin(), &Stub::ListChanges, req, &out)),
            std::vector<std::string>{"limit"});
}

TEST_F(InboxRpcTest, TopicsLeaveOutInternalMessages) {
  v1::ListTopicsResponse out;
  ASSERT_TRUE(Call(Anonymous(), &Stub::ListTopics, v1::ListTopicsRequest{}, &out).ok());
  bool closing = false;
  for (const auto& t : out.items()) {
    EXPECT_NE(t.audience(), "internal") << t.topic();
    if (t.topic() == "grants.call.closing") closing = !t.in_feed() && t.audience() == "public";
  }
  EXPECT_TRUE(closing);
}

TEST_F(InboxRpcTest, SubscriptionsAreDefaultsUntilPutAndErrorsComeAllAtOnce) {
  const Caller member = Member();
  v1::Subscriptions got;
  ASSERT_TRUE(Call(member, &Stub::GetSubscriptions, v1::GetSubscriptionsRequest{}, &got).ok());
  EXPECT_TRUE(got.is_default());
  EXPECT_FALSE(got.has_updated_at());
  EXPECT_GT(got.topics_size(), 0);

  v1::PutSubscriptionsRequest bad;
  bad.add_topics("grants.*");
  bad.add_topics("weather.*");
  bad.add_countries("ZZ");
  bad.add_channels("sms");
  bad.set_language("xx");
  const auto s = Call(member, &Stub::PutSubscriptions, bad, &got);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorFields(s),
            (std::vector<std::string>{"topics[1]", "countries[0]", "channels[0]", "language"}));

  v1::PutSubscriptionsRequest good;
  good.add_topics("events.*");
  good.add_countries("BA");
  good.add_channels("inbox");
  ASSERT_TRUE(Call(member, &Stub::PutSubscriptions, good, &got).ok());
  ASSERT_TRUE(Call(member, &Stub::GetSubscriptions, v1::GetSubscriptionsRequest{}, &got).ok());
  EXPECT_FALSE(got.is_default());
  EXPECT_EQ(got.language(), "en");
  ASSERT_EQ(got.topics_size(), 1);
  EXPECT_EQ(got.topics(0), "events.*");
  EXPECT_TRUE(got.has_updated_at());
  EXPECT_EQ(Call(Anonymous(), &Stub::GetSubscriptions, v1::GetSubscriptionsRequest{}, &got).code(),
            absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace iris::notifications
