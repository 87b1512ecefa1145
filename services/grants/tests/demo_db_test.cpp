// The demo data (services/grants/demo/*.sql) against the real schema, inside one transaction
// that is rolled back: every statement loads, a second load inserts nothing, the sums kept on
// calls, allocations, grants and applications match their rows, and the 2021 call's figures
// are the ones docs/openapi.yaml shows.
#include <gtest/gtest.h>

#include <string>

#include "grants_demo.hpp"
#include "grants_migrations.hpp"
#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "services/grants/domain/open_data.hpp"
#include "services/grants/domain/statistics.hpp"
#include "services/grants/storage/pg_statistics_repository.hpp"
#include "services/grants/storage/statements.hpp"
#include "tests/support/test_env.hpp"

namespace iris::grants {
namespace {

constexpr const char* kDemoCall = "00000000-0000-4000-c000-000000000001";

std::string GrantsDatabaseUrl() {
  return iris::testing::RequireEnv("IRIS_TEST_GRANTS_DATABASE_URL");
}

// Each check counts the demo rows that disagree with what they sum or average.
constexpr const char* kChecks[] = {
    // A call's awarded and grant_count: its grants.
    R"sql(SELECT count(*) FROM grants.calls c
          WHERE c.id::text LIKE '00000000-0000-4000-c000-%'
            AND (c.awarded, c.grant_count) <>
                (SELECT coalesce(sum(g.amount), 0), count(*)::int
                   FROM grants.grants g WHERE g.call_id = c.id))sql",
    // An allocation's awarded: the grants of its country in its call.
    R"sql(SELECT count(*) FROM grants.call_allocations a
          WHERE a.call_id::text LIKE '00000000-0000-4000-c000-%'
            AND a.awarded <> (SELECT coalesce(sum(g.amount), 0) FROM grants.grants g
                               WHERE g.call_id = a.call_id AND g.country = a.country))sql",
    // A grant's planned and paid: its tranches (cancelled ones aside) and the paid ones.
    R"sql(SELECT count(*) FROM grants.grants g
          WHERE g.id::text LIKE '00000000-0000-4000-c400-%'
            AND (g.planned, g.paid) <>
                (SELECT coalesce(sum(t.amount) FILTER (WHERE t.status <> 'cancelled'), 0),
                        coalesce(sum(t.amount) FILTER (WHERE t.status = 'paid'), 0)
                   FROM grants.tranches t WHERE t.grant_id = g.id))sql",
    // A grant's application is awarded, its amount within the request, its call's currency.
    R"sql(SELECT count(*) FROM grants.grants g
          JOIN grants.applications a ON a.id = g.application_id
          JOIN grants.calls c ON c.id = g.call_id
          WHERE g.id::text LIKE '00000000-0000-4000-c400-%'
            AND (a.status <> 'awarded' OR g.amount > a.requested OR g.currency <> c.currency
                 OR g.organization_id <> a.organization_id OR g.country <> a.country))sql",
    // An awarded application has its grant.
    R"sql(SELECT count(*) FROM grants.applications a
          WHERE a.id::text LIKE '00000000-0000-4000-c200-%' AND a.status = 'awarded'
            AND NOT EXISTS (SELECT 1 FROM grants.grants g WHERE g.application_id = a.id))sql",
    // A review's score: the weighted mean of its criteria scores (weights of the call).
    R"sql(SELECT count(*) FROM grants.reviews r
          JOIN grants.applications a ON a.id = r.application_id
          JOIN grants.calls c ON c.id = a.call_id
          WHERE r.id::text LIKE '00000000-0000-4000-c300-%'
            AND r.score <> (SELECT sum((r.scores ->> (k ->> 'key'))::int * (k ->> 'weight')::int)
                                   / 100.0
                              FROM jsonb_array_elements(c.criteria) k))sql",
    // An application's score and review_count: the mean of its reviews, rounded half up.
    R"sql(SELECT count(*) FROM grants.applications a
          CROSS JOIN LATERAL (SELECT count(*)::int AS n, round(avg(r.score), 2) AS mean
                                FROM grants.reviews r WHERE r.application_id = a.id) x
          WHERE a.id::text LIKE '00000000-0000-4000-c200-%'
            AND (a.review_count <> x.n OR a.score IS DISTINCT FROM x.mean))sql",
    // Budget lines sum to the request.
    R"sql(SELECT count(*) FROM grants.applications a
          WHERE a.id::text LIKE '00000000-0000-4000-c200-%'
            AND a.requested <> (SELECT coalesce(sum((l ->> 'amount')::bigint), 0)
                                  FROM jsonb_array_elements(a.budget_lines) l))sql",
    // A paid tranche that requires a report has one accepted.
    R"sql(SELECT count(*) FROM grants.tranches t
          WHERE t.id::text LIKE '00000000-0000-4000-c500-%' AND t.status = 'paid'
            AND t.requires_report IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM grants.reports p WHERE p.grant_id = t.grant_id
                              AND p.kind = t.requires_report AND p.status = 'accepted'))sql",
};

TEST(DemoDbTest, LoadsOnceConsistentlyAndShowsTheDocumentedFigures) {
  ASSERT_TRUE(db::MigrateService(GrantsDatabaseUrl(), "grants", migrations::kAll).ok());
  db::Pool pool(db::PoolConfig{.url = GrantsDatabaseUrl(), .size = 1}, storage::Statements());
  storage::PgStatisticsRepository repo;
  const absl::Status rolled_back = absl::CancelledError("the demo is rolled back");
  auto status = pool.Write([&](db::Tx& tx) -> absl::Status {
    int inserted = 0;
    for (const auto& s : demo::kAll) inserted += tx.ExecSql(s.text).affected_rows();
    EXPECT_GT(inserted, 20);
    for (const auto& s : demo::kAll) {
      EXPECT_EQ(tx.ExecSql(s.text).affected_rows(), 0) << s.name << " is not idempotent";
    }
    for (const char* check : kChecks) {
      EXPECT_EQ(tx.ExecSql(check)[0][0].as<int>(), 0) << check;
    }

    auto figures = repo.CallFiguresOf(tx, kDemoCall);
    EXPECT_TRUE(figures.ok() && figures->has_value());
    if (!figures.ok() || !figures->has_value()) return rolled_back;
    EXPECT_EQ((*figures)->status, "closed");
    const auto stats = domain::CallStatsOf(kDemoCall, (*figures)->currency, (*figures)->by_country);
    EXPECT_EQ(
        stats.total,
        (domain::Figures{.applications = 6, .awards = 2, .requested = 3600000, .awarded = 1200000}))
        << "the draft does not count; the withdrawn one does";
    EXPECT_EQ(stats.by_country.size(), 4u);

    auto awards = repo.Awards(tx);
    EXPECT_TRUE(awards.ok());
    if (!awards.ok()) return rolled_back;
    const std::string csv = domain::OpenDataCsv(
        {.prefix = "360G-iris", .funder_identifier = "360G-iris", .funder_name = "IRIS Network"},
        awards->awards);
    EXPECT_NE(csv.find("360G-iris-00000000-0000-4000-c400-000000000001,Day care for children "
                       "with disabilities in Vlasotince,Small Grants Scheme 2021,EUR,6500,6500,"
                       "2021-06-15,"),
              std::string::npos)
        << csv;
    EXPECT_NE(csv.find(",2021-09-01,2022-06-30,10,Kosovo,,"), std::string::npos) << csv;
    return rolled_back;
  });
  EXPECT_EQ(status, rolled_back);
}

}  // namespace
}  // namespace iris::grants
