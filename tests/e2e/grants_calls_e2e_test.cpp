// Grant calls through the gateway: network admins create them (closes_on meaning the end of
// that day in the call's zone) and move them draft -> open -> closed -> awarded -> archived;
// anyone reads the calls that are not drafts; rules break as 422s naming the field.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e/api_client.hpp"
#include "tests/e2e/e2e_suite.hpp"
#include "tests/e2e/system.hpp"
#include "tests/support/http_client.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

class GrantsCallsE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    Start("Calls");
    member_ = SignedIn("member", {{"organization_id", org_}}, "m");
  }
  static void TearDownTestSuite() { Stop(); }

  // A call open since 2020 whose last day is `closes_on` in Europe/Belgrade.
  static json NewCall(const std::string& title, const std::string& closes_on = "2030-07-15") {
    return {
        {"title", {{"en", title}, {"sr-Latn", "Mali grantovi"}}},
        {"description", {{"en", "Grants of up to EUR 8,000 for community services."}}},
        {"opens_at", "2020-09-01T07:00:00Z"},
        {"closes_on", closes_on},
        {"timezone", "Europe/Belgrade"},
        {"budget", {{"amount", 3120000}, {"currency", "EUR"}}},
        {"max_award", {{"amount", 800000}, {"currency", "EUR"}}},
        {"eligible_countries", {"RS", "BA", "ME"}},
        {"country_allocations",
         {{{"country", "RS"}, {"amount", {{"amount", 2400000}, {"currency", "EUR"}}}}}},
        {"criteria",
         {{{"key", "relevance"}, {"name", {{"en", "Relevance"}}}, {"weight", 60}},
          {{"key", "value_for_money"}, {"name", {{"en", "Value for money"}}}, {"weight", 40}}}}};
  }

  static json Create(const json& body) {
    auto r = As(admin_, "POST", "/v1/grant-calls", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body, nullptr, false);
  }

  static HttpResult Verb(const std::string& id, const std::string& verb,
                         const std::string& if_match = "") {
    Headers headers;
    if (!if_match.empty()) headers.emplace_back("If-Match", if_match);
    return As(admin_, "POST", "/v1/grant-calls/" + id + "/" + verb, "", headers);
  }

  static std::string Type(const HttpResult& r) {
    return json::parse(r.body, nullptr, false).value("type", "");
  }

  static inline std::string member_;
};

