// Registrations against the real schema, with a fake membership directory: places never over
// capacity when registrations and selections race (each in its own thread and transaction),
// the waiting list's promotion on cancellation, one live registration per email, who sees
// what, attendance, certificates, and nothing written when membership does not answer.
#include <gtest/gtest.h>

#include <functional>
#include <latch>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "events_migrations.hpp"
#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "libs/db/testing/scalar.hpp"
#include "libs/members/fake_directory.hpp"
#include "libs/status/status.hpp"
#include "services/events/app/registration_use_cases.hpp"
#include "services/events/storage/pg_registration_repository.hpp"
#include "services/events/storage/statements.hpp"
#include "tests/support/test_env.hpp"

namespace iris::events {
namespace {

using domain::RegistrationStatus;

constexpr int kThreads = 16;

std::string EventsDatabaseUrl() {
  return iris::testing::RequireEnv("IRIS_TEST_EVENTS_DATABASE_URL");
}

class RegistrationDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(db::MigrateService(EventsDatabaseUrl(), "events", migrations::kAll).ok());
  }

  std::string Text(const std::string& sql) {
    auto v = db::testing::ScalarText(pool_, sql);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : "";
  }
  int Number(const std::string& sql) { return std::stoi(Text(sql)); }
  std::string NewId() { return Text("SELECT gen_random_uuid()::text"); }

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

  static std::string Reason(const absl::Status& s) { return status::DetailOf(s).reason(); }

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

  db::Pool pool_{db::PoolConfig{.url = EventsDatabaseUrl(), .size = kThreads + 2},
                 storage::Statements()};
  members::FakeDirectory directory_;
  storage::PgRegistrationRepository repo_;
  app::RegistrationUseCases registrations_{pool_, repo_, directory_};
};

TEST_F(RegistrationDbTest, ParallelRegistrationsConfirmExactlyTheCapacity) {
  const auto event = NewEvent("5");
  const auto member = NewMember();
  auto results = Concurrently(
      kThreads, [&](int) { return registrations_.Create(member, event, Person(NewEmail())); });
  int confirmed = 0, waitlisted = 0;
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.status();
    (r->status == RegistrationStatus::kConfirmed ? confirmed : waitlisted) += 1;
    EXPECT_TRUE(r->status == RegistrationStatus::kConfirmed ||
                r->status == RegistrationStatus::kWaitlisted);
  }
  EXPECT_EQ(confirmed, 5);
  EXPECT_EQ(waitlisted, kThreads - 5);
  EXPECT_EQ(Places(event, "taken"), 5);
  EXPECT_EQ(Places(event, "waitlisted"), kThreads - 5);
  EXPECT_EQ(Number("SELECT count(*) FROM events.registrations WHERE event_id = '" + event +
                   "' AND status = 'confirmed'"),
            5);
  EXPECT_EQ(Number("SELECT count(*) FROM events.outbox WHERE type = "
                   "'events.registration.created' AND payload->>'event_id' = '" +
                   event + "'"),
            kThreads);
}

TEST_F(RegistrationDbTest, ParallelSelectionsNeverPassTheCapacity) {
  const auto event = NewEvent("4", "application");
  const auto member = NewMember();
  std::vector<std::string> ids;
  for (int i = 0; i < kThreads; ++i) {
    auto r = Register(member, event);
    EXPECT_EQ(r.status, RegistrationStatus::kSubmitted);
    ids.push_back(r.id);
  }
  EXPECT_EQ(Places(event, "submitted"), kThreads);
  const auto admin = Admin();
  auto results =
      Concurrently(kThreads, [&](int i) { return registrations_.Select(admin, ids[i], "", 0); });
  int selected = 0;
  for (const auto& r : results) {
    if (r.ok()) {
      ++selected;
    } else {
      EXPECT_EQ(Reason(r.status()), "over_capacity") << r.status();
    }
  }
  EXPECT_EQ(selected, 4);
  EXPECT_EQ(Places(event, "taken"), 4);
  EXPECT_EQ(Places(event, "submitted"), kThreads - 4);
}

