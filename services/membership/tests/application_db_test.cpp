// Membership applications against the real schema: approval registers the organisation in the
// same transaction, concurrent decisions have exactly one winner, and messages are recorded.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <random>
#include <set>
#include <thread>

#include "libs/db/migrator.hpp"
#include "libs/status/status.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/app/application_use_cases.hpp"
#include "services/membership/storage/pg_application_repository.hpp"
#include "services/membership/storage/pg_organization_repository.hpp"
#include "services/membership/storage/pg_reference_repository.hpp"
#include "services/membership/storage/reference_cache.hpp"
#include "services/membership/storage/statements.hpp"
#include "services/membership/tests/membership_test_support.hpp"
#include "tests/support/test_env.hpp"

namespace iris::membership {
namespace {

class ApplicationDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(MigrateSchema().ok()); }

  identity::Caller Admin() {
    return {.subject = "admin-1", .role = "network_admin", .request_id = "req-db"};
  }
  identity::Caller Anonymous() { return {.request_id = "req-anon"}; }

  domain::MembershipApplication Submit(const std::string& country = "RS") {
    domain::ApplicationSubmission s;
    s.organization_sent = true;
    s.organization.name = "Applicant " + Token();
    s.organization.country = country;
    s.organization.city = "Niš";
    s.organization.target_groups = std::vector<std::string>{"roma"};
    s.contact_name = "Ana";
    s.contact_email = "ana@example.org";
    s.motivation = "We want to join.";
    auto a = use_cases_.Submit(Anonymous(), s);
    EXPECT_TRUE(a.ok()) << a.status();
    return a.ok() ? a->application : domain::MembershipApplication{};
  }

  int Count(const std::string& sql) {
    auto n = pool_.Read(
        [&](db::Tx& tx) -> absl::StatusOr<int> { return tx.ExecSql(sql).at(0)[0].as<int>(); });
    EXPECT_TRUE(n.ok()) << n.status();
    return n.ok() ? *n : -1;
  }

  db::Pool pool_{db::PoolConfig{.url = iris::testing::MembershipDatabaseUrl(), .size = 4},
                 storage::Statements()};
  storage::PgApplicationRepository repo_;
  storage::PgOrganizationRepository orgs_;
  storage::PgReferenceRepository reference_;
  storage::ReferenceCache reference_codes_{reference_};
  app::ApplicationUseCases use_cases_{pool_, repo_, orgs_, reference_codes_};
};

TEST_F(ApplicationDbTest, ApprovalRegistersTheActiveMemberOrganization) {
  const auto submitted = Submit();
  EXPECT_EQ(submitted.status, domain::ApplicationStatus::kSubmitted);
  auto approved = use_cases_.Approve(Admin(), submitted.id, "", 0);
  ASSERT_TRUE(approved.ok()) << approved.status();
  EXPECT_EQ(approved->status, domain::ApplicationStatus::kApproved);
  ASSERT_FALSE(approved->organization_id.empty());
  auto org = pool_.Read([&](db::Tx& tx) { return orgs_.FindById(tx, approved->organization_id); });
  ASSERT_TRUE(org.ok()) << org.status();
  EXPECT_EQ(org->name, submitted.organization.name);
  EXPECT_EQ(org->city, "Niš");
  EXPECT_EQ(org->kind, domain::OrganizationKind::kMemberCso);
  EXPECT_EQ(org->status, domain::OrganizationStatus::kActive);
  EXPECT_FALSE(org->joined_at.empty());
  EXPECT_EQ(
      Count("SELECT count(*)::int FROM membership.outbox WHERE subject_id = '" + submitted.id +
            "' AND type IN ('membership.application.submitted', "
            "'membership.application.approved')"),
      2);
}

TEST_F(ApplicationDbTest, DecidingTwiceIsAConflictAndRejectNeedsANote) {
  const auto a = Submit();
  auto no_note = use_cases_.Reject(Admin(), a.id, "  ", 0);
  EXPECT_TRUE(absl::IsInvalidArgument(no_note.status())) << no_note.status();
  auto rejected = use_cases_.Reject(Admin(), a.id, "not a CSO", 0);
  ASSERT_TRUE(rejected.ok()) << rejected.status();
  EXPECT_EQ(rejected->status_note, "not a CSO");
  auto again = use_cases_.Approve(Admin(), a.id, "", 0);
  EXPECT_EQ(status::DetailOf(again.status()).reason(), "invalid_transition") << again.status();
}

TEST_F(ApplicationDbTest, ConcurrentApprovalsRegisterExactlyOneOrganization) {
  const auto a = Submit("BA");
  std::atomic<int> wins{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto r = use_cases_.Approve(Admin(), a.id, "", 0);
      if (r.ok()) {
        ++wins;
      } else if (absl::IsFailedPrecondition(r.status())) {
        ++conflicts;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(conflicts.load(), 3);
  EXPECT_EQ(Count("SELECT count(*)::int FROM membership.organizations WHERE name = '" +
                  a.organization.name + "'"),
            1);
}

TEST_F(ApplicationDbTest, ListsFilterByStatusAndCountryInPages) {
  const auto rs = Submit("RS");
  const auto ba = Submit("BA");
  ASSERT_TRUE(use_cases_.Reject(Admin(), ba.id, "incomplete", 0).ok());
  const identity::Caller coordinator{
      .subject = "c", .role = "national_coordinator", .country = "BA", .request_id = "r"};
  std::set<std::string> seen;
  std::string cursor;
  for (int guard = 0; guard < 1000; ++guard) {
    auto page = use_cases_.List(coordinator, {{"rejected"}, {}, {50, cursor}});
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& a : page->items) {
      EXPECT_EQ(a.organization.country, "BA");
      EXPECT_EQ(a.status, domain::ApplicationStatus::kRejected);
      seen.insert(a.id);
    }
    cursor = page->next_cursor;
    if (cursor.empty()) break;
  }
  EXPECT_TRUE(seen.contains(ba.id));
  EXPECT_FALSE(seen.contains(rs.id));
}

}  // namespace
}  // namespace iris::membership
