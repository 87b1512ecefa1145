// Contact persons against the real schema: round trip, consent dating, keyset pages, stale
// versions, and erasure that leaves no personal data behind (row gone, audit ids only).
#include <gtest/gtest.h>

#include <unistd.h>

#include <random>
#include <set>

#include "libs/db/migrator.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/app/organization_use_cases.hpp"
#include "services/membership/app/person_use_cases.hpp"
#include "services/membership/storage/pg_organization_repository.hpp"
#include "services/membership/storage/pg_person_repository.hpp"
#include "services/membership/storage/pg_reference_repository.hpp"
#include "services/membership/storage/reference_cache.hpp"
#include "services/membership/storage/statements.hpp"
#include "services/membership/tests/membership_test_support.hpp"
#include "tests/support/test_env.hpp"

namespace iris::membership {
namespace {

class PersonDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(MigrateSchema().ok()); }

  identity::Caller Admin() {
    return {.subject = "admin-1", .role = "network_admin", .request_id = "req-db"};
  }

  domain::Organization CreateOrg() {
    domain::OrganizationPatch p;
    p.name = "Org " + Token();
    p.country = "RS";
    p.kind = domain::OrganizationKind::kMemberCso;
    auto org = orgs_.Create(Admin(), p);
    EXPECT_TRUE(org.ok()) << org.status();
    return org.ok() ? *org : domain::Organization{};
  }

  domain::Person CreatePerson(const std::string& org_id, const std::string& name,
                              const std::string& email, domain::Consent consent = {}) {
    domain::PersonPatch p;
    p.name = name;
    p.email = email;
    p.languages = std::vector<std::string>{"sr-Latn", "en"};
    p.consent = consent;
    auto person = people_.Create(Admin(), org_id, p);
    EXPECT_TRUE(person.ok()) << person.status();
    return person.ok() ? *person : domain::Person{};
  }

  // Text of every audit and outbox row about `id`, for searching personal data in it.
  // Ids are UUIDs the database generated: safe to inline as a literal.
  static std::string Literal(const std::string& id) {
    EXPECT_TRUE(values::IsUuid(id)) << id;
    return "'" + id + "'";
  }
  std::string TrailOf(const std::string& id) {
    auto text = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<std::string> {
      std::string out;
      for (const auto& r :
           tx.ExecSql("SELECT action || ' ' || changes::text || ' ' || coalesce(actor, '') "
                      "FROM membership.audit_log WHERE subject_type = 'person' AND subject_id = " +
                      Literal(id))) {
        out += r[0].as<std::string>() + "\n";
      }
      for (const auto& r : tx.ExecSql(
               "SELECT type || ' ' || payload::text FROM membership.outbox WHERE subject_id = " +
               Literal(id))) {
        out += r[0].as<std::string>() + "\n";
      }
      return out;
    });
    EXPECT_TRUE(text.ok()) << text.status();
    return text.ok() ? *text : "";
  }

  db::Pool pool_{db::PoolConfig{.url = iris::testing::MembershipDatabaseUrl(), .size = 4},
                 storage::Statements()};
  storage::PgOrganizationRepository org_repo_;
  storage::PgReferenceRepository reference_;
  storage::ReferenceCache reference_codes_{reference_};
  storage::PgPersonRepository repo_;
  app::OrganizationUseCases orgs_{pool_, org_repo_, reference_codes_};
  app::PersonUseCases people_{pool_, repo_, org_repo_, reference_codes_};
};

TEST_F(PersonDbTest, CreatedPersonReadsBackWithEveryField) {
  const auto org = CreateOrg();
  const auto created = CreatePerson(org.id, "Ana Petrović", "ana@example.org", {true, false});
  auto found = pool_.Read([&](db::Tx& tx) { return repo_.FindById(tx, created.id); });
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->organization_id, org.id);
  EXPECT_EQ(found->name, "Ana Petrović");
  EXPECT_EQ(found->email, "ana@example.org");
  EXPECT_EQ(found->languages, (std::vector<std::string>{"sr-Latn", "en"}));
  EXPECT_TRUE(found->consent.directory);
  EXPECT_FALSE(found->consent.newsletter);
  EXPECT_TRUE(found->consent_given_at.has_value());
  EXPECT_EQ(found->version, 1);
}

