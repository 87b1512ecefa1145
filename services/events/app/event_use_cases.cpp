#include "services/events/app/event_use_cases.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "libs/db/outbox.hpp"
#include "libs/members/organization_check.hpp"
#include "libs/status/list_filters.hpp"
#include "libs/status/status.hpp"
#include "libs/status/verbs.hpp"
#include "libs/values/reference_codes.hpp"
#include "services/events/domain/calendar.hpp"

namespace iris::events::app {
namespace {

constexpr const char* kSchema = "events";

absl::Status NotFound() { return absl::NotFoundError("event not found"); }

std::string Rfc3339(values::Time t) {
  return absl::FormatTime("%E4Y-%m-%dT%H:%M:%E*SZ",
                          absl::FromUnixMicros(t.time_since_epoch().count()), absl::UTCTimeZone());
}

// Thin payload: ids, states, the event's country and kind, when it starts and when its
// registration closes (notifications makes the "registration closes soon" reminder from it).
db::Change ChangeOf(const domain::Event& e, std::string event, std::string action,
                    nlohmann::json audit) {
  db::Change change;
  change.type = "events.event." + event;
  change.subject_type = "event";
  change.subject_id = e.id;
  change.country = e.country;
  change.payload = {{"id", e.id},
                    {"status", domain::EventStatusWord(e.status)},
                    {"kind", e.kind},
                    {"country", e.country},
                    {"starts_at", Rfc3339(e.starts_at)},
                    {"registration_closes_at", Rfc3339(domain::RegistrationClosesAt(e))},
                    {"version", e.version}};
  change.action = std::move(action);
  change.audit = std::move(audit);
  return change;
}

// Who may not change an event: a draft stays invisible (404), a visible event is 401/403.
absl::Status Refused(const identity::Caller& caller, const domain::Event& e,
                     std::string_view what) {
  if (!domain::CanSee(caller, e)) return NotFound();
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  return absl::PermissionDeniedError(
      absl::StrCat("only network admins and the national coordinator of the event's country ",
                   std::string(what), " it (a regional event: network admins only)"));
}

// A list's from/to: a date (its start, or for `to` its end, in UTC) or an RFC 3339 instant.
std::optional<values::Time> Bound(const std::string& text, bool end_of_day, status::Validator& v,
                                  std::string_view param) {
  if (text.empty()) return std::nullopt;
  if (auto day = values::ParseDate(text)) {
    absl::CivilDay d(day->year, day->month, day->day);
    if (end_of_day) d += 1;
    return values::Time(
        std::chrono::microseconds(absl::ToUnixMicros(absl::FromCivil(d, absl::UTCTimeZone()))));
  }
  absl::Time t;
  std::string err;
  if (absl::ParseTime(absl::RFC3339_full, text, &t, &err)) {
    const values::Time at(std::chrono::microseconds(absl::ToUnixMicros(t)));
    if (values::IsSupportedInstant(at)) return at;
  }
  v.Add(param, "must be a date YYYY-MM-DD or an RFC 3339 instant, in the years 1900 to 9999");
  return std::nullopt;
}

std::set<std::string> SetOf(const std::vector<std::string>& words) {
  return {words.begin(), words.end()};
}

}  // namespace

absl::Status EventUseCases::CheckOrganizations(const identity::Caller& caller,
                                               const domain::Event& next,
                                               const domain::Event* before) {
  std::vector<values::InvalidField> problems;
  auto check = [&](const std::string& id, std::string field) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto org, membership_.Organization(caller, id));
    members::CheckActiveMember(org, std::move(field), problems);
    return absl::OkStatus();
  };
  if (!next.host_organization_id.empty() &&
      (!before || before->host_organization_id != next.host_organization_id)) {
    IRIS_RETURN_IF_ERROR(check(next.host_organization_id, "host_organization_id"));
  }
  for (size_t i = 0; i < next.partner_organization_ids.size(); ++i) {
    const auto& id = next.partner_organization_ids[i];
    if (before &&
        std::find(before->partner_organization_ids.begin(), before->partner_organization_ids.end(),
                  id) != before->partner_organization_ids.end()) {
      continue;  // checked when it was added
    }
    IRIS_RETURN_IF_ERROR(check(id, absl::StrCat("partner_organization_ids[", i, "]")));
  }
  IRIS_RETURN_IF_ERROR(status::Validation(problems));
  return members::CheckTimeLeftToWrite(caller);
}

