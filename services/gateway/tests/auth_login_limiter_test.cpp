// Without Redis, sign-in is not rate limited (fail open) and the metric says so.
#include "services/gateway/middleware/auth_login_limiter.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_env.hpp"

namespace iris::gateway {
namespace {

TEST(LoginLimiterTest, FailsOpenAndCountsItWhenRedisIsDown) {
  iris::redis::Redis redis(iris::redis::RedisConfig{.port = iris::testing::FreePort()});
  iris::metrics::Metrics metrics("login-limiter-test");
  LoginLimiter limiter(redis, metrics, LoginLimits{.per_email = 1, .per_ip = 1});
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(limiter.RecordFailure("a@example.org", "127.0.0.1").limited);
    EXPECT_FALSE(limiter.Check("a@example.org", "127.0.0.1").limited);
  }
  auto& unavailable = metrics.Counter("iris_rate_limit_unavailable_total", "", {});
  EXPECT_EQ(unavailable.Value(), 6);
}

}  // namespace
}  // namespace iris::gateway
