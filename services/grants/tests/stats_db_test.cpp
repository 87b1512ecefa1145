// The figures and open data against the real schema: what counts (submitted applications,
// grants; never drafts), the opening year in the call's time zone, one currency at a time, and
// the awards as 360Giving publishes them with a version that follows every change. Rows are
// written with SQL in years of their own, so other tests' calls never mix in.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "grants_migrations.hpp"
#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "libs/status/status.hpp"
#include "services/grants/app/statistics_use_cases.hpp"
#include "services/grants/storage/pg_statistics_repository.hpp"
#include "services/grants/storage/statements.hpp"
#include "tests/support/test_env.hpp"

namespace iris::grants {
namespace {

std::string GrantsDatabaseUrl() {
  return iris::testing::RequireEnv("IRIS_TEST_GRANTS_DATABASE_URL");
}

// A uuid of this test run: the 12 hex digits of `tail` after a run prefix.
std::string Id(const std::string& run, int tail) {
  return absl::StrCat(run, "-", std::string(12 - std::to_string(tail).size(), '0'), tail);
}

class StatsDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(db::MigrateService(GrantsDatabaseUrl(), "grants", migrations::kAll).ok());
  }

  void SetUp() override {
    std::mt19937 rng(std::random_device{}());
    year_ = 2200 + static_cast<int>(rng() % 7000);  // a year no other run uses (likely)
    char prefix[32];
    std::snprintf(prefix, sizeof prefix, "%08x-%04x-4%03x-8%03x", static_cast<unsigned>(rng()),
                  static_cast<unsigned>(rng() % 0x10000), static_cast<unsigned>(rng() % 0x1000),
                  static_cast<unsigned>(rng() % 0x1000));
    run_ = prefix;
    Insert();
  }

  // Call A (EUR, closed, opened in Y): RS submitted and awarded, RS withdrawn after submission,
  // BA under review, ME draft. Call B (EUR, draft, Y): one submitted application (never
  // counted). Call C (EUR, open): opens 31 December 23:30 UTC of Y, which is 1 January Y+1 in
  // Belgrade; XK submitted and awarded. Call D (XTS, closed, Y+1): one RS submission.
  void Insert() {
    const std::string y = std::to_string(year_), y1 = std::to_string(year_ + 1);
    std::string sql = R"sql(
      INSERT INTO grants.calls (id, title, opens_at, closes_at, currency, budget, max_award,
                                eligible_countries, criteria, status)
      VALUES ('$A', '{"en": "Stats call A"}', '$Y-03-01T00:00:00+01:00', '$Y-04-01T00:00:00+02:00',
              'EUR', 10000000, 800000, '{RS,BA,ME,XK}', '[]', 'closed'),
             ('$B', '{"en": "Stats call B"}', '$Y-05-01T00:00:00+02:00', '$Y-06-01T00:00:00+02:00',
              'EUR', 10000000, 800000, '{RS}', '[]', 'draft'),
             ('$C', '{"sr-Latn": "Poziv C"}', '$Y-12-31T23:30:00Z', '$Y1-03-01T00:00:00+01:00',
              'EUR', 10000000, 800000, '{XK}', '[]', 'open'),
             ('$D', '{"en": "Stats call D"}', '$Y1-03-01T00:00:00+01:00', '$Y1-04-01T00:00:00+02:00',
              'XTS', 10000000, 800000, '{RS}', '[]', 'closed');
      INSERT INTO grants.applications (id, call_id, organization_id, organization_name, country,
                                       project_title, summary, requested, duration_months,
                                       status, submitted_at)
      VALUES ('$A1', '$A', '$O1', 'Org RS one', 'RS', 'Awarded project', 'Contact: Jane Doe',
              100000, 12, 'awarded', '$Y-03-10T10:00:00Z'),
             ('$A2', '$A', '$O2', 'Org RS two', 'RS', 'Withdrawn project', '', 200000, 12,
              'withdrawn', '$Y-03-11T10:00:00Z'),
             ('$A3', '$A', '$O3', 'Org BA', 'BA', 'Reviewed project', '', 300000, 12,
              'under_review', '$Y-03-12T10:00:00Z'),
             ('$A4', '$A', '$O4', NULL, NULL, 'Draft project', '', 400000, 12, 'draft', NULL),
             ('$B1', '$B', '$O1', 'Org RS one', 'RS', 'In a draft call', '', 500000, 12,
              'submitted', '$Y-05-10T10:00:00Z'),
             ('$C1', '$C', '$O5', 'Org XK', 'XK', 'Homework, "clubs", and more', '', 50000, 2,
              'awarded', '$Y1-01-10T10:00:00Z'),
             ('$D1', '$D', '$O1', 'Org RS one', 'RS', 'Test currency', '', 70000, 12,
              'submitted', '$Y1-03-10T10:00:00Z');
      INSERT INTO grants.grants (id, application_id, call_id, organization_id, organization_name,
                                 country, project_title, currency, amount, contract_number,
                                 starts_on, ends_on, awarded_at)
      VALUES ('$G1', '$A1', '$A', '$O1', 'Org RS one', 'RS', 'Awarded project', 'EUR', 90000,
              'STATS-$RUN-1', '$Y-07-01', '$Y1-06-30', '$Y-06-14T22:30:00Z'),
             ('$G2', '$C1', '$C', '$O5', 'Org XK', 'XK', 'Homework, "clubs", and more', 'EUR',
              50050, 'STATS-$RUN-2', '$Y1-02-01', '$Y1-03-15', '$Y1-01-20T10:00:00Z');
    )sql";
    const std::vector<std::pair<std::string, std::string>> ids = {
        {"$A1", Id(run_, 11)}, {"$A2", Id(run_, 12)}, {"$A3", Id(run_, 13)}, {"$A4", Id(run_, 14)},
        {"$B1", Id(run_, 21)}, {"$C1", Id(run_, 31)}, {"$D1", Id(run_, 41)}, {"$G1", Id(run_, 51)},
        {"$G2", Id(run_, 52)}, {"$O1", Id(run_, 61)}, {"$O2", Id(run_, 62)}, {"$O3", Id(run_, 63)},
        {"$O4", Id(run_, 64)}, {"$O5", Id(run_, 65)}, {"$A", Id(run_, 1)},   {"$B", Id(run_, 2)},
        {"$C", Id(run_, 3)},   {"$D", Id(run_, 4)},   {"$Y1", y1},           {"$Y", y},
        {"$RUN", run_}};
    // Longest keys first ($A1 before $A, $Y1 before $Y): StrReplaceAll replaces in one pass,
    // preferring the earliest and then the longest match.
    sql = absl::StrReplaceAll(sql, ids);
    ASSERT_TRUE(pool_
                    .Write([&](db::Tx& tx) {
                      tx.ExecSql(sql);
                      return absl::OkStatus();
                    })
                    .ok());
  }

  int year_ = 0;
  std::string run_;
  db::Pool pool_{db::PoolConfig{.url = GrantsDatabaseUrl(), .size = 2}, storage::Statements()};
  storage::PgStatisticsRepository repo_;
  app::StatisticsUseCases stats_{
      pool_,
      repo_,
      {.prefix = "360G-test", .funder_identifier = "360G-test", .funder_name = "Test Network"}};
};