absl::StatusOr<bool> EventUseCases::FillNewPlaces(const identity::Caller& caller, db::Tx& tx,
                                                  const domain::Event& e) {
  // As a cancellation's promotion in registrations, but the places come from the event: open
  // registration confirms in waiting order; with applications, who is selected from the waiting
  // list stays the staff's decision.
  if (e.status != domain::EventStatus::kPublished || e.registration_mode != "open" ||
      e.waitlisted == 0) {
    return false;
  }
  std::optional<int> places;
  if (e.capacity) places = *e.capacity - e.taken;
  IRIS_ASSIGN_OR_RETURN(auto confirmed, events_.ConfirmWaitlisted(tx, e.id, places));
  for (const auto& r : confirmed) {
    db::Change change;
    change.type = "events.registration.confirmed";
    change.subject_type = "registration";
    change.subject_id = r.id;
    change.country = e.country;
    change.payload = {
        {"id", r.id},
        {"event_id", e.id},
        {"organization_id",
         r.organization_id.empty() ? nlohmann::json() : nlohmann::json(r.organization_id)},
        {"status", "confirmed"}};
    change.action = "promote";
    change.audit = {{"fields", {"status", "status_changed_at"}},
                    {"from", "waitlisted"},
                    {"to", "confirmed"},
                    {"by", "event.update"}};
    IRIS_RETURN_IF_ERROR(db::RecordChange(tx, kSchema, caller, change));
  }
  return !confirmed.empty();
}

absl::StatusOr<domain::Event> EventUseCases::Create(const identity::Caller& caller,
                                                    const domain::EventPatch& fields) {
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  if (!domain::IsStaff(caller)) {
    return absl::PermissionDeniedError(
        "only network admins and national coordinators create events");
  }
  domain::Event draft;
  auto problems = domain::NewEvent(fields, &draft);
  if (!problems.empty()) return status::Validation(problems);
  if (!domain::CanManage(caller, draft)) {
    return absl::PermissionDeniedError(
        "a national coordinator creates events of its own country (country " + caller.country +
        "); regional events are network admins'");
  }
  // Membership before any transaction: no lock is held while it answers, and when it does not
  // answer nothing was written.
  IRIS_RETURN_IF_ERROR(CheckOrganizations(caller, draft, nullptr));
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Event> {
    IRIS_ASSIGN_OR_RETURN(auto saved, events_.Insert(tx, draft));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller, ChangeOf(saved, "created", "create", nlohmann::json::object())));
    return saved;
  });
}

absl::StatusOr<domain::Event> EventUseCases::Get(const identity::Caller& caller,
                                                 const std::string& id) {
  auto e = pool_.Read([&](db::Tx& tx) { return events_.FindById(tx, id); });
  if (absl::IsNotFound(e.status())) return NotFound();
  IRIS_RETURN_IF_ERROR(e.status());
  if (!domain::CanSee(caller, *e)) return NotFound();
  return e;
}

absl::StatusOr<domain::Event> EventUseCases::Update(const identity::Caller& caller,
                                                    const std::string& id,
                                                    const domain::EventPatch& fields,
                                                    int64_t expected_version) {
  // First without a lock: who may, what the patch breaks, then membership for organisations
  // the patch adds; then again under the event's row lock, where it counts.
  IRIS_ASSIGN_OR_RETURN(auto seen, Get(caller, id));
  if (!domain::CanManage(caller, seen)) return Refused(caller, seen, "change");
  {
    domain::Event next = seen;
    std::vector<std::string> changed;
    auto problems = domain::ApplyPatch(fields, &next, &changed);
    if (!problems.empty()) return status::Validation(problems);
    IRIS_RETURN_IF_ERROR(CheckOrganizations(caller, next, &seen));
  }
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Event> {
    IRIS_ASSIGN_OR_RETURN(auto current, events_.FindForUpdate(tx, id));
    if (!domain::CanManage(caller, current)) return Refused(caller, current, "change");
    IRIS_RETURN_IF_ERROR(status::CheckVersion("event", current.version, expected_version));
    if (current.status != domain::EventStatus::kDraft &&
        current.status != domain::EventStatus::kPublished) {
      return status::Conflict(
          "invalid_transition",
          absl::StrCat("a ", std::string(domain::EventStatusWord(current.status)),
                       " event is history: it cannot be changed"));
    }
    domain::Event next = current;
    std::vector<std::string> changed;
    auto problems = domain::ApplyPatch(fields, &next, &changed);
    if (!problems.empty()) return status::Validation(problems);
    if (!domain::CanManage(caller, next)) {
      return absl::PermissionDeniedError(
          "a national coordinator cannot move an event out of its country");
    }
    // Nothing changed: no new version, no message (a PATCH is idempotent).
    if (changed.empty()) return current;
    if (next.capacity && *next.capacity < current.taken) {
      return status::Conflict(
          "over_capacity",
          absl::StrCat("capacity cannot go below the ", current.taken, " places already taken"));
    }
    if (next.registration_mode != current.registration_mode) {
      // Registrations were made under the mode's rules (confirmed in order, or submitted for
      // selection): changing them under their feet would leave each in a status the other mode
      // has no way out of.
      bool any = current.taken + current.waitlisted + current.submitted > 0;
      if (!any) {
        IRIS_ASSIGN_OR_RETURN(any, events_.HasRegistrations(tx, id));
      }
      if (any) {
        return status::Conflict("invalid_transition",
                                "registration.mode cannot change once the event has registrations");
      }
    }
    if (next.starts_at != current.starts_at || next.ends_at != current.ends_at) {
      IRIS_ASSIGN_OR_RETURN(auto span, events_.SessionSpan(tx, id));
      if (span) {
        IRIS_RETURN_IF_ERROR(
            status::Validation(domain::SessionsFit(next, span->first, span->second)));
      }
    }
    IRIS_ASSIGN_OR_RETURN(auto saved, events_.Update(tx, next, current.version));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller, ChangeOf(saved, "updated", "update", {{"fields", changed}})));
    if (std::find(changed.begin(), changed.end(), "capacity") != changed.end()) {
      IRIS_ASSIGN_OR_RETURN(bool promoted, FillNewPlaces(caller, tx, saved));
      if (promoted) {
        IRIS_ASSIGN_OR_RETURN(saved, events_.FindById(tx, id));
      }
    }
    return saved;
  });
  if (absl::IsNotFound(result.status())) return NotFound();
  return result;
}

