// Membership applications through the gateway: anyone applies without an account; staff of
// the application's country review and decide; approval registers a visible member.
#include <gtest/gtest.h>

#include <unistd.h>

#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "tests/e2e/api_client.hpp"
#include "tests/e2e/e2e_suite.hpp"
#include "tests/e2e/system.hpp"
#include "tests/support/http_client.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

class ApplicationsE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    Start("Apps");
    member_ = SignedIn("member", {{"organization_id", org_}}, "m");
    coordinator_rs_ = SignedIn("national_coordinator", {{"country", "RS"}}, "rs");
    coordinator_ba_ = SignedIn("national_coordinator", {{"country", "BA"}}, "ba");
  }
  static void TearDownTestSuite() { Stop(); }

  static json Application(const std::string& country, const std::string& name) {
    return {
        {"organization",
         {{"name", name}, {"country", country}, {"city", "Tuzla"}, {"target_groups", {"roma"}}}},
        {"contact", {{"name", "Amra"}, {"email", "amra@example.org"}}},
        {"motivation", "We support Roma children."}};
  }
  static json Submit(const std::string& country, const std::string& name) {
    auto r = As("", "POST", "/v1/membership-applications", Application(country, name).dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body, nullptr, false);
  }

  static inline std::string member_, coordinator_rs_, coordinator_ba_;
};

TEST_F(ApplicationsE2eTest, AnyoneAppliesWithoutAnAccount) {
  auto r =
      As("", "POST", "/v1/membership-applications", Application("BA", "Sunce " + token_).dump());
  ASSERT_EQ(r.status, 201) << r.body;
  auto a = json::parse(r.body);
  EXPECT_EQ(r.Header("location"), "/v1/membership-applications/" + a["id"].get<std::string>());
  EXPECT_EQ(r.Header("etag"), "\"1\"");
  EXPECT_EQ(a["status"], "submitted");
  EXPECT_EQ(a["organization"]["kind"], "member_cso");
  EXPECT_EQ(a["contact"]["email"], "amra@example.org");
  // What the application does not have yet is null, never "" (docs/openapi.yaml).
  for (const char* field : {"status_note", "status_changed_at", "organization_id"}) {
    ASSERT_TRUE(a.contains(field)) << field;
    EXPECT_TRUE(a[field].is_null()) << field << ": " << a[field];
  }
  EXPECT_TRUE(a.at("organization").at("acronym").is_null()) << a["organization"];
}

TEST_F(ApplicationsE2eTest, InvalidSubmissionsAre422ByField) {
  const std::string path = "/v1/membership-applications";
  auto no_contact = Application("BA", "X " + token_);
  no_contact.erase("contact");
  ExpectProblem(As("", "POST", path, no_contact.dump()), 422, "contact.name");
  ExpectProblem(As("", "POST", path, Application("FR", "X").dump()), 422, "organization.country");
  auto status = Application("BA", "X " + token_);
  status["status"] = "approved";
  ExpectProblem(As("", "POST", path, status.dump()), 422, "status");
  auto org_status = Application("BA", "X " + token_);
  org_status["organization"]["status"] = "active";
  EXPECT_EQ(As("", "POST", path, org_status.dump()).status, 422);
  ExpectProblem(As("", "POST", path, "{oops"), 400);
}

TEST_F(ApplicationsE2eTest, OnlyStaffOfTheCountryReadAndDecide) {
  const auto a = Submit("BA", "Most " + token_);
  const std::string path = "/v1/membership-applications/" + a["id"].get<std::string>();
  ExpectProblem(As("", "GET", path), 401);
  ExpectProblem(As(member_, "GET", path), 403);
  ExpectProblem(As(member_, "GET", "/v1/membership-applications"), 403);
  ExpectProblem(As(coordinator_rs_, "GET", path), 404);
  ExpectProblem(As(coordinator_rs_, "POST", path + "/approve"), 404);
  EXPECT_EQ(As(coordinator_ba_, "GET", path).status, 200);
  EXPECT_EQ(As(admin_, "GET", path).status, 200);

  // Every page of the filtered list, following the signed cursors.
  std::set<std::string> ids;
  std::string query = "/v1/membership-applications?status=submitted&country=ba&limit=100";
  for (int guard = 0; guard < 100; ++guard) {
    auto listed = As(coordinator_ba_, "GET", query);
    ASSERT_EQ(listed.status, 200) << listed.body;
    auto page = json::parse(listed.body);
    for (const auto& item : page["items"]) {
      EXPECT_EQ(item["organization"]["country"], "BA");
      EXPECT_EQ(item["status"], "submitted");
      ids.insert(item["id"]);
    }
    if (page["next_cursor"].is_null()) break;
    query = "/v1/membership-applications?status=submitted&country=ba&limit=100&cursor=" +
            UrlEncode(page["next_cursor"].get<std::string>());
  }
  EXPECT_TRUE(ids.contains(a["id"].get<std::string>()));
  auto rs_list = As(coordinator_rs_, "GET", "/v1/membership-applications?limit=200");
  ASSERT_EQ(rs_list.status, 200);
  // Named: a range-for over a member of a temporary reads freed memory (ASan found it).
  const json rs_page = json::parse(rs_list.body);
  for (const auto& item : rs_page["items"]) {
    EXPECT_EQ(item["organization"]["country"], "RS");
  }
  ExpectProblem(As(admin_, "GET", "/v1/membership-applications?status=pending"), 400);
}

