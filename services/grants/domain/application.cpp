#include "services/grants/domain/application.hpp"

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace iris::grants::domain {
namespace {

constexpr std::array<std::string_view, 13> kReadOnly{
    "id",          "call_id",           "organization_name", "country", "status",
    "status_note", "status_changed_at", "submitted_at",      "score",   "review_count",
    "grant_id",    "version",           "created_at"};

constexpr std::array kStatuses{ApplicationStatus::kDraft,       ApplicationStatus::kSubmitted,
                               ApplicationStatus::kUnderReview, ApplicationStatus::kAwarded,
                               ApplicationStatus::kRejected,    ApplicationStatus::kWithdrawn};

std::string Trimmed(const std::string& s) { return std::string(absl::StripAsciiWhitespace(s)); }

// "EUR 8,000.00" would need the currency's exponent; minor units say it exactly.
std::string AmountText(const Money& m) {
  return absl::StrCat(m.amount, " (minor units of ", m.currency, ")");
}

}  // namespace

std::string_view ApplicationStatusWord(ApplicationStatus s) {
  switch (s) {
    case ApplicationStatus::kDraft: return "draft";
    case ApplicationStatus::kSubmitted: return "submitted";
    case ApplicationStatus::kUnderReview: return "under_review";
    case ApplicationStatus::kAwarded: return "awarded";
    case ApplicationStatus::kRejected: return "rejected";
    case ApplicationStatus::kWithdrawn: return "withdrawn";
  }
  return "draft";
}

std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view word) {
  for (auto s : kStatuses) {
    if (ApplicationStatusWord(s) == word) return s;
  }
  return std::nullopt;
}

const std::vector<std::string>& BudgetLineCategories() {
  static const std::vector<std::string> kCategories{"personnel", "travel",         "equipment",
                                                    "services",  "administration", "other"};
  return kCategories;
}

bool AcceptsApplications(const CallFacts& call, Time now) {
  return call.status == "open" && call.opens_at <= now && now < call.closes_at;
}

bool IsReadOnlyApplicationField(std::string_view field) {
  return field == "updated_at" ||
         std::find(kReadOnly.begin(), kReadOnly.end(), field) != kReadOnly.end();
}

std::vector<InvalidField> Apply(const ApplicationPatch& p, Application* out,
                                std::vector<std::string>* changed) {
  std::vector<InvalidField> problems;
  for (const auto& f : p.read_only_sent) {
    problems.push_back({f, "is read-only; the server sets it"});
  }
  for (const auto& f : p.unknown_sent) {
    problems.push_back({f, "is not a field of a grant application"});
  }
  auto set = [changed](auto& field, auto value, const char* name) {
    if (field == value) return;
    field = std::move(value);
    changed->push_back(name);
  };
  if (p.project_title) set(out->project_title, Trimmed(*p.project_title), "project_title");
  if (p.summary) set(out->summary, Trimmed(*p.summary), "summary");
  if (p.requested) set(out->requested, *p.requested, "requested");
  if (p.duration_months) set(out->duration_months, *p.duration_months, "duration_months");
  if (p.budget_lines) {
    std::vector<BudgetLine> lines = *p.budget_lines;
    for (auto& l : lines) {
      l.category = Trimmed(l.category);
      l.description = Trimmed(l.description);
    }
    set(out->budget_lines, std::move(lines), "budget_lines");
  }
  return problems;
}