TEST_F(RegistrationDbTest, CancellingAPlacePromotesTheFirstWaitlisted) {
  const auto event = NewEvent("1");
  const auto member = NewMember();
  const auto first = Register(member, event);
  const auto second = Register(member, event);
  const auto third = Register(member, event);
  EXPECT_EQ(first.status, RegistrationStatus::kConfirmed);
  EXPECT_EQ(second.status, RegistrationStatus::kWaitlisted);
  EXPECT_EQ(third.status, RegistrationStatus::kWaitlisted);

  auto cancelled = registrations_.Cancel(member, first.id, "cannot travel", first.version);
  ASSERT_TRUE(cancelled.ok()) << cancelled.status();
  EXPECT_EQ(cancelled->status, RegistrationStatus::kCancelled);
  auto promoted = registrations_.Get(member, second.id);
  ASSERT_TRUE(promoted.ok());
  EXPECT_EQ(promoted->status, RegistrationStatus::kConfirmed);
  EXPECT_EQ(registrations_.Get(member, third.id)->status, RegistrationStatus::kWaitlisted);
  EXPECT_EQ(Places(event, "taken"), 1);
  EXPECT_EQ(Places(event, "waitlisted"), 1);
  EXPECT_EQ(Number("SELECT count(*) FROM events.outbox WHERE type = "
                   "'events.registration.confirmed' AND subject_id = '" +
                   second.id + "'"),
            1);
  // Cancelling a waitlisted registration frees no place.
  ASSERT_TRUE(registrations_.Cancel(member, third.id, "", 0).ok());
  EXPECT_EQ(Places(event, "taken"), 1);
  EXPECT_EQ(Places(event, "waitlisted"), 0);
  // Twice: nothing to cancel.
  EXPECT_EQ(Reason(registrations_.Cancel(member, third.id, "", 0).status()), "invalid_transition");
}

TEST_F(RegistrationDbTest, ParallelCancellationsPromoteOneWaitlistedEach) {
  // 4 places taken and 12 waiting; the 4 holders cancel at once: 4 of the waiting move up, in
  // the order they joined the list.
  const auto event = NewEvent("4");
  const auto member = NewMember();
  std::vector<domain::Registration> all;
  for (int i = 0; i < 16; ++i) all.push_back(Register(member, event));
  auto results =
      Concurrently(4, [&](int i) { return registrations_.Cancel(member, all[i].id, "", 0); });
  for (const auto& r : results) ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Places(event, "taken"), 4);
  EXPECT_EQ(Places(event, "waitlisted"), 8);
  for (int i = 4; i < 16; ++i) {
    EXPECT_EQ(registrations_.Get(member, all[i].id)->status,
              i < 8 ? RegistrationStatus::kConfirmed : RegistrationStatus::kWaitlisted)
        << i;
  }
}

TEST_F(RegistrationDbTest, ApplicationModeFlowAndItsPromotion) {
  const auto event = NewEvent("1", "application");
  const auto member = NewMember();
  const auto admin = Admin();
  const auto a = Register(member, event);
  const auto b = Register(member, event);
  // Members do not select; staff do.
  EXPECT_TRUE(absl::IsPermissionDenied(registrations_.Select(member, a.id, "", 0).status()));
  ASSERT_TRUE(registrations_.Select(admin, a.id, "", 0).ok());
  ASSERT_TRUE(registrations_.Waitlist(admin, b.id, "", 0).ok());
  EXPECT_EQ(Reason(registrations_.Select(admin, b.id, "", 0).status()), "over_capacity");
  EXPECT_EQ(Reason(registrations_.Reject(admin, b.id, " ", 0).status()), "validation");
  auto confirmed = registrations_.Confirm(member, a.id, "", 0);
  ASSERT_TRUE(confirmed.ok()) << confirmed.status();
  EXPECT_EQ(confirmed->status, RegistrationStatus::kConfirmed);
  EXPECT_EQ(Reason(registrations_.Confirm(member, a.id, "", 0).status()), "invalid_transition");
  EXPECT_EQ(Reason(registrations_.Cancel(member, a.id, "", 1).status()), "stale_version");
  ASSERT_TRUE(registrations_.Cancel(member, a.id, "", 0).ok());
  EXPECT_EQ(registrations_.Get(admin, b.id)->status, RegistrationStatus::kSelected);
  EXPECT_EQ(Places(event, "taken"), 1);
  EXPECT_EQ(Places(event, "waitlisted"), 0);
  EXPECT_EQ(Places(event, "submitted"), 0);
}

