#include <gtest/gtest.h>

#include <grpcpp/create_channel.h>

#include "grpc/health/v1/health.grpc.pb.h"
#include "iris/membership/v1/membership.grpc.pb.h"
#include "libs/db/migrator.hpp"
#include "libs/grpc/channel.hpp"
#include "libs/grpc/server.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/app/reference_use_cases.hpp"
#include "services/membership/rpc/reference_grpc.hpp"
#include "services/membership/storage/pg_reference_repository.hpp"
#include "services/membership/storage/statements.hpp"
#include "services/membership/tests/membership_test_support.hpp"
#include "tests/support/process.hpp"
#include "tests/support/rpc_server.hpp"
#include "tests/support/test_env.hpp"

namespace iris::membership {
namespace {

using namespace std::chrono_literals;

// A real gRPC server on 127.0.0.1:0 over the real test database, called through the stub.
class ReferenceRpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartServer({&api_}, pool_);
    ASSERT_NE(server_, nullptr);
    auto channel = server_->channel();
    stub_ = v1::Membership::NewStub(channel);
    health_ = ::grpc::health::v1::Health::NewStub(channel);
  }
  // Stopped before the services and pool it calls are destroyed.
  void TearDown() override { server_.reset(); }

  db::Pool pool_{db::PoolConfig{.url = iris::testing::MembershipDatabaseUrl(), .size = 2},
                 storage::Statements()};
  storage::PgReferenceRepository repo_;
  app::ReferenceUseCases reference_{pool_, repo_};
  rpc::ReferenceGrpc api_{reference_};
  std::unique_ptr<iris::testing::RpcServer> server_;
  std::unique_ptr<v1::Membership::Stub> stub_;
  std::unique_ptr<::grpc::health::v1::Health::Stub> health_;
};

TEST_F(ReferenceRpcTest, ListsNetworksThroughTheStub) {
  ::grpc::ClientContext ctx;
  iris::identity::Caller caller;
  caller.request_id = "rpc-test-1";
  iris::grpc::PrepareContext(ctx, caller, 2000ms);
  v1::ListNetworksResponse out;
  auto s = stub_->ListNetworks(&ctx, {}, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(out.items_size(), 7);
  EXPECT_EQ(out.items(5).country(), "MK");
  EXPECT_EQ(out.items(5).status(), v1::NETWORK_STATUS_IN_FORMATION);
  EXPECT_GT(out.items(0).created_at().seconds(), 0);
}

TEST_F(ReferenceRpcTest, GetNetworkMatchesCaseInsensitivelyAndUnknownIsNotFound) {
  {
    ::grpc::ClientContext ctx;
    iris::grpc::PrepareContext(ctx, {}, 2000ms);
    v1::GetNetworkRequest req;
    req.set_country("rs");
    v1::Network out;
    ASSERT_TRUE(stub_->GetNetwork(&ctx, req, &out).ok());
    EXPECT_EQ(out.country(), "RS");
  }
  // (Invalid UTF-8 never reaches a service: the gateway rejects it while decoding.)
  for (const char* bad : {"ZZ", "abc", "", "R"}) {
    ::grpc::ClientContext ctx;
    iris::grpc::PrepareContext(ctx, {}, 2000ms);
    v1::GetNetworkRequest req;
    req.set_country(bad);
    v1::Network out;
    EXPECT_EQ(stub_->GetNetwork(&ctx, req, &out).error_code(), ::grpc::StatusCode::NOT_FOUND)
        << bad;
  }
}

TEST_F(ReferenceRpcTest, HealthReportsServingOnceTheDatabaseAnswers) {
  EXPECT_TRUE(iris::testing::Eventually(
      [&] {
        ::grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now() + 1s);
        ::grpc::health::v1::HealthCheckRequest req;
        ::grpc::health::v1::HealthCheckResponse out;
        return health_->Check(&ctx, req, &out).ok() &&
               out.status() == ::grpc::health::v1::HealthCheckResponse::SERVING;
      },
      5s));
}

}  // namespace
}  // namespace iris::membership
