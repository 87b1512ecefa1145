#include "libs/db/migrator.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "kit_migrations.hpp"
#include "libs/db/testing/scratch_schema.hpp"

namespace iris::db {
namespace {

using ::testing::HasSubstr;

// Migration texts live as long as the test; Statements only point at them.
class MigratorDbTest : public ::testing::Test {
 protected:
  MigratorDbTest() : schema_("t_migrate") {}

  const Statement& Add(const std::string& name, const std::string& text) {
    texts_.push_back(std::make_unique<std::string>(text));
    names_.push_back(std::make_unique<std::string>(name));
    statements_.push_back(
        std::make_unique<Statement>(Statement{names_.back()->c_str(), texts_.back()->c_str()}));
    return *statements_.back();
  }

  int Count(const std::string& from_where) {
    return testing::ExecAsSuperuser("SELECT count(*) FROM " + from_where)[0][0].as<int>();
  }

  bool TableExists(const std::string& table) {
    return !testing::ExecAsSuperuser("SELECT to_regclass('" + schema_.name() + "." + table +
                                     "')")[0][0]
                .is_null();
  }

  std::string S() const { return schema_.name(); }

  testing::ScratchSchema schema_;
  std::vector<std::unique_ptr<std::string>> texts_, names_;
  std::vector<std::unique_ptr<Statement>> statements_;
};

TEST_F(MigratorDbTest, AppliesEachMigrationOnceAcrossRuns) {
  const std::string create = "CREATE TABLE " + S() + ".log (n int NOT NULL);\n" +
                             "CREATE INDEX log_n ON " + S() + ".log (n);";
  std::vector<Statement> v1 = {
      Add("V001__create_log", create),
      Add("V002__seed_log", "INSERT INTO " + S() + ".log VALUES (2)"),
  };
  ASSERT_TRUE(Migrate(schema_.OwnerUrl(), S(), v1).ok());
  ASSERT_TRUE(Migrate(schema_.OwnerUrl(), S(), v1).ok());
  EXPECT_EQ(Count(S() + ".log"), 1);
  EXPECT_EQ(Count(S() + ".schema_migrations"), 2);

  // A later release adds V003; only it runs.
  std::vector<Statement> v2 = v1;
  const std::string v3 = "INSERT INTO " + S() + ".log VALUES (3)";
  v2.push_back(Add("V003__more", v3));
  ASSERT_TRUE(Migrate(schema_.OwnerUrl(), S(), v2).ok());
  EXPECT_EQ(Count(S() + ".log"), 2);
  // The recorded checksum is the SHA-256 of the text, as Postgres computes it too.
  EXPECT_EQ(Count(S() + ".schema_migrations WHERE name = 'V003__more' AND checksum = " +
                  "encode(sha256(convert_to('" + v3 + "', 'UTF8')), 'hex')"),
            1);
}

TEST_F(MigratorDbTest, AppliesInVersionOrderWhateverTheListOrder) {
  std::vector<Statement> shuffled = {
      Add("V1000__insert", "INSERT INTO " + S() + ".log VALUES (10)"),
      Add("V999__create", "CREATE TABLE " + S() + ".log (n int NOT NULL)"),
  };
  EXPECT_TRUE(Migrate(schema_.OwnerUrl(), S(), shuffled).ok());
  EXPECT_EQ(Count(S() + ".log"), 1);
}

TEST_F(MigratorDbTest, ChangedLandedMigrationIsRefusedAndNothingIsApplied) {
  std::vector<Statement> v1 = {Add("V001__create_log", "CREATE TABLE " + S() + ".log (n int)")};
  ASSERT_TRUE(Migrate(schema_.OwnerUrl(), S(), v1).ok());

  std::vector<Statement> edited = {
      Add("V001__create_log", "CREATE TABLE " + S() + ".log (n bigint)"),
      Add("V002__other", "CREATE TABLE " + S() + ".other (n int)"),
  };
  absl::Status s = Migrate(schema_.OwnerUrl(), S(), edited);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(s.message()), HasSubstr("V001__create_log"));
  EXPECT_FALSE(TableExists("other"));
  EXPECT_EQ(Count(S() + ".schema_migrations"), 1);
}

TEST_F(MigratorDbTest, FailingMigrationNamesItselfAndLeavesNoTrace) {
  std::vector<Statement> migrations = {
      Add("V001__create_log", "CREATE TABLE " + S() + ".log (n int)"),
      Add("V002__broken", "INSERT INTO " + S() + ".no_such_table VALUES (1)"),
  };
  absl::Status s = Migrate(schema_.OwnerUrl(), S(), migrations);
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(s.message()), HasSubstr("V002__broken"));
  EXPECT_FALSE(TableExists("log"));
}

