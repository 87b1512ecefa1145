// Membership applications over gRPC: anyone submits; only network admins and the coordinator
// of the application's country read or decide it (BOLA).
#include <gtest/gtest.h>

#include <unistd.h>

#include <random>
#include <set>

#include "iris/membership/v1/applications.grpc.pb.h"
#include "libs/db/migrator.hpp"
#include "libs/grpc/channel.hpp"
#include "libs/grpc/server.hpp"
#include "libs/status/grpc_status.hpp"
#include "libs/status/status.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/app/application_use_cases.hpp"
#include "services/membership/rpc/application_grpc.hpp"
#include "services/membership/storage/pg_application_repository.hpp"
#include "services/membership/storage/pg_organization_repository.hpp"
#include "services/membership/storage/pg_reference_repository.hpp"
#include "services/membership/storage/reference_cache.hpp"
#include "services/membership/storage/statements.hpp"
#include "services/membership/tests/membership_test_support.hpp"
#include "tests/support/rpc_server.hpp"
#include "tests/support/test_env.hpp"

namespace iris::membership {
namespace {

using namespace std::chrono_literals;
using iris::identity::Caller;
using Stub = v1::Applications::Stub;

Caller Admin() { return {"admin-1", "network_admin", "", "", {}, "rpc-apps"}; }
Caller Coordinator(std::string country) {
  return {"coord-" + country, "national_coordinator", "", std::move(country), {}, "rpc-apps"};
}
Caller Member() {
  return {"member-1", "member", "00000000-0000-0000-0000-000000000001", "", {}, "rpc-apps"};
}

class ApplicationRpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartServer({&api_}, pool_);
    ASSERT_NE(server_, nullptr);
    stub_ = v1::Applications::NewStub(server_->channel());
  }
  // Stopped before the services and pool it calls are destroyed.
  void TearDown() override { server_.reset(); }

  template <typename Req, typename Resp>
  absl::Status Call(const Caller& caller,
                    ::grpc::Status (Stub::*method)(::grpc::ClientContext*, const Req&, Resp*),
                    const Req& req, Resp* out) {
    return iris::testing::CallAs(*stub_, caller, method, req, out);
  }

  v1::MembershipApplication Submit(const std::string& country) {
    v1::SubmitApplicationRequest req;
    auto* a = req.mutable_application();
    a->mutable_organization()->set_name(Unique("Applicant"));
    a->mutable_organization()->set_country(country);
    a->mutable_contact()->set_name("Ana");
    a->mutable_contact()->set_email("ana@example.org");
    v1::SubmittedApplication out;
    auto s = Call(Caller{}, &Stub::SubmitApplication, req, &out);
    EXPECT_TRUE(s.ok()) << s;
    EXPECT_EQ(out.status_token().rfind("iris_as_", 0), 0u);
    return out.application();
  }

  absl::Status Decide(const Caller& caller, const std::string& id, bool approve,
                      v1::MembershipApplication* out) {
    v1::ApplicationDecisionRequest req;
    req.set_id(id);
    req.set_note("reviewed");
    return Call(caller, approve ? &Stub::ApproveApplication : &Stub::RejectApplication, req, out);
  }

  db::Pool pool_{db::PoolConfig{.url = iris::testing::MembershipDatabaseUrl(), .size = 2},
                 storage::Statements()};
  storage::PgApplicationRepository repo_;
  storage::PgOrganizationRepository orgs_;
  storage::PgReferenceRepository reference_;
  storage::ReferenceCache reference_codes_{reference_};
  app::ApplicationUseCases use_cases_{pool_, repo_, orgs_, reference_codes_};
  rpc::ApplicationGrpc api_{use_cases_};
  std::unique_ptr<iris::testing::RpcServer> server_;
  std::unique_ptr<Stub> stub_;
};

TEST_F(ApplicationRpcTest, AnonymousSubmissionIsSubmitted) {
  const auto a = Submit("RS");
  EXPECT_EQ(a.status(), v1::APPLICATION_STATUS_SUBMITTED);
  EXPECT_EQ(a.organization().kind(), v1::ORGANIZATION_KIND_MEMBER_CSO);
  EXPECT_TRUE(a.organization_id().empty());
}

TEST_F(ApplicationRpcTest, CoordinatorOfAnotherCountryCannotSeeOrDecide) {
  const auto ba = Submit("BA");
  v1::MembershipApplication out;
  v1::GetApplicationRequest get;
  get.set_id(ba.id());
  EXPECT_TRUE(absl::IsNotFound(Call(Coordinator("RS"), &Stub::GetApplication, get, &out)));
  EXPECT_TRUE(absl::IsNotFound(Decide(Coordinator("RS"), ba.id(), true, &out)));
  EXPECT_TRUE(absl::IsNotFound(Decide(Coordinator("RS"), ba.id(), false, &out)));
  EXPECT_TRUE(absl::IsNotFound(Decide(Member(), ba.id(), true, &out)));
  EXPECT_TRUE(absl::IsNotFound(Call(Member(), &Stub::GetApplication, get, &out)));
  ASSERT_TRUE(Call(Admin(), &Stub::GetApplication, get, &out).ok());
  EXPECT_EQ(out.status(), v1::APPLICATION_STATUS_SUBMITTED) << "untouched";
  EXPECT_TRUE(Decide(Coordinator("BA"), ba.id(), true, &out).ok());
  EXPECT_EQ(out.status(), v1::APPLICATION_STATUS_APPROVED);
}

TEST_F(ApplicationRpcTest, ListIsForStaffAndScopedToTheCoordinatorsCountry) {
  const auto rs = Submit("RS");
  v1::ListApplicationsRequest req;
  req.mutable_page()->set_limit(200);
  v1::ListApplicationsResponse page;
  EXPECT_TRUE(absl::IsPermissionDenied(Call(Member(), &Stub::ListApplications, req, &page)));
  EXPECT_TRUE(absl::IsUnauthenticated(Call(Caller{}, &Stub::ListApplications, req, &page)));
  ASSERT_TRUE(Call(Coordinator("BA"), &Stub::ListApplications, req, &page).ok());
  for (const auto& a : page.items()) {
    EXPECT_EQ(a.organization().country(), "BA");
    EXPECT_NE(a.id(), rs.id());
  }
}

TEST_F(ApplicationRpcTest, ServerOwnedFieldsCannotBeSubmitted) {
  v1::SubmitApplicationRequest req;
  auto* a = req.mutable_application();
  a->mutable_organization()->set_name(Unique("Sneaky"));
  a->mutable_organization()->set_country("RS");
  a->mutable_contact()->set_name("Ana");
  a->mutable_contact()->set_email("ana@example.org");
  a->set_status(v1::APPLICATION_STATUS_APPROVED);
  a->set_organization_id("00000000-0000-0000-0000-000000000001");
  v1::SubmittedApplication out;
  auto s = Call(Caller{}, &Stub::SubmitApplication, req, &out);
  ASSERT_TRUE(absl::IsInvalidArgument(s)) << s;
  const auto detail = status::DetailOf(s);
  std::set<std::string> fields;
  for (const auto& e : detail.errors()) fields.insert(e.field());
  EXPECT_EQ(fields, (std::set<std::string>{"status", "organization_id"}));
}

}  // namespace
}  // namespace iris::membership
