// People through the gateway: personal data behind sign-in and object-level rules, REST
// conventions (201 + Location, ETag/If-Match, 204, 422), export as a download, and erasure that
// deletes the row and leaves only ids in the audit log.
#include <gtest/gtest.h>

#include <unistd.h>

#include <random>
#include <set>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/e2e/api_client.hpp"
#include "tests/e2e/e2e_suite.hpp"
#include "tests/e2e/system.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/test_env.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

class PeopleE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    StartSystem();
    org_a_ = CreateOrg("RS");
    org_b_ = CreateOrg("RS");
    member_a_ = SignedIn("member", {{"organization_id", org_a_}}, "a");
    member_b_ = SignedIn("member", {{"organization_id", org_b_}}, "b");
    coordinator_rs_ = SignedIn("national_coordinator", {{"country", "RS"}}, "rs");
    coordinator_ba_ = SignedIn("national_coordinator", {{"country", "BA"}}, "ba");
    partner_ = SignedIn("partner", json::object(), "p");
  }
  static void TearDownTestSuite() { Stop(); }

  static std::string CreateOrg(const std::string& country) {
    return E2eSuite::CreateOrg("People " + token_ + " " + country, country);
  }
  static json CreatePerson(const std::string& auth, const std::string& org, const json& person) {
    auto r = As(auth, "POST", "/v1/organizations/" + org + "/people", person.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body, nullptr, false);
  }

  static inline std::string org_a_, org_b_, member_a_, member_b_, coordinator_rs_, coordinator_ba_,
      partner_;
};

