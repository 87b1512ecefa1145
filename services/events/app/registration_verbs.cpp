// The registration verbs and attendance (RegistrationUseCases, the rest in
// registration_use_cases.cpp). Each runs in one transaction that locks the event's row first,
// then the registration's (and, for a promotion, the first waitlisted's): one order for all, so
// no two changes of one event deadlock, and each sees the places the previous one left.
#include <chrono>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/db/outbox.hpp"
#include "libs/status/status.hpp"
#include "libs/status/verbs.hpp"
#include "services/events/app/registration_use_cases.hpp"

namespace iris::events::app {
namespace {

constexpr const char* kSchema = "events";

using domain::RegistrationStatus;

std::string TypeOf(RegistrationStatus to) {
  return "events.registration." + std::string(domain::RegistrationStatusWord(to));
}

// The registration locked after its event, as `caller` may see it (NOT_FOUND otherwise).
struct Locked {
  domain::EventFacts event;
  domain::Registration registration;
};
absl::StatusOr<Locked> LockVisible(db::Tx& tx, storage::RegistrationRepository& repo,
                                   const identity::Caller& caller, const std::string& id) {
  IRIS_ASSIGN_OR_RETURN(auto peek, repo.FindById(tx, id));
  IRIS_ASSIGN_OR_RETURN(auto event, repo.LockEvent(tx, peek.event_id));
  IRIS_ASSIGN_OR_RETURN(auto r, repo.FindForUpdate(tx, id));
  if (!domain::CanSee(caller, event, r)) return RegistrationNotFound();
  return Locked{std::move(event), std::move(r)};
}

}  // namespace

absl::StatusOr<domain::Registration> RegistrationUseCases::Act(const identity::Caller& caller,
                                                               const std::string& id,
                                                               const Verb& verb,
                                                               const std::string& note,
                                                               int64_t expected_version) {
  if (caller.anonymous()) return RegistrationNotFound();
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Registration> {
    IRIS_ASSIGN_OR_RETURN(auto locked, LockVisible(tx, registrations_, caller, id));
    auto& [event, r] = locked;
    if (!domain::IsStaffFor(caller, event)) {
      if (verb.staff_only) {
        return absl::PermissionDeniedError(
            absl::StrCat("only staff of the event ", std::string(verb.name), " registrations"));
      }
      // Otherwise CanSee let in the registration's organisation: it confirms and cancels.
    }
    IRIS_RETURN_IF_ERROR(status::CheckVersion("registration", r.version, expected_version));
    IRIS_ASSIGN_OR_RETURN(auto why,
                          status::VerbNote(note, verb.note_required, domain::kMaxRegistrationNote));
    IRIS_RETURN_IF_ERROR(status::RefuseIf(domain::RefuseForEvent(event, verb.name)));
    if (verb.staff_only && event.registration_mode != "application") {
      return status::Conflict("invalid_transition",
                              absl::StrCat("cannot ", std::string(verb.name),
                                           " a registration of an event with open registration: "
                                           "places go in order of registration"));
    }
    IRIS_RETURN_IF_ERROR(status::RefuseIf(domain::RefuseTransition(r.status, verb.to, verb.name)));
    if (domain::HoldsPlace(verb.to) && !domain::HoldsPlace(r.status) &&
        !domain::HasPlaceLeft(event)) {
      return status::Conflict("over_capacity",
                              absl::StrCat("all ", *event.capacity, " places are taken"));
    }
    IRIS_ASSIGN_OR_RETURN(auto saved, registrations_.SetStatus(tx, r.id, verb.to, why));
    const auto delta = domain::DeltaOf(r.status, verb.to);
    IRIS_RETURN_IF_ERROR(registrations_.MovePlaces(tx, event.id, delta));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        RegistrationChange(event, saved, TypeOf(verb.to), std::string(verb.name),
                           {{"fields", {"status", "status_note", "status_changed_at"}},
                            {"from", domain::RegistrationStatusWord(r.status)},
                            {"to", domain::RegistrationStatusWord(verb.to)}})));
    if (verb.to != RegistrationStatus::kCancelled || !domain::HoldsPlace(r.status)) return saved;

