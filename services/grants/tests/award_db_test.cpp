// Awards, tranches and reports against the real schema. Calls and applications are set up with
// direct SQL (another area owns their use cases); the rules of this area run through its use
// cases, and concurrent awards race for real: every thread its own transaction, released
// together by a latch.
#include <gtest/gtest.h>

#include <algorithm>
#include <latch>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "grants_migrations.hpp"
#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "libs/status/status.hpp"
#include "services/grants/app/award_use_cases.hpp"
#include "services/grants/app/report_use_cases.hpp"
#include "services/grants/app/tranche_use_cases.hpp"
#include "services/grants/storage/pg_award_repository.hpp"
#include "services/grants/storage/pg_report_repository.hpp"
#include "services/grants/storage/pg_tranche_repository.hpp"
#include "services/grants/storage/statements.hpp"
#include "tests/support/test_env.hpp"

namespace iris::grants {
namespace {

constexpr int kThreads = 12;

std::string GrantsDatabaseUrl() {
  return iris::testing::RequireEnv("IRIS_TEST_GRANTS_DATABASE_URL");
}

std::string Reason(const absl::Status& s) { return status::DetailOf(s).reason(); }

class AwardDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(db::MigrateService(GrantsDatabaseUrl(), "grants", migrations::kAll).ok());
  }

  identity::Caller Admin() {
    return {.subject = "11111111-1111-4111-8111-111111111111",
            .role = "network_admin",
            .request_id = "req-awards-db"};
  }
  identity::Caller MemberOf(const std::string& org) {
    return {.subject = "22222222-2222-4222-8222-222222222222",
            .role = "member",
            .organization_id = org,
            .request_id = "req-awards-db"};
  }

  std::string One(const std::string& sql) {
    auto v = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<std::string> {
      auto r = tx.ExecSql(sql);
      return r.empty() || r[0][0].is_null() ? std::string() : r[0][0].as<std::string>();
    });
    EXPECT_TRUE(v.ok()) << v.status() << " " << sql;
    return v.ok() ? *v : std::string();
  }
  int64_t Number(const std::string& sql) {
    const auto s = One(sql);
    return s.empty() ? -1 : std::stoll(s);
  }

  // A call in `status` with `budget` (EUR cents), and an allocation for `allocation_country`
  // when `allocation` > 0.
  std::string NewCall(int64_t budget, const std::string& status = "closed",
                      const std::string& allocation_country = "", int64_t allocation = 0) {
    const std::string id =
        One("INSERT INTO grants.calls (title, opens_at, closes_at, currency, budget, max_award, "
            "eligible_countries, criteria, status) VALUES ('{\"en\": \"Awards db test\"}', "
            "'2031-03-01T08:00:00Z', '2031-04-01T22:00:00Z', 'EUR', " +
            std::to_string(budget) + ", " + std::to_string(budget) +
            ", ARRAY['RS','BA'], '[{\"key\": \"relevance\", \"name\": {\"en\": \"Relevance\"}, "
            "\"weight\": 100}]', '" +
            status + "') RETURNING id::text");
    if (allocation > 0) {
      One("INSERT INTO grants.call_allocations (call_id, country, amount) VALUES ('" + id + "', '" +
          allocation_country + "', " + std::to_string(allocation) + ") RETURNING country");
    }
    return id;
  }

  // An application under review of `call_id`, by a new organisation of `country`.
  std::string NewApplication(const std::string& call_id, int64_t requested,
                             const std::string& country = "RS",
                             const std::string& status = "under_review") {
    return One(
        "INSERT INTO grants.applications (call_id, organization_id, organization_name, country, "
        "project_title, requested, duration_months, status, submitted_at) VALUES ('" +
        call_id + "', gen_random_uuid(), 'Udruženje', '" + country + "', 'Dnevni centar', " +
        std::to_string(requested) + ", 12, '" + status + "', now()) RETURNING id::text");
  }

  domain::AwardInput Terms(int64_t amount, const std::string& currency = "EUR") {
    domain::AwardInput in;
    in.amount = values::Money{amount, currency};
    in.starts_on = "2031-06-01";
    in.ends_on = "2032-05-31";
    return in;
  }

  // Awards every application at once, each in its own thread and transaction.
  std::vector<absl::StatusOr<domain::Grant>> AwardConcurrently(
      const std::vector<std::string>& applications, int64_t amount) {
    std::vector<absl::StatusOr<domain::Grant>> results(applications.size(),
                                                       absl::UnknownError("not run"));
    std::latch start(static_cast<std::ptrdiff_t>(applications.size()));
    std::vector<std::thread> threads;
    for (size_t i = 0; i < applications.size(); ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        results[i] = awards_.Award(Admin(), applications[i], Terms(amount), 0);
      });
    }
    for (auto& t : threads) t.join();
    return results;
  }

  db::Pool pool_{db::PoolConfig{.url = GrantsDatabaseUrl(), .size = kThreads + 2},
                 storage::Statements()};
  storage::PgAwardRepository award_repo_;
  storage::PgTrancheRepository tranche_repo_;
  storage::PgReportRepository report_repo_;
  app::AwardUseCases awards_{pool_, award_repo_};
  app::TrancheUseCases tranches_{pool_, award_repo_, tranche_repo_, report_repo_};
  app::ReportUseCases reports_{pool_, award_repo_, report_repo_};
};

