#include "libs/config/env.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>

#include "libs/status/problem.hpp"

namespace iris::config {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;

Env FakeEnv(std::map<std::string, std::string> vars) {
  return Env([vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  });
}

TEST(EnvTest, UnsetVariablesFallBackToDefaults) {
  Env env = FakeEnv({});
  EXPECT_EQ(env.String("IRIS_NAME", "membership"), "membership");
  EXPECT_EQ(env.Int("IRIS_WORKERS", 4, 1, 64), 4);
  EXPECT_EQ(env.Port("IRIS_HTTP_PORT", 8080), 8080);
  EXPECT_TRUE(env.Bool("IRIS_DEBUG", true));
  EXPECT_EQ(env.Millis("IRIS_TIMEOUT", milliseconds(500), milliseconds(1), milliseconds(60000)),
            milliseconds(500));
  EXPECT_TRUE(env.Finish().ok());
}

TEST(EnvTest, EmptyVariableCountsAsUnset) {
  Env env = FakeEnv({{"IRIS_WORKERS", ""}, {"IRIS_NAME", ""}});
  EXPECT_EQ(env.Int("IRIS_WORKERS", 4, 1, 64), 4);
  EXPECT_EQ(env.String("IRIS_NAME", "x"), "x");
  EXPECT_TRUE(env.Finish().ok());
}

TEST(EnvTest, ReadsValidValues) {
  Env env = FakeEnv({{"IRIS_NAME", "grants"},
                     {"IRIS_WORKERS", "8"},
                     {"IRIS_HTTP_PORT", "0"},
                     {"IRIS_GRPC_PORT", "65535"},
                     {"IRIS_DEBUG", "Off"},
                     {"IRIS_TRACE", "YES"},
                     {"IRIS_TIMEOUT", "1500"},
                     {"IRIS_IDLE", "30s"},
                     {"IRIS_TTL", "2m"},
                     {"IRIS_DB_URL", "postgres://x"}});
  EXPECT_EQ(env.String("IRIS_NAME", "x"), "grants");
  EXPECT_EQ(env.Int("IRIS_WORKERS", 4, 1, 64), 8);
  EXPECT_EQ(env.Port("IRIS_HTTP_PORT", 8080), 0);
  EXPECT_EQ(env.Port("IRIS_GRPC_PORT", 9090), 65535);
  EXPECT_FALSE(env.Bool("IRIS_DEBUG", true));
  EXPECT_TRUE(env.Bool("IRIS_TRACE", false));
  const milliseconds lo(1), hi(3'600'000);
  EXPECT_EQ(env.Millis("IRIS_TIMEOUT", milliseconds(5), lo, hi), milliseconds(1500));
  EXPECT_EQ(env.Millis("IRIS_IDLE", milliseconds(5), lo, hi), milliseconds(30000));
  EXPECT_EQ(env.Millis("IRIS_TTL", milliseconds(5), lo, hi), milliseconds(120000));
  EXPECT_EQ(env.Required("IRIS_DB_URL"), "postgres://x");
  EXPECT_TRUE(env.Finish().ok());
}

TEST(EnvTest, ReportsEveryBadVariableAtOnce) {
  Env env = FakeEnv({{"IRIS_HTTP_PORT", "abc"},
                     {"IRIS_GRPC_PORT", "70000"},
                     {"IRIS_WORKERS", "0"},
                     {"IRIS_DEBUG", "maybe"},
                     {"IRIS_TIMEOUT", "soon"}});
  EXPECT_EQ(env.Port("IRIS_HTTP_PORT", 8080), 8080);
  EXPECT_EQ(env.Port("IRIS_GRPC_PORT", 9090), 9090);
  EXPECT_EQ(env.Int("IRIS_WORKERS", 4, 1, 64), 4);
  EXPECT_FALSE(env.Bool("IRIS_DEBUG", false));
  env.Millis("IRIS_TIMEOUT", milliseconds(5), milliseconds(1), milliseconds(10));
  env.Required("IRIS_DB_URL");

  auto s = env.Finish();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::HttpStatusFor(s), 422);
  const std::string message(s.message());
  EXPECT_THAT(message, HasSubstr("IRIS_HTTP_PORT: 'abc' is not a number; "));
  EXPECT_THAT(message, HasSubstr("IRIS_GRPC_PORT: '70000' is not a port (0..65535)"));
  EXPECT_THAT(message, HasSubstr("IRIS_WORKERS: '0' is out of range 1..64"));
  EXPECT_THAT(message, HasSubstr("IRIS_DEBUG: 'maybe' is not a boolean"));
  EXPECT_THAT(message, HasSubstr("IRIS_TIMEOUT: 'soon' is not a duration"));
  EXPECT_THAT(message, HasSubstr("IRIS_DB_URL: is required"));

  auto detail = status::DetailOf(s);
  EXPECT_EQ(detail.reason(), "validation");
  ASSERT_EQ(detail.errors_size(), 6);
  EXPECT_EQ(detail.errors(0).field(), "IRIS_HTTP_PORT");
  EXPECT_EQ(detail.errors(5).field(), "IRIS_DB_URL");
}

