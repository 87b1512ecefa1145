// The fixture of the registrations' database tests: events written with the test's own SQL,
// members of organisations the fake membership knows, registrations through the use cases, and
// a way to run one act in many threads at once (each in its own transaction).
#pragma once

#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "services/events/app/registration_use_cases.hpp"
#include "services/events/storage/pg_registration_repository.hpp"
#include "services/events/tests/events_db_test_base.hpp"

namespace iris::events {

using domain::RegistrationStatus;

inline constexpr int kThreads = 16;

class RegistrationDbTest : public EventsDbTestBase {
 protected:
  RegistrationDbTest() : EventsDbTestBase(kThreads + 2) {}

  // A published event in RS (a training from in 10 days for three days), written with this
  // test's own SQL.
  std::string NewEvent(const std::string& capacity, const std::string& mode = "open",
                       const std::string& audience = "members",
                       const std::string& status = "published",
                       const std::string& closes = "NULL") {
    return Text(
        "INSERT INTO events.events (kind, title, format, starts_at, ends_at, timezone, capacity, "
        "audience, country, registration_mode, registration_closes_at, status) VALUES "
        "('training', '{\"en\": \"Budgeting for social services\"}', 'online', "
        "'2031-06-01T07:00:00Z', '2031-06-03T15:00:00Z', 'Europe/Belgrade', " +
        capacity + ", '" + audience + "', 'RS', '" + mode + "', " + closes + ", '" + status +
        "') RETURNING id::text");
  }
  int Places(const std::string& event, const std::string& column) {
    return Number("SELECT " + column + " FROM events.events WHERE id = '" + event + "'");
  }

  identity::Caller NewMember(const std::string& status = "active") {
    const std::string org = NewId();
    directory_.orgs[org] = {.exists = true,
                            .name = "Udruženje " + org.substr(0, 8),
                            .country = "RS",
                            .active = status == "active",
                            .status = status};
    return {.subject = NewId(), .role = "member", .organization_id = org, .request_id = "req-db"};
  }
  identity::Caller Admin() {
    return {.subject = NewId(), .role = "network_admin", .request_id = "req-db"};
  }

  static domain::RegistrationPatch Person(const std::string& email) {
    domain::RegistrationPatch p;
    p.person_name = "Ana Jovanović";
    p.person_email = email;
    return p;
  }
  std::string NewEmail() { return "p" + NewId().substr(0, 12) + "@example.org"; }

  domain::Registration Register(const identity::Caller& c, const std::string& event) {
    auto r = registrations_.Create(c, event, Person(NewEmail()));
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : domain::Registration{};
  }

  // Runs act(i) for i in [0, n) at once, each in its own thread.
  template <typename Act>
  std::vector<absl::StatusOr<domain::Registration>> Concurrently(int n, Act act) {
    std::vector<absl::StatusOr<domain::Registration>> results(n, absl::UnknownError("not run"));
    std::latch start(n);
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        results[i] = act(i);
      });
    }
    for (auto& t : threads) t.join();
    return results;
  }

  storage::PgRegistrationRepository repo_;
  app::RegistrationUseCases registrations_{pool_, repo_, directory_};
};

}  // namespace iris::events
