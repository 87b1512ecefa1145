#include "services/events/domain/event.hpp"

#include <algorithm>
#include <array>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "services/events/domain/event_fields.hpp"

namespace iris::events::domain {
namespace {

constexpr std::array<std::string_view, 8> kReadOnly{
    "id",     "status",  "status_note", "status_changed_at",
    "places", "version", "created_at",  "updated_at"};

}  // namespace

std::string_view EventStatusWord(EventStatus s) {
  switch (s) {
    case EventStatus::kDraft: return "draft";
    case EventStatus::kPublished: return "published";
    case EventStatus::kCompleted: return "completed";
    case EventStatus::kCancelled: return "cancelled";
  }
  return "draft";
}

std::optional<EventStatus> ParseEventStatus(std::string_view word) {
  for (auto s : kAllEventStatuses) {
    if (EventStatusWord(s) == word) return s;
  }
  return std::nullopt;
}

const std::vector<std::string>& EventKinds() {
  static const std::vector<std::string> kAll{"academy",
                                             "training",
                                             "training_of_trainers",
                                             "peer_review",
                                             "public_hearing",
                                             "conference",
                                             "partnership_meeting",
                                             "study_tour",
                                             "media_caravan",
                                             "civil_dialogue",
                                             "eu_event",
                                             "other"};
  return kAll;
}

const std::vector<std::string>& EventFormats() {
  static const std::vector<std::string> kAll{"online", "in_person", "hybrid"};
  return kAll;
}

const std::vector<std::string>& EventAudiences() {
  static const std::vector<std::string> kAll{"members", "public", "invited"};
  return kAll;
}

const std::vector<std::string>& RegistrationModes() {
  static const std::vector<std::string> kAll{"open", "application"};
  return kAll;
}

Time RegistrationClosesAt(const Event& e) { return e.registration_closes_at.value_or(e.starts_at); }

std::string RegistrationClosesOn(const Event& e) {
  if (!e.registration_closes_at) return "";
  return values::DateText(values::ClosingDay(*e.registration_closes_at, e.timezone));
}

std::vector<LocalDate> LocalDaysOf(const Event& e) {
  return values::LocalDays(e.starts_at, e.ends_at, e.timezone);
}

bool IsReadOnlyEventField(std::string_view field) {
  return std::find(kReadOnly.begin(), kReadOnly.end(), field) != kReadOnly.end();
}

std::vector<InvalidField> NewEvent(const EventPatch& patch, Event* out) {
  std::vector<InvalidField> problems;
  *out = Event{};
  ApplyFields(patch, out, /*creating=*/true, &problems);
  return problems;
}

std::vector<InvalidField> ApplyPatch(const EventPatch& patch, Event* event,
                                     std::vector<std::string>* changed) {
  std::vector<InvalidField> problems;
  const Event before = *event;
  ApplyFields(patch, event, /*creating=*/false, &problems);
  const Event& e = *event;
  struct Compared {
    std::string_view field;
    bool differs;
  };
  const Compared fields[] = {
      {"kind", e.kind != before.kind},
      {"title", e.title != before.title},
      {"description", e.description != before.description},
      {"edition", e.edition != before.edition},
      {"theme", e.theme != before.theme},
      {"format", e.format != before.format},
      {"location", e.venue != before.venue || e.city != before.city ||
                       e.location_country != before.location_country},
      {"online_url", e.online_url != before.online_url},
      {"starts_at", e.starts_at != before.starts_at},
      {"ends_at", e.ends_at != before.ends_at},
      {"timezone", e.timezone != before.timezone},
      {"languages", e.languages != before.languages},
      {"language_requirement", e.language_requirement != before.language_requirement},
      {"capacity", e.capacity != before.capacity},
      {"audience", e.audience != before.audience},
      {"country", e.country != before.country},
      {"host_organization_id", e.host_organization_id != before.host_organization_id},
      {"partner_organization_ids", e.partner_organization_ids != before.partner_organization_ids},
      {"registration", e.registration_mode != before.registration_mode ||
                           e.registration_opens_at != before.registration_opens_at ||
                           e.registration_closes_at != before.registration_closes_at},
      {"certificate_threshold", e.certificate_threshold != before.certificate_threshold},
  };
  for (const auto& f : fields) {
    if (f.differs) changed->emplace_back(f.field);
  }
  return problems;
}

std::string_view EventVerbWord(EventVerb v) {
  switch (v) {
    case EventVerb::kPublish: return "publish";
    case EventVerb::kCancel: return "cancel";
    case EventVerb::kComplete: return "complete";
  }
  return "publish";
}

std::string_view EventEventWord(EventVerb v) {
  switch (v) {
    case EventVerb::kPublish: return "published";
    case EventVerb::kCancel: return "cancelled";
    case EventVerb::kComplete: return "completed";
  }
  return "updated";
}

std::optional<EventStatus> Transition(EventStatus from, EventVerb verb) {
  switch (verb) {
    case EventVerb::kPublish:
      if (from == EventStatus::kDraft) return EventStatus::kPublished;
      break;
    case EventVerb::kCancel:
      // A draft is never announced, so there is nothing to call off: it stays private.
      if (from == EventStatus::kPublished) return EventStatus::kCancelled;
      break;
    case EventVerb::kComplete:
      if (from == EventStatus::kPublished) return EventStatus::kCompleted;
      break;
  }
  return std::nullopt;
}

std::optional<std::string> RefuseBeforeEnd(const Event& e, EventVerb verb, Time now) {
  if (verb != EventVerb::kComplete || now >= e.ends_at) return std::nullopt;
  const std::string ends = absl::FormatTime(
      "%E4Y-%m-%dT%H:%M:%E*SZ", absl::FromUnixMicros(e.ends_at.time_since_epoch().count()),
      absl::UTCTimeZone());
  return absl::StrCat("the event has not ended yet; complete it after ", ends);
}

bool IsStaff(const identity::Caller& caller) {
  return caller.IsNetworkAdmin() || caller.IsCoordinator();
}

bool CanManage(const identity::Caller& caller, const Event& e) {
  if (caller.IsNetworkAdmin()) return true;
  return caller.IsCoordinator() && !e.country.empty() && e.country == caller.country;
}

bool CanSee(const identity::Caller& caller, const Event& e) {
  return e.status != EventStatus::kDraft || CanManage(caller, e);
}

}  // namespace iris::events::domain
