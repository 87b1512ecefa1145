// Grant calls over gRPC: the mapping both ways (money in the call's currency, closes_on, the
// mask of fields sent, read-only fields refused by name) and who sees and changes what.
#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "grants_migrations.hpp"
#include "iris/grants/v1/calls.grpc.pb.h"
#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "libs/status/status.hpp"
#include "services/grants/app/call_use_cases.hpp"
#include "services/grants/rpc/call_grpc.hpp"
#include "services/grants/storage/pg_call_repository.hpp"
#include "services/grants/storage/statements.hpp"
#include "tests/support/rpc_server.hpp"
#include "tests/support/test_env.hpp"

namespace iris::grants {
namespace {

using iris::identity::Caller;
using Stub = v1::Calls::Stub;

std::string Url() { return iris::testing::RequireEnv("IRIS_TEST_GRANTS_DATABASE_URL"); }

Caller Admin() { return {"admin-1", "network_admin", "", "", {}, "rpc-calls"}; }
Caller Member() {
  return {"member-1", "member", "00000000-0000-0000-0000-000000000001", "", {}, "rpc-calls"};
}

class CallRpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db::MigrateService(Url(), "grants", migrations::kAll).ok());
    server_ = std::make_unique<iris::testing::RpcServer>(
        "grants", std::vector<::grpc::Service*>{&api_}, [this] { return pool_.Ping(); });
    ASSERT_TRUE(server_->Start().ok());
    stub_ = v1::Calls::NewStub(server_->channel());
  }
  // Stopped before the services and pool it calls are destroyed.
  void TearDown() override { server_.reset(); }

  template <typename Req, typename Resp>
  absl::Status Call(const Caller& caller,
                    ::grpc::Status (Stub::*method)(::grpc::ClientContext*, const Req&, Resp*),
                    const Req& req, Resp* out) {
    return iris::testing::CallAs(*stub_, caller, method, req, out);
  }

  static v1::CreateCallRequest NewCall(const std::string& title) {
    v1::CreateCallRequest req;
    auto* c = req.mutable_call();
    (*c->mutable_title()->mutable_values())["en"] = title;
    c->mutable_opens_at()->set_seconds(1893456000);  // 2030-01-01T00:00:00Z
    c->set_closes_on("2030-03-31");
    c->mutable_budget()->set_amount(3000000);
    c->mutable_budget()->set_currency("EUR");
    c->mutable_max_award()->set_amount(800000);
    c->mutable_max_award()->set_currency("EUR");
    c->add_eligible_countries("MK");
    auto* allocation = c->add_country_allocations();
    allocation->set_country("MK");
    allocation->mutable_amount()->set_amount(1200000);
    allocation->mutable_amount()->set_currency("EUR");
    auto* criterion = c->add_criteria();
    criterion->set_key("relevance");
    (*criterion->mutable_name()->mutable_values())["en"] = "Relevance";
    criterion->set_weight(100);
    return req;
  }

  db::Pool pool_{db::PoolConfig{.url = Url(), .size = 2}, storage::Statements()};
  storage::PgCallRepository repo_;
  app::CallUseCases calls_{pool_, repo_};
  rpc::CallGrpc api_{calls_};
  std::unique_ptr<iris::testing::RpcServer> server_;
  std::unique_ptr<Stub> stub_;
};

TEST_F(CallRpcTest, CreateMapsEveryFieldAndReadsBackTheClosingDay) {
  v1::GrantCall c;
  auto s = Call(Admin(), &Stub::CreateCall, NewCall(iris::testing::UniqueName("Rpc")), &c);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(c.status(), v1::CALL_STATUS_DRAFT);
  EXPECT_EQ(c.closes_on(), "2030-03-31");
  // 31 March 2030 ends after the switch to summer time (30 March): UTC+2.
  EXPECT_EQ(c.closes_at().seconds(), 1901224800);  // 2030-03-31T22:00:00Z
  EXPECT_EQ(c.timezone(), "Europe/Belgrade");
  EXPECT_EQ(c.max_award().currency(), "EUR");
  EXPECT_EQ(c.awarded().amount(), 0);
  EXPECT_EQ(c.awarded().currency(), "EUR");
  ASSERT_EQ(c.country_allocations_size(), 1);
  EXPECT_EQ(c.country_allocations(0).amount().currency(), "EUR");
  EXPECT_EQ(c.criteria(0).name().values().at("en"), "Relevance");
  EXPECT_FALSE(c.has_status_changed_at());
  EXPECT_FALSE(c.has_description());
}

