// Organizations over gRPC: object-level authorization decided from Caller metadata.
#include <gtest/gtest.h>

#include <unistd.h>

#include <random>
#include <set>

#include "iris/membership/v1/organizations.grpc.pb.h"
#include "libs/db/migrator.hpp"
#include "libs/grpc/channel.hpp"
#include "libs/grpc/server.hpp"
#include "libs/status/grpc_status.hpp"
#include "libs/status/status.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/app/organization_use_cases.hpp"
#include "services/membership/rpc/organization_grpc.hpp"
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

Caller Admin() { return {"admin-1", "network_admin", "", "", {}, "rpc-org"}; }
Caller Coordinator(std::string country) {
  return {"coord-" + country, "national_coordinator", "", std::move(country), {}, "rpc-org"};
}
Caller MemberOf(const std::string& org) { return {"member-1", "member", org, "", {}, "rpc-org"}; }
Caller Anonymous() { return {}; }

class OrganizationRpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartServer({&api_}, pool_);
    ASSERT_NE(server_, nullptr);
    stub_ = v1::Organizations::NewStub(server_->channel());
  }
  // Stopped before the services and pool it calls are destroyed.
  void TearDown() override { server_.reset(); }

  // Runs one RPC as `caller`; returns the status as the service's absl::Status.
  template <typename Req, typename Resp>
  absl::Status Call(const Caller& caller,
                    ::grpc::Status (v1::Organizations::Stub::*method)(::grpc::ClientContext*,
                                                                      const Req&, Resp*),
                    const Req& req, Resp* out) {
    return iris::testing::CallAs(*stub_, caller, method, req, out);
  }

  v1::Organization Create(const std::string& country, const std::string& name) {
    v1::CreateOrganizationRequest req;
    req.mutable_organization()->set_name(name);
    req.mutable_organization()->set_country(country);
    req.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_MEMBER_CSO);
    v1::Organization out;
    auto s = Call(Admin(), &v1::Organizations::Stub::CreateOrganization, req, &out);
    EXPECT_TRUE(s.ok()) << s;
    return out;
  }

  // Calls Suspend-, Reinstate- or WithdrawOrganization, as `verb` says.
  absl::Status ChangeStatus(const Caller& caller, const std::string& id, const std::string& verb,
                            const std::string& note, v1::Organization* out, int64_t expected = 0) {
    v1::OrganizationActionRequest req;
    req.set_id(id);
    req.set_note(note);
    req.set_expected_version(expected);
    using Stub = v1::Organizations::Stub;
    auto method = verb == "suspend"     ? &Stub::SuspendOrganization
                  : verb == "reinstate" ? &Stub::ReinstateOrganization
                                        : &Stub::WithdrawOrganization;
    return Call(caller, method, req, out);
  }

  absl::Status UpdateCity(const Caller& caller, const std::string& id, const std::string& city,
                          v1::Organization* out, int64_t expected = 0) {
    v1::UpdateOrganizationRequest req;
    req.set_id(id);
    req.mutable_organization()->set_city(city);
    req.mutable_fields()->add_paths("city");
    req.set_expected_version(expected);
    return Call(caller, &v1::Organizations::Stub::UpdateOrganization, req, out);
  }

  absl::Status Get(const Caller& caller, const std::string& id, v1::Organization* out) {
    v1::GetOrganizationRequest req;
    req.set_id(id);
    return Call(caller, &v1::Organizations::Stub::GetOrganization, req, out);
  }

  db::Pool pool_{db::PoolConfig{.url = iris::testing::MembershipDatabaseUrl(), .size = 2},
                 storage::Statements()};
  storage::PgOrganizationRepository repo_;
  storage::PgReferenceRepository reference_;
  storage::ReferenceCache reference_codes_{reference_};
  app::OrganizationUseCases use_cases_{pool_, repo_, reference_codes_};
  rpc::OrganizationGrpc api_{use_cases_};
  std::unique_ptr<iris::testing::RpcServer> server_;
  std::unique_ptr<v1::Organizations::Stub> stub_;
};

