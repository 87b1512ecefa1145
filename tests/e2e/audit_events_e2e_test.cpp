// GET /v1/audit-events (issue 14, item 7): changes made through the gateway are found in the
// audit log with each filter, page by page with the list's cursor; network admins only.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

class AuditEventsE2eTest : public E2eSuite {
 protected:
  // One organisation of the suite's own, created, suspended and reinstated by the admin: three
  // entries whose subject no other test touches.
  static void SetUpTestSuite() {
    StartSystem();
    auto me = As(admin_, "GET", "/v1/me");
    ASSERT_EQ(me.status, 200) << me.body;
    admin_id_ = json::parse(me.body).at("id");
    create_request_ = "audit-create-" + token_;
    auto created =
        As(admin_, "POST", "/v1/organizations",
           json{{"name", "Audit " + token_}, {"country", "RS"}, {"kind", "member_cso"}}.dump(),
           {{"X-Request-Id", create_request_}});
    ASSERT_EQ(created.status, 201) << created.body;
    org_ = json::parse(created.body).at("id");
    const std::string path = "/v1/organizations/" + org_;
    auto suspended = As(admin_, "POST", path + "/suspend", R"({"note": "unpaid fees"})");
    ASSERT_EQ(suspended.status, 200) << suspended.body;
    auto reinstated = As(admin_, "POST", path + "/reinstate");
    ASSERT_EQ(reinstated.status, 200) << reinstated.body;
  }
  static void TearDownTestSuite() { Stop(); }

