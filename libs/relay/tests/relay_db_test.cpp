// The outbox relay against real Postgres (a scratch schema migrated with the kit, as a
// service's is) and a real gRPC server playing notifications: a fake Notifications service
// that records what it received and can be made to fail. Covers position order and marking,
// nothing marked while Publish fails and catching up after, notifications unreachable, two
// replicas on one schema publishing each row once and in order, the wake on commit, the
// advisory lock and the lag gauges.
#include "libs/relay/relay.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <google/protobuf/util/time_util.h>
#include <nlohmann/json.hpp>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "libs/db/migrator.hpp"
#include "libs/db/outbox.hpp"
#include "libs/db/sorted_statements.hpp"
#include "libs/db/testing/scratch_schema.hpp"
#include "tests/support/process.hpp"
#include "tests/support/rpc_server.hpp"
#include "tests/support/test_env.hpp"

namespace iris::relay {
namespace {

namespace v1 = iris::notifications::v1;
using namespace std::chrono_literals;
using iris::testing::Eventually;

// Notifications as the relay sees it: Publish only. Records every message in arrival order
// and counts redeliveries (an id seen before), as the real intake's duplicates would.
class FakeNotifications final : public v1::Notifications::Service {
 public:
  ::grpc::Status Publish(::grpc::ServerContext*, const v1::PublishRequest* req,
                         v1::PublishResponse* resp) override {
    std::lock_guard lock(mu_);
    ++calls_;
    if (failing_) return ::grpc::Status(::grpc::StatusCode::UNAVAILABLE, "notifications is down");
    // As the real intake: one malformed message refuses the whole batch, nothing stored.
    for (const auto& m : req->messages()) {
      if (m.subject_id() == refused_subject_) {
        return ::grpc::Status(::grpc::StatusCode::INVALID_ARGUMENT, "messages[0].type: bad");
      }
    }
    sources_.insert(req->source());
    for (const auto& m : req->messages()) {
      if (seen_.insert(m.id()).second) {
        received_.push_back(m);
        resp->set_stored(resp->stored() + 1);
      } else {
        ++duplicates_;
        resp->set_duplicates(resp->duplicates() + 1);
      }
    }
    return ::grpc::Status::OK;
  }

  void SetFailing(bool failing) {
    std::lock_guard lock(mu_);
    failing_ = failing;
  }
  void RefuseSubject(const std::string& subject) {
    std::lock_guard lock(mu_);
    refused_subject_ = subject;
  }
  std::vector<v1::OutboxMessage> received() {
    std::lock_guard lock(mu_);
    return received_;
  }
  int duplicates() {
    std::lock_guard lock(mu_);
    return duplicates_;
  }
  int calls() {
    std::lock_guard lock(mu_);
    return calls_;
  }
  std::set<std::string> sources() {
    std::lock_guard lock(mu_);
    return sources_;
  }

 private:
  std::mutex mu_;
  bool failing_ = false;
  std::string refused_subject_;
  int calls_ = 0;
  int duplicates_ = 0;
  std::set<std::string> seen_;
  std::set<std::string> sources_;
  std::vector<v1::OutboxMessage> received_;
};

class RelayDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db::MigrateService(schema_.OwnerUrl(), schema_.name(), {}).ok());
    pool_ = NewPool();
    server_ = std::make_unique<iris::testing::RpcServer>(
        "notifications", std::vector<::grpc::Service*>{&fake_}, [] { return absl::OkStatus(); });
    ASSERT_TRUE(server_->Start().ok());
  }
  void TearDown() override { server_.reset(); }

  std::unique_ptr<db::Pool> NewPool() {
    return std::make_unique<db::Pool>(db::PoolConfig{.url = schema_.OwnerUrl(), .size = 3},
                                      statements_.all());
  }

  Config QuickConfig() {
    Config c;
    c.batch = 100;
    c.poll = 50ms;
    c.first_backoff = 20ms;
    c.max_backoff = 200ms;
    return c;
  }

  std::unique_ptr<Relay> NewRelay(db::Pool& pool, metrics::Metrics& metrics, Config c) {
    return std::make_unique<Relay>(schema_.name(), c, pool, metrics, server_->channel());
  }

  // One change in its own transaction, as a service records it; its subject id.
  std::string Record(db::Pool& pool, const std::string& subject, nlohmann::json payload = {}) {
    db::Change c;
    c.type = "relaytest.thing.created";
    c.subject_type = "thing";
    c.subject_id = subject;
    c.country = "RS";
    c.payload = payload.is_null() ? nlohmann::json{{"id", subject}} : payload;
    c.action = "create";
    identity::Caller who;
    who.subject = "user-7";
    who.role = "network_admin";
    who.request_id = "req-" + subject;
    EXPECT_TRUE(
        pool.Write([&](db::Tx& tx) { return db::RecordChange(tx, schema_.name(), who, c); }).ok());
    return subject;
  }

  int64_t Count(const std::string& where) {
    return db::testing::ExecAsSuperuser("SELECT count(*) FROM " + schema_.name() +
                                        ".outbox WHERE " + where)[0][0]
        .as<int64_t>();
  }

  static double Value(metrics::Metrics& m, const std::string& gauge) {
    return m.Gauge(gauge, "", {}).Value();
  }
  static double CounterValue(metrics::Metrics& m, const std::string& counter) {
    return m.Counter(counter, "", {}).Value();
  }

  db::testing::ScratchSchema schema_{"relay"};
  db::StatementSet statements_{std::span<const db::Statement>{}, {}, schema_.name()};
  std::unique_ptr<db::Pool> pool_;
  FakeNotifications fake_;
  std::unique_ptr<iris::testing::RpcServer> server_;
  metrics::Metrics metrics_{"relaytest"};
};

