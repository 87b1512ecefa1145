// Grant calls against the real schema: allocations stored with the call, drafts hidden,
// versions checked, and the lifecycle (closing moves submitted applications to review in the
// same transaction; finalizing waits for every one of them) with its messages.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "grants_migrations.hpp"
#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "libs/status/status.hpp"
#include "services/grants/app/call_use_cases.hpp"
#include "services/grants/storage/pg_call_repository.hpp"
#include "services/grants/storage/statements.hpp"
#include "tests/support/test_env.hpp"

namespace iris::grants {
namespace {

using domain::CallStatus;
using domain::CallVerb;

std::string GrantsDatabaseUrl() {
  return iris::testing::RequireEnv("IRIS_TEST_GRANTS_DATABASE_URL");
}

values::Time FromNow(std::chrono::hours h) {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now() +
                                                                 h);
}

class CallDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(db::MigrateService(GrantsDatabaseUrl(), "grants", migrations::kAll).ok());
  }

  identity::Caller Admin() {
    return {.subject = "11111111-1111-4111-8111-111111111111",
            .role = "network_admin",
            .request_id = "req-calls-db"};
  }
  identity::Caller Member() {
    return {.subject = "22222222-2222-4222-8222-222222222222",
            .role = "member",
            .organization_id = "33333333-3333-4333-8333-333333333333",
            .request_id = "req-calls-db"};
  }
  identity::Caller Anonymous() { return {.request_id = "req-calls-db"}; }

  domain::CallPatch NewCallFields(const std::string& title, const std::string& country = "RS") {
    domain::CallPatch p;
    p.title = values::LocalizedText{{"en", title}};
    p.opens_at = std::optional<values::Time>(FromNow(std::chrono::hours(-24)));
    p.closes_at = std::optional<values::Time>(FromNow(std::chrono::hours(24 * 30)));
    p.budget = domain::MoneyInput(values::Money{.amount = 3000000, .currency = "EUR"});
    p.max_award = domain::MoneyInput(values::Money{.amount = 800000, .currency = "EUR"});
    p.eligible_countries = std::vector<std::string>{country, "BA"};
    p.allocations = std::vector<domain::AllocationInput>{
        {.country = country, .amount = values::Money{.amount = 1000000, .currency = "EUR"}}};
    p.criteria = std::vector<domain::CriterionInput>{
        {.key = "relevance", .name = {{"en", "Relevance"}}, .weight = 70},
        {.key = "feasibility", .name = {{"en", "Feasibility"}}, .weight = 30}};
    return p;
  }

  domain::GrantCall Create(const std::string& title, const std::string& country = "RS") {
    auto c = calls_.Create(Admin(), NewCallFields(title, country));
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? *c : domain::GrantCall{};
  }

  // An application of `call_id` in `status`, written with this test's own SQL (the
  // applications slice is not under test here).
  std::string InsertApplication(const std::string& call_id, const std::string& status) {
    auto id = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<std::string> {
      return tx
          .ExecSql(
              "INSERT INTO grants.applications (call_id, organization_id, project_title, "
              "requested, duration_months, status, submitted_at) VALUES ('" +
              call_id + "', gen_random_uuid(), 'Day care in Niš', 500000, 12, '" + status +
              "', CASE WHEN '" + status +
              "' = 'draft' THEN NULL ELSE now() END) RETURNING id::text")
          .at(0)[0]
          .as<std::string>();
    });
    EXPECT_TRUE(id.ok()) << id.status();
    return id.ok() ? *id : "";
  }

  std::string Text(const std::string& sql) {
    auto v = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<std::string> {
      return tx.ExecSql(sql).at(0)[0].as<std::string>();
    });
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : "";
  }

  int Count(const std::string& sql) { return std::stoi(Text(sql)); }

  absl::StatusOr<domain::GrantCall> Act(const std::string& id, CallVerb verb,
                                        int64_t expected_version = 0) {
    return calls_.Act(Admin(), id, verb, "", expected_version);
  }

  db::Pool pool_{db::PoolConfig{.url = GrantsDatabaseUrl(), .size = 4}, storage::Statements()};
  storage::PgCallRepository repo_;
  app::CallUseCases calls_{pool_, repo_};
};

