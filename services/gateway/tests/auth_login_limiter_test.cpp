// The sign-in limiter against a real Redis (scripts/test.sh's), and without one (fail open).
#include "services/gateway/middleware/auth_login_limiter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/test_env.hpp"

namespace iris::gateway {
namespace {

iris::redis::RedisConfig TestRedis() {
  return {.port = std::stoi(iris::testing::RequireEnv("IRIS_TEST_REDIS_PORT")), .pool_size = 16};
}

TEST(LoginLimiterTest, FailsOpenAndCountsItWhenRedisIsDown) {
  iris::redis::Redis redis(iris::redis::RedisConfig{.port = iris::testing::FreePort()});
  iris::metrics::Metrics metrics("login-limiter-test");
  LoginLimiter limiter(redis, metrics, LoginLimits{.per_email = 1, .per_ip = 1});
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(limiter.Reserve("a@example.org", "127.0.0.1").limited);
    limiter.Release("a@example.org", "127.0.0.1");  // counted below
  }
  auto& unavailable = metrics.Counter("iris_rate_limit_unavailable_total", "", {});
  EXPECT_EQ(unavailable.Value(), 6);
}

// Regression: checking first and counting after let every concurrent guess through.
TEST(LoginLimiterTest, ConcurrentAttemptsGetNoMoreThanTheLimit) {
  iris::redis::Redis redis(TestRedis());
  iris::metrics::Metrics metrics("login-limiter-test");
  LoginLimiter limiter(redis, metrics, LoginLimits{.per_email = 10, .per_ip = 1000});
  const std::string email = iris::testing::UniqueName("rush") + "@example.org";
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 40; ++i) {
    threads.emplace_back([&] {
      if (!limiter.Reserve(email, "192.0.2.1").limited) ++allowed;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), 10);
  LoginQuota refused = limiter.Reserve(email, "192.0.2.1");
  EXPECT_TRUE(refused.limited);
  EXPECT_EQ(refused.remaining, 0);
  EXPECT_GT(refused.reset_seconds, 0);
}

TEST(LoginLimiterTest, ASuccessGivesItsAttemptBack) {
  iris::redis::Redis redis(TestRedis());
  iris::metrics::Metrics metrics("login-limiter-test");
  LoginLimiter limiter(redis, metrics, LoginLimits{.per_email = 3, .per_ip = 1000});
  const std::string email = iris::testing::UniqueName("ok") + "@example.org";
  EXPECT_EQ(limiter.Reserve(email, "192.0.2.2").remaining, 2);  // a failure: kept
  EXPECT_EQ(limiter.Reserve(email, "192.0.2.2").remaining, 1);
  EXPECT_EQ(limiter.Release(email, "192.0.2.2").remaining, 2);  // a success: given back
  EXPECT_EQ(limiter.Reserve(email, "192.0.2.2").remaining, 1);
  EXPECT_EQ(limiter.Reserve(email, "192.0.2.2").remaining, 0);
  EXPECT_TRUE(limiter.Reserve(email, "192.0.2.2").limited);
  // Refused attempts were not counted: one success frees exactly one place.
  EXPECT_EQ(limiter.Release(email, "192.0.2.2").remaining, 1);
  EXPECT_FALSE(limiter.Reserve(email, "192.0.2.2").limited);
}

}  // namespace
}  // namespace iris::gateway
