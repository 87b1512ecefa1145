// Use cases over registrations: registering (open registration or a call for participants),
// staff's selection, the registrant's confirmation and cancellation with the waiting list's
// promotion, attendance and certificates. Every change of a registration's status takes its
// event's row lock first and moves the event's place counters in the same transaction, so
// places are never over capacity, whatever runs concurrently.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "libs/db/constraints.hpp"
#include "libs/db/outbox.hpp"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "libs/members/directory.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/events/domain/registration.hpp"
#include "services/events/storage/registration_repository.hpp"

namespace iris::events::app {

struct RegistrationListRequest {
  std::string event_id = {};
  std::vector<std::string> status = {}, organization_id = {};  // any of the values
  pagination::PageParams page = {};
};

class RegistrationUseCases {
 public:
  RegistrationUseCases(db::Pool& pool, storage::RegistrationRepository& registrations,
                       members::MembershipDirectory& membership)
      : pool_(pool), registrations_(registrations), membership_(membership) {}

  // Open mode: confirmed while a place is left, else waitlisted; application mode: submitted.
  // The organisation, when there is one, is asked of membership before any transaction opens.
  absl::StatusOr<domain::Registration> Create(const identity::Caller& caller,
                                              const std::string& event_id,
                                              const domain::RegistrationPatch& fields);
  absl::StatusOr<domain::Registration> Get(const identity::Caller& caller, const std::string& id);
  absl::StatusOr<pagination::Page<domain::Registration>> List(const identity::Caller& caller,
                                                              const RegistrationListRequest& req);

  // The verbs; expected_version 0: no precondition. Staff of the event: select, waitlist,
  // reject (note required). The registration's organisation or staff: confirm, cancel (which
  // promotes the first waitlisted when it frees a place).
  absl::StatusOr<domain::Registration> Select(const identity::Caller& caller, const std::string& id,
                                              const std::string& note, int64_t expected_version);
  absl::StatusOr<domain::Registration> Waitlist(const identity::Caller& caller,
                                                const std::string& id, const std::string& note,
                                                int64_t expected_version);
  absl::StatusOr<domain::Registration> Reject(const identity::Caller& caller, const std::string& id,
                                              const std::string& note, int64_t expected_version);
  absl::StatusOr<domain::Registration> Confirm(const identity::Caller& caller,
                                               const std::string& id, const std::string& note,
                                               int64_t expected_version);
  absl::StatusOr<domain::Registration> Cancel(const identity::Caller& caller, const std::string& id,
                                              const std::string& note, int64_t expected_version);

  // Staff: a day (YYYY-MM-DD) a confirmed participant of a published event attended; a day
  // already recorded changes nothing.
  absl::StatusOr<domain::Registration> RecordAttendance(const identity::Caller& caller,
                                                        const std::string& id,
                                                        const std::string& date);
  // Anyone: NOT_FOUND for an unknown code.
  absl::StatusOr<storage::Certificate> GetCertificate(const std::string& code);

 private:
  // The one shape of every verb (registration_verbs.cpp).
  struct Verb {
    std::string_view name;  // "select"
    domain::RegistrationStatus to;
    bool staff_only = false;
    bool note_required = false;
  };
  absl::StatusOr<domain::Registration> Act(const identity::Caller& caller, const std::string& id,
                                           const Verb& verb, const std::string& note,
                                           int64_t expected_version);

  db::Pool& pool_;
  storage::RegistrationRepository& registrations_;
  members::MembershipDirectory& membership_;
};

// The thin outbox payload of a registration's change: {id, event_id, organization_id, status}
// (never the person's name or email), filed under the event's country.
db::Change RegistrationChange(const domain::EventFacts& e, const domain::Registration& r,
                              std::string type, std::string action, nlohmann::json audit);
absl::Status RegistrationNotFound();

// The last guard of the places: events.events' CHECK (capacity IS NULL OR taken <= capacity),
// under the name Postgres gave it (the second unnamed table CHECK of V001__events.sql; a db test
// keeps the name true). Only a bug in the checks before it could break it.
inline constexpr db::ConstraintRule kPlacesRules[] = {
    {"events_check1", "", "all places of the event are taken", "over_capacity"},
};

}  // namespace iris::events::app
