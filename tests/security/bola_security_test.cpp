// OWASP API1:2023 Broken Object Level Authorization: callers who know (or guess) the id of an
// object of another organisation or another country use it on every route that takes one.
// API.md: an object the caller may not read is 404, indistinguishable from one that does not
// exist; one it may read but not change is 403. Nothing is ever changed by such a request.
// The people suite already shows a member's plain reads of another organisation's person; these
// go after what it leaves: other kinds of objects, other roles, and the side channels (field
// errors, versions, ids of another kind) through which "not found" could still tell.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"
#include "tests/security/security_support.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

// A UUID no object has: the answer for "does not exist" that every refusal must look like.
constexpr const char* kNoSuchId = "00000000-0000-4000-8000-00000000dead";

class BolaSecurityTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    StartSystem();
    org_a_ = CreateOrg("Bola A " + token_, "RS");
    org_b_ = CreateOrg("Bola B " + token_, "RS");
    org_ba_ = CreateOrg("Bola BA " + token_, "BA");
    member_a_ = SignedIn("member", {{"organization_id", org_a_}}, "a");
    member_b_ = SignedIn("member", {{"organization_id", org_b_}}, "b");
    coordinator_ba_ = SignedIn("national_coordinator", {{"country", "BA"}}, "ba");
    partner_ = SignedIn("partner", json::object(), "p");
    reviewer_ = SignedIn("reviewer", json::object(), "r");
    user_b_ = Json(As(member_b_, "GET", "/v1/me")).value("id", "");
    person_b_ = Created(As(admin_, "POST", "/v1/organizations/" + org_b_ + "/people",
                           json{{"name", "Private person " + token_}}.dump()));
    service_b_ =
        Created(As(admin_, "POST", "/v1/organizations/" + org_b_ + "/services",
                   json{{"name", {{"en", "Shelter " + token_}}}, {"category", "shelter"}}.dump()));
    auto key = As(member_b_, "POST", "/v1/api-keys",
                  json{{"name", "B's CRM"}, {"scopes", {"write"}}}.dump());
    key_b_id_ = Json(key).value("id", "");
    key_b_ = "ApiKey " + Json(key).value("key", "");
    application_rs_ =
        Created(As("", "POST", "/v1/membership-applications",
                   json{{"organization", {{"name", "Bola applicant " + token_}, {"country", "RS"}}},
                        {"contact", {{"name", "Ana"}, {"email", "ana@example.org"}}},
                        {"motivation", "We would like to join."}}
                       .dump()));
    ASSERT_FALSE(user_b_.empty() || person_b_.empty() || service_b_.empty() || key_b_id_.empty() ||
                 application_rs_.empty());
  }
  static void TearDownTestSuite() { Stop(); }

  static json Json(const HttpResult& r) { return json::parse(r.body, nullptr, false); }
  static std::string Created(const HttpResult& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return Json(r).value("id", "");
  }
  // The version the admin reads at `path`: a refused request must not have moved it.
  static int64_t Version(const std::string& path) {
    auto r = As(admin_, "GET", path);
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    return Json(r).value("version", int64_t{-1});
  }
  // A 404 whose problem is exactly what `missing_path` (the same route with kNoSuchId) answers
  // the same caller: the refusal tells nothing it could not learn about an id nothing has.
  static void ExpectLikeMissing(const std::string& auth, const std::string& method,
                                const std::string& path, const std::string& missing_path,
                                const std::string& body = "", Headers headers = {}) {
    auto theirs = As(auth, method, path, body, headers);
    auto missing = As(auth, method, missing_path, body, headers);
    ExpectProblem(theirs, 404);
    json a = Json(theirs), b = Json(missing);
    a.erase("instance");
    b.erase("instance");
    EXPECT_EQ(a, b) << method << " " << path;
  }

  static inline std::string org_a_, org_b_, org_ba_, member_a_, member_b_, coordinator_ba_,
      partner_, reviewer_, user_b_, person_b_, service_b_, key_b_id_, key_b_, application_rs_;
};

// Every route with a person id, as every caller without a part in that person's organisation,
// including requests whose bodies or preconditions would give another answer if the service
// looked at them before deciding that the caller may not see the person.
TEST_F(BolaSecurityTest, AnotherOrganisationsPersonIsIndistinguishableFromAMissingOne) {
  const std::string person = "/v1/people/" + person_b_;
  const std::string missing = std::string("/v1/people/") + kNoSuchId;
  const int64_t before = Version(person);
  for (const std::string& who : {member_a_, partner_, reviewer_, coordinator_ba_}) {
    ExpectLikeMissing(who, "GET", person, missing);
    ExpectLikeMissing(who, "GET", person + "/export", missing + "/export");
    // A body full of errors would be a 422 for a person the caller may see.
    ExpectLikeMissing(who, "PATCH", person, missing,
                      json{{"email", "not an email"}, {"no_such_field", 1}}.dump());
    // A stale version would be a 412 for a person the caller may see.
    ExpectLikeMissing(who, "PATCH", person, missing, json{{"role", "x"}}.dump(),
                      {{"If-Match", "\"99\""}});
    ExpectLikeMissing(who, "DELETE", person, missing, "", {{"If-Match", "\"99\""}});
  }
  EXPECT_EQ(Version(person), before) << "a refused request changed the person";
}