TEST_F(RelayDbTest, PublishesRowsInPositionOrderAndMarksThem) {
  std::vector<std::string> subjects;
  for (int i = 0; i < 5; ++i) subjects.push_back(Record(*pool_, "thing-" + std::to_string(i)));
  auto relay = NewRelay(*pool_, metrics_, QuickConfig());

  auto pass = relay->PublishOnce();
  ASSERT_TRUE(pass.ok()) << pass.status();
  EXPECT_EQ(pass->published, 5);
  EXPECT_FALSE(pass->full);
  EXPECT_FALSE(pass->locked_out);
  EXPECT_EQ(fake_.sources(), std::set<std::string>{schema_.name()});
  const auto got = fake_.received();
  ASSERT_EQ(got.size(), 5u);
  const auto rows = db::testing::ExecAsSuperuser(
      "SELECT id::text, position, (extract(epoch FROM occurred_at) * 1000000)::bigint FROM " +
      schema_.name() + ".outbox ORDER BY position");
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].id(), rows[i][0].as<std::string>());
    EXPECT_EQ(got[i].position(), rows[i][1].as<int64_t>());
    EXPECT_EQ(google::protobuf::util::TimeUtil::TimestampToMicroseconds(got[i].occurred_at()),
              rows[i][2].as<int64_t>());
    EXPECT_EQ(got[i].type(), "relaytest.thing.created");
    EXPECT_EQ(got[i].subject_id(), subjects[i]);
    EXPECT_EQ(got[i].country(), "RS");
    EXPECT_EQ(got[i].actor(), "user-7");
    EXPECT_EQ(got[i].request_id(), "req-" + subjects[i]);
    EXPECT_EQ(nlohmann::json::parse(got[i].payload_json()), (nlohmann::json{{"id", subjects[i]}}));
  }
  EXPECT_EQ(Count("published_at IS NULL"), 0);

  // Nothing left: the next pass publishes nothing and calls nobody.
  const int calls = fake_.calls();
  pass = relay->PublishOnce();
  ASSERT_TRUE(pass.ok()) << pass.status();
  EXPECT_EQ(pass->published, 0);
  EXPECT_EQ(fake_.calls(), calls);
}

// A row notifications refuses as malformed is set aside, counted and logged; the rows around
// it are published in order, not held back behind it for ever.
TEST_F(RelayDbTest, ARowRefusedAsMalformedIsSetAsideAndTheOthersGoOn) {
  for (int i = 0; i < 6; ++i) Record(*pool_, "poison-" + std::to_string(i));
  fake_.RefuseSubject("poison-3");
  auto relay = NewRelay(*pool_, metrics_, QuickConfig());
  for (int i = 0; i < 10 && Count("published_at IS NULL") > 0; ++i) {
    auto pass = relay->PublishOnce();
    ASSERT_TRUE(pass.ok()) << pass.status();
  }
  EXPECT_EQ(Count("published_at IS NULL"), 0);
  const auto got = fake_.received();
  ASSERT_EQ(got.size(), 5u);
  const std::vector<std::string> expected = {"poison-0", "poison-1", "poison-2", "poison-4",
                                             "poison-5"};
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i].subject_id(), expected[i]);
  EXPECT_EQ(CounterValue(metrics_, "iris_outbox_rejected_total"), 1);
  EXPECT_EQ(CounterValue(metrics_, "iris_outbox_published_total"), 0);  // PublishOnce only

  // Back to whole batches after it.
  for (int i = 0; i < 3; ++i) Record(*pool_, "after-" + std::to_string(i));
  const int calls = fake_.calls();
  auto pass = relay->PublishOnce();
  ASSERT_TRUE(pass.ok()) << pass.status();
  EXPECT_EQ(pass->published, 3);
  EXPECT_EQ(fake_.calls(), calls + 1);
}

