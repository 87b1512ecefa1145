// The fixture of events' database tests: the migrated schema, a pool, the use cases over the
// real repository with a fake membership directory, callers of each role and a few helpers.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "libs/status/status.hpp"
#include "services/events/app/event_use_cases.hpp"
#include "services/events/storage/pg_event_repository.hpp"
#include "services/events/tests/events_db_test_base.hpp"

namespace iris::events {

using domain::EventStatus;
using domain::EventVerb;

inline values::Time FromNow(std::chrono::hours h) {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now() +
                                                                 h);
}

class EventDbTest : public EventsDbTestBase {
 protected:
  identity::Caller Admin() {
    return {.subject = NewId(), .role = "network_admin", .request_id = "req-events-db"};
  }
  identity::Caller Coordinator(const std::string& country) {
    return {.subject = NewId(),
            .role = "national_coordinator",
            .country = country,
            .request_id = "req-events-db"};
  }
  identity::Caller Member() {
    return {.subject = NewId(),
            .role = "member",
            .organization_id = NewId(),
            .request_id = "req-events-db"};
  }
  std::string ActiveOrg(bool active = true) {
    const std::string id = NewId();
    directory_.orgs[id] = {.exists = true,
                           .name = "Defendology",
                           .country = "BA",
                           .active = active,
                           .status = active ? "active" : "suspended"};
    return id;
  }

  domain::EventPatch Fields(const std::string& title, const std::string& country = "RS") {
    domain::EventPatch p;
    p.kind = "peer_review";
    p.title = values::LocalizedText{{"en", title}};
    p.format = "in_person";
    p.location = domain::LocationInput{"Hotel Moskva", "Belgrade", country};
    p.starts_at = std::optional<values::Time>(FromNow(std::chrono::hours(24 * 10)));
    p.ends_at = std::optional<values::Time>(FromNow(std::chrono::hours(24 * 12)));
    return p;
  }

  domain::Event Create(const std::string& title, const std::string& country = "RS") {
    auto e = events_.Create(Admin(), Fields(title, country));
    EXPECT_TRUE(e.ok()) << e.status();
    return e.ok() ? *e : domain::Event{};
  }

  domain::Event Publish(const std::string& id) {
    auto e = events_.Act(Admin(), id, EventVerb::kPublish, "", 0);
    EXPECT_TRUE(e.ok()) << e.status();
    return e.ok() ? *e : domain::Event{};
  }

  // Moves the event `days` local days back, its wall-clock times kept in its zone (rows set
  // directly, as history is): completion needs an event that has ended.
  void MoveBack(const std::string& id, int days) {
    const std::string back = " = ((%1 AT TIME ZONE timezone) - make_interval(days => " +
                             std::to_string(days) + ")) AT TIME ZONE timezone";
    auto column = [&](const std::string& c) {
      std::string s = c + back;
      s.replace(s.find("%1"), 2, c);
      return s;
    };
    Text("UPDATE events.events SET " + column("starts_at") + ", " + column("ends_at") + ", " +
         column("registration_opens_at") + ", " + column("registration_closes_at") +
         " WHERE id = '" + id + "' RETURNING 1");
  }

  storage::PgEventRepository repo_;
  app::EventUseCases events_{pool_, repo_, directory_};
};

}  // namespace iris::events