TEST_F(OrganizationRpcTest, MemberOfOneOrganisationCannotUpdateAnother) {
  const auto a = Create("RS", Unique("Org A"));
  const auto b = Create("RS", Unique("Org B"));
  v1::Organization out;
  // B is in the public directory: the member may read it, so "forbidden", not "not found".
  EXPECT_TRUE(absl::IsPermissionDenied(UpdateCity(MemberOf(a.id()), b.id(), "Novi Sad", &out)));
  ASSERT_TRUE(ChangeStatus(Admin(), b.id(), "suspend", "unpaid fees", &out).ok());
  EXPECT_TRUE(absl::IsNotFound(UpdateCity(MemberOf(a.id()), b.id(), "Novi Sad", &out)));
  EXPECT_TRUE(Get(Admin(), b.id(), &out).ok());
  EXPECT_EQ(out.city(), "");

  auto own = UpdateCity(MemberOf(a.id()), a.id(), "Novi Sad", &out);
  ASSERT_TRUE(own.ok()) << own;
  EXPECT_EQ(out.city(), "Novi Sad");
  EXPECT_EQ(out.version(), 2);
}

TEST_F(OrganizationRpcTest, MembersCannotMoveTheirOrganisationOrRunItsLifecycle) {
  const auto a = Create("RS", Unique("Org Move"));
  v1::UpdateOrganizationRequest req;
  req.set_id(a.id());
  req.mutable_organization()->set_country("BA");
  req.mutable_fields()->add_paths("country");
  v1::Organization out;
  EXPECT_TRUE(absl::IsPermissionDenied(
      Call(MemberOf(a.id()), &v1::Organizations::Stub::UpdateOrganization, req, &out)));
  EXPECT_TRUE(
      absl::IsPermissionDenied(ChangeStatus(MemberOf(a.id()), a.id(), "suspend", "x", &out)));
}

TEST_F(OrganizationRpcTest, CoordinatorRegistersOnlyInItsOwnCountry) {
  v1::CreateOrganizationRequest req;
  req.mutable_organization()->set_name(Unique("Coordinated"));
  req.mutable_organization()->set_country("BA");
  req.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_PARTNER);
  v1::Organization out;
  EXPECT_TRUE(absl::IsPermissionDenied(
      Call(Coordinator("RS"), &v1::Organizations::Stub::CreateOrganization, req, &out)));
  auto ok = Call(Coordinator("BA"), &v1::Organizations::Stub::CreateOrganization, req, &out);
  ASSERT_TRUE(ok.ok()) << ok;
  EXPECT_EQ(out.status(), v1::ORGANIZATION_STATUS_ACTIVE);
  EXPECT_EQ(out.joined_at().size(), 10u);
  // The RS coordinator may read the active BA organisation but not change it.
  v1::Organization after;
  EXPECT_TRUE(
      absl::IsPermissionDenied(ChangeStatus(Coordinator("RS"), out.id(), "suspend", "x", &after)));
}

TEST_F(OrganizationRpcTest, AnonymousCallersDoNotSeeSuspendedOrganisations) {
  const auto org = Create("ME", Unique("Hidden"));
  v1::Organization out;
  EXPECT_TRUE(Get(Anonymous(), org.id(), &out).ok());
  ASSERT_TRUE(ChangeStatus(Coordinator("ME"), org.id(), "suspend", "audit pending", &out).ok());
  EXPECT_EQ(out.status(), v1::ORGANIZATION_STATUS_SUSPENDED);
  EXPECT_EQ(out.status_note(), "audit pending");
  EXPECT_TRUE(absl::IsNotFound(Get(Anonymous(), org.id(), &out)));
  EXPECT_TRUE(absl::IsNotFound(Get(Coordinator("RS"), org.id(), &out)));
  EXPECT_TRUE(Get(Coordinator("ME"), org.id(), &out).ok());
  EXPECT_TRUE(absl::IsNotFound(Get(Anonymous(), "abc", &out)));

  v1::ListOrganizationsRequest list;
  list.set_q(org.name());
  v1::ListOrganizationsResponse page;
  ASSERT_TRUE(Call(Anonymous(), &v1::Organizations::Stub::ListOrganizations, list, &page).ok());
  EXPECT_EQ(page.items_size(), 0);
  ASSERT_TRUE(Call(Admin(), &v1::Organizations::Stub::ListOrganizations, list, &page).ok());
  EXPECT_EQ(page.items_size(), 1);
}