TEST_F(RelayDbTest, ABatchAtATimeAndAFullBatchSaysMoreMayWait) {
  for (int i = 0; i < 5; ++i) Record(*pool_, "batch-" + std::to_string(i));
  Config c = QuickConfig();
  c.batch = 2;
  auto relay = NewRelay(*pool_, metrics_, c);
  std::vector<int> published;
  for (int i = 0; i < 3; ++i) {
    auto pass = relay->PublishOnce();
    ASSERT_TRUE(pass.ok()) << pass.status();
    published.push_back(pass->published);
    EXPECT_EQ(pass->full, pass->published == 2);
  }
  EXPECT_EQ(published, (std::vector<int>{2, 2, 1}));
  const auto got = fake_.received();
  ASSERT_EQ(got.size(), 5u);
  for (size_t i = 1; i < got.size(); ++i) EXPECT_LT(got[i - 1].position(), got[i].position());
}

TEST_F(RelayDbTest, NothingIsMarkedWhilePublishFailsAndItCatchesUpAfter) {
  for (int i = 0; i < 3; ++i) Record(*pool_, "down-" + std::to_string(i));
  fake_.SetFailing(true);
  auto relay = NewRelay(*pool_, metrics_, QuickConfig());
  auto pass = relay->PublishOnce();
  EXPECT_TRUE(absl::IsUnavailable(pass.status())) << pass.status();
  EXPECT_EQ(Count("published_at IS NULL"), 3);
  EXPECT_EQ(CounterValue(metrics_, "iris_outbox_publish_failures_total"), 1);

  // The thread keeps trying (backing off) and marks nothing until Publish answers OK.
  relay->Start();
  ASSERT_TRUE(Eventually([&] { return fake_.calls() >= 4; }, 10s));
  EXPECT_EQ(Count("published_at IS NULL"), 3);
  EXPECT_TRUE(fake_.received().empty());
  EXPECT_GE(CounterValue(metrics_, "iris_outbox_publish_failures_total"), 3);
  EXPECT_EQ(Value(metrics_, "iris_outbox_pending"), 3);

  fake_.SetFailing(false);
  ASSERT_TRUE(Eventually([&] { return Count("published_at IS NULL") == 0; }, 10s));
  // The pass after the catch-up finds nothing and says so.
  ASSERT_TRUE(Eventually([&] { return Value(metrics_, "iris_outbox_pending") == 0; }, 10s));
  relay->Stop();
  EXPECT_EQ(fake_.received().size(), 3u);
  EXPECT_EQ(fake_.duplicates(), 0);
  EXPECT_EQ(CounterValue(metrics_, "iris_outbox_published_total"), 3);
  EXPECT_EQ(Value(metrics_, "iris_outbox_lag_seconds"), 0);
}

TEST_F(RelayDbTest, NotificationsUnreachableIsUnavailableWithinTheDeadline) {
  Record(*pool_, "unreachable");
  Config c = QuickConfig();
  c.publish_deadline = 2s;
  Relay relay(schema_.name(), c, *pool_, metrics_,
              grpc::MakeChannel("127.0.0.1:" + std::to_string(iris::testing::FreePort())));
  const auto started = std::chrono::steady_clock::now();
  auto pass = relay.PublishOnce();
  EXPECT_FALSE(pass.ok());
  EXPECT_TRUE(absl::IsUnavailable(pass.status()) || absl::IsDeadlineExceeded(pass.status()))
      << pass.status();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 4s);
  EXPECT_EQ(Count("published_at IS NULL"), 1);
}