TEST_F(RegistrationDbTest, OpenEventsHaveNoSelection) {
  const auto event = NewEvent("3");
  const auto r = Register(NewMember(), event);
  EXPECT_EQ(Reason(registrations_.Select(Admin(), r.id, "", 0).status()), "invalid_transition");
}

TEST_F(RegistrationDbTest, OneLiveRegistrationPerEmail) {
  const auto event = NewEvent("NULL");
  const auto member = NewMember();
  auto first = registrations_.Create(member, event, Person("Dup@Example.org"));
  ASSERT_TRUE(first.ok()) << first.status();
  auto again = registrations_.Create(member, event, Person("dup@example.org"));
  EXPECT_EQ(Reason(again.status()), "already_registered") << again.status();
  EXPECT_TRUE(absl::IsAlreadyExists(again.status()));
  ASSERT_TRUE(registrations_.Cancel(member, first->id, "", 0).ok());
  EXPECT_TRUE(registrations_.Create(member, event, Person("dup@example.org")).ok());
}

TEST_F(RegistrationDbTest, WhoSeesWhat) {
  const auto event = NewEvent("NULL");
  const auto ours = NewMember(), theirs = NewMember();
  const auto mine = Register(ours, event);
  Register(theirs, event);
  EXPECT_TRUE(registrations_.Get(ours, mine.id).ok());
  EXPECT_TRUE(absl::IsNotFound(registrations_.Get(theirs, mine.id).status()));
  EXPECT_TRUE(absl::IsNotFound(registrations_.Get({}, mine.id).status()));
  EXPECT_TRUE(absl::IsNotFound(registrations_.Cancel(theirs, mine.id, "", 0).status()));
  EXPECT_TRUE(absl::IsNotFound(registrations_.Get(ours, "not-a-uuid").status()));

  auto page = registrations_.List(ours, {.event_id = event});
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, mine.id);
  page = registrations_.List(Admin(), {.event_id = event});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items.size(), 2u);
  page = registrations_.List(Admin(), {.event_id = event, .status = {"waitlisted"}});
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->items.empty());
  EXPECT_EQ(
      Reason(registrations_.List(Admin(), {.event_id = event, .status = {"pending"}}).status()),
      "malformed");
  EXPECT_EQ(
      Reason(registrations_.List(Admin(), {.event_id = event, .organization_id = {"x"}}).status()),
      "malformed");
}

TEST_F(RegistrationDbTest, WindowPublicationAndAudience) {
  const auto member = NewMember();
  const auto closed = NewEvent("NULL", "open", "members", "published", "now() - interval '1 hour'");
  EXPECT_EQ(Reason(registrations_.Create(member, closed, Person(NewEmail())).status()),
            "registration_closed");
  // Who may register is told first: a caller who may not learns nothing of the window.
  EXPECT_TRUE(
      absl::IsUnauthenticated(registrations_.Create({}, closed, Person(NewEmail())).status()));
  const auto closed_invited =
      NewEvent("NULL", "open", "invited", "published", "now() - interval '1 hour'");
  EXPECT_TRUE(absl::IsPermissionDenied(
      registrations_.Create(member, closed_invited, Person(NewEmail())).status()));
  const auto cancelled = NewEvent("NULL", "open", "members", "cancelled");
  EXPECT_TRUE(
      absl::IsUnauthenticated(registrations_.Create({}, cancelled, Person(NewEmail())).status()));
  const auto draft = NewEvent("NULL", "open", "members", "draft");
  EXPECT_TRUE(absl::IsNotFound(registrations_.Create(member, draft, Person(NewEmail())).status()));
  EXPECT_EQ(Reason(registrations_.Create(Admin(), draft, Person(NewEmail())).status()),
            "event_not_published");
  const auto members_only = NewEvent("NULL");
  EXPECT_TRUE(absl::IsUnauthenticated(
      registrations_.Create({}, members_only, Person(NewEmail())).status()));
  auto other_org = Person(NewEmail());
  other_org.organization_id = NewId();
  EXPECT_TRUE(
      absl::IsPermissionDenied(registrations_.Create(member, members_only, other_org).status()));
  const auto open_to_all = NewEvent("NULL", "open", "public");
  auto anonymous = registrations_.Create({}, open_to_all, Person(NewEmail()));
  ASSERT_TRUE(anonymous.ok()) << anonymous.status();
  EXPECT_EQ(anonymous->organization_id, "");
  // Only members and staff register for an organisation.
  auto claimed = Person(NewEmail());
  claimed.organization_id = member.organization_id;
  for (const identity::Caller& c :
       {identity::Caller{}, identity::Caller{.subject = NewId(), .role = "partner"},
        identity::Caller{.subject = NewId(), .role = "reviewer"}}) {
    auto r = registrations_.Create(c, open_to_all, claimed);
    EXPECT_EQ(Reason(r.status()), "validation") << c.role;
    ASSERT_EQ(status::DetailOf(r.status()).errors_size(), 1) << c.role;
    EXPECT_EQ(status::DetailOf(r.status()).errors(0).field(), "organization_id");
  }
  EXPECT_TRUE(registrations_.Create(member, open_to_all, claimed).ok());
}

