// iris.grants.v1.Statistics on a real gRPC server over the test database: anyone (an
// anonymous caller) reads figures and open data; what the request cannot say is malformed,
// with the field named, as the gateway relays it.
#include <gtest/gtest.h>

#include "grants_migrations.hpp"
#include "iris/grants/v1/statistics.grpc.pb.h"
#include "libs/db/migrator.hpp"
#include "libs/status/status.hpp"
#include "services/grants/app/statistics_use_cases.hpp"
#include "services/grants/rpc/statistics_grpc.hpp"
#include "services/grants/storage/pg_statistics_repository.hpp"
#include "services/grants/storage/statements.hpp"
#include "tests/support/rpc_server.hpp"
#include "tests/support/test_env.hpp"

namespace iris::grants {
namespace {

using iris::testing::CallAs;

std::string GrantsDatabaseUrl() {
  return iris::testing::RequireEnv("IRIS_TEST_GRANTS_DATABASE_URL");
}

class StatisticsRpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db::MigrateService(GrantsDatabaseUrl(), "grants", migrations::kAll).ok());
    server_ = std::make_unique<iris::testing::RpcServer>(
        "grants", std::vector<::grpc::Service*>{&api_}, [this] { return pool_.Ping(); });
    ASSERT_TRUE(server_->Start().ok());
    stub_ = v1::Statistics::NewStub(server_->channel());
  }
  void TearDown() override { server_.reset(); }

  identity::Caller Anonymous() { return {.request_id = "rpc-stats"}; }

  db::Pool pool_{db::PoolConfig{.url = GrantsDatabaseUrl(), .size = 2}, storage::Statements()};
  storage::PgStatisticsRepository repo_;
  app::StatisticsUseCases stats_{
      pool_,
      repo_,
      {.prefix = "360G-rpc", .funder_identifier = "360G-rpc", .funder_name = "RPC Network"}};
  rpc::StatisticsGrpc api_{stats_};
  std::unique_ptr<iris::testing::RpcServer> server_;
  std::unique_ptr<v1::Statistics::Stub> stub_;
};

TEST_F(StatisticsRpcTest, OpenDataInBothFormatsForAnyone) {
  v1::GetOpenDataRequest req;
  req.set_format(v1::OPEN_DATA_FORMAT_CSV);
  v1::OpenDataDocument csv;
  ASSERT_TRUE(CallAs(*stub_, Anonymous(), &v1::Statistics::Stub::GetOpenData, req, &csv).ok());
  EXPECT_EQ(csv.content_type(), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body().rfind("Identifier,Title,Description,Currency,", 0), 0u) << csv.body();

  req.set_format(v1::OPEN_DATA_FORMAT_JSON);
  v1::OpenDataDocument json;
  ASSERT_TRUE(CallAs(*stub_, Anonymous(), &v1::Statistics::Stub::GetOpenData, req, &json).ok());
  EXPECT_EQ(json.content_type(), "application/json");
  EXPECT_NE(
      json.body().find("\"publisher\":{\"identifier\":\"360G-rpc\",\"name\":\"RPC Network\"}"),
      std::string::npos)
      << json.body().substr(0, 300);
}

TEST_F(StatisticsRpcTest, AnUnspecifiedFormatIsMalformed) {
  v1::OpenDataDocument out;
  auto s = CallAs(*stub_, Anonymous(), &v1::Statistics::Stub::GetOpenData, v1::GetOpenDataRequest{},
                  &out);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::DetailOf(s).reason(), "malformed");
  EXPECT_EQ(status::DetailOf(s).errors(0).field(), "format");
}

TEST_F(StatisticsRpcTest, YearsAfterEachOtherAreMalformedNamingFrom) {
  v1::GetGrantStatsRequest req;
  req.set_from(2022);
  req.set_to(2021);
  v1::GrantStats out;
  auto s = CallAs(*stub_, Anonymous(), &v1::Statistics::Stub::GetGrantStats, req, &out);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::DetailOf(s).errors(0).field(), "from");
}

TEST_F(StatisticsRpcTest, EmptyYearsAreZerosInTheAskedCurrency) {
  v1::GetGrantStatsRequest req;
  req.set_from(2101);
  req.set_to(2101);
  req.set_currency("CHF");
  v1::GrantStats out;
  ASSERT_TRUE(CallAs(*stub_, Anonymous(), &v1::Statistics::Stub::GetGrantStats, req, &out).ok());
  EXPECT_EQ(out.from(), 2101);
  EXPECT_EQ(out.applications(), 0);
  EXPECT_EQ(out.awarded().currency(), "CHF");
  EXPECT_EQ(out.requested().amount(), 0);
  EXPECT_EQ(out.by_year_size(), 0);
}

TEST_F(StatisticsRpcTest, AnUnknownCallsStatsAreNotFound) {
  v1::GetCallStatsRequest req;
  req.set_call_id("00000000-0000-4000-8000-0000000000ff");
  v1::CallStats out;
  EXPECT_EQ(CallAs(*stub_, Anonymous(), &v1::Statistics::Stub::GetCallStats, req, &out).code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace iris::grants
