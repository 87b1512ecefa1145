// SocialServices over gRPC: object-level authorization decided from Caller metadata (BOLA), and
// mass assignment refused by field name.
#include <gtest/gtest.h>

#include <unistd.h>

#include <random>

#include "iris/membership/v1/organizations.grpc.pb.h"
#include "iris/membership/v1/social_services.grpc.pb.h"
#include "libs/db/migrator.hpp"
#include "libs/grpc/channel.hpp"
#include "libs/grpc/server.hpp"
#include "libs/status/grpc_status.hpp"
#include "libs/status/status.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/app/organization_use_cases.hpp"
#include "services/membership/app/social_service_use_cases.hpp"
#include "services/membership/rpc/organization_grpc.hpp"
#include "services/membership/rpc/social_service_grpc.hpp"
#include "services/membership/storage/pg_organization_repository.hpp"
#include "services/membership/storage/pg_reference_repository.hpp"
#include "services/membership/storage/pg_social_service_repository.hpp"
#include "services/membership/storage/reference_cache.hpp"
#include "services/membership/storage/statements.hpp"
#include "services/membership/tests/membership_test_support.hpp"
#include "tests/support/rpc_server.hpp"
#include "tests/support/test_env.hpp"

namespace iris::membership {
namespace {

using namespace std::chrono_literals;
using iris::identity::Caller;
using Services = v1::SocialServices::Stub;
using Orgs = v1::Organizations::Stub;

Caller Admin() { return {"admin-1", "network_admin", "", "", {}, "rpc-svc"}; }
Caller Coordinator(std::string country) {
  return {"coord-" + country, "national_coordinator", "", std::move(country), {}, "rpc-svc"};
}
Caller MemberOf(const std::string& org) { return {"member-1", "member", org, "", {}, "rpc-svc"}; }
Caller Anonymous() { return {}; }

class SocialServiceRpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartServer({&services_api_, &orgs_api_}, pool_);
    ASSERT_NE(server_, nullptr);
    auto channel = server_->channel();
    services_ = v1::SocialServices::NewStub(channel);
    orgs_ = v1::Organizations::NewStub(channel);
  }
  // Stopped before the services and pool it calls are destroyed.
  void TearDown() override { server_.reset(); }

  template <typename Stub, typename Req, typename Resp>
  absl::Status Call(Stub& stub, const Caller& caller,
                    ::grpc::Status (Stub::*method)(::grpc::ClientContext*, const Req&, Resp*),
                    const Req& req, Resp* out) {
    return iris::testing::CallAs(stub, caller, method, req, out);
  }

  v1::Organization Org(const std::string& country) {
    v1::CreateOrganizationRequest req;
    req.mutable_organization()->set_name(Unique("Svc org"));
    req.mutable_organization()->set_country(country);
    req.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_MEMBER_CSO);
    v1::Organization out;
    auto s = Call(*orgs_, Admin(), &Orgs::CreateOrganization, req, &out);
    EXPECT_TRUE(s.ok()) << s;
    return out;
  }

  absl::Status Create(const Caller& caller, const std::string& org_id, v1::SocialService* out,
                      const std::string& extra_field = "") {
    v1::CreateSocialServiceRequest req;
    req.set_organization_id(org_id);
    auto* s = req.mutable_social_service();
    (*s->mutable_name()->mutable_values())["en"] = "Helpline";
    s->set_category("sos_helpline");
    if (extra_field == "organization_id") s->set_organization_id(org_id);
    if (extra_field == "version") s->set_version(7);
    return Call(*services_, caller, &Services::CreateSocialService, req, out);
  }

  absl::Status SetCapacity(const Caller& caller, const std::string& org_id, const std::string& id,
                           int capacity) {
    v1::UpdateSocialServiceRequest req;
    req.set_organization_id(org_id);
    req.set_id(id);
    req.mutable_social_service()->mutable_capacity()->set_value(capacity);
    req.mutable_fields()->add_paths("capacity");
    v1::SocialService out;
    return Call(*services_, caller, &Services::UpdateSocialService, req, &out);
  }

  absl::Status Delete(const Caller& caller, const std::string& org_id, const std::string& id) {
    v1::DeleteSocialServiceRequest req;
    req.set_organization_id(org_id);
    req.set_id(id);
    v1::DeleteSocialServiceResponse out;
    return Call(*services_, caller, &Services::DeleteSocialService, req, &out);
  }

  absl::Status ListOf(const Caller& caller, const std::string& org_id,
                      v1::ListSocialServicesResponse* out) {
    v1::ListSocialServicesRequest req;
    req.set_organization_id(org_id);
    return Call(*services_, caller, &Services::ListSocialServices, req, out);
  }

  db::Pool pool_{db::PoolConfig{.url = iris::testing::MembershipDatabaseUrl(), .size = 2},
                 storage::Statements()};
  storage::PgOrganizationRepository org_repo_;
  storage::PgReferenceRepository reference_;
  storage::ReferenceCache reference_codes_{reference_};
  storage::PgSocialServiceRepository repo_;
  app::OrganizationUseCases org_cases_{pool_, org_repo_, reference_codes_};
  app::SocialServiceUseCases service_cases_{pool_, repo_, org_repo_, reference_codes_};
  rpc::OrganizationGrpc orgs_api_{org_cases_};
  rpc::SocialServiceGrpc services_api_{service_cases_};
  std::unique_ptr<iris::testing::RpcServer> server_;
  std::unique_ptr<v1::SocialServices::Stub> services_;
  std::unique_ptr<v1::Organizations::Stub> orgs_;
};