TEST_F(RegistrationDbTest, WhoMayRegisterIsDecidedAgainUnderTheEventsLock) {
  const auto event = NewEvent("NULL");
  const auto member = NewMember();
  // While membership is asked about the member's organisation, staff make the event invited.
  directory_.while_asked = [&] {
    Text("UPDATE events.events SET audience = 'invited' WHERE id = '" + event + "' RETURNING 1");
  };
  auto r = registrations_.Create(member, event, Person(NewEmail()));
  directory_.while_asked = nullptr;
  EXPECT_TRUE(absl::IsPermissionDenied(r.status())) << r.status();
  EXPECT_EQ(Number("SELECT count(*) FROM events.registrations WHERE event_id = '" + event + "'"),
            0);
  EXPECT_EQ(Places(event, "taken"), 0);

  // A coordinator whose event moved to another country while membership was asked.
  const auto open_to_all = NewEvent("NULL", "open", "public");
  const identity::Caller coordinator{
      .subject = NewId(), .role = "national_coordinator", .country = "RS", .request_id = "req-db"};
  auto for_org = Person(NewEmail());
  for_org.organization_id = member.organization_id;
  directory_.while_asked = [&] {
    Text("UPDATE events.events SET country = 'BA' WHERE id = '" + open_to_all + "' RETURNING 1");
  };
  auto moved = registrations_.Create(coordinator, open_to_all, for_org);
  directory_.while_asked = nullptr;
  EXPECT_FALSE(moved.ok());
  EXPECT_EQ(
      Number("SELECT count(*) FROM events.registrations WHERE event_id = '" + open_to_all + "'"),
      0);
}

TEST_F(RegistrationDbTest, MembershipIsAskedAndNothingIsWrittenWhenItIsDown) {
  const auto event = NewEvent("NULL", "open", "public");
  auto unknown = Person(NewEmail());
  unknown.organization_id = NewId();
  auto r = registrations_.Create(Admin(), event, unknown);
  EXPECT_EQ(Reason(r.status()), "validation");
  ASSERT_FALSE(status::DetailOf(r.status()).errors().empty());
  EXPECT_EQ(status::DetailOf(r.status()).errors(0).field(), "organization_id");
  const auto suspended = NewMember("suspended");
  EXPECT_EQ(Reason(registrations_.Create(suspended, event, Person(NewEmail())).status()),
            "validation");
  directory_.down = true;
  EXPECT_TRUE(
      absl::IsUnavailable(registrations_.Create(NewMember(), event, Person(NewEmail())).status()));
  EXPECT_EQ(Places(event, "taken"), 0);
  EXPECT_EQ(Number("SELECT count(*) FROM events.registrations WHERE event_id = '" + event + "'"),
            0);
}

