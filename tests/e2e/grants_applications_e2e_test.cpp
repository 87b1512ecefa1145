// Grant applications and their review through the gateway: members apply for their own
// organisation and submit (grants asks membership, with a deadline, whether the organisation
// may apply), network admins assign reviewers, assigned reviewers score once, staff read the
// ranking; nothing is accepted after the deadline and nobody else sees an application.
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <ctime>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/e2e/api_client.hpp"
#include "tests/e2e/e2e_suite.hpp"
#include "tests/e2e/system.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/process.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// RFC 3339 UTC of now + `offset`, to the second.
std::string InstantFromNow(std::chrono::seconds offset) {
  const std::time_t t =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + offset);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

json Eur(int64_t amount) { return {{"amount", amount}, {"currency", "EUR"}}; }

class GrantsApplicationsE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    Start("GrantApps");
    member_ = SignedIn("member", {{"organization_id", org_}}, "m1");
  }
  static void TearDownTestSuite() { Stop(); }

  static json Parse(const HttpResult& r) { return json::parse(r.body, nullptr, false); }
  static std::string Type(const HttpResult& r) { return Parse(r).value("type", ""); }

  // An open call (eligible RS and BA, EUR 8,000 at most, three criteria) whose submissions
  // close `closes_in` from now.
  static std::string OpenCall(const std::string& title, std::chrono::seconds closes_in = 3600s) {
    json body = {
        {"title", {{"en", title + " " + token_}}},
        {"opens_at", InstantFromNow(-3600s)},
        {"closes_at", InstantFromNow(closes_in)},
        {"timezone", "Europe/Belgrade"},
        {"budget", Eur(5000000)},
        {"max_award", Eur(800000)},
        {"eligible_countries", {"RS", "BA"}},
        {"criteria",
         {{{"key", "relevance"}, {"name", {{"en", "Relevance"}}}, {"weight", 40}},
          {{"key", "feasibility"}, {"name", {{"en", "Feasibility"}}}, {"weight", 35}},
          {{"key", "value_for_money"}, {"name", {{"en", "Value for money"}}}, {"weight", 25}}}}};
    auto r = As(admin_, "POST", "/v1/grant-calls", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    const std::string id = Parse(r).value("id", "");
    auto opened = As(admin_, "POST", "/v1/grant-calls/" + id + "/open");
    EXPECT_EQ(opened.status, 200) << opened.body;
    return id;
  }

  static json Application(int64_t requested = 650000) {
    return {{"project_title", "Day care in Kraljevo " + token_},
            {"summary", "Twenty children, three days a week."},
            {"requested", Eur(requested)},
            {"duration_months", 10},
            {"budget_lines",
             {{{"category", "personnel"},
               {"description", "Two social workers"},
               {"amount", Eur(requested - 150000)}},
              {{"category", "equipment"}, {"amount", Eur(150000)}}}}};
  }

  // A draft of `member` in `call`; its id.
  static std::string Draft(const std::string& member, const std::string& call,
                           int64_t requested = 650000) {
    auto r = As(member, "POST", "/v1/grant-calls/" + call + "/applications",
                Application(requested).dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return Parse(r).value("id", "");
  }
  static HttpResult Act(const std::string& who, const std::string& id, const std::string& verb,
                        const json& body = nullptr) {
    return As(who, "POST", "/v1/grant-applications/" + id + "/" + verb,
              body.is_null() ? "" : body.dump());
  }
  static json Get(const std::string& who, const std::string& id) {
    auto r = As(who, "GET", "/v1/grant-applications/" + id);
    EXPECT_EQ(r.status, 200) << r.body;
    return Parse(r);
  }
  // A member organisation in `country` and a signed-in member of it.
  static std::pair<std::string, std::string> OrgWithMember(const std::string& name,
                                                           const std::string& country) {
    const std::string org = CreateOrg(name + " " + token_, country);
    std::string tag = name;
    for (char& ch : tag) ch = ch == ' ' ? '-' : static_cast<char>(std::tolower(ch));
    return {org, SignedIn("member", {{"organization_id", org}}, tag)};
  }
  static std::string UserId(const std::string& authorization) {
    return Parse(As(authorization, "GET", "/v1/me")).value("id", "");
  }

  static inline std::string member_;
};

TEST_F(GrantsApplicationsE2eTest, MemberCreatesAndSubmitsItsOrganisationsApplication) {
  const std::string call = OpenCall("Happy path");
  auto r = As(member_, "POST", "/v1/grant-calls/" + call + "/applications", Application().dump());
  ASSERT_EQ(r.status, 201) << r.body;
  auto a = Parse(r);
  const std::string id = a["id"];
  EXPECT_EQ(r.Header("location"), "/v1/grant-applications/" + id);
  EXPECT_EQ(r.Header("etag"), "\"1\"");
  EXPECT_EQ(a["status"], "draft");
  EXPECT_EQ(a["organization_id"], org_);
  EXPECT_EQ(a["call_id"], call);
  EXPECT_EQ(a["requested"], Eur(650000));
  EXPECT_EQ(a["budget_lines"][1]["description"], nullptr);
  for (const char* field : {"organization_name", "country", "submitted_at", "score", "grant_id"}) {
    EXPECT_TRUE(a.at(field).is_null()) << field;
  }
  // One application per organisation and call.
  auto again =
      As(member_, "POST", "/v1/grant-calls/" + call + "/applications", Application().dump());
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(Type(again), "/problems/duplicate_application");

  // A draft is edited; the same rules hold at every step.
  auto patched = As(member_, "PATCH", "/v1/grant-applications/" + id,
                    json{{"duration_months", 12}}.dump(), {{"If-Match", "\"1\""}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Parse(patched)["duration_months"], 12);
  ExpectProblem(
      As(member_, "PATCH", "/v1/grant-applications/" + id, json{{"requested", Eur(700000)}}.dump()),
      422, "budget_lines");

  auto submitted = Act(member_, id, "submit");
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  a = Parse(submitted);
  EXPECT_EQ(a["status"], "submitted");
  EXPECT_EQ(a["country"], "RS");
  EXPECT_EQ(a["organization_name"], "GrantApps " + token_);
  EXPECT_FALSE(a["submitted_at"].is_null());
  // Nothing after submitted is edited; submitting twice is a state conflict.
  auto late_edit =
      As(member_, "PATCH", "/v1/grant-applications/" + id, json{{"duration_months", 6}}.dump());
  EXPECT_EQ(late_edit.status, 409) << late_edit.body;
  EXPECT_EQ(Type(late_edit), "/problems/invalid_transition");
  EXPECT_EQ(Act(member_, id, "submit").status, 409);

  // The member lists its organisation's application in the call.
  auto list = As(member_, "GET", "/v1/grant-calls/" + call + "/applications");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(Parse(list)["items"].size(), 1u);
  EXPECT_EQ(Parse(list)["items"][0]["id"], id);
  auto filtered =
      As(admin_, "GET", "/v1/grant-calls/" + call + "/applications?status=submitted&country=rs");
  ASSERT_EQ(filtered.status, 200) << filtered.body;
  ASSERT_EQ(Parse(filtered)["items"].size(), 1u);
  EXPECT_EQ(Parse(filtered)["items"][0]["id"], id);
  EXPECT_EQ(
      Parse(As(admin_, "GET", "/v1/grant-calls/" + call + "/applications?status=draft"))["items"]
          .size(),
      0u);
  ExpectProblem(As(admin_, "GET", "/v1/grant-calls/" + call + "/applications?status=approved"),
                400);
}

TEST_F(GrantsApplicationsE2eTest, RulesBreakAs422NamingTheField) {
  const std::string call = OpenCall("Rules");
  const std::string path = "/v1/grant-calls/" + call + "/applications";
  auto over = Application(800001);
  ExpectProblem(As(member_, "POST", path, over.dump()), 422, "requested.amount");
  auto usd = Application();
  usd["requested"]["currency"] = "USD";
  usd["budget_lines"][0]["category"] = "catering";
  auto r = As(member_, "POST", path, usd.dump());
  ExpectProblem(r, 422, "requested.currency");
  EXPECT_TRUE(FieldsOf(r).count("budget_lines[0].category")) << r.body;
  auto sum = Application();
  sum["budget_lines"][1]["amount"]["amount"] = 1;
  ExpectProblem(As(member_, "POST", path, sum.dump()), 422, "budget_lines");
  auto status = Application();
  status["status"] = "awarded";
  ExpectProblem(As(member_, "POST", path, status.dump()), 422, "status");
  // Members apply for their own organisation only; other roles do not apply.
  auto other = Application();
  other["organization_id"] = CreateOrg("Other " + token_, "RS");
  EXPECT_EQ(As(member_, "POST", path, other.dump()).status, 403);
  EXPECT_EQ(As(admin_, "POST", path, Application().dump()).status, 403);
}

TEST_F(GrantsApplicationsE2eTest, SubmittingAfterTheDeadlineIs409AndNothingChanges) {
  // The member first, so the call's window (7-8 s: closes_at is whole seconds) holds only the
  // draft, and sign-ins hashing passwords in parallel suites cannot use it up.
  const auto [org, member] = OrgWithMember("Deadline", "RS");
  const auto opened = std::chrono::steady_clock::now();
  const std::string call = OpenCall("Deadline", 8s);
  const std::string id = Draft(member, call);
  ASSERT_FALSE(id.empty());
  std::this_thread::sleep_until(opened + 9s);
  auto r = Act(member, id, "submit");
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(Type(r), "/problems/call_not_open");
  EXPECT_EQ(Get(member, id)["status"], "draft");
  // Nor is the draft changed after the deadline,
  auto edit = As(member, "PATCH", "/v1/grant-applications/" + id,
                 json{{"project_title", "Late edit"}}.dump());
  EXPECT_EQ(edit.status, 409) << edit.body;
  EXPECT_EQ(Type(edit), "/problems/call_not_open");
  EXPECT_NE(Get(member, id)["project_title"], "Late edit");
  // nor a new application accepted.
  const auto [org2, member2] = OrgWithMember("Deadline late", "RS");
  auto late =
      As(member2, "POST", "/v1/grant-calls/" + call + "/applications", Application().dump());
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(Type(late), "/problems/call_not_open");
}

TEST_F(GrantsApplicationsE2eTest, OthersDoNotSeeAnApplication) {
  const std::string call = OpenCall("Visibility");
  const std::string id = Draft(member_, call);
  const auto [other_org, other_member] = OrgWithMember("Nosy", "RS");
  auto r = As(other_member, "GET", "/v1/grant-applications/" + id);
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(
      As(other_member, "PATCH", "/v1/grant-applications/" + id, json{{"duration_months", 3}}.dump())
          .status,
      404);
  EXPECT_EQ(Act(other_member, id, "submit").status, 404);
  const std::string reviewer = SignedIn("reviewer", json::object(), "unassigned");
  EXPECT_EQ(As(reviewer, "GET", "/v1/grant-applications/" + id).status, 404);
  EXPECT_EQ(
      Parse(As(other_member, "GET", "/v1/grant-calls/" + call + "/applications"))["items"].size(),
      0u);
  // Staff see it but do not edit a member's draft.
  EXPECT_EQ(As(admin_, "GET", "/v1/grant-applications/" + id).status, 200);
  EXPECT_EQ(As(admin_, "PATCH", "/v1/grant-applications/" + id, json{{"duration_months", 3}}.dump())
                .status,
            403);
  EXPECT_EQ(As(member_, "GET", "/v1/grant-applications/not-a-uuid").status, 404);
}

TEST_F(GrantsApplicationsE2eTest, SuspendedOrIneligibleOrganisationsAreRefusedAtSubmission) {
  const std::string call = OpenCall("Eligibility");
  const auto [org, member] = OrgWithMember("Suspended", "BA");
  const std::string id = Draft(member, call);
  auto s = As(admin_, "POST", "/v1/organizations/" + org + "/suspend",
              json{{"note", "annual report missing"}}.dump());
  ASSERT_EQ(s.status, 200) << s.body;
  auto r = Act(member, id, "submit");
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(Type(r), "/problems/organization_not_eligible");
  EXPECT_NE(Parse(r).value("detail", "").find("is suspended"), std::string::npos) << r.body;
  EXPECT_EQ(Get(member, id)["status"], "draft");

  const auto [hr_org, hr_member] = OrgWithMember("Croatian", "HR");
  const std::string hr_id = Draft(hr_member, call);
  auto hr = Act(hr_member, hr_id, "submit");
  EXPECT_EQ(hr.status, 409) << hr.body;
  EXPECT_EQ(Type(hr), "/problems/organization_not_eligible");
  EXPECT_NE(Parse(hr).value("detail", "").find("not eligible in this call"), std::string::npos)
      << hr.body;
}

TEST_F(GrantsApplicationsE2eTest, MembershipDownAtSubmissionIs503AndTheApplicationStaysADraft) {
  const std::string call = OpenCall("Outage");
  const auto [org, member] = OrgWithMember("Outage", "RS");
  const std::string id = Draft(member, call);
  // The gateway knows the member's account for a few seconds: the 503 below is grants's.
  ASSERT_EQ(As(member, "GET", "/v1/grant-applications/" + id).status, 200);
  system_->KillService("membership");
  auto r = Act(member, id, "submit");
  system_->StartService("membership");
  ASSERT_TRUE(system_->WaitReady(30s));
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_FALSE(r.Header("retry-after").empty());
  EXPECT_NE(Parse(r).value("detail", "").find("membership did not answer"), std::string::npos)
      << r.body;
  EXPECT_EQ(Get(member, id)["status"], "draft");
  EXPECT_EQ(Get(member, id)["version"], 1);
  // Once grants reaches membership again (its channel reconnects within seconds), the same
  // submission goes through.
  HttpResult retried;
  EXPECT_TRUE(Eventually(
      [&] {
        retried = Act(member, id, "submit");
        return retried.status != 503;
      },
      15s, 200ms));
  EXPECT_EQ(retried.status, 200) << retried.body;
  EXPECT_EQ(Parse(retried)["status"], "submitted");
}

TEST_F(GrantsApplicationsE2eTest, ReviewersScoreOnceAndTheRankingOrdersByScore) {
  const std::string call = OpenCall("Review");
  const auto [org_a, member_a] = OrgWithMember("Review A", "RS");
  const auto [org_b, member_b] = OrgWithMember("Review B", "BA");
  const auto [org_c, member_c] = OrgWithMember("Review C", "RS");
  const std::string app_a = Draft(member_a, call, 600000);
  const std::string app_b = Draft(member_b, call, 700000);
  const std::string app_c = Draft(member_c, call, 500000);
  for (const auto& [who, id] :
       {std::pair{member_a, app_a}, std::pair{member_b, app_b}, std::pair{member_c, app_c}}) {
    ASSERT_EQ(Act(who, id, "submit").status, 200);
  }
  // Reviews happen while applications are under review: before, a review is a 409.
  const std::string rev1 = SignedIn("reviewer", json::object(), "rev1");
  const std::string rev2 = SignedIn("reviewer", json::object(), "rev2");
  const std::string conflicted = SignedIn("reviewer", {{"organization_id", org_a}}, "rev3");
  const std::string rev1_id = UserId(rev1), rev2_id = UserId(rev2);
  const std::string assign_path = "/v1/grant-applications/" + app_a + "/reviewers";
  auto assigned = As(admin_, "POST", assign_path, json{{"reviewer_id", rev1_id}}.dump());
  ASSERT_EQ(assigned.status, 201) << assigned.body;
  EXPECT_EQ(Parse(assigned)["reviewer_id"], rev1_id);
  EXPECT_EQ(Parse(assigned)["reviewed"], false);
  const json scores_a1 = {
      {"scores", {{"relevance", 8}, {"feasibility", 7}, {"value_for_money", 7}}}};
  auto early = As(rev1, "POST", "/v1/grant-applications/" + app_a + "/reviews", scores_a1.dump());
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(Type(early), "/problems/invalid_transition");

  auto closed = As(admin_, "POST", "/v1/grant-calls/" + call + "/close");
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(Get(member_a, app_a)["status"], "under_review");

  // Who may be assigned.
  auto conflict = As(admin_, "POST", assign_path, json{{"reviewer_id", UserId(conflicted)}}.dump());
  EXPECT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_EQ(Type(conflict), "/problems/reviewer_conflict_of_interest");
  auto twice = As(admin_, "POST", assign_path, json{{"reviewer_id", rev1_id}}.dump());
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(Type(twice), "/problems/already_assigned");
  ExpectProblem(As(admin_, "POST", assign_path, json{{"reviewer_id", UserId(member_a)}}.dump()),
                422, "reviewer_id");
  EXPECT_EQ(As(member_a, "POST", assign_path, json{{"reviewer_id", rev2_id}}.dump()).status, 403);
  ASSERT_EQ(As(admin_, "POST", assign_path, json{{"reviewer_id", rev2_id}}.dump()).status, 201);
  ASSERT_EQ(As(admin_, "POST", "/v1/grant-applications/" + app_b + "/reviewers",
               json{{"reviewer_id", rev1_id}}.dump())
                .status,
            201);

  // An unassigned reviewer does not see the application; an assigned one reviews it once.
  EXPECT_EQ(As(rev2, "GET", "/v1/grant-applications/" + app_b).status, 404);
  EXPECT_EQ(
      As(rev2, "POST", "/v1/grant-applications/" + app_b + "/reviews",
         json{{"scores", {{"relevance", 1}, {"feasibility", 1}, {"value_for_money", 1}}}}.dump())
          .status,
      404);
  ExpectProblem(As(rev1, "POST", "/v1/grant-applications/" + app_a + "/reviews",
                   json{{"scores", {{"relevance", 11}, {"feasibility", 7}}}}.dump()),
                422, "scores.relevance");
  auto review = As(rev1, "POST", "/v1/grant-applications/" + app_a + "/reviews", scores_a1.dump());
  ASSERT_EQ(review.status, 201) << review.body;
  EXPECT_DOUBLE_EQ(Parse(review)["score"].get<double>(), 7.4);  // 8*.40 + 7*.35 + 7*.25
  auto again = As(rev1, "POST", "/v1/grant-applications/" + app_a + "/reviews", scores_a1.dump());
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(Type(again), "/problems/already_reviewed");
  // 7*.40 + 7*.35 + 8*.25 = 7.25; the mean of 7.40 and 7.25 is 7.325 -> 7.33.
  ASSERT_EQ(As(rev2, "POST", "/v1/grant-applications/" + app_a + "/reviews",
               json{{"scores", {{"relevance", 7}, {"feasibility", 7}, {"value_for_money", 8}}},
                    {"comment", "Solid plan."}}
                   .dump())
                .status,
            201);
  auto scored = Get(admin_, app_a);
  EXPECT_DOUBLE_EQ(scored["score"].get<double>(), 7.33);
  EXPECT_EQ(scored["review_count"], 2);
  EXPECT_NE(As(admin_, "GET", "/v1/grant-applications/" + app_a).body.find("\"score\":7.33"),
            std::string::npos);
  // While it is in review, the marks are staff's alone: neither the applicant nor a reviewer
  // sees the others' scores.
  for (const auto& who : {member_a, rev2}) {
    auto seen = Get(who, app_a);
    EXPECT_TRUE(seen["score"].is_null()) << seen.dump();
    EXPECT_EQ(seen["review_count"], 0) << seen.dump();
  }
  ASSERT_EQ(
      As(rev1, "POST", "/v1/grant-applications/" + app_b + "/reviews",
         json{{"scores", {{"relevance", 9}, {"feasibility", 9}, {"value_for_money", 9}}}}.dump())
          .status,
      201);

  // Reviews: staff see all, a reviewer its own, the applicant none.
  EXPECT_EQ(
      Parse(As(admin_, "GET", "/v1/grant-applications/" + app_a + "/reviews"))["items"].size(), 2u);
  EXPECT_EQ(Parse(As(rev2, "GET", "/v1/grant-applications/" + app_a + "/reviews"))["items"].size(),
            1u);
  EXPECT_EQ(As(member_a, "GET", "/v1/grant-applications/" + app_a + "/reviews").status, 403);
  auto reviewers = Parse(As(admin_, "GET", assign_path));
  ASSERT_EQ(reviewers["items"].size(), 2u);
  EXPECT_EQ(reviewers["items"][0]["reviewed"], true);

  // Ranking: highest score first, unscored last.
  auto ranking = As(admin_, "GET", "/v1/grant-calls/" + call + "/ranking");
  ASSERT_EQ(ranking.status, 200) << ranking.body;
  auto items = Parse(ranking)["items"];
  ASSERT_EQ(items.size(), 3u) << ranking.body;
  EXPECT_EQ(items[0]["application_id"], app_b);
  EXPECT_EQ(items[0]["rank"], 1);
  EXPECT_DOUBLE_EQ(items[0]["score"].get<double>(), 9.0);
  EXPECT_EQ(items[1]["application_id"], app_a);
  EXPECT_EQ(items[1]["rank"], 2);
  EXPECT_EQ(items[2]["application_id"], app_c);
  EXPECT_TRUE(items[2]["score"].is_null());
  EXPECT_EQ(items[2]["rank"], 3);
  // A coordinator sees its country's rows, ranked among themselves (numbers over the whole call
  // would tell how many other countries' applications stand in between).
  const std::string coordinator = SignedIn("national_coordinator", {{"country", "RS"}}, "crs");
  auto rs = Parse(As(coordinator, "GET", "/v1/grant-calls/" + call + "/ranking"))["items"];
  ASSERT_EQ(rs.size(), 2u);
  EXPECT_EQ(rs[0]["application_id"], app_a);
  EXPECT_EQ(rs[0]["rank"], 1);
  EXPECT_EQ(rs[1]["application_id"], app_c);
  EXPECT_EQ(rs[1]["rank"], 2);
  EXPECT_EQ(As(member_a, "GET", "/v1/grant-calls/" + call + "/ranking").status, 403);

  // Rejection: network admins, with a note, while the call is closed.
  ExpectProblem(Act(admin_, app_c, "reject"), 422, "note");
  EXPECT_EQ(Act(coordinator, app_c, "reject", {{"note", "no"}}).status, 403);
  auto rejected = Act(admin_, app_c, "reject", {{"note", "Below the threshold."}});
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(Parse(rejected)["status"], "rejected");
  EXPECT_EQ(Parse(rejected)["status_note"], "Below the threshold.");
  // Withdrawing: the applicant, with a note, not after a decision.
  EXPECT_EQ(Act(member_c, app_c, "withdraw", {{"note", "changed plans"}}).status, 409);
  auto withdrawn = Act(member_b, app_b, "withdraw", {{"note", "No co-financing."}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(Parse(withdrawn)["status"], "withdrawn");
}

}  // namespace
}  // namespace iris::testing