TEST_F(AwardDbTest, AwardCreatesTheGrantAndMovesTheCallAndApplication) {
  const auto call = NewCall(2000000, "closed", "RS", 1000000);
  const auto application = NewApplication(call, 700000);
  auto g = awards_.Award(Admin(), application, Terms(650000), 0);
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_EQ(g->application_id, application);
  EXPECT_EQ(g->call_id, call);
  EXPECT_EQ(g->amount, (values::Money{650000, "EUR"}));
  EXPECT_EQ(g->country, "RS");
  EXPECT_EQ(g->organization_name, "Udruženje");
  EXPECT_EQ(g->project_title, "Dnevni centar");
  EXPECT_EQ(g->contract_number.substr(0, 9), "SGS-2031-");
  EXPECT_EQ(domain::DateText(g->starts_on), "2031-06-01");
  EXPECT_EQ(Number("SELECT awarded FROM grants.calls WHERE id = '" + call + "'"), 650000);
  EXPECT_EQ(Number("SELECT grant_count FROM grants.calls WHERE id = '" + call + "'"), 1);
  EXPECT_EQ(Number("SELECT awarded FROM grants.call_allocations WHERE call_id = '" + call + "'"),
            650000);
  EXPECT_EQ(One("SELECT status FROM grants.applications WHERE id = '" + application + "'"),
            "awarded");
  EXPECT_EQ(Number("SELECT count(*) FROM grants.outbox WHERE type = 'grants.grant.awarded' AND "
                   "subject_id = '" +
                   g->id + "'"),
            1);
  // An organisation's topic names the organisation (notifications' audience rule).
  EXPECT_EQ(
      Number("SELECT count(*) FROM grants.outbox WHERE type = 'grants.application.awarded'"
             " AND subject_id = '" +
             application + "' AND payload->>'organization_id' = '" + g->organization_id + "'"),
      1);

  auto again = awards_.Award(Admin(), application, Terms(650000), 0);
  EXPECT_EQ(Reason(again.status()), "invalid_transition") << again.status();
  auto read = awards_.Get(g->id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->contract_number, g->contract_number);
}

