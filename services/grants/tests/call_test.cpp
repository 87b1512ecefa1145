// Grant call rules: every problem of a create or patch at once, named as the body names it;
// closes_on in the call's zone; what changes after draft; the lifecycle.
#include "services/grants/domain/call.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "libs/values/local_dates.hpp"

namespace iris::grants::domain {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::sys_days;

Time At(int y, unsigned m, unsigned d, int hour = 0) {
  return std::chrono::time_point_cast<microseconds>(
      sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}} + hours(hour));
}

Money Eur(int64_t amount) { return {.amount = amount, .currency = "EUR"}; }

CallPatch ValidCreate() {
  CallPatch p;
  p.title = LocalizedText{{"en", "Small Grants 2021"}, {"sr-Latn", "Mali grantovi 2021"}};
  p.description = LocalizedText{{"en", "Grants of up to EUR 8,000."}};
  p.opens_at = std::optional<Time>(At(2021, 9, 1, 7));
  p.closes_on = "2021-10-14";
  p.budget = MoneyInput(Eur(3120000));
  p.max_award = MoneyInput(Eur(800000));
  p.eligible_countries = std::vector<std::string>{"RS", "BA", "ME"};
  p.allocations = std::vector<AllocationInput>{{.country = "RS", .amount = Eur(2400000)}};
  p.criteria = std::vector<CriterionInput>{
      {.key = "relevance", .name = {{"en", "Relevance"}}, .weight = 60},
      {.key = "value_for_money", .name = {{"en", "Value for money"}}, .weight = 40}};
  return p;
}

std::vector<std::string> Fields(const std::vector<InvalidField>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.field);
  std::sort(out.begin(), out.end());
  return out;
}

bool Names(const std::vector<InvalidField>& problems, const std::string& field) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const InvalidField& p) { return p.field == field; });
}

TEST(CallTest, ValidCreateMakesADraftEndingAtTheEndOfTheLastDayInBelgrade) {
  GrantCall c;
  auto problems = NewCall(ValidCreate(), &c);
  ASSERT_TRUE(problems.empty()) << problems[0].field << ": " << problems[0].message;
  EXPECT_EQ(c.status, CallStatus::kDraft);
  EXPECT_EQ(c.timezone, "Europe/Belgrade");
  EXPECT_EQ(c.currency, "EUR");
  EXPECT_EQ(c.budget, 3120000);
  // 14 October 2021 is summer time (UTC+2): the day ends at 22:00Z.
  EXPECT_EQ(c.closes_at, At(2021, 10, 14, 22));
  EXPECT_EQ(ClosesOn(c), "2021-10-14");
  ASSERT_EQ(c.allocations.size(), 1u);
  EXPECT_EQ(c.allocations[0].amount, 2400000);
  ASSERT_EQ(c.criteria.size(), 2u);
  EXPECT_EQ(c.criteria[1].key, "value_for_money");
}

TEST(CallTest, ClosesOnInWinterEndsAtElevenPmUtc) {
  auto p = ValidCreate();
  p.closes_on = "2021-12-01";
  GrantCall c;
  ASSERT_TRUE(NewCall(p, &c).empty());
  EXPECT_EQ(c.closes_at, At(2021, 12, 1, 23));
  EXPECT_EQ(ClosesOn(c), "2021-12-01");
}

TEST(CallTest, ClosesOnFollowsTheCallsTimeZone) {
  auto p = ValidCreate();
  p.timezone = "UTC";
  GrantCall c;
  ASSERT_TRUE(NewCall(p, &c).empty());
  EXPECT_EQ(c.closes_at, At(2021, 10, 15, 0));
  EXPECT_EQ(ClosesOn(c), "2021-10-14");
}

TEST(CallTest, TimeZonesAreIanaNamesOnly) {
  for (const char* zone :
       {"Mars/Olympus", "../../etc/passwd", "/etc/localtime", "Europe/Belgrade;"}) {
    auto p = ValidCreate();
    p.timezone = zone;
    GrantCall c;
    EXPECT_EQ(Fields(NewCall(p, &c)), std::vector<std::string>{"timezone"}) << zone;
  }
  auto p = ValidCreate();
  p.timezone = "";
  GrantCall c;
  ASSERT_TRUE(NewCall(p, &c).empty());
  EXPECT_EQ(c.timezone, "Europe/Belgrade");
}

TEST(CallTest, ClosesAtAndClosesOnTogetherAre422) {
  auto p = ValidCreate();
  p.closes_at = std::optional<Time>(At(2021, 10, 1));
  GrantCall c;
  EXPECT_EQ(Fields(NewCall(p, &c)), std::vector<std::string>{"closes_on"});
}

TEST(CallTest, MissingRequiredFieldsAreEachNamed) {
  GrantCall c;
  EXPECT_EQ(Fields(NewCall(CallPatch{}, &c)),
            (std::vector<std::string>{"budget", "closes_at", "criteria", "eligible_countries",
                                      "max_award", "opens_at", "title"}));
}

