// Grant applications and reviews against the real schema, with a fake membership directory:
// what submission stores from membership's answer, what it refuses and that nothing is written
// when membership does not answer; one application per organisation and call, one review per
// reviewer, and the application's score kept with its reviews (also under concurrent reviews).
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "grants_migrations.hpp"
#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "libs/db/testing/scalar.hpp"
#include "libs/members/fake_directory.hpp"
#include "libs/status/status.hpp"
#include "services/grants/app/application_use_cases.hpp"
#include "services/grants/app/review_use_cases.hpp"
#include "services/grants/storage/pg_application_repository.hpp"
#include "services/grants/storage/pg_review_repository.hpp"
#include "services/grants/storage/statements.hpp"
#include "tests/support/test_env.hpp"

namespace iris::grants {
namespace {

using domain::ApplicationStatus;

std::string GrantsDatabaseUrl() {
  return iris::testing::RequireEnv("IRIS_TEST_GRANTS_DATABASE_URL");
}

class ApplicationDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(db::MigrateService(GrantsDatabaseUrl(), "grants", migrations::kAll).ok());
  }

  std::string Text(const std::string& sql) {
    auto v = db::testing::ScalarText(pool_, sql);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : "";
  }
  std::string NewId() { return Text("SELECT gen_random_uuid()::text"); }

  // An open call (RS and BA eligible, EUR 8,000 at most) written with this test's own SQL.
  std::string OpenCall(const std::string& status = "open") {
    return Text(
        "INSERT INTO grants.calls (title, opens_at, closes_at, currency, budget, max_award, "
        "eligible_countries, criteria, status) VALUES ('{\"en\": \"Small grants\"}', "
        "now() - interval '1 day', now() + interval '1 day', 'EUR', 5000000, 800000, "
        "ARRAY['RS', 'BA'], '[{\"key\": \"relevance\", \"name\": {\"en\": \"R\"}, \"weight\": "
        "40}, {\"key\": \"feasibility\", \"name\": {\"en\": \"F\"}, \"weight\": 35}, {\"key\": "
        "\"value_for_money\", \"name\": {\"en\": \"V\"}, \"weight\": 25}]', '" +
        status + "') RETURNING id::text");
  }

  // A member of a new organisation that membership knows as `country` and `status`.
  identity::Caller NewMember(const std::string& country = "RS",
                             const std::string& status = "active") {
    const std::string org = NewId();
    directory_.orgs[org] = {.exists = true,
                            .name = "Udruženje " + org.substr(0, 8),
                            .country = country,
                            .active = status == "active",
                            .status = status};
    return {.subject = NewId(), .role = "member", .organization_id = org, .request_id = "req-db"};
  }
  identity::Caller Admin() {
    return {.subject = NewId(), .role = "network_admin", .request_id = "req-db"};
  }
  identity::Caller NewReviewer(const std::string& organization_id = "") {
    identity::Caller r{.subject = NewId(), .role = "reviewer", .request_id = "req-db"};
    directory_.users[r.subject] = {
        .exists = true, .role = "reviewer", .organization_id = organization_id, .name = "Rev"};
    return r;
  }

  static domain::ApplicationPatch Fields(int64_t requested = 650000) {
    domain::ApplicationPatch p;
    p.project_title = "Day care in Kraljevo";
    p.requested = values::Money{requested, "EUR"};
    p.duration_months = 10;
    p.budget_lines = std::vector<domain::BudgetLine>{
        {"personnel", "Social workers", {requested - 100000, "EUR"}},
        {"equipment", "", {100000, "EUR"}}};
    return p;
  }

  domain::Application Draft(const identity::Caller& member, const std::string& call) {
    auto a = applications_.Create(member, call, Fields());
    EXPECT_TRUE(a.ok()) << a.status();
    return a.ok() ? *a : domain::Application{};
  }

  int Count(const std::string& sql) { return std::stoi(Text(sql)); }

  static std::string Reason(const absl::Status& s) { return status::DetailOf(s).reason(); }

  db::Pool pool_{db::PoolConfig{.url = GrantsDatabaseUrl(), .size = 4}, storage::Statements()};
  members::FakeDirectory directory_;
  storage::PgApplicationRepository application_repo_;
  storage::PgReviewRepository review_repo_;
  app::ApplicationUseCases applications_{pool_, application_repo_, directory_};
  app::ReviewUseCases reviews_{pool_, application_repo_, review_repo_, directory_};
};

