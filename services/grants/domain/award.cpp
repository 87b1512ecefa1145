#include "services/grants/domain/award.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "services/grants/domain/money_limits.hpp"

namespace iris::grants::domain {
namespace {

constexpr std::array<std::string_view, 14> kReadOnly{
    "id",      "application_id", "call_id",         "organization_id", "organization_name",
    "country", "project_title",  "contract_number", "awarded_at",      "paid",
    "version", "created_at",     "updated_at",      "planned"};

}  // namespace

bool IsReadOnlyGrantField(std::string_view field) {
  return std::find(kReadOnly.begin(), kReadOnly.end(), field) != kReadOnly.end();
}

void CheckAwardMoney(std::string_view field, const Money& m, std::string_view currency, int64_t min,
                     std::vector<InvalidField>* problems) {
  const std::string f(field);
  if (m.currency != currency) {
    problems->push_back({f + ".currency", "must be the call's currency, " + std::string(currency)});
  }
  if (m.amount < min) {
    problems->push_back({f + ".amount", min == 0 ? "must not be negative"
                                                 : "must be at least " + std::to_string(min)});
  } else if (m.amount > kMaxAmount) {
    problems->push_back({f + ".amount", "must be at most 10000000000000 minor units"});
  }
}

std::optional<LocalDate> RequiredAwardDate(std::string_view field,
                                           const std::optional<std::string>& s,
                                           std::vector<InvalidField>* problems) {
  if (!s || s->empty()) {
    problems->push_back({std::string(field), "is required"});
    return std::nullopt;
  }
  auto d = ParseDate(*s);
  if (!d) problems->push_back({std::string(field), "must be a date, YYYY-MM-DD"});
  return d;
}

std::vector<InvalidField> CheckAward(const AwardInput& in, std::string_view currency,
                                     int64_t requested, AwardTerms* out) {
  std::vector<InvalidField> problems;
  for (const auto& f : in.read_only_sent)
    problems.push_back({f, "is read-only; the server sets it"});
  for (const auto& f : in.unknown_sent) problems.push_back({f, "is not a field of an award"});
  if (!in.amount) {
    problems.push_back({"amount", "is required"});
  } else {
    CheckAwardMoney("amount", *in.amount, currency, 1, &problems);
    if (in.amount->amount > requested) {
      problems.push_back(
          {"amount.amount", "must be at most the amount requested, " + std::to_string(requested)});
    }
    out->amount = *in.amount;
  }
  const auto starts = RequiredAwardDate("starts_on", in.starts_on, &problems);
  const auto ends = RequiredAwardDate("ends_on", in.ends_on, &problems);
  if (starts && ends && *ends < *starts) {
    problems.push_back({"ends_on", "must not be before starts_on"});
  }
  if (starts) out->starts_on = *starts;
  if (ends) out->ends_on = *ends;
  return problems;
}

std::optional<std::string> AwardBlocker(const AwardCall& call, const AwardApplication& app) {
  if (call.status != "closed") {
    return "awards only while the call is closed; this call is " + call.status;
  }
  if (app.status != "under_review") {
    return "only an application under review is awarded; this one is " + app.status;
  }
  return std::nullopt;
}

std::string ContractNumber(int year, int sequence) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "SGS-%04d-%03d", year, sequence);
  return buf;
}

bool CanFollow(const identity::Caller& c, const Grant& g) {
  if (c.IsNetworkAdmin()) return true;
  if (c.IsCoordinator() && c.country == g.country) return true;
  return IsGrantee(c, g);
}

bool IsGrantee(const identity::Caller& c, const Grant& g) {
  return c.IsMember() && c.organization_id == g.organization_id;
}

}  // namespace iris::grants::domain
