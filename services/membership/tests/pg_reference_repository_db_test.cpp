#include "services/membership/storage/pg_reference_repository.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/storage/statements.hpp"
#include "services/membership/tests/membership_test_support.hpp"
#include "tests/support/test_env.hpp"

namespace iris::membership::storage {
namespace {

class PgReferenceRepositoryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(MigrateSchema().ok()); }
  db::Pool pool_{db::PoolConfig{.url = iris::testing::MembershipDatabaseUrl(), .size = 2},
                 storage::Statements()};
  PgReferenceRepository repo_;
};

TEST_F(PgReferenceRepositoryTest, ListsTheSevenCountriesWithKosovoAsXK) {
  auto countries = pool_.Read([&](db::Tx& tx) { return repo_.ListCountries(tx); });
  ASSERT_TRUE(countries.ok()) << countries.status();
  ASSERT_EQ(countries->size(), 7u);
  std::vector<std::string> codes;
  for (const auto& c : *countries) codes.push_back(c.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"AL", "BA", "HR", "XK", "ME", "MK", "RS"}));
  EXPECT_EQ(countries->back().name.at("sr-Cyrl"), "Србија");
}

TEST_F(PgReferenceRepositoryTest, ListsEightTargetGroupsAndEightLanguages) {
  auto groups = pool_.Read([&](db::Tx& tx) { return repo_.ListTargetGroups(tx); });
  auto languages = pool_.Read([&](db::Tx& tx) { return repo_.ListLanguages(tx); });
  ASSERT_TRUE(groups.ok() && languages.ok());
  EXPECT_EQ(groups->size(), 8u);
  EXPECT_EQ(groups->front().code, "people_with_disabilities");
  EXPECT_EQ(languages->size(), 8u);
  EXPECT_TRUE(std::any_of(languages->begin(), languages->end(),
                          [](const auto& l) { return l.code == "cnr"; }));
}

TEST_F(PgReferenceRepositoryTest, NorthMacedoniaAndAlbaniaAreInFormation) {
  auto networks = pool_.Read([&](db::Tx& tx) { return repo_.ListNetworks(tx); });
  ASSERT_TRUE(networks.ok()) << networks.status();
  ASSERT_EQ(networks->size(), 7u);
  for (const auto& n : *networks) {
    const bool forming = n.country == "MK" || n.country == "AL";
    EXPECT_EQ(n.status,
              forming ? domain::NetworkStatus::kInFormation : domain::NetworkStatus::kActive)
        << n.country;
    EXPECT_GT(n.created_at.time_since_epoch().count(), 0);
  }
}

TEST_F(PgReferenceRepositoryTest, UnknownCountryHasNoNetwork) {
  auto n = pool_.Read([&](db::Tx& tx) { return repo_.FindNetwork(tx, "DE"); });
  EXPECT_EQ(n.status().code(), absl::StatusCode::kNotFound);
  auto rs = pool_.Read([&](db::Tx& tx) { return repo_.FindNetwork(tx, "RS"); });
  ASSERT_TRUE(rs.ok());
  EXPECT_EQ(rs->secretariat.value_or(""), "IDC");
}

}  // namespace
}  // namespace iris::membership::storage
