// Programmes and placements through the gateway: staff create a programme of each kind, staff
// and members read them (partners, their keys and reviewers 403, anonymous 401); a placement
// is read by staff and its organisation's members, another organisation's member gets 404;
// coordinators manage the placements of their country only; mentoring sessions are logged on
// mentoring placements (a traineeship's: 409 not_mentoring; inside the programme's period; at
// most 500) and listed in pages apart from the placement; membership decides the organisation
// (422, 503).
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/e2e/api_client.hpp"
#include "tests/e2e/e2e_suite.hpp"
#include "tests/e2e/system.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_env.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class ProgrammesE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    StartSystem();
    rs_org_ = CreateOrg("Programmes RS " + token_, "RS");
    ba_org_ = CreateOrg("Programmes BA " + token_, "BA");
    rs_member_ = SignedIn("member", {{"organization_id", rs_org_}}, "prs");
    ba_member_ = SignedIn("member", {{"organization_id", ba_org_}}, "pba");
    rs_coordinator_ = SignedIn("national_coordinator", {{"country", "RS"}}, "pco");
    partner_ = SignedIn("partner", json::object(), "ppa");
    reviewer_ = SignedIn("reviewer", json::object(), "prv");
    traineeships_ = Programme(admin_, "traineeship");
    mentoring_ = Programme(rs_coordinator_, "mentoring");
  }
  static void TearDownTestSuite() { Stop(); }

  static json Parse(const HttpResult& r) { return json::parse(r.body, nullptr, false); }
  static std::string Type(const HttpResult& r) { return Parse(r).value("type", ""); }

  // A programme of `kind` for 2027 created by `who`; its id.
  static std::string Programme(const std::string& who, const std::string& kind) {
    auto r = As(who, "POST", "/v1/programmes",
                json{{"kind", kind},
                     {"name", {{"en", kind + " " + token_}}},
                     {"starts_on", "2027-01-01"},
                     {"ends_on", "2027-12-31"}}
                    .dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return Parse(r).value("id", "");
  }
  static json Trainee(const std::string& org) {
    return {{"organization_id", org},
            {"trainee", {{"name", "Ana Petrović"}, {"email", "ana@example.org"}}},
            {"host_organization", "Lebenshilfe Graz"},
            {"starts_on", "2027-03-01"},
            {"ends_on", "2027-05-31"}};
  }
  static json Mentee(const std::string& org) {
    return {{"organization_id", org},
            {"mentor", {{"name", "Marko Jovanović"}, {"email", "marko@example.org"}}},
            {"topic", "service licensing"}};
  }
  static HttpResult Place(const std::string& who, const std::string& programme, const json& body) {
    return As(who, "POST", "/v1/programmes/" + programme + "/placements", body.dump());
  }
  // A placement the admin made; its id.
  static std::string Placement(const std::string& programme, const json& body) {
    auto r = Place(admin_, programme, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return Parse(r).value("id", "");
  }
  // The ids of every item of a list `who` reads, page after page from `path` (with its query).
  static std::vector<std::string> All(const std::string& who, const std::string& path) {
    std::vector<std::string> ids;
    std::string cursor;
    for (int pages = 0; pages < 1000; ++pages) {
      const std::string sep = path.find('?') == std::string::npos ? "?" : "&";
      auto r = As(who, "GET", path + (cursor.empty() ? "" : sep + "cursor=" + UrlEncode(cursor)));
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) break;
      const json page = Parse(r);  // kept: a loop over a temporary's member would dangle
      for (const auto& p : page["items"]) ids.push_back(p.value("id", ""));
      if (page["next_cursor"].is_null()) break;
      cursor = page["next_cursor"].get<std::string>();
    }
    return ids;
  }
  // The ids of a programme's placements `who` lists.
  static std::set<std::string> Listed(const std::string& who, const std::string& programme) {
    const auto ids = All(who, "/v1/programmes/" + programme + "/placements?limit=200");
    return {ids.begin(), ids.end()};
  }
  static HttpResult Log(const std::string& who, const std::string& placement, const json& body) {
    return As(who, "POST", "/v1/placements/" + placement + "/sessions", body.dump());
  }

  static inline std::string rs_org_, ba_org_, rs_member_, ba_member_, rs_coordinator_, partner_,
      reviewer_, traineeships_, mentoring_;
};

