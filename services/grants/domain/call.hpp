// Grant calls: the Small Grants Scheme's calls for proposals, their rules (money, countries,
// weighted criteria, the window) and their lifecycle draft -> open -> closed -> awarded ->
// archived. Pure rules: no I/O, no proto.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libs/identity/caller.hpp"
#include "libs/values/text_rules.hpp"
#include "libs/values/types.hpp"
#include "services/grants/domain/dates.hpp"

namespace iris::grants::domain {

using values::InvalidField;
using values::LocalizedText;
using values::Money;
using values::Time;

enum class CallStatus { kDraft, kOpen, kClosed, kAwarded, kArchived };
std::string_view CallStatusWord(CallStatus s);  // "draft", as stored and on the wire
std::optional<CallStatus> ParseCallStatus(std::string_view word);
inline constexpr CallStatus kAllCallStatuses[] = {CallStatus::kDraft, CallStatus::kOpen,
                                                  CallStatus::kClosed, CallStatus::kAwarded,
                                                  CallStatus::kArchived};

// Limits a client meets as 422s (docs/openapi.yaml says the same).
inline constexpr size_t kMaxCallTitle = 300;          // characters per language
inline constexpr size_t kMaxCallDescription = 20000;  // characters per language
inline constexpr size_t kMaxCriterionName = 200;      // characters per language
inline constexpr size_t kMaxCriteria = 20;
inline constexpr size_t kMaxCriterionKey = 40;
inline constexpr size_t kMaxCallCountries = 50;  // eligible countries, allocations
inline constexpr size_t kMaxTimeZoneName = 64;
inline constexpr size_t kMaxStatusNote = 2000;
inline constexpr int kWeightTotal = 100;

struct Criterion {
  std::string key;  // lower-case slug, unique in the call: the key of review scores
  LocalizedText name;
  int weight = 0;  // 1..100; the call's weights sum to 100
  bool operator==(const Criterion&) const = default;
};

struct CountryAllocation {
  std::string country;
  int64_t amount = 0;   // minor units of the call's currency
  int64_t awarded = 0;  // read-only: the sum of the country's grants (awards keep it)
  bool operator==(const CountryAllocation&) const = default;
};

struct GrantCall {
  std::string id;
  LocalizedText title;
  LocalizedText description;  // empty: none
  Time opens_at;
  Time closes_at;  // the exact instant submissions stop
  std::string timezone;
  std::string currency;  // ISO 4217 of budget, max_award and every amount of the call
  int64_t budget = 0;
  int64_t max_award = 0;
  std::vector<std::string> eligible_countries;
  std::vector<CountryAllocation> allocations;
  std::vector<Criterion> criteria;
  CallStatus status = CallStatus::kDraft;
  std::string status_note;
  std::optional<Time> status_changed_at;
  int64_t awarded = 0;  // the sum of the call's grants
  int64_t version = 1;
  Time created_at;
  Time updated_at;
};

// The output closes_on: the local day closes_at belongs to, YYYY-MM-DD in the call's zone.
std::string ClosesOn(const GrantCall& call);

// A money object as sent; nullopt inside: sent as null (or without a value).
using MoneyInput = std::optional<Money>;

struct CriterionInput {
  std::string key;
  LocalizedText name;
  int weight = 0;
};

struct AllocationInput {
  std::string country;
  MoneyInput amount;
};

// The fields a client writes, each set only when it was sent (an inner nullopt: sent empty or
// null, which clears an optional field and fails a required one).
struct CallPatch {
  std::optional<LocalizedText> title, description;
  std::optional<std::optional<Time>> opens_at, closes_at;
  std::optional<std::string> closes_on;  // YYYY-MM-DD: EndOfDay in the call's zone
  std::optional<std::string> timezone;   // empty: the default zone
  std::optional<MoneyInput> budget, max_award;
  std::optional<std::vector<std::string>> eligible_countries;
  std::optional<std::vector<AllocationInput>> allocations;
  std::optional<std::vector<CriterionInput>> criteria;
  // Names of fields the client sent that it may never write (status, version, ...).
  std::vector<std::string> read_only_sent;
  // Names that are no field of a call at all.
  std::vector<std::string> unknown_sent;
};

// Fields the server owns; a client naming one gets 422 on that field.
bool IsReadOnlyCallField(std::string_view field);

// Fields fixed once a call leaves draft: what applicants have planned against. A patch
// changing one of them later is 422 on the field ("fixed once the call opened"); text and
// dates stay editable until the call is archived (a typo is fixed, not re-announced).
bool IsFixedAfterDraft(std::string_view field);

// A new call from `patch`: every required field present, every rule checked. Every problem at
// once, named as the body names them ("criteria[1].weight",
// "country_allocations[0].amount.currency").
std::vector<InvalidField> NewCall(const CallPatch& patch, GrantCall* out);

// Applies the patch to `call` (its current state, status included) and returns every problem
// at once; names of changed fields go to *changed (for the audit log), in field order. A
// patch that makes opens_at >= closes_at is a problem on the date it sent.
std::vector<InvalidField> ApplyPatch(const CallPatch& patch, GrantCall* call,
                                     std::vector<std::string>* changed);

// Lifecycle verbs.
enum class CallVerb { kOpen, kClose, kFinalize, kArchive };
std::string_view CallVerbWord(CallVerb v);   // "open", the route's verb
std::string_view CallEventWord(CallVerb v);  // "opened", of grants.call.<event>
// The status `verb` leads to from `from`, or nullopt when the verb is not allowed there:
// draft->open, open->closed, closed->awarded, awarded->archived.
std::optional<CallStatus> Transition(CallStatus from, CallVerb verb);

// Network admins manage calls (create, change, move through the lifecycle).
bool CanManageCalls(const identity::Caller& caller);
// Everyone, anonymous callers included, sees calls that are not drafts; drafts only managers.
bool CanSee(const identity::Caller& caller, const GrantCall& call);

}  // namespace iris::grants::domain
