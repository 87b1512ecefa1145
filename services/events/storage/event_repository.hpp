// What the event use cases need from storage: events, their sessions, the calendar's rows and
// the certificates a completion issues.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/events/domain/event.hpp"
#include "services/events/domain/event_session.hpp"

namespace iris::events::storage {

struct EventQuery {
  // Drafts: every one (network admins), or those of this country (its coordinator); none when
  // neither.
  bool all_drafts = false;
  std::string drafts_of_country;
  std::vector<std::string> kind, country, format, status;  // any of the values; empty: all
  std::optional<values::Time> from, to;  // ending at or after `from`; starting before `to`
  pagination::KeysetRequest page;
};

// The orders of a list of events; the first is the default. Each has an index (V001).
inline const std::array<pagination::SortField<domain::Event>, 1> kEventSorts{{
    {"starts_at", pagination::KeyKind::kInstant, "events.starts_at",
     [](const domain::Event& e) { return pagination::InstantKey(e.starts_at); }},
}};

inline const std::array<pagination::SortField<domain::Session>, 1> kSessionSorts{{
    {"starts_at", pagination::KeyKind::kInstant, "sessions.starts_at",
     [](const domain::Session& s) { return pagination::InstantKey(s.starts_at); }},
}};

struct CalendarQuery {
  std::vector<std::string> kind, country;  // any of the values; empty: all
  int limit = 1000;                        // domain::kMaxCalendarEvents
};

// A registration a completion certified (or a capacity raise confirmed).
struct Certified {
  std::string id;
  std::string organization_id;  // '' for a registration without one
};

class EventRepository {
 public:
  virtual ~EventRepository() = default;
  // NOT_FOUND when no event has this id (a malformed id included).
  virtual absl::StatusOr<domain::Event> FindById(db::Tx& tx, const std::string& id) = 0;
  // As FindById, locking the event's row until the transaction ends: the lock every
  // registration change takes too, so verbs, reschedules and places see each other's outcome.
  virtual absl::StatusOr<domain::Event> FindForUpdate(db::Tx& tx, const std::string& id) = 0;
  virtual absl::StatusOr<domain::Event> Insert(db::Tx& tx, const domain::Event& e) = 0;
  // Writes the writable fields if the version is still `version`; FAILED_PRECONDITION
  // "stale_version" otherwise.
  virtual absl::StatusOr<domain::Event> Update(db::Tx& tx, const domain::Event& e,
                                               int64_t version) = 0;
  // From `from` to `to` with the note; FAILED_PRECONDITION "invalid_transition" when it is no
  // longer in `from`.
  virtual absl::StatusOr<domain::Event> SetStatus(db::Tx& tx, const std::string& id,
                                                  domain::EventStatus from, domain::EventStatus to,
                                                  const std::string& note) = 0;
  virtual absl::StatusOr<pagination::Rows<domain::Event>> List(db::Tx& tx, const EventQuery& q) = 0;
  // Published, completed and cancelled events matching the filters, newest start first, at
  // most q.limit.
  virtual absl::StatusOr<std::vector<domain::Event>> Calendar(db::Tx& tx,
                                                              const CalendarQuery& q) = 0;
  // Each confirmed registration of the event without a certificate whose attended days from
  // `first_day` to `last_day` (the event's local days as it is now) reach threshold percent of
  // `local_days` gets its code; returns them.
  virtual absl::StatusOr<std::vector<Certified>> IssueCertificates(
      db::Tx& tx, const std::string& event_id, int threshold, const values::LocalDate& first_day,
      const values::LocalDate& last_day, int local_days) = 0;
  // Whether the event has any registration, whatever its status.
  virtual absl::StatusOr<bool> HasRegistrations(db::Tx& tx, const std::string& event_id) = 0;
  // Confirms the first `places` waitlisted registrations (nullopt: all), by waitlisted_at then
  // id, and moves the event's counters by them; the caller holds the event's row lock. Returns
  // the confirmed ones.
  virtual absl::StatusOr<std::vector<Certified>> ConfirmWaitlisted(db::Tx& tx,
                                                                   const std::string& event_id,
                                                                   std::optional<int> places) = 0;

  virtual absl::StatusOr<domain::Session> InsertSession(db::Tx& tx, const domain::Session& s) = 0;
  // The first start and the last end of the event's sessions; nullopt without sessions.
  virtual absl::StatusOr<std::optional<std::pair<values::Time, values::Time>>> SessionSpan(
      db::Tx& tx, const std::string& event_id) = 0;
  virtual absl::StatusOr<pagination::Rows<domain::Session>> ListSessions(
      db::Tx& tx, const std::string& event_id, const pagination::KeysetRequest& page) = 0;
};

}  // namespace iris::events::storage
