// GCRA limits against a real Redis (scripts/test.sh's), and without one (fail open).
#include "services/gateway/middleware/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/test_env.hpp"

namespace iris::gateway {
namespace {

iris::redis::RedisConfig TestRedis() {
  return {.port = std::stoi(iris::testing::RequireEnv("IRIS_TEST_REDIS_PORT")), .pool_size = 16};
}

identity::Caller User() {
  identity::Caller c;
  c.subject = "user-" + iris::testing::UniqueName("").substr(1);
  c.role = "member";
  return c;
}

http::HttpRequest From(const std::string& address) {
  http::HttpRequest r;
  r.method = "GET";
  r.remote_address = address;
  return r;
}

std::string HeaderOf(const http::HttpResponse& r, const std::string& name) {
  for (const auto& h : r.headers) {
    if (h.name == name) return h.value;
  }
  return "";
}

TEST(RateLimiterTest, ABurstOfTheLimitPassesThenTheNextIsRefusedWithWhenToRetry) {
  iris::redis::Redis redis(TestRedis());
  iris::metrics::Metrics metrics("rate-limiter-test");
  RateLimiter limiter(redis, metrics, {.per_caller = 5, .per_address = 0});
  const auto caller = User();
  for (int i = 0; i < 5; ++i) {
    const auto d = limiter.Take(From("192.0.2.1"), caller);
    ASSERT_TRUE(d.counted);
    EXPECT_FALSE(d.limited) << i;
    EXPECT_EQ(d.limit, 5);
    EXPECT_EQ(d.remaining, 4 - i);
    EXPECT_GE(d.reset_seconds, 1);
    EXPECT_LE(d.reset_seconds, 60);
  }
  const auto refused = limiter.Take(From("192.0.2.1"), caller);
  EXPECT_TRUE(refused.limited);
  EXPECT_EQ(refused.remaining, 0);
  // One request every 12 s (60 s / 5) from now on: the next is within 12 s.
  EXPECT_GE(refused.retry_after_seconds, 1);
  EXPECT_LE(refused.retry_after_seconds, 12);

  http::HttpResponse r;
  r.headers = {{"Retry-After", "1"}};  // what the problem renderer put there
  RateLimiter::AddHeaders(refused, r);
  EXPECT_EQ(HeaderOf(r, "RateLimit-Limit"), "5");
  EXPECT_EQ(HeaderOf(r, "RateLimit-Remaining"), "0");
  EXPECT_EQ(HeaderOf(r, "Retry-After"), std::to_string(refused.retry_after_seconds));
}

TEST(RateLimiterTest, EachCallerAndEachAnonymousAddressHasItsOwnQuota) {
  iris::redis::Redis redis(TestRedis());
  iris::metrics::Metrics metrics("rate-limiter-test");
  RateLimiter limiter(redis, metrics, {.per_caller = 2, .per_address = 2});
  const auto a = User(), b = User();
  const std::string ip = "198.51.100." + std::to_string(std::stoi(a.subject.substr(5, 2)) + 1);
  for (int i = 0; i < 2; ++i) EXPECT_FALSE(limiter.Take(From(ip), a).limited);
  EXPECT_TRUE(limiter.Take(From(ip), a).limited);
  EXPECT_FALSE(limiter.Take(From(ip), b).limited) << "another account";
  // Anonymous from that address: a quota of its own, apart from the accounts'.
  for (int i = 0; i < 2; ++i) EXPECT_FALSE(limiter.Take(From(ip), identity::Caller()).limited);
  EXPECT_TRUE(limiter.Take(From(ip), identity::Caller()).limited);
}

TEST(RateLimiterTest, ConcurrentRequestsNeverPassMoreThanTheLimit) {
  iris::redis::Redis redis(TestRedis());
  iris::metrics::Metrics metrics("rate-limiter-test");
  RateLimiter limiter(redis, metrics, {.per_caller = 10, .per_address = 0});
  const auto caller = User();
  std::atomic<int> passed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        if (!limiter.Take(From("192.0.2.9"), caller).limited) ++passed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(passed.load(), 10);
}

TEST(RateLimiterTest, ZeroMeansUnlimitedAndNoHeaders) {
  iris::redis::Redis redis(TestRedis());
  iris::metrics::Metrics metrics("rate-limiter-test");
  RateLimiter limiter(redis, metrics, {.per_caller = 0, .per_address = 0});
  const auto d = limiter.Take(From("192.0.2.1"), User());
  EXPECT_FALSE(d.limited);
  EXPECT_FALSE(d.counted);
  http::HttpResponse r;
  RateLimiter::AddHeaders(d, r);
  EXPECT_TRUE(r.headers.empty());
}

TEST(RateLimiterTest, AnyKeyIsABucketOfItsOwnLimitAndPeriod) {
  // What a route's anonymous_limit uses: 3 an hour under its own key, whatever the main limits.
  iris::redis::Redis redis(TestRedis());
  iris::metrics::Metrics metrics("rate-limiter-test");
  RateLimiter limiter(redis, metrics, {.per_caller = 0, .per_address = 0});
  const std::string key = "iris:rate:route:test" + iris::testing::UniqueName("");
  const auto hour = std::chrono::milliseconds(std::chrono::hours(1));
  for (int i = 0; i < 3; ++i) {
    const auto d = limiter.Take(key, 3, hour);
    ASSERT_TRUE(d.counted);
    EXPECT_FALSE(d.limited) << i;
    EXPECT_EQ(d.remaining, 2 - i);
  }
  const auto refused = limiter.Take(key, 3, hour);
  EXPECT_TRUE(refused.limited);
  EXPECT_GE(refused.retry_after_seconds, 1190);  // an hour / 3
  EXPECT_LE(refused.retry_after_seconds, 1200);
  EXPECT_FALSE(limiter.Take(key + ":other", 3, hour).limited) << "another key";
  EXPECT_FALSE(limiter.Take(key, 0, hour).counted) << "0: no limit";
}

TEST(RateLimiterTest, WithoutRedisRequestsPassAndAreCounted) {
  iris::redis::Redis redis(iris::redis::RedisConfig{.port = iris::testing::FreePort()});
  iris::metrics::Metrics metrics("rate-limiter-down-test");
  RateLimiter limiter(redis, metrics, {.per_caller = 1, .per_address = 1});
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.Take(From("192.0.2.1"), User()).limited);
  EXPECT_EQ(metrics.Counter("iris_rate_limit_unavailable_total", "", {}).Value(), 3);
}

TEST(RateLimiterTest, ARouteThatWroteItsOwnLimitsKeepsThem) {
  RateDecision d{.limited = false, .counted = true, .limit = 9, .remaining = 8};
  http::HttpResponse r;
  r.headers = {{"RateLimit-Limit", "5"}};
  RateLimiter::AddHeaders(d, r);
  EXPECT_EQ(r.headers.size(), 1u);
}

}  // namespace
}  // namespace iris::gateway
