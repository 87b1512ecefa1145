// Members of a suspended or withdrawn organisation read its data and change none of it; staff
// still do (issue 11). Each write locks the organisation's row in its own transaction, so a
// suspension that commits while a member's write waits for the row is what that write sees.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>

#include <pqxx/pqxx>

#include "libs/status/status.hpp"
#include "membership_sql.hpp"
#include "services/membership/app/member_writes.hpp"
#include "services/membership/app/organization_use_cases.hpp"
#include "services/membership/app/person_use_cases.hpp"
#include "services/membership/app/social_service_use_cases.hpp"
#include "services/membership/storage/pg_organization_repository.hpp"
#include "services/membership/storage/pg_person_repository.hpp"
#include "services/membership/storage/pg_reference_repository.hpp"
#include "services/membership/storage/pg_social_service_repository.hpp"
#include "services/membership/storage/reference_cache.hpp"
#include "services/membership/storage/statements.hpp"
#include "services/membership/tests/membership_test_support.hpp"
#include "tests/support/test_env.hpp"

namespace iris::membership {
namespace {

using namespace std::chrono_literals;

void ExpectReadOnly(const absl::Status& s, const std::string& what) {
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied) << what << ": " << s;
  EXPECT_EQ(status::DetailOf(s).reason(), app::kOrganizationReadOnly) << what << ": " << s;
}

class SuspendedMemberDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(MigrateSchema().ok()); }

  static identity::Caller Admin() {
    return {.subject = "admin-1", .role = "network_admin", .request_id = "req-db"};
  }
  static identity::Caller Coordinator() {
    return {.subject = "coordinator-rs",
            .role = "national_coordinator",
            .country = "RS",
            .request_id = "req-db"};
  }
  static identity::Caller MemberOf(const domain::Organization& org) {
    return {.subject = "member-" + org.id,
            .role = "member",
            .organization_id = org.id,
            .request_id = "req-db"};
  }

  domain::Organization CreateOrg() {
    auto org = NewMemberOrganization(orgs_, Admin(), "Suspended member org");
    EXPECT_TRUE(org.ok()) << org.status();
    return org.ok() ? *org : domain::Organization{};
  }

  static domain::SocialServicePatch Service() {
    domain::SocialServicePatch p;
    p.name = domain::LocalizedText{{"en", Unique("Day centre")}};
    p.category = "day_care";
    return p;
  }
  static domain::PersonPatch Person() {
    domain::PersonPatch p;
    p.name = Unique("Contact");
    return p;
  }
  static domain::OrganizationPatch City(const std::string& city) {
    domain::OrganizationPatch p;
    p.city = city;
    return p;
  }

  absl::Status Change(const domain::Organization& org, domain::Verb verb) {
    return orgs_.ChangeStatus(Admin(), org.id, verb, "issue 11", 0).status();
  }

  // Backends of this fixture's pool that wait for a lock (a row's, here).
  int WaitingForALock() {
    pqxx::connection conn(iris::testing::AdminDatabaseUrl());
    pqxx::nontransaction tx(conn);
    return tx
        .exec_params(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE application_name = $1 AND wait_event_type = 'Lock'",
            app_)[0][0]
        .as<int>();
  }

  const std::string app_ = "suspended_member_" + Token();
  db::Pool pool_{
      db::PoolConfig{
          .url = iris::testing::MembershipDatabaseUrl(), .size = 4, .application_name = app_},
      storage::Statements()};
  storage::PgOrganizationRepository org_repo_;
  storage::PgReferenceRepository reference_;
  storage::ReferenceCache reference_codes_{reference_};
  storage::PgSocialServiceRepository service_repo_;
  storage::PgPersonRepository person_repo_;
  app::OrganizationUseCases orgs_{pool_, org_repo_, reference_codes_};
  app::SocialServiceUseCases services_{pool_, service_repo_, org_repo_, reference_codes_};
  app::PersonUseCases people_{pool_, person_repo_, org_repo_, reference_codes_};
};

