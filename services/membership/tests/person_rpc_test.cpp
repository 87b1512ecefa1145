// People over gRPC: personal data is visible only to those responsible for the organisation;
// everyone else gets NOT_FOUND, for reads and writes alike (BOLA).
#include <gtest/gtest.h>

#include <unistd.h>

#include <random>
#include <set>

#include "iris/membership/v1/organizations.grpc.pb.h"
#include "iris/membership/v1/people.grpc.pb.h"
#include "libs/db/migrator.hpp"
#include "libs/grpc/channel.hpp"
#include "libs/grpc/server.hpp"
#include "libs/status/grpc_status.hpp"
#include "libs/status/status.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/app/organization_use_cases.hpp"
#include "services/membership/app/person_use_cases.hpp"
#include "services/membership/rpc/organization_grpc.hpp"
#include "services/membership/rpc/person_grpc.hpp"
#include "services/membership/storage/pg_organization_repository.hpp"
#include "services/membership/storage/pg_person_repository.hpp"
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

Caller Admin() { return {"admin-1", "network_admin", "", "", {}, "rpc-people"}; }
Caller Coordinator(std::string country) {
  return {"coord-" + country, "national_coordinator", "", std::move(country), {}, "rpc-people"};
}
Caller MemberOf(const std::string& org) {
  return {"member-1", "member", org, "", {}, "rpc-people"};
}
Caller Partner() { return {"partner-1", "partner", "", "", {}, "rpc-people"}; }

class PersonRpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartServer({&orgs_api_, &people_api_}, pool_);
    ASSERT_NE(server_, nullptr);
    auto channel = server_->channel();
    orgs_stub_ = v1::Organizations::NewStub(channel);
    stub_ = v1::People::NewStub(channel);
  }
  // Stopped before the services and pool it calls are destroyed.
  void TearDown() override { server_.reset(); }

  template <typename Req, typename Resp>
  absl::Status Call(const Caller& caller,
                    ::grpc::Status (v1::People::Stub::*method)(::grpc::ClientContext*, const Req&,
                                                               Resp*),
                    const Req& req, Resp* out) {
    return iris::testing::CallAs(*stub_, caller, method, req, out);
  }

  v1::Organization CreateOrg(const std::string& country) {
    v1::CreateOrganizationRequest req;
    req.mutable_organization()->set_name(Unique("Org"));
    req.mutable_organization()->set_country(country);
    req.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_MEMBER_CSO);
    v1::Organization out;
    ::grpc::ClientContext ctx;
    iris::grpc::PrepareContext(ctx, Admin(), 5000ms);
    EXPECT_TRUE(orgs_stub_->CreateOrganization(&ctx, req, &out).ok());
    return out;
  }

  absl::Status CreatePerson(const Caller& caller, const std::string& org_id, v1::Person* out) {
    v1::CreatePersonRequest req;
    req.set_organization_id(org_id);
    req.mutable_person()->set_name(Unique("Person"));
    req.mutable_person()->set_email("contact@example.org");
    return Call(caller, &v1::People::Stub::CreatePerson, req, out);
  }

  absl::Status Get(const Caller& caller, const std::string& id) {
    v1::GetPersonRequest req;
    req.set_id(id);
    v1::Person out;
    return Call(caller, &v1::People::Stub::GetPerson, req, &out);
  }

  db::Pool pool_{db::PoolConfig{.url = iris::testing::MembershipDatabaseUrl(), .size = 2},
                 storage::Statements()};
  storage::PgOrganizationRepository org_repo_;
  storage::PgReferenceRepository reference_;
  storage::ReferenceCache reference_codes_{reference_};
  storage::PgPersonRepository person_repo_;
  app::OrganizationUseCases orgs_{pool_, org_repo_, reference_codes_};
  app::PersonUseCases people_{pool_, person_repo_, org_repo_, reference_codes_};
  rpc::OrganizationGrpc orgs_api_{orgs_};
  rpc::PersonGrpc people_api_{people_};
  std::unique_ptr<iris::testing::RpcServer> server_;
  std::unique_ptr<v1::Organizations::Stub> orgs_stub_;
  std::unique_ptr<v1::People::Stub> stub_;
};

