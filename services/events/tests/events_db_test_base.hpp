// What every database test of events shares: the service's schema (migrated once per test
// binary), a pool with its named statements, a fake membership directory, and one value read
// back with SQL. Each area's fixture derives from it and adds its repository and use cases.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "events_migrations.hpp"
#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "libs/db/testing/service_db_test.hpp"
#include "libs/members/fake_directory.hpp"
#include "libs/status/status.hpp"
#include "services/events/storage/statements.hpp"
#include "tests/support/test_env.hpp"

namespace iris::events {

inline std::string EventsDatabaseUrl() {
  return iris::testing::RequireEnv("IRIS_TEST_EVENTS_DATABASE_URL");
}

class EventsDbTestBase : public db::testing::ServiceDbTest {
 protected:
  // `pool_size`: the connections the test's threads may hold at once.
  explicit EventsDbTestBase(int pool_size = 4)
      : ServiceDbTest(EventsDatabaseUrl(), storage::Statements(), pool_size) {}

  static void SetUpTestSuite() {
    ASSERT_TRUE(db::MigrateService(EventsDatabaseUrl(), "events", migrations::kAll).ok());
  }

  members::FakeDirectory directory_;
};

}  // namespace iris::events