TEST_F(RelayDbTest, TwoReplicasPublishEachRowOnceAndInOrder) {
  auto other_pool = NewPool();
  metrics::Metrics other_metrics("relaytest_other");
  Config c = QuickConfig();
  c.batch = 7;  // many small passes, so the two relays take turns
  c.poll = 10ms;
  auto a = NewRelay(*pool_, metrics_, c);
  auto b = NewRelay(*other_pool, other_metrics, c);
  a->Start();
  b->Start();
  // Writes through both pools while both relays run, one transaction after another (so
  // positions commit in order, as they do per subject in a service).
  constexpr int kRows = 150;
  for (int i = 0; i < kRows; ++i) Record(i % 2 ? *pool_ : *other_pool, "pair-" + std::to_string(i));
  ASSERT_TRUE(Eventually([&] { return Count("published_at IS NULL") == 0; }, 20s));
  a->Stop();
  b->Stop();
  const auto got = fake_.received();
  ASSERT_EQ(got.size(), static_cast<size_t>(kRows));
  EXPECT_EQ(fake_.duplicates(), 0);
  for (size_t i = 1; i < got.size(); ++i) {
    EXPECT_LT(got[i - 1].position(), got[i].position()) << "at " << i;
  }
  EXPECT_EQ(CounterValue(metrics_, "iris_outbox_published_total") +
                CounterValue(other_metrics, "iris_outbox_published_total"),
            kRows);
}

TEST_F(RelayDbTest, ACommitWakesTheRelayWithoutWaitingForThePoll) {
  Config c = QuickConfig();
  c.poll = 60s;  // only the wake can make it publish within the test's patience
  auto relay = NewRelay(*pool_, metrics_, c);
  // Its first pass finds nothing, refreshes the gauge and waits for the poll: seeing the gauge
  // move from -1 to 0 proves that pass is over, so the row below can only go by a wake.
  metrics_.Gauge("iris_outbox_pending", "", {}).Set(-1);
  relay->Start();
  ASSERT_TRUE(Eventually([&] { return Value(metrics_, "iris_outbox_pending") == 0; }, 5s));
  std::this_thread::sleep_for(100ms);  // let it reach the wait (a wake before is kept anyway)
  Record(*pool_, "wake");
  EXPECT_TRUE(Eventually([&] { return fake_.received().size() == 1; }, 5s));
  EXPECT_TRUE(Eventually([&] { return Count("published_at IS NULL") == 0; }, 5s));
  relay->Stop();
}

TEST_F(RelayDbTest, AnotherReplicaHoldingTheLockMeansWaitAndMarkNothing) {
  Record(*pool_, "locked");
  pqxx::connection holder(schema_.OwnerUrl());
  pqxx::work hold(holder);
  hold.exec("SELECT pg_advisory_xact_lock(hashtext('" + schema_.name() + ".outbox relay'))");
  auto relay = NewRelay(*pool_, metrics_, QuickConfig());
  auto pass = relay->PublishOnce();
  ASSERT_TRUE(pass.ok()) << pass.status();
  EXPECT_TRUE(pass->locked_out);
  EXPECT_EQ(pass->published, 0);
  EXPECT_EQ(fake_.calls(), 0);
  hold.commit();  // the other replica is done
  pass = relay->PublishOnce();
  ASSERT_TRUE(pass.ok()) << pass.status();
  EXPECT_EQ(pass->published, 1);
}

TEST_F(RelayDbTest, LagShowsTheOldestUnpublishedRowAndZeroWhenNone) {
  auto relay = NewRelay(*pool_, metrics_, QuickConfig());
  ASSERT_TRUE(relay->RefreshGauges().ok());
  EXPECT_EQ(Value(metrics_, "iris_outbox_lag_seconds"), 0);
  EXPECT_EQ(Value(metrics_, "iris_outbox_pending"), 0);
  // A row written 90 s ago that nobody published (the relay was down), and a newer one.
  db::testing::ExecAsSuperuser("INSERT INTO " + schema_.name() +
                               ".outbox (type, subject_id, occurred_at) VALUES"
                               " ('relaytest.thing.created', 'old', now() - interval '90 s')");
  Record(*pool_, "new");
  ASSERT_TRUE(relay->RefreshGauges().ok());
  EXPECT_GE(Value(metrics_, "iris_outbox_lag_seconds"), 90);
  EXPECT_LT(Value(metrics_, "iris_outbox_lag_seconds"), 120);
  EXPECT_EQ(Value(metrics_, "iris_outbox_pending"), 2);
  auto pass = relay->PublishOnce();
  ASSERT_TRUE(pass.ok()) << pass.status();
  ASSERT_TRUE(relay->RefreshGauges().ok());
  EXPECT_EQ(Value(metrics_, "iris_outbox_lag_seconds"), 0);
  EXPECT_EQ(Value(metrics_, "iris_outbox_pending"), 0);
}

}  // namespace
}  // namespace iris::relay