  // The page answered to `query` (200 expected).
  static json Page(const std::string& query, const std::string& authorization = admin_) {
    auto r = As(authorization, "GET", "/v1/audit-events?" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    auto body = json::parse(r.body, nullptr, false);
    return body.is_object() ? body : json{{"items", json::array()}, {"next_cursor", nullptr}};
  }
  // The `type` of each entry of the page, in order.
  static std::vector<std::string> Types(const json& page) {
    std::vector<std::string> out;
    for (const auto& e : page.at("items")) out.push_back(e.at("type"));
    return out;
  }
  static std::string Subject() { return "subject=" + org_; }

  static inline std::string admin_id_, create_request_;
};

TEST_F(AuditEventsE2eTest, TheAdminsChangesAreListedNewestFirstWithWhoWhatAndWhen) {
  const auto page = Page(Subject());
  ASSERT_EQ(Types(page), (std::vector<std::string>{"organization.reinstate", "organization.suspend",
                                                   "organization.create"}));
  EXPECT_TRUE(page.at("next_cursor").is_null());
  for (const auto& e : page.at("items")) {
    EXPECT_EQ(e.at("service"), "membership");
    EXPECT_EQ(e.at("actor"), admin_id_);
    EXPECT_EQ(e.at("actor_role"), "network_admin");
    EXPECT_EQ(e.at("subject_type"), "organization");
    EXPECT_EQ(e.at("subject_id"), org_);
    EXPECT_TRUE(e.at("id").is_number_integer());
    EXPECT_TRUE(e.at("occurred_at").is_string());
  }
  const auto& suspend = page.at("items")[1];
  EXPECT_EQ(suspend.at("action"), "suspend");
  EXPECT_EQ(suspend.at("changes").at("from"), "active");
  EXPECT_EQ(suspend.at("changes").at("to"), "suspended");
  // The entry names the request that made the change.
  EXPECT_EQ(page.at("items")[2].at("request_id"), create_request_);
}

TEST_F(AuditEventsE2eTest, FiltersByTypeActorAndSubject) {
  EXPECT_EQ(Types(Page(Subject() + "&type=organization.suspend")),
            (std::vector<std::string>{"organization.suspend"}));
  EXPECT_EQ(Types(Page(Subject() + "&type=organization.create&type=organization.suspend")),
            (std::vector<std::string>{"organization.suspend", "organization.create"}));
  EXPECT_EQ(Types(Page(Subject() + "&type=organization")).size(), 3u);
  EXPECT_EQ(Types(Page(Subject() + "&type=user")).size(), 0u);
  EXPECT_EQ(Types(Page(Subject() + "&actor=" + admin_id_)).size(), 3u);
  EXPECT_EQ(Types(Page(Subject() + "&actor=00000000-0000-4000-8000-000000000000")).size(), 0u);
  // Without a subject, the admin's own suspension is among its actions.
  const auto mine = Page("actor=" + admin_id_ + "&type=organization.suspend&limit=200");
  bool found = false;
  for (const auto& e : mine.at("items")) found = found || e.at("subject_id") == org_;
  EXPECT_TRUE(found) << mine.dump();
}

TEST_F(AuditEventsE2eTest, FromIsInclusiveAndToExclusive) {
  const auto all = Page(Subject());
  ASSERT_EQ(all.at("items").size(), 3u);
  const std::string reinstated = all.at("items")[0].at("occurred_at");
  const std::string suspended = all.at("items")[1].at("occurred_at");
  EXPECT_EQ(
      Types(Page(Subject() + "&from=" + UrlEncode(suspended) + "&to=" + UrlEncode(reinstated))),
      (std::vector<std::string>{"organization.suspend"}));
  EXPECT_EQ(Types(Page(Subject() + "&from=" + UrlEncode(suspended))),
            (std::vector<std::string>{"organization.reinstate", "organization.suspend"}));
  EXPECT_EQ(Types(Page(Subject() + "&to=" + UrlEncode(suspended))),
            (std::vector<std::string>{"organization.create"}));
  // An offset is an instant too.
  EXPECT_EQ(Types(Page(Subject() + "&to=" + UrlEncode("2000-01-01T01:00:00+01:00"))).size(), 0u);
}

TEST_F(AuditEventsE2eTest, PagesFollowTheCursorWithoutGapsOrRepeats) {
  std::vector<std::string> walked;
  std::string query = Subject() + "&limit=1&include=total";
  for (int guard = 0; guard < 10; ++guard) {
    const auto page = Page(query);
    ASSERT_EQ(page.at("items").size(), 1u) << page.dump();
    EXPECT_EQ(page.at("total"), 3);
    EXPECT_EQ(page.at("total_exact"), true);
    walked.push_back(page.at("items")[0].at("type"));
    if (page.at("next_cursor").is_null()) break;
    query = Subject() +
            "&limit=1&include=total&cursor=" + UrlEncode(page.at("next_cursor").get<std::string>());
  }
  EXPECT_EQ(walked, (std::vector<std::string>{"organization.reinstate", "organization.suspend",
                                              "organization.create"}));
  // Another list's cursor is no position in this one.
  ASSERT_FALSE(CreateOrg("Audit other " + token_, "BA").empty());  // two: a second page
  auto orgs = As(admin_, "GET", "/v1/organizations?limit=1");
  ASSERT_EQ(orgs.status, 200) << orgs.body;
  const auto other = json::parse(orgs.body).at("next_cursor");
  ASSERT_TRUE(other.is_string());
  ExpectProblem(As(admin_, "GET", "/v1/audit-events?cursor=" + UrlEncode(other.get<std::string>())),
                400, "cursor");
}

TEST_F(AuditEventsE2eTest, AMemberIs403AndAnAnonymousCaller401) {
  const auto member = SignedIn("member", {{"organization_id", org_}}, "audit-member");
  ASSERT_FALSE(member.empty());
  ExpectProblem(As(member, "GET", "/v1/audit-events"), 403);
  ExpectProblem(As("", "GET", "/v1/audit-events"), 401);
  const auto coordinator = SignedIn("national_coordinator", {{"country", "RS"}}, "audit-coord");
  ASSERT_FALSE(coordinator.empty());
  ExpectProblem(As(coordinator, "GET", "/v1/audit-events?" + Subject()), 403);
}

TEST_F(AuditEventsE2eTest, AnAdminsReadOnlyApiKeyReadsIt) {
  auto key =
      As(admin_, "POST", "/v1/api-keys", json{{"name", "audit"}, {"scopes", {"read"}}}.dump());
  ASSERT_EQ(key.status, 201) << key.body;
  const std::string secret = json::parse(key.body).at("key");
  EXPECT_EQ(Types(Page(Subject(), "ApiKey " + secret)).size(), 3u);
}

TEST_F(AuditEventsE2eTest, BadFiltersAre400ProblemsNamingTheParameter) {
  auto bad_from = As(admin_, "GET", "/v1/audit-events?from=yesterday");
  ExpectProblem(bad_from, 400, "from");
  EXPECT_EQ(json::parse(bad_from.body).at("type"), "/problems/malformed");
  ExpectProblem(As(admin_, "GET", "/v1/audit-events?from=2025-03-14T10:00:00"), 400, "from");
  ExpectProblem(
      As(admin_, "GET", "/v1/audit-events?from=2025-03-15T00:00:00Z&to=2025-03-14T00:00:00Z"), 400,
      "from");
  ExpectProblem(As(admin_, "GET", "/v1/audit-events?type=Organization"), 400, "type");
  ExpectProblem(As(admin_, "GET", "/v1/audit-events?limit=201"), 400, "limit");
  ExpectProblem(As(admin_, "GET", "/v1/audit-events?sort=-occurred_at"), 400, "sort");
}

}  // namespace
}  // namespace iris::testing
