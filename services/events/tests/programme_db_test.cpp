// Programmes and placements against the real schema, with a fake membership directory: what a
// placement stores from membership's answer and what it refuses, nothing written when
// membership does not answer, who sees and lists which placement, sessions only on mentoring
// placements with exact counters (also when logged at once, also at the cap), listed in pages
// apart from their placement, and a thin message for each change (exact keys, no names or
// emails in the outbox or the audit log).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "libs/db/constraints.hpp"
#include "libs/status/status.hpp"
#include "services/events/app/programme_use_cases.hpp"
#include "services/events/storage/pg_programme_repository.hpp"
#include "services/events/tests/events_db_test_base.hpp"

namespace iris::events {
namespace {

using domain::ProgrammeKind;

class ProgrammeDbTest : public EventsDbTestBase {
 protected:
  // The keys of the payload of the one message of `type` about `subject`, sorted, by commas.
  std::string PayloadKeys(const std::string& subject, const std::string& type) {
    return Text(
        "SELECT string_agg(k, ',' ORDER BY k) FROM events.outbox, "
        "jsonb_object_keys(payload) AS k WHERE subject_id = '" +
        subject + "' AND type = '" + type + "'");
  }

  // An organisation membership knows, in `country`.
  std::string NewOrg(const std::string& country = "RS", const std::string& status = "active") {
    const std::string org = NewId();
    directory_.orgs[org] = {.exists = true,
                            .name = "Udruženje " + org.substr(0, 8),
                            .country = country,
                            .active = status == "active",
                            .status = status};
    return org;
  }
  identity::Caller Admin() { return {.subject = NewId(), .role = "network_admin"}; }
  identity::Caller Coordinator(const std::string& country) {
    return {.subject = NewId(), .role = "national_coordinator", .country = country};
  }
  identity::Caller Member(const std::string& org) {
    return {.subject = NewId(), .role = "member", .organization_id = org};
  }

  domain::Programme NewProgramme(ProgrammeKind kind) {
    domain::ProgrammePatch p;
    p.kind = std::string(domain::ProgrammeKindWord(kind));
    p.name = values::LocalizedText{{"en", "Programme " + NewId().substr(0, 8)}};
    p.starts_on = "2027-01-01";
    p.ends_on = "2027-12-31";
    auto created = programmes_.CreateProgramme(Admin(), p);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? *created : domain::Programme{};
  }

  static domain::PlacementPatch Trainee(const std::string& org) {
    domain::PlacementPatch p;
    p.organization_id = org;
    p.trainee = domain::Person{"Ana Petrović", "ana@example.org"};
    p.host_organization = "Lebenshilfe Graz";
    p.starts_on = "2027-03-01";
    p.ends_on = "2027-05-31";
    return p;
  }
  static domain::PlacementPatch Mentee(const std::string& org) {
    domain::PlacementPatch p;
    p.organization_id = org;
    p.mentor = domain::Person{"Marko Jovanović", "marko@example.org"};
    p.topic = "service licensing";
    return p;
  }
  static domain::MentoringSessionPatch Session(const std::string& date, int minutes) {
    domain::MentoringSessionPatch s;
    s.date = date;
    s.minutes = minutes;
    return s;
  }

