// Events: academies, peer reviews, hearings, trainings and the rest of the network's year, with
// their lifecycle draft -> published -> completed | cancelled, who manages and who sees them, and
// their agenda sessions. Pure rules: no I/O, no proto.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libs/identity/caller.hpp"
#include "libs/values/local_dates.hpp"
#include "libs/values/text_rules.hpp"
#include "libs/values/types.hpp"

namespace iris::events::domain {

using values::InvalidField;
using values::LocalDate;
using values::LocalizedText;
using values::Time;

enum class EventStatus { kDraft, kPublished, kCompleted, kCancelled };
std::string_view EventStatusWord(EventStatus s);  // "draft", as stored and on the wire
std::optional<EventStatus> ParseEventStatus(std::string_view word);
inline constexpr EventStatus kAllEventStatuses[] = {
    EventStatus::kDraft, EventStatus::kPublished, EventStatus::kCompleted, EventStatus::kCancelled};

// The words of the enumerations, as stored (V001's CHECKs) and on the wire.
const std::vector<std::string>& EventKinds();         // academy, training, ...
const std::vector<std::string>& EventFormats();       // online, in_person, hybrid
const std::vector<std::string>& EventAudiences();     // members, public, invited
const std::vector<std::string>& RegistrationModes();  // open, application

// Limits a client meets as 422s (docs/openapi.yaml says the same).
inline constexpr size_t kMaxTitle = 300;          // characters per language
inline constexpr size_t kMaxDescription = 20000;  // characters per language
inline constexpr size_t kMaxLanguageRequirement = 1000;
inline constexpr size_t kMaxEdition = 40;
inline constexpr size_t kMaxVenue = 200;
inline constexpr size_t kMaxCity = 100;
inline constexpr size_t kMaxUrl = 2000;
inline constexpr size_t kMaxPartners = 50;
inline constexpr size_t kMaxLanguages = 20;
inline constexpr int kMaxCapacity = 100000;
inline constexpr int kDefaultCertificateThreshold = 80;
inline constexpr size_t kMaxStatusNote = 2000;
// The longest an event may run: attendance and certificates count its local days.
inline constexpr auto kMaxDuration = std::chrono::hours(24 * 366);

struct Event {
  std::string id;
  std::string kind;
  LocalizedText title;
  LocalizedText description;  // empty: none
  std::string edition;
  LocalizedText theme;
  std::string format;
  std::string venue, city, location_country;  // the location; all empty: none
  std::string online_url;
  Time starts_at;
  Time ends_at;
  std::string timezone;
  std::vector<std::string> languages;
  LocalizedText language_requirement;
  std::optional<int> capacity;  // none: unlimited
  std::string audience = "members";
  std::string country;  // '' regional
  std::string host_organization_id;
  std::vector<std::string> partner_organization_ids;
  std::string registration_mode = "open";
  std::optional<Time> registration_opens_at;   // none: from publication
  std::optional<Time> registration_closes_at;  // none: until starts_at
  int certificate_threshold = kDefaultCertificateThreshold;
  EventStatus status = EventStatus::kDraft;
  std::string status_note;
  std::optional<Time> status_changed_at;
  int taken = 0, waitlisted = 0, submitted = 0;  // the places, kept by registrations
  int64_t version = 1;
  Time created_at;
  Time updated_at;
};

// When registrations stop: registration_closes_at, or the start when the window has no end.
Time RegistrationClosesAt(const Event& e);
// The output closes_on: the local day registration_closes_at belongs to ("" without one).
std::string RegistrationClosesOn(const Event& e);
// The local days of the event in its time zone, from the day it starts to the day of its last
// microsecond (values::LocalDays: an event ending at local midnight has no day after it);
// attendance is one of these; certificates count them.
std::vector<LocalDate> LocalDaysOf(const Event& e);

// The registration window as sent (the object replaces the stored one as a whole).
struct WindowInput {
  std::string mode = {};  // empty: the stored mode (open for a new event)
  std::optional<Time> opens_at = {}, closes_at = {};
  std::string closes_on = {};  // YYYY-MM-DD in the event's time zone: the end of that day there
};

struct LocationInput {
  std::string venue = {}, city = {}, country = {};
};

// The fields a client writes, each set only when it was sent (an inner nullopt or empty value:
// sent empty or null, which clears an optional field and fails a required one).
struct EventPatch {
  std::optional<std::string> kind, edition, format, online_url, timezone, audience, country,
      host_organization_id;
  std::optional<LocalizedText> title, description, theme, language_requirement;
  std::optional<std::optional<LocationInput>> location;
  std::optional<std::optional<Time>> starts_at, ends_at;
  std::optional<std::vector<std::string>> languages, partner_organization_ids;
  std::optional<std::optional<int>> capacity;
  std::optional<WindowInput> registration;
  std::optional<int> certificate_threshold;  // 0: the default
  std::vector<std::string> read_only_sent;   // status, version, places, ...
  std::vector<std::string> unknown_sent;
};

// Fields the server owns; a client naming one gets 422 on that field.
bool IsReadOnlyEventField(std::string_view field);

// A new draft from `patch`: every required field present, every rule checked, every problem at
// once, named as the body names them ("location.city", "registration.closes_on").
std::vector<InvalidField> NewEvent(const EventPatch& patch, Event* out);
// Applies the patch to `event` and returns every problem at once; names of changed fields go
// to *changed (for the audit log).
std::vector<InvalidField> ApplyPatch(const EventPatch& patch, Event* event,
                                     std::vector<std::string>* changed);

// Lifecycle verbs.
enum class EventVerb { kPublish, kCancel, kComplete };
std::string_view EventVerbWord(EventVerb v);   // "publish", the route's verb
std::string_view EventEventWord(EventVerb v);  // "published", of events.event.<word>
// draft -> published; published -> cancelled; published -> completed.
std::optional<EventStatus> Transition(EventStatus from, EventVerb verb);
// A published event is completed only once it has ended (certificates must not cover attendance
// that has not happened): the refusal's message at `now`, or none. Other verbs: none.
std::optional<std::string> RefuseBeforeEnd(const Event& e, EventVerb verb, Time now);

// Network admins manage every event; national coordinators those whose country is theirs (a
// regional event, country '', is network admins' only).
bool CanManage(const identity::Caller& caller, const Event& e);
// Staff who may manage some event: create, list drafts.
bool IsStaff(const identity::Caller& caller);
// Anyone sees published, completed and cancelled events; a draft only who may manage it.
bool CanSee(const identity::Caller& caller, const Event& e);

}  // namespace iris::events::domain
