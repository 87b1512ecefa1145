// V008 adds the users -> organizations foreign key: in a database of its own, accounts that
// already name a missing organisation stop the migration, named, until an operator fixes them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "libs/db/migrator.hpp"
#include "libs/db/testing/scratch_schema.hpp"
#include "membership_migrations.hpp"

namespace iris::membership {
namespace {

constexpr const char* kKnownOrg = "00000000-0000-4000-8000-0000000000a1";
constexpr const char* kMissingOrg = "00000000-0000-4000-8000-0000000000b2";

// The accounts migrations (V001, V003) and a stand-in for V004's organizations table, with
// users inserted before the key exists, as they could be before V008.
class UsersOrganizationKeyDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    name_ = db::testing::UniqueName("iris_users_fk");
    db::testing::ExecAsSuperuser("CREATE DATABASE " + name_);
    const std::string& super = db::testing::SuperuserUrl();
    url_ = super.substr(0, super.rfind('/') + 1) + name_;
    Exec("CREATE SCHEMA membership");
    for (const auto& m : migrations::kAll) {
      const std::string name(m.name);
      if (name <= "V003__~") before_.push_back(m);
      if (name <= "V003__~" || name.starts_with("V008__")) with_key_.push_back(m);
    }
    ASSERT_EQ(before_.size(), 2u);
    ASSERT_EQ(with_key_.size(), 3u);
    ASSERT_TRUE(db::MigrateService(url_, "membership", before_).ok());
    Exec(
        "CREATE TABLE membership.organizations (id uuid PRIMARY KEY);"
        "INSERT INTO membership.organizations (id) VALUES ('" +
        std::string(kKnownOrg) + "')");
  }
  void TearDown() override {
    db::testing::ExecAsSuperuser("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }

  void Exec(const std::string& sql) {
    pqxx::connection conn(url_);
    pqxx::nontransaction tx(conn);
    tx.exec(sql);
  }
  std::string Text(const std::string& sql) {
    pqxx::connection conn(url_);
    pqxx::nontransaction tx(conn);
    return tx.exec(sql)[0][0].as<std::string>();
  }
  int Count(const std::string& sql) { return std::stoi(Text(sql)); }
  // A member account of `org`, inserted as if no key existed (before V008 none did).
  void Member(const std::string& email, const std::string& org) {
    Exec(
        "INSERT INTO membership.users (email, name, role, organization_id, password_hash) "
        "VALUES ('" +
        email + "', 'M', 'member', '" + org + "', 'h')");
  }
  int Keys() {
    return Count("SELECT count(*) FROM pg_constraint WHERE conname = 'users_organization_id_fkey'");
  }

  std::string name_, url_;
  std::vector<db::Statement> before_, with_key_;
};

TEST_F(UsersOrganizationKeyDbTest, AccountsOfMissingOrganizationsStopTheMigrationNamed) {
  Member("known@example.org", kKnownOrg);
  Member("orphan@example.org", kMissingOrg);
  const auto refused = db::MigrateService(url_, "membership", with_key_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(std::string(refused.message()).find("1 account(s)"), std::string::npos) << refused;
  const std::string orphan = Text(
      "SELECT id::text FROM membership.users WHERE email = "
      "'orphan@example.org'");
  EXPECT_NE(std::string(refused.message()).find(orphan), std::string::npos) << refused;
  // Nothing of V008 applied, nothing deleted: the operator decides.
  EXPECT_EQ(Keys(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM membership.schema_migrations WHERE version = 8"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM membership.users"), 2);

  Exec("UPDATE membership.users SET organization_id = '" + std::string(kKnownOrg) +
       "' WHERE email = 'orphan@example.org'");
  const auto applied = db::MigrateService(url_, "membership", with_key_);
  ASSERT_TRUE(applied.ok()) << applied;
  EXPECT_EQ(Keys(), 1);
  EXPECT_THROW(Member("late@example.org", kMissingOrg), pqxx::foreign_key_violation);
  // RESTRICT: an organisation with accounts is not deleted from under them.
  EXPECT_THROW(Exec("DELETE FROM membership.organizations"), pqxx::foreign_key_violation);
}

TEST_F(UsersOrganizationKeyDbTest, ADatabaseWithoutOrphansGetsTheKeyAtOnce) {
  Member("known@example.org", kKnownOrg);
  ASSERT_TRUE(db::MigrateService(url_, "membership", with_key_).ok());
  EXPECT_EQ(Keys(), 1);
}

}  // namespace
}  // namespace iris::membership
