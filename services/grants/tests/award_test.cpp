// Rules of awards, tranches and reports: the terms an award takes, contract numbers, who follows
// a grant, and the state machines of tranches and reports.
#include "services/grants/domain/award.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "libs/values/local_dates.hpp"
#include "services/grants/domain/money_limits.hpp"
#include "services/grants/domain/report.hpp"
#include "services/grants/domain/tranche.hpp"

namespace iris::grants::domain {
namespace {

std::set<std::string> Fields(const std::vector<InvalidField>& problems) {
  std::set<std::string> out;
  for (const auto& p : problems) out.insert(p.field);
  return out;
}

AwardInput ValidAward() {
  AwardInput in;
  in.amount = Money{650000, "EUR"};
  in.starts_on = "2022-01-01";
  in.ends_on = "2022-12-31";
  return in;
}

TEST(AwardTest, ValidTermsAreTaken) {
  AwardTerms terms;
  EXPECT_TRUE(CheckAward(ValidAward(), "EUR", 800000, &terms).empty());
  EXPECT_EQ(terms.amount, (Money{650000, "EUR"}));
  EXPECT_EQ(terms.starts_on, (LocalDate{2022, 1, 1}));
  EXPECT_EQ(terms.ends_on, (LocalDate{2022, 12, 31}));
}

TEST(AwardTest, AmountUpToTheRequestedOnlyAndInTheCallsCurrency) {
  AwardTerms terms;
  auto in = ValidAward();
  EXPECT_TRUE(CheckAward(in, "EUR", 650000, &terms).empty());  // exactly the request
  EXPECT_EQ(Fields(CheckAward(in, "EUR", 649999, &terms)), std::set<std::string>{"amount.amount"});
  EXPECT_EQ(Fields(CheckAward(in, "RSD", 800000, &terms)),
            std::set<std::string>{"amount.currency"});
  in.amount = Money{0, "EUR"};
  EXPECT_EQ(Fields(CheckAward(in, "EUR", 800000, &terms)), std::set<std::string>{"amount.amount"});
  in.amount.reset();
  EXPECT_EQ(Fields(CheckAward(in, "EUR", 800000, &terms)), std::set<std::string>{"amount"});
}

TEST(AwardTest, DatesMustBeDatesInOrderAndEveryProblemComesAtOnce) {
  AwardTerms terms;
  auto in = ValidAward();
  in.ends_on = "2021-12-31";
  EXPECT_EQ(Fields(CheckAward(in, "EUR", 800000, &terms)), std::set<std::string>{"ends_on"});
  in.ends_on = "2022-01-01";  // one day is a period
  EXPECT_TRUE(CheckAward(in, "EUR", 800000, &terms).empty());
  in.starts_on = "2022-02-30";
  in.ends_on.reset();
  in.amount = Money{1, "USD"};
  in.read_only_sent = {"contract_number"};
  in.unknown_sent = {"color"};
  EXPECT_EQ(Fields(CheckAward(in, "EUR", 800000, &terms)),
            (std::set<std::string>{"amount.currency", "starts_on", "ends_on", "contract_number",
                                   "color"}));
}

TEST(AwardTest, OnlyAnApplicationUnderReviewOfAClosedCallIsAwarded) {
  AwardCall call{.id = "c",
                 .status = "closed",
                 .currency = "EUR",
                 .budget = 100,
                 .awarded = 0,
                 .grant_count = 0,
                 .opens_year = 2021};
  AwardApplication app;
  app.status = "under_review";
  EXPECT_FALSE(AwardBlocker(call, app));
  app.status = "awarded";
  ASSERT_TRUE(AwardBlocker(call, app));
  EXPECT_NE(AwardBlocker(call, app)->find("awarded"), std::string::npos);
  app.status = "under_review";
  call.status = "open";
  ASSERT_TRUE(AwardBlocker(call, app));
  EXPECT_NE(AwardBlocker(call, app)->find("awards only while the call is closed"),
            std::string::npos);
}

TEST(AwardTest, ContractNumbersArePadded) {
  EXPECT_EQ(ContractNumber(2021, 7), "SGS-2021-007");
  EXPECT_EQ(ContractNumber(2021, 39), "SGS-2021-039");
  EXPECT_EQ(ContractNumber(2026, 1234), "SGS-2026-1234");
}

TEST(AwardTest, StaffOfTheCountryAndTheGranteeFollowAGrant) {
  Grant g;
  g.organization_id = "org-1";
  g.country = "RS";
  const identity::Caller admin{"u1", "network_admin"};
  const identity::Caller coordinator{"u2", "national_coordinator", "", "RS"};
  const identity::Caller other_coordinator{"u3", "national_coordinator", "", "BA"};
  const identity::Caller grantee{"u4", "member", "org-1"};
  const identity::Caller other_member{"u5", "member", "org-2"};
  const identity::Caller partner{"u6", "partner"};
  EXPECT_TRUE(CanFollow(admin, g));
  EXPECT_TRUE(CanFollow(coordinator, g));
  EXPECT_FALSE(CanFollow(other_coordinator, g));
  EXPECT_TRUE(CanFollow(grantee, g));
  EXPECT_FALSE(CanFollow(other_member, g));
  EXPECT_FALSE(CanFollow(partner, g));
  EXPECT_FALSE(CanFollow(identity::Caller{}, g));
  EXPECT_TRUE(IsGrantee(grantee, g));
  EXPECT_FALSE(IsGrantee(admin, g));
}

TEST(TrancheTest, AmountInTheCurrencyAndADueDate) {
  TrancheInput in;
  in.amount = Money{390000, "EUR"};
  in.due_on = "2022-01-15";
  in.requires_report = ReportKind::kInterim;
  Tranche t;
  EXPECT_TRUE(CheckTranche(in, "EUR", &t).empty());
  EXPECT_EQ(t.requires_report, ReportKind::kInterim);
  EXPECT_EQ(t.status, TrancheStatus::kPlanned);
  in.amount = Money{-5, "RSD"};
  in.due_on = "15.01.2022";
  in.read_only_sent = {"status"};
  EXPECT_EQ(Fields(CheckTranche(in, "EUR", &t)),
            (std::set<std::string>{"amount.amount", "amount.currency", "due_on", "status"}));
}

// No amount near the 64-bit limit: sums of them (planned + amount) could not overflow.
TEST(TrancheTest, AmountsAboveTheCeilingAreRefused) {
  TrancheInput in;
  in.amount = Money{kMaxAmount + 1, "EUR"};
  in.due_on = "2022-01-15";
  Tranche t;
  EXPECT_EQ(Fields(CheckTranche(in, "EUR", &t)), std::set<std::string>{"amount.amount"});
  in.amount = Money{INT64_MAX, "EUR"};
  EXPECT_EQ(Fields(CheckTranche(in, "EUR", &t)), std::set<std::string>{"amount.amount"});
  in.amount = Money{kMaxAmount, "EUR"};
  EXPECT_TRUE(CheckTranche(in, "EUR", &t).empty());
}

TEST(LocalDatesTest, YearsWhoseDaysEndInsideWhatTheApiCarries) {
  EXPECT_TRUE(ParseDate("9998-12-31").has_value());
  EXPECT_FALSE(ParseDate("9999-12-31").has_value());
  EXPECT_FALSE(ParseDate("1899-12-31").has_value());
  EXPECT_FALSE(ParseDate("2021-02-30").has_value());
  EXPECT_FALSE(ParseDate("+021-02-03").has_value());
}

TEST(TrancheTest, PlannedIsPaidOrCancelledOnce) {
  EXPECT_TRUE(CanMove(TrancheStatus::kPlanned, TrancheStatus::kPaid));
  EXPECT_TRUE(CanMove(TrancheStatus::kPlanned, TrancheStatus::kCancelled));
  EXPECT_FALSE(CanMove(TrancheStatus::kPaid, TrancheStatus::kPaid));
  EXPECT_FALSE(CanMove(TrancheStatus::kPaid, TrancheStatus::kCancelled));
  EXPECT_FALSE(CanMove(TrancheStatus::kCancelled, TrancheStatus::kPaid));
}

TEST(ReportTest, NewReportNeedsKindNarrativeAndSpent) {
  ReportInput in;
  in.kind_sent = true;
  in.kind = ReportKind::kFinal;
  in.narrative = "  Završni izvještaj.  ";
  in.spent = Money{0, "EUR"};
  Report r;
  EXPECT_TRUE(CheckNewReport(in, "EUR", &r).empty());
  EXPECT_EQ(r.narrative, "Završni izvještaj.");
  EXPECT_EQ(r.kind, ReportKind::kFinal);
  EXPECT_EQ(r.status, ReportStatus::kSubmitted);

  EXPECT_EQ(Fields(CheckNewReport(ReportInput{}, "EUR", &r)),
            (std::set<std::string>{"kind", "narrative", "spent"}));
  in.narrative = std::string(20001, 'a');
  in.spent = Money{-1, "USD"};
  EXPECT_EQ(Fields(CheckNewReport(in, "EUR", &r)),
            (std::set<std::string>{"narrative", "spent.amount", "spent.currency"}));
  in.narrative = std::string(20000, 'a');
  in.spent = Money{1, "EUR"};
  EXPECT_TRUE(CheckNewReport(in, "EUR", &r).empty());
}

TEST(ReportTest, PatchChangesOnlyWhatWasSent) {
  Report r;
  r.kind = ReportKind::kInterim;
  r.narrative = "old";
  r.spent = Money{5, "EUR"};
  ReportInput in;
  in.narrative = "new";
  std::vector<std::string> changed;
  EXPECT_TRUE(ApplyReportPatch(in, "EUR", &r, &changed).empty());
  EXPECT_EQ(r.narrative, "new");
  EXPECT_EQ(r.spent, (Money{5, "EUR"}));
  EXPECT_EQ(changed, std::vector<std::string>{"narrative"});
  in.narrative = " ";
  in.read_only_sent = {"status"};
  EXPECT_EQ(Fields(ApplyReportPatch(in, "EUR", &r, &changed)),
            (std::set<std::string>{"narrative", "status"}));
}

TEST(ReportTest, SubmittedIsAcceptedOrReturnedAndAReturnedOneIsSubmittedAgain) {
  EXPECT_TRUE(CanMove(ReportStatus::kSubmitted, ReportStatus::kAccepted));
  EXPECT_TRUE(CanMove(ReportStatus::kSubmitted, ReportStatus::kReturned));
  EXPECT_TRUE(CanMove(ReportStatus::kReturned, ReportStatus::kSubmitted));
  EXPECT_FALSE(CanMove(ReportStatus::kReturned, ReportStatus::kAccepted));
  EXPECT_FALSE(CanMove(ReportStatus::kSubmitted, ReportStatus::kSubmitted));
  EXPECT_FALSE(CanMove(ReportStatus::kAccepted, ReportStatus::kReturned));
  EXPECT_FALSE(CanMove(ReportStatus::kAccepted, ReportStatus::kSubmitted));
}

}  // namespace
}  // namespace iris::grants::domain
