// The webhook statements against the real schema: the sender's claim leases due deliveries of
// active endpoints only (a second sender skips them), an attempt moves a delivery on (retry
// later, succeeded, failed), 410 fails the pending ones, a replay brings back the failed ones
// since a time, and deleting an endpoint takes its deliveries with it.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "libs/status/status.hpp"
#include "notifications_migrations.hpp"
#include "services/notifications/storage/pg_message_repository.hpp"
#include "services/notifications/storage/pg_webhook_repository.hpp"
#include "services/notifications/storage/statements.hpp"
#include "services/notifications/tests/mail_fixture.hpp"

namespace iris::notifications {
namespace {

using testing::NewUuid;

class WebhookDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(db::MigrateService(testing::DatabaseUrl(), "notifications", migrations::kAll).ok());
  }

  void Exec(const std::string& sql) {
    auto s = pool_.Write([&](db::Tx& tx) -> absl::Status {
      tx.ExecSql(sql);
      return absl::OkStatus();
    });
    ASSERT_TRUE(s.ok()) << s;
  }
  std::string Text(const std::string& sql) {
    auto v = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<std::string> {
      auto r = tx.ExecSql(sql);
      return r.empty() || r[0][0].is_null() ? std::string("<none>") : r[0][0].as<std::string>();
    });
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : "";
  }

  // An endpoint of a fresh owner; its id.
  std::string Endpoint() {
    domain::WebhookEndpoint e;
    e.owner_id = NewUuid();
    e.owner_role = "partner";
    // The owner is an active account (the sender holds deliveries of disabled owners).
    Exec("INSERT INTO notifications.recipients (id, email, role) VALUES ('" + e.owner_id + "', '" +
         e.owner_id + "@example.org', 'partner')");
    e.url = "https://crm.example.org/hook";
    e.topics = {"grants.*"};
    e.secret_sealed = "00ff";
    auto saved = pool_.Write([&](db::Tx& tx) { return repo_.Insert(tx, e); });
    EXPECT_TRUE(saved.ok()) << saved.status();
    return saved.ok() ? saved->id : "";
  }
  // A public grants message, not fanned out yet; its id.
  std::string Message() {
    const std::string message = NewUuid();
    Exec(
        "INSERT INTO notifications.messages (id, source, type, subject_id, audience, in_feed, "
        "payload, occurred_at) VALUES ('" +
        message +
        "', 'grants', 'grants.call.opened', 'call-1', 'public', true, "
        "'{\"status\": \"open\"}', now())");
    return message;
  }
  std::string DeliveryStatus(const std::string& endpoint, const std::string& message) {
    return Text("SELECT status FROM notifications.webhook_deliveries WHERE endpoint_id = '" +
                endpoint + "' AND message_id = '" + message + "'");
  }
  // A message and its delivery to `endpoint`, due now; the delivery's id.
  std::string Delivery(const std::string& endpoint) {
    const std::string message = Message(), delivery = NewUuid();
    Exec("INSERT INTO notifications.webhook_deliveries (id, endpoint_id, message_id) VALUES ('" +
         delivery + "', '" + endpoint + "', '" + message + "')");
    return delivery;
  }
  std::vector<storage::DueDelivery> Claim(int limit = 1000) {
    auto due = pool_.Write([&](db::Tx& tx) { return repo_.ClaimDue(tx, limit, 60'000); });
    EXPECT_TRUE(due.ok()) << due.status();
    return due.ok() ? *due : std::vector<storage::DueDelivery>{};
  }
  bool Claimed(const std::vector<storage::DueDelivery>& due, const std::string& id) {
    for (const auto& d : due) {
      if (d.id == id) return true;
    }
    return false;
  }
  void Record(const std::string& id, const std::string& status, int http, int64_t retry_ms) {
    auto s = pool_.Write([&](db::Tx& tx) {
      return repo_.RecordAttempt(tx, id, status, http, http == 0 ? "timeout" : "", 12, retry_ms);
    });
    ASSERT_TRUE(s.ok()) << s;
  }
  std::string StatusOf(const std::string& delivery) {
    return Text("SELECT status FROM notifications.webhook_deliveries WHERE id = '" + delivery +
                "'");
  }

  db::Pool pool_{db::PoolConfig{.url = testing::DatabaseUrl(), .size = 4}, storage::Statements()};
  storage::PgWebhookRepository repo_;
};

TEST_F(WebhookDbTest, AClaimLeasesDueDeliveriesSoASecondSenderSkipsThem) {
  const auto endpoint = Endpoint();
  const auto delivery = Delivery(endpoint);
  auto first = Claim();
  ASSERT_TRUE(Claimed(first, delivery));
  for (const auto& d : first) {
    if (d.id != delivery) continue;
    EXPECT_EQ(d.type, "grants.call.opened");
    EXPECT_EQ(d.subject_id, "call-1");
    EXPECT_EQ(d.payload["status"], "open");
    EXPECT_EQ(d.url, "https://crm.example.org/hook");
    EXPECT_EQ(d.secret_sealed, "00ff");
    EXPECT_EQ(d.previous_secret_sealed, "");
  }
  EXPECT_FALSE(Claimed(Claim(), delivery)) << "leased: not due again until the lease ends";
}

// A replica that stops hands back what it claimed and did not attempt: due at once for another,
// not after the lease. A finished delivery stays finished.
TEST_F(WebhookDbTest, AReleasedClaimIsDueAgainAtOnce) {
  const auto endpoint = Endpoint();
  const auto unsent = Delivery(endpoint);
  const auto sent = Delivery(endpoint);
  auto first = Claim();
  ASSERT_TRUE(Claimed(first, unsent) && Claimed(first, sent));
  Record(sent, "succeeded", 204, 0);
  auto released = pool_.Write([&](db::Tx& tx) { return repo_.Release(tx, {unsent, sent}); });
  ASSERT_TRUE(released.ok()) << released;
  auto again = Claim();
  EXPECT_TRUE(Claimed(again, unsent));
  EXPECT_FALSE(Claimed(again, sent));
  EXPECT_EQ(StatusOf(sent), "succeeded");
}

TEST_F(WebhookDbTest, AttemptsMoveADeliveryOnAndAreKept) {
  const auto endpoint = Endpoint();
  const auto delivery = Delivery(endpoint);
  ASSERT_TRUE(Claimed(Claim(), delivery));
  Record(delivery, "pending", 500, 0);  // retry at once
  EXPECT_EQ(StatusOf(delivery), "pending");
  ASSERT_TRUE(Claimed(Claim(), delivery));
  Record(delivery, "pending", 0, 3'600'000);  // an hour from now
  EXPECT_FALSE(Claimed(Claim(), delivery));
  Exec("UPDATE notifications.webhook_deliveries SET next_attempt_at = now() WHERE id = '" +
       delivery + "'");
  ASSERT_TRUE(Claimed(Claim(), delivery));
  Record(delivery, "succeeded", 204, 0);
  auto d = pool_.Read([&](db::Tx& tx) { return repo_.FindDelivery(tx, delivery); });
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->status, "succeeded");
  EXPECT_EQ(d->attempt_count, 3);
  ASSERT_EQ(d->attempts.size(), 3u);
  EXPECT_EQ(d->attempts[0].response_status, 500);
  EXPECT_EQ(d->attempts[1].error, "timeout");
  EXPECT_EQ(d->attempts[2].response_status, 204);
  EXPECT_FALSE(Claimed(Claim(), delivery));
}

TEST_F(WebhookDbTest, GoneFailsPendingDeliveriesAndAnInactiveEndpointSendsNothing) {
  const auto endpoint = Endpoint();
  const auto a = Delivery(endpoint), b = Delivery(endpoint);
  auto s = pool_.Write(
      [&](db::Tx& tx) { return repo_.Disable(tx, endpoint, "the endpoint answered 410 Gone"); });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(StatusOf(a), "failed");
  EXPECT_EQ(StatusOf(b), "failed");
  auto e = pool_.Read([&](db::Tx& tx) { return repo_.FindById(tx, endpoint); });
  ASSERT_TRUE(e.ok());
  EXPECT_FALSE(e->active);
  EXPECT_EQ(e->disabled_reason, "the endpoint answered 410 Gone");
  // A retry makes it pending, but nothing is sent while the endpoint is inactive.
  ASSERT_TRUE(pool_.Write([&](db::Tx& tx) { return repo_.RetryDelivery(tx, a); }).ok());
  EXPECT_EQ(StatusOf(a), "pending");
  EXPECT_FALSE(Claimed(Claim(), a));
}

// A fan-out and a 410 at the same time, in either order: no delivery is left pending for the
// disabled endpoint (it would never be sent, nor shown as failed).
TEST_F(WebhookDbTest, AFanOutUnderWayWhenAnEndpointIsDisabledLeavesNothingPending) {
  storage::PgMessageRepository messages;
  const auto endpoint = Endpoint();
  const auto message = Message();
  std::promise<void> fanned_out;
  std::atomic<bool> disabled{false};
  std::thread disabler([&] {
    fanned_out.get_future().wait();
    auto s = pool_.Write(
        [&](db::Tx& tx) { return repo_.Disable(tx, endpoint, "the endpoint answered 410 Gone"); });
    EXPECT_TRUE(s.ok()) << s;
    disabled = true;
  });
  auto fan = pool_.Write([&](db::Tx& tx) -> absl::Status {
    IRIS_RETURN_IF_ERROR(messages.FanOut(tx, {message}).status());
    fanned_out.set_value();
    // The disable waits for this transaction: the fan-out holds the endpoint's row.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_FALSE(disabled.load());
    return absl::OkStatus();
  });
  disabler.join();
  ASSERT_TRUE(fan.ok()) << fan;
  EXPECT_EQ(DeliveryStatus(endpoint, message), "failed");
}

TEST_F(WebhookDbTest, AFanOutAfterAnUncommittedDisableQueuesNothingForTheEndpoint) {
  storage::PgMessageRepository messages;
  const auto endpoint = Endpoint();
  const auto message = Message();
  std::promise<void> disabling;
  std::thread fan_out([&] {
    disabling.get_future().wait();
    auto s = pool_.Write([&](db::Tx& tx) { return messages.FanOut(tx, {message}).status(); });
    EXPECT_TRUE(s.ok()) << s;
  });
  auto s = pool_.Write([&](db::Tx& tx) -> absl::Status {
    IRIS_RETURN_IF_ERROR(repo_.Disable(tx, endpoint, "the endpoint answered 410 Gone"));
    disabling.set_value();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the fan-out waits on us
    return absl::OkStatus();
  });
  fan_out.join();
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(DeliveryStatus(endpoint, message), "<none>");
}

TEST_F(WebhookDbTest, ReplayBringsBackTheFailedOnesSinceATime) {
  const auto endpoint = Endpoint();
  const auto old_one = Delivery(endpoint), failed = Delivery(endpoint), ok = Delivery(endpoint);
  // Queued before T, failed after it (a long outage): "failed since T" includes it.
  const auto late = Delivery(endpoint);
  Exec(
      "UPDATE notifications.webhook_deliveries SET status = 'failed', next_attempt_at = NULL, "
      "created_at = now() - interval '3 days', updated_at = now() WHERE id = '" +
      late + "'");
  Exec(
      "UPDATE notifications.webhook_deliveries SET status = 'failed', next_attempt_at = NULL, "
      "created_at = now() - interval '3 days', updated_at = now() - interval '2 days' WHERE id = "
      "'" +
      old_one + "'");
  Exec(
      "UPDATE notifications.webhook_deliveries SET status = 'failed', next_attempt_at = NULL "
      "WHERE id = '" +
      failed + "'");
  Exec(
      "UPDATE notifications.webhook_deliveries SET status = 'succeeded', next_attempt_at = NULL "
      "WHERE id = '" +
      ok + "'");
  const auto since = std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now() - std::chrono::hours(1));
  auto n = pool_.Write([&](db::Tx& tx) { return repo_.ReplayFailed(tx, endpoint, since); });
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, 2);
  EXPECT_EQ(StatusOf(failed), "pending");
  EXPECT_EQ(StatusOf(late), "pending");
  EXPECT_EQ(StatusOf(old_one), "failed");
  EXPECT_EQ(StatusOf(ok), "succeeded");
}

TEST_F(WebhookDbTest, DeletingAnEndpointTakesItsDeliveriesAndAttempts) {
  const auto endpoint = Endpoint();
  const auto delivery = Delivery(endpoint);
  ASSERT_TRUE(Claimed(Claim(), delivery));
  Record(delivery, "pending", 500, 0);
  ASSERT_TRUE(pool_.Write([&](db::Tx& tx) { return repo_.Delete(tx, endpoint); }).ok());
  EXPECT_EQ(StatusOf(delivery), "<none>");
  EXPECT_EQ(Text("SELECT count(*) FROM notifications.webhook_attempts WHERE delivery_id = '" +
                 delivery + "'"),
            "0");
  // The sender's late record of an attempt in flight changes nothing.
  Record(delivery, "pending", 500, 0);
  EXPECT_EQ(StatusOf(delivery), "<none>");
}

}  // namespace
}  // namespace iris::notifications
