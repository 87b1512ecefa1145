// Grant applications (DOMAIN.md grants, API.md "Details settled: Applications"): what a member
// organisation asks of a call, the states it goes through and who may see or change it.
// Pure rules: no I/O, no proto.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libs/identity/caller.hpp"
#include "libs/values/text_rules.hpp"
#include "libs/values/types.hpp"
#include "services/grants/domain/scoring.hpp"

namespace iris::grants::domain {

using values::InvalidField;
using values::Money;
using values::Time;

enum class ApplicationStatus { kDraft, kSubmitted, kUnderReview, kAwarded, kRejected, kWithdrawn };
inline constexpr ApplicationStatus kAllApplicationStatuses[] = {
    ApplicationStatus::kDraft,   ApplicationStatus::kSubmitted, ApplicationStatus::kUnderReview,
    ApplicationStatus::kAwarded, ApplicationStatus::kRejected,  ApplicationStatus::kWithdrawn};
std::string_view ApplicationStatusWord(ApplicationStatus s);  // "draft", "under_review", ...
std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view word);

// The limits of an application's fields (docs/openapi.yaml states the same).
inline constexpr size_t kMaxProjectTitle = 300;
inline constexpr size_t kMaxSummary = 4000;
inline constexpr int kMinDurationMonths = 1;
inline constexpr int kMaxDurationMonths = 36;
inline constexpr size_t kMaxBudgetLines = 50;
inline constexpr size_t kMaxBudgetLineDescription = 500;
inline constexpr size_t kMaxNote = 2000;

// API.md "Reference lists": the categories of a budget line.
const std::vector<std::string>& BudgetLineCategories();

struct BudgetLine {
  std::string category;
  std::string description;
  Money amount;

  bool operator==(const BudgetLine&) const = default;
};

struct Application {
  std::string id;
  std::string call_id;
  std::string organization_id;
  std::string organization_name;  // from membership, at submission
  std::string country;            // likewise; empty while a draft
  std::string project_title;
  std::string summary;
  Money requested;
  int duration_months = 0;
  std::vector<BudgetLine> budget_lines;
  ApplicationStatus status = ApplicationStatus::kDraft;
  std::string status_note;
  std::optional<Time> status_changed_at;
  std::optional<Time> submitted_at;
  std::optional<int64_t> score_hundredths;  // none until reviewed
  int review_count = 0;
  std::string grant_id;  // once awarded
  int64_t version = 1;
  Time created_at;
  Time updated_at;
};

// What an application is checked against: the call's state, window, money and criteria.
struct CallFacts {
  std::string id;
  std::string status;  // draft | open | closed | awarded | archived
  Time opens_at;
  Time closes_at;
  std::string currency;
  int64_t max_award = 0;
  std::vector<std::string> eligible_countries;
  std::vector<Weight> criteria;
};

// Open and within its window: opens_at <= now < closes_at.
bool AcceptsApplications(const CallFacts& call, Time now);

// The fields a client sent (create or PATCH); unset ones are left as they are.
struct ApplicationPatch {
  std::optional<std::string> organization_id;
  std::optional<std::string> project_title;
  std::optional<std::string> summary;
  std::optional<Money> requested;
  std::optional<int> duration_months;
  std::optional<std::vector<BudgetLine>> budget_lines;
  std::vector<std::string> read_only_sent;  // server fields (status, score, ...)
  std::vector<std::string> unknown_sent;
};

bool IsReadOnlyApplicationField(std::string_view field);

// Applies the sent fields to `out` (organization_id is the use case's: it decides whose
// application this is) and names what changed. Shape rules only; CheckAgainstCall does the rest.
std::vector<InvalidField> Apply(const ApplicationPatch& p, Application* out,
                                std::vector<std::string>* changed);

// Every rule a complete application must meet, its call's included: title, duration, the
// requested amount (> 0, in the call's currency, at most max_award), 1..50 budget lines in the
// documented categories, each in the call's currency, summing to the request. Checked at
// create, update and submit alike.
std::vector<InvalidField> CheckComplete(const Application& a, const CallFacts& call);

// Who sees what: network admins every application; coordinators those of their country (known
// from submission on); members their organisation's; reviewers those assigned to them.
bool CanSee(const identity::Caller& p, const Application& a, bool assigned_to_caller);
bool IsStaffFor(const identity::Caller& p, const Application& a);
// The application as `p` may read it: while it is being reviewed (submitted, under_review) its
// score and review count are staff's alone, so that neither the applicant nor a reviewer who
// has yet to score sees the others' marks.
Application AsSeenBy(const identity::Caller& p, Application a);
// Members of the applicant organisation: edit, submit, withdraw.
bool IsApplicant(const identity::Caller& p, const Application& a);

// The verbs' state rules: OK, or the reason it is refused ("cannot submit an application that
// is withdrawn").
std::optional<std::string> RefuseTransition(ApplicationStatus from, ApplicationStatus to,
                                            std::string_view verb);

}  // namespace iris::grants::domain
