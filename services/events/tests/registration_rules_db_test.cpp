// Registrations' rules against the real schema, with a fake membership directory: who sees
// what, the window, the publication and the audience, who may register decided again under the
// event's lock, nothing written when membership does not answer, attendance on local days,
// certificates, and the CHECK constraint the use cases name as the last guard.
#include <gtest/gtest.h>

#include "libs/db/constraints.hpp"
#include "services/events/tests/registration_db_fixture.hpp"

namespace iris::events {
namespace {

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
