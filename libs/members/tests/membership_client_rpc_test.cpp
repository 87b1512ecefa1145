// The membership client against a fake membership gRPC server: what an answer means to a service
// (a member's own suspended organisation is seen, and not active; NOT_FOUND is "no such
// organisation"), that the original caller travels along, and that a slow or absent membership
// is UNAVAILABLE (the 503 of a submission) within the deadline.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "iris/membership/v1/accounts.grpc.pb.h"
#include "iris/membership/v1/organizations.grpc.pb.h"
#include "libs/grpc/caller.hpp"
#include "libs/members/membership_client.hpp"
#include "libs/status/status.hpp"
#include "tests/support/rpc_server.hpp"

namespace iris::members {
namespace {

namespace v1 = iris::membership::v1;
using namespace std::chrono_literals;

constexpr const char* kSuspended = "11111111-1111-4111-8111-111111111111";
constexpr const char* kSlow = "22222222-2222-4222-8222-222222222222";
constexpr const char* kRefused = "33333333-3333-4333-8333-333333333333";

class FakeOrganizations final : public v1::Organizations::Service {
 public:
  ::grpc::Status GetOrganization(::grpc::ServerContext* ctx, const v1::GetOrganizationRequest* req,
                                 v1::Organization* out) override {
    last_subject = iris::grpc::CallerOf(*ctx).subject;
    if (req->id() == kSlow) std::this_thread::sleep_for(500ms);
    if (req->id() == kRefused) return {::grpc::StatusCode::PERMISSION_DENIED, "no"};
    if (req->id() != kSuspended) return {::grpc::StatusCode::NOT_FOUND, "not found"};
    out->set_id(req->id());
    out->set_name("Udruženje Sunce");
    out->set_country("BA");
    out->set_status(v1::ORGANIZATION_STATUS_SUSPENDED);
    return ::grpc::Status::OK;
  }
  std::string last_subject;
};

class FakeAccounts final : public v1::Accounts::Service {
 public:
  ::grpc::Status GetUser(::grpc::ServerContext*, const v1::GetUserRequest* req,
                         v1::User* out) override {
    if (req->id() != kSuspended) return {::grpc::StatusCode::NOT_FOUND, "not found"};
    out->set_id(req->id());
    out->set_name("Marija");
    out->set_role("reviewer");
    out->set_organization_id(kSlow);
    return ::grpc::Status::OK;
  }
};

class MembershipClientRpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<iris::testing::RpcServer>(
        "membership", std::vector<::grpc::Service*>{&organizations_, &accounts_},
        [] { return absl::OkStatus(); });
    ASSERT_TRUE(server_->Start().ok());
    client_ = std::make_unique<MembershipClient>(server_->channel(), 200ms);
  }

  const identity::Caller member_{.subject = "44444444-4444-4444-8444-444444444444",
                                 .role = "member",
                                 .organization_id = kSuspended,
                                 .request_id = "req-membership-client"};
  FakeOrganizations organizations_;
  FakeAccounts accounts_;
  std::unique_ptr<iris::testing::RpcServer> server_;
  std::unique_ptr<MembershipClient> client_;
};

TEST_F(MembershipClientRpcTest, AMembersOwnSuspendedOrganisationIsSeenAndNotActive) {
  auto org = client_->Organization(member_, kSuspended);
  ASSERT_TRUE(org.ok()) << org.status();
  EXPECT_TRUE(org->exists);
  EXPECT_FALSE(org->active);
  EXPECT_EQ(org->status, "suspended");
  EXPECT_EQ(org->name, "Udruženje Sunce");
  EXPECT_EQ(org->country, "BA");
  EXPECT_EQ(organizations_.last_subject, member_.subject) << "the caller travels along";
}

TEST_F(MembershipClientRpcTest, NotFoundMeansNoSuchOrganisationOrUser) {
  auto org = client_->Organization(member_, "55555555-5555-4555-8555-555555555555");
  ASSERT_TRUE(org.ok()) << org.status();
  EXPECT_FALSE(org->exists);
  auto user = client_->User(member_, "55555555-5555-4555-8555-555555555555");
  ASSERT_TRUE(user.ok()) << user.status();
  EXPECT_FALSE(user->exists);
}

TEST_F(MembershipClientRpcTest, AUserIsItsRoleOrganisationAndName) {
  auto user = client_->User(member_, kSuspended);
  ASSERT_TRUE(user.ok()) << user.status();
  EXPECT_TRUE(user->exists);
  EXPECT_EQ(user->role, "reviewer");
  EXPECT_EQ(user->organization_id, kSlow);
  EXPECT_EQ(user->name, "Marija");
}

TEST_F(MembershipClientRpcTest, ASlowMembershipIsUnavailableWithinTheDeadline) {
  const auto start = std::chrono::steady_clock::now();
  auto org = client_->Organization(member_, kSlow);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(org.status().code(), absl::StatusCode::kUnavailable) << org.status();
  EXPECT_EQ(status::DetailOf(org.status()).reason(), "unavailable");
  EXPECT_LT(took, 450ms);
}

// The caller's own deadline bounds the call too: nobody waits for an answer after it.
TEST_F(MembershipClientRpcTest, TheCallersDeadlineBoundsTheCall) {
  MembershipClient patient(server_->channel(), 5000ms);
  auto caller = member_;
  caller.deadline = std::chrono::system_clock::now() + 150ms;
  const auto start = std::chrono::steady_clock::now();
  auto org = patient.Organization(caller, kSlow);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(org.status().code(), absl::StatusCode::kUnavailable) << org.status();
  EXPECT_LT(took, 450ms);  // the slow membership answers after 500 ms
}

TEST_F(MembershipClientRpcTest, AnAbsentMembershipIsUnavailable) {
  // Nothing listens on port 1.
  MembershipClient absent("127.0.0.1:1", 500ms);
  auto org = absent.Organization(member_, kSuspended);
  EXPECT_EQ(org.status().code(), absl::StatusCode::kUnavailable) << org.status();
}

// Not the client's doing, so never a 500: a 503 like any dependency trouble (and logged).
TEST_F(MembershipClientRpcTest, AnyOtherRefusalIsUnavailableNotTheClientsFault) {
  auto org = client_->Organization(member_, kRefused);
  EXPECT_EQ(org.status().code(), absl::StatusCode::kUnavailable) << org.status();
  EXPECT_EQ(status::DetailOf(org.status()).reason(), "unavailable");
}

}  // namespace
}  // namespace iris::members
