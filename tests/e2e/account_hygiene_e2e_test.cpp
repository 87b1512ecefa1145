// Account hygiene through the gateway (issue 14, item 6): a user changes its own password and
// every other token and session ends; a network admin disables an account and its tokens,
// sessions and API keys stop within 5 seconds; coordinators create member accounts of their
// own country only.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"

namespace iris::testing {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

class AccountHygieneE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() { Start("Hygiene", System::PasswordHashingEnv()); }
  static void TearDownTestSuite() { Stop(); }

  struct Account {
    std::string id, email, password;
  };
  static Account NewMember(const std::string& tag) {
    Account a{"", "hygiene." + tag + "." + token_ + "@e2e.iris.example.org",
              "the first password of " + tag};
    auto r = As(admin_, "POST", "/v1/users",
                json{{"email", a.email},
                     {"password", a.password},
                     {"name", "Hygiene " + tag},
                     {"role", "member"},
                     {"organization_id", org_}}
                    .dump());
    EXPECT_EQ(r.status, 201) << r.body;
    a.id = json::parse(r.body).value("id", "");
    return a;
  }
  // POST /v1/auth/token's answer: {access_token, refresh_token, ...}.
  static json SignIn(const std::string& email, const std::string& password) {
    auto r =
        As("", "POST", "/v1/auth/token", json{{"email", email}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false);
  }
  static std::string Bearer(const json& session) {
    return "Bearer " + session.value("access_token", "");
  }
  static long Refresh(const json& session) {
    return As("", "POST", "/v1/auth/refresh",
              json{{"refresh_token", session.value("refresh_token", "")}}.dump())
        .status;
  }
  static std::string TypeOf(const HttpResult& r) {
    return json::parse(r.body, nullptr, false).value("type", "");
  }
};

TEST_F(AccountHygieneE2eTest, APasswordChangeEndsEveryOtherTokenAndSession) {
  const Account a = NewMember("pw");
  const json here = SignIn(a.email, a.password);
  const json elsewhere = SignIn(a.email, a.password);
  ASSERT_EQ(As(Bearer(elsewhere), "GET", "/v1/me").status, 200);

  auto wrong =
      As(Bearer(here), "POST", "/v1/me/password",
         json{{"current_password", "not it at all"}, {"new_password", "a new password 1"}}.dump());
  ExpectProblem(wrong, 422, "current_password");
  auto weak = As(Bearer(here), "POST", "/v1/me/password",
                 json{{"current_password", a.password}, {"new_password", "short"}}.dump());
  ExpectProblem(weak, 422, "new_password");
  auto key =
      As(Bearer(here), "POST", "/v1/api-keys", json{{"name", "crm"}, {"scopes", {"write"}}}.dump());
  ASSERT_EQ(key.status, 201) << key.body;
  auto by_key =
      As("ApiKey " + json::parse(key.body).value("key", ""), "POST", "/v1/me/password",
         json{{"current_password", a.password}, {"new_password", "a new password 1"}}.dump());
  ExpectProblem(by_key, 403);
  EXPECT_EQ(TypeOf(by_key), "/problems/insufficient_scope");
  EXPECT_EQ(As(Bearer(elsewhere), "GET", "/v1/me").status, 200) << "refusals changed nothing";

  const std::string next = "the second password of pw";
  auto changed = As(Bearer(here), "POST", "/v1/me/password",
                    json{{"current_password", a.password}, {"new_password", next}}.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.Header("cache-control"), "no-store");
  const json fresh = json::parse(changed.body);
  EXPECT_EQ(As(Bearer(fresh), "GET", "/v1/me").status, 200) << "the caller stays signed in";
  EXPECT_TRUE(
      Eventually([&] { return As(Bearer(elsewhere), "GET", "/v1/me").status == 401; }, 5s, 100ms))
      << "another device's token still works";
  EXPECT_EQ(As(Bearer(here), "GET", "/v1/me").status, 401) << "the old token of this device";
  EXPECT_EQ(Refresh(elsewhere), 401);
  EXPECT_EQ(Refresh(here), 401);
  EXPECT_EQ(Refresh(fresh), 200);
  auto old_password =
      As("", "POST", "/v1/auth/token", json{{"email", a.email}, {"password", a.password}}.dump());
  EXPECT_EQ(old_password.status, 401);
  EXPECT_FALSE(SignIn(a.email, next).value("access_token", "").empty());
}

TEST_F(AccountHygieneE2eTest, ADisabledAccountsTokensSessionsAndKeysStopWithinFiveSeconds) {
  const Account a = NewMember("off");
  const json session = SignIn(a.email, a.password);
  // Never refreshed while disabled: only the disabling itself can have ended it.
  const json untouched = SignIn(a.email, a.password);
  auto created = As(Bearer(session), "POST", "/v1/api-keys",
                    json{{"name", "crm"}, {"scopes", {"read"}}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string key = "ApiKey " + json::parse(created.body).value("key", "");
  ASSERT_EQ(As(key, "GET", "/v1/me").status, 200);

  ExpectProblem(As(Bearer(session), "POST", "/v1/users/" + a.id + "/disable"), 403);
  auto me = json::parse(As(admin_, "GET", "/v1/me").body);
  auto self = As(admin_, "POST", "/v1/users/" + me.value("id", "") + "/disable");
  ExpectProblem(self, 409);
  ExpectProblem(As(admin_, "POST", "/v1/users/00000000-0000-4000-8000-000000000000/disable"), 404);

  auto disabled = As(admin_, "POST", "/v1/users/" + a.id + "/disable",
                     json{{"note", "left the organisation"}}.dump());
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(json::parse(disabled.body).value("status", ""), "disabled");
  EXPECT_TRUE(
      Eventually([&] { return As(Bearer(session), "GET", "/v1/me").status == 401; }, 5s, 100ms));
  EXPECT_EQ(TypeOf(As(Bearer(session), "GET", "/v1/me")), "/problems/account_disabled");
  EXPECT_TRUE(Eventually([&] { return As(key, "GET", "/v1/me").status == 401; }, 5s, 100ms));
  EXPECT_EQ(Refresh(session), 401);
  auto sign_in =
      As("", "POST", "/v1/auth/token", json{{"email", a.email}, {"password", a.password}}.dump());
  ExpectProblem(sign_in, 401);
  EXPECT_EQ(TypeOf(sign_in), "/problems/account_disabled");
  auto listed = json::parse(As(admin_, "GET", "/v1/users/" + a.id).body);
  EXPECT_EQ(listed.value("status", ""), "disabled");

  auto enabled = As(admin_, "POST", "/v1/users/" + a.id + "/enable");
  ASSERT_EQ(enabled.status, 200) << enabled.body;
  EXPECT_EQ(json::parse(enabled.body).value("status", ""), "active");
  EXPECT_FALSE(SignIn(a.email, a.password).value("access_token", "").empty());
  EXPECT_TRUE(Eventually([&] { return As(key, "GET", "/v1/me").status == 200; }, 6s, 100ms))
      << "a key comes back with its account";
  EXPECT_EQ(As(Bearer(session), "GET", "/v1/me").status, 401)
      << "tokens issued before the account was disabled stay dead";
  EXPECT_EQ(Refresh(untouched), 401) << "sessions from before the account was disabled stay ended";
}

TEST_F(AccountHygieneE2eTest, CoordinatorsCreateMembersOfTheirOwnCountryOnly) {
  const std::string coordinator =
      SignedIn("national_coordinator", {{"country", "RS"}}, "coordinator");
  const std::string elsewhere = CreateOrg("Hygiene BA " + token_, "BA");
  auto user = [&](const std::string& tag, const std::string& role, const json& extra) {
    json body{{"email", "made." + tag + "." + token_ + "@e2e.iris.example.org"},
              {"password", "a long enough password"},
              {"name", "Made " + tag},
              {"role", role}};
    body.update(extra);
    return As(coordinator, "POST", "/v1/users", body.dump());
  };
  auto member = user("member", "member", {{"organization_id", org_}});
  ASSERT_EQ(member.status, 201) << member.body;
  EXPECT_EQ(json::parse(member.body).value("organization_id", ""), org_);
  ExpectProblem(user("abroad", "member", {{"organization_id", elsewhere}}), 422, "organization_id");
  ExpectProblem(user("admin", "network_admin", json::object()), 403);
  ExpectProblem(user("peer", "national_coordinator", {{"country", "RS"}}), 403);
  const std::string plain_member = SignedIn("member", {{"organization_id", org_}}, "plain");
  auto by_member = As(plain_member, "POST", "/v1/users",
                      json{{"email", "x." + token_ + "@e2e.iris.example.org"},
                           {"password", "a long enough password"},
                           {"name", "X"},
                           {"role", "member"},
                           {"organization_id", org_}}
                          .dump());
  ExpectProblem(by_member, 403);
}

}  // namespace
}  // namespace iris::testing