TEST_F(OrganizationRpcTest, ClientsCannotWriteReadOnlyFields) {
  v1::CreateOrganizationRequest req;
  const std::string name = Unique("Mass Assignment");
  req.mutable_organization()->set_name(name);
  req.mutable_organization()->set_country("RS");
  req.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_MEDIA);
  req.mutable_organization()->set_status(v1::ORGANIZATION_STATUS_SUSPENDED);
  for (const char* f : {"name", "country", "kind", "status"}) req.mutable_fields()->add_paths(f);
  v1::Organization out;
  auto s = Call(Admin(), &v1::Organizations::Stub::CreateOrganization, req, &out);
  ASSERT_TRUE(absl::IsInvalidArgument(s)) << s;
  const auto detail = iris::status::DetailOf(s);
  ASSERT_EQ(detail.errors_size(), 1);
  EXPECT_EQ(detail.errors(0).field(), "status");

  v1::ListOrganizationsRequest list;
  list.set_q(name);
  v1::ListOrganizationsResponse page;
  ASSERT_TRUE(Call(Admin(), &v1::Organizations::Stub::ListOrganizations, list, &page).ok());
  EXPECT_EQ(page.items_size(), 0) << "nothing is written";

  // The same through PATCH, even without a field mask.
  const auto org = Create("RS", Unique("Patched"));
  v1::UpdateOrganizationRequest patch;
  patch.set_id(org.id());
  patch.mutable_organization()->set_version(99);
  s = Call(Admin(), &v1::Organizations::Stub::UpdateOrganization, patch, &out);
  ASSERT_TRUE(absl::IsInvalidArgument(s)) << s;
  EXPECT_EQ(iris::status::DetailOf(s).errors(0).field(), "version");
}

TEST_F(OrganizationRpcTest, LifecycleRefusesInvalidTransitionsMissingNotesAndStaleVersions) {
  const auto org = Create("XK", Unique("Lifecycle"));
  v1::Organization out;
  auto s = ChangeStatus(Admin(), org.id(), "reinstate", "", &out);
  EXPECT_TRUE(absl::IsFailedPrecondition(s)) << s;
  EXPECT_EQ(iris::status::DetailOf(s).reason(), "invalid_transition");

  s = ChangeStatus(Admin(), org.id(), "suspend", "  ", &out);
  ASSERT_TRUE(absl::IsInvalidArgument(s)) << s;
  EXPECT_EQ(iris::status::DetailOf(s).errors(0).field(), "note");

  s = ChangeStatus(Admin(), org.id(), "suspend", "late report", &out, /*expected=*/7);
  EXPECT_EQ(iris::status::DetailOf(s).reason(), "stale_version") << s;

  ASSERT_TRUE(ChangeStatus(Admin(), org.id(), "suspend", "late report", &out, 1).ok());
  ASSERT_TRUE(ChangeStatus(Admin(), org.id(), "reinstate", "", &out, 2).ok());
  EXPECT_EQ(out.status(), v1::ORGANIZATION_STATUS_ACTIVE);
  ASSERT_TRUE(ChangeStatus(Admin(), org.id(), "withdraw", "closed down", &out).ok());
  EXPECT_EQ(out.status(), v1::ORGANIZATION_STATUS_WITHDRAWN);
  EXPECT_EQ(out.version(), 4);
  EXPECT_GT(out.status_changed_at().seconds(), 0);
  s = ChangeStatus(Admin(), org.id(), "suspend", "again", &out);
  EXPECT_EQ(iris::status::DetailOf(s).reason(), "invalid_transition");
}

TEST_F(OrganizationRpcTest, ValidationNamesEveryBadField) {
  v1::CreateOrganizationRequest req;
  req.mutable_organization()->set_country("DE");
  req.mutable_organization()->set_email("nope");
  req.mutable_organization()->set_website("javascript:alert(1)");
  req.mutable_organization()->add_target_groups("aliens");
  v1::Organization out;
  auto s = Call(Admin(), &v1::Organizations::Stub::CreateOrganization, req, &out);
  ASSERT_TRUE(absl::IsInvalidArgument(s)) << s;
  std::set<std::string> fields;
  const auto detail = iris::status::DetailOf(s);
  for (const auto& e : detail.errors()) fields.insert(e.field());
  EXPECT_EQ(fields, (std::set<std::string>{"name", "country", "kind", "email", "website",
                                           "target_groups[0]"}));
}

}  // namespace
}  // namespace iris::membership
