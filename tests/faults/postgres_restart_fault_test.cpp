// Postgres restarts while reads flow through the gateway: the outage is a 503 with Retry-After
// (never a 500 or a hang) and the running services reconnect on their own.
#include <gtest/gtest.h>

#include "tests/e2e/system.hpp"
#include "tests/faults/dependencies.hpp"
#include "tests/faults/traffic.hpp"

namespace iris::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// The System's gateway deadline is 1 s; the rest is slack for a loaded 2-core machine.
constexpr double kLongestAnswerSeconds = 3.0;

TEST(PostgresRestartFaultTest, OutageGives503WithRetryAfterAndServicesReconnect) {
  EnsureDependenciesUp();
  System system;
  const std::string path = "/v1/networks/RS";
  ASSERT_EQ(HttpRequest("GET", system.Url(path)).status, 200);
  const pid_t membership_pid = system.membership().pid();

  Traffic traffic(system.Url(""), {path, "/v1/countries"});
  ASSERT_TRUE(Eventually([&] { return traffic.Count() >= 5; }, 10s));
  std::string error;
  ASSERT_TRUE(StopPostgres(&error)) << error;
  const auto down = Clock::now();
  const bool saw_503 = Eventually([&] { return traffic.CountSince(503, down) >= 3; }, 10s);
  const bool started = StartPostgres(&error);
  const auto up = Clock::now();
  ASSERT_TRUE(started) << error;
  const bool recovered = Eventually([&] { return traffic.CountSince(200, up) >= 3; }, 5s);
  traffic.Stop();

  EXPECT_TRUE(saw_503) << "no 503 while Postgres was down";
  EXPECT_TRUE(recovered) << "no 200 within 5 s of Postgres being back; membership log:\n"
                         << system.membership().LogTail();
  EXPECT_TRUE(system.membership().Running());
  EXPECT_EQ(system.membership().pid(), membership_pid);  // reconnected, not restarted
  for (const auto& a : traffic.Answers()) {
    EXPECT_TRUE(a.result.status == 200 || IsUnavailableProblem(a.result))
        << a.path << " -> " << a.result.status << " " << a.result.body;
    EXPECT_LT(a.result.seconds, kLongestAnswerSeconds) << a.path << " -> " << a.result.status;
  }
}

}  // namespace
}  // namespace iris::testing
