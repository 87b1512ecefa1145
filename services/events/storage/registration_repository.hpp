// What the registration use cases need from storage: registrations, their event's facts (read
// and locked with this area's own statements) and the event's place counters, and certificates.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/values/types.hpp"
#include "services/events/domain/registration.hpp"

namespace iris::events::storage {

// An event's registrations as one caller sees them: every row (see_all) or its organisation's;
// then the filters.
struct RegistrationQuery {
  std::string event_id;
  bool see_all = false;                           // staff of the event
  std::optional<std::string> organization_id;     // members
  std::vector<std::string> status, organization;  // any of the values; empty: all
  pagination::KeysetRequest page;
};

// The orders of an event's registrations; the first is the default.
inline const std::array<pagination::SortField<domain::Registration>, 1> kRegistrationSorts{{
    {"created_at", pagination::KeyKind::kInstant, "registrations.created_at",
     [](const domain::Registration& r) { return pagination::InstantKey(r.created_at); }},
}};

// What GET /v1/certificates/{code} shows.
struct Certificate {
  std::string code;
  std::string participant_name;
  values::LocalizedText event_title;
  std::string starts_on, ends_on;  // YYYY-MM-DD
};

class RegistrationRepository {
 public:
  virtual ~RegistrationRepository() = default;

  // The event's facts; NOT_FOUND when no event has this id (a malformed id included).
  virtual absl::StatusOr<domain::EventFacts> FindEvent(db::Tx& tx, const std::string& event_id) = 0;
  // As FindEvent, locking the event's row until the transaction ends (needs a Write).
  virtual absl::StatusOr<domain::EventFacts> LockEvent(db::Tx& tx, const std::string& event_id) = 0;
  // Moves the event's counters; a CHECK violation (over capacity) comes back as the pool's
  // FAILED_PRECONDITION status.
  virtual absl::Status MovePlaces(db::Tx& tx, const std::string& event_id,
                                  const domain::CounterDelta& delta) = 0;

  // NOT_FOUND when no registration has this id (a malformed id included).
  virtual absl::StatusOr<domain::Registration> FindById(db::Tx& tx, const std::string& id) = 0;
  // As FindById, locking the row until the transaction ends.
  virtual absl::StatusOr<domain::Registration> FindForUpdate(db::Tx& tx, const std::string& id) = 0;
  // The event's first waitlisted registration (by waitlisted_at, id), locked; none if nobody
  // waits.
  virtual absl::StatusOr<std::optional<domain::Registration>> FirstWaitlisted(
      db::Tx& tx, const std::string& event_id) = 0;

  // A new registration in r.status; a second live one of the email on the event is the pool's
  // ALREADY_EXISTS status (registrations_one_per_person).
  virtual absl::StatusOr<domain::Registration> Insert(db::Tx& tx, const domain::Registration& r,
                                                      const std::string& registered_by) = 0;
  // Moves the (locked) registration to `status` with its note.
  virtual absl::StatusOr<domain::Registration> SetStatus(db::Tx& tx, const std::string& id,
                                                         domain::RegistrationStatus status,
                                                         const std::string& note) = 0;
  // Adds `date` (YYYY-MM-DD, not yet attended) to the (locked) registration's days.
  virtual absl::StatusOr<domain::Registration> AddAttendance(db::Tx& tx, const std::string& id,
                                                             const std::string& date) = 0;

  // Up to pagination::RowsToFetch(q.page.limit) rows after the page's position.
  virtual absl::StatusOr<pagination::Rows<domain::Registration>> List(
      db::Tx& tx, const RegistrationQuery& q) = 0;

  // NOT_FOUND for an unknown code.
  virtual absl::StatusOr<Certificate> FindCertificate(db::Tx& tx, const std::string& code) = 0;
};

}  // namespace iris::events::storage