TEST_F(PersonDbTest, ConsentIsDatedWhenGivenAndClearedWhenWithdrawn) {
  const auto org = CreateOrg();
  const auto created = CreatePerson(org.id, "Marko", "marko@example.org");
  EXPECT_FALSE(created.consent_given_at.has_value());
  domain::PersonPatch give;
  give.consent = domain::Consent{false, true};
  auto given = people_.Update(Admin(), created.id, give, 0);
  ASSERT_TRUE(given.ok()) << given.status();
  EXPECT_TRUE(given->consent_given_at.has_value());
  domain::PersonPatch rename;
  rename.role = "director";
  auto renamed = people_.Update(Admin(), created.id, rename, 0);
  ASSERT_TRUE(renamed.ok()) << renamed.status();
  EXPECT_EQ(renamed->consent_given_at, given->consent_given_at);
  domain::PersonPatch withdraw;
  withdraw.consent = domain::Consent{false, false};
  auto withdrawn = people_.Update(Admin(), created.id, withdraw, 0);
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status();
  EXPECT_FALSE(withdrawn->consent_given_at.has_value());
}

TEST_F(PersonDbTest, StaleIfMatchIsRefusedAndNothingChanges) {
  const auto org = CreateOrg();
  const auto created = CreatePerson(org.id, "Jelena", "jelena@example.org");
  domain::PersonPatch p;
  p.role = "treasurer";
  ASSERT_TRUE(people_.Update(Admin(), created.id, p, 1).ok());
  p.role = "secretary";
  auto stale = people_.Update(Admin(), created.id, p, 1);
  EXPECT_EQ(status::DetailOf(stale.status()).reason(), "stale_version") << stale.status();
  auto erase = people_.Erase(Admin(), created.id, 1);
  EXPECT_EQ(status::DetailOf(erase).reason(), "stale_version") << erase;
  auto found = people_.Get(Admin(), created.id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->role, "treasurer");
}

TEST_F(PersonDbTest, PagesWalkTheOrganizationsPeopleWithoutGapsOrRepeats) {
  const auto org = CreateOrg();
  const auto other = CreateOrg();
  CreatePerson(other.id, "Elsewhere", "x@example.org");
  std::set<std::string> created;
  for (int i = 0; i < 5; ++i) {
    created.insert(CreatePerson(org.id, "P" + std::to_string(i), "p@example.org").id);
  }
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = people_.List(Admin(), org.id, {2, cursor});
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& p : page->items) EXPECT_TRUE(seen.insert(p.id).second) << "repeated";
    cursor = page->next_cursor;
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(seen, created);
  EXPECT_EQ(pages, 3);
}

TEST_F(PersonDbTest, ErasureDeletesTheRowAndLeavesNoPersonalDataInTheTrail) {
  const auto org = CreateOrg();
  const std::string name = "Erased " + Token();
  const std::string email = Token() + "@example.org";
  const auto person = CreatePerson(org.id, name, email, {true, true});
  domain::PersonPatch p;
  p.phone = "+381 64 111 2222";
  ASSERT_TRUE(people_.Update(Admin(), person.id, p, 0).ok());
  ASSERT_TRUE(people_.Erase(Admin(), person.id, 0).ok());

  auto found = pool_.Read([&](db::Tx& tx) { return repo_.FindById(tx, person.id); });
  EXPECT_TRUE(absl::IsNotFound(found.status()));
  const std::string trail = TrailOf(person.id);
  EXPECT_NE(trail.find("erase"), std::string::npos) << trail;
  EXPECT_NE(trail.find("membership.person.deleted"), std::string::npos) << trail;
  EXPECT_EQ(trail.find(name), std::string::npos) << trail;
  EXPECT_EQ(trail.find(email), std::string::npos) << trail;
  EXPECT_EQ(trail.find("111 2222"), std::string::npos) << trail;
  EXPECT_TRUE(absl::IsNotFound(people_.Erase(Admin(), person.id, 0)));
}

}  // namespace
}  // namespace iris::membership