TEST_F(CallRpcTest, ReadOnlyFieldsAreRefusedByNameMaskOrNot) {
  auto req = NewCall(iris::testing::UniqueName("Rpc read-only"));
  req.mutable_call()->set_status(v1::CALL_STATUS_OPEN);
  req.mutable_call()->set_version(7);
  req.mutable_fields()->add_paths("title");  // a mask that leaves them out still names them
  v1::GrantCall c;
  auto s = Call(Admin(), &Stub::CreateCall, req, &c);
  ASSERT_TRUE(absl::IsInvalidArgument(s)) << s;
  std::set<std::string> fields;
  const auto detail = status::DetailOf(s);
  for (const auto& e : detail.errors()) fields.insert(e.field());
  EXPECT_TRUE(fields.count("status"));
  EXPECT_TRUE(fields.count("version"));
}

TEST_F(CallRpcTest, AnUpdateChangesOnlyTheFieldsItsMaskNames) {
  v1::GrantCall c;
  ASSERT_TRUE(
      Call(Admin(), &Stub::CreateCall, NewCall(iris::testing::UniqueName("Rpc patch")), &c).ok());
  v1::UpdateCallRequest req;
  req.set_id(c.id());
  req.mutable_call()->set_timezone("Europe/Skopje");
  req.mutable_call()->set_closes_on("2030-04-15");
  req.mutable_fields()->add_paths("timezone");
  req.mutable_fields()->add_paths("closes_on");
  req.set_expected_version(c.version());
  v1::GrantCall saved;
  auto s = Call(Admin(), &Stub::UpdateCall, req, &saved);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(saved.timezone(), "Europe/Skopje");
  EXPECT_EQ(saved.closes_on(), "2030-04-15");
  EXPECT_EQ(saved.budget().amount(), 3000000);  // not in the mask: unchanged
  EXPECT_EQ(saved.version(), c.version() + 1);
}

TEST_F(CallRpcTest, DraftsAreNotFoundToMembersAndVerbsAreAdminsOnly) {
  v1::GrantCall c;
  ASSERT_TRUE(
      Call(Admin(), &Stub::CreateCall, NewCall(iris::testing::UniqueName("Rpc draft")), &c).ok());
  v1::GetCallRequest get;
  get.set_id(c.id());
  v1::GrantCall out;
  EXPECT_TRUE(absl::IsNotFound(Call(Member(), &Stub::GetCall, get, &out)));
  EXPECT_TRUE(absl::IsNotFound(Call(Caller{}, &Stub::GetCall, get, &out)));
  v1::CallActionRequest open;
  open.set_id(c.id());
  EXPECT_TRUE(absl::IsNotFound(Call(Member(), &Stub::OpenCall, open, &out)));
  auto s = Call(Admin(), &Stub::OpenCall, open, &out);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(out.status(), v1::CALL_STATUS_OPEN);
  EXPECT_TRUE(Call(Caller{}, &Stub::GetCall, get, &out).ok());
  v1::CallActionRequest close = open;
  EXPECT_TRUE(absl::IsPermissionDenied(Call(Member(), &Stub::CloseCall, close, &out)));
  EXPECT_TRUE(absl::IsUnauthenticated(Call(Caller{}, &Stub::CloseCall, close, &out)));

  v1::ListCallsRequest list;
  list.add_country("MK");
  list.mutable_page()->set_limit(200);
  v1::ListCallsResponse page;
  s = Call(Caller{}, &Stub::ListCalls, list, &page);
  ASSERT_TRUE(s.ok()) << s;
  bool found = false;
  for (const auto& item : page.items()) found = found || item.id() == c.id();
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace iris::grants