absl::StatusOr<pagination::Page<domain::Event>> EventUseCases::List(const identity::Caller& caller,
                                                                    const EventListRequest& req) {
  storage::EventQuery q;
  q.all_drafts = caller.IsNetworkAdmin();
  if (caller.IsCoordinator()) q.drafts_of_country = caller.country;
  q.kind = req.kind;
  q.format = req.format;
  q.status = req.status;
  q.country = req.country;
  for (auto& c : q.country) absl::AsciiStrToUpper(&c);
  status::Validator v;
  std::set<std::string> statuses;
  for (auto s : domain::kAllEventStatuses) statuses.emplace(domain::EventStatusWord(s));
  status::CheckAllowed("kind", q.kind, SetOf(domain::EventKinds()), v);
  status::CheckAllowed("format", q.format, SetOf(domain::EventFormats()), v);
  status::CheckAllowed("status", q.status, statuses, v);
  status::CheckAllowed("country", q.country, values::CountryCodes(), v, &req.country);
  q.from = Bound(req.from, false, v, "from");
  q.to = Bound(req.to, true, v, "to");
  auto paging = pagination::KeysetRequestOf(req.page, storage::kEventSorts);
  if (status::Collect(paging.status(), v)) q.page = *paging;
  IRIS_RETURN_IF_ERROR(v.FinishMalformed());
  IRIS_ASSIGN_OR_RETURN(auto rows, pool_.Read([&](db::Tx& tx) { return events_.List(tx, q); }));
  return pagination::PageOf(std::move(rows), q.page, storage::kEventSorts);
}