TEST_F(SocialServiceRpcTest, MemberManagesOwnServicesButNotAnotherOrganisations) {
  const auto a = Org("RS");
  const auto b = Org("RS");
  v1::SocialService own, theirs;
  ASSERT_TRUE(Create(MemberOf(a.id()), a.id(), &own).ok());
  EXPECT_EQ(own.organization_id(), a.id());
  ASSERT_TRUE(Create(Admin(), b.id(), &theirs).ok());

  EXPECT_TRUE(SetCapacity(MemberOf(a.id()), a.id(), own.id(), 10).ok());
  EXPECT_TRUE(absl::IsPermissionDenied(SetCapacity(MemberOf(a.id()), b.id(), theirs.id(), 1)));
  EXPECT_TRUE(absl::IsPermissionDenied(Delete(MemberOf(a.id()), b.id(), theirs.id())));
  v1::SocialService out;
  EXPECT_TRUE(absl::IsPermissionDenied(Create(MemberOf(a.id()), b.id(), &out)));
  // B's service addressed under A's path is not A's to touch either.
  EXPECT_TRUE(absl::IsNotFound(SetCapacity(MemberOf(a.id()), a.id(), theirs.id(), 1)));
  EXPECT_TRUE(Delete(MemberOf(a.id()), a.id(), own.id()).ok());
}

TEST_F(SocialServiceRpcTest, CoordinatorManagesOnlyItsCountrysServices) {
  const auto rs = Org("RS");
  const auto ba = Org("BA");
  v1::SocialService in_rs, in_ba;
  ASSERT_TRUE(Create(Coordinator("RS"), rs.id(), &in_rs).ok());
  EXPECT_TRUE(absl::IsPermissionDenied(Create(Coordinator("RS"), ba.id(), &in_ba)));
  ASSERT_TRUE(Create(Admin(), ba.id(), &in_ba).ok());
  EXPECT_TRUE(absl::IsPermissionDenied(SetCapacity(Coordinator("RS"), ba.id(), in_ba.id(), 3)));
  EXPECT_TRUE(absl::IsPermissionDenied(Delete(Coordinator("RS"), ba.id(), in_ba.id())));
  EXPECT_TRUE(SetCapacity(Coordinator("BA"), ba.id(), in_ba.id(), 3).ok());
}

TEST_F(SocialServiceRpcTest, AnonymousCannotSeeServicesOfASuspendedOrganisation) {
  const auto org = Org("ME");
  v1::SocialService s;
  ASSERT_TRUE(Create(Admin(), org.id(), &s).ok());
  v1::ListSocialServicesResponse list;
  ASSERT_TRUE(ListOf(Anonymous(), org.id(), &list).ok());
  EXPECT_EQ(list.items_size(), 1);

  v1::OrganizationActionRequest suspend;
  suspend.set_id(org.id());
  suspend.set_note("audit pending");
  v1::Organization suspended;
  ASSERT_TRUE(Call(*orgs_, Admin(), &Orgs::SuspendOrganization, suspend, &suspended).ok());

  EXPECT_TRUE(absl::IsNotFound(ListOf(Anonymous(), org.id(), &list)));
  v1::GetSocialServiceRequest get;
  get.set_organization_id(org.id());
  get.set_id(s.id());
  v1::SocialService out;
  EXPECT_TRUE(
      absl::IsNotFound(Call(*services_, Anonymous(), &Services::GetSocialService, get, &out)));
  EXPECT_TRUE(absl::IsNotFound(
      Call(*services_, Coordinator("RS"), &Services::GetSocialService, get, &out)));
  // A member of another organisation gets "not found", not "forbidden", for writes too.
  EXPECT_TRUE(absl::IsNotFound(SetCapacity(MemberOf(Org("ME").id()), org.id(), s.id(), 1)));
  // Its own members and its country's coordinator still see it.
  EXPECT_TRUE(Call(*services_, MemberOf(org.id()), &Services::GetSocialService, get, &out).ok());
  EXPECT_TRUE(Call(*services_, Coordinator("ME"), &Services::GetSocialService, get, &out).ok());

  v1::ListSocialServicesRequest across;
  across.add_licensing_status("not_required");
  across.mutable_page()->set_limit(200);
  v1::ListSocialServicesResponse all;
  ASSERT_TRUE(Call(*services_, Anonymous(), &Services::ListSocialServices, across, &all).ok());
  for (const auto& item : all.items()) EXPECT_NE(item.id(), s.id());
}

TEST_F(SocialServiceRpcTest, AnonymousCannotWrite) {
  const auto org = Org("HR");
  v1::SocialService s;
  EXPECT_TRUE(absl::IsUnauthenticated(Create(Anonymous(), org.id(), &s)));
}

TEST_F(SocialServiceRpcTest, ServerOwnedFieldsAreRefusedByName) {
  const auto org = Org("AL");
  for (const std::string field : {"organization_id", "version"}) {
    v1::SocialService out;
    const auto s = Create(Admin(), org.id(), &out, field);
    ASSERT_TRUE(absl::IsInvalidArgument(s)) << s;
    const auto detail = status::DetailOf(s);
    ASSERT_GT(detail.errors_size(), 0);
    EXPECT_EQ(detail.errors(0).field(), field);
  }
}

}  // namespace
}  // namespace iris::membership
