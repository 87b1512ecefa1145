// Social services against the real schema: round trip, filters (licence_expires_before
// included), keyset pages, stale writes, and the outbox/audit rows of every change.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <random>
#include <set>

#include "libs/db/migrator.hpp"
#include "libs/status/status.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/app/organization_use_cases.hpp"
#include "services/membership/app/social_service_use_cases.hpp"
#include "services/membership/storage/pg_organization_repository.hpp"
#include "services/membership/storage/pg_reference_repository.hpp"
#include "services/membership/storage/pg_social_service_repository.hpp"
#include "services/membership/storage/reference_cache.hpp"
#include "services/membership/storage/statements.hpp"
#include "services/membership/tests/membership_test_support.hpp"
#include "tests/support/test_env.hpp"

namespace iris::membership {
namespace {

class SocialServiceDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(MigrateSchema().ok()); }

  identity::Caller Admin() {
    return {.subject = "admin-1", .role = "network_admin", .request_id = "req-db"};
  }

  domain::Organization Org(const std::string& country) {
    domain::OrganizationPatch p;
    p.name = Unique("Services org");
    p.country = country;
    p.kind = domain::OrganizationKind::kMemberCso;
    auto org = orgs_.Create(Admin(), p);
    EXPECT_TRUE(org.ok()) << org.status();
    return org.ok() ? *org : domain::Organization{};
  }

  domain::SocialService Service(const std::string& org_id, const std::string& category,
                                domain::LicensingStatus status, const std::string& valid_until,
                                std::vector<std::string> groups = {}) {
    domain::SocialServicePatch p;
    p.name = domain::LocalizedText{{"en", Unique("Service")}};
    p.category = category;
    p.target_groups = std::move(groups);
    p.licensing = domain::LicensingPatch{
        status, status == domain::LicensingStatus::kLicensed ? "L-1" : "",
        status == domain::LicensingStatus::kLicensed ? "Ministry" : "", valid_until};
    auto s = services_.Create(Admin(), org_id, p);
    EXPECT_TRUE(s.ok()) << s.status();
    return s.ok() ? *s : domain::SocialService{};
  }

  std::set<std::string> Ids(const app::SocialServiceListRequest& req) {
    std::set<std::string> ids;
    auto page = services_.List(Admin(), req);
    EXPECT_TRUE(page.ok()) << page.status();
    if (page.ok()) {
      for (const auto& s : page->items) ids.insert(s.id);
    }
    return ids;
  }

  int Count(const std::string& table, const std::string& subject, const std::string& type_col,
            const std::string& type) {
    auto n = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<int> {
      return tx.raw()
          .exec_params("SELECT count(*) FROM membership." + table + " WHERE subject_id = $1 AND " +
                           type_col + " = $2",
                       subject, type)[0][0]
          .as<int>();
    });
    return n.ok() ? *n : -1;
  }

  db::Pool pool_{db::PoolConfig{.url = iris::testing::MembershipDatabaseUrl(), .size = 4},
                 storage::Statements()};
  storage::PgOrganizationRepository org_repo_;
  storage::PgReferenceRepository reference_;
  storage::ReferenceCache reference_codes_{reference_};
  storage::PgSocialServiceRepository repo_;
  app::OrganizationUseCases orgs_{pool_, org_repo_, reference_codes_};
  app::SocialServiceUseCases services_{pool_, repo_, org_repo_, reference_codes_};
};

TEST_F(SocialServiceDbTest, ServiceRoundTripsWithEveryField) {
  const auto org = Org("RS");
  domain::SocialServicePatch p;
  p.name = domain::LocalizedText{{"en", "Day centre"}, {"sr-Latn", "Dnevni centar Čačak"}};
  p.category = "day_care";
  p.target_groups = std::vector<std::string>{"people_with_disabilities", "roma"};
  p.municipalities = std::vector<std::string>{"Čačak", "Gornji Milanovac"};
  p.capacity_sent = true;
  p.capacity = 25;
  p.licensing = domain::LicensingPatch{domain::LicensingStatus::kLicensed, "551-00-123/2023",
                                       "Ministry of Labour", "2027-12-31"};
  auto created = services_.Create(Admin(), org.id, p);
  ASSERT_TRUE(created.ok()) << created.status();
  auto read = services_.Get(Admin(), org.id, created->id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->organization_id, org.id);
  EXPECT_EQ(read->name, *p.name);
  EXPECT_EQ(read->category, "day_care");
  EXPECT_EQ(read->target_groups, *p.target_groups);
  EXPECT_EQ(read->municipalities, *p.municipalities);
  EXPECT_EQ(read->capacity, 25);
  EXPECT_EQ(read->licensing.status, domain::LicensingStatus::kLicensed);
  EXPECT_EQ(read->licensing.licence_number, "551-00-123/2023");
  EXPECT_EQ(read->licensing.authority, "Ministry of Labour");
  EXPECT_EQ(read->licensing.valid_until, "2027-12-31");
  EXPECT_EQ(read->version, 1);
  EXPECT_EQ(Count("outbox", created->id, "type", "membership.service.created"), 1);
  EXPECT_EQ(Count("audit_log", created->id, "action", "create"), 1);
}