TEST_F(CallDbTest, CreateStoresTheCallWithItsAllocationsAndRecordsIt) {
  const auto c = Create(iris::testing::UniqueName("Small Grants"));
  ASSERT_FALSE(c.id.empty());
  EXPECT_EQ(c.status, CallStatus::kDraft);
  EXPECT_EQ(c.version, 1);
  EXPECT_EQ(c.currency, "EUR");
  ASSERT_EQ(c.allocations.size(), 1u);
  EXPECT_EQ(c.allocations[0].country, "RS");
  EXPECT_EQ(c.allocations[0].amount, 1000000);
  ASSERT_EQ(c.criteria.size(), 2u);
  EXPECT_EQ(c.criteria[0].name.at("en"), "Relevance");
  EXPECT_EQ(c.criteria[1].weight, 30);
  EXPECT_EQ(c.eligible_countries, (std::vector<std::string>{"RS", "BA"}));
  EXPECT_EQ(Count("SELECT count(*) FROM grants.outbox WHERE subject_id = '" + c.id +
                  "' AND type = 'grants.call.created'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM grants.audit_log WHERE subject_id = '" + c.id +
                  "' AND action = 'create'"),
            1);
}

TEST_F(CallDbTest, OnlyNetworkAdminsCreate) {
  auto by_member = calls_.Create(Member(), NewCallFields("x"));
  EXPECT_TRUE(absl::IsPermissionDenied(by_member.status())) << by_member.status();
  auto by_anonymous = calls_.Create(Anonymous(), NewCallFields("x"));
  EXPECT_TRUE(absl::IsUnauthenticated(by_anonymous.status())) << by_anonymous.status();
}

TEST_F(CallDbTest, DraftsAreNotFoundToAllButAdminsAndOpenCallsArePublic) {
  const auto c = Create(iris::testing::UniqueName("Hidden draft"));
  EXPECT_TRUE(absl::IsNotFound(calls_.Get(Anonymous(), c.id).status()));
  EXPECT_TRUE(absl::IsNotFound(calls_.Get(Member(), c.id).status()));
  EXPECT_TRUE(calls_.Get(Admin(), c.id).ok());
  // A member acting on a draft learns nothing of it either.
  EXPECT_TRUE(absl::IsNotFound(calls_.Act(Member(), c.id, CallVerb::kOpen, "", 0).status()));

  ASSERT_TRUE(Act(c.id, CallVerb::kOpen).ok());
  auto seen = calls_.Get(Anonymous(), c.id);
  ASSERT_TRUE(seen.ok()) << seen.status();
  EXPECT_EQ(seen->status, CallStatus::kOpen);
  EXPECT_TRUE(
      absl::IsPermissionDenied(calls_.Act(Member(), c.id, CallVerb::kClose, "", 0).status()));
  EXPECT_TRUE(absl::IsNotFound(calls_.Get(Anonymous(), "not-a-uuid").status()));
}