TEST_F(AwardDbTest, AwardsWaitForTheClosedCallAndKeepToTheTerms) {
  const auto open_call = NewCall(2000000, "open");
  const auto early = NewApplication(open_call, 500000);
  auto refused = awards_.Award(Admin(), early, Terms(500000), 0);
  EXPECT_EQ(Reason(refused.status()), "invalid_transition");
  EXPECT_NE(std::string(refused.status().message()).find("awards only while the call is closed"),
            std::string::npos);

  const auto call = NewCall(2000000);
  const auto application = NewApplication(call, 500000);
  EXPECT_EQ(Reason(awards_.Award(Admin(), application, Terms(500001), 0).status()), "validation");
  EXPECT_EQ(Reason(awards_.Award(Admin(), application, Terms(1000, "USD"), 0).status()),
            "validation");
  EXPECT_EQ(Reason(awards_.Award(Admin(), application, Terms(1000), 7).status()), "stale_version");
  EXPECT_TRUE(
      absl::IsPermissionDenied(awards_.Award(MemberOf("x"), application, Terms(1000), 0).status()));
  const auto draft = NewApplication(call, 500000, "RS", "draft");
  EXPECT_EQ(Reason(awards_.Award(Admin(), draft, Terms(1000), 0).status()), "invalid_transition");
  EXPECT_EQ(Number("SELECT awarded FROM grants.calls WHERE id = '" + call + "'"), 0);
}

TEST_F(AwardDbTest, ConcurrentAwardsNeverPassTheBudget) {
  // Room for exactly 6 awards of 150,000 in 1,000,000; 12 race for it.
  const auto call = NewCall(1000000);
  std::vector<std::string> applications;
  for (int i = 0; i < kThreads; ++i) applications.push_back(NewApplication(call, 200000));
  const auto results = AwardConcurrently(applications, 150000);
  int awarded = 0;
  std::set<std::string> contracts;
  for (const auto& r : results) {
    if (r.ok()) {
      ++awarded;
      contracts.insert(r->contract_number);
    } else {
      EXPECT_EQ(Reason(r.status()), "over_budget") << r.status();
    }
  }
  EXPECT_EQ(awarded, 6);
  EXPECT_EQ(contracts.size(), 6u);  // each its own contract number
  EXPECT_EQ(Number("SELECT awarded FROM grants.calls WHERE id = '" + call + "'"), 900000);
  EXPECT_EQ(Number("SELECT sum(amount) FROM grants.grants WHERE call_id = '" + call + "'"), 900000);
  EXPECT_EQ(Number("SELECT count(*) FROM grants.applications WHERE call_id = '" + call +
                   "' AND status = 'awarded'"),
            6);
}

TEST_F(AwardDbTest, ConcurrentAwardsNeverPassACountrysAllocation) {
  // RS may take 500,000 (5 awards of 100,000) of a large budget; BA has no ceiling.
  const auto call = NewCall(10000000, "closed", "RS", 500000);
  std::vector<std::string> applications;
  for (int i = 0; i < kThreads - 4; ++i) applications.push_back(NewApplication(call, 100000, "RS"));
  for (int i = 0; i < 4; ++i) applications.push_back(NewApplication(call, 100000, "BA"));
  const auto results = AwardConcurrently(applications, 100000);
  int rs = 0, ba = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    if (results[i].ok()) {
      (results[i]->country == "RS" ? rs : ba) += 1;
    } else {
      EXPECT_EQ(Reason(results[i].status()), "over_allocation") << results[i].status();
    }
  }
  EXPECT_EQ(rs, 5);
  EXPECT_EQ(ba, 4);
  EXPECT_EQ(Number("SELECT awarded FROM grants.call_allocations WHERE call_id = '" + call + "'"),
            500000);
  EXPECT_EQ(Number("SELECT awarded FROM grants.calls WHERE id = '" + call + "'"), 900000);
}