  storage::PgProgrammeRepository repo_;
  app::ProgrammeUseCases programmes_{pool_, repo_, directory_};
};

TEST_F(ProgrammeDbTest, PlacementStoresTheOrganisationsCountryAndCountsOnItsProgramme) {
  const auto programme = NewProgramme(ProgrammeKind::kTraineeship);
  const std::string org = NewOrg("BA");
  auto p = programmes_.CreatePlacement(Admin(), programme.id, Trainee(org));
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->country, "BA");
  EXPECT_EQ(p->kind, ProgrammeKind::kTraineeship);
  EXPECT_EQ(p->trainee.email, "ana@example.org");
  EXPECT_EQ(p->ends_on, "2027-05-31");
  EXPECT_EQ(p->version, 1);
  auto read = programmes_.GetProgramme(Member(org), programme.id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->placements, 1);
  EXPECT_EQ(read->version, programme.version + 1);
  EXPECT_EQ(Number("SELECT count(*) FROM events.outbox WHERE subject_id = '" + programme.id +
                   "' AND type = 'events.programme.created'"),
            1);
  EXPECT_EQ(Text("SELECT payload->>'country' || ' ' || (payload->>'organization_id') FROM "
                 "events.outbox WHERE subject_id = '" +
                 p->id + "' AND type = 'events.placement.created'"),
            "BA " + org);
}

TEST_F(ProgrammeDbTest, MembershipDecidesTheOrganisationAndNothingIsWrittenWhenItIsDown) {
  const auto programme = NewProgramme(ProgrammeKind::kTraineeship);
  auto unknown = programmes_.CreatePlacement(Admin(), programme.id, Trainee(NewId()));
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("organization_id"), std::string::npos);
  auto suspended =
      programmes_.CreatePlacement(Admin(), programme.id, Trainee(NewOrg("RS", "suspended")));
  EXPECT_EQ(suspended.status().code(), absl::StatusCode::kInvalidArgument);

  directory_.down = true;
  auto down = programmes_.CreatePlacement(Admin(), programme.id, Trainee(NewOrg()));
  EXPECT_EQ(down.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(
      Number("SELECT count(*) FROM events.placements WHERE programme_id = '" + programme.id + "'"),
      0);
}

TEST_F(ProgrammeDbTest, CoordinatorsManagePlacementsOfTheirCountryOnly) {
  const auto programme = NewProgramme(ProgrammeKind::kTraineeship);
  const std::string rs_org = NewOrg("RS"), ba_org = NewOrg("BA");
  const auto rs = Coordinator("RS");
  auto refused = programmes_.CreatePlacement(rs, programme.id, Trainee(ba_org));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kPermissionDenied);
  auto own = programmes_.CreatePlacement(rs, programme.id, Trainee(rs_org));
  ASSERT_TRUE(own.ok()) << own.status();
  auto ba = programmes_.CreatePlacement(Admin(), programme.id, Trainee(ba_org));
  ASSERT_TRUE(ba.ok()) << ba.status();