TEST(EnvTest, OneOfAcceptsAListedChoiceInAnyCaseAndNamesTheListOtherwise) {
  Env env = FakeEnv({{"IRIS_PIN", "ON"}, {"IRIS_MODE", "sometimes"}});
  EXPECT_EQ(env.OneOf("IRIS_PIN", "auto", {"auto", "on", "off"}), "on");
  EXPECT_EQ(env.OneOf("IRIS_UNSET", "auto", {"auto", "on", "off"}), "auto");
  EXPECT_EQ(env.OneOf("IRIS_MODE", "auto", {"auto", "on", "off"}), "auto");
  auto s = env.Finish();
  EXPECT_THAT(std::string(s.message()),
              HasSubstr("IRIS_MODE: 'sometimes' is not one of: auto, on, off"));
  ASSERT_EQ(status::DetailOf(s).errors_size(), 1);
}

TEST(EnvTest, RejectsNumbersWithTrailingGarbageOrOverflow) {
  Env env = FakeEnv({{"IRIS_A", "12abc"},
                     {"IRIS_B", "99999999999999999999"},
                     {"IRIS_C", " 5"},
                     {"IRIS_D", "+5"}});
  EXPECT_EQ(env.Int("IRIS_A", 1, 0, 100), 1);
  EXPECT_EQ(env.Int("IRIS_B", 1, 0, 100), 1);
  EXPECT_EQ(env.Int("IRIS_C", 1, 0, 100), 1);
  EXPECT_EQ(env.Int("IRIS_D", 1, 0, 100), 1);
  auto detail = status::DetailOf(env.Finish());
  ASSERT_EQ(detail.errors_size(), 4);
  EXPECT_EQ(detail.errors(0).message(), "'12abc' is not a number");
  EXPECT_EQ(detail.errors(1).message(), "'99999999999999999999' is out of range 0..100");
  EXPECT_EQ(detail.errors(2).message(), "' 5' is not a number");
  EXPECT_EQ(detail.errors(3).message(), "'+5' is not a number");
}

TEST(EnvTest, MillisRejectsValuesOutsideItsRangeWithoutOverflowing) {
  Env env = FakeEnv({{"IRIS_A", "61s"}, {"IRIS_B", "9223372036854775807h"}, {"IRIS_C", "0"}});
  const milliseconds def(100), lo(1), hi(60'000);
  EXPECT_EQ(env.Millis("IRIS_A", def, lo, hi), def);
  EXPECT_EQ(env.Millis("IRIS_B", def, lo, hi), def);
  EXPECT_EQ(env.Millis("IRIS_C", def, lo, hi), def);
  auto detail = status::DetailOf(env.Finish());
  ASSERT_EQ(detail.errors_size(), 3);
  EXPECT_EQ(detail.errors(0).message(), "'61s' is out of range 1ms..60000ms");
  EXPECT_THAT(detail.errors(1).message(), HasSubstr("is out of range"));
  EXPECT_THAT(detail.errors(2).message(), HasSubstr("is out of range"));
}

TEST(EnvTest, LongBadValuesAreTruncatedInMessages) {
  Env env = FakeEnv({{"IRIS_A", std::string(500, 'x')}});
  env.Int("IRIS_A", 1, 0, 10);
  auto detail = status::DetailOf(env.Finish());
  ASSERT_EQ(detail.errors_size(), 1);
  EXPECT_LT(detail.errors(0).message().size(), 100u);
}

struct FakeSettings {
  int port = 0;
  std::string url;
  static FakeSettings Load(Env& env) {
    return {env.Port("IRIS_TEST_CFG_PORT", 8080), env.Required("IRIS_TEST_CFG_URL")};
  }
};

TEST(LoadOrExitTest, ReadsTheProcessEnvironment) {
  ::setenv("IRIS_TEST_CFG_PORT", "7070", 1);
  ::setenv("IRIS_TEST_CFG_URL", "redis://r", 1);
  auto s = LoadOrExit<FakeSettings>();
  ::unsetenv("IRIS_TEST_CFG_PORT");
  ::unsetenv("IRIS_TEST_CFG_URL");
  EXPECT_EQ(s.port, 7070);
  EXPECT_EQ(s.url, "redis://r");
}

TEST(LoadOrExitDeathTest, PrintsEachBadVariableAndExitsWithTwo) {
  EXPECT_EXIT(
      {
        ::setenv("IRIS_TEST_CFG_PORT", "http", 1);
        ::unsetenv("IRIS_TEST_CFG_URL");
        LoadOrExit<FakeSettings>();
      },
      ::testing::ExitedWithCode(2),
      "config: IRIS_TEST_CFG_PORT: 'http' is not a number\nconfig: IRIS_TEST_CFG_URL: is "
      "required\n");
}

}  // namespace
}  // namespace iris::config
