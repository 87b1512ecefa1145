// kill -9 of the membership service under a stream of reads through the gateway: every answer
// of its routes is a 200 or a 503 problem, never a 500 or a hang, and reads succeed again after
// a restart. Routes that do not need membership (/healthz, /readyz, the OpenAPI document) keep
// answering 200 throughout: one service down takes only its own routes out.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tests/e2e/system.hpp"
#include "tests/faults/dependencies.hpp"
#include "tests/faults/traffic.hpp"

namespace iris::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr double kLongestAnswerSeconds = 3.0;  // the gateway deadline (1 s) plus slack

TEST(MembershipCrashFaultTest, ReadsGet200Or503AcrossAKillAndSucceedAfterRestart) {
  EnsureDependenciesUp();
  System system;
  const std::set<std::string> independent = {"/healthz", "/readyz", "/v1/openapi.json"};
  Traffic traffic(system.Url(""), {"/v1/networks/RS", "/v1/countries", "/healthz", "/v1/networks",
                                   "/readyz", "/v1/openapi.json"});
  ASSERT_TRUE(Eventually([&] { return traffic.Count() >= 5; }, 10s));

  system.KillMembership();
  const auto killed = Clock::now();
  const bool saw_503 = Eventually([&] { return traffic.CountSince(503, killed) >= 3; }, 10s);
  system.StartMembership();
  const auto restarted = Clock::now();
  const bool recovered =
      Eventually([&] { return traffic.CountSince(200, restarted) >= 3; }, 15s, 100ms);
  traffic.Stop();

  EXPECT_TRUE(saw_503) << "no 503 while membership was down";
  EXPECT_TRUE(recovered) << "no 200 within 15 s of the restart; gateway log:\n"
                         << system.gateway().LogTail();
  for (const auto& a : traffic.Answers()) {
    if (independent.contains(a.path)) {
      EXPECT_EQ(a.result.status, 200) << a.path << " " << a.result.body;
    }
    EXPECT_TRUE(a.result.status == 200 || IsUnavailableProblem(a.result))
        << a.path << " -> " << a.result.status << " " << a.result.body;
    EXPECT_LT(a.result.seconds, kLongestAnswerSeconds) << a.path << " -> " << a.result.status;
  }
}

}  // namespace
}  // namespace iris::testing
