#include "libs/db/pool.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

#include <pqxx/except>
#include <pqxx/nontransaction>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "libs/db/constraints.hpp"
#include "libs/db/testing/scratch_schema.hpp"

namespace iris::db {
namespace {

using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;

// Routes spdlog's default logger into a string for the test's lifetime.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

void ExecAs(const std::string& url, const std::string& sql) {
  pqxx::connection conn(url);
  pqxx::nontransaction tx(conn);
  tx.exec(sql);
}

class PoolDbTest : public ::testing::Test {
 protected:
  PoolDbTest()
      : schema_("t_pool"),
        app_(testing::UniqueName("pool_test")),
        insert_("INSERT INTO " + schema_.name() + ".items (id, name) VALUES ($1, $2)"),
        find_("SELECT name FROM " + schema_.name() + ".items WHERE id = $1"),
        touch_("UPDATE " + schema_.name() + ".items SET name = name || 'x' WHERE id = $1"),
        statements_{{"insert_item", insert_.c_str()},
                    {"find_item", find_.c_str()},
                    {"touch_item", touch_.c_str()}} {
    ExecAs(schema_.OwnerUrl(), "CREATE TABLE " + schema_.name() +
                                   ".items (id int PRIMARY KEY, name text NOT NULL "
                                   "CHECK (name <> ''))");
  }

  PoolConfig Config() const {
    return {.url = schema_.OwnerUrl(), .size = 4, .application_name = app_};
  }

  absl::Status Insert(Pool& pool, int id, const std::string& name) {
    return pool.Write([&](Tx& tx) -> absl::Status {
      tx.Exec(statements_[0], id, name);
      return absl::OkStatus();
    });
  }

  absl::StatusOr<std::optional<std::string>> Find(Pool& pool, int id) {
    return pool.Read([&](Tx& tx) -> absl::StatusOr<std::optional<std::string>> {
      pqxx::result r = tx.Exec(statements_[1], id);
      if (r.empty()) return std::nullopt;
      return r[0][0].as<std::string>();
    });
  }

  int BackendsOfThisPool() {
    pqxx::result r = testing::ExecAsSuperuser(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + app_ + "'");
    return r[0][0].as<int>();
  }

