// What every database test of events shares: the service's schema (migrated once per test
// binary), a pool with its named statements, a fake membership directory, and one value read
// back with SQL. Each area's fixture derives from it and adds its repository and use cases.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "events_migrations.hpp"
#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "libs/db/testing/scalar.hpp"
#include "libs/members/fake_directory.hpp"
#include "libs/status/status.hpp"
#include "services/events/storage/statements.hpp"
#include "tests/support/test_env.hpp"

namespace iris::events {

inline std::string EventsDatabaseUrl() {
  return iris::testing::RequireEnv("IRIS_TEST_EVENTS_DATABASE_URL");
}

class EventsDbTestBase : public ::testing::Test {
 protected:
  // `pool_size`: the connections the test's threads may hold at once.
  explicit EventsDbTestBase(int pool_size = 4)
      : pool_(db::PoolConfig{.url = EventsDatabaseUrl(), .size = pool_size},
              storage::Statements()) {}

  static void SetUpTestSuite() {
    ASSERT_TRUE(db::MigrateService(EventsDatabaseUrl(), "events", migrations::kAll).ok());
  }

  std::string Text(const std::string& sql) {
    auto v = db::testing::ScalarText(pool_, sql);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : "";
  }
  int Number(const std::string& sql) { return std::stoi(Text(sql)); }
  std::string NewId() { return Text("SELECT gen_random_uuid()::text"); }
  static std::string Reason(const absl::Status& s) { return status::DetailOf(s).reason(); }

  db::Pool pool_;
  members::FakeDirectory directory_;
};

}  // namespace iris::events