TEST(CallTest, EveryProblemOfABodyComesAtOnceNamedByItsPath) {
  auto p = ValidCreate();
  p.title = LocalizedText{{"xx", "Title"}};
  p.timezone = "Mars/Olympus";
  p.max_award = MoneyInput(Money{.amount = 0, .currency = "eur"});
  p.eligible_countries = std::vector<std::string>{"RS", "FR", "RS"};
  p.allocations = std::vector<AllocationInput>{
      {.country = "HR", .amount = Eur(100)},
      {.country = "RS", .amount = Money{.amount = 100, .currency = "USD"}}};
  p.criteria = std::vector<CriterionInput>{
      {.key = "Relevance", .name = {{"en", "Relevance"}}, .weight = 50},
      {.key = "impact", .name = {}, .weight = 0},
      {.key = "impact", .name = {{"en", "Impact again"}}, .weight = 30}};
  GrantCall c;
  const auto problems = NewCall(p, &c);
  for (const char* field : {"title.xx", "timezone", "max_award.amount", "max_award.currency",
                            "eligible_countries[1]", "eligible_countries[2]", "criteria[0].key",
                            "criteria[1].name", "criteria[1].weight", "criteria[2].key"}) {
    EXPECT_TRUE(Names(problems, field)) << field;
  }
  // The currency of an allocation is compared once the budget's is known.
  EXPECT_TRUE(Names(problems, "country_allocations[1].amount.currency"));
}

TEST(CallTest, WeightsNotSummingToAHundredAre422OnCriteria) {
  auto p = ValidCreate();
  (*p.criteria)[1].weight = 30;
  GrantCall c;
  const auto problems = NewCall(p, &c);
  ASSERT_EQ(Fields(problems), std::vector<std::string>{"criteria"});
  EXPECT_NE(problems[0].message.find("sum to 90"), std::string::npos) << problems[0].message;
}

TEST(CallTest, AtMostTwentyCriteria) {
  auto p = ValidCreate();
  std::vector<CriterionInput> many;
  for (int i = 0; i < 21; ++i) {
    many.push_back({.key = "c" + std::to_string(i), .name = {{"en", "C"}}, .weight = 1});
  }
  p.criteria = many;
  GrantCall c;
  EXPECT_EQ(Fields(NewCall(p, &c)), std::vector<std::string>{"criteria"});
}

TEST(CallTest, MoneyRulesBetweenFields) {
  auto p = ValidCreate();
  p.max_award = MoneyInput(Eur(4000000));  // more than the budget
  GrantCall c;
  EXPECT_EQ(Fields(NewCall(p, &c)), std::vector<std::string>{"max_award.amount"});

  p = ValidCreate();
  p.max_award = MoneyInput(Money{.amount = 800000, .currency = "USD"});
  EXPECT_EQ(Fields(NewCall(p, &c)), std::vector<std::string>{"max_award.currency"});

  p = ValidCreate();
  p.allocations = std::vector<AllocationInput>{{.country = "RS", .amount = Eur(2000000)},
                                               {.country = "BA", .amount = Eur(2000000)}};
  EXPECT_EQ(Fields(NewCall(p, &c)), std::vector<std::string>{"country_allocations"});

  p = ValidCreate();
  p.allocations = std::vector<AllocationInput>{{.country = "RS", .amount = Eur(100)},
                                               {.country = "RS", .amount = Eur(100)},
                                               {.country = "MK", .amount = Eur(100)},
                                               {.country = "BA", .amount = std::nullopt}};
  EXPECT_EQ(Fields(NewCall(p, &c)), (std::vector<std::string>{"country_allocations[1].country",
                                                              "country_allocations[2].country",
                                                              "country_allocations[3].amount"}));
}

TEST(CallTest, OpensAtMustBeBeforeClosesAt) {
  auto p = ValidCreate();
  p.closes_on.reset();
  p.closes_at = std::optional<Time>(At(2021, 9, 1, 7));
  GrantCall c;
  EXPECT_EQ(Fields(NewCall(p, &c)), std::vector<std::string>{"closes_at"});
}

TEST(CallTest, ReadOnlyAndUnknownFieldsAreNamed) {
  auto p = ValidCreate();
  p.read_only_sent = {"status", "awarded"};
  p.unknown_sent = {"colour"};
  GrantCall c;
  EXPECT_EQ(Fields(NewCall(p, &c)), (std::vector<std::string>{"awarded", "colour", "status"}));
  EXPECT_TRUE(IsReadOnlyCallField("version"));
  EXPECT_FALSE(IsReadOnlyCallField("budget"));
}

GrantCall Stored(CallStatus status) {
  GrantCall c;
  EXPECT_TRUE(NewCall(ValidCreate(), &c).empty());
  c.id = "3f0c6a52-8d3e-4d7b-9a51-0b7c2e1d4a90";
  c.status = status;
  c.allocations[0].awarded = 500000;
  return c;
}

