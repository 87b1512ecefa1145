// Rules of registrations: who may register whom, the window, the status each registration
// starts in, the verbs' transitions, the places each status holds, who sees a registration and
// which days count for attendance.
#include "services/events/domain/registration.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <set>

namespace iris::events::domain {
namespace {

using std::chrono::hours;
using S = RegistrationStatus;

const Time kStarts = Time(std::chrono::microseconds(1'780'300'800'000'000));  // 2026-06-01 08:00Z

EventFacts Event() {
  return {.id = "e1",
          .status = "published",
          .country = "RS",
          .audience = "members",
          .registration_mode = "open",
          .capacity = 2,
          .taken = 0,
          .waitlisted = 0,
          .submitted = 0,
          .starts_at = kStarts,
          .ends_at = kStarts + hours(24 * 2 + 8),  // 2026-06-03 16:00Z, 18:00 in Belgrade
          .timezone = "Europe/Belgrade",
          .opens_at = std::nullopt,
          .closes_at = std::nullopt};
}

identity::Caller Admin() { return {.subject = "a", .role = "network_admin"}; }
identity::Caller Coordinator(std::string country) {
  return {.subject = "c", .role = "national_coordinator", .country = std::move(country)};
}
identity::Caller Member(std::string org) {
  return {.subject = "m", .role = "member", .organization_id = std::move(org)};
}
identity::Caller Anonymous() { return {}; }
identity::Caller Partner() { return {.subject = "p", .role = "partner"}; }

std::set<std::string> Fields(const std::vector<InvalidField>& problems) {
  std::set<std::string> out;
  for (const auto& p : problems) out.insert(p.field);
  return out;
}

TEST(RegistrationWords, RoundTrip) {
  for (auto s : kAllRegistrationStatuses) {
    EXPECT_EQ(ParseRegistrationStatus(RegistrationStatusWord(s)), s);
  }
  EXPECT_EQ(ParseRegistrationStatus("pending"), std::nullopt);
}

TEST(RegistrationWindow, OpenFromPublicationUntilTheStartByDefault) {
  auto e = Event();
  EXPECT_EQ(RefuseRegistration(e, kStarts - hours(1)), std::nullopt);
  ASSERT_TRUE(RefuseRegistration(e, kStarts).has_value());
  EXPECT_EQ(RefuseRegistration(e, kStarts)->reason, "registration_closed");
  e.opens_at = kStarts - hours(48);
  e.closes_at = kStarts - hours(24);
  EXPECT_EQ(RefuseRegistration(e, kStarts - hours(49))->reason, "registration_closed");
  EXPECT_EQ(RefuseRegistration(e, kStarts - hours(48)), std::nullopt);
  EXPECT_EQ(RefuseRegistration(e, kStarts - hours(24))->reason, "registration_closed");
}

TEST(RegistrationWindow, NeverOnceTheEventHasEndedWhateverClosesAtSays) {
  auto e = Event();
  e.closes_at = e.ends_at + hours(24 * 30);
  // Before the start, while it runs: the window is what closes_at says.
  EXPECT_EQ(RefuseRegistration(e, kStarts - hours(1)), std::nullopt);
  EXPECT_EQ(RefuseRegistration(e, e.ends_at - hours(1)), std::nullopt);
  for (auto now : {e.ends_at, e.ends_at + hours(1), e.ends_at + hours(24 * 29)}) {
    auto refusal = RefuseRegistration(e, now);
    ASSERT_TRUE(refusal.has_value());
    EXPECT_EQ(refusal->reason, "registration_closed");
    EXPECT_EQ(refusal->message, "the event has ended: registration is closed");
  }
}

TEST(RegistrationWindow, OnlyPublishedEventsTakeRegistrations) {
  for (std::string status : {"draft", "completed", "cancelled"}) {
    auto e = Event();
    e.status = status;
    ASSERT_TRUE(RefuseRegistration(e, kStarts - hours(1)).has_value()) << status;
    EXPECT_EQ(RefuseRegistration(e, kStarts - hours(1))->reason, "event_not_published");
  }
}

TEST(WhoRegisters, MembersForTheirOwnOrganisation) {
  auto e = Event();
  auto who = WhoRegisters(Member("org-1"), e, std::nullopt);
  EXPECT_FALSE(who.refusal.has_value());
  EXPECT_EQ(who.organization_id, "org-1");
  EXPECT_EQ(WhoRegisters(Member("org-1"), e, std::string("org-1")).organization_id, "org-1");
  who = WhoRegisters(Member("org-1"), e, std::string("org-2"));
  ASSERT_TRUE(who.refusal.has_value());
  EXPECT_EQ(who.refusal->reason, "forbidden");
}

TEST(WhoRegisters, AudienceDecidesForEveryoneButStaff) {
  auto e = Event();
  EXPECT_EQ(WhoRegisters(Anonymous(), e, std::nullopt).refusal->reason, "unauthenticated");
  EXPECT_EQ(WhoRegisters(Partner(), e, std::nullopt).refusal->reason, "forbidden");
  e.audience = "public";
  EXPECT_FALSE(WhoRegisters(Anonymous(), e, std::nullopt).refusal.has_value());
  EXPECT_FALSE(WhoRegisters(Partner(), e, std::nullopt).refusal.has_value());
  e.audience = "invited";
  EXPECT_EQ(WhoRegisters(Member("org-1"), e, std::nullopt).refusal->reason, "forbidden");
  EXPECT_EQ(WhoRegisters(Coordinator("BA"), e, std::nullopt).refusal->reason, "forbidden");
  EXPECT_FALSE(WhoRegisters(Coordinator("RS"), e, std::string("org-3")).refusal.has_value());
  EXPECT_EQ(WhoRegisters(Admin(), e, std::string("org-3")).organization_id, "org-3");
}

TEST(WhoRegisters, OnlyMembersAndStaffRegisterForAnOrganisation) {
  auto e = Event();
  e.audience = "public";
  const identity::Caller reviewer{.subject = "r", .role = "reviewer"};
  for (const auto& c : {Anonymous(), Partner(), reviewer, Coordinator("BA")}) {
    auto who = WhoRegisters(c, e, std::string("org-9"));
    EXPECT_FALSE(who.refusal.has_value()) << c.role;
    ASSERT_TRUE(who.problem.has_value()) << c.role;
    EXPECT_EQ(who.problem->field, "organization_id");
    EXPECT_EQ(who.problem->message,
              "only a member of the organisation or staff registers for an organisation");
    EXPECT_EQ(who.organization_id, "");
    EXPECT_FALSE(WhoRegisters(c, e, std::nullopt).problem.has_value()) << c.role;
    EXPECT_FALSE(WhoRegisters(c, e, std::string("  ")).problem.has_value()) << c.role;
  }
  EXPECT_EQ(WhoRegisters(Member("org-1"), e, std::nullopt).organization_id, "org-1");
  EXPECT_EQ(WhoRegisters(Coordinator("RS"), e, std::string("org-9")).organization_id, "org-9");
  EXPECT_FALSE(WhoRegisters(Admin(), e, std::string("org-9")).problem.has_value());
}

TEST(WhoRegisters, TheSameAnswerComparesEqual) {
  auto e = Event();
  e.audience = "public";
  EXPECT_EQ(WhoRegisters(Admin(), e, std::string("org-9")),
            WhoRegisters(Admin(), e, std::string("org-9")));
  auto changed = e;
  changed.audience = "members";
  EXPECT_FALSE(WhoRegisters(Anonymous(), e, std::nullopt) ==
               WhoRegisters(Anonymous(), changed, std::nullopt));
  changed = e;
  changed.country = "BA";  // the RS coordinator is no longer its staff
  EXPECT_FALSE(WhoRegisters(Coordinator("RS"), e, std::string("org-9")) ==
               WhoRegisters(Coordinator("RS"), changed, std::string("org-9")));
}

TEST(WhoRegisters, AnOrganisationsNameAndStatusOnlyToItsMembersAndStaff) {
  EXPECT_EQ(CheckOrganisation(Anonymous(), "org-1", true, true, "Zvezdica", "active"),
            std::nullopt);
  for (const auto& c : {Anonymous(), Partner(), Member("org-2")}) {
    for (bool exists : {false, true}) {
      auto p = CheckOrganisation(c, "org-1", exists, false, "Zvezdica", "suspended");
      ASSERT_TRUE(p.has_value());
      EXPECT_EQ(p->field, "organization_id");
      EXPECT_EQ(p->message, "must be an active member organisation") << c.role;
    }
  }
  auto own = CheckOrganisation(Member("org-1"), "org-1", true, false, "Zvezdica", "suspended");
  ASSERT_TRUE(own.has_value());
  EXPECT_NE(own->message.find("Zvezdica is suspended"), std::string::npos) << own->message;
  auto staff = CheckOrganisation(Admin(), "org-1", false, false, "", "");
  ASSERT_TRUE(staff.has_value());
  EXPECT_EQ(staff->message, "is not a member organisation known to membership");
}

TEST(Visibility, StaffOfTheEventAndTheRegistrationsOrganisationOnly) {
  auto e = Event();
  Registration r;
  r.organization_id = "org-1";
  EXPECT_TRUE(CanSee(Admin(), e, r));
  EXPECT_TRUE(CanSee(Coordinator("RS"), e, r));
  EXPECT_FALSE(CanSee(Coordinator("BA"), e, r));
  EXPECT_TRUE(CanSee(Member("org-1"), e, r));
  EXPECT_FALSE(CanSee(Member("org-2"), e, r));
  EXPECT_FALSE(CanSee(Anonymous(), e, r));
  EXPECT_FALSE(CanSee(Partner(), e, r));
  e.country = "";  // a regional event: network admins' only
  EXPECT_FALSE(CanSee(Coordinator("RS"), e, r));
  EXPECT_TRUE(CanSee(Admin(), e, r));
  r.organization_id = "";
  EXPECT_FALSE(CanSee(Member(""), e, r));
}

TEST(Visibility, DraftsOnlyToTheirStaff) {
  auto e = Event();
  e.status = "draft";
  EXPECT_FALSE(SeesEvent(Member("org-1"), e));
  EXPECT_FALSE(SeesEvent(Coordinator("BA"), e));
  EXPECT_TRUE(SeesEvent(Coordinator("RS"), e));
  e.status = "cancelled";
  EXPECT_TRUE(SeesEvent(Anonymous(), e));
}

TEST(Fields, NameEmailAndMotivationChecked) {
  RegistrationPatch p;
  p.person_name = "  Ana Jovanović ";
  p.person_email = " ana@example.org ";
  Registration r;
  EXPECT_TRUE(ApplyNew(p, &r).empty());
  EXPECT_EQ(r.person_name, "Ana Jovanović");
  EXPECT_EQ(r.person_email, "ana@example.org");

  RegistrationPatch bad;
  bad.person_email = "not an email";
  bad.motivation = std::string(kMaxMotivation + 1, 'x');
  bad.read_only_sent = {"status"};
  bad.unknown_sent = {"shoe_size"};
  EXPECT_EQ(
      Fields(ApplyNew(bad, &r)),
      (std::set<std::string>{"person.name", "person.email", "motivation", "status", "shoe_size"}));
  bad = {};
  bad.person_name = std::string(kMaxPersonName + 1, 'a');
  bad.person_email = "a@b.org";
  EXPECT_EQ(Fields(ApplyNew(bad, &r)), (std::set<std::string>{"person.name"}));
  EXPECT_TRUE(IsReadOnlyRegistrationField("certificate_code"));
  EXPECT_FALSE(IsReadOnlyRegistrationField("motivation"));
}

TEST(Places, OpenModeConfirmsUntilFullThenWaitlists) {
  auto e = Event();
  EXPECT_EQ(InitialStatus(e), S::kConfirmed);
  e.taken = 2;
  EXPECT_EQ(InitialStatus(e), S::kWaitlisted);
  e.capacity.reset();
  EXPECT_EQ(InitialStatus(e), S::kConfirmed);
  e.registration_mode = "application";
  EXPECT_EQ(InitialStatus(e), S::kSubmitted);
  EXPECT_EQ(PromotedStatus(e), S::kSelected);
  EXPECT_EQ(PromotedStatus(Event()), S::kConfirmed);
}

TEST(Places, CountersFollowEveryChange) {
  auto d = DeltaOf(std::nullopt, S::kConfirmed);
  EXPECT_EQ(d.taken, 1);
  d = DeltaOf(S::kSubmitted, S::kSelected);
  EXPECT_EQ(d.taken, 1);
  EXPECT_EQ(d.submitted, -1);
  d = DeltaOf(S::kSelected, S::kConfirmed);
  EXPECT_TRUE(d.empty());
  d = DeltaOf(S::kWaitlisted, S::kRejected);
  EXPECT_EQ(d.waitlisted, -1);
  EXPECT_EQ(d.taken, 0);
  d = DeltaOf(S::kConfirmed, S::kCancelled);
  EXPECT_EQ(d.taken, -1);
  EXPECT_TRUE(HoldsPlace(S::kSelected));
  EXPECT_FALSE(HoldsPlace(S::kWaitlisted));
}

TEST(Transitions, TheFlowOfTheBrief) {
  EXPECT_EQ(RefuseTransition(S::kSubmitted, S::kSelected, "select"), std::nullopt);
  EXPECT_EQ(RefuseTransition(S::kWaitlisted, S::kSelected, "select"), std::nullopt);
  EXPECT_EQ(RefuseTransition(S::kSubmitted, S::kWaitlisted, "waitlist"), std::nullopt);
  EXPECT_EQ(RefuseTransition(S::kWaitlisted, S::kRejected, "reject"), std::nullopt);
  EXPECT_EQ(RefuseTransition(S::kSelected, S::kConfirmed, "confirm"), std::nullopt);
  for (auto from : {S::kSubmitted, S::kSelected, S::kWaitlisted, S::kConfirmed}) {
    EXPECT_EQ(RefuseTransition(from, S::kCancelled, "cancel"), std::nullopt);
  }
  EXPECT_EQ(RefuseTransition(S::kConfirmed, S::kSelected, "select"),
            "cannot select a registration that is confirmed");
  EXPECT_TRUE(RefuseTransition(S::kWaitlisted, S::kWaitlisted, "waitlist").has_value());
  EXPECT_TRUE(RefuseTransition(S::kSubmitted, S::kConfirmed, "confirm").has_value());
  EXPECT_TRUE(RefuseTransition(S::kRejected, S::kCancelled, "cancel").has_value());
  EXPECT_TRUE(RefuseTransition(S::kCancelled, S::kCancelled, "cancel").has_value());
  auto e = Event();
  EXPECT_EQ(RefuseForEvent(e, "cancel"), std::nullopt);
  e.status = "completed";
  EXPECT_EQ(RefuseForEvent(e, "cancel"),
            "cannot cancel a registration of an event that is completed");
}

TEST(Attendance, LocalDaysOfTheEventOnly) {
  auto e = Event();
  EXPECT_TRUE(IsLocalDayOf(e, "2026-06-01"));
  EXPECT_TRUE(IsLocalDayOf(e, "2026-06-03"));
  EXPECT_FALSE(IsLocalDayOf(e, "2026-05-31"));
  EXPECT_FALSE(IsLocalDayOf(e, "2026-06-04"));
  EXPECT_FALSE(IsLocalDayOf(e, "2026-6-02"));
  // 23:00 on the last day in Belgrade is already the next morning in Tokyo.
  e.ends_at = kStarts + hours(24 * 2 + 13);  // 2026-06-03 21:00Z
  EXPECT_FALSE(IsLocalDayOf(e, "2026-06-04"));
  e.timezone = "Asia/Tokyo";
  EXPECT_TRUE(IsLocalDayOf(e, "2026-06-04"));
  EXPECT_EQ(FirstDayOf(e), "2026-06-01");
  EXPECT_EQ(LastDayOf(e), "2026-06-04");
  EXPECT_TRUE(IsDate("2028-02-29"));
  EXPECT_FALSE(IsDate("2026-02-30"));
  EXPECT_FALSE(IsDate("2026-06-02T00:00"));
  EXPECT_FALSE(IsDate(""));
}

TEST(Attendance, OnlyForDaysThatHaveBegunInTheEventsZone) {
  auto e = Event();
  // 2026-06-01 22:30Z is already 2 June, 00:30, in Belgrade (summer time).
  const Time now = kStarts + hours(14) + std::chrono::minutes(30);
  EXPECT_EQ(RefuseDayToCome(e, "2026-06-01", now), std::nullopt);
  EXPECT_EQ(RefuseDayToCome(e, "2026-06-02", now), std::nullopt);
  EXPECT_EQ(RefuseDayToCome(e, "2026-06-03", now),
            "2026-06-03 has not come yet in Europe/Belgrade (today is 2026-06-02)");
  // In Lisbon it is still 1 June, 23:30.
  e.timezone = "Europe/Lisbon";
  EXPECT_EQ(RefuseDayToCome(e, "2026-06-01", now), std::nullopt);
  EXPECT_EQ(RefuseDayToCome(e, "2026-06-02", now),
            "2026-06-02 has not come yet in Europe/Lisbon (today is 2026-06-01)");
  // Not a date: the date rule answers, not this one.
  EXPECT_EQ(RefuseDayToCome(e, "2026-13-01", now), std::nullopt);
}

TEST(Attendance, AnEventEndingAtLocalMidnightHasNoDayAfter) {
  auto e = Event();
  // 2026-06-01 10:00 to 2026-06-04 00:00 in Belgrade (22:00Z the day before, summer time).
  e.ends_at = kStarts + hours(24 * 2 + 14);
  EXPECT_TRUE(IsLocalDayOf(e, "2026-06-03"));
  EXPECT_FALSE(IsLocalDayOf(e, "2026-06-04"));
  EXPECT_EQ(LastDayOf(e), "2026-06-03");
  e.ends_at += std::chrono::microseconds(1);
  EXPECT_TRUE(IsLocalDayOf(e, "2026-06-04"));
  EXPECT_EQ(LastDayOf(e), "2026-06-04");
}

TEST(Certificates, CodesAreLookedUpWithoutCase) {
  EXPECT_EQ(NormalisedCertificateCode("iris-0123456789abcdef"), "IRIS-0123456789ABCDEF");
  EXPECT_EQ(NormalisedCertificateCode(" Iris-0123456789AbCdEf\n"), "IRIS-0123456789ABCDEF");
  EXPECT_TRUE(LooksLikeCertificateCode(NormalisedCertificateCode("iris-0123456789abcdef")));
  EXPECT_FALSE(LooksLikeCertificateCode(NormalisedCertificateCode("iris-0123456789abcdeg")));
}

TEST(Certificates, CodesHaveOneShape) {
  EXPECT_TRUE(LooksLikeCertificateCode("IRIS-0123456789ABCDEF"));
  EXPECT_FALSE(LooksLikeCertificateCode("IRIS-0123456789abcdef"));
  EXPECT_FALSE(LooksLikeCertificateCode("IRIS-0123456789ABCDE"));
  EXPECT_FALSE(LooksLikeCertificateCode("XRIS-0123456789ABCDEF"));
  EXPECT_FALSE(LooksLikeCertificateCode("' OR 1=1 --"));
}

}  // namespace
}  // namespace iris::events::domain
