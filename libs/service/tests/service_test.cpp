// The service runner's command line and the settings every service loads by prefix.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "libs/service/runner.hpp"
#include "libs/service/settings.hpp"

namespace iris::service {
namespace {

config::Env EnvOf(std::map<std::string, std::string> vars) {
  return config::Env([vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  });
}

Args Parse(std::vector<std::string> argv, bool has_demo = true) {
  std::vector<char*> raw;
  std::string program = "iris-x";
  raw.push_back(program.data());
  for (auto& a : argv) raw.push_back(a.data());
  return ParseArgs(static_cast<int>(raw.size()), raw.data(), has_demo);
}

TEST(ServiceArgsTest, PrintSqlNamesOneStatement) {
  const Args a = Parse({"--print-sql", "organizations_list:-name"});
  EXPECT_TRUE(a.error.empty()) << a.error;
  EXPECT_EQ(a.mode, Args::Mode::kPrintSql);
  EXPECT_EQ(a.statement, "organizations_list:-name");
  EXPECT_FALSE(Parse({"--print-sql"}).error.empty());
  EXPECT_FALSE(Parse({"--print-sql", "x", "--migrate-only"}).error.empty());
}

TEST(ServiceSettingsTest, DefaultsComeFromTheIdentityAndTheServiceName) {
  auto env = EnvOf({});
  const Settings s = LoadSettings(env, {"grants", 50052, 9466});
  ASSERT_TRUE(env.Finish().ok());
  EXPECT_EQ(s.database.url, "postgresql://iris_grants:iris_grants@127.0.0.1:15432/iris");
  EXPECT_EQ(s.database.size, 8);
  EXPECT_EQ(s.database.application_name, "iris-grants");
  EXPECT_EQ(s.server.service, "grants");
  EXPECT_EQ(s.server.host, "127.0.0.1");
  EXPECT_EQ(s.server.port, 50052);
  EXPECT_EQ(s.server.metrics_port, 9466);
  EXPECT_EQ(s.server.min_threads, 2);
  EXPECT_EQ(s.server.max_threads, 32);
  EXPECT_TRUE(s.migrate_on_start);
  EXPECT_EQ(s.log_level, "info");
}

TEST(ServiceSettingsTest, EachServiceReadsItsOwnPrefix) {
  auto env = EnvOf({{"IRIS_GRANTS_GRPC_PORT", "6000"},
                    {"IRIS_GRANTS_DB_POOL_SIZE", "3"},
                    {"IRIS_GRANTS_DATABASE_URL", "postgresql://g@db/iris"},
                    {"IRIS_GRANTS_GRPC_MIN_THREADS", "40"},
                    {"IRIS_GRANTS_GRPC_MAX_THREADS", "4"},
                    {"IRIS_MEMBERSHIP_GRPC_PORT", "7000"},
                    {"IRIS_MIGRATE_ON_START", "0"}});
  const Settings s = LoadSettings(env, {"grants", 50052, 9466});
  ASSERT_TRUE(env.Finish().ok());
  EXPECT_EQ(s.server.port, 6000);
  EXPECT_EQ(s.database.size, 3);
  EXPECT_EQ(s.database.url, "postgresql://g@db/iris");
  EXPECT_EQ(s.server.min_threads, 40);
  EXPECT_EQ(s.server.max_threads, 40);  // never below the minimum
  EXPECT_FALSE(s.migrate_on_start);
}

TEST(ServiceSettingsTest, EveryBadValueIsReportedByName) {
  auto env = EnvOf({{"IRIS_GRANTS_GRPC_PORT", "http"}, {"IRIS_GRANTS_DB_POOL_SIZE", "0"}});
  LoadSettings(env, {"grants", 50052, 9466});
  const absl::Status s = env.Finish();
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("IRIS_GRANTS_GRPC_PORT"), std::string::npos) << s;
  EXPECT_NE(s.message().find("IRIS_GRANTS_DB_POOL_SIZE"), std::string::npos) << s;
}

TEST(ServiceSettingsTest, TheRelayPublishesToNotificationsByDefault) {
  auto env = EnvOf({});
  const Settings s = LoadSettings(env, {"grants", 50052, 9466});
  ASSERT_TRUE(env.Finish().ok());
  EXPECT_TRUE(s.relay.enabled);
  EXPECT_EQ(s.relay.notifications_addr, "127.0.0.1:50055");
  EXPECT_EQ(s.relay.batch, 100);
  EXPECT_EQ(s.relay.poll, std::chrono::milliseconds(1000));
  EXPECT_EQ(s.relay.max_backoff, std::chrono::milliseconds(30000));
  EXPECT_FALSE(s.relay.exit_after_publish);
}

TEST(ServiceSettingsTest, TheRelayReadsItsVariablesAndRefusesBadOnes) {
  auto env = EnvOf({{"IRIS_NOTIFICATIONS_ADDR", "notifications:50055"},
                    {"IRIS_RELAY_ENABLED", "false"},
                    {"IRIS_RELAY_BATCH", "250"},
                    {"IRIS_RELAY_POLL_MS", "200"},
                    {"IRIS_RELAY_MAX_BACKOFF_MS", "5s"},
                    {"IRIS_RELAY_FAULT", "exit_after_publish"}});
  const Settings s = LoadSettings(env, {"membership", 50051, 9465});
  ASSERT_TRUE(env.Finish().ok());
  EXPECT_FALSE(s.relay.enabled);
  EXPECT_EQ(s.relay.notifications_addr, "notifications:50055");
  EXPECT_EQ(s.relay.batch, 250);
  EXPECT_EQ(s.relay.poll, std::chrono::milliseconds(200));
  EXPECT_EQ(s.relay.max_backoff, std::chrono::milliseconds(5000));
  EXPECT_TRUE(s.relay.exit_after_publish);

  auto bad = EnvOf({{"IRIS_RELAY_BATCH", "501"}, {"IRIS_RELAY_FAULT", "crash_sometimes"}});
  LoadSettings(bad, {"membership", 50051, 9465});
  const absl::Status st = bad.Finish();
  EXPECT_NE(st.message().find("IRIS_RELAY_BATCH"), std::string::npos) << st;
  EXPECT_NE(st.message().find("IRIS_RELAY_FAULT"), std::string::npos) << st;
}

TEST(ServiceSettingsTest, PrefixIsTheNameInCapitals) {
  EXPECT_EQ(config::ServiceEnvPrefix("membership"), "IRIS_MEMBERSHIP_");
}

TEST(ServiceArgsTest, KnowsTheModes) {
  EXPECT_EQ(Parse({}).mode, Args::Mode::kServe);
  EXPECT_EQ(Parse({"--migrate-only"}).mode, Args::Mode::kMigrateOnly);
  EXPECT_EQ(Parse({"--load-demo"}).mode, Args::Mode::kLoadDemo);
  EXPECT_EQ(Parse({"--help"}).mode, Args::Mode::kHelp);
  EXPECT_TRUE(Parse({}).error.empty());
}

TEST(ServiceArgsTest, RefusesWhatItDoesNotKnow) {
  EXPECT_NE(Parse({"--bogus"}).error, "");
  EXPECT_NE(Parse({"--load-demo"}, /*has_demo=*/false).error, "");
  EXPECT_NE(Parse({"--migrate-only", "--load-demo"}).error, "");
}

TEST(ServiceNameTest, IsAPlainLowerCaseIdentifier) {
  EXPECT_TRUE(IsServiceName("membership"));
  EXPECT_TRUE(IsServiceName("case_notes"));
  EXPECT_FALSE(IsServiceName(""));
  EXPECT_FALSE(IsServiceName("case-notes"));  // a schema, a role and a prefix could not agree
  EXPECT_FALSE(IsServiceName("Grants"));
  EXPECT_FALSE(IsServiceName("_grants"));
  EXPECT_FALSE(IsServiceName("grants2"));
}

TEST(ServiceArgsTest, UsageListsLoadDemoOnlyWhenThereIsDemoData) {
  static constexpr db::Statement kDemo[] = {{"demo", "SELECT 1"}};
  Definition with{{"grants", 50052, 9466}, {}, {}, kDemo};
  Definition without{{"grants", 50052, 9466}, {}, {}, {}};
  EXPECT_NE(Usage(with).find("--load-demo"), std::string::npos);
  EXPECT_EQ(Usage(without).find("--load-demo"), std::string::npos);
  EXPECT_NE(Usage(with).find("IRIS_GRANTS_"), std::string::npos);
}

}  // namespace
}  // namespace iris::service
