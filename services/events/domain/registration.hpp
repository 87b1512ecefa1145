// Registrations for events (DOMAIN.md events, API.md "Details settled: events"): who may
// register whom, the window, the status flow of open registration and of a call for
// participants, the places each status takes, who sees a registration and which days count
// for attendance. Pure rules: no I/O, no proto.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libs/identity/caller.hpp"
#include "libs/values/text_rules.hpp"
#include "libs/values/types.hpp"

namespace iris::events::domain {

using values::InvalidField;
using values::Time;

enum class RegistrationStatus {
  kSubmitted,
  kSelected,
  kWaitlisted,
  kRejected,
  kConfirmed,
  kCancelled
};
inline constexpr RegistrationStatus kAllRegistrationStatuses[] = {
    RegistrationStatus::kSubmitted, RegistrationStatus::kSelected,  RegistrationStatus::kWaitlisted,
    RegistrationStatus::kRejected,  RegistrationStatus::kConfirmed, RegistrationStatus::kCancelled};
std::string_view RegistrationStatusWord(RegistrationStatus s);  // "waitlisted", ...
std::optional<RegistrationStatus> ParseRegistrationStatus(std::string_view word);

// The limits of a registration's fields (docs/openapi.yaml states the same).
inline constexpr size_t kMaxPersonName = 200;
inline constexpr size_t kMaxMotivation = 4000;
inline constexpr size_t kMaxRegistrationNote = 2000;

struct Registration {
  std::string id;
  std::string event_id;
  std::string person_name;
  std::string person_email;
  std::string organization_id;  // "" when the person registered without one
  std::string motivation;
  RegistrationStatus status = RegistrationStatus::kSubmitted;
  std::string status_note;
  std::optional<Time> status_changed_at;
  std::vector<std::string> attended_days;  // YYYY-MM-DD, ascending
  std::string certificate_code;
  int64_t version = 1;
  Time created_at;
  Time updated_at;
};

// What registrations are checked against: the event's state, audience, window, places and
// local days, read (and locked) by the registrations' own statements.
struct EventFacts {
  std::string id;
  std::string status;             // draft | published | completed | cancelled
  std::string country;            // '' regional
  std::string audience;           // members | public | invited
  std::string registration_mode;  // open | application
  std::optional<int> capacity;    // none: unlimited
  int taken = 0;                  // selected + confirmed
  int waitlisted = 0;
  int submitted = 0;
  Time starts_at;
  Time ends_at;
  std::string timezone;           // IANA name: which local days the event has
  std::optional<Time> opens_at;   // none: open from publication
  std::optional<Time> closes_at;  // none: until starts_at
};

// Network admins; coordinators for events of their country (a regional event is admins' only).
bool IsStaffFor(const identity::Caller& c, const EventFacts& e);
// Whether `c` sees the event at all: drafts only to the staff who may manage them.
bool SeesEvent(const identity::Caller& c, const EventFacts& e);
// Staff for the event and members of the registration's organisation; nobody else.
bool CanSee(const identity::Caller& c, const EventFacts& e, const Registration& r);
// Members of the registration's organisation (confirm and cancel besides staff).
bool IsOwnOrganisation(const identity::Caller& c, const Registration& r);

// Why a registration cannot be created now, as {reason, message}: the event is not published
// ("event_not_published") or `now` is outside the window ("registration_closed"); none when it
// can. The window is [opens_at, closes_at), closes_at defaulting to starts_at, and never lasts
// past ends_at, whatever closes_at says: nobody registers for an event that is over.
struct Refusal {
  std::string reason;
  std::string message;
};
std::optional<Refusal> RefuseRegistration(const EventFacts& e, Time now);

// Who may register, for which organisation: the organisation the registration is for (the
// member's own when it sent none), or a refusal (forbidden / unauthenticated) as
// {reason, message} with reason "unauthenticated" or "forbidden". Only members (for their own
// organisation) and the event's staff register for an organisation: anyone else who sends
// organization_id gets a field problem on it (a registration must not claim an organisation
// the caller cannot speak for).
struct Registrant {
  std::string organization_id;
  std::optional<Refusal> refusal;
  std::optional<InvalidField> problem;  // on organization_id