  EXPECT_EQ(programmes_.GetPlacement(rs, ba->id).status().code(), absl::StatusCode::kNotFound);
  domain::PlacementPatch change;
  change.ends_on = "2027-06-30";
  EXPECT_EQ(programmes_.UpdatePlacement(rs, ba->id, change, 0).status().code(),
            absl::StatusCode::kNotFound);
  auto changed = programmes_.UpdatePlacement(rs, own->id, change, 1);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(changed->ends_on, "2027-06-30");
  EXPECT_EQ(changed->version, 2);
  EXPECT_EQ(Reason(programmes_.UpdatePlacement(rs, own->id, change, 1).status()), "stale_version");
  // The organisation's members read it but do not change it.
  EXPECT_TRUE(programmes_.GetPlacement(Member(rs_org), own->id).ok());
  EXPECT_EQ(programmes_.UpdatePlacement(Member(rs_org), own->id, change, 0).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(programmes_.GetPlacement(Member(ba_org), own->id).status().code(),
            absl::StatusCode::kNotFound);

  auto listed = [&](const identity::Caller& who) {
    auto page = programmes_.ListPlacements(who, {.programme_id = programme.id, .page = {}});
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<std::string> ids;
    if (page.ok()) {
      for (const auto& p : page->items) ids.push_back(p.id);
    }
    return ids;
  };
  EXPECT_EQ(listed(Admin()), (std::vector<std::string>{own->id, ba->id}));
  EXPECT_EQ(listed(rs), (std::vector<std::string>{own->id}));
  EXPECT_EQ(listed(Member(ba_org)), (std::vector<std::string>{ba->id}));
}

TEST_F(ProgrammeDbTest, SessionsOnlyOnMentoringAndEachCountsWhenLoggedAtOnce) {
  const auto traineeships = NewProgramme(ProgrammeKind::kTraineeship);
  const auto mentoring = NewProgramme(ProgrammeKind::kMentoring);
  const std::string org = NewOrg();
  auto trainee = programmes_.CreatePlacement(Admin(), traineeships.id, Trainee(org));
  ASSERT_TRUE(trainee.ok()) << trainee.status();
  EXPECT_EQ(
      Reason(programmes_.LogSession(Member(org), trainee->id, Session("2027-02-01", 60)).status()),
      "not_mentoring");

  auto mentee = programmes_.CreatePlacement(Admin(), mentoring.id, Mentee(org));
  ASSERT_TRUE(mentee.ok()) << mentee.status();
  EXPECT_EQ(programmes_.LogSession(Member(NewOrg()), mentee->id, Session("2027-02-01", 60))
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  constexpr int kSessions = 8;
  std::vector<std::thread> threads;
  for (int i = 0; i < kSessions; ++i) {
    threads.emplace_back([&, i] {
      auto s = programmes_.LogSession(Member(org), mentee->id,
                                      Session("2027-02-0" + std::to_string(i + 1), 30));
      EXPECT_TRUE(s.ok()) << s.status();
    });
  }
  for (auto& t : threads) t.join();
  auto read = programmes_.GetPlacement(Admin(), mentee->id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->session_count, kSessions);
  EXPECT_EQ(read->total_minutes, kSessions * 30);
  EXPECT_EQ(read->version, 1 + kSessions);
  auto sessions = programmes_.ListSessions(Admin(), {.placement_id = mentee->id, .page = {}});
  ASSERT_TRUE(sessions.ok()) << sessions.status();
  ASSERT_EQ(sessions->items.size(), static_cast<size_t>(kSessions));
  EXPECT_EQ(sessions->items.front().date, "2027-02-01");  // by date
  EXPECT_EQ(sessions->items.back().date, "2027-02-08");
  EXPECT_EQ(Number("SELECT count(*) FROM events.outbox WHERE subject_id = '" + mentee->id +
                   "' AND type = 'events.placement.session_logged'"),
            kSessions);
}

TEST_F(ProgrammeDbTest, ProgrammesListByStartAndFilterByKind) {
  const auto a = NewProgramme(ProgrammeKind::kMentoring);
  auto page =
      programmes_.ListProgrammes(Member(NewOrg()), {.kind = {"mentoring"}, .page = {.limit = 200}});
  ASSERT_TRUE(page.ok()) << page.status();
  // Paged until found: other tests' programmes share the database.
  bool found = false;
  for (int pages = 0; pages < 1000 && !found; ++pages) {
    for (const auto& p : page->items) {
      EXPECT_EQ(p.kind, ProgrammeKind::kMentoring);
      found = found || p.id == a.id;
    }
    if (found || page->next_cursor.empty()) break;
    page = programmes_.ListProgrammes(
        Member(NewOrg()),
        {.kind = {"mentoring"}, .page = {.limit = 200, .cursor = page->next_cursor}});
    ASSERT_TRUE(page.ok()) << page.status();
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(
      Reason(programmes_.ListProgrammes(Admin(), {.kind = {"internship"}, .page = {}}).status()),
      "malformed");
  EXPECT_EQ(programmes_.ListProgrammes({}, {}).status().code(), absl::StatusCode::kUnauthenticated);
}

// Programmes are the network's own work: staff and members read them, partners (their API keys
// too) and reviewers are refused (403), anonymous callers 401.
TEST_F(ProgrammeDbTest, PartnersAndReviewersDoNotReadProgrammes) {
  const auto programme = NewProgramme(ProgrammeKind::kMentoring);
  const identity::Caller partner{.subject = NewId(), .role = "partner", .scopes = {"read"}};
  const identity::Caller reviewer{.subject = NewId(), .role = "reviewer"};
  for (const auto& who : {partner, reviewer}) {
    EXPECT_EQ(programmes_.GetProgramme(who, programme.id).status().code(),
              absl::StatusCode::kPermissionDenied)
        << who.role;
    EXPECT_EQ(programmes_.ListProgrammes(who, {}).status().code(),
              absl::StatusCode::kPermissionDenied)
        << who.role;
    EXPECT_EQ(
        programmes_.ListPlacements(who, {.programme_id = programme.id, .page = {}}).status().code(),
        absl::StatusCode::kPermissionDenied)
        << who.role;
  }
  EXPECT_EQ(programmes_.GetProgramme({}, programme.id).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(programmes_.GetProgramme(Member(NewOrg()), programme.id).ok());
  EXPECT_TRUE(programmes_.GetProgramme(Coordinator("BA"), programme.id).ok());
}

// A placement one session short of the cap, five sessions logged at once: the row lock makes
// them take turns, so exactly one fits and the other four are told 409 reason "conflict" (not
// the CHECK's violation, a 500).
TEST_F(ProgrammeDbTest, AtTheCapExactlyOneOfParallelSessionsIsLogged) {
  const auto mentoring = NewProgramme(ProgrammeKind::kMentoring);
  const std::string org = NewOrg();
  auto mentee = programmes_.CreatePlacement(Admin(), mentoring.id, Mentee(org));
  ASSERT_TRUE(mentee.ok()) << mentee.status();
  Text("UPDATE events.placements SET session_count = " + std::to_string(domain::kMaxSessions - 1) +
       " WHERE id = '" + mentee->id + "' RETURNING id");
  constexpr int kParallel = 5;
  std::vector<absl::Status> results(kParallel);
  std::vector<std::thread> threads;
  for (int i = 0; i < kParallel; ++i) {
    threads.emplace_back([&, i] {
      results[i] =
          programmes_.LogSession(Member(org), mentee->id, Session("2027-03-01", 45)).status();
    });
  }
  for (auto& t : threads) t.join();
  int logged = 0, conflicts = 0;
  for (const auto& s : results) {
    if (s.ok()) {
      ++logged;
    } else {
      EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << s;
      EXPECT_EQ(Reason(s), "conflict") << s;
      // The use case's own answer under the row lock, not the CHECK's violation (which maps
      // to the same reason with a generic message).
      EXPECT_FALSE(db::ViolationOf(s).has_value()) << s;
      EXPECT_NE(s.message().find("at most 500 sessions"), std::string::npos) << s;
      if (Reason(s) == "conflict" && !db::ViolationOf(s)) ++conflicts;
    }
  }
  EXPECT_EQ(logged, 1);
  EXPECT_EQ(conflicts, kParallel - 1);
  auto read = programmes_.GetPlacement(Admin(), mentee->id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->session_count, domain::kMaxSessions);
  EXPECT_EQ(read->total_minutes, 45);
  EXPECT_EQ(Number("SELECT count(*) FROM events.mentoring_sessions WHERE placement_id = '" +
                   mentee->id + "'"),
            1);
}

// Sessions page by date, then logging order, then id: several on one day keep the order they
// were logged in, and a page boundary between them neither skips nor repeats one.
TEST_F(ProgrammeDbTest, SessionsArePagedByDateThenLoggingOrder) {
  const auto mentoring = NewProgramme(ProgrammeKind::kMentoring);
  const std::string org = NewOrg();
  auto mentee = programmes_.CreatePlacement(Admin(), mentoring.id, Mentee(org));
  ASSERT_TRUE(mentee.ok()) << mentee.status();
  std::vector<std::string> expected;  // ids in the order the list must give
  std::vector<std::string> logged_ids;
  const std::vector<std::pair<std::string, int>> logs = {{"2027-05-02", 10}, {"2027-05-01", 20},
                                                         {"2027-05-02", 30}, {"2027-05-01", 40},
                                                         {"2027-05-03", 50}, {"2027-05-02", 60}};
  std::map<int, std::string> by_minutes;
  for (const auto& [date, minutes] : logs) {
    auto s = programmes_.LogSession(Member(org), mentee->id, Session(date, minutes));
    ASSERT_TRUE(s.ok()) << s.status();
    EXPECT_EQ(s->date, date);
    EXPECT_EQ(s->minutes, minutes);
    by_minutes[minutes] = s->id;
  }
  for (int m : {20, 40, 10, 30, 60, 50}) expected.push_back(by_minutes[m]);
  std::vector<std::string> listed;
  std::string cursor;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = programmes_.ListSessions(
        Member(org), {.placement_id = mentee->id, .page = {.limit = 2, .cursor = cursor}});
    ASSERT_TRUE(page.ok()) << page.status();
    EXPECT_LE(page->items.size(), 2u);
    for (const auto& s : page->items) listed.push_back(s.id);
    cursor = page->next_cursor;
    if (cursor.empty()) break;
  }
  EXPECT_EQ(listed, expected);
  // Who does not see the placement does not see its sessions.
  EXPECT_EQ(programmes_.ListSessions(Member(NewOrg()), {.placement_id = mentee->id, .page = {}})
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(
      programmes_.ListSessions(Admin(), {.placement_id = NewId(), .page = {}}).status().code(),
      absl::StatusCode::kNotFound);
  // A date outside the programme's period (2027) is refused on `date`.
  auto outside = programmes_.LogSession(Member(org), mentee->id, Session("2028-01-01", 30));
  EXPECT_EQ(outside.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(outside.status().message().find("date"), std::string::npos) << outside.status();
}

// The contract's thin payloads, key for key, and neither the outbox nor the audit log holds the
// trainee's or the mentor's name or email (they are personal data of people who are no users).
TEST_F(ProgrammeDbTest, MessagesAreThinAndHoldNoNamesOrEmails) {
  const std::string mark = NewId().substr(0, 8);
  const auto traineeships = NewProgramme(ProgrammeKind::kTraineeship);
  const auto mentoring = NewProgramme(ProgrammeKind::kMentoring);
  const std::string org = NewOrg();
  auto trainee_patch = Trainee(org);
  trainee_patch.trainee = domain::Person{"Trainee " + mark, "trainee." + mark + "@example.org"};
  auto trainee = programmes_.CreatePlacement(Admin(), traineeships.id, trainee_patch);
  ASSERT_TRUE(trainee.ok()) << trainee.status();
  domain::PlacementPatch rename;
  rename.trainee = domain::Person{"Renamed " + mark, "renamed." + mark + "@example.org"};
  ASSERT_TRUE(programmes_.UpdatePlacement(Admin(), trainee->id, rename, 0).ok());
  auto mentee_patch = Mentee(org);
  mentee_patch.mentor = domain::Person{"Mentor " + mark, "mentor." + mark + "@example.org"};
  auto mentee = programmes_.CreatePlacement(Admin(), mentoring.id, mentee_patch);
  ASSERT_TRUE(mentee.ok()) << mentee.status();
  ASSERT_TRUE(programmes_.LogSession(Member(org), mentee->id, Session("2027-04-01", 60)).ok());

  EXPECT_EQ(PayloadKeys(traineeships.id, "events.programme.created"), "id,kind");
  EXPECT_EQ(PayloadKeys(trainee->id, "events.placement.created"),
            "country,id,organization_id,programme_id");
  EXPECT_EQ(PayloadKeys(trainee->id, "events.placement.updated"),
            "country,id,organization_id,programme_id");
  EXPECT_EQ(PayloadKeys(mentee->id, "events.placement.created"),
            "country,id,organization_id,programme_id");
  EXPECT_EQ(PayloadKeys(mentee->id, "events.placement.session_logged"), "id,organization_id");

  const std::string subjects = "('" + traineeships.id + "', '" + mentoring.id + "', '" +
                               trainee->id + "', '" + mentee->id + "')";
  EXPECT_EQ(Number("SELECT count(*) FROM events.outbox WHERE subject_id IN " + subjects), 6);
  EXPECT_EQ(Number("SELECT count(*) FROM events.audit_log WHERE subject_id IN " + subjects), 6);
  EXPECT_EQ(Number("SELECT count(*) FROM events.outbox WHERE payload::text ILIKE '%" + mark +
                   "%' OR subject_id IN " + subjects +
                   " AND (payload::text ILIKE '%example.org%' "
                   "OR payload::text ILIKE '%trainee %' OR payload::text ILIKE '%mentor %')"),
            0);
  EXPECT_EQ(Number("SELECT count(*) FROM events.audit_log WHERE changes::text ILIKE '%" + mark +
                   "%' OR subject_id IN " + subjects + " AND changes::text ILIKE '%example.org%'"),
            0);
}

}  // namespace
}  // namespace iris::events
