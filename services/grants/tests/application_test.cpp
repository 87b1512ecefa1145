// Rules of grant applications: what a complete application holds against its call, the states
// it moves through and who sees it.
#include "services/grants/domain/application.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <set>

namespace iris::grants::domain {
namespace {

using std::chrono::hours;

const Time kOpens = Time(std::chrono::microseconds(1'630'479'600'000'000));  // 2021-09-01 07:00Z
const Time kCloses = kOpens + hours(24 * 43);

CallFacts Call() {
  return {.id = "call-1",
          .status = "open",
          .opens_at = kOpens,
          .closes_at = kCloses,
          .currency = "EUR",
          .max_award = 800000,
          .eligible_countries = {"RS", "BA"},
          .criteria = {{"relevance", 40}, {"feasibility", 35}, {"value_for_money", 25}}};
}

std::set<std::string> Fields(const std::vector<InvalidField>& problems) {
  std::set<std::string> out;
  for (const auto& p : problems) out.insert(p.field);
  return out;
}

ApplicationPatch Valid() {
  ApplicationPatch p;
  p.project_title = "  Day care in Kraljevo  ";
  p.summary = "Twenty children, three days a week.";
  p.requested = Money{650000, "EUR"};
  p.duration_months = 10;
  p.budget_lines = std::vector<BudgetLine>{{"personnel", "Two social workers", {420000, "EUR"}},
                                           {"equipment", "Furniture", {230000, "EUR"}}};
  return p;
}

Application Drafted(const ApplicationPatch& p, std::vector<InvalidField>* problems = nullptr) {
  Application a;
  std::vector<std::string> changed;
  auto shape = Apply(p, &a, &changed);
  auto rules = CheckComplete(a, Call());
  if (problems != nullptr) {
    *problems = shape;
    problems->insert(problems->end(), rules.begin(), rules.end());
  }
  return a;
}

TEST(ApplicationTest, AValidApplicationMeetsEveryRuleAndIsTrimmed) {
  std::vector<InvalidField> problems;
  auto a = Drafted(Valid(), &problems);
  EXPECT_TRUE(problems.empty()) << problems.front().field << ": " << problems.front().message;
  EXPECT_EQ(a.project_title, "Day care in Kraljevo");
  EXPECT_EQ(a.status, ApplicationStatus::kDraft);
}

TEST(ApplicationTest, BudgetLinesMustSumToTheRequest) {
  auto p = Valid();
  (*p.budget_lines)[1].amount.amount = 229999;
  std::vector<InvalidField> problems;
  Drafted(p, &problems);
  EXPECT_EQ(Fields(problems), (std::set<std::string>{"budget_lines"}));
}

TEST(ApplicationTest, RequestedIsAtMostMaxAwardInTheCallsCurrency) {
  auto p = Valid();
  p.requested = Money{800001, "EUR"};
  std::vector<InvalidField> problems;
  Drafted(p, &problems);
  EXPECT_TRUE(Fields(problems).count("requested.amount"));
  p.requested = Money{800000, "EUR"};
  p.budget_lines = std::vector<BudgetLine>{{"other", "", {800000, "EUR"}}};
  Drafted(p, &problems);
  EXPECT_TRUE(problems.empty());  // exactly max_award is fine
  p.requested = Money{650000, "USD"};
  Drafted(p, &problems);
  EXPECT_TRUE(Fields(problems).count("requested.currency"));
  p.requested = Money{0, "EUR"};
  Drafted(p, &problems);
  EXPECT_TRUE(Fields(problems).count("requested.amount"));
}

TEST(ApplicationTest, EachBudgetLineIsCheckedByItsIndex) {
  auto p = Valid();
  p.budget_lines = std::vector<BudgetLine>{
      {"catering", std::string(501, 'x'), {650000, "EUR"}},
      {"travel", "", {0, "EUR"}},
      {"travel", "", {10, "USD"}},
  };
  std::vector<InvalidField> problems;
  Drafted(p, &problems);
  EXPECT_EQ(
      Fields(problems),
      (std::set<std::string>{"budget_lines[0].category", "budget_lines[0].description",
                             "budget_lines[1].amount.amount", "budget_lines[2].amount.currency"}));
}

TEST(ApplicationTest, OneToFiftyBudgetLines) {
  auto p = Valid();
  p.budget_lines = std::vector<BudgetLine>{};
  std::vector<InvalidField> problems;
  Drafted(p, &problems);
  EXPECT_EQ(Fields(problems), (std::set<std::string>{"budget_lines"}));
  p.budget_lines = std::vector<BudgetLine>(51, BudgetLine{"other", "", {1, "EUR"}});
  Drafted(p, &problems);
  EXPECT_EQ(Fields(problems), (std::set<std::string>{"budget_lines"}));
  p.requested = Money{50, "EUR"};
  p.budget_lines = std::vector<BudgetLine>(50, BudgetLine{"other", "", {1, "EUR"}});
  Drafted(p, &problems);
  EXPECT_TRUE(problems.empty());
}

TEST(ApplicationTest, TitleDurationAndSummaryLimits) {
  auto p = Valid();
  p.project_title = "   ";
  p.duration_months = 37;
  p.summary = std::string(4001, 'x');
  std::vector<InvalidField> problems;
  Drafted(p, &problems);
  EXPECT_EQ(Fields(problems),
            (std::set<std::string>{"project_title", "duration_months", "summary"}));
  // Characters, not bytes: 300 Cyrillic letters are 600 bytes and fine.
  std::string title;
  for (int i = 0; i < 300; ++i) title += "ђ";
  p = Valid();
  p.project_title = title;
  p.duration_months = 36;
  Drafted(p, &problems);
  EXPECT_TRUE(problems.empty());
  p.project_title = title + "ђ";
  p.duration_months = 0;
  Drafted(p, &problems);
  EXPECT_EQ(Fields(problems), (std::set<std::string>{"project_title", "duration_months"}));
}

TEST(ApplicationTest, ReadOnlyAndUnknownFieldsAreRefused) {
  auto p = Valid();
  p.read_only_sent = {"status", "score"};
  p.unknown_sent = {"colour"};
  std::vector<InvalidField> problems;
  Drafted(p, &problems);
  EXPECT_EQ(Fields(problems), (std::set<std::string>{"status", "score", "colour"}));
  EXPECT_TRUE(IsReadOnlyApplicationField("updated_at"));
  EXPECT_FALSE(IsReadOnlyApplicationField("project_title"));
}

TEST(ApplicationTest, ApplyNamesOnlyWhatChanged) {
  Application a = Drafted(Valid());
  ApplicationPatch p;
  p.project_title = "Day care in Kraljevo";  // the same, trimmed
  p.duration_months = 12;
  std::vector<std::string> changed;
  EXPECT_TRUE(Apply(p, &a, &changed).empty());
  EXPECT_EQ(changed, std::vector<std::string>{"duration_months"});
}

TEST(ApplicationTest, CallsAcceptApplicationsOnlyOpenAndWithinTheirWindow) {
  auto call = Call();
  EXPECT_FALSE(AcceptsApplications(call, kOpens - std::chrono::microseconds(1)));
  EXPECT_TRUE(AcceptsApplications(call, kOpens));
  EXPECT_TRUE(AcceptsApplications(call, kCloses - std::chrono::microseconds(1)));
  EXPECT_FALSE(AcceptsApplications(call, kCloses));
  call.status = "closed";
  EXPECT_FALSE(AcceptsApplications(call, kOpens + hours(1)));
  call.status = "draft";
  EXPECT_FALSE(AcceptsApplications(call, kOpens + hours(1)));
}

TEST(ApplicationTest, Transitions) {
  using S = ApplicationStatus;
  EXPECT_FALSE(RefuseTransition(S::kDraft, S::kSubmitted, "submit"));
  EXPECT_EQ(RefuseTransition(S::kSubmitted, S::kSubmitted, "submit"),
            "cannot submit an application that is submitted");
  for (auto from : {S::kDraft, S::kSubmitted, S::kUnderReview}) {
    EXPECT_FALSE(RefuseTransition(from, S::kWithdrawn, "withdraw"));
  }
  for (auto from : {S::kAwarded, S::kRejected, S::kWithdrawn}) {
    EXPECT_TRUE(RefuseTransition(from, S::kWithdrawn, "withdraw"));
  }
  EXPECT_FALSE(RefuseTransition(S::kUnderReview, S::kRejected, "reject"));
  EXPECT_TRUE(RefuseTransition(S::kSubmitted, S::kRejected, "reject"));
  EXPECT_TRUE(RefuseTransition(S::kDraft, S::kAwarded, "award"));
}

TEST(ApplicationTest, StatusWordsRoundTrip) {
  for (auto s :
       {ApplicationStatus::kDraft, ApplicationStatus::kSubmitted, ApplicationStatus::kUnderReview,
        ApplicationStatus::kAwarded, ApplicationStatus::kRejected, ApplicationStatus::kWithdrawn}) {
    EXPECT_EQ(ParseApplicationStatus(ApplicationStatusWord(s)), s);
  }
  EXPECT_FALSE(ParseApplicationStatus("approved"));
}

TEST(ApplicationTest, WhoSeesAnApplication) {
  Application a;
  a.organization_id = "org-1";
  const identity::Caller admin{.subject = "u1", .role = "network_admin"};
  const identity::Caller member{.subject = "u2", .role = "member", .organization_id = "org-1"};
  const identity::Caller other{.subject = "u3", .role = "member", .organization_id = "org-2"};
  const identity::Caller coordinator{
      .subject = "u4", .role = "national_coordinator", .country = "RS"};
  const identity::Caller reviewer{.subject = "u5", .role = "reviewer"};
  const identity::Caller partner{.subject = "u6", .role = "partner"};
  EXPECT_TRUE(CanSee(admin, a, false));
  EXPECT_TRUE(CanSee(member, a, false));
  EXPECT_TRUE(IsApplicant(member, a));
  EXPECT_FALSE(CanSee(other, a, false));
  EXPECT_FALSE(CanSee(coordinator, a, false));  // a draft has no country yet
  a.country = "RS";
  EXPECT_TRUE(CanSee(coordinator, a, false));
  a.country = "BA";
  EXPECT_FALSE(CanSee(coordinator, a, false));
  EXPECT_FALSE(CanSee(reviewer, a, false));
  EXPECT_TRUE(CanSee(reviewer, a, true));
  EXPECT_FALSE(CanSee(partner, a, true));  // only reviewers are assigned
  EXPECT_FALSE(IsApplicant(admin, a));
}

}  // namespace
}  // namespace iris::grants::domain