TEST_F(RegistrationDbTest, AttendanceOnLocalDaysOnce) {
  // 2031-06-01T07:00Z .. 2031-06-03T15:00Z in Belgrade: 1, 2 and 3 June.
  const auto event = NewEvent("1");
  const auto member = NewMember();
  const auto admin = Admin();
  const auto r = Register(member, event);
  const auto waiting = Register(member, event);
  // None of its days has begun yet: 422 on date.
  auto early = registrations_.RecordAttendance(admin, r.id, "2031-06-01");
  ASSERT_EQ(Reason(early.status()), "validation") << early.status();
  ASSERT_FALSE(status::DetailOf(early.status()).errors().empty());
  EXPECT_EQ(status::DetailOf(early.status()).errors(0).field(), "date");
  EXPECT_EQ(status::DetailOf(early.status())
                .errors(0)
                .message()
                .rfind("2031-06-01 has not come yet in Europe/Belgrade (today is ", 0),
            0u)
      << early.status();
  // The event held in 2021 instead (as history is): 1, 2 and 3 June 2021 have all begun.
  Text(
      "UPDATE events.events SET starts_at = '2021-06-01T07:00:00Z', "
      "ends_at = '2021-06-03T15:00:00Z' WHERE id = '" +
      event + "' RETURNING 1");
  EXPECT_TRUE(absl::IsPermissionDenied(
      registrations_.RecordAttendance(member, r.id, "2021-06-01").status()));
  auto a = registrations_.RecordAttendance(admin, r.id, "2021-06-02");
  ASSERT_TRUE(a.ok()) << a.status();
  a = registrations_.RecordAttendance(admin, r.id, "2021-06-01");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->attended_days, (std::vector<std::string>{"2021-06-01", "2021-06-02"}));
  auto again = registrations_.RecordAttendance(admin, r.id, "2021-06-01");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->version, a->version);
  EXPECT_EQ(Reason(registrations_.RecordAttendance(admin, r.id, "2021-06-04").status()),
            "validation");
  EXPECT_EQ(Reason(registrations_.RecordAttendance(admin, r.id, "2021-13-01").status()),
            "validation");
  EXPECT_EQ(Reason(registrations_.RecordAttendance(admin, waiting.id, "2021-06-01").status()),
            "invalid_transition");
  EXPECT_EQ(Number("SELECT count(*) FROM events.outbox WHERE type = "
                   "'events.registration.attended' AND subject_id = '" +
                   r.id + "'"),
            2);
  Text("UPDATE events.events SET status = 'completed' WHERE id = '" + event + "' RETURNING 1");
  EXPECT_EQ(Reason(registrations_.RecordAttendance(admin, r.id, "2021-06-03").status()),
            "invalid_transition");
  EXPECT_EQ(Reason(registrations_.Cancel(member, r.id, "", 0).status()), "invalid_transition");
}

TEST_F(RegistrationDbTest, CertificatesShowNameTitleAndDaysOnly) {
  const auto event = NewEvent("NULL");
  const auto r = Register(NewMember(), event);
  Text("UPDATE events.registrations SET certificate_code = 'IRIS-00AA11BB22CC33DD' WHERE id = '" +
       r.id + "' RETURNING 1");
  auto c = registrations_.GetCertificate("IRIS-00AA11BB22CC33DD");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->participant_name, "Ana Jovanović");
  EXPECT_EQ(c->event_title.at("en"), "Budgeting for social services");
  EXPECT_EQ(c->starts_on, "2031-06-01");
  EXPECT_EQ(c->ends_on, "2031-06-03");
  EXPECT_TRUE(absl::IsNotFound(registrations_.GetCertificate("IRIS-00AA11BB22CC33DE").status()));
  // Codes as people type them: any case, stray spaces.
  auto typed = registrations_.GetCertificate(" iris-00aa11bb22cc33dd ");
  ASSERT_TRUE(typed.ok()) << typed.status();
  EXPECT_EQ(typed->code, "IRIS-00AA11BB22CC33DD");
  EXPECT_TRUE(absl::IsNotFound(registrations_.GetCertificate("iris-00aa11bb22cc33de").status()));
}

TEST_F(RegistrationDbTest, TheLastGuardIsTheCheckTheUseCasesName) {
  // app::kPlacesRules names the CHECK Postgres named: keep both in step.
  EXPECT_EQ(Text("SELECT conname FROM pg_constraint WHERE conrelid = 'events.events'::regclass "
                 "AND pg_get_constraintdef(oid) LIKE '%taken <= capacity%'"),
            std::string(app::kPlacesRules[0].constraint));
  const auto event = NewEvent("1");
  Register(NewMember(), event);
  auto over = pool_.Write(
      [&](db::Tx& tx) { return repo_.MovePlaces(tx, event, domain::CounterDelta{.taken = 1}); });
  EXPECT_EQ(Reason(db::ExplainViolation(over, app::kPlacesRules)), "over_capacity") << over;
}

}  // namespace
}  // namespace iris::events