TEST_F(AwardDbTest, OneApplicationAwardedConcurrentlyGetsOneGrant) {
  const auto call = NewCall(10000000);
  const auto application = NewApplication(call, 100000);
  const auto results = AwardConcurrently(std::vector<std::string>(kThreads, application), 100000);
  int awarded = 0;
  for (const auto& r : results) {
    if (r.ok()) {
      ++awarded;
    } else {
      EXPECT_EQ(Reason(r.status()), "invalid_transition") << r.status();
    }
  }
  EXPECT_EQ(awarded, 1);
  EXPECT_EQ(
      Number("SELECT count(*) FROM grants.grants WHERE application_id = '" + application + "'"), 1);
  EXPECT_EQ(Number("SELECT awarded FROM grants.calls WHERE id = '" + call + "'"), 100000);
}

TEST_F(AwardDbTest, TranchesStayWithinTheGrantEvenConcurrently) {
  const auto call = NewCall(10000000);
  auto g = awards_.Award(Admin(), NewApplication(call, 600000), Terms(600000), 0);
  ASSERT_TRUE(g.ok()) << g.status();
  // 12 tranches of 100,000 race for a grant of 600,000: 6 are planned.
  std::vector<absl::StatusOr<domain::Tranche>> results(kThreads, absl::UnknownError("not run"));
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      domain::TrancheInput in;
      in.amount = values::Money{100000, "EUR"};
      in.due_on = "2031-07-01";
      start.arrive_and_wait();
      results[i] = tranches_.Create(Admin(), g->id, in);
    });
  }
  for (auto& t : threads) t.join();
  int planned = 0;
  for (const auto& r : results) {
    if (r.ok()) {
      ++planned;
    } else {
      EXPECT_EQ(Reason(r.status()), "over_award") << r.status();
    }
  }
  EXPECT_EQ(planned, 6);
  EXPECT_EQ(Number("SELECT planned FROM grants.grants WHERE id = '" + g->id + "'"), 600000);

  // Cancelling one frees its amount for another.
  const auto& cancelled =
      *std::find_if(results.begin(), results.end(), [](const auto& r) { return r.ok(); });
  auto c = tranches_.Cancel(Admin(), cancelled->id, "", 0);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->status, domain::TrancheStatus::kCancelled);
  EXPECT_EQ(Reason(tranches_.Cancel(Admin(), cancelled->id, "", 0).status()), "invalid_transition");
  EXPECT_EQ(Reason(tranches_.Pay(Admin(), cancelled->id, "", 0).status()), "invalid_transition");
  EXPECT_EQ(Number("SELECT planned FROM grants.grants WHERE id = '" + g->id + "'"), 500000);
}