TEST_F(ApplicationDbTest, SubmissionStoresWhatMembershipSaysAndRecordsEachChange) {
  const std::string call = OpenCall();
  const auto member = NewMember("BA");
  const auto draft = Draft(member, call);
  EXPECT_EQ(draft.status, ApplicationStatus::kDraft);
  EXPECT_EQ(draft.requested, (values::Money{650000, "EUR"}));
  EXPECT_EQ(draft.budget_lines[1].amount.currency, "EUR");
  auto submitted = applications_.Submit(member, draft.id, 1);
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  EXPECT_EQ(submitted->status, ApplicationStatus::kSubmitted);
  EXPECT_EQ(submitted->country, "BA");
  EXPECT_EQ(submitted->organization_name, directory_.orgs[member.organization_id].name);
  EXPECT_TRUE(submitted->submitted_at.has_value());
  EXPECT_EQ(submitted->version, 2);
  for (const char* type : {"grants.application.created", "grants.application.submitted"}) {
    EXPECT_EQ(Count("SELECT count(*) FROM grants.outbox WHERE subject_id = '" + draft.id +
                    "' AND type = '" + type + "'"),
              1)
        << type;
  }
}

TEST_F(ApplicationDbTest, OneApplicationPerOrganisationAndCall) {
  const std::string call = OpenCall();
  const auto member = NewMember();
  Draft(member, call);
  auto again = applications_.Create(member, call, Fields());
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists) << again.status();
  EXPECT_EQ(Reason(again.status()), "duplicate_application");
  // Another call is another application.
  EXPECT_TRUE(applications_.Create(member, OpenCall(), Fields()).ok());
}

TEST_F(ApplicationDbTest, MembershipNotAnsweringIsUnavailableAndNothingIsWritten) {
  const std::string call = OpenCall();
  const auto member = NewMember();
  const auto draft = Draft(member, call);
  directory_.down = true;
  auto r = applications_.Submit(member, draft.id, 0);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable) << r.status();
  EXPECT_EQ(Text("SELECT status || ' ' || version FROM grants.applications WHERE id = '" +
                 draft.id + "'"),
            "draft 1");
  EXPECT_EQ(Count("SELECT count(*) FROM grants.outbox WHERE subject_id = '" + draft.id +
                  "' AND type = 'grants.application.submitted'"),
            0);
}

// Membership answered, but so late that the caller (the gateway) is about to give up: no
// write follows, so a 503 the client gets never hides a change that committed after it.
TEST_F(ApplicationDbTest, AnAnswerTooLateForTheCallersDeadlineWritesNothing) {
  const std::string call = OpenCall();
  auto member = NewMember();
  const auto draft = Draft(member, call);
  member.deadline = std::chrono::system_clock::now() + std::chrono::milliseconds(50);
  auto r = applications_.Submit(member, draft.id, 0);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable) << r.status();
  EXPECT_EQ(Text("SELECT status || ' ' || version FROM grants.applications WHERE id = '" +
                 draft.id + "'"),
            "draft 1");
  member.deadline = std::chrono::system_clock::now() + std::chrono::seconds(30);
  EXPECT_TRUE(applications_.Submit(member, draft.id, 0).ok());
}

TEST_F(ApplicationDbTest, SuspendedIneligibleOrUnknownOrganisationsAreRefused) {
  const std::string call = OpenCall();
  for (const auto& [country, status] :
       std::vector<std::pair<std::string, std::string>>{{"RS", "suspended"}, {"HR", "active"}}) {
    const auto member = NewMember(country, status);
    const auto draft = Draft(member, call);
    auto r = applications_.Submit(member, draft.id, 0);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition) << r.status();
    EXPECT_EQ(Reason(r.status()), "organization_not_eligible");
  }
  const auto unknown = NewMember();
  const auto draft = Draft(unknown, call);
  directory_.orgs.erase(unknown.organization_id);
  EXPECT_EQ(Reason(applications_.Submit(unknown, draft.id, 0).status()),
            "organization_not_eligible");
}