  testing::ScratchSchema schema_;
  std::string app_;
  std::string insert_, find_, touch_;
  std::vector<Statement> statements_;
};

TEST_F(PoolDbTest, ReadSeesWhatWriteCommitted) {
  Pool pool(Config(), statements_);
  ASSERT_TRUE(Insert(pool, 1, "ada").ok());
  auto found = Find(pool, 1);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(*found, "ada");
  auto missing = Find(pool, 2);
  ASSERT_TRUE(missing.ok()) << missing.status();
  EXPECT_EQ(*missing, std::nullopt);
}

TEST_F(PoolDbTest, WriteRollsBackAndReturnsTheFunctionsErrorStatus) {
  Pool pool(Config(), statements_);
  absl::Status s = pool.Write([&](Tx& tx) -> absl::Status {
    tx.Exec(statements_[0], 1, "ada");
    return absl::FailedPreconditionError("budget exceeded");
  });
  EXPECT_EQ(s, absl::FailedPreconditionError("budget exceeded"));
  auto found = Find(pool, 1);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(*found, std::nullopt);
}

TEST_F(PoolDbTest, DuplicateKeyGivesAlreadyExistsNamingTheConstraintOnTheStatus) {
  Pool pool(Config(), statements_);
  ASSERT_TRUE(Insert(pool, 1, "ada").ok());
  absl::Status s = Insert(pool, 1, "grace");
  EXPECT_EQ(s.code(), absl::StatusCode::kAlreadyExists);
  ASSERT_TRUE(ViolationOf(s).has_value()) << s;
  EXPECT_EQ(ViolationOf(s)->constraint, "items_pkey");
  EXPECT_EQ(*Find(pool, 1), "ada");
}

TEST_F(PoolDbTest, CheckViolationGivesFailedPrecondition) {
  Pool pool(Config(), statements_);
  EXPECT_EQ(Insert(pool, 1, "").code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(PoolDbTest, ReadRefusesWrites) {
  Pool pool(Config(), statements_);
  LogCapture log;
  absl::Status s = pool.Read([&](Tx& tx) -> absl::Status {
    tx.Exec(statements_[0], 1, "ada");
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(log.str(), HasSubstr("read-only transaction"));
  EXPECT_EQ(*Find(pool, 1), std::nullopt);
}

// Write opens with one round trip that also makes the transaction READ WRITE in a read-only
// session (ReadWriteWork): still READ COMMITTED, still a transaction that rolls back as one.
TEST_F(PoolDbTest, WriteIsOneReadWriteReadCommittedTransaction) {
  Pool pool(Config(), statements_);
  std::string read_only, isolation;
  ASSERT_TRUE(pool.Write([&](Tx& tx) -> absl::Status {
                    read_only = tx.ExecSql("SHOW transaction_read_only")[0][0].as<std::string>();
                    isolation = tx.ExecSql("SHOW transaction_isolation")[0][0].as<std::string>();
                    tx.Exec(statements_[0], 7, "grace");
                    tx.Exec(statements_[0], 8, "");  // the CHECK fails: nothing stays
                    return absl::OkStatus();
                  })
                  .code() == absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(read_only, "off");
  EXPECT_EQ(isolation, "read committed");
  EXPECT_EQ(*Find(pool, 7), std::nullopt);
}

TEST_F(PoolDbTest, InternalErrorsAreLoggedButNotReturned) {
  Pool pool(Config(), statements_);
  LogCapture log;
  absl::Status s = pool.Read([](Tx& tx) -> absl::Status {
    tx.ExecSql("SELECT no_such_column_xyz FROM pg_class");
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(s.message()), ::testing::Not(HasSubstr("no_such_column_xyz")));
  EXPECT_THAT(log.str(), HasSubstr("no_such_column_xyz"));
}

TEST_F(PoolDbTest, StatementTimeoutGivesUnavailable) {
  PoolConfig cfg = Config();
  cfg.statement_timeout = std::chrono::milliseconds(200);
  Pool pool(cfg, statements_);
  auto start = Clock::now();
  absl::Status s = pool.Read([](Tx& tx) -> absl::Status {
    tx.ExecSql("SELECT pg_sleep(5)");
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
  EXPECT_TRUE(pool.Ping().ok());
}

TEST_F(PoolDbTest, WriteRerunsTheFunctionAfterADeadlock) {
  Pool pool(Config(), statements_);
  ASSERT_TRUE(Insert(pool, 1, "a").ok());
  ASSERT_TRUE(Insert(pool, 2, "b").ok());
  std::latch both_hold_a_row(2);
  std::atomic<int> attempts{0};
  auto update_in_order = [&](int first, int second) {
    bool first_attempt = true;
    return pool.Write([&](Tx& tx) -> absl::Status {
      ++attempts;
      tx.Exec(statements_[2], first);
      if (first_attempt) {
        first_attempt = false;
        both_hold_a_row.arrive_and_wait();
      }
      tx.Exec(statements_[2], second);
      return absl::OkStatus();
    });
  };
  absl::Status s1, s2;
  std::thread t1([&] { s1 = update_in_order(1, 2); });
  std::thread t2([&] { s2 = update_in_order(2, 1); });
  t1.join();
  t2.join();
  EXPECT_TRUE(s1.ok()) << s1;
  EXPECT_TRUE(s2.ok()) << s2;
  // Postgres aborted one of the two, which ran again. The rerun may deadlock once more: after
  // the abort it can take row `first` before the survivor, woken by the abort, gets to it
  // (CI saw 4 attempts once), so only "at least one rerun" is a rule.
  EXPECT_GE(attempts.load(), 3);
  EXPECT_EQ(*Find(pool, 1), "axx");
  EXPECT_EQ(*Find(pool, 2), "bxx");
}

TEST_F(PoolDbTest, WriteGivesAbortedWhenConflictsPersist) {
  Pool pool(Config(), statements_);
  int calls = 0;
  absl::Status s = pool.Write([&](Tx&) -> absl::Status {
    ++calls;
    throw pqxx::serialization_failure("could not serialize access");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(calls, 1 + Pool::kMaxConflictRetries);
}

TEST_F(PoolDbTest, WriteOnceNeverRerunsTheFunction) {
  Pool pool(Config(), statements_);
  int calls = 0;
  absl::Status s = pool.WriteOnce([&](Tx& tx) -> absl::Status {
    ++calls;
    tx.Exec(statements_[0], 7, "seven");
    throw pqxx::serialization_failure("could not serialize access");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(*Find(pool, 7), std::nullopt);  // rolled back
  auto value = pool.WriteOnce([&](Tx& tx) -> absl::StatusOr<int> {
    tx.Exec(statements_[0], 8, "eight");
    return 8;
  });
  ASSERT_TRUE(value.ok()) << value.status();
  EXPECT_EQ(*value, 8);
  EXPECT_EQ(*Find(pool, 8), "eight");
}

TEST_F(PoolDbTest, ExhaustedPoolGivesUnavailableAfterAcquireTimeout) {
  PoolConfig cfg = Config();
  cfg.size = 1;
  cfg.acquire_timeout = std::chrono::milliseconds(100);
  Pool pool(cfg, statements_);
  absl::Status inner;
  absl::Status outer = pool.Read([&](Tx&) -> absl::Status {
    inner = pool.Ping();  // the only connection is held by this very call
    return absl::OkStatus();
  });
  EXPECT_TRUE(outer.ok()) << outer;
  EXPECT_EQ(inner.code(), absl::StatusCode::kUnavailable);
}

TEST_F(PoolDbTest, OneConnectionServesReadsAndWritesInTurn) {
  PoolConfig cfg = Config();
  cfg.size = 1;  // the same session serves both
  cfg.acquire_timeout = std::chrono::milliseconds(500);
  Pool pool(cfg, statements_);
  ASSERT_TRUE(Insert(pool, 1, "ada").ok());
  ASSERT_TRUE(Find(pool, 1).ok());
  ASSERT_TRUE(Insert(pool, 2, "grace").ok());
  auto found = Find(pool, 2);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(*found, "grace");
  EXPECT_EQ(BackendsOfThisPool(), 1);
}

TEST_F(PoolDbTest, RoleOwningOneSchemaCannotReadAnothersTables) {
  testing::ScratchSchema other("t_other");
  ExecAs(other.OwnerUrl(), "CREATE TABLE " + other.name() + ".secrets (v text)");
  Pool pool(Config(), statements_);  // connects as schema_'s owner
  LogCapture log;
  absl::Status s = pool.Read([&](Tx& tx) -> absl::Status {
    tx.ExecSql("SELECT v FROM " + other.name() + ".secrets");
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(log.str(), HasSubstr("permission denied for schema " + other.name()));
}

TEST_F(PoolDbTest, RecoversAfterItsConnectionsAreKilled) {
  Pool pool(Config(), statements_);
  ASSERT_TRUE(Insert(pool, 1, "ada").ok());
  // Two connections in the pool: the outer call holds one while the inner opens another.
  ASSERT_TRUE(pool.Read([&](Tx&) -> absl::Status { return pool.Ping(); }).ok());
  ASSERT_EQ(BackendsOfThisPool(), 2);

  testing::ExecAsSuperuser(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + app_ +
      "'");
  auto deadline = Clock::now() + std::chrono::seconds(5);
  while (BackendsOfThisPool() > 0 && Clock::now() < deadline) std::this_thread::yield();
  ASSERT_EQ(BackendsOfThisPool(), 0);

  int failures = 0;
  auto first = Find(pool, 1);
  if (!first.ok()) {
    EXPECT_EQ(first.status().code(), absl::StatusCode::kUnavailable);
    ++failures;
  }
  auto second = Find(pool, 1);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*second, "ada");
  EXPECT_LE(failures, 1);
  EXPECT_TRUE(Insert(pool, 2, "grace").ok());
}

TEST_F(PoolDbTest, ConnectionLostMidTransactionGivesUnavailableThenReconnects) {
  Pool pool(Config(), statements_);
  absl::Status s = pool.Write([&](Tx& tx) -> absl::Status {
    tx.Exec(statements_[0], 1, "ada");
    tx.ExecSql("SELECT pg_terminate_backend(pg_backend_pid())");
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  auto found = Find(pool, 1);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(*found, std::nullopt);  // the write never committed
}

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

TEST(PoolWithoutDatabaseTest, StartsAndReportsUnavailableWhilePostgresIsDown) {
  PoolConfig cfg{.url = "postgresql://iris@127.0.0.1:" + std::to_string(FreePort()) + "/iris",
                 .size = 2};
  Pool pool(cfg, {});
  auto start = Clock::now();
  absl::Status s = pool.Ping();
  EXPECT_EQ(s, absl::UnavailableError("database unavailable"));
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(1));
}

}  // namespace
}  // namespace iris::db
