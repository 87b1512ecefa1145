// Rate limits through the gateway (issue 14): a gateway with 4 requests a minute per account;
// each account's burst passes with RateLimit-* headers counting down, the next is a 429 problem
// with Retry-After, and another account is not affected.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"

namespace iris::testing {
namespace {

class RateLimitsE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    system_ = new System(
        std::vector<std::pair<std::string, std::string>>{{"IRIS_RATE_LIMIT_PER_MINUTE", "4"}});
    token_ = UniqueToken();
    admin_ = ApiClient(*system_).AdminAuthorization();
    ASSERT_FALSE(admin_.empty());
    org_ = CreateOrg("Rate " + token_, "RS");
  }
  static void TearDownTestSuite() { Stop(); }
};

TEST_F(RateLimitsE2eTest, AnAccountsBurstPassesThenItIsTold429WithWhenToRetry) {
  const std::string member = SignedIn("member", {{"organization_id", org_}}, "rl1");
  const std::string path = "/v1/organizations/" + org_;
  for (int i = 0; i < 4; ++i) {
    auto r = As(member, "GET", path);
    ASSERT_EQ(r.status, 200) << i << " " << r.body;
    EXPECT_EQ(r.Header("ratelimit-limit"), "4");
    EXPECT_EQ(r.Header("ratelimit-remaining"), std::to_string(3 - i));
    EXPECT_FALSE(r.Header("ratelimit-reset").empty());
  }
  auto refused = As(member, "GET", path);
  ExpectProblem(refused, 429);
  EXPECT_NE(refused.body.find("/problems/rate_limited"), std::string::npos) << refused.body;
  const int retry_after = std::stoi(refused.Header("retry-after"));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 15);
  EXPECT_EQ(refused.Header("ratelimit-remaining"), "0");

  const std::string other = SignedIn("member", {{"organization_id", org_}}, "rl2");
  EXPECT_EQ(As(other, "GET", path).status, 200) << "each account has its own quota";
}

}  // namespace
}  // namespace iris::testing