    // A place was freed: the first waitlisted takes it, in this transaction.
    event.taken += delta.taken;
    if (!domain::HasPlaceLeft(event)) return saved;  // the capacity was lowered below taken
    IRIS_ASSIGN_OR_RETURN(auto first, registrations_.FirstWaitlisted(tx, event.id));
    if (!first) return saved;
    const auto to = domain::PromotedStatus(event);
    IRIS_ASSIGN_OR_RETURN(auto promoted, registrations_.SetStatus(tx, first->id, to, ""));
    IRIS_RETURN_IF_ERROR(
        registrations_.MovePlaces(tx, event.id, domain::DeltaOf(first->status, to)));
    IRIS_RETURN_IF_ERROR(
        db::RecordChange(tx, kSchema, caller,
                         RegistrationChange(event, promoted, TypeOf(to), "promote",
                                            {{"fields", {"status", "status_changed_at"}},
                                             {"from", "waitlisted"},
                                             {"to", domain::RegistrationStatusWord(to)},
                                             {"freed_by", r.id}})));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return RegistrationNotFound();
  return db::ExplainViolation(std::move(result), kPlacesRules);
}

absl::StatusOr<domain::Registration> RegistrationUseCases::Select(const identity::Caller& caller,
                                                                  const std::string& id,
                                                                  const std::string& note,
                                                                  int64_t expected_version) {
  return Act(caller, id, {"select", RegistrationStatus::kSelected, true, false}, note,
             expected_version);
}

absl::StatusOr<domain::Registration> RegistrationUseCases::Waitlist(const identity::Caller& caller,
                                                                    const std::string& id,
                                                                    const std::string& note,
                                                                    int64_t expected_version) {
  return Act(caller, id, {"waitlist", RegistrationStatus::kWaitlisted, true, false}, note,
             expected_version);
}

absl::StatusOr<domain::Registration> RegistrationUseCases::Reject(const identity::Caller& caller,
                                                                  const std::string& id,
                                                                  const std::string& note,
                                                                  int64_t expected_version) {
  return Act(caller, id, {"reject", RegistrationStatus::kRejected, true, true}, note,
             expected_version);
}

absl::StatusOr<domain::Registration> RegistrationUseCases::Confirm(const identity::Caller& caller,
                                                                   const std::string& id,
                                                                   const std::string& note,
                                                                   int64_t expected_version) {
  return Act(caller, id, {"confirm", RegistrationStatus::kConfirmed, false, false}, note,
             expected_version);
}

absl::StatusOr<domain::Registration> RegistrationUseCases::Cancel(const identity::Caller& caller,
                                                                  const std::string& id,
                                                                  const std::string& note,
                                                                  int64_t expected_version) {
  return Act(caller, id, {"cancel", RegistrationStatus::kCancelled, false, false}, note,
             expected_version);
}

absl::StatusOr<domain::Registration> RegistrationUseCases::RecordAttendance(
    const identity::Caller& caller, const std::string& id, const std::string& date) {
  if (caller.anonymous()) return RegistrationNotFound();
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Registration> {
    // The event's lock too: a completion issuing certificates sees every day recorded before it.
    IRIS_ASSIGN_OR_RETURN(auto locked, LockVisible(tx, registrations_, caller, id));
    const auto& [event, r] = locked;
    if (!domain::IsStaffFor(caller, event)) {
      return absl::PermissionDeniedError("only staff of the event record attendance");
    }
    IRIS_RETURN_IF_ERROR(status::RefuseIf(domain::RefuseForEvent(event, "record attendance of")));
    if (r.status != RegistrationStatus::kConfirmed) {
      return status::Conflict(
          "invalid_transition",
          absl::StrCat("attendance is recorded for confirmed registrations; this one is ",
                       std::string(domain::RegistrationStatusWord(r.status))));
    }
    if (!domain::IsDate(date)) return status::Invalid("date", "must be a date, YYYY-MM-DD");
    if (!domain::IsLocalDayOf(event, date)) {
      return status::Invalid(
          "date", absl::StrCat("must be a day of the event, from ", domain::FirstDayOf(event),
                               " to ", domain::LastDayOf(event), " (in ", event.timezone, ")"));
    }
    const auto now =
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
    if (auto early = domain::RefuseDayToCome(event, date, now)) {
      return status::Invalid("date", *early);
    }
    for (const auto& d : r.attended_days) {
      if (d == date) return r;  // recorded already: no new version, no message
    }
    IRIS_ASSIGN_OR_RETURN(auto saved, registrations_.AddAttendance(tx, r.id, date));
    auto change = RegistrationChange(event, saved, "events.registration.attended", "attend",
                                     {{"fields", {"attended_days"}}, {"date", date}});
    change.payload = {
        {"id", saved.id},
        {"event_id", saved.event_id},
        {"organization_id",
         saved.organization_id.empty() ? nlohmann::json() : nlohmann::json(saved.organization_id)},
        {"date", date}};
    IRIS_RETURN_IF_ERROR(db::RecordChange(tx, kSchema, caller, change));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return RegistrationNotFound();
  return result;
}

}  // namespace iris::events::app
