// Services trust only the gateway (issue 14, item 8): a call that reaches a service's port
// directly, claiming to be a network admin in any way but the gateway's signed assertion, is
// served as anonymous.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "iris/membership/v1/accounts.grpc.pb.h"
#include "libs/grpc/caller_assertion.hpp"
#include "libs/grpc/channel.hpp"
#include "tests/e2e/api_client.hpp"
#include "tests/e2e/system.hpp"

namespace iris::testing {
namespace {

using namespace std::chrono_literals;
namespace v1 = iris::membership::v1;

class CallerTrustE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { system_ = new System(); }
  static void TearDownTestSuite() {
    delete system_;
    system_ = nullptr;
  }

  // Accounts.ListUsers (network admins only) with exactly these metadata.
  static ::grpc::Status ListUsers(const std::vector<std::pair<std::string, std::string>>& md) {
    auto stub =
        v1::Accounts::NewStub(iris::grpc::MakeChannel(system_->ServiceAddress("membership")));
    ::grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 5s);
    for (const auto& [k, v] : md) ctx.AddMetadata(k, v);
    v1::ListUsersRequest req;
    v1::ListUsersResponse out;
    return stub->ListUsers(&ctx, req, &out);
  }

  static identity::Caller Admin() {
    identity::Caller c;
    c.subject = "00000000-0000-4000-8000-00000000a11e";
    c.role = "network_admin";
    return c;
  }

  static System* system_;
};

System* CallerTrustE2eTest::system_ = nullptr;

TEST_F(CallerTrustE2eTest, TheGatewaysAssertionIsServed) {
  // The control: the same call with the key the gateway holds succeeds, so the refusals below
  // are about the credentials, not the call.
  auto signer = *iris::grpc::CallerSigner::FromSeed(system_->caller_keys().seed);
  const auto status = ListUsers({{"x-iris-caller", signer->Sign(Admin())}});
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(CallerTrustE2eTest, ForgedAdminMetadataIsAnonymous) {
  // What a service believed before assertions: the identity as plain metadata.
  const auto status = ListUsers({{"x-iris-subject", Admin().subject},
                                 {"x-iris-role", "network_admin"},
                                 {"x-iris-scopes", "read,write"}});
  EXPECT_EQ(status.error_code(), ::grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
}

TEST_F(CallerTrustE2eTest, AnAssertionSignedWithAnotherKeyIsAnonymous) {
  auto intruder = *iris::grpc::CallerSigner::FromSeed(iris::grpc::NewCallerKeyPair().seed);
  const auto status = ListUsers({{"x-iris-caller", intruder->Sign(Admin())}});
  EXPECT_EQ(status.error_code(), ::grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
}

TEST_F(CallerTrustE2eTest, AnAlteredAssertionIsAnonymous) {
  auto signer = *iris::grpc::CallerSigner::FromSeed(system_->caller_keys().seed);
  identity::Caller member = Admin();
  member.role = "member";
  member.organization_id = "00000000-0000-4000-8000-0000000000aa";
  const std::string genuine = signer->Sign(member);
  const std::string admin_payload = signer->Sign(Admin());
  // A member's signature under an admin's payload.
  const std::string spliced =
      admin_payload.substr(0, admin_payload.find('.')) + genuine.substr(genuine.find('.'));
  auto status = ListUsers({{"x-iris-caller", spliced}});
  EXPECT_EQ(status.error_code(), ::grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
  status = ListUsers({{"x-iris-caller", "garbage"}, {"x-iris-role", "network_admin"}});
  EXPECT_EQ(status.error_code(), ::grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
  // The genuine member assertion is served as that member: signed, but not an admin.
  status = ListUsers({{"x-iris-caller", genuine}});
  EXPECT_EQ(status.error_code(), ::grpc::StatusCode::PERMISSION_DENIED) << status.error_message();
}

TEST_F(CallerTrustE2eTest, ThroughTheGatewayTheAdminStillActs) {
  ApiClient api(*system_);
  const std::string admin = api.AdminAuthorization();
  ASSERT_FALSE(admin.empty());
  EXPECT_EQ(api.As(admin, "GET", "/v1/users?limit=1").status, 200);
  EXPECT_EQ(api.As("", "GET", "/v1/users?limit=1").status, 401);
}

}  // namespace
}  // namespace iris::testing
