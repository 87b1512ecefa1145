// Users and API keys in Postgres: round trips, constraints, revocation.
#include "services/membership/storage/pg_account_repository.hpp"

#include <gtest/gtest.h>

#include <random>

#include "libs/db/constraints.hpp"
#include "libs/db/migrator.hpp"
#include "libs/values/sha256.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/app/account_use_cases.hpp"
#include "services/membership/storage/statements.hpp"
#include "services/membership/tests/membership_test_support.hpp"
#include "tests/support/test_env.hpp"

namespace iris::membership {
namespace {

std::string UniqueEmail(const std::string& who) {
  static std::mt19937_64 rng{std::random_device{}()};
  return who + "-" + std::to_string(rng()) + "@repo.example.org";
}

class PgAccountRepositoryDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(MigrateSchema().ok()); }
  absl::StatusOr<domain::User> Insert(domain::NewUser u) {
    return pool_.Write([&](db::Tx& tx) { return repo_.InsertUser(tx, u, "$argon2id$fake"); });
  }
  domain::NewUser Partner(const std::string& email) {
    return {email, "", "Partner Org", "partner", std::nullopt, std::nullopt};
  }

  db::Pool pool_{db::PoolConfig{.url = iris::testing::MembershipDatabaseUrl(), .size = 2},
                 storage::Statements()};
  storage::PgAccountRepository repo_;
};

TEST_F(PgAccountRepositoryDbTest, InsertedUserIsFoundByIdAndByEmail) {
  const std::string email = UniqueEmail("coordinator");
  auto u = Insert({email, "", "Coordinator", "national_coordinator", std::nullopt, "RS"});
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_EQ(u->version, 1);
  EXPECT_EQ(u->country, "RS");
  auto by_id = pool_.Read([&](db::Tx& tx) { return repo_.FindUser(tx, u->id); });
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->email, email);
  EXPECT_EQ(by_id->role, "national_coordinator");
  auto creds = pool_.Read([&](db::Tx& tx) { return repo_.FindCredentials(tx, email); });
  ASSERT_TRUE(creds.ok() && creds->has_value());
  EXPECT_EQ((*creds)->password_hash, "$argon2id$fake");
  EXPECT_EQ((*creds)->user.id, u->id);
}

TEST_F(PgAccountRepositoryDbTest, UnknownUsersAreNotFound) {
  for (const char* id : {"00000000-0000-0000-0000-000000000000", "not-a-uuid"}) {
    auto r = pool_.Read([&](db::Tx& tx) { return repo_.FindUser(tx, id); });
    EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound) << id;
  }
  auto creds =
      pool_.Read([&](db::Tx& tx) { return repo_.FindCredentials(tx, UniqueEmail("nobody")); });
  ASSERT_TRUE(creds.ok());
  EXPECT_FALSE(creds->has_value());
}