TEST_F(MigratorDbTest, BadNamesAreRefusedBeforeConnecting) {
  for (const char* name : {"V01__short", "001__no_v", "V001_single", "V001__", "V001__a-b"}) {
    std::vector<Statement> migrations = {Add(name, "SELECT 1")};
    absl::Status s = Migrate("postgresql://nobody@127.0.0.1:1/none", S(), migrations);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << name;
    EXPECT_THAT(std::string(s.message()), HasSubstr(name));
  }
  std::vector<Statement> duplicate = {Add("V001__a", "SELECT 1"), Add("V001__b", "SELECT 1")};
  EXPECT_EQ(Migrate("postgresql://nobody@127.0.0.1:1/none", S(), duplicate).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(MigratorDbTest, TwoRunnersStartingTogetherApplyEachMigrationOnce) {
  // Without the lock the second runner's CREATE TABLE fails, or both INSERTs land.
  std::vector<Statement> migrations = {
      Add("V001__create_log",
          "CREATE TABLE " + S() + ".log (n int NOT NULL); SELECT pg_sleep(0.3)"),
      Add("V002__seed", "INSERT INTO " + S() + ".log VALUES (2)"),
  };
  std::latch start(2);
  absl::Status results[2];
  std::vector<std::thread> runners;
  for (int i = 0; i < 2; ++i) {
    runners.emplace_back([&, i] {
      start.arrive_and_wait();
      results[i] = Migrate(schema_.OwnerUrl(), S(), migrations);
    });
  }
  for (auto& t : runners) t.join();
  EXPECT_TRUE(results[0].ok()) << results[0];
  EXPECT_TRUE(results[1].ok()) << results[1];
  EXPECT_EQ(Count(S() + ".log"), 1);
  EXPECT_EQ(Count(S() + ".schema_migrations"), 2);
}

TEST_F(MigratorDbTest, ServiceMigrationsGetTheKitTablesInTheirOwnSchema) {
  std::vector<Statement> own = {Add("V001__create_log", "CREATE TABLE " + S() + ".log (n int)")};
  ASSERT_TRUE(MigrateService(schema_.OwnerUrl(), S(), own).ok());
  ASSERT_TRUE(MigrateService(schema_.OwnerUrl(), S(), own).ok());  // a rerun changes nothing
  EXPECT_TRUE(TableExists("outbox"));
  EXPECT_TRUE(TableExists("audit_log"));
  EXPECT_TRUE(TableExists("log"));
  EXPECT_EQ(Count(S() + ".kit_migrations"), static_cast<int>(std::size(kit::kAll)));
  EXPECT_EQ(Count(S() + ".schema_migrations"), 1);
  // Nothing of the kit lands outside the service's schema.
  EXPECT_EQ(Count("pg_tables WHERE tablename = 'outbox' AND schemaname = '" + S() + "'"), 1);
  EXPECT_EQ(Count("pg_tables WHERE tablename IN ('outbox', 'kit_migrations') AND schemaname = "
                  "'public'"),
            0);
}

TEST_F(MigratorDbTest, KitTakesOverAServiceOwnCopyOfItsTables) {
  // Membership created outbox and audit_log in its own V002 before the kit existed; the kit's
  // IF NOT EXISTS leaves those tables (and their rows) as they are, and V002 counts as retired.
  std::vector<Statement> before = {
      Add("V001__create_log", "CREATE TABLE " + S() + ".log (n int)"),
      // The same tables as the kit's, as membership's V002 had them, and a message in them.
      Add("V002__outbox", "SET LOCAL search_path TO " + S() + ";\n" +
                              kit::kV001_OutboxAndAudit.text +
                              ";\nINSERT INTO outbox (type, subject_id) VALUES ('t.created', '7')"),
      Add("V003__more", "INSERT INTO " + S() + ".log VALUES (3)"),
  };
  ASSERT_TRUE(Migrate(schema_.OwnerUrl(), S(), before).ok());
  std::vector<Statement> after = {before[0], before[2]};
  ASSERT_TRUE(MigrateService(schema_.OwnerUrl(), S(), after).ok());
  EXPECT_EQ(Count(S() + ".outbox WHERE subject_id = '7'"), 1);
  EXPECT_TRUE(TableExists("audit_log"));
  EXPECT_EQ(Count(S() + ".schema_migrations"), 3);
}

TEST_F(MigratorDbTest, UnreachableDatabaseGivesUnavailable) {
  std::vector<Statement> migrations = {Add("V001__a", "SELECT 1")};
  EXPECT_EQ(Migrate("postgresql://nobody@127.0.0.1:1/none", S(), migrations).code(),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace iris::db