TEST_F(AwardDbTest, ATrancheIsPaidOnceItsReportIsAcceptedAndOnlyOnce) {
  const auto call = NewCall(10000000);
  auto g = awards_.Award(Admin(), NewApplication(call, 600000), Terms(600000), 0);
  ASSERT_TRUE(g.ok()) << g.status();
  const auto grantee = MemberOf(g->organization_id);
  domain::TrancheInput in;
  in.amount = values::Money{200000, "EUR"};
  in.due_on = "2031-12-01";
  in.requires_report = domain::ReportKind::kInterim;
  auto t = tranches_.Create(Admin(), g->id, in);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_TRUE(absl::IsPermissionDenied(tranches_.Create(grantee, g->id, in).status()));
  EXPECT_TRUE(absl::IsNotFound(tranches_.List(MemberOf("someone-else"), g->id).status()));
  auto listed = tranches_.List(grantee, g->id);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->size(), 1u);

  EXPECT_EQ(Reason(tranches_.Pay(Admin(), t->id, "", 0).status()), "report_not_accepted");

  domain::ReportInput report;
  report.kind_sent = true;
  report.kind = domain::ReportKind::kInterim;
  report.narrative = "Centar radi.";
  report.spent = values::Money{150000, "EUR"};
  EXPECT_TRUE(absl::IsPermissionDenied(reports_.Create(Admin(), g->id, report).status()));
  EXPECT_TRUE(absl::IsNotFound(reports_.Create(MemberOf("someone-else"), g->id, report).status()));
  auto r = reports_.Create(grantee, g->id, report);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, domain::ReportStatus::kSubmitted);
  EXPECT_EQ(Reason(tranches_.Pay(Admin(), t->id, "", 0).status()), "report_not_accepted");

  // Returned (a note is required), changed, submitted again, accepted.
  EXPECT_EQ(Reason(reports_.Return(Admin(), r->id, " ", 0).status()), "validation");
  domain::ReportInput patch;
  patch.narrative = "Centar radi; troškovi po stavkama.";
  EXPECT_EQ(Reason(reports_.Update(grantee, r->id, patch, 0).status()), "invalid_transition");
  auto returned = reports_.Return(Admin(), r->id, "Dodajte troškove.", 0);
  ASSERT_TRUE(returned.ok()) << returned.status();
  EXPECT_EQ(returned->status_note, "Dodajte troškove.");
  EXPECT_EQ(Reason(reports_.Accept(Admin(), r->id, "", 0).status()), "invalid_transition");
  auto changed = reports_.Update(grantee, r->id, patch, returned->version);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(changed->narrative, "Centar radi; troškovi po stavkama.");
  EXPECT_EQ(Reason(reports_.Submit(grantee, r->id, "", 1).status()), "stale_version");
  auto resubmitted = reports_.Submit(grantee, r->id, "", 0);
  ASSERT_TRUE(resubmitted.ok()) << resubmitted.status();
  EXPECT_EQ(resubmitted->status, domain::ReportStatus::kSubmitted);
  auto accepted = reports_.Accept(Admin(), r->id, "", 0);
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  EXPECT_EQ(accepted->status, domain::ReportStatus::kAccepted);

  auto paid = tranches_.Pay(Admin(), t->id, "", 0);
  ASSERT_TRUE(paid.ok()) << paid.status();
  EXPECT_EQ(paid->status, domain::TrancheStatus::kPaid);
  ASSERT_TRUE(paid->paid_on.has_value());
  EXPECT_EQ(*paid->paid_on, domain::Today(domain::kDefaultTimeZone));
  EXPECT_EQ(Reason(tranches_.Pay(Admin(), t->id, "", 0).status()), "invalid_transition");
  EXPECT_EQ(Number("SELECT paid FROM grants.grants WHERE id = '" + g->id + "'"), 200000);
  auto grant = awards_.Get(g->id);
  ASSERT_TRUE(grant.ok());
  EXPECT_EQ(grant->paid, 200000);
  for (const char* type : {"grants.tranche.created", "grants.tranche.paid",
                           "grants.report.returned", "grants.report.accepted"}) {
    EXPECT_GE(Number(std::string("SELECT count(*) FROM grants.outbox WHERE type = '") + type +
                     "' AND payload->>'grant_id' = '" + g->id +
                     "' AND payload->>'organization_id' = '" + g->organization_id + "'"),
              1)
        << type;
  }
}

TEST_F(AwardDbTest, GrantsAreListedByFilters) {
  const auto call = NewCall(10000000);
  auto a = awards_.Award(Admin(), NewApplication(call, 100000, "RS"), Terms(100000), 0);
  auto b = awards_.Award(Admin(), NewApplication(call, 100000, "BA"), Terms(100000), 0);
  ASSERT_TRUE(a.ok() && b.ok());
  app::GrantListRequest req;
  req.call_id = {call};
  auto all = awards_.List(req);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->items.size(), 2u);
  req.country = {"BA"};
  auto ba = awards_.List(req);
  ASSERT_TRUE(ba.ok()) << ba.status();
  ASSERT_EQ(ba->items.size(), 1u);
  EXPECT_EQ(ba->items[0].id, b->id);
  req.country = {};
  req.organization_id = {a->organization_id};
  auto mine = awards_.List(req);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->items.size(), 1u);
  EXPECT_EQ(mine->items[0].id, a->id);
  req.call_id = {"not-a-uuid"};
  EXPECT_EQ(Reason(awards_.List(req).status()), "malformed");
}

}  // namespace
}  // namespace iris::grants
