// OWASP API10:2023 Unsafe Consumption of APIs: the gateway consumes its services' gRPC answers
// and must neither pass an upstream's own failure through to clients nor fail open when the
// upstream that vouches for a credential is gone. membership is killed (SIGKILL, as a crash)
// and every kind of request that needs it is made: each is a 503 problem with Retry-After
// that names no address, port, gRPC status or transport error, and no credential that needs
// membership to be checked is taken for anonymous or for valid.
// The gateway suite shows one 503 and /readyz while membership is down; slow upstreams are the
// slow_service fault test's.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"
#include "tests/security/security_support.hpp"

namespace iris::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class UpstreamSecurityTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    Start("Upstream");
    member_ = SignedIn("member", {{"organization_id", org_}}, "m");
    auto key = As(member_, "POST", "/v1/api-keys",
                  json{{"name", "outage " + token_}, {"scopes", {"write"}}}.dump());
    key_ = "ApiKey " + json::parse(key.body, nullptr, false).value("key", "");
    // A second key never used before the outage: nothing in the gateway's key cache vouches
    // for it, so only membership could.
    auto fresh = As(member_, "POST", "/v1/api-keys",
                    json{{"name", "fresh " + token_}, {"scopes", {"read"}}}.dump());
    fresh_key_ = "ApiKey " + json::parse(fresh.body, nullptr, false).value("key", "");
  }
  static void TearDownTestSuite() { Stop(); }

  // A 503 problem that says only that the service is down and when to retry.
  static void ExpectOpaque503(const HttpResult& r, const std::string& what) {
    EXPECT_EQ(r.status, 503) << what << ": " << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json") << what;
    EXPECT_FALSE(r.Header("retry-after").empty()) << what;
    EXPECT_EQ(LeaksIn(r.body), std::vector<std::string>{}) << what << ": " << r.body;
    for (const char* word : {"UNAVAILABLE", "DEADLINE", "unavailable:", "errno", "socket", "tcp",
                             "50051", "channel", "transient"}) {
      EXPECT_EQ(r.body.find(word), std::string::npos) << what << " says " << word << ": " << r.body;
    }
  }

  static inline std::string member_, key_, fresh_key_;
};

TEST_F(UpstreamSecurityTest, WithMembershipDownEveryAnswerIsAnOpaque503AndNothingFailsOpen) {
  const std::string org = "/v1/organizations/" + org_;
  // Warm: the key has been resolved once, so the gateway may hold it for up to 5 s.
  ASSERT_EQ(As(key_, "GET", "/v1/me").status, 200);
  system_->KillMembership();

  ExpectOpaque503(As("", "GET", "/v1/networks"), "anonymous read");
  ExpectOpaque503(As("", "GET", org + "/services"), "anonymous list");
  ExpectOpaque503(As(member_, "GET", "/v1/me"), "token read");
  ExpectOpaque503(As(member_, "PATCH", org, json{{"city", "Niš"}}.dump()), "token write");
  ExpectOpaque503(As(key_, "GET", "/v1/me"), "cached key");
  ExpectOpaque503(As("", "POST", "/v1/membership-applications",
                     json{{"organization", {{"name", "Outage " + token_}, {"country", "RS"}}},
                          {"contact", {{"name", "Ana"}, {"email", "ana@example.org"}}},
                          {"motivation", "Join."}}
                         .dump()),
                  "anonymous write");
  // A key membership alone can vouch for: refused as unavailable, never served as anonymous
  // on a public route nor as valid on a private one.
  for (const std::string path : {"/v1/me", "/v1/organizations?limit=1"}) {
    ExpectOpaque503(As(fresh_key_, "GET", path), "unresolved key on " + path);
  }
  // Signing in needs membership to check the password: a 503, and not a failed attempt.
  auto signed_in =
      SendRaw(system_->http_port(),
              RawRequest("POST", "/v1/auth/token", {{"Content-Type", "application/json"}},
                         json{{"email", "nobody@example.org"}, {"password", "x"}}.dump()),
              UniqueLoopbackAddress());
  ExpectOpaque503(signed_in, "sign-in");
  // Readiness tells operators which dependency is down, and nothing more.
  auto ready = As("", "GET", "/readyz");
  EXPECT_EQ(ready.status, 200);
  const json report = json::parse(ready.body, nullptr, false);
  EXPECT_EQ(report["checks"].value("membership", ""), "down") << ready.body;
  EXPECT_EQ(report.size(), 2u) << ready.body;  // status and checks
  for (const auto& [dependency, state] : report["checks"].items()) {
    EXPECT_TRUE(state == "up" || state == "down") << dependency << ": " << state;
  }

  system_->StartMembership();
  ASSERT_TRUE(system_->WaitReady(20s)) << system_->membership().LogTail();
  EXPECT_EQ(As(fresh_key_, "GET", "/v1/me").status, 200) << "the key was valid all along";
}

}  // namespace
}  // namespace iris::testing