TEST_F(PgAccountRepositoryDbTest, DuplicateEmailIsAlreadyExists) {
  const std::string email = UniqueEmail("twice");
  ASSERT_TRUE(Insert(Partner(email)).ok());
  EXPECT_EQ(Insert(Partner(email)).status().code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(PgAccountRepositoryDbTest, PostgresHoldsTheRoleRules) {
  // The CHECK constraints catch what a buggy caller might let through.
  auto member = Insert({UniqueEmail("member"), "", "M", "member", std::nullopt, std::nullopt});
  EXPECT_EQ(member.status().code(), absl::StatusCode::kFailedPrecondition);
  auto spaced = Insert(Partner("two words-" + UniqueEmail("space")));
  EXPECT_EQ(spaced.status().code(), absl::StatusCode::kFailedPrecondition);
  auto country = Insert({UniqueEmail("c"), "", "C", "national_coordinator", std::nullopt, "FR"});
  EXPECT_EQ(country.status().code(), absl::StatusCode::kFailedPrecondition);
  // Regression (issue 11): V003 promised this key, V008 adds it.
  auto orphan = Insert({UniqueEmail("orphan"), "", "O", "member",
                        "7d7c8f0e-1b7a-4c55-9d8c-3f1f2b4a5c6d", std::nullopt});
  EXPECT_EQ(orphan.status().code(), absl::StatusCode::kFailedPrecondition);
  const auto violation = db::ViolationOf(orphan.status());
  ASSERT_TRUE(violation.has_value()) << orphan.status();
  EXPECT_EQ(violation->constraint, "users_organization_id_fkey");
}

// NormalizeEmail lower-cases ASCII only; the statements lower-case the rest, as
// users_email_check (email = lower(email)) wants, so such an address is stored and signs in.
TEST_F(PgAccountRepositoryDbTest, EmailsAreStoredAndFoundLowerCasedInEveryScript) {
  const std::string tail = UniqueEmail("case");
  auto u = Insert(Partner("\xc3\x84RGER-\xd0\x82-" + tail));  // "ÄRGER-Ђ-..."
  ASSERT_TRUE(u.ok()) << u.status();
  const std::string stored = "\xc3\xa4rger-\xd1\x92-" + tail;  // "ärger-ђ-..."
  EXPECT_EQ(u->email, stored);
  for (const std::string& typed : {stored, "\xc3\x84rger-\xd0\x82-" + tail}) {
    auto creds = pool_.Read([&](db::Tx& tx) { return repo_.FindCredentials(tx, typed); });
    ASSERT_TRUE(creds.ok()) << creds.status();
    ASSERT_TRUE(creds->has_value()) << typed;
    EXPECT_EQ((*creds)->user.id, u->id);
  }
}

TEST_F(PgAccountRepositoryDbTest, KeysAreListedResolvedAndRevoked) {
  auto owner = Insert(Partner(UniqueEmail("keys")));
  auto other = Insert(Partner(UniqueEmail("other")));
  ASSERT_TRUE(owner.ok() && other.ok());
  domain::ApiKey key{"", owner->id, "CRM", "abcd1234", {"read", "write"}, {}};
  const std::string hash = values::Sha256Hex("iris_abcd1234_" + owner->id);
  ASSERT_TRUE(pool_.Write([&](db::Tx& tx) { return repo_.InsertApiKey(tx, key, hash); }).ok());
  EXPECT_FALSE(key.id.empty());

  auto mine = pool_.Read([&](db::Tx& tx) { return repo_.ListApiKeys(tx, owner->id); });
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].scopes, (std::vector<std::string>{"read", "write"}));
  auto all = pool_.Read([&](db::Tx& tx) { return repo_.ListApiKeys(tx, std::nullopt); });
  ASSERT_TRUE(all.ok());
  EXPECT_GE(all->size(), 1u);

  auto resolved = pool_.Read([&](db::Tx& tx) { return repo_.ResolveApiKey(tx, hash); });
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(resolved->user.id, owner->id);
  EXPECT_EQ(resolved->user.role, "partner");

  // Someone else's key is not found for them; the owner revokes it once.
  auto by_other =
      pool_.Write([&](db::Tx& tx) { return repo_.RevokeApiKey(tx, key.id, other->id); });
  EXPECT_EQ(by_other.status().code(), absl::StatusCode::kNotFound);
  auto revoked = pool_.Write([&](db::Tx& tx) { return repo_.RevokeApiKey(tx, key.id, owner->id); });
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(*revoked, owner->id);
  auto again =
      pool_.Write([&](db::Tx& tx) { return repo_.RevokeApiKey(tx, key.id, std::nullopt); });
  EXPECT_EQ(again.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(pool_.Read([&](db::Tx& tx) { return repo_.ResolveApiKey(tx, hash); }).status().code(),
            absl::StatusCode::kNotFound);
  auto after = pool_.Read([&](db::Tx& tx) { return repo_.ListApiKeys(tx, owner->id); });
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->empty());
}

TEST_F(PgAccountRepositoryDbTest, UnknownScopesAreRefusedByPostgres) {
  auto owner = Insert(Partner(UniqueEmail("scopes")));
  ASSERT_TRUE(owner.ok());
  domain::ApiKey key{"", owner->id, "bad", "abcd1234", {"admin"}, {}};
  auto s = pool_.Write(
      [&](db::Tx& tx) { return repo_.InsertApiKey(tx, key, values::Sha256Hex(owner->id)); });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace iris::membership
