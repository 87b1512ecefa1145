// Programme and placement rules: what a new programme needs, the fields of each kind of
// placement (the other kind's refused by name), a traineeship inside its programme's period,
// sessions' bounds, and who manages and sees a placement.
#include "services/events/domain/programme.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "services/events/domain/placement.hpp"

namespace iris::events::domain {
namespace {

std::vector<std::string> Fields(const std::vector<InvalidField>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.field);
  std::sort(out.begin(), out.end());
  return out;
}

Programme Traineeships() {
  Programme p;
  p.id = "00000000-0000-4000-8000-000000000001";
  p.kind = ProgrammeKind::kTraineeship;
  p.starts_on = "2027-01-01";
  p.ends_on = "2027-12-31";
  return p;
}

Programme Mentoring() {
  Programme p = Traineeships();
  p.kind = ProgrammeKind::kMentoring;
  return p;
}

PlacementPatch Trainee() {
  PlacementPatch p;
  p.organization_id = "00000000-0000-4000-8000-0000000000aa";
  p.trainee = Person{"Ana Petrović", "ana@example.org"};
  p.host_organization = "Lebenshilfe Graz";
  p.starts_on = "2027-03-01";
  p.ends_on = "2027-05-31";
  return p;
}

TEST(ProgrammeTest, NewProgrammeNeedsKindNameAndAnOrderedPeriod) {
  Programme p;
  EXPECT_EQ(Fields(NewProgramme({}, &p)),
            (std::vector<std::string>{"ends_on", "kind", "name", "starts_on"}));
  ProgrammePatch patch;
  patch.kind = "mentoring";
  patch.name = LocalizedText{{"en", "  Mentoring for licensing  "}};
  patch.starts_on = "2027-06-01";
  patch.ends_on = "2027-01-31";
  EXPECT_EQ(Fields(NewProgramme(patch, &p)), (std::vector<std::string>{"ends_on"}));
  patch.ends_on = "2027-12-31";
  ASSERT_TRUE(NewProgramme(patch, &p).empty());
  EXPECT_EQ(p.kind, ProgrammeKind::kMentoring);
  EXPECT_EQ(p.name.at("en"), "Mentoring for licensing");
}

TEST(ProgrammeTest, UnknownKindBadDatesAndServerFieldsAreNamed) {
  ProgrammePatch patch;
  patch.kind = "internship";
  patch.name = LocalizedText{{"xx", "Name"}};
  patch.starts_on = "2027-02-30";
  patch.ends_on = "31.12.2027";
  patch.read_only_sent = {"placements"};
  patch.unknown_sent = {"country"};
  Programme p;
  EXPECT_EQ(Fields(NewProgramme(patch, &p)),
            (std::vector<std::string>{"country", "ends_on", "kind", "name.xx", "placements",
                                      "starts_on"}));
}

TEST(ProgrammeTest, StaffCreateStaffAndMembersRead) {
  EXPECT_TRUE(CanCreateProgrammes({.subject = "u", .role = "network_admin"}));
  EXPECT_TRUE(CanCreateProgrammes(
      {.subject = "u", .role = "national_coordinator", .organization_id = "", .country = "RS"}));
  EXPECT_FALSE(CanCreateProgrammes({.subject = "u", .role = "member", .organization_id = "o"}));
  EXPECT_TRUE(CanReadProgrammes({.subject = "u", .role = "network_admin"}));
  EXPECT_TRUE(CanReadProgrammes(
      {.subject = "u", .role = "national_coordinator", .organization_id = "", .country = "RS"}));
  EXPECT_TRUE(CanReadProgrammes({.subject = "u", .role = "member", .organization_id = "o"}));
  // The partner integration reads members, events, grants and documents, not programmes.
  EXPECT_FALSE(CanReadProgrammes({.subject = "u", .role = "partner"}));
  EXPECT_FALSE(CanReadProgrammes({.subject = "u", .role = "reviewer"}));
  EXPECT_FALSE(CanReadProgrammes({}));
}

TEST(PlacementTest, TraineeshipTakesItsFieldsInsideTheProgrammesPeriod) {
  Placement p;
  std::vector<std::string> changed;
  ASSERT_TRUE(ApplyPlacement(Trainee(), Traineeships(), true, &p, &changed).empty());
  EXPECT_EQ(p.kind, ProgrammeKind::kTraineeship);
  EXPECT_EQ(p.programme_id, Traineeships().id);
  EXPECT_EQ(p.trainee.name, "Ana Petrović");
  EXPECT_EQ(p.starts_on, "2027-03-01");

  auto outside = Trainee();
  outside.starts_on = "2026-12-01";
  outside.ends_on = "2028-01-10";
  Placement q;
  EXPECT_EQ(Fields(ApplyPlacement(outside, Traineeships(), true, &q, &changed)),
            (std::vector<std::string>{"ends_on", "starts_on"}));
}

TEST(PlacementTest, EachKindRefusesTheOtherKindsFieldsAndNeedsItsOwn) {
  auto mixed = Trainee();
  mixed.topic = "service licensing";
  mixed.mentor = Person{"Marko", ""};
  Placement p;
  std::vector<std::string> changed;
  EXPECT_EQ(Fields(ApplyPlacement(mixed, Traineeships(), true, &p, &changed)),
            (std::vector<std::string>{"mentor", "topic"}));

  Placement m;
  EXPECT_EQ(Fields(ApplyPlacement(Trainee(), Mentoring(), true, &m, &changed)),
            (std::vector<std::string>{"ends_on", "host_organization", "mentor", "starts_on",
                                      "topic", "trainee"}));
  PlacementPatch mentoring;
  mentoring.organization_id = "00000000-0000-4000-8000-0000000000aa";
  mentoring.mentor = Person{"Marko Jovanović", "marko@example.org"};
  mentoring.topic = "service licensing";
  ASSERT_TRUE(ApplyPlacement(mentoring, Mentoring(), true, &m, &changed).empty());
  EXPECT_EQ(m.kind, ProgrammeKind::kMentoring);
}

TEST(PlacementTest, CreatingNeedsAnOrganisationAndUpdatesNeverMoveIt) {
  auto patch = Trainee();
  patch.organization_id = "not-a-uuid";
  Placement p;
  std::vector<std::string> changed;
  EXPECT_EQ(Fields(ApplyPlacement(patch, Traineeships(), true, &p, &changed)),
            (std::vector<std::string>{"organization_id"}));

  Placement existing;
  ASSERT_TRUE(ApplyPlacement(Trainee(), Traineeships(), true, &existing, &changed).empty());
  PlacementPatch move;
  move.organization_id = "00000000-0000-4000-8000-0000000000bb";
  EXPECT_EQ(Fields(ApplyPlacement(move, Traineeships(), false, &existing, &changed)),
            (std::vector<std::string>{"organization_id"}));
}

TEST(PlacementTest, UpdateNamesWhatChangedAndKeepsRequiredFields) {
  Placement p;
  std::vector<std::string> changed;
  ASSERT_TRUE(ApplyPlacement(Trainee(), Traineeships(), true, &p, &changed).empty());
  PlacementPatch patch;
  patch.ends_on = "2027-06-30";
  patch.host_organization = "Lebenshilfe Graz";  // the same: not a change
  changed.clear();
  ASSERT_TRUE(ApplyPlacement(patch, Traineeships(), false, &p, &changed).empty());
  EXPECT_EQ(changed, (std::vector<std::string>{"ends_on"}));

  PlacementPatch clear;
  clear.host_organization = "";
  clear.trainee = Person{};
  EXPECT_EQ(Fields(ApplyPlacement(clear, Traineeships(), false, &p, &changed)),
            (std::vector<std::string>{"host_organization", "trainee"}));
}

// A PATCH of starts_on alone that passes the stored ends_on is wrong in starts_on, the field
// sent; a PATCH of ends_on before the stored starts_on is wrong in ends_on.
TEST(PlacementTest, AnUnorderedPeriodNamesTheDateThatWasSent) {
  Placement p;
  std::vector<std::string> changed;
  ASSERT_TRUE(ApplyPlacement(Trainee(), Traineeships(), true, &p, &changed).empty());
  PlacementPatch late_start;
  late_start.starts_on = "2027-07-01";  // inside the programme, after ends_on 2027-05-31
  Placement a = p;
  EXPECT_EQ(Fields(ApplyPlacement(late_start, Traineeships(), false, &a, &changed)),
            (std::vector<std::string>{"starts_on"}));
  PlacementPatch early_end;
  early_end.ends_on = "2027-02-01";
  Placement b = p;
  EXPECT_EQ(Fields(ApplyPlacement(early_end, Traineeships(), false, &b, &changed)),
            (std::vector<std::string>{"ends_on"}));
  PlacementPatch both;
  both.starts_on = "2027-07-01";
  both.ends_on = "2027-06-01";
  Placement c = p;
  EXPECT_EQ(Fields(ApplyPlacement(both, Traineeships(), false, &c, &changed)),
            (std::vector<std::string>{"ends_on"}));
}

// openapi says maxLength 254 characters: an address of 254 characters with non-ASCII letters
// (more than 254 bytes) is fine, one of 255 characters is not.
TEST(PlacementTest, EmailLengthCountsCharactersNotBytes) {
  const std::string domain = "@example.org";  // 12 characters
  std::string local;
  for (size_t i = 0; i < 254 - 12; ++i) local += (i % 2 == 0) ? "ž" : "a";
  auto fits = Trainee();
  fits.trainee = Person{"Ana", local + domain};
  ASSERT_GT((local + domain).size(), 254u);
  Placement p;
  std::vector<std::string> changed;
  EXPECT_TRUE(ApplyPlacement(fits, Traineeships(), true, &p, &changed).empty());
  auto too_long = Trainee();
  too_long.trainee = Person{"Ana", "a" + local + domain};
  Placement q;
  EXPECT_EQ(Fields(ApplyPlacement(too_long, Traineeships(), true, &q, &changed)),
            (std::vector<std::string>{"trainee.email"}));
}

TEST(PlacementTest, PersonsAndTextsHaveBounds) {
  auto patch = Trainee();
  patch.trainee = Person{std::string(201, 'a'), "not an address"};
  patch.host_organization = std::string(301, 'h');
  Placement p;
  std::vector<std::string> changed;
  EXPECT_EQ(Fields(ApplyPlacement(patch, Traineeships(), true, &p, &changed)),
            (std::vector<std::string>{"host_organization", "trainee.email", "trainee.name"}));
}

TEST(PlacementTest, SessionNeedsADateAndMinutesWithinADay) {
  MentoringSession s;
  EXPECT_EQ(Fields(NewMentoringSession({}, Mentoring(), &s)),
            (std::vector<std::string>{"date", "minutes"}));
  MentoringSessionPatch patch;
  patch.date = "2027-13-01";
  patch.minutes = 1441;
  patch.note = std::string(4001, 'n');
  patch.unknown_sent = {"mentor"};
  EXPECT_EQ(Fields(NewMentoringSession(patch, Mentoring(), &s)),
            (std::vector<std::string>{"date", "mentor", "minutes", "note"}));
  patch = {};
  patch.date = "2027-03-04";
  patch.minutes = 90;
  patch.note = " Licensing file reviewed. ";
  ASSERT_TRUE(NewMentoringSession(patch, Mentoring(), &s).empty());
  EXPECT_EQ(s.note, "Licensing file reviewed.");
}

// The programme runs 2027-01-01 to 2027-12-31: its first and last days are inside.
TEST(PlacementTest, SessionDateFallsInsideTheProgrammesPeriod) {
  for (const char* date : {"2026-12-31", "2028-01-01"}) {
    MentoringSessionPatch patch;
    patch.date = date;
    patch.minutes = 60;
    MentoringSession s;
    EXPECT_EQ(Fields(NewMentoringSession(patch, Mentoring(), &s)),
              (std::vector<std::string>{"date"}))
        << date;
  }
  for (const char* date : {"2027-01-01", "2027-12-31"}) {
    MentoringSessionPatch patch;
    patch.date = date;
    patch.minutes = 60;
    MentoringSession s;
    EXPECT_TRUE(NewMentoringSession(patch, Mentoring(), &s).empty()) << date;
    EXPECT_EQ(s.date, date);
  }
}

TEST(PlacementTest, StaffOfTheCountryAndTheOrganisationsMembersSeeIt) {
  Placement p;
  p.organization_id = "org-1";
  p.country = "RS";
  const identity::Caller admin{.subject = "a", .role = "network_admin"};
  const identity::Caller rs{.subject = "c", .role = "national_coordinator", .country = "RS"};
  const identity::Caller ba{.subject = "c", .role = "national_coordinator", .country = "BA"};
  const identity::Caller own{.subject = "m", .role = "member", .organization_id = "org-1"};
  const identity::Caller other{.subject = "m", .role = "member", .organization_id = "org-2"};
  const identity::Caller partner{.subject = "p", .role = "partner"};
  EXPECT_TRUE(CanSee(admin, p));
  EXPECT_TRUE(CanSee(rs, p));
  EXPECT_TRUE(CanSee(own, p));
  EXPECT_FALSE(CanSee(ba, p));
  EXPECT_FALSE(CanSee(other, p));
  EXPECT_FALSE(CanSee(partner, p));
  EXPECT_TRUE(CanManagePlacements(admin, "RS"));
  EXPECT_TRUE(CanManagePlacements(rs, "RS"));
  EXPECT_FALSE(CanManagePlacements(ba, "RS"));
  EXPECT_FALSE(CanManagePlacements(own, "RS"));
}

}  // namespace
}  // namespace iris::events::domain