std::vector<InvalidField> CheckComplete(const Application& a, const CallFacts& call) {
  std::vector<InvalidField> problems;
  if (a.project_title.empty()) {
    problems.push_back({"project_title", "is required"});
  } else if (values::CharCount(a.project_title) > kMaxProjectTitle) {
    problems.push_back(
        {"project_title", absl::StrCat("must be at most ", kMaxProjectTitle, " characters")});
  }
  if (values::CharCount(a.summary) > kMaxSummary) {
    problems.push_back({"summary", absl::StrCat("must be at most ", kMaxSummary, " characters")});
  }
  if (a.duration_months < kMinDurationMonths || a.duration_months > kMaxDurationMonths) {
    problems.push_back({"duration_months", absl::StrCat("must be from ", kMinDurationMonths, " to ",
                                                        kMaxDurationMonths, " months")});
  }
  const bool requested_ok = a.requested.amount > 0 && a.requested.currency == call.currency &&
                            a.requested.amount <= call.max_award;
  if (a.requested.amount <= 0) {
    problems.push_back({"requested.amount", "is required and must be more than 0"});
  } else if (a.requested.amount > call.max_award) {
    problems.push_back(
        {"requested.amount", absl::StrCat("must be at most the call's max_award, ",
                                          AmountText({call.max_award, call.currency}))});
  }
  if (a.requested.currency != call.currency) {
    problems.push_back({"requested.currency", "must be the call's currency, " + call.currency});
  }
  if (a.budget_lines.empty()) {
    problems.push_back({"budget_lines", "needs at least one line"});
    return problems;
  }
  if (a.budget_lines.size() > kMaxBudgetLines) {
    problems.push_back(
        {"budget_lines", absl::StrCat("must have at most ", kMaxBudgetLines, " lines")});
    return problems;
  }
  const auto& categories = BudgetLineCategories();
  int64_t sum = 0;
  bool lines_ok = true;
  for (size_t i = 0; i < a.budget_lines.size(); ++i) {
    const BudgetLine& l = a.budget_lines[i];
    const std::string at = absl::StrCat("budget_lines[", i, "]");
    if (std::find(categories.begin(), categories.end(), l.category) == categories.end()) {
      problems.push_back({at + ".category",
                          "must be one of personnel, travel, equipment, services, "
                          "administration, other"});
    }
    if (values::CharCount(l.description) > kMaxBudgetLineDescription) {
      problems.push_back(
          {at + ".description",
           absl::StrCat("must be at most ", kMaxBudgetLineDescription, " characters")});
    }
    if (l.amount.amount <= 0) {
      problems.push_back({at + ".amount.amount", "is required and must be more than 0"});
      lines_ok = false;
    } else if (__builtin_add_overflow(sum, l.amount.amount, &sum)) {
      problems.push_back({at + ".amount.amount", "is too large"});
      lines_ok = false;
    }
    if (l.amount.currency != call.currency) {
      problems.push_back(
          {at + ".amount.currency", "must be the call's currency, " + call.currency});
      lines_ok = false;
    }
  }
  if (lines_ok && requested_ok && sum != a.requested.amount) {
    problems.push_back(
        {"budget_lines", absl::StrCat("must sum to the requested amount, ", AmountText(a.requested),
                                      "; they sum to ", AmountText({sum, call.currency}))});
  }
  return problems;
}

Application AsSeenBy(const identity::Caller& p, Application a) {
  const bool in_review =
      a.status == ApplicationStatus::kSubmitted || a.status == ApplicationStatus::kUnderReview;
  if (in_review && !IsStaffFor(p, a)) {
    a.score_hundredths.reset();
    a.review_count = 0;
  }
  return a;
}

bool IsStaffFor(const identity::Caller& p, const Application& a) {
  return p.IsNetworkAdmin() || (p.IsCoordinator() && !a.country.empty() && p.country == a.country);
}

bool IsApplicant(const identity::Caller& p, const Application& a) {
  return p.IsMember() && p.organization_id == a.organization_id;
}

bool CanSee(const identity::Caller& p, const Application& a, bool assigned_to_caller) {
  if (IsStaffFor(p, a) || IsApplicant(p, a)) return true;
  return p.HasRole(identity::kReviewer) && assigned_to_caller;
}

std::optional<std::string> RefuseTransition(ApplicationStatus from, ApplicationStatus to,
                                            std::string_view verb) {
  bool allowed = false;
  switch (to) {
    case ApplicationStatus::kSubmitted: allowed = from == ApplicationStatus::kDraft; break;
    case ApplicationStatus::kWithdrawn:
      allowed = from == ApplicationStatus::kDraft || from == ApplicationStatus::kSubmitted ||
                from == ApplicationStatus::kUnderReview;
      break;
    case ApplicationStatus::kRejected: allowed = from == ApplicationStatus::kUnderReview; break;
    default: allowed = false;
  }
  if (allowed) return std::nullopt;
  return "cannot " + std::string(verb) + " an application that is " +
         std::string(ApplicationStatusWord(from));
}

}  // namespace iris::grants::domain