TEST_F(CallDbTest, UpdateChecksTheVersionAndReplacesAllocationsOfADraft) {
  const auto c = Create(iris::testing::UniqueName("Editable"));
  domain::CallPatch p;
  p.allocations = std::vector<domain::AllocationInput>{
      {.country = "BA", .amount = values::Money{.amount = 700000, .currency = "EUR"}},
      {.country = "RS", .amount = values::Money{.amount = 900000, .currency = "EUR"}}};
  auto stale = calls_.Update(Admin(), c.id, p, c.version + 1);
  EXPECT_EQ(status::DetailOf(stale.status()).reason(), "stale_version") << stale.status();

  auto saved = calls_.Update(Admin(), c.id, p, c.version);
  ASSERT_TRUE(saved.ok()) << saved.status();
  EXPECT_EQ(saved->version, c.version + 1);
  ASSERT_EQ(saved->allocations.size(), 2u);
  EXPECT_EQ(saved->allocations[0].country, "BA");
  EXPECT_EQ(Count("SELECT count(*) FROM grants.call_allocations WHERE call_id = '" + c.id + "'"),
            2);
  EXPECT_EQ(Text("SELECT payload->>'version' FROM grants.outbox WHERE subject_id = '" + c.id +
                 "' AND type = 'grants.call.updated'"),
            "2");
  // What notifications makes the "closes soon" reminder from: the instant (RFC 3339, UTC)
  // and the title in every language.
  EXPECT_EQ(Text("SELECT count(*) FROM grants.outbox o JOIN grants.calls c ON c.id::text ="
                 " o.subject_id WHERE o.subject_id = '" +
                 c.id +
                 "' AND o.type = 'grants.call.updated' AND (o.payload->>'closes_at')::timestamptz"
                 " = c.closes_at AND o.payload->>'closes_at' LIKE '%Z' AND o.payload->'title' ="
                 " c.title"),
            "1");

  // The same body again changes nothing: no new version.
  auto again = calls_.Update(Admin(), c.id, p, 0);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->version, saved->version);
}

TEST_F(CallDbTest, OnceOpenTheBudgetIsFixedButTheDeadlineMoves) {
  const auto c = Create(iris::testing::UniqueName("Fixed budget"));
  ASSERT_TRUE(Act(c.id, CallVerb::kOpen).ok());
  domain::CallPatch budget;
  budget.budget = domain::MoneyInput(values::Money{.amount = 9000000, .currency = "EUR"});
  auto refused = calls_.Update(Admin(), c.id, budget, 0);
  ASSERT_TRUE(absl::IsInvalidArgument(refused.status())) << refused.status();
  EXPECT_EQ(status::DetailOf(refused.status()).errors(0).field(), "budget");

  domain::CallPatch later;
  later.closes_on = "2099-10-14";
  auto moved = calls_.Update(Admin(), c.id, later, 0);
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(domain::ClosesOn(*moved), "2099-10-14");
}