TEST_F(GrantsCallsE2eTest, AdminCreatesWithClosesOnMeaningTheEndOfThatDayInBelgrade) {
  auto r = As(admin_, "POST", "/v1/grant-calls", NewCall("Summer " + token_).dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const auto c = json::parse(r.body);
  EXPECT_EQ(r.Header("location"), "/v1/grant-calls/" + c["id"].get<std::string>());
  EXPECT_EQ(r.Header("etag"), "\"1\"");
  EXPECT_EQ(c["status"], "draft");
  // 15 July is summer time in Belgrade (UTC+2): the day ends at 22:00Z.
  EXPECT_EQ(c["closes_at"], "2030-07-15T22:00:00Z");
  EXPECT_EQ(c["closes_on"], "2030-07-15");
  EXPECT_EQ(c["timezone"], "Europe/Belgrade");
  EXPECT_EQ(c["budget"], json({{"amount", 3120000}, {"currency", "EUR"}}));
  EXPECT_EQ(c["awarded"], json({{"amount", 0}, {"currency", "EUR"}}));
  EXPECT_EQ(c["country_allocations"][0]["amount"]["amount"], 2400000);
  EXPECT_EQ(c["criteria"][1]["key"], "value_for_money");
  EXPECT_EQ(c["criteria"][1]["weight"], 40);
  for (const char* field : {"status_note", "status_changed_at"}) {
    ASSERT_TRUE(c.contains(field)) << field;
    EXPECT_TRUE(c[field].is_null()) << field << ": " << c[field];
  }

  // 15 December is winter time (UTC+1): 23:00Z.
  const auto winter = Create(NewCall("Winter " + token_, "2030-12-15"));
  EXPECT_EQ(winter["closes_at"], "2030-12-15T23:00:00Z");
  EXPECT_EQ(winter["closes_on"], "2030-12-15");
}

TEST_F(GrantsCallsE2eTest, BrokenRulesAre422NamingEachField) {
  auto weights = NewCall("Weights " + token_);
  weights["criteria"][1]["weight"] = 30;
  ExpectProblem(As(admin_, "POST", "/v1/grant-calls", weights.dump()), 422, "criteria");

  auto many = NewCall("Many " + token_);
  many["status"] = "open";
  many["closes_at"] = "2030-07-15T22:00:00Z";
  many["max_award"]["currency"] = "USD";
  many["country_allocations"][0]["country"] = "HR";
  many["criteria"][0]["key"] = "Relevance";
  auto r = As(admin_, "POST", "/v1/grant-calls", many.dump());
  ExpectProblem(r, 422);
  for (const char* field : {"status", "closes_on", "max_award.currency",
                            "country_allocations[0].country", "criteria[0].key"}) {
    EXPECT_TRUE(FieldsOf(r).count(field)) << field << " not in " << r.body;
  }
  auto no_title = NewCall("x");
  no_title.erase("title");
  ExpectProblem(As(admin_, "POST", "/v1/grant-calls", no_title.dump()), 422, "title");
}

TEST_F(GrantsCallsE2eTest, OnlyNetworkAdminsManageCalls) {
  const auto body = NewCall("Refused " + token_).dump();
  auto by_member = As(member_, "POST", "/v1/grant-calls", body);
  ExpectProblem(by_member, 403);
  ExpectProblem(As("", "POST", "/v1/grant-calls", body), 401);

  const auto c = Create(NewCall("Managed " + token_));
  const std::string id = c["id"];
  ASSERT_EQ(Verb(id, "open").status, 200);
  ExpectProblem(As(member_, "POST", "/v1/grant-calls/" + id + "/close"), 403);
  ExpectProblem(As(member_, "PATCH", "/v1/grant-calls/" + id, R"({"timezone": "UTC"})"), 403);
}

TEST_F(GrantsCallsE2eTest, AnonymousCallersSeeOpenCallsButNotDrafts) {
  const auto draft = Create(NewCall("Draft " + token_));
  const auto open = Create(NewCall("Open " + token_));
  const std::string draft_id = draft["id"], open_id = open["id"];
  ASSERT_EQ(Verb(open_id, "open").status, 200);

  ExpectProblem(As("", "GET", "/v1/grant-calls/" + draft_id), 404);
  ExpectProblem(As(member_, "GET", "/v1/grant-calls/" + draft_id), 404);
  EXPECT_EQ(As(admin_, "GET", "/v1/grant-calls/" + draft_id).status, 200);
  auto seen = As("", "GET", "/v1/grant-calls/" + open_id);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(json::parse(seen.body)["status"], "open");

  auto listed = [&](const std::string& authorization, const std::string& query) {
    std::set<std::string> ids;
    std::string cursor;
    do {
      auto r = As(authorization, "GET",
                  "/v1/grant-calls?limit=200&" + query +
                      (cursor.empty() ? "" : "&cursor=" + UrlEncode(cursor)));
      EXPECT_EQ(r.status, 200) << r.body;
      const auto page = json::parse(r.body, nullptr, false);
      if (!page.is_object()) break;
      for (const auto& c : page["items"]) ids.insert(c["id"].get<std::string>());
      cursor = page["next_cursor"].is_string() ? page["next_cursor"].get<std::string>() : "";
    } while (!cursor.empty());
    return ids;
  };
  auto anonymous = listed("", "country=ba");
  EXPECT_TRUE(anonymous.count(open_id));
  EXPECT_FALSE(anonymous.count(draft_id));
  EXPECT_TRUE(listed(admin_, "status=draft&country=ME").count(draft_id));
  EXPECT_FALSE(listed(admin_, "status=closed").count(open_id));
  EXPECT_FALSE(listed("", "country=AL").count(open_id));
  ExpectProblem(As("", "GET", "/v1/grant-calls?status=pending"), 400);
}

TEST_F(GrantsCallsE2eTest, LifecycleStepsAndAWrongOneIs409) {
  const auto c = Create(NewCall("Lifecycle " + token_));
  const std::string id = c["id"];
  auto early = Verb(id, "close");
  ExpectProblem(early, 409);
  EXPECT_EQ(Type(early), "/problems/invalid_transition");

  ExpectProblem(Verb(id, "open", "\"7\""), 412);
  auto opened = Verb(id, "open", "\"1\"");
  ASSERT_EQ(opened.status, 200) << opened.body;
  const auto o = json::parse(opened.body);
  EXPECT_EQ(o["status"], "open");
  EXPECT_FALSE(o["status_changed_at"].is_null());
  EXPECT_EQ(opened.Header("etag"), "\"2\"");
  ExpectProblem(Verb(id, "open"), 409);

  // Once open the money is fixed, the deadline is not; a stale If-Match is 412.
  ExpectProblem(As(admin_, "PATCH", "/v1/grant-calls/" + id,
                   R"({"budget": {"amount": 9000000, "currency": "EUR"}})"),
                422, "budget");
  ExpectProblem(As(admin_, "PATCH", "/v1/grant-calls/" + id, R"({"closes_on": "2030-07-31"})",
                   {{"If-Match", "\"1\""}}),
                412);
  auto moved = As(admin_, "PATCH", "/v1/grant-calls/" + id, R"({"closes_on": "2030-07-31"})",
                  {{"If-Match", "\"2\""}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(json::parse(moved.body)["closes_at"], "2030-07-31T22:00:00Z");
  ExpectProblem(
      As(admin_, "PATCH", "/v1/grant-calls/" + id, R"({"opens_at": "2031-01-01T00:00:00Z"})"), 422,
      "opens_at");

  auto closed =
      As(admin_, "POST", "/v1/grant-calls/" + id + "/close", R"({"note": "Deadline passed"})");
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(json::parse(closed.body)["status"], "closed");
  EXPECT_EQ(json::parse(closed.body)["status_note"], "Deadline passed");
  ExpectProblem(Verb(id, "archive"), 409);
  auto finalized = Verb(id, "finalize");
  ASSERT_EQ(finalized.status, 200) << finalized.body;
  EXPECT_EQ(json::parse(finalized.body)["status"], "awarded");
  auto archived = Verb(id, "archive");
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_EQ(json::parse(archived.body)["status"], "archived");
  auto late = As(admin_, "PATCH", "/v1/grant-calls/" + id, R"({"description": {"en": "x"}})");
  ExpectProblem(late, 409);
  EXPECT_EQ(Type(late), "/problems/invalid_transition");
  auto read = As("", "GET", "/v1/grant-calls/" + id);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(json::parse(read.body)["status"], "archived");
}

}  // namespace
}  // namespace iris::testing