TEST_F(SuspendedMemberDbTest, MembersOfASuspendedOrganizationReadItsDataButChangeNoneOfIt) {
  const auto org = CreateOrg();
  const auto member = MemberOf(org);
  auto service = services_.Create(member, org.id, Service());
  ASSERT_TRUE(service.ok()) << service.status();
  auto person = people_.Create(member, org.id, Person());
  ASSERT_TRUE(person.ok()) << person.status();
  ASSERT_TRUE(Change(org, domain::Verb::kSuspend).ok());

  EXPECT_TRUE(orgs_.Get(member, org.id).ok());
  EXPECT_TRUE(services_.Get(member, org.id, service->id).ok());
  EXPECT_TRUE(people_.Get(member, person->id).ok());

  ExpectReadOnly(orgs_.Update(member, org.id, City("Niš"), 0).status(), "profile");
  ExpectReadOnly(services_.Create(member, org.id, Service()).status(), "new service");
  ExpectReadOnly(services_.Update(member, org.id, service->id, Service(), 0).status(), "service");
  ExpectReadOnly(services_.Delete(member, org.id, service->id, 0), "service deleted");
  ExpectReadOnly(people_.Create(member, org.id, Person()).status(), "new person");
  ExpectReadOnly(people_.Update(member, person->id, Person(), 0).status(), "person");
  auto unchanged = services_.Get(Admin(), org.id, service->id);
  ASSERT_TRUE(unchanged.ok()) << unchanged.status();
  EXPECT_EQ(unchanged->version, 1);

  // Staff run the suspension and may still correct the data.
  EXPECT_TRUE(orgs_.Update(Admin(), org.id, City("Niš"), 0).ok());
  EXPECT_TRUE(orgs_.Update(Coordinator(), org.id, City("Beograd"), 0).ok());
  EXPECT_TRUE(services_.Create(Admin(), org.id, Service()).ok());
  EXPECT_TRUE(people_.Create(Coordinator(), org.id, Person()).ok());

  ASSERT_TRUE(Change(org, domain::Verb::kReinstate).ok());
  EXPECT_TRUE(orgs_.Update(member, org.id, City("Kragujevac"), 0).ok());
  EXPECT_TRUE(services_.Update(member, org.id, service->id, Service(), 0).ok());
  EXPECT_TRUE(people_.Update(member, person->id, Person(), 0).ok());
}

TEST_F(SuspendedMemberDbTest, AMemberStillErasesAPersonOfASuspendedOrganization) {
  const auto org = CreateOrg();
  const auto member = MemberOf(org);
  auto person = people_.Create(member, org.id, Person());
  ASSERT_TRUE(person.ok()) << person.status();
  ASSERT_TRUE(Change(org, domain::Verb::kSuspend).ok());
  EXPECT_TRUE(people_.Erase(member, person->id, 0).ok());
  EXPECT_TRUE(absl::IsNotFound(people_.Get(Admin(), person->id).status()));
}

TEST_F(SuspendedMemberDbTest, AWithdrawnOrganizationIsReadOnlyToItsMembersToo) {
  const auto org = CreateOrg();
  const auto member = MemberOf(org);
  ASSERT_TRUE(Change(org, domain::Verb::kWithdraw).ok());
  EXPECT_TRUE(orgs_.Get(member, org.id).ok());
  const auto refused = orgs_.Update(member, org.id, City("Niš"), 0).status();
  ExpectReadOnly(refused, "profile");
  EXPECT_NE(std::string(refused.message()).find("withdrawn"), std::string::npos) << refused;
  ExpectReadOnly(services_.Create(member, org.id, Service()).status(), "new service");
}

// The race the row lock closes: without it the member's write read "active", then inserted
// after the suspension had committed.
TEST_F(SuspendedMemberDbTest, ASuspensionCommittedWhileAMembersWriteWaitsIsWhatTheWriteSees) {
  const auto org = CreateOrg();
  const auto member = MemberOf(org);
  // A suspension under way, as ChangeStatus runs it: the row locked and changed, not committed.
  pqxx::connection conn(iris::testing::MembershipDatabaseUrl());
  pqxx::work suspension(conn);
  suspension.exec_params("SELECT id FROM membership.organizations WHERE id = $1::uuid FOR UPDATE",
                         org.id);
  suspension.exec_params(
      "UPDATE membership.organizations SET status = 'suspended', version = version + 1 "
      "WHERE id = $1::uuid",
      org.id);
  auto write = std::async(std::launch::async,
                          [&] { return services_.Create(member, org.id, Service()).status(); });
  const auto deadline = std::chrono::steady_clock::now() + 3s;
  bool waiting = false;
  while (!waiting && std::chrono::steady_clock::now() < deadline &&
         write.wait_for(20ms) != std::future_status::ready) {
    waiting = WaitingForALock() > 0;
  }
  EXPECT_TRUE(waiting) << "the member's write did not wait for the organization's row";
  suspension.commit();
  ExpectReadOnly(write.get(), "service created during the suspension");
}

}  // namespace
}  // namespace iris::membership
