#include "services/grants/domain/call.hpp"

#include <algorithm>
#include <array>

#include "absl/strings/str_cat.h"
#include "libs/values/local_dates.hpp"
#include "services/grants/domain/call_fields.hpp"

namespace iris::grants::domain {
namespace {

constexpr std::array<std::string_view, 8> kReadOnly{
    "id",      "status",  "status_note", "status_changed_at",
    "awarded", "version", "created_at",  "updated_at"};

constexpr std::array<std::string_view, 5> kFixedAfterDraft{
    "budget", "max_award", "eligible_countries", "country_allocations", "criteria"};

}  // namespace

std::string_view CallStatusWord(CallStatus s) {
  switch (s) {
    case CallStatus::kDraft: return "draft";
    case CallStatus::kOpen: return "open";
    case CallStatus::kClosed: return "closed";
    case CallStatus::kAwarded: return "awarded";
    case CallStatus::kArchived: return "archived";
  }
  return "draft";
}

std::optional<CallStatus> ParseCallStatus(std::string_view word) {
  for (auto s : kAllCallStatuses) {
    if (CallStatusWord(s) == word) return s;
  }
  return std::nullopt;
}

std::string ClosesOn(const GrantCall& call) {
  return DateText(ClosingDay(call.closes_at, call.timezone));
}

bool IsReadOnlyCallField(std::string_view field) {
  return std::find(kReadOnly.begin(), kReadOnly.end(), field) != kReadOnly.end();
}

bool IsFixedAfterDraft(std::string_view field) {
  return std::find(kFixedAfterDraft.begin(), kFixedAfterDraft.end(), field) !=
         kFixedAfterDraft.end();
}

std::vector<InvalidField> NewCall(const CallPatch& patch, GrantCall* out) {
  std::vector<InvalidField> problems;
  *out = GrantCall{};
  ApplyFields(patch, out, /*creating=*/true, &problems);
  return problems;
}

std::vector<InvalidField> ApplyPatch(const CallPatch& patch, GrantCall* call,
                                     std::vector<std::string>* changed) {
  std::vector<InvalidField> problems;
  const GrantCall before = *call;
  // Allocations sent unchanged keep what was awarded in their country (a resent list is no
  // change); changed ones are a draft's, which has no awards yet.
  ApplyFields(patch, call, /*creating=*/false, &problems);
  // Stored allocations come ordered by country; a client may send them in any order.
  auto same_allocations = [](std::vector<CountryAllocation> a, std::vector<CountryAllocation> b) {
    auto by_country = [](const CountryAllocation& x, const CountryAllocation& y) {
      return x.country < y.country;
    };
    std::sort(a.begin(), a.end(), by_country);
    std::sort(b.begin(), b.end(), by_country);
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const CountryAllocation& x, const CountryAllocation& y) {
                        return x.country == y.country && x.amount == y.amount;
                      });
  };
  if (same_allocations(call->allocations, before.allocations)) {
    call->allocations = before.allocations;
  }
  struct Compared {
    std::string_view field;
    bool differs;
  };
  const Compared fields[] = {
      {"title", call->title != before.title},
      {"description", call->description != before.description},
      {"opens_at", call->opens_at != before.opens_at},
      {"closes_at", call->closes_at != before.closes_at},
      {"timezone", call->timezone != before.timezone},
      {"budget", call->budget != before.budget || call->currency != before.currency},
      {"max_award", call->max_award != before.max_award},
      {"eligible_countries", call->eligible_countries != before.eligible_countries},
      {"country_allocations", !same_allocations(call->allocations, before.allocations)},
      {"criteria", call->criteria != before.criteria},
  };
  for (const auto& f : fields) {
    if (!f.differs) continue;
    changed->emplace_back(f.field);
    if (before.status != CallStatus::kDraft && IsFixedAfterDraft(f.field)) {
      problems.push_back(
          {std::string(f.field), absl::StrCat("is fixed once the call has opened (it is ",
                                              std::string(CallStatusWord(before.status)),
                                              "); only a draft's can change")});
    }
  }
  return problems;
}

std::string_view CallVerbWord(CallVerb v) {
  switch (v) {
    case CallVerb::kOpen: return "open";
    case CallVerb::kClose: return "close";
    case CallVerb::kFinalize: return "finalize";
    case CallVerb::kArchive: return "archive";
  }
  return "open";
}

std::string_view CallEventWord(CallVerb v) {
  switch (v) {
    case CallVerb::kOpen: return "opened";
    case CallVerb::kClose: return "closed";
    case CallVerb::kFinalize: return "finalized";
    case CallVerb::kArchive: return "archived";
  }
  return "updated";
}

std::optional<CallStatus> Transition(CallStatus from, CallVerb verb) {
  switch (verb) {
    case CallVerb::kOpen:
      if (from == CallStatus::kDraft) return CallStatus::kOpen;
      break;
    case CallVerb::kClose:
      if (from == CallStatus::kOpen) return CallStatus::kClosed;
      break;
    case CallVerb::kFinalize:
      if (from == CallStatus::kClosed) return CallStatus::kAwarded;
      break;
    case CallVerb::kArchive:
      if (from == CallStatus::kAwarded) return CallStatus::kArchived;
      break;
  }
  return std::nullopt;
}

bool CanManageCalls(const identity::Caller& caller) { return caller.IsNetworkAdmin(); }

bool CanSee(const identity::Caller& caller, const GrantCall& call) {
  return call.status != CallStatus::kDraft || CanManageCalls(caller);
}

}  // namespace iris::grants::domain
