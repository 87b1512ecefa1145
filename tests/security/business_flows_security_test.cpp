// OWASP API6:2023 Unrestricted Access to Sensitive Business Flows: the flows a script would
// abuse at volume. Anonymous membership applications (each one lands in a coordinator's queue)
// and sign-in (credential stuffing across many accounts from one address).
// Each attack comes from a loopback address of its own (UniqueLoopbackAddress): the gateway
// counts anonymous requests and failed sign-ins per address, and every other suite sends from
// 127.0.0.1, so neither spends the other's quota. The per-account burst and the per-email
// sign-in limit are shown by rate_limits_e2e_test and accounts_e2e_test.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"
#include "tests/security/security_support.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

// Sends a JSON POST from `from` to the gateway on `port`, with `extra` headers.
HttpResult PostFrom(int port, const std::string& from, const std::string& path,
                    const std::string& body, Headers extra = {}) {
  extra.push_back({"Content-Type", "application/json"});
  return SendRaw(port, RawRequest("POST", path, extra, body), from);
}

// A gateway of its own that lets an anonymous address make 30 requests a minute (the default,
// 1,200, is too many to spend in a test). Its start-up polls of /readyz come from 127.0.0.1
// like every suite's requests; GCRA never moves an address's time more than one period ahead,
// so the other gateways' limits of 10^8 a minute still pass them.
class MassApplicationsSecurityTest : public ::testing::Test {
 protected:
  static constexpr int kPerMinute = 30;
  static void SetUpTestSuite() {
    system_ = new System({{"IRIS_RATE_LIMIT_ANONYMOUS_PER_MINUTE", std::to_string(kPerMinute)}});
  }
  static void TearDownTestSuite() {
    delete system_;
    system_ = nullptr;
  }
  static std::string Application(int n, const std::string& tag) {
    return json{
        {"organization", {{"name", "Mass " + tag + " " + std::to_string(n)}, {"country", "RS"}}},
        {"contact", {{"name", "Bot"}, {"email", "bot@example.org"}}},
        {"motivation", "Scripted."}}
        .dump();
  }
  static inline System* system_ = nullptr;
};

TEST_F(MassApplicationsSecurityTest, AScriptFromOneAddressIsStoppedAtTheQuotaAndOthersGoOn) {
  const std::string tag = UniqueToken();
  const std::string bot = UniqueLoopbackAddress();
  const int port = system_->http_port();
  for (int i = 0; i < kPerMinute; ++i) {
    auto r = PostFrom(port, bot, "/v1/membership-applications", Application(i, tag));
    ASSERT_EQ(r.status, 201) << i << ": " << r.body;
    EXPECT_EQ(r.Header("ratelimit-limit"), std::to_string(kPerMinute));
  }
  auto refused = PostFrom(port, bot, "/v1/membership-applications", Application(99, tag));
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(refused.Header("content-type"), "application/problem+json");
  EXPECT_EQ(json::parse(refused.body, nullptr, false).value("type", ""), "/problems/rate_limited");
  EXPECT_GE(std::stoi(refused.Header("retry-after").empty() ? "0" : refused.Header("retry-after")),
            1);
  EXPECT_EQ(refused.Header("ratelimit-remaining"), "0");

  // Claiming another client address in a header changes nothing: the bucket is the peer's.
  for (const char* header : {"X-Forwarded-For", "X-Real-IP", "Forwarded", "True-Client-IP"}) {
    const std::string value =
        std::string(header) == "Forwarded" ? "for=203.0.113.7" : "203.0.113.7";
    auto spoofed =
        PostFrom(port, bot, "/v1/membership-applications", Application(98, tag), {{header, value}});
    EXPECT_EQ(spoofed.status, 429) << header << ": " << spoofed.body;
  }
  // Another address is not held back by this one.
  auto other =
      PostFrom(port, UniqueLoopbackAddress(), "/v1/membership-applications", Application(100, tag));
  EXPECT_EQ(other.status, 201) << other.body;
}

// Credential stuffing: one address trying many accounts, each with a wrong password, never
// reaches the per-email limit (10) but stops at the per-address one (100 failures in 15
// minutes, API.md); after it even a right password from there is refused, from elsewhere not.
class CredentialStuffingSecurityTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() { StartSystem(); }
  static void TearDownTestSuite() { Stop(); }
};

TEST_F(CredentialStuffingSecurityTest, OneAddressStopsAtAHundredFailedSignInsAcrossAccounts) {
  const std::string email = "stuffed." + token_ + "@e2e.iris.example.org";
  const std::string password = "the right password of " + token_;
  ASSERT_EQ(
      As(admin_, "POST", "/v1/users",
         json{{"email", email}, {"password", password}, {"name", "Target"}, {"role", "partner"}}
             .dump())
          .status,
      201);
  const std::string bot = UniqueLoopbackAddress();
  const int port = system_->http_port();
  // A sign-in that outlasts the upstream deadline on a busy machine is a 503 and is not
  // counted (the gateway gives the attempt back): sent again until it is decided.
  auto sign_in = [&](const std::string& from, const std::string& who, const std::string& pw,
                     Headers extra = {}) {
    HttpResult r;
    for (int attempt = 0; attempt < 5 && (attempt == 0 || r.status == 503); ++attempt) {
      r = PostFrom(port, from, "/v1/auth/token", json{{"email", who}, {"password", pw}}.dump(),
                   extra);
    }
    return r;
  };
  for (int i = 0; i < 100; ++i) {
    const std::string victim = "victim" + std::to_string(i) + "." + token_ + "@example.org";
    auto r = sign_in(bot, victim, "Password1!");
    ASSERT_EQ(r.status, 401) << i << ": " << r.body;
    // The tighter bucket: the email's (9 left) until the address has fewer left.
    EXPECT_EQ(r.Header("ratelimit-remaining"), std::to_string(std::min(9, 99 - i))) << i;
  }
  auto right = sign_in(bot, email, password);
  EXPECT_EQ(right.status, 429) << right.body;
  EXPECT_EQ(json::parse(right.body, nullptr, false).value("type", ""), "/problems/rate_limited");
  const int retry_after =
      std::stoi(right.Header("retry-after").empty() ? "0" : right.Header("retry-after"));
  EXPECT_GT(retry_after, 800);
  EXPECT_LE(retry_after, 900);
  auto spoofed = sign_in(bot, email, password, {{"X-Forwarded-For", "198.51.100.4"}});
  EXPECT_EQ(spoofed.status, 429) << "a header does not move the caller to another address";
  // The account itself was never the target of ten failures: from elsewhere it signs in.
  auto elsewhere = sign_in(UniqueLoopbackAddress(), email, password);
  EXPECT_EQ(elsewhere.status, 200) << elsewhere.body;
}

}  // namespace
}  // namespace iris::testing