domain::Figures F(int64_t applications, int64_t awards, int64_t requested, int64_t awarded) {
  return {
      .applications = applications, .awards = awards, .requested = requested, .awarded = awarded};
}

TEST_F(StatsDbTest, ACallCountsSubmittedApplicationsWithdrawnOnesIncludedAndItsGrants) {
  auto s = stats_.CallStats(Id(run_, 1));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->currency, "EUR");
  EXPECT_EQ(s->total, F(3, 1, 600000, 90000)) << "the draft application does not count";
  ASSERT_EQ(s->by_country.size(), 2u);
  EXPECT_EQ(s->by_country[0], (domain::CountryFigures{"BA", F(1, 0, 300000, 0)}));
  EXPECT_EQ(s->by_country[1], (domain::CountryFigures{"RS", F(2, 1, 300000, 90000)}));
}

TEST_F(StatsDbTest, ADraftCallAnUnknownOneAndAMalformedIdAreNotFound) {
  EXPECT_EQ(stats_.CallStats(Id(run_, 2)).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(stats_.CallStats(Id(run_, 9)).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(stats_.CallStats("not-a-uuid").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(StatsDbTest, AYearCountsItsNonDraftCallsByOpeningInTheCallsTimeZone) {
  auto s = stats_.GrantStats(year_, year_, "");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->currency, "EUR");
  EXPECT_EQ(s->total, F(3, 1, 600000, 90000))
      << "call C opened on 1 January of the next year in Belgrade; B is a draft";
  ASSERT_EQ(s->by_year.size(), 1u);
  EXPECT_EQ(s->by_year[0].year, year_);
  EXPECT_EQ(s->by_year[0].calls, 1);
  ASSERT_EQ(s->by_country.size(), 2u);
}

TEST_F(StatsDbTest, SeveralCurrenciesNeedOneNamed) {
  auto mixed = stats_.GrantStats(year_, year_ + 1, "");
  ASSERT_EQ(mixed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::DetailOf(mixed.status()).reason(), "malformed");
  EXPECT_EQ(status::DetailOf(mixed.status()).errors(0).field(), "currency");
  EXPECT_NE(mixed.status().message().find("EUR, XTS"), std::string::npos) << mixed.status();

  auto eur = stats_.GrantStats(year_, year_ + 1, "EUR");
  ASSERT_TRUE(eur.ok()) << eur.status();
  EXPECT_EQ(eur->total, F(4, 2, 650000, 140050));
  ASSERT_EQ(eur->by_year.size(), 2u);
  EXPECT_EQ(eur->by_year[1].year, year_ + 1);
  EXPECT_EQ(eur->by_year[1].calls, 1) << "the XTS call is left out";
  EXPECT_EQ(eur->by_year[1].by_country,
            (std::vector<domain::CountryFigures>{{"XK", F(1, 1, 50000, 50050)}}));

  auto xts = stats_.GrantStats(year_ + 1, year_ + 1, "XTS");
  ASSERT_TRUE(xts.ok()) << xts.status();
  EXPECT_EQ(xts->total, F(1, 0, 70000, 0));
}

TEST_F(StatsDbTest, BadRangesAreMalformedNamingTheYear) {
  auto reversed = stats_.GrantStats(year_ + 1, year_, "");
  ASSERT_EQ(reversed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::DetailOf(reversed.status()).reason(), "malformed");
  EXPECT_EQ(status::DetailOf(reversed.status()).errors(0).field(), "from");
  EXPECT_EQ(status::DetailOf(stats_.GrantStats(-1, 0, "").status()).errors(0).field(), "from");
  EXPECT_EQ(status::DetailOf(stats_.GrantStats(0, 10000, "").status()).errors(0).field(), "to");
  EXPECT_EQ(status::DetailOf(stats_.GrantStats(0, 0, "eur").status()).errors(0).field(),
            "currency");
}

TEST_F(StatsDbTest, NoCallInTheYearsIsZeroInEuros) {
  auto s = stats_.GrantStats(2100, 2100, "");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->currency, "EUR");
  EXPECT_EQ(s->total, F(0, 0, 0, 0));
  EXPECT_TRUE(s->by_year.empty());
}

TEST_F(StatsDbTest, OpenDataPublishesEachGrantAndItsVersionFollowsChanges) {
  auto doc = stats_.OpenData(app::OpenDataFormat::kCsv);
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->content_type, "text/csv; charset=utf-8");
  const std::string g1 = "360G-test-" + Id(run_, 51);
  const auto row1 = doc->body.find(g1);
  ASSERT_NE(row1, std::string::npos);
  const std::string line1 = doc->body.substr(row1, doc->body.find("\r\n", row1) - row1);
  // Awarded 22:30 UTC on 14 June: 15 June in Belgrade; 1 July to 30 June: 12 months.
  EXPECT_NE(line1.find(absl::StrCat(",Stats call A,EUR,1000,900,", year_, "-06-15,")),
            std::string::npos)
      << line1;
  EXPECT_NE(line1.find(absl::StrCat(",", year_, "-07-01,", year_ + 1, "-06-30,12,Serbia,RS,")),
            std::string::npos)
      << line1;
  EXPECT_EQ(line1.find("Jane Doe"), std::string::npos) << "no summary, no personal data";
  const auto row2 = doc->body.find("360G-test-" + Id(run_, 52));
  ASSERT_NE(row2, std::string::npos);
  const std::string line2 = doc->body.substr(row2, doc->body.find("\r\n", row2) - row2);
  // 1 February to 15 March: one month and 15 days, rounded up; the title quoted; no English
  // call title: its only one; Kosovo by name without a code.
  EXPECT_NE(line2.find(",\"Homework, \"\"clubs\"\", and more\",Poziv C,EUR,500,500.5,"),
            std::string::npos)
      << line2;
  EXPECT_NE(line2.find(absl::StrCat(",", year_ + 1, "-03-15,2,Kosovo,,")), std::string::npos)
      << line2;

  auto json = stats_.OpenData(app::OpenDataFormat::kJson);
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_EQ(json->content_type, "application/json");
  EXPECT_EQ(json->version, doc->version);
  EXPECT_NE(json->body.find("\"amountAwarded\":900,"), std::string::npos);

  ASSERT_TRUE(pool_
                  .Write([&](db::Tx& tx) {
                    tx.ExecSql("UPDATE grants.grants SET version = version + 1 WHERE id = '" +
                               Id(run_, 51) + "'");
                    return absl::OkStatus();
                  })
                  .ok());
  auto after = stats_.OpenData(app::OpenDataFormat::kJson);
  ASSERT_TRUE(after.ok());
  EXPECT_GT(after->version, json->version);
}

}  // namespace
}  // namespace iris::grants
