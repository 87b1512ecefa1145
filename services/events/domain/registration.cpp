#include "services/events/domain/registration.hpp"

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/values/local_dates.hpp"

namespace iris::events::domain {
namespace {

using S = RegistrationStatus;

constexpr std::array<std::string_view, 10> kReadOnly{"id",
                                                     "event_id",
                                                     "status",
                                                     "status_note",
                                                     "status_changed_at",
                                                     "attended_days",
                                                     "certificate_code",
                                                     "version",
                                                     "created_at",
                                                     "updated_at"};

std::string Trimmed(const std::string& s) { return std::string(absl::StripAsciiWhitespace(s)); }

std::string Word(S s) { return std::string(RegistrationStatusWord(s)); }

}  // namespace

std::string_view RegistrationStatusWord(RegistrationStatus s) {
  switch (s) {
    case S::kSubmitted: return "submitted";
    case S::kSelected: return "selected";
    case S::kWaitlisted: return "waitlisted";
    case S::kRejected: return "rejected";
    case S::kConfirmed: return "confirmed";
    case S::kCancelled: return "cancelled";
  }
  return "submitted";
}

std::optional<RegistrationStatus> ParseRegistrationStatus(std::string_view word) {
  for (auto s : kAllRegistrationStatuses) {
    if (RegistrationStatusWord(s) == word) return s;
  }
  return std::nullopt;
}

bool IsStaffFor(const identity::Caller& c, const EventFacts& e) {
  return c.IsNetworkAdmin() || (c.IsCoordinator() && !e.country.empty() && c.country == e.country);
}

bool SeesEvent(const identity::Caller& c, const EventFacts& e) {
  return e.status != "draft" || IsStaffFor(c, e);
}

bool IsOwnOrganisation(const identity::Caller& c, const Registration& r) {
  return c.IsMember() && !r.organization_id.empty() && c.organization_id == r.organization_id;
}

bool CanSee(const identity::Caller& c, const EventFacts& e, const Registration& r) {
  return IsStaffFor(c, e) || IsOwnOrganisation(c, r);
}

std::optional<Refusal> RefuseRegistration(const EventFacts& e, Time now) {
  if (e.status != "published") {
    return Refusal{"event_not_published",
                   "the event is " + e.status + ": registrations are taken while it is published"};
  }
  if (e.opens_at && now < *e.opens_at) {
    return Refusal{"registration_closed",
                   "registration has not opened yet (see registration.opens_at)"};
  }
  if (now >= e.ends_at) {
    return Refusal{"registration_closed", "the event has ended: registration is closed"};
  }
  const Time closes = e.closes_at ? *e.closes_at : e.starts_at;
  if (now >= closes) {
    return Refusal{"registration_closed", e.closes_at
                                              ? "registration closed at registration.closes_at"
                                              : "registration closed when the event started"};
  }
  return std::nullopt;
}

Registrant WhoRegisters(const identity::Caller& c, const EventFacts& e,
                        const std::optional<std::string>& sent_organization_id) {
  const std::string sent = sent_organization_id ? Trimmed(*sent_organization_id) : "";
  if (IsStaffFor(c, e)) return {sent, std::nullopt, std::nullopt};
  if (e.audience == "invited") {
    if (c.anonymous()) {
      return {"", Refusal{"unauthenticated", "this event is by invitation: sign in"}, std::nullopt};
    }
    return {"",
            Refusal{"forbidden", "this event is by invitation: staff register its participants"},
            std::nullopt};
  }
  if (c.IsMember()) {
    if (!sent.empty() && sent != c.organization_id) {
      return {"", Refusal{"forbidden", "members register people of their own organisation only"},
              std::nullopt};
    }
    return {c.organization_id, std::nullopt, std::nullopt};
  }
  if (e.audience != "public") {
    if (c.anonymous()) {
      return {"", Refusal{"unauthenticated", "this event is for members: sign in to register"},
              std::nullopt};
    }
    return {"", Refusal{"forbidden", "this event is for members: members and staff register"},
            std::nullopt};
  }
  if (!sent.empty()) {
    return {"", std::nullopt,
            InvalidField{"organization_id",
                         "only a member of the organisation or staff registers for an "
                         "organisation"}};
  }
  return {"", std::nullopt, std::nullopt};
}

std::optional<InvalidField> CheckOrganisation(const identity::Caller& c,
                                              const std::string& organization_id, bool exists,
                                              bool active, std::string_view name,
                                              std::string_view status) {
  if (exists && active) return std::nullopt;
  const bool may_know = c.IsNetworkAdmin() || c.IsCoordinator() ||
                        (c.IsMember() && c.organization_id == organization_id);
  if (!may_know) return InvalidField{"organization_id", "must be an active member organisation"};
  if (!exists) {
    return InvalidField{"organization_id", "is not a member organisation known to membership"};
  }
  return InvalidField{"organization_id",
                      absl::StrCat("organisation ", std::string(name), " is ", std::string(status),
                                   ": only active members take part")};
}

bool IsReadOnlyRegistrationField(std::string_view field) {
  return std::find(kReadOnly.begin(), kReadOnly.end(), field) != kReadOnly.end();
}

std::vector<InvalidField> ApplyNew(const RegistrationPatch& p, Registration* out) {
  std::vector<InvalidField> problems;
  for (const auto& f : p.read_only_sent) {
    problems.push_back({f, "is read-only; the server sets it"});
  }
  for (const auto& f : p.unknown_sent) {
    problems.push_back({f, "is not a field of a registration"});
  }
  out->person_name = p.person_name ? Trimmed(*p.person_name) : "";
  out->person_email = p.person_email ? Trimmed(*p.person_email) : "";
  out->motivation = p.motivation ? Trimmed(*p.motivation) : "";
  if (out->person_name.empty()) {
    problems.push_back({"person.name", "is required"});
  } else if (values::CharCount(out->person_name) > kMaxPersonName) {
    problems.push_back(
        {"person.name", absl::StrCat("must be at most ", kMaxPersonName, " characters")});
  }
  if (out->person_email.empty()) {
    problems.push_back({"person.email", "is required"});
  } else if (out->person_email.size() > values::kMaxEmailLength ||
             !values::LooksLikeEmail(out->person_email)) {
    problems.push_back({"person.email", "must be an email address"});
  }
  if (values::CharCount(out->motivation) > kMaxMotivation) {
    problems.push_back(
        {"motivation", absl::StrCat("must be at most ", kMaxMotivation, " characters")});
  }
  return problems;
}

bool HasPlaceLeft(const EventFacts& e) { return !e.capacity || e.taken < *e.capacity; }

RegistrationStatus InitialStatus(const EventFacts& e) {
  if (e.registration_mode == "application") return S::kSubmitted;
  return HasPlaceLeft(e) ? S::kConfirmed : S::kWaitlisted;
}

bool HoldsPlace(RegistrationStatus s) { return s == S::kSelected || s == S::kConfirmed; }

RegistrationStatus PromotedStatus(const EventFacts& e) {
  return e.registration_mode == "application" ? S::kSelected : S::kConfirmed;
}

CounterDelta DeltaOf(std::optional<RegistrationStatus> from, RegistrationStatus to) {
  CounterDelta d;
  auto count = [&d](RegistrationStatus s, int by) {
    if (HoldsPlace(s)) d.taken += by;
    if (s == S::kWaitlisted) d.waitlisted += by;
    if (s == S::kSubmitted) d.submitted += by;
  };
  if (from) count(*from, -1);
  count(to, +1);
  return d;
}

std::optional<std::string> RefuseTransition(RegistrationStatus from, RegistrationStatus to,
                                            std::string_view verb) {
  bool allowed = false;
  switch (to) {
    case S::kSelected: allowed = from == S::kSubmitted || from == S::kWaitlisted; break;
    case S::kWaitlisted: allowed = from == S::kSubmitted; break;
    case S::kRejected: allowed = from == S::kSubmitted || from == S::kWaitlisted; break;
    case S::kConfirmed: allowed = from == S::kSelected; break;
    case S::kCancelled: allowed = from != S::kRejected && from != S::kCancelled; break;
    case S::kSubmitted: allowed = false; break;
  }
  if (allowed) return std::nullopt;
  return absl::StrCat("cannot ", std::string(verb), " a registration that is ", Word(from));
}

std::optional<std::string> RefuseForEvent(const EventFacts& e, std::string_view verb) {
  if (e.status == "published") return std::nullopt;
  return absl::StrCat("cannot ", std::string(verb), " a registration of an event that is ",
                      e.status);
}

bool IsDate(std::string_view text) { return values::ParseDate(text).has_value(); }

std::string FirstDayOf(const EventFacts& e) {
  return values::DateText(values::DayOf(e.starts_at, e.timezone));
}
std::string LastDayOf(const EventFacts& e) {
  return values::DateText(values::LastLocalDay(e.ends_at, e.timezone));
}

bool IsLocalDayOf(const EventFacts& e, std::string_view date) {
  // The span values::LocalDays(starts_at, ends_at, timezone) enumerates, without listing it.
  const auto day = values::ParseDate(date);
  return day && values::DayOf(e.starts_at, e.timezone) <= *day &&
         *day <= values::LastLocalDay(e.ends_at, e.timezone);
}

std::optional<std::string> RefuseDayToCome(const EventFacts& e, std::string_view date,
                                           values::Time now) {
  const auto day = values::ParseDate(date);
  const auto today = values::DayOf(now, e.timezone);
  if (!day || *day <= today) return std::nullopt;
  return absl::StrCat(std::string(date), " has not come yet in ", e.timezone, " (today is ",
                      values::DateText(today), ")");
}

std::string NormalisedCertificateCode(std::string_view code) {
  const std::string text(code);
  return absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
}

bool LooksLikeCertificateCode(std::string_view code) {
  if (code.size() != 21 || code.substr(0, 5) != "IRIS-") return false;
  return std::all_of(code.begin() + 5, code.end(),
                     [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'F'); });
}

}  // namespace iris::events::domain
