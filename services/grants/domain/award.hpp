// Grants awarded (issue 15 item 4): the award's terms, the facts of the call and application an
// award is decided on, contract numbers, and who follows a grant. Pure rules: no I/O, no proto.
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
using values::Money;
using values::Time;

struct Grant {
  std::string id;
  std::string application_id;
  std::string call_id;
  std::string organization_id;
  std::string organization_name;
  std::string country;
  std::string project_title;
  Money amount;
  std::string contract_number;
  LocalDate starts_on;
  LocalDate ends_on;
  Time awarded_at;
  int64_t planned = 0;  // sum of its planned and paid tranches
  int64_t paid = 0;     // sum of its paid tranches
  int64_t version = 1;
  Time created_at;
  Time updated_at;
};

// What a network admin sends to .../award; a field not sent is nullopt.
struct AwardInput {
  std::optional<Money> amount;
  std::optional<std::string> starts_on, ends_on;
  std::vector<std::string> read_only_sent;  // server fields of a grant (id, contract_number, ...)
  std::vector<std::string> unknown_sent;
};

// The award's terms once checked.
struct AwardTerms {
  Money amount;
  LocalDate starts_on;
  LocalDate ends_on;
};

// The call as an award sees it, read under its row lock.
struct AwardCall {
  std::string id;
  std::string status;  // draft, open, closed, awarded, archived
  std::string currency;
  int64_t budget = 0;
  int64_t awarded = 0;
  int grant_count = 0;
  int opens_year = 0;  // the year of opens_at in the call's time zone: contract numbers
};

// The application as an award sees it, read under its row lock.
struct AwardApplication {
  std::string id;
  std::string call_id;
  std::string status;  // draft, submitted, under_review, awarded, rejected, withdrawn
  int64_t requested = 0;
  std::string organization_id;
  std::string organization_name;
  std::string country;
  std::string project_title;
  int64_t version = 1;
};

// A country's ceiling within a call.
struct Allocation {
  int64_t amount = 0;
  int64_t awarded = 0;
};

bool IsReadOnlyGrantField(std::string_view field);

// A money field sent in a request: its currency must be the call's and its amount at least
// `min`; problems are named "<field>.currency" / "<field>.amount".
void CheckAwardMoney(std::string_view field, const Money& m, std::string_view currency, int64_t min,
                     std::vector<InvalidField>* problems);

// A date field (YYYY-MM-DD) that must be sent; nullopt after adding its problem.
std::optional<LocalDate> RequiredAwardDate(std::string_view field,
                                           const std::optional<std::string>& s,
                                           std::vector<InvalidField>* problems);

// The terms of an award: amount > 0 in the call's currency and at most `requested`, both dates
// with starts_on <= ends_on, no server field. Every problem at once.
std::vector<InvalidField> CheckAward(const AwardInput& in, std::string_view currency,
                                     int64_t requested, AwardTerms* out);

// What keeps an application from being awarded now, as a sentence; nullopt when nothing does.
// (The call closed, then the application under review.)
std::optional<std::string> AwardBlocker(const AwardCall& call, const AwardApplication& app);

// "SGS-2021-007": the call's year and the grant's sequence number within the call.
std::string ContractNumber(int year, int sequence);

// Tranches and reports of a grant: network admins, the coordinator of its country and the
// members of the grantee organisation see them; nobody else learns they exist.
bool CanFollow(const identity::Caller& c, const Grant& g);
// A member of the grantee organisation: writes the grant's reports.
bool IsGrantee(const identity::Caller& c, const Grant& g);

}  // namespace iris::grants::domain
