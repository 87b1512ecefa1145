// The first network admin: created once at startup, even by replicas starting together, in a
// database of its own (the shared test database already has admins).
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include <pqxx/pqxx>

#include "libs/db/migrator.hpp"
#include "libs/db/outbox.hpp"
#include "libs/db/testing/scratch_schema.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/app/account_use_cases.hpp"
#include "services/membership/storage/pg_account_repository.hpp"
#include "services/membership/storage/pg_reference_repository.hpp"
#include "services/membership/storage/reference_cache.hpp"

namespace iris::membership {
namespace {

// A fresh database holding the accounts migrations only (V001..V003), dropped afterwards.
class AccountBootstrapDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    name_ = db::testing::UniqueName("iris_accounts");
    db::testing::ExecAsSuperuser("CREATE DATABASE " + name_);
    const std::string& super = db::testing::SuperuserUrl();
    url_ = super.substr(0, super.rfind('/') + 1) + name_;
    {
      pqxx::connection conn(url_);
      pqxx::nontransaction tx(conn);
      tx.exec("CREATE SCHEMA membership");
    }
    std::vector<db::Statement> upto_v003;
    for (const auto& m : migrations::kAll) {
      if (std::string(m.name) <= "V003__~") upto_v003.push_back(m);
    }
    ASSERT_EQ(upto_v003.size(), 2u);  // V001, V003 (V002 is now the kit's outbox and audit)
    ASSERT_TRUE(db::MigrateService(url_, "membership", upto_v003).ok());
    pool_ = std::make_unique<db::Pool>(
        db::PoolConfig{.url = url_, .size = 4},
        std::vector<db::Statement>{sql::kUsersLockBootstrap,
                                   sql::kUsersInsertFirstAdmin,
                                   {db::kRecordChangeName, record_change_.c_str()}});
    accounts_ = std::make_unique<app::AccountUseCases>(*pool_, repo_, hasher_, reference_codes_);
  }
  void TearDown() override {
    accounts_.reset();
    pool_.reset();
    db::testing::ExecAsSuperuser("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  int Count(const std::string& sql) {
    pqxx::connection conn(url_);
    pqxx::nontransaction tx(conn);
    return tx.exec(sql)[0][0].as<int>();
  }

  std::string name_, url_;
  // Only what bootstrap runs is prepared (later statements need later migrations' tables).
  const std::string record_change_ = db::RecordChangeSql("membership");
  storage::PgAccountRepository repo_;
  app::PasswordHasher hasher_;
  storage::PgReferenceRepository reference_;  // not used: bootstrap lists nothing
  storage::ReferenceCache reference_codes_{reference_};
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<app::AccountUseCases> accounts_;
};

TEST_F(AccountBootstrapDbTest, CreatesTheAdminOnceAndAuditsIt) {
  auto first = accounts_->BootstrapAdmin("Admin@Example.org", "a long enough password");
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(first->has_value());
  auto second = accounts_->BootstrapAdmin("other@example.org", "another long password");
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_FALSE(second->has_value());
  EXPECT_EQ(Count("SELECT count(*) FROM membership.users"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM membership.users WHERE email = 'admin@example.org' "
                  "AND role = 'network_admin' AND password_hash LIKE '$argon2id$%'"),
            1);
  // The one message with contact: notifications learns its recipients from it.
  EXPECT_EQ(Count("SELECT count(*) FROM membership.outbox WHERE type = "
                  "'membership.user.created' AND payload->>'role' = 'network_admin' AND "
                  "payload->>'email' = 'admin@example.org' AND payload->>'name' = 'Network admin' "
                  "AND payload->>'status' = 'active' AND payload->'organization_id' = 'null' "
                  "AND payload->'country' = 'null' AND payload->>'id' = subject_id"),
            1);
  // No personal data in the audit trail: ids and the role only.
  EXPECT_EQ(Count("SELECT count(*) FROM membership.audit_log WHERE action = 'create' AND "
                  "subject_type = 'user' AND changes::text NOT LIKE '%example.org%'"),
            1);
}

TEST_F(AccountBootstrapDbTest, ReplicasStartingTogetherCreateOneAdmin) {
  std::vector<std::thread> replicas;
  std::atomic<int> created{0}, failed{0};
  for (int i = 0; i < 4; ++i) {
    replicas.emplace_back([&, i] {
      auto r = accounts_->BootstrapAdmin("admin" + std::to_string(i) + "@example.org",
                                         "a long enough password");
      if (!r.ok()) ++failed;
      if (r.ok() && r->has_value()) ++created;
    });
  }
  for (auto& t : replicas) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM membership.users WHERE role = 'network_admin'"), 1);
}

TEST_F(AccountBootstrapDbTest, ATooShortPasswordIsRefused) {
  auto r = accounts_->BootstrapAdmin("admin@example.org", "short");
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Count("SELECT count(*) FROM membership.users"), 0);
}

}  // namespace
}  // namespace iris::membership