TEST_F(BolaSecurityTest, AnotherUsersAccountIsNotFoundForEveryRoleButAdmins) {
  const std::string user = "/v1/users/" + user_b_;
  for (const std::string& who : {member_a_, partner_, reviewer_, coordinator_ba_}) {
    ExpectLikeMissing(who, "GET", user, std::string("/v1/users/") + kNoSuchId);
  }
  // The control: the same path answers its owner, through its key as through its token.
  EXPECT_EQ(As(key_b_, "GET", user).status, 200);
  EXPECT_EQ(As(member_b_, "GET", user).status, 200);
}

// Nothing else tries another user's key: a key id is not secret (GET /v1/api-keys shows it to
// admins), so revoking by id must check whose key it is.
TEST_F(BolaSecurityTest, AnotherUsersApiKeyCannotBeRevokedOrSeen) {
  const std::string key = "/v1/api-keys/" + key_b_id_;
  for (const std::string& who : {member_a_, partner_, reviewer_, coordinator_ba_}) {
    ExpectLikeMissing(who, "DELETE", key, std::string("/v1/api-keys/") + kNoSuchId);
    auto listed = As(who, "GET", "/v1/api-keys");
    ASSERT_EQ(listed.status, 200) << listed.body;
    // Named: a range-for over a member of a temporary reads freed memory.
    const json page = Json(listed);
    for (const auto& item : page["items"]) EXPECT_NE(item["id"], key_b_id_);
  }
  // Not revoked: it still works, and its owner still lists it (revoked keys are not listed).
  EXPECT_EQ(As(key_b_, "GET", "/v1/me").status, 200);
  bool listed = false;
  const json own = Json(As(member_b_, "GET", "/v1/api-keys"));
  for (const auto& item : own["items"]) {
    listed = listed || item["id"] == key_b_id_;
  }
  EXPECT_TRUE(listed);
}

// A service is addressed under its organisation; the social services suite deletes another's
// under one's own path. Here: every method, and staff too (the pairing is not a member rule).
TEST_F(BolaSecurityTest, AServiceIsReachableOnlyUnderItsOwnOrganisation) {
  const std::string real = "/v1/organizations/" + org_b_ + "/services/" + service_b_;
  const std::string wrong = "/v1/organizations/" + org_a_ + "/services/" + service_b_;
  const std::string missing = "/v1/organizations/" + org_a_ + "/services/" + std::string(kNoSuchId);
  const int64_t before = Version(real);
  for (const std::string& who : {member_a_, admin_, std::string()}) {
    ExpectLikeMissing(who, "GET", wrong, missing);
    if (who.empty()) continue;  // anonymous writes are 401 before any lookup
    ExpectLikeMissing(who, "PATCH", wrong, missing, json{{"capacity", 1}}.dump());
    ExpectLikeMissing(who, "DELETE", wrong, missing);
  }
  EXPECT_EQ(Version(real), before);
}

// A coordinator's reach is its country. Active organisations elsewhere are public (403 on
// writes: it may read them); their people and applications are not (404).
TEST_F(BolaSecurityTest, ACoordinatorActsOnlyInItsOwnCountry) {
  const std::string org = "/v1/organizations/" + org_b_;
  const std::string service = org + "/services/" + service_b_;
  const int64_t org_before = Version(org), service_before = Version(service);
  auto refused = [](const HttpResult& r) {
    ExpectProblem(r, 403);
    EXPECT_EQ(json::parse(r.body, nullptr, false).value("type", ""), "/problems/forbidden");
  };
  refused(As(coordinator_ba_, "PATCH", org, json{{"city", "Mostar"}}.dump()));
  refused(As(coordinator_ba_, "POST", org + "/suspend", json{{"note", "not mine"}}.dump()));
  refused(As(coordinator_ba_, "POST", org + "/withdraw", json{{"note", "not mine"}}.dump()));
  refused(As(coordinator_ba_, "PATCH", service, json{{"capacity", 1}}.dump()));
  refused(As(coordinator_ba_, "DELETE", service));
  refused(As(coordinator_ba_, "POST", org + "/services",
             json{{"name", {{"en", "Planted"}}}, {"category", "other"}}.dump()));
  // Its own country's organisation may not be moved out of its reach either.
  refused(
      As(coordinator_ba_, "PATCH", "/v1/organizations/" + org_ba_, json{{"country", "RS"}}.dump()));

  const std::string missing_org = std::string("/v1/organizations/") + kNoSuchId;
  ExpectLikeMissing(coordinator_ba_, "GET", org + "/people", missing_org + "/people");
  ExpectLikeMissing(coordinator_ba_, "POST", org + "/people", missing_org + "/people",
                    json{{"name", "Planted person"}}.dump());
  const std::string app = "/v1/membership-applications/" + application_rs_;
  const std::string missing_app = std::string("/v1/membership-applications/") + kNoSuchId;
  ExpectLikeMissing(coordinator_ba_, "GET", app, missing_app);
  ExpectLikeMissing(coordinator_ba_, "POST", app + "/approve", missing_app + "/approve");
  ExpectLikeMissing(coordinator_ba_, "POST", app + "/reject", missing_app + "/reject",
                    json{{"note", "not mine"}}.dump());

  EXPECT_EQ(Version(org), org_before);
  EXPECT_EQ(Version(service), service_before);
  EXPECT_EQ(Json(As(admin_, "GET", app)).value("status", ""), "submitted");
  EXPECT_EQ(Json(As(admin_, "GET", "/v1/organizations/" + org_ba_)).value("country", ""), "BA");
  auto people = As(admin_, "GET", org + "/people?limit=200");
  ASSERT_EQ(people.status, 200) << people.body;
  const json page = Json(people);
  for (const auto& p : page["items"]) EXPECT_NE(p.value("name", ""), "Planted person");
}