TEST_F(PersonRpcTest, MemberOfOneOrganizationCannotSeeOrTouchAnothersPeople) {
  const auto a = CreateOrg("RS");
  const auto b = CreateOrg("RS");
  v1::Person b_person;
  ASSERT_TRUE(CreatePerson(Admin(), b.id(), &b_person).ok());

  EXPECT_TRUE(absl::IsNotFound(Get(MemberOf(a.id()), b_person.id())));
  v1::UpdatePersonRequest update;
  update.set_id(b_person.id());
  update.mutable_person()->set_role("hijacked");
  v1::Person out;
  EXPECT_TRUE(
      absl::IsNotFound(Call(MemberOf(a.id()), &v1::People::Stub::UpdatePerson, update, &out)));
  v1::ErasePersonRequest erase;
  erase.set_id(b_person.id());
  google::protobuf::Empty empty;
  EXPECT_TRUE(
      absl::IsNotFound(Call(MemberOf(a.id()), &v1::People::Stub::ErasePerson, erase, &empty)));
  v1::GetPersonRequest exp;
  exp.set_id(b_person.id());
  v1::PersonExport exported;
  EXPECT_TRUE(
      absl::IsNotFound(Call(MemberOf(a.id()), &v1::People::Stub::ExportPerson, exp, &exported)));
  v1::ListPeopleRequest list;
  list.set_organization_id(b.id());
  v1::ListPeopleResponse page;
  EXPECT_TRUE(absl::IsNotFound(Call(MemberOf(a.id()), &v1::People::Stub::ListPeople, list, &page)));
  EXPECT_TRUE(absl::IsNotFound(CreatePerson(MemberOf(a.id()), b.id(), &out)));
  // Nothing changed, and B's own member still sees its person.
  v1::Person mine;
  EXPECT_TRUE(Get(MemberOf(b.id()), b_person.id()).ok());
  EXPECT_TRUE(CreatePerson(MemberOf(b.id()), b.id(), &mine).ok());
}

TEST_F(PersonRpcTest, CoordinatorsSeeTheirCountrysPeopleOnly) {
  const auto rs = CreateOrg("RS");
  v1::Person person;
  ASSERT_TRUE(CreatePerson(Admin(), rs.id(), &person).ok());
  EXPECT_TRUE(Get(Coordinator("RS"), person.id()).ok());
  EXPECT_TRUE(absl::IsNotFound(Get(Coordinator("BA"), person.id())));
}

TEST_F(PersonRpcTest, PartnersAndAnonymousCallersNeverSeePeople) {
  const auto org = CreateOrg("ME");
  v1::Person person;
  ASSERT_TRUE(CreatePerson(Admin(), org.id(), &person).ok());
  EXPECT_TRUE(absl::IsNotFound(Get(Partner(), person.id())));
  EXPECT_TRUE(absl::IsNotFound(Get(Caller{}, person.id())));
  v1::ListPeopleRequest list;
  list.set_organization_id(org.id());
  v1::ListPeopleResponse page;
  EXPECT_TRUE(absl::IsNotFound(Call(Partner(), &v1::People::Stub::ListPeople, list, &page)));
}

TEST_F(PersonRpcTest, MassAssignmentOfServerFieldsIsRefusedByName) {
  const auto org = CreateOrg("RS");
  const auto other = CreateOrg("RS");
  v1::CreatePersonRequest req;
  req.set_organization_id(org.id());
  req.mutable_person()->set_name("Ana");
  req.mutable_person()->set_organization_id(other.id());
  req.mutable_person()->set_version(42);
  v1::Person out;
  auto s = Call(Admin(), &v1::People::Stub::CreatePerson, req, &out);
  ASSERT_TRUE(absl::IsInvalidArgument(s)) << s;
  std::set<std::string> fields;
  const auto detail = status::DetailOf(s);
  for (const auto& e : detail.errors()) fields.insert(e.field());
  EXPECT_EQ(fields, (std::set<std::string>{"organization_id", "version"}));
}

}  // namespace
}  // namespace iris::membership
