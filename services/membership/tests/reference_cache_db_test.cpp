// The reference cache against the real schema: countries, target groups and languages are read
// once, however many writes and threads ask for them, and a failed read is never kept.
#include "services/membership/storage/reference_cache.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <random>
#include <thread>
#include <vector>

#include "libs/db/migrator.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/app/organization_use_cases.hpp"
#include "services/membership/app/person_use_cases.hpp"
#include "services/membership/storage/pg_organization_repository.hpp"
#include "services/membership/storage/pg_person_repository.hpp"
#include "services/membership/storage/pg_reference_repository.hpp"
#include "services/membership/storage/statements.hpp"
#include "services/membership/tests/membership_test_support.hpp"
#include "tests/support/test_env.hpp"

namespace iris::membership {
namespace {

// The real repository, counting the lists the cache reads; fail_next makes that many reads of
// the countries fail as a lost connection would.
class CountingReferenceRepository : public storage::PgReferenceRepository {
 public:
  absl::StatusOr<std::vector<domain::Country>> ListCountries(db::Tx& tx) override {
    ++country_reads;
    if (fail_next.load() > 0) {
      --fail_next;
      return absl::UnavailableError("connection lost");
    }
    return PgReferenceRepository::ListCountries(tx);
  }
  absl::StatusOr<std::vector<domain::TargetGroup>> ListTargetGroups(db::Tx& tx) override {
    ++target_group_reads;
    return PgReferenceRepository::ListTargetGroups(tx);
  }
  absl::StatusOr<std::vector<domain::Language>> ListLanguages(db::Tx& tx) override {
    ++language_reads;
    return PgReferenceRepository::ListLanguages(tx);
  }

  std::atomic<int> country_reads{0};
  std::atomic<int> target_group_reads{0};
  std::atomic<int> language_reads{0};
  std::atomic<int> fail_next{0};
};

class ReferenceCacheDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(MigrateSchema().ok()); }

  identity::Caller Admin() {
    return {.subject = "admin-1", .role = "network_admin", .request_id = "req-cache"};
  }

  absl::StatusOr<domain::Organization> CreateOrg(const std::string& country) {
    domain::OrganizationPatch p;
    p.name = "Cached " + Token();
    p.country = country;
    p.kind = domain::OrganizationKind::kMemberCso;
    p.target_groups = std::vector<std::string>{"roma"};
    return orgs_.Create(Admin(), p);
  }

  absl::StatusOr<const storage::KnownCodes*> Known() {
    return pool_.Read([&](db::Tx& tx) { return cache_.Get(tx); });
  }

  void ExpectReadOnce() {
    EXPECT_EQ(repo_.country_reads.load(), 1);
    EXPECT_EQ(repo_.target_group_reads.load(), 1);
    EXPECT_EQ(repo_.language_reads.load(), 1);
  }

  db::Pool pool_{db::PoolConfig{.url = iris::testing::MembershipDatabaseUrl(), .size = 4},
                 storage::Statements()};
  CountingReferenceRepository repo_;
  storage::ReferenceCache cache_{repo_};
  storage::PgOrganizationRepository org_repo_;
  storage::PgPersonRepository person_repo_;
  app::OrganizationUseCases orgs_{pool_, org_repo_, cache_};
  app::PersonUseCases people_{pool_, person_repo_, org_repo_, cache_};
};

TEST_F(ReferenceCacheDbTest, HoldsEveryCodeOfTheReferenceTables) {
  auto known = Known();
  ASSERT_TRUE(known.ok()) << known.status();
  const auto& orgs = (*known)->organization_codes;
  EXPECT_EQ(orgs.countries.size(), 7u);
  EXPECT_TRUE(orgs.countries.contains("XK"));
  EXPECT_EQ(orgs.target_groups.size(), 8u);
  EXPECT_TRUE(orgs.target_groups.contains("roma"));
  EXPECT_EQ((*known)->language_codes.size(), 8u);
  EXPECT_TRUE((*known)->language_codes.contains("cnr"));
}

TEST_F(ReferenceCacheDbTest, ManyCallsOnManyThreadsReadTheTablesOnce) {
  constexpr int kThreads = 4;
  constexpr int kCallsEach = 10;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kCallsEach; ++i) {
        auto known = Known();
        if (!known.ok() || !(*known)->organization_codes.countries.contains("RS")) ++wrong;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
  ExpectReadOnce();
}

TEST_F(ReferenceCacheDbTest, WritesCheckTheirCodesAgainstOneRead) {
  auto first = CreateOrg("RS");
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(CreateOrg("XK").ok());
  // Still checked, now from memory: an unknown country is a field error, as before.
  EXPECT_TRUE(absl::IsInvalidArgument(CreateOrg("DE").status()));
  domain::PersonPatch person;
  person.name = "Cached Person";
  person.languages = std::vector<std::string>{"sr-Latn", "en"};
  auto created = people_.Create(Admin(), first->id, person);
  ASSERT_TRUE(created.ok()) << created.status();
  person.languages = std::vector<std::string>{"xx"};
  EXPECT_TRUE(absl::IsInvalidArgument(people_.Create(Admin(), first->id, person).status()));
  ExpectReadOnce();
}

TEST_F(ReferenceCacheDbTest, AFailedReadIsNotKeptAndTheNextCallReadsAgain) {
  repo_.fail_next = 1;
  auto failed = Known();
  EXPECT_TRUE(absl::IsUnavailable(failed.status())) << failed.status();
  auto loaded = Known();
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ((*loaded)->organization_codes.countries.size(), 7u);
  auto again = Known();
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, *loaded);
  EXPECT_EQ(repo_.country_reads.load(), 2);
  EXPECT_EQ(repo_.target_group_reads.load(), 1);
  EXPECT_EQ(repo_.language_reads.load(), 1);
}

}  // namespace
}  // namespace iris::membership