TEST_F(ApplicationsE2eTest, ApprovalRegistersAMemberVisibleInTheDirectory) {
  const std::string name = "Zajedno " + token_;
  const auto a = Submit("BA", name);
  const std::string path = "/v1/membership-applications/" + a["id"].get<std::string>();
  ExpectProblem(As(coordinator_ba_, "POST", path + "/approve", "", {{"If-Match", "\"5\""}}), 412);
  auto approved = As(coordinator_ba_, "POST", path + "/approve", "", {{"If-Match", "\"1\""}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  auto body = json::parse(approved.body);
  EXPECT_EQ(body["status"], "approved");
  const std::string org_id = body["organization_id"];
  ASSERT_FALSE(org_id.empty());

  auto org = As("", "GET", "/v1/organizations/" + org_id);
  ASSERT_EQ(org.status, 200) << org.body;
  auto o = json::parse(org.body);
  EXPECT_EQ(o["name"], name);
  EXPECT_EQ(o["status"], "active");
  EXPECT_EQ(o["kind"], "member_cso");
  EXPECT_EQ(o["country"], "BA");
  EXPECT_FALSE(o["joined_at"].get<std::string>().empty());

  ExpectProblem(As(admin_, "POST", path + "/approve"), 409);
  ExpectProblem(As(admin_, "POST", path + "/reject", json{{"note", "late"}}.dump()), 409);
}

TEST_F(ApplicationsE2eTest, RejectionNeedsANoteAndIsFinal) {
  const auto a = Submit("RS", "Odbijeni " + token_);
  const std::string path = "/v1/membership-applications/" + a["id"].get<std::string>();
  ExpectProblem(As(coordinator_rs_, "POST", path + "/reject"), 422, "note");
  auto rejected = As(coordinator_rs_, "POST", path + "/reject", json{{"note", "not a CSO"}}.dump());
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  auto body = json::parse(rejected.body);
  EXPECT_EQ(body["status"], "rejected");
  EXPECT_EQ(body["status_note"], "not a CSO");
  EXPECT_TRUE(body.at("organization_id").is_null()) << rejected.body;
  ExpectProblem(As(coordinator_rs_, "POST", path + "/approve"), 409);
}

// Issue 12: the applicant has no account; the submission's status link lets it follow the
// application, and nobody without the link can.
TEST_F(ApplicationsE2eTest, TheApplicantFollowsItsApplicationByItsStatusLink) {
  auto submitted =
      As("", "POST", "/v1/membership-applications", Application("RS", "Status " + token_).dump());
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  EXPECT_EQ(submitted.Header("cache-control"), "no-store");
  const auto body = json::parse(submitted.body);
  const std::string link = body.value("status_url", "");
  ASSERT_EQ(link.rfind("/v1/application-status/iris_as_", 0), 0u) << submitted.body;
  auto before = As("", "GET", link);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(json::parse(before.body)["status"], "submitted");
  EXPECT_EQ(json::parse(before.body)["id"], body["id"]);
  EXPECT_FALSE(json::parse(before.body).contains("status_url"));

  const std::string path = "/v1/membership-applications/" + body["id"].get<std::string>();
  ASSERT_EQ(As(admin_, "POST", path + "/approve").status, 200);
  auto after = As("", "GET", link);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(json::parse(after.body)["status"], "approved");
  EXPECT_NE(after.Header("etag"), before.Header("etag"));

  std::string forged = link;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  ExpectProblem(As("", "GET", forged), 404);
  ExpectProblem(As("", "GET", "/v1/application-status/" + std::string(200, 'x')), 404);
}

}  // namespace
}  // namespace iris::testing