absl::StatusOr<domain::Event> EventUseCases::Act(const identity::Caller& caller,
                                                 const std::string& id, domain::EventVerb verb,
                                                 const std::string& note,
                                                 int64_t expected_version) {
  const std::string verb_word(domain::EventVerbWord(verb));
  const std::string trimmed(absl::StripAsciiWhitespace(note));
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Event> {
    // The event's row lock orders this step against registrations (which take it for the
    // places) and other verbs: a completion sees every attendance recorded before it.
    IRIS_ASSIGN_OR_RETURN(auto e, events_.FindForUpdate(tx, id));
    if (!domain::CanManage(caller, e)) return Refused(caller, e, verb_word);
    IRIS_RETURN_IF_ERROR(status::CheckVersion("event", e.version, expected_version));
    IRIS_RETURN_IF_ERROR(status::VerbNote(trimmed, false, domain::kMaxStatusNote).status());
    const auto to = domain::Transition(e.status, verb);
    if (!to) {
      return status::Conflict("invalid_transition",
                              absl::StrCat("cannot ", verb_word, " an event that is ",
                                           std::string(domain::EventStatusWord(e.status))));
    }
    const auto now =
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
    if (auto early = domain::RefuseBeforeEnd(e, verb, now)) {
      return status::Conflict("invalid_transition", *early);
    }
    nlohmann::json audit = {{"from", domain::EventStatusWord(e.status)},
                            {"to", domain::EventStatusWord(*to)}};
    if (verb == domain::EventVerb::kComplete) {
      // The days of the event as it is now: attendance on a day a reschedule moved off counts
      // for nothing.
      const auto days = domain::LocalDaysOf(e);
      if (days.empty()) return absl::InternalError("an event without local days");
      IRIS_ASSIGN_OR_RETURN(
          auto certified, events_.IssueCertificates(tx, e.id, e.certificate_threshold, days.front(),
                                                    days.back(), static_cast<int>(days.size())));
      audit["certificates_issued"] = certified.size();
      for (const auto& r : certified) {
        db::Change change;
        change.type = "events.registration.certified";
        change.subject_type = "registration";
        change.subject_id = r.id;
        change.country = e.country;
        change.payload = {{"id", r.id}, {"event_id", e.id}, {"organization_id", r.organization_id}};
        change.action = "certify";
        change.audit = {{"by", "event.complete"}};
        IRIS_RETURN_IF_ERROR(db::RecordChange(tx, kSchema, caller, change));
      }
    }
    IRIS_ASSIGN_OR_RETURN(auto saved, events_.SetStatus(tx, e.id, e.status, *to, trimmed));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ChangeOf(saved, std::string(domain::EventEventWord(verb)), verb_word, audit)));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return NotFound();
  return result;
}

absl::StatusOr<domain::Session> EventUseCases::CreateSession(const identity::Caller& caller,
                                                             const std::string& event_id,
                                                             const domain::SessionInput& input) {
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Session> {
    // Locked: a reschedule waits, so the session is checked against the time that stays.
    IRIS_ASSIGN_OR_RETURN(auto e, events_.FindForUpdate(tx, event_id));
    if (!domain::CanManage(caller, e)) return Refused(caller, e, "add sessions to");
    if (!domain::TakesSessions(e)) {
      return status::Conflict("invalid_transition",
                              absl::StrCat("a ", std::string(domain::EventStatusWord(e.status)),
                                           " event takes no new sessions"));
    }
    domain::Session session;
    IRIS_RETURN_IF_ERROR(status::Validation(domain::NewSession(input, e, &session)));
    IRIS_ASSIGN_OR_RETURN(auto saved, events_.InsertSession(tx, session));
    db::Change change;
    change.type = "events.session.created";
    change.subject_type = "session";
    change.subject_id = saved.id;
    change.country = e.country;
    change.payload = {{"id", saved.id}, {"event_id", e.id}};
    change.action = "create";
    IRIS_RETURN_IF_ERROR(db::RecordChange(tx, kSchema, caller, change));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return NotFound();
  return result;
}

absl::StatusOr<pagination::Page<domain::Session>> EventUseCases::ListSessions(
    const identity::Caller& caller, const std::string& event_id,
    const pagination::PageParams& page) {
  IRIS_ASSIGN_OR_RETURN(auto paging, pagination::KeysetRequestOf(page, storage::kSessionSorts));
  auto rows = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<pagination::Rows<domain::Session>> {
    IRIS_ASSIGN_OR_RETURN(auto e, events_.FindById(tx, event_id));
    if (!domain::CanSee(caller, e)) return NotFound();
    return events_.ListSessions(tx, event_id, paging);
  });
  if (absl::IsNotFound(rows.status())) return NotFound();
  IRIS_RETURN_IF_ERROR(rows.status());
  return pagination::PageOf(std::move(*rows), paging, storage::kSessionSorts);
}

absl::StatusOr<std::string> EventUseCases::Calendar(const identity::Caller& caller,
                                                    const CalendarRequest& req) {
  (void)caller;  // the feed is public: every caller reads the same
  storage::CalendarQuery q;
  q.kind = req.kind;
  q.country = req.country;
  for (auto& c : q.country) absl::AsciiStrToUpper(&c);
  status::Validator v;
  status::CheckAllowed("kind", q.kind, SetOf(domain::EventKinds()), v);
  status::CheckAllowed("country", q.country, values::CountryCodes(), v, &req.country);
  IRIS_RETURN_IF_ERROR(v.FinishMalformed());
  q.limit = domain::kMaxCalendarEvents;
  IRIS_ASSIGN_OR_RETURN(auto events,
                        pool_.Read([&](db::Tx& tx) { return events_.Calendar(tx, q); }));
  return domain::CalendarText(events);
}

}  // namespace iris::events::app
