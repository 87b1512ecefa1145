#include "services/gateway/middleware/response_cache.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace iris::gateway {
namespace {

using namespace std::chrono_literals;

TEST(ResponseCacheTest, ReturnsWhatWasPutUntilItExpires) {
  ResponseCache cache;
  cache.Put("/v1/countries", Reply::Json(200, nlohmann::json{{"a", 1}}), 1s);
  auto hit = cache.Get("/v1/countries");
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->body, "{\"a\":1}");
  EXPECT_FALSE(cache.Get("/v1/languages").has_value());
  cache.Put("/v1/short", Reply::Json(200, nlohmann::json{}), 0s);
  EXPECT_FALSE(cache.Get("/v1/short").has_value());
}

TEST(ResponseCacheTest, NeverGrowsBeyondItsBound) {
  ResponseCache cache(4);
  for (int i = 0; i < 100; ++i) {
    cache.Put("/k" + std::to_string(i), Reply::Json(200, nlohmann::json{}), 60s);
  }
  int present = 0;
  for (int i = 0; i < 100; ++i) present += cache.Get("/k" + std::to_string(i)).has_value();
  EXPECT_LE(present, 4);
  EXPECT_TRUE(cache.Get("/k99").has_value());
}

TEST(ResponseCacheTest, KeyIncludesTheQuery) {
  http::HttpRequest a;
  a.path = "/v1/countries";
  http::HttpRequest b = a;
  b.query = {{"lang", "sr"}};
  EXPECT_NE(ResponseCache::KeyOf(a), ResponseCache::KeyOf(b));
}

// Regression: names and values were joined with '&' and '=' as decoded, so `q=a&country=RS`
// and `q=a%26country%3DRS` (one value holding both) shared a cached answer.
TEST(ResponseCacheTest, ValuesHoldingSeparatorsNeverShareAKey) {
  http::HttpRequest two;
  two.path = "/v1/organizations";
  http::HttpRequest one = two;
  two.query = {{"q", "a"}, {"country", "RS"}};
  one.query = {{"q", "a&country=RS"}};
  EXPECT_NE(ResponseCache::KeyOf(one), ResponseCache::KeyOf(two));
  http::HttpRequest repeated = two;
  repeated.query = {{"country", "RS"}, {"country", "BA"}};
  http::HttpRequest single = two;
  single.query = {{"country", "RS"}};
  EXPECT_NE(ResponseCache::KeyOf(repeated), ResponseCache::KeyOf(single));
}

}  // namespace
}  // namespace iris::gateway