TEST_F(CallDbTest, CloseMovesSubmittedApplicationsToReviewInTheSameTransaction) {
  const auto c = Create(iris::testing::UniqueName("Closing"));
  ASSERT_TRUE(Act(c.id, CallVerb::kOpen).ok());
  const auto submitted1 = InsertApplication(c.id, "submitted");
  const auto submitted2 = InsertApplication(c.id, "submitted");
  const auto draft = InsertApplication(c.id, "draft");
  const auto withdrawn = InsertApplication(c.id, "withdrawn");

  auto closed = Act(c.id, CallVerb::kClose);
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_EQ(closed->status, CallStatus::kClosed);
  ASSERT_TRUE(closed->status_changed_at.has_value());
  for (const auto& id : {submitted1, submitted2}) {
    EXPECT_EQ(Text("SELECT status || ' ' || version || ' ' || (status_changed_at IS NOT NULL) "
                   "FROM grants.applications WHERE id = '" +
                   id + "'"),
              "under_review 2 true");
    // Each moved application has its own message and audit entry, in the close's transaction.
    EXPECT_EQ(Text("SELECT count(*) FROM grants.outbox WHERE type = "
                   "'grants.application.under_review' AND subject_id = '" +
                   id + "'"),
              "1");
    EXPECT_EQ(Text("SELECT changes->>'to' FROM grants.audit_log WHERE action = 'review' AND "
                   "subject_id = '" +
                   id + "'"),
              "under_review");
  }
  EXPECT_EQ(Text("SELECT count(*) FROM grants.outbox WHERE subject_id IN ('" + draft + "', '" +
                 withdrawn + "') AND type = 'grants.application.under_review'"),
            "0");
  EXPECT_EQ(
      Text("SELECT status || ' ' || version FROM grants.applications WHERE id = '" + draft + "'"),
      "draft 1");
  EXPECT_EQ(Text("SELECT status FROM grants.applications WHERE id = '" + withdrawn + "'"),
            "withdrawn");
  EXPECT_EQ(Text("SELECT changes->>'applications_under_review' FROM grants.audit_log WHERE "
                 "subject_id = '" +
                 c.id + "' AND action = 'close'"),
            "2");

  // Finalizing waits for both to be decided, and says how many remain.
  auto early = Act(c.id, CallVerb::kFinalize);
  ASSERT_EQ(status::DetailOf(early.status()).reason(), "invalid_transition") << early.status();
  EXPECT_NE(early.status().message().find("2 applications"), std::string::npos) << early.status();
  ASSERT_TRUE(pool_
                  .Write([&](db::Tx& tx) -> absl::Status {
                    tx.ExecSql(
                        "UPDATE grants.applications SET status = 'rejected' WHERE call_id = '" +
                        c.id + "' AND status = 'under_review'");
                    return absl::OkStatus();
                  })
                  .ok());
  auto finalized = Act(c.id, CallVerb::kFinalize, closed->version);
  ASSERT_TRUE(finalized.ok()) << finalized.status();
  EXPECT_EQ(finalized->status, CallStatus::kAwarded);
  auto archived = calls_.Act(Admin(), c.id, CallVerb::kArchive, "Scheme completed", 0);
  ASSERT_TRUE(archived.ok()) << archived.status();
  EXPECT_EQ(archived->status, CallStatus::kArchived);
  EXPECT_EQ(archived->status_note, "Scheme completed");
  for (const char* type : {"grants.call.opened", "grants.call.closed", "grants.call.finalized",
                           "grants.call.archived"}) {
    EXPECT_EQ(Count("SELECT count(*) FROM grants.outbox WHERE subject_id = '" + c.id +
                    "' AND type = '" + type + "'"),
              1)
        << type;
  }

  // An archived call changes no more.
  domain::CallPatch p;
  p.description = values::LocalizedText{{"en", "Late typo fix"}};
  auto late = calls_.Update(Admin(), c.id, p, 0);
  EXPECT_EQ(status::DetailOf(late.status()).reason(), "invalid_transition") << late.status();
}

TEST_F(CallDbTest, AVerbNotAllowedInTheStatusIsInvalidTransitionAndChangesNothing) {
  const auto c = Create(iris::testing::UniqueName("Wrong verb"));
  auto closed = Act(c.id, CallVerb::kClose);
  EXPECT_EQ(status::DetailOf(closed.status()).reason(), "invalid_transition") << closed.status();
  auto stale = Act(c.id, CallVerb::kOpen, c.version + 5);
  EXPECT_EQ(status::DetailOf(stale.status()).reason(), "stale_version") << stale.status();
  auto now = calls_.Get(Admin(), c.id);
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->status, CallStatus::kDraft);
  EXPECT_EQ(now->version, c.version);
}