TEST_F(SocialServiceDbTest, UpdateBumpsVersionAndDeleteLeavesATombstone) {
  const auto org = Org("BA");
  const auto s = Service(org.id, "shelter", domain::LicensingStatus::kInProcess, "");
  domain::SocialServicePatch p;
  p.capacity_sent = true;
  p.capacity = 12;
  auto updated = services_.Update(Admin(), org.id, s.id, p, 1);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(Count("outbox", s.id, "type", "membership.service.updated"), 1);

  auto stale = services_.Update(Admin(), org.id, s.id, p, 1);
  EXPECT_TRUE(absl::IsFailedPrecondition(stale.status())) << stale.status();
  EXPECT_EQ(status::DetailOf(stale.status()).reason(), "stale_version");
  EXPECT_TRUE(absl::IsFailedPrecondition(services_.Delete(Admin(), org.id, s.id, 1)));

  ASSERT_TRUE(services_.Delete(Admin(), org.id, s.id, 2).ok());
  EXPECT_TRUE(absl::IsNotFound(services_.Get(Admin(), org.id, s.id).status()));
  EXPECT_EQ(Count("outbox", s.id, "type", "membership.service.deleted"), 1);
  EXPECT_EQ(Count("audit_log", s.id, "action", "delete"), 1);
  EXPECT_TRUE(absl::IsNotFound(services_.Delete(Admin(), org.id, s.id, 0)));
}

TEST_F(SocialServiceDbTest, ServiceIsOnlyReachableUnderItsOwnOrganisation) {
  const auto a = Org("RS");
  const auto b = Org("RS");
  const auto s = Service(a.id, "legal_aid", domain::LicensingStatus::kNotRequired, "");
  EXPECT_TRUE(absl::IsNotFound(services_.Get(Admin(), b.id, s.id).status()));
  EXPECT_TRUE(absl::IsNotFound(services_.Delete(Admin(), b.id, s.id, 0)));
  EXPECT_TRUE(services_.Get(Admin(), a.id, s.id).ok());
}

TEST_F(SocialServiceDbTest, FiltersCombineOnCountryCategoryStatusAndExpiry) {
  const auto rs = Org("RS");
  const auto me = Org("ME");
  using L = domain::LicensingStatus;
  const auto early = Service(rs.id, "day_care", L::kLicensed, "2026-03-01", {"roma"});
  const auto on_day = Service(rs.id, "day_care", L::kLicensed, "2026-04-01");
  const auto no_expiry = Service(rs.id, "day_care", L::kNotRequired, "");
  const auto montenegro = Service(me.id, "shelter", L::kExpired, "2025-01-01", {"roma"});
  const std::set<std::string> mine{early.id, on_day.id, no_expiry.id, montenegro.id};
  auto only_mine = [&](std::set<std::string> ids) {
    std::set<std::string> out;
    std::set_intersection(ids.begin(), ids.end(), mine.begin(), mine.end(),
                          std::inserter(out, out.begin()));
    return out;
  };
  app::SocialServiceListRequest req;
  req.page.limit = 200;
  req.licence_expires_before = "2026-04-01";
  req.country = {"rs"};
  // Strictly before: the licence ending on that day stays out, and so does "no expiry".
  EXPECT_EQ(only_mine(Ids(req)), std::set<std::string>{early.id});
  req.country = {};
  EXPECT_EQ(only_mine(Ids(req)), (std::set<std::string>{early.id, montenegro.id}));

  app::SocialServiceListRequest by_org;
  by_org.organization_id = rs.id;
  EXPECT_EQ(Ids(by_org), (std::set<std::string>{early.id, on_day.id, no_expiry.id}));
  by_org.licensing_status = {"not_required"};
  EXPECT_EQ(Ids(by_org), std::set<std::string>{no_expiry.id});
  by_org.licensing_status = {};
  by_org.target_group = {"roma"};
  EXPECT_EQ(Ids(by_org), std::set<std::string>{early.id});

  app::SocialServiceListRequest by_category;
  by_category.organization_id = me.id;
  by_category.category = {"day_care"};
  EXPECT_TRUE(Ids(by_category).empty());
  by_category.category = {"shelter"};
  EXPECT_EQ(Ids(by_category), std::set<std::string>{montenegro.id});
}

TEST_F(SocialServiceDbTest, BadFilterValuesAreMalformed) {
  for (auto set : std::vector<std::function<void(app::SocialServiceListRequest&)>>{
           [](auto& r) { r.category = {"spa"}; }, [](auto& r) { r.licensing_status = {"pending"}; },
           [](auto& r) { r.licence_expires_before = "2026-02-30"; },
           [](auto& r) { r.page.cursor = "{\"c\":1}"; }}) {
    app::SocialServiceListRequest req;
    set(req);
    auto page = services_.List(Admin(), req);
    EXPECT_TRUE(absl::IsInvalidArgument(page.status())) << page.status();
    EXPECT_EQ(status::DetailOf(page.status()).reason(), "malformed");
  }
}

TEST_F(SocialServiceDbTest, KeysetPagesVisitEveryServiceOnce) {
  const auto org = Org("HR");
  std::set<std::string> created;
  for (int i = 0; i < 5; ++i) {
    created.insert(Service(org.id, "counselling", domain::LicensingStatus::kNotLicensed, "").id);
  }
  std::vector<std::string> seen;
  app::SocialServiceListRequest req;
  req.organization_id = org.id;
  req.page.limit = 2;
  int pages = 0;
  do {
    auto page = services_.List(Admin(), req);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& s : page->items) seen.push_back(s.id);
    req.page.cursor = page->next_cursor;
    ++pages;
  } while (!req.page.cursor.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), created);
}

}  // namespace
}  // namespace iris::membership
