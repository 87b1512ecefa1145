// Redis stops: the API keeps answering (rate limits and idempotency keys fail open and count
// it), /readyz and the dependency metric say "degraded" until Redis is back.
#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/e2e/api_client.hpp"
#include "tests/e2e/system.hpp"
#include "tests/faults/dependencies.hpp"
#include "tests/support/http_client.hpp"

namespace iris::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// The value of iris_dependency_up for `dependency` on the gateway's /metrics, or -1.
double DependencyUp(const System& system, const std::string& dependency) {
  const HttpResult r = HttpRequest("GET", system.MetricsUrl());
  std::istringstream lines(r.body);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("iris_dependency_up{", 0) == 0 &&
        line.find("dependency=\"" + dependency + "\"") != std::string::npos) {
      return std::stod(line.substr(line.rfind(' ') + 1));
    }
  }
  return -1;
}

// The value of the unlabelled counter `name` on the gateway's /metrics, or 0 before its first
// increment (prometheus-cpp shows a counter once it exists).
double Counter(const System& system, const std::string& name) {
  const HttpResult r = HttpRequest("GET", system.MetricsUrl());
  std::istringstream lines(r.body);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(name + " ", 0) == 0 || line.rfind(name + "{", 0) == 0) {
      return std::stod(line.substr(line.rfind(' ') + 1));
    }
  }
  return 0;
}

// /readyz answered 200 with this status and Redis check.
bool ReadyzSays(const System& system, const std::string& status, const std::string& redis) {
  const HttpResult r = HttpRequest("GET", system.Url("/readyz"), "", {}, 3s);
  const json body = json::parse(r.body, nullptr, false);
  return r.status == 200 && !body.is_discarded() && body.value("status", "") == status &&
         body["checks"].value("redis", "") == redis;
}

TEST(RedisOutageFaultTest, ApiKeepsServingWhileReadinessAndMetricReportRedisDown) {
  EnsureDependenciesUp();
  System system;
  ASSERT_TRUE(ReadyzSays(system, "ready", "up"));
  EXPECT_EQ(DependencyUp(system, "redis"), 1);

  std::string error;
  ASSERT_TRUE(StopRedis(&error)) << error;
  const HttpResult countries = HttpRequest("GET", system.Url("/v1/countries"), "", {}, 5s);
  EXPECT_EQ(countries.status, 200) << countries.body;
  EXPECT_TRUE(Eventually([&] { return ReadyzSays(system, "degraded", "down"); }, 10s, 100ms))
      << HttpRequest("GET", system.Url("/readyz")).body;
  EXPECT_EQ(DependencyUp(system, "redis"), 0);
  EXPECT_EQ(HttpRequest("GET", system.Url("/v1/networks/RS"), "", {}, 5s).status, 200);
  // Rate limits and idempotency keys live in Redis: both fail open, and say so in a metric.
  const double unlimited = Counter(system, "iris_rate_limit_unavailable_total");
  const std::string admin = ApiClient(system).AdminAuthorization();
  ASSERT_FALSE(admin.empty());
  const std::string name = "Redis outage " + UniqueToken();
  const double unprotected = Counter(system, "iris_idempotency_unavailable_total");
  const HttpResult created =
      ApiClient(system).As(admin, "POST", "/v1/organizations",
                           json{{"name", name}, {"country", "RS"}, {"kind", "member_cso"}}.dump(),
                           {{"Idempotency-Key", UniqueToken()}});
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("ratelimit-limit"), "") << "no quota is known without Redis";
  EXPECT_GT(Counter(system, "iris_rate_limit_unavailable_total"), unlimited);
  EXPECT_EQ(Counter(system, "iris_idempotency_unavailable_total"), unprotected + 1);

  ASSERT_TRUE(StartRedis(&error)) << error;
  EXPECT_TRUE(Eventually([&] { return ReadyzSays(system, "ready", "up"); }, 10s, 100ms))
      << HttpRequest("GET", system.Url("/readyz")).body;
  EXPECT_EQ(DependencyUp(system, "redis"), 1);
}

}  // namespace
}  // namespace iris::testing