TEST_F(ApplicationDbTest, NothingIsAcceptedOutsideTheCallsWindow) {
  const std::string call = OpenCall();
  const auto member = NewMember();
  const auto draft = Draft(member, call);
  Text(
      "UPDATE grants.calls SET closes_at = now() - interval '1 second', "
      "opens_at = now() - interval '2 days' WHERE id = '" +
      call + "' RETURNING id");
  const int asked = directory_.asked;
  auto r = applications_.Submit(member, draft.id, 0);
  EXPECT_EQ(Reason(r.status()), "call_not_open") << r.status();
  EXPECT_EQ(directory_.asked, asked) << "refused before asking membership";
  EXPECT_EQ(Reason(applications_.Create(NewMember(), call, Fields()).status()), "call_not_open");
  // Not yet open is the same.
  const std::string later = OpenCall();
  Text("UPDATE grants.calls SET opens_at = now() + interval '1 hour' WHERE id = '" + later +
       "' RETURNING id");
  EXPECT_EQ(Reason(applications_.Create(member, later, Fields()).status()), "call_not_open");
  // A draft call does not exist for members.
  EXPECT_EQ(applications_.Create(member, OpenCall("draft"), Fields()).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(ApplicationDbTest, InvisibleApplicationsAreNotFoundToEveryVerb) {
  const std::string call = OpenCall();
  const auto member = NewMember();
  const auto draft = Draft(member, call);
  const auto other = NewMember();
  EXPECT_TRUE(absl::IsNotFound(applications_.Get(other, draft.id).status()));
  EXPECT_TRUE(absl::IsNotFound(applications_.Submit(other, draft.id, 0).status()));
  EXPECT_TRUE(absl::IsNotFound(applications_.Update(other, draft.id, Fields(), 0).status()));
  EXPECT_TRUE(absl::IsNotFound(applications_.Withdraw(other, draft.id, "x", 0).status()));
  EXPECT_TRUE(absl::IsNotFound(applications_.Get(NewReviewer(), draft.id).status()));
  EXPECT_TRUE(absl::IsNotFound(applications_.Get(member, "not-a-uuid").status()));
  auto list = applications_.List(other, {.call_id = call, .status = {}, .country = {}, .page = {}});
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_TRUE(list->items.empty());
}

TEST_F(ApplicationDbTest, ReviewsAreOncePerReviewerAndKeepTheScore) {
  const std::string call = OpenCall();
  const auto member = NewMember();
  const auto draft = Draft(member, call);
  ASSERT_TRUE(applications_.Submit(member, draft.id, 0).ok());
  const auto admin = Admin();
  const auto conflicted = NewReviewer(member.organization_id);
  auto c = reviews_.AssignReviewer(admin, draft.id, conflicted.subject);
  EXPECT_EQ(Reason(c.status()), "reviewer_conflict_of_interest") << c.status();
  directory_.users[conflicted.subject].role = "member";
  EXPECT_EQ(reviews_.AssignReviewer(admin, draft.id, conflicted.subject).status().code(),
            absl::StatusCode::kInvalidArgument);
  std::vector<identity::Caller> reviewers;
  for (int i = 0; i < 4; ++i) {
    reviewers.push_back(NewReviewer());
    ASSERT_TRUE(reviews_.AssignReviewer(admin, draft.id, reviewers.back().subject).ok());
  }
  auto twice = reviews_.AssignReviewer(admin, draft.id, reviewers[0].subject);
  EXPECT_EQ(Reason(twice.status()), "already_assigned") << twice.status();

  domain::ReviewSubmission s;
  s.scores =
      std::map<std::string, int64_t>{{"relevance", 8}, {"feasibility", 7}, {"value_for_money", 7}};
  // Not under review yet.
  EXPECT_EQ(Reason(reviews_.CreateReview(reviewers[0], draft.id, s).status()),
            "invalid_transition");
  Text("UPDATE grants.applications SET status = 'under_review' WHERE id = '" + draft.id +
       "' RETURNING id");
  // Four reviewers at once: every review counts, the score is over all of them.
  // 740, 740, 725, 725 -> 7.325 -> 7.33
  const std::vector<std::map<std::string, int64_t>> scores = {
      {{"relevance", 8}, {"feasibility", 7}, {"value_for_money", 7}},
      {{"relevance", 8}, {"feasibility", 7}, {"value_for_money", 7}},
      {{"relevance", 7}, {"feasibility", 7}, {"value_for_money", 8}},
      {{"relevance", 7}, {"feasibility", 7}, {"value_for_money", 8}}};
  std::vector<std::thread> threads;
  std::vector<absl::Status> results(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      domain::ReviewSubmission mine;
      mine.scores = scores[i];
      results[i] = reviews_.CreateReview(reviewers[i], draft.id, mine).status();
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_TRUE(r.ok()) << r;
  EXPECT_EQ(Text("SELECT score::text || ' ' || review_count FROM grants.applications WHERE id = '" +
                 draft.id + "'"),
            "7.33 4");
  auto again = reviews_.CreateReview(reviewers[0], draft.id, s);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists) << again.status();
  EXPECT_EQ(Reason(again.status()), "already_reviewed");
  // An unassigned reviewer does not see it; the applicant may not review.
  EXPECT_TRUE(absl::IsNotFound(reviews_.CreateReview(NewReviewer(), draft.id, s).status()));
  EXPECT_EQ(reviews_.CreateReview(member, draft.id, s).status().code(),
            absl::StatusCode::kPermissionDenied);
  auto mine = reviews_.ListReviews(reviewers[1], draft.id);
  ASSERT_TRUE(mine.ok()) << mine.status();
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].reviewer_id, reviewers[1].subject);
  EXPECT_EQ(reviews_.ListReviews(admin, draft.id)->size(), 4u);
  auto ranking = reviews_.Ranking(admin, call);
  ASSERT_TRUE(ranking.ok()) << ranking.status();
  ASSERT_EQ(ranking->size(), 1u);
  EXPECT_EQ((*ranking)[0].application.score_hundredths, 733);
}

}  // namespace
}  // namespace iris::grants