TEST(CallTest, ADraftChangesAnyFieldAndNamesWhatChanged) {
  auto c = Stored(CallStatus::kDraft);
  CallPatch p;
  p.budget = MoneyInput(Eur(5000000));
  p.title = LocalizedText{{"en", "Small Grants 2021 (second round)"}};
  std::vector<std::string> changed;
  EXPECT_TRUE(ApplyPatch(p, &c, &changed).empty());
  EXPECT_EQ(changed, (std::vector<std::string>{"title", "budget"}));
  EXPECT_EQ(c.budget, 5000000);
}

TEST(CallTest, OnceOpenMoneyCountriesAndCriteriaAreFixedButTextAndDatesAreNot) {
  auto c = Stored(CallStatus::kOpen);
  CallPatch p;
  p.budget = MoneyInput(Eur(5000000));
  p.criteria = std::vector<CriterionInput>{
      {.key = "relevance", .name = {{"en", "Relevance"}}, .weight = 100}};
  p.closes_on = "2021-10-21";
  std::vector<std::string> changed;
  const auto problems = ApplyPatch(p, &c, &changed);
  EXPECT_EQ(Fields(problems), (std::vector<std::string>{"budget", "criteria"}));

  c = Stored(CallStatus::kOpen);
  CallPatch fine;
  fine.closes_on = "2021-10-21";
  fine.description = LocalizedText{{"en", "Fixed a typo."}};
  // Resending the fixed fields unchanged (in another order) is no change.
  fine.allocations = std::vector<AllocationInput>{{.country = "RS", .amount = Eur(2400000)}};
  fine.eligible_countries = std::vector<std::string>{"RS", "BA", "ME"};
  changed.clear();
  EXPECT_TRUE(ApplyPatch(fine, &c, &changed).empty());
  EXPECT_EQ(changed, (std::vector<std::string>{"description", "closes_at"}));
  EXPECT_EQ(c.closes_at, At(2021, 10, 21, 22));
  EXPECT_EQ(c.allocations[0].awarded, 500000);  // kept
}

TEST(CallTest, APatchMakingTheWindowEmptyNamesTheDateItSent) {
  auto c = Stored(CallStatus::kDraft);
  CallPatch p;
  p.opens_at = std::optional<Time>(At(2021, 11, 1));
  std::vector<std::string> changed;
  EXPECT_EQ(Fields(ApplyPatch(p, &c, &changed)), std::vector<std::string>{"opens_at"});

  c = Stored(CallStatus::kDraft);
  CallPatch q;
  q.closes_on = "2021-08-01";
  EXPECT_EQ(Fields(ApplyPatch(q, &c, &changed)), std::vector<std::string>{"closes_on"});
}

TEST(CallTest, RemovingAnAllocatedCountryFromEligibleIsNamedOnTheAllocation) {
  auto c = Stored(CallStatus::kDraft);
  CallPatch p;
  p.eligible_countries = std::vector<std::string>{"BA"};
  std::vector<std::string> changed;
  EXPECT_EQ(Fields(ApplyPatch(p, &c, &changed)),
            std::vector<std::string>{"country_allocations[0].country"});
}

TEST(CallTest, Lifecycle) {
  EXPECT_EQ(Transition(CallStatus::kDraft, CallVerb::kOpen), CallStatus::kOpen);
  EXPECT_EQ(Transition(CallStatus::kOpen, CallVerb::kClose), CallStatus::kClosed);
  EXPECT_EQ(Transition(CallStatus::kClosed, CallVerb::kFinalize), CallStatus::kAwarded);
  EXPECT_EQ(Transition(CallStatus::kAwarded, CallVerb::kArchive), CallStatus::kArchived);
  EXPECT_FALSE(Transition(CallStatus::kDraft, CallVerb::kClose));
  EXPECT_FALSE(Transition(CallStatus::kOpen, CallVerb::kOpen));
  EXPECT_FALSE(Transition(CallStatus::kOpen, CallVerb::kFinalize));
  EXPECT_FALSE(Transition(CallStatus::kClosed, CallVerb::kArchive));
  EXPECT_FALSE(Transition(CallStatus::kArchived, CallVerb::kOpen));
  EXPECT_EQ(CallEventWord(CallVerb::kFinalize), "finalized");
  for (auto s : kAllCallStatuses) EXPECT_EQ(ParseCallStatus(CallStatusWord(s)), s);
}

TEST(CallTest, DraftsAreSeenOnlyByNetworkAdmins) {
  GrantCall draft;
  draft.status = CallStatus::kDraft;
  GrantCall open = draft;
  open.status = CallStatus::kOpen;
  const identity::Caller admin{.subject = "a", .role = "network_admin"};
  const identity::Caller member{.subject = "m", .role = "member", .organization_id = "o"};
  const identity::Caller anonymous{};
  EXPECT_TRUE(CanSee(admin, draft));
  EXPECT_FALSE(CanSee(member, draft));
  EXPECT_FALSE(CanSee(anonymous, draft));
  EXPECT_TRUE(CanSee(anonymous, open));
  EXPECT_TRUE(CanManageCalls(admin));
  EXPECT_FALSE(CanManageCalls(member));
}

}  // namespace
}  // namespace iris::grants::domain