TEST_F(PeopleE2eTest, MemberAddsReadsAndUpdatesItsOwnPeople) {
  auto r = As(member_a_, "POST", "/v1/organizations/" + org_a_ + "/people",
              json{{"name", "Ana Petrović"},
                   {"email", "ana@example.org"},
                   {"phone", "+381 11 123 4567"},
                   {"role", "director"},
                   {"languages", {"sr-Latn", "en"}},
                   {"consent", {{"directory", true}, {"newsletter", false}}}}
                  .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  auto person = json::parse(r.body);
  const std::string id = person["id"];
  EXPECT_EQ(r.Header("location"), "/v1/people/" + id);
  EXPECT_EQ(r.Header("etag"), "\"1\"");
  EXPECT_EQ(person["organization_id"], org_a_);
  EXPECT_EQ(person["consent"]["directory"], true);
  EXPECT_TRUE(person["consent_given_at"].is_string()) << r.body;

  auto got = As(member_a_, "GET", "/v1/people/" + id);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(json::parse(got.body)["name"], "Ana Petrović");
  // Personal data: no shared cache may keep it (review of issue 12).
  EXPECT_EQ(got.Header("cache-control"), "no-store");
  auto not_modified = As(member_a_, "GET", "/v1/people/" + id, "", {{"If-None-Match", "\"1\""}});
  EXPECT_EQ(not_modified.status, 304);

  auto stale = As(member_a_, "PATCH", "/v1/people/" + id, json{{"role", "treasurer"}}.dump(),
                  {{"If-Match", "\"7\""}});
  ExpectProblem(stale, 412);
  auto patched = As(member_a_, "PATCH", "/v1/people/" + id, json{{"role", "treasurer"}}.dump(),
                    {{"If-Match", "\"1\""}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(json::parse(patched.body)["role"], "treasurer");
  EXPECT_EQ(patched.Header("etag"), "\"2\"");

  auto list = As(coordinator_rs_, "GET", "/v1/organizations/" + org_a_ + "/people?limit=1");
  ASSERT_EQ(list.status, 200) << list.body;
  auto page = json::parse(list.body);
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_TRUE(page.contains("next_cursor"));
}

TEST_F(PeopleE2eTest, WhatWasNotGivenIsNullAndNullClearsIt) {
  const auto person =
      CreatePerson(member_a_, org_a_, {{"name", "Named " + token_}, {"phone", "+381 11 765 4321"}});
  for (const char* field : {"email", "role", "consent_given_at"}) {
    ASSERT_TRUE(person.contains(field)) << field;
    EXPECT_TRUE(person[field].is_null()) << field << ": " << person[field];
  }
  auto cleared = As(member_a_, "PATCH", "/v1/people/" + person["id"].get<std::string>(),
                    json{{"phone", nullptr}}.dump(), {{"If-Match", "\"1\""}});
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(json::parse(cleared.body).at("phone").is_null()) << cleared.body;
}

TEST_F(PeopleE2eTest, PeopleAreInvisibleToEveryoneNotResponsibleForThem) {
  const auto person = CreatePerson(admin_, org_b_, {{"name", "Private " + token_}});
  const std::string id = person["id"];
  ExpectProblem(As("", "GET", "/v1/people/" + id), 401);
  ExpectProblem(As("", "GET", "/v1/organizations/" + org_b_ + "/people"), 401);
  ExpectProblem(As(member_a_, "GET", "/v1/people/" + id), 404);
  ExpectProblem(As(member_a_, "GET", "/v1/people/" + id + "/export"), 404);
  ExpectProblem(As(member_a_, "PATCH", "/v1/people/" + id, json{{"role", "x"}}.dump()), 404);
  ExpectProblem(As(member_a_, "DELETE", "/v1/people/" + id), 404);
  ExpectProblem(As(member_a_, "GET", "/v1/organizations/" + org_b_ + "/people"), 404);
  ExpectProblem(As(member_a_, "POST", "/v1/organizations/" + org_b_ + "/people",
                   json{{"name", "Intruder"}}.dump()),
                404);
  ExpectProblem(As(partner_, "GET", "/v1/people/" + id), 404);
  ExpectProblem(As(coordinator_ba_, "GET", "/v1/people/" + id), 404);
  EXPECT_EQ(As(coordinator_rs_, "GET", "/v1/people/" + id).status, 200);
  EXPECT_EQ(As(member_b_, "GET", "/v1/people/" + id).status, 200);
  ExpectProblem(As(admin_, "GET", "/v1/people/not-a-uuid"), 404);
}

TEST_F(PeopleE2eTest, InvalidAndServerOwnedFieldsAre422ByName) {
  const std::string path = "/v1/organizations/" + org_a_ + "/people";
  ExpectProblem(As(admin_, "POST", path, json{{"email", "nope"}}.dump()), 422, "name");
  ExpectProblem(As(admin_, "POST", path, json{{"name", "A"}, {"email", "nope"}}.dump()), 422,
                "email");
  ExpectProblem(As(admin_, "POST", path, json{{"name", "A"}, {"languages", {"xx"}}}.dump()), 422,
                "languages[0]");
  ExpectProblem(As(admin_, "POST", path, json{{"name", "A"}, {"organization_id", org_b_}}.dump()),
                422, "organization_id");
  ExpectProblem(As(admin_, "POST", path, json{{"name", "A"}, {"version", 9}}.dump()), 422,
                "version");
  ExpectProblem(As(admin_, "POST", path, json{{"name", "A"}, {"id", org_b_}}.dump()), 422, "id");
  ExpectProblem(As(admin_, "POST", path, "{not json"), 400);
  const auto person = CreatePerson(admin_, org_a_, {{"name", "Valid"}});
  ExpectProblem(As(admin_, "PATCH", "/v1/people/" + person["id"].get<std::string>(),
                   json{{"organization_id", org_b_}}.dump()),
                422, "organization_id");
}

TEST_F(PeopleE2eTest, ExportIsADownloadOfEverythingStored) {
  const auto person =
      CreatePerson(member_a_, org_a_,
                   {{"name", "Export Me"}, {"email", "export@example.org"}, {"languages", {"sq"}}});
  const std::string id = person["id"];
  auto r = As(member_a_, "GET", "/v1/people/" + id + "/export");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.Header("content-disposition").find("attachment"), std::string::npos);
  auto doc = json::parse(r.body);
  EXPECT_EQ(doc["person"], person);
  EXPECT_EQ(doc["organization_name"], "People " + token_ + " RS");
  EXPECT_TRUE(doc["exported_at"].is_string());
}

TEST_F(PeopleE2eTest, ErasureDeletesThePersonAndKeepsOnlyTheIdInTheAuditLog) {
  const std::string name = "Forget " + token_;
  const std::string email = "forget." + token_ + "@example.org";
  const auto person = CreatePerson(admin_, org_a_, {{"name", name}, {"email", email}});
  const std::string id = person["id"];
  ASSERT_EQ(As(member_a_, "PATCH", "/v1/people/" + id, json{{"role", "volunteer"}}.dump()).status,
            200);
  ExpectProblem(As(member_a_, "DELETE", "/v1/people/" + id, "", {{"If-Match", "\"1\""}}), 412);
  auto erased = As(member_a_, "DELETE", "/v1/people/" + id, "", {{"If-Match", "\"2\""}});
  EXPECT_EQ(erased.status, 204) << erased.body;
  EXPECT_TRUE(erased.body.empty());
  ExpectProblem(As(admin_, "GET", "/v1/people/" + id), 404);
  ExpectProblem(As(admin_, "DELETE", "/v1/people/" + id), 404);

  pqxx::connection conn(MembershipDatabaseUrl());
  pqxx::nontransaction tx(conn);
  EXPECT_EQ(tx.exec_params("SELECT 1 FROM membership.people WHERE id = $1::uuid", id).size(), 0u);
  auto audit = tx.exec_params(
      "SELECT action, changes::text FROM membership.audit_log "
      "WHERE subject_type = 'person' AND subject_id = $1 ORDER BY id",
      id);
  std::vector<std::string> actions;
  for (const auto& row : audit) {
    actions.push_back(row[0].as<std::string>());
    const std::string changes = row[1].as<std::string>();
    EXPECT_EQ(changes.find(name), std::string::npos) << changes;
    EXPECT_EQ(changes.find(email), std::string::npos) << changes;
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "update", "erase"}));
  auto outbox = tx.exec_params(
      "SELECT type, payload::text FROM membership.outbox WHERE subject_id = $1 ORDER BY position",
      id);
  ASSERT_EQ(outbox.size(), 3u);
  EXPECT_EQ(outbox[2][0].as<std::string>(), "membership.person.deleted");
  for (const auto& row : outbox) {
    EXPECT_EQ(row[1].as<std::string>().find(email), std::string::npos);
  }
}

}  // namespace
}  // namespace iris::testing