// A suspended organisation is not public: another country's coordinator learns nothing of it,
// on reads, writes and verbs alike (404, not the 403 an active one gets).
TEST_F(BolaSecurityTest, AnotherCountrysSuspendedOrganisationIsNotFound) {
  const std::string hidden = CreateOrg("Bola hidden " + token_, "RS");
  const std::string org = "/v1/organizations/" + hidden;
  ASSERT_EQ(As(admin_, "POST", org + "/suspend", json{{"note", "audit"}}.dump()).status, 200);
  const std::string missing = std::string("/v1/organizations/") + kNoSuchId;
  for (const std::string& who : {coordinator_ba_, member_a_, partner_, std::string()}) {
    ExpectLikeMissing(who, "GET", org, missing);
    ExpectLikeMissing(who, "GET", org + "/services", missing + "/services");
    if (who.empty()) continue;
    ExpectLikeMissing(who, "PATCH", org, missing, json{{"city", "Tuzla"}}.dump());
  }
  ExpectLikeMissing(coordinator_ba_, "POST", org + "/reinstate", missing + "/reinstate");
  EXPECT_EQ(Json(As(admin_, "GET", org)).value("status", ""), "suspended");
  // Nor does a list filtered to find it; the admin's is the control.
  const std::string search =
      "/v1/organizations?status=suspended&q=" + UrlEncode("Bola hidden " + token_);
  for (const std::string& who : {coordinator_ba_, member_a_, partner_, std::string()}) {
    auto r = As(who, "GET", search);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body.find(hidden), std::string::npos) << r.body;
  }
  EXPECT_NE(As(admin_, "GET", search).body.find(hidden), std::string::npos);
}

// Ids of one kind used where another is expected, and ids that are not UUIDs at all (SQL,
// traversal, encoded slashes): all simply not found, never a 400 or 500 that would tell the
// caller how ids are checked or stored.
TEST_F(BolaSecurityTest, IdsOfAnotherKindOrNoIdAtAllAreNotFound) {
  const std::vector<std::string> foreign = {person_b_, service_b_, key_b_id_, application_rs_};
  for (const std::string& id : foreign) {
    if (id != person_b_) ExpectProblem(As(admin_, "GET", "/v1/people/" + id), 404);
    if (id != application_rs_) {
      ExpectProblem(As(admin_, "GET", "/v1/membership-applications/" + id), 404);
    }
    ExpectProblem(As(admin_, "GET", "/v1/users/" + id), 404);
    ExpectProblem(As(admin_, "GET", "/v1/organizations/" + id), 404);
  }
  const std::vector<std::string> not_ids = {"not-a-uuid",          UrlEncode("' OR '1'='1"),
                                            "..%2F..%2Fusers",     UrlEncode("00000000-0000"),
                                            std::string(300, 'a'), UrlEncode(user_b_ + "' --")};
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"GET", "/v1/people/{id}"},
      {"GET", "/v1/users/{id}"},
      {"DELETE", "/v1/api-keys/{id}"},
      {"GET", "/v1/organizations/{id}"},
      {"GET", "/v1/organizations/{id}/people"},
      {"GET", "/v1/organizations/{id}/services"},
      {"GET", "/v1/membership-applications/{id}"},
      {"GET", "/v1/application-status/{id}"}};
  for (const auto& id : not_ids) {
    for (const auto& [method, route] : routes) {
      const std::string path = FillPath(route, id);
      auto r = As(admin_, method, path);
      EXPECT_EQ(r.status, 404) << method << " " << path << ": " << r.body;
      EXPECT_TRUE(LeaksIn(r.body).empty()) << r.body;
    }
  }
}

}  // namespace
}  // namespace iris::testing
