// Use cases over events and their agenda: staff (network admins; national coordinators in their
// country) create, change and move events through draft -> published -> completed | cancelled,
// completing issues the certificates; anyone reads what is not a draft, and the calendar.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "libs/members/directory.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/events/domain/event.hpp"
#include "services/events/domain/event_session.hpp"
#include "services/events/storage/event_repository.hpp"

namespace iris::events::app {

struct EventListRequest {
  std::vector<std::string> kind, country, format, status;  // any of the values
  std::string from, to;  // YYYY-MM-DD or RFC 3339; empty: unbounded
  pagination::PageParams page;
};

struct CalendarRequest {
  std::vector<std::string> country, kind;  // any of the values
};

class EventUseCases {
 public:
  EventUseCases(db::Pool& pool, storage::EventRepository& events,
                members::MembershipDirectory& membership)
      : pool_(pool), events_(events), membership_(membership) {}

  // Staff; a coordinator only for its own country. Host and partners are asked of membership
  // (active members, else 422 on the field; 503 when it does not answer, nothing written).
  absl::StatusOr<domain::Event> Create(const identity::Caller& caller,
                                       const domain::EventPatch& fields);
  // Drafts: NOT_FOUND to everyone but the staff who may manage them.
  absl::StatusOr<domain::Event> Get(const identity::Caller& caller, const std::string& id);
  // Drafts and published events; capacity never below the places taken (409 over_capacity);
  // the sessions must still fit a new time (422); the registration mode fixed once anyone
  // registered (409 invalid_transition). More places on a published open event confirm the
  // waitlisted into them, in the same transaction. expected_version 0: no precondition.
  absl::StatusOr<domain::Event> Update(const identity::Caller& caller, const std::string& id,
                                       const domain::EventPatch& fields, int64_t expected_version);
  absl::StatusOr<pagination::Page<domain::Event>> List(const identity::Caller& caller,
                                                       const EventListRequest& req);
  // publish, cancel, complete (which issues the certificates in its transaction).
  absl::StatusOr<domain::Event> Act(const identity::Caller& caller, const std::string& id,
                                    domain::EventVerb verb, const std::string& note,
                                    int64_t expected_version);

  absl::StatusOr<domain::Session> CreateSession(const identity::Caller& caller,
                                                const std::string& event_id,
                                                const domain::SessionInput& input);
  absl::StatusOr<pagination::Page<domain::Session>> ListSessions(
      const identity::Caller& caller, const std::string& event_id,
      const pagination::PageParams& page);

  // The RFC 5545 text of the published, completed and cancelled events that match.
  absl::StatusOr<std::string> Calendar(const identity::Caller& caller, const CalendarRequest& req);

 private:
  // Asks membership about the host and the partners `next` names that `before` did not.
  absl::Status CheckOrganizations(const identity::Caller& caller, const domain::Event& next,
                                  const domain::Event* before);

  // After a capacity change of `e` (saved, its row locked): confirms waitlisted registrations
  // into the free places, with their messages. Whether any was.
  absl::StatusOr<bool> FillNewPlaces(const identity::Caller& caller, db::Tx& tx,
                                     const domain::Event& e);

  db::Pool& pool_;
  storage::EventRepository& events_;
  members::MembershipDirectory& membership_;
};

}  // namespace iris::events::app