TEST_F(CallDbTest, OfConcurrentClosesExactlyOneWinsAndMovesEachApplicationOnce) {
  const auto c = Create(iris::testing::UniqueName("Concurrent close"));
  ASSERT_TRUE(Act(c.id, CallVerb::kOpen).ok());
  const auto application = InsertApplication(c.id, "submitted");
  std::atomic<int> won{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto r = Act(c.id, CallVerb::kClose);
      if (r.ok()) {
        ++won;
      } else if (status::DetailOf(r.status()).reason() == "invalid_transition") {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(refused.load(), 3);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(Text("SELECT status || ' ' || version FROM grants.applications WHERE id = '" +
                 application + "'"),
            "under_review 2");
  EXPECT_EQ(Count("SELECT count(*) FROM grants.outbox WHERE subject_id = '" + c.id +
                  "' AND type = 'grants.call.closed'"),
            1);
}

TEST_F(CallDbTest, AnExpiredDraftDoesNotOpen) {
  auto p = NewCallFields(iris::testing::UniqueName("Expired"));
  p.opens_at = std::optional<values::Time>(FromNow(std::chrono::hours(-48)));
  p.closes_at = std::optional<values::Time>(FromNow(std::chrono::hours(-24)));
  auto c = calls_.Create(Admin(), p);
  ASSERT_TRUE(c.ok()) << c.status();
  auto opened = Act(c->id, CallVerb::kOpen);
  EXPECT_EQ(status::DetailOf(opened.status()).reason(), "invalid_transition") << opened.status();
}

TEST_F(CallDbTest, ListsHideDraftsAndFilterByStatusAndEligibleCountry) {
  // A country no other test uses in its eligible list, so the filter's answer is ours alone.
  const auto draft = Create(iris::testing::UniqueName("List draft"), "XK");
  const auto open = Create(iris::testing::UniqueName("List open"), "XK");
  ASSERT_TRUE(Act(open.id, CallVerb::kOpen).ok());

  auto ids = [](const pagination::Page<domain::GrantCall>& page) {
    std::vector<std::string> out;
    for (const auto& c : page.items) out.push_back(c.id);
    return out;
  };
  auto contains = [](const std::vector<std::string>& v, const std::string& id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  };
  app::CallListRequest req{.status = {}, .country = {"xk"}, .page = {.limit = 200}};
  auto anonymous = calls_.List(Anonymous(), req);
  ASSERT_TRUE(anonymous.ok()) << anonymous.status();
  EXPECT_TRUE(contains(ids(*anonymous), open.id));
  EXPECT_FALSE(contains(ids(*anonymous), draft.id));

  auto admin = calls_.List(Admin(), req);
  ASSERT_TRUE(admin.ok()) << admin.status();
  EXPECT_TRUE(contains(ids(*admin), draft.id));

  req.status = {"draft"};
  auto drafts = calls_.List(Admin(), req);
  ASSERT_TRUE(drafts.ok()) << drafts.status();
  EXPECT_TRUE(contains(ids(*drafts), draft.id));
  EXPECT_FALSE(contains(ids(*drafts), open.id));

  req.country = {"AL"};
  req.status = {};
  auto albania = calls_.List(Admin(), req);
  ASSERT_TRUE(albania.ok());
  EXPECT_FALSE(contains(ids(*albania), open.id));

  app::CallListRequest bad{.status = {"pending"}, .country = {"FR"}, .page = {}};
  auto refused = calls_.List(Admin(), bad);
  ASSERT_EQ(status::DetailOf(refused.status()).reason(), "malformed") << refused.status();
  EXPECT_EQ(status::DetailOf(refused.status()).errors_size(), 2);

  // Pages of one, newest opening first, each page after the last one's position; the total
  // counts every match.
  app::CallListRequest by_opening{.status = {},
                                  .country = {"XK"},
                                  .page = {.limit = 1, .sort = "-opens_at", .include_total = true}};
  std::vector<std::string> seen;
  for (int pages = 0; pages < 1000; ++pages) {
    auto page = calls_.List(Admin(), by_opening);
    ASSERT_TRUE(page.ok()) << page.status();
    ASSERT_TRUE(page->total.has_value());
    EXPECT_GE(page->total->count, 2);
    ASSERT_LE(page->items.size(), 1u);
    for (const auto& c : page->items) seen.push_back(c.id);
    if (page->next_cursor.empty()) break;
    by_opening.page.cursor = page->next_cursor;
  }
  EXPECT_TRUE(contains(seen, draft.id));
  EXPECT_TRUE(contains(seen, open.id));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size());
}

}  // namespace
}  // namespace iris::grants
