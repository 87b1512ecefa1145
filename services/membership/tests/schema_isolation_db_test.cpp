// The membership role has rights on its own schema only (ARCHITECTURE.md principle 1).
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "libs/db/migrator.hpp"
#include "membership_migrations.hpp"
#include "tests/support/test_env.hpp"

namespace iris::membership {
namespace {

TEST(SchemaIsolationDbTest, MembershipRoleCannotReadAnotherServicesSchema) {
  ASSERT_TRUE(
      db::MigrateService(iris::testing::MembershipDatabaseUrl(), "membership", migrations::kAll)
          .ok());
  {
    pqxx::connection admin(iris::testing::AdminDatabaseUrl());
    pqxx::work tx(admin);
    tx.exec(
        "CREATE SCHEMA IF NOT EXISTS isolation_probe;"
        "CREATE TABLE IF NOT EXISTS isolation_probe.secrets (v text);"
        "INSERT INTO isolation_probe.secrets VALUES ('not for membership')");
    tx.commit();
  }
  pqxx::connection conn(iris::testing::MembershipDatabaseUrl());
  {
    pqxx::work own(conn);
    EXPECT_EQ(own.exec("SELECT count(*) FROM membership.countries")[0][0].as<int>(), 7);
  }
  {
    pqxx::work other(conn);
    EXPECT_THROW(other.exec("SELECT v FROM isolation_probe.secrets"), pqxx::insufficient_privilege);
  }
  {
    pqxx::work create(conn);
    EXPECT_THROW(create.exec("CREATE TABLE public.sneaky (v int)"), pqxx::insufficient_privilege);
  }
  pqxx::connection admin(iris::testing::AdminDatabaseUrl());
  pqxx::work tx(admin);
  tx.exec("DROP SCHEMA isolation_probe CASCADE");
  tx.commit();
}

}  // namespace
}  // namespace iris::membership