  bool operator==(const Registrant& o) const {
    return organization_id == o.organization_id && refusal.has_value() == o.refusal.has_value() &&
           (!refusal || refusal->reason == o.refusal->reason) &&
           problem.has_value() == o.problem.has_value();
  }
};
Registrant WhoRegisters(const identity::Caller& c, const EventFacts& e,
                        const std::optional<std::string>& sent_organization_id);

// What membership said of the registration's organisation, as a problem on organization_id
// (none when it is an active member). Its name and status are told only to the organisation's
// own members and to staff; anyone else learns only that it must be an active member.
std::optional<InvalidField> CheckOrganisation(const identity::Caller& c,
                                              const std::string& organization_id, bool exists,
                                              bool active, std::string_view name,
                                              std::string_view status);

// The fields a client sent at creation.
struct RegistrationPatch {
  std::optional<std::string> person_name;
  std::optional<std::string> person_email;
  std::optional<std::string> organization_id;
  std::optional<std::string> motivation;
  std::vector<std::string> read_only_sent;  // status, attended_days, ...
  std::vector<std::string> unknown_sent;
};
bool IsReadOnlyRegistrationField(std::string_view field);

// Applies the sent fields (trimmed; the email is stored as sent and compared without case) and
// checks them: a name of 1..200 characters, an email address, a motivation of at most 4,000
// characters.
std::vector<InvalidField> ApplyNew(const RegistrationPatch& p, Registration* out);

// The status a new registration starts in: application mode submitted; open mode confirmed
// while a place is left, else waitlisted.
RegistrationStatus InitialStatus(const EventFacts& e);
// Whether one more place may be taken (selected or confirmed).
bool HasPlaceLeft(const EventFacts& e);
// A cancellation of `from` frees a place (it held one).
bool HoldsPlace(RegistrationStatus s);
// What the first waitlisted becomes when a place is freed.
RegistrationStatus PromotedStatus(const EventFacts& e);

// How a change of status moves the event's counters (taken, waitlisted, submitted); `from`
// none for a new registration.
struct CounterDelta {
  int taken = 0, waitlisted = 0, submitted = 0;
  bool empty() const { return taken == 0 && waitlisted == 0 && submitted == 0; }
};
CounterDelta DeltaOf(std::optional<RegistrationStatus> from, RegistrationStatus to);

// The verbs' state rules; "cancel" also on submitted, selected, waitlisted and confirmed. OK,
// or the reason it is refused ("cannot select a registration that is confirmed").
std::optional<std::string> RefuseTransition(RegistrationStatus from, RegistrationStatus to,
                                            std::string_view verb);
// Verbs act on registrations of published events only (completed and cancelled events are
// history): the refusal's message, or none.
std::optional<std::string> RefuseForEvent(const EventFacts& e, std::string_view verb);

// Whether `date` (YYYY-MM-DD) is a local day of the event: one of values::LocalDays(starts_at,
// ends_at, timezone), the days certificates are counted against.
bool IsLocalDayOf(const EventFacts& e, std::string_view date);
// Attendance is recorded for a day that has begun in the event's time zone at `now`: the
// refusal's message for a later `date` (YYYY-MM-DD), or none.
std::optional<std::string> RefuseDayToCome(const EventFacts& e, std::string_view date,
                                           values::Time now);
// The event's first and last local day, YYYY-MM-DD (for messages and certificates).
std::string FirstDayOf(const EventFacts& e);
std::string LastDayOf(const EventFacts& e);
// Whether `text` is a calendar date written YYYY-MM-DD (2026-02-30 is not).
bool IsDate(std::string_view text);

// 'IRIS-' and 16 upper-case hexadecimal digits: anything else cannot be a certificate.
bool LooksLikeCertificateCode(std::string_view code);
// A code as people type it (any case, surrounding spaces) in the one case codes are issued in.
std::string NormalisedCertificateCode(std::string_view code);

}  // namespace iris::events::domain
