// RecordChange writes the outbox message and the audit row in the caller's transaction.
#include "libs/db/outbox.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>

#include "libs/db/migrator.hpp"
#include "libs/identity/caller.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/storage/statements.hpp"
#include "services/membership/tests/membership_test_support.hpp"
#include "tests/support/test_env.hpp"

namespace iris::membership {
namespace {

class OutboxDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(MigrateSchema().ok()); }
  int CountFor(const std::string& table, const std::string& subject) {
    auto n = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<int> {
      return tx.raw()
          .exec_params("SELECT count(*) FROM membership." + table + " WHERE subject_id = $1",
                       subject)[0][0]
          .as<int>();
    });
    return n.ok() ? *n : -1;
  }
  db::Pool pool_{db::PoolConfig{.url = iris::testing::MembershipDatabaseUrl(), .size = 2},
                 storage::Statements()};
};

db::Change SampleChange(const std::string& subject) {
  db::Change c;
  c.type = "membership.test.created";
  c.subject_type = "test";
  c.subject_id = subject;
  c.country = "RS";
  c.payload = {{"id", subject}};
  c.action = "create";
  return c;
}

TEST_F(OutboxDbTest, CommittedChangeLeavesOneMessageAndOneAuditRow) {
  const std::string subject =
      "outbox-commit-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand());
  auto s = pool_.Write([&](db::Tx& tx) {
    return db::RecordChange(
        tx, "membership",
        identity::Caller{.subject = "user-1", .role = "network_admin", .request_id = "req-1"},
        SampleChange(subject));
  });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(CountFor("outbox", subject), 1);
  EXPECT_EQ(CountFor("audit_log", subject), 1);
}

TEST_F(OutboxDbTest, RolledBackChangeLeavesNothing) {
  const std::string subject =
      "outbox-rollback-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand());
  auto s = pool_.Write([&](db::Tx& tx) -> absl::Status {
    if (auto r = db::RecordChange(tx, "membership", {}, SampleChange(subject)); !r.ok()) return r;
    return absl::FailedPreconditionError("the use case failed after recording");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(CountFor("outbox", subject), 0);
  EXPECT_EQ(CountFor("audit_log", subject), 0);
}

}  // namespace
}  // namespace iris::membership