TEST_F(ProgrammesE2eTest, StaffCreateProgrammesOfEachKindAndStaffAndMembersReadThem) {
  ASSERT_FALSE(traineeships_.empty());
  ASSERT_FALSE(mentoring_.empty());
  auto read = As(rs_member_, "GET", "/v1/programmes/" + mentoring_);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Parse(read)["kind"], "mentoring");
  EXPECT_EQ(Parse(read)["starts_on"], "2027-01-01");
  EXPECT_EQ(Parse(read)["description"], nullptr);
  EXPECT_FALSE(read.Header("etag").empty());
  EXPECT_EQ(As(rs_coordinator_, "GET", "/v1/programmes/" + mentoring_).status, 200);

  // Paged until found: other tests' programmes share the database.
  bool found = false;
  std::string cursor;
  for (int pages = 0; pages < 1000 && !found; ++pages) {
    auto listed = As(rs_member_, "GET",
                     "/v1/programmes?kind=traineeship&limit=200" +
                         (cursor.empty() ? "" : "&cursor=" + UrlEncode(cursor)));
    ASSERT_EQ(listed.status, 200) << listed.body;
    const json page = Parse(listed);
    for (const auto& p : page["items"]) {
      EXPECT_EQ(p["kind"], "traineeship");
      found = found || p["id"] == traineeships_;
    }
    if (page["next_cursor"].is_null()) break;
    cursor = page["next_cursor"].get<std::string>();
  }
  EXPECT_TRUE(found);

  // Partners (their API keys too) and reviewers: programmes are not theirs to read.
  const std::string partner_key = [] {
    auto r = As(partner_, "POST", "/v1/api-keys",
                json{{"name", "programmes " + token_}, {"scopes", {"read"}}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return "ApiKey " + Parse(r).value("key", "");
  }();
  for (const std::string& who : {partner_, partner_key, reviewer_}) {
    ExpectProblem(As(who, "GET", "/v1/programmes"), 403);
    ExpectProblem(As(who, "GET", "/v1/programmes/" + mentoring_), 403);
    ExpectProblem(As(who, "GET", "/v1/programmes/" + mentoring_ + "/placements"), 403);
  }
  ExpectProblem(As("", "GET", "/v1/programmes"), 401);
  ExpectProblem(As("", "GET", "/v1/programmes/" + mentoring_), 401);
  auto by_member = As(rs_member_, "POST", "/v1/programmes",
                      json{{"kind", "mentoring"},
                           {"name", {{"en", "Mine"}}},
                           {"starts_on", "2027-01-01"},
                           {"ends_on", "2027-12-31"}}
                          .dump());
  ExpectProblem(by_member, 403);
  auto bad = As(admin_, "POST", "/v1/programmes",
                json{{"kind", "internship"},
                     {"starts_on", "2027-06-01"},
                     {"ends_on", "2027-01-01"},
                     {"placements", 3}}
                    .dump());
  ExpectProblem(bad, 422, "kind");
  for (const char* field : {"name", "ends_on", "placements"}) {
    EXPECT_TRUE(FieldsOf(bad).count(field)) << field << " " << bad.body;
  }
}

TEST_F(ProgrammesE2eTest, APlacementIsReadByStaffAndItsOrganisationOnly) {
  auto created = Place(admin_, traineeships_, Trainee(rs_org_));
  ASSERT_EQ(created.status, 201) << created.body;
  const json placement = Parse(created);
  const std::string id = placement.value("id", "");
  EXPECT_EQ(created.Header("location"), "/v1/placements/" + id);
  EXPECT_EQ(placement["kind"], "traineeship");
  EXPECT_EQ(placement["country"], "RS");
  EXPECT_EQ(placement["trainee"]["name"], "Ana Petrović");
  EXPECT_EQ(placement["mentor"], nullptr);
  EXPECT_FALSE(placement.contains("sessions")) << created.body;  // listed apart
  EXPECT_EQ(placement["session_count"], 0);

  auto own = As(rs_member_, "GET", "/v1/placements/" + id);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(Parse(own)["host_organization"], "Lebenshilfe Graz");
  EXPECT_EQ(As(rs_coordinator_, "GET", "/v1/placements/" + id).status, 200);
  auto other = As(ba_member_, "GET", "/v1/placements/" + id);
  ExpectProblem(other, 404);
  EXPECT_EQ(Type(other), "/problems/not_found");
  ExpectProblem(As(partner_, "GET", "/v1/placements/" + id), 404);
  ExpectProblem(As("", "GET", "/v1/placements/" + id), 401);

  EXPECT_TRUE(Listed(rs_member_, traineeships_).count(id));
  EXPECT_TRUE(Listed(admin_, traineeships_).count(id));
  EXPECT_FALSE(Listed(ba_member_, traineeships_).count(id));
  auto programme = Parse(As(rs_member_, "GET", "/v1/programmes/" + traineeships_));
  EXPECT_GE(programme.value("placements", 0), 1);
}

TEST_F(ProgrammesE2eTest, SessionsAreLoggedOnMentoringPlacementsOnlyAndListedApart) {
  const std::string mentee = Placement(mentoring_, Mentee(rs_org_));
  auto logged = Log(rs_member_, mentee,
                    {{"date", "2027-02-15"}, {"minutes", 90}, {"note", "Licensing file"}});
  ASSERT_EQ(logged.status, 201) << logged.body;
  EXPECT_EQ(logged.Header("location"), "/v1/placements/" + mentee + "/sessions");
  EXPECT_EQ(Parse(logged)["date"], "2027-02-15");
  EXPECT_EQ(Parse(logged)["minutes"], 90);
  EXPECT_EQ(Parse(logged)["note"], "Licensing file");
  const std::string first = Parse(logged).value("id", "");
  auto second = Log(admin_, mentee, {{"date", "2027-02-01"}, {"minutes", 30}});
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string earlier = Parse(second).value("id", "");
  auto third = Log(rs_coordinator_, mentee, {{"date", "2027-02-15"}, {"minutes", 15}});
  ASSERT_EQ(third.status, 201) << third.body;
  const std::string last = Parse(third).value("id", "");

  auto placement = Parse(As(rs_member_, "GET", "/v1/placements/" + mentee));
  EXPECT_EQ(placement["total_minutes"], 135);
  EXPECT_EQ(placement["session_count"], 3);
  EXPECT_FALSE(placement.contains("sessions"));
  // By date, then logging order; one per page to cross page boundaries.
  EXPECT_EQ(All(rs_member_, "/v1/placements/" + mentee + "/sessions?limit=1"),
            (std::vector<std::string>{earlier, first, last}));
  EXPECT_EQ(All(admin_, "/v1/placements/" + mentee + "/sessions").size(), 3u);
  ExpectProblem(As(ba_member_, "GET", "/v1/placements/" + mentee + "/sessions"), 404);
  ExpectProblem(As("", "GET", "/v1/placements/" + mentee + "/sessions"), 401);

  const std::string trainee = Placement(traineeships_, Trainee(rs_org_));
  auto refused = Log(rs_member_, trainee, {{"date", "2027-02-15"}, {"minutes", 60}});
  ExpectProblem(refused, 409);
  EXPECT_EQ(Type(refused), "/problems/not_mentoring");
  ExpectProblem(Log(ba_member_, mentee, {{"date", "2027-02-15"}, {"minutes", 60}}), 404);
  ExpectProblem(Log(rs_member_, mentee, {{"date", "2027-02-30"}, {"minutes", 0}}), 422, "date");
  // The programme runs through 2027.
  auto outside = Log(rs_member_, mentee, {{"date", "2028-01-03"}, {"minutes", 60}});
  ExpectProblem(outside, 422, "date");
  EXPECT_EQ(FieldsOf(outside), (std::set<std::string>{"date"})) << outside.body;
}

// The 501st session is a 409 reason conflict (the cap is reached through SQL: 500 requests
// would be slow and meet the rate limit).
TEST_F(ProgrammesE2eTest, APlacementHoldsAtMost500Sessions) {
  const std::string mentee = Placement(mentoring_, Mentee(rs_org_));
  {
    pqxx::connection c(AdminDatabaseUrl());
    pqxx::work tx(c);
    tx.exec_params("UPDATE events.placements SET session_count = 500 WHERE id = $1::uuid", mentee);
    tx.commit();
  }
  auto full = Log(rs_member_, mentee, {{"date", "2027-02-15"}, {"minutes", 60}});
  ExpectProblem(full, 409);
  EXPECT_EQ(Type(full), "/problems/conflict") << full.body;
  // The cap's own words, not the CHECK constraint's generic conflict.
  EXPECT_NE(Parse(full).value("detail", "").find("at most 500 sessions"), std::string::npos)
      << full.body;
  EXPECT_TRUE(All(admin_, "/v1/placements/" + mentee + "/sessions").empty());
}

TEST_F(ProgrammesE2eTest, CoordinatorsManagePlacementsOfTheirCountryOnly) {
  auto elsewhere = Place(rs_coordinator_, traineeships_, Trainee(ba_org_));
  ExpectProblem(elsewhere, 403);
  auto own = Place(rs_coordinator_, traineeships_, Trainee(rs_org_));
  ASSERT_EQ(own.status, 201) << own.body;
  const std::string id = Parse(own).value("id", "");
  const std::string ba = Placement(traineeships_, Trainee(ba_org_));
  ExpectProblem(As(rs_coordinator_, "GET", "/v1/placements/" + ba), 404);
  EXPECT_FALSE(Listed(rs_coordinator_, traineeships_).count(ba));
  EXPECT_TRUE(Listed(rs_coordinator_, traineeships_).count(id));

  const json change = {{"ends_on", "2027-06-30"}};
  auto changed =
      As(rs_coordinator_, "PATCH", "/v1/placements/" + id, change.dump(), {{"If-Match", "\"1\""}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(Parse(changed)["ends_on"], "2027-06-30");
  EXPECT_EQ(Parse(changed)["version"], 2);
  ExpectProblem(
      As(rs_coordinator_, "PATCH", "/v1/placements/" + id, change.dump(), {{"If-Match", "\"1\""}}),
      412);
  ExpectProblem(As(rs_member_, "PATCH", "/v1/placements/" + id, change.dump()), 403);
  ExpectProblem(As(rs_coordinator_, "PATCH", "/v1/placements/" + ba, change.dump()), 404);
  auto moved = As(admin_, "PATCH", "/v1/placements/" + id,
                  json{{"organization_id", ba_org_}, {"country", "BA"}}.dump());
  ExpectProblem(moved, 422, "organization_id");
  EXPECT_TRUE(FieldsOf(moved).count("country")) << moved.body;
}

TEST_F(ProgrammesE2eTest, MembershipDecidesThePlacementsOrganisation) {
  ExpectProblem(Place(admin_, traineeships_, Trainee("00000000-0000-4000-8000-0000000000e7")), 422,
                "organization_id");
  const std::string suspended = CreateOrg("Programmes suspended " + token_, "RS");
  auto s = As(admin_, "POST", "/v1/organizations/" + suspended + "/suspend",
              json{{"note", "Dues unpaid"}}.dump());
  ASSERT_EQ(s.status, 200) << s.body;
  ExpectProblem(Place(admin_, traineeships_, Trainee(suspended)), 422, "organization_id");
  // The other kind's fields and a period outside the programme's, in one answer.
  json mixed = Trainee(rs_org_);
  mixed["topic"] = "service licensing";
  mixed["starts_on"] = "2026-12-01";
  auto r = Place(admin_, traineeships_, mixed);
  ExpectProblem(r, 422, "topic");
  EXPECT_TRUE(FieldsOf(r).count("starts_on")) << r.body;

  // Membership down: 503, nothing written; back up, the same placement goes through. The
  // listing just before makes the gateway know the admin's account for a few seconds: the 503
  // below is events' (membership's lookup of the organisation), not the gateway's own.
  const auto before = Listed(admin_, mentoring_).size();
  system_->KillService("membership");
  auto down = Place(admin_, mentoring_, Mentee(rs_org_));
  system_->StartService("membership");
  ASSERT_TRUE(system_->WaitReady(30s));
  EXPECT_EQ(down.status, 503) << down.body;
  EXPECT_FALSE(down.Header("retry-after").empty());
  EXPECT_NE(Parse(down).value("detail", "").find("membership did not answer"), std::string::npos)
      << down.body;
  EXPECT_EQ(Listed(admin_, mentoring_).size(), before);
  HttpResult retried;
  EXPECT_TRUE(Eventually(
      [&] {
        retried = Place(admin_, mentoring_, Mentee(rs_org_));
        return retried.status != 503;
      },
      15s, 200ms));
  EXPECT_EQ(retried.status, 201) << retried.body;
}

}  // namespace
}  // namespace iris::testing
